/**
 * Restricted Mode (the folder not trusted; the harness's `--restricted` run): Sift shows the
 * analysis — highlights painted, problems listed — but writes nothing: not when tagging, not
 * when a refactor is asked for, not when a transcript is edited and saved, and no cache.
 */
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, firstUntaggedSentence, openTranscript, P01, P01_HIGHLIGHTS, read, root, select, until } from './support';

/** Every file under the study folder with its bytes, as text. */
async function everyFile(dir = root().fsPath, out = new Map<string, string>()): Promise<Map<string, string>> {
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await everyFile(full, out);
    else out.set(path.relative(root().fsPath, full), await fsp.readFile(full, 'latin1'));
  }
  return out;
}

describe('Restricted Mode', function () {
  this.timeout(60000);

  it('the folder is untrusted, and Sift still loads and paints the highlights', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const sift = await api();
    const ws = await until('the workspace to load', () => sift.context.models[0]?.workspace);
    assert.ok([...ws.highlightFiles.values()].reduce((n, f) => n + f.highlights.length, 0) >= 80);
    const editor = await openTranscript(P01);
    await until('decorations', () => (sift.painted.get(editor.document.uri.toString())?.length ?? 0) > 0);
  });

  it('writes no file: tagging, refactoring, and saving an edited transcript are refused or left alone', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const before = await everyFile();
    const editor = await openTranscript(P01);

    select(editor, firstUntaggedSentence(editor.document.getText(), await read(P01_HIGHLIGHTS)));
    await vscode.commands.executeCommand('sift.tagSelection', { tags: ['waiting-time'] });

    const { renameTag } = await import('../../src/core/codebook/refactor');
    const refused = await model.change('Rename tag', (plan, ws) => renameTag(plan, ws, 'waiting-time', { label: 'Waiting' }));
    assert.deepEqual(
      refused.map((p) => p.code),
      ['restricted'],
    );

    // The researcher's own edit and save of the transcript is theirs to make; Sift must not follow it with writes.
    const firstTurn = editor.document.getText().indexOf('\nInterviewer:');
    await editor.edit((b) => b.insert(editor.document.positionAt(firstTurn), '\n[Note added in Restricted Mode.]\n'));
    await editor.document.save();
    await new Promise((r) => setTimeout(r, 1500)); // time for any (wrong) write to land

    const after = await everyFile();
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((rel) => before.get(rel) !== after.get(rel));
    assert.deepEqual(changed, [P01], 'only the transcript the researcher saved changed');
  });
});
