/**
 * Personas in Restricted Mode: the cards show, but "Generate Personas…" writes nothing (it
 * refuses before asking anything).
 */
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { RenderedReport } from '../../src/protocol/persona';
import { api, file, read, until } from './support';

const HAND_WRITTEN = 'caught-out-at-pension-age';

describe('personas in Restricted Mode', function () {
  this.timeout(60000);

  it('shows a persona card but generates no persona', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await api();
    const personas = async () => Promise.all((await fsp.readdir(file('personas'))).sort().map(async (f) => [f, await fsp.readFile(file(`personas/${f}`), 'utf8')]));
    const before = await personas();
    const outcome = await vscode.commands.executeCommand('sift.generatePersonas', { k: 2, attributes: [] });
    assert.equal(outcome, undefined);
    await new Promise((done) => setTimeout(done, 1000));
    assert.deepEqual(await personas(), before);

    await vscode.commands.executeCommand('sift.openPersona', HAND_WRITTEN);
    const name = (parse(await read(`personas/${HAND_WRITTEN}.yaml`)) as { name: string }).name;
    const shown = await until('the card', async () => (await vscode.commands.executeCommand<RenderedReport | undefined>('sift.persona.rendered', HAND_WRITTEN))?.name === name, 15000);
    assert.ok(shown);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
