/**
 * The affinity board in Restricted Mode: it shows the study, but a drag, the keys that move
 * cards or make themes, and the theme buttons change no file.
 */
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import { board, card, HANDOVER, screenshot } from './board-support';
import { clickInWebview, dragInWebview, press } from './keyboard';
import { api, file } from './support';

describe('affinity board in Restricted Mode', function () {
  this.timeout(90000);

  it('shows the cards and themes but moves nothing', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await api();
    await vscode.commands.executeCommand('sift.openBoard');
    const r = await board('cards on the board', (x) => (x.columns['']?.length ?? 0) > 0 && (x.columns[HANDOVER]?.length ?? 0) > 0);
    const themes = async () => Promise.all((await fsp.readdir(file('themes'))).sort().map(async (f) => [f, await fsp.readFile(file(`themes/${f}`), 'utf8')]));
    const before = await themes();
    const id = r.columns['']![0]!;
    await dragInWebview(card(id), `.column[data-key="${HANDOVER}"] .column-title`);
    await clickInWebview(card(id));
    await board('the focused card', (x) => x.focused === id);
    for (const key of ['Space', 'n', 'm', 'Alt+ArrowRight']) await press(key);
    await press('Escape');
    await new Promise((done) => setTimeout(done, 1500));
    assert.deepEqual(await themes(), before);
    await board('the card still unsorted', (x) => x.columns['']!.includes(id));
    await screenshot('board-restricted');
  });
});
