/**
 * Renaming a transcript in VS Code takes its highlights along: the highlights file moves to
 * the new name with its `source`, and every highlight stays anchored.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, file, read, root, until } from './support';

describe('renaming a transcript', function () {
  this.timeout(60000);

  it('moves its highlights file with it, every highlight still in place', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const before = model.workspace!.highlightFiles.get('highlights/transcripts/interviews/p03.md.yaml')!;
    const ids = before.highlights.map((h) => h.id).sort();
    assert.ok(ids.length > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(vscode.Uri.joinPath(root(), 'transcripts/interviews/p03.md'), vscode.Uri.joinPath(root(), 'transcripts/interviews/p03-follow-up.md'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const moved = 'highlights/transcripts/interviews/p03-follow-up.md.yaml';
    await until('the highlights file at the new name', () => existsSync(file(moved)) && !existsSync(file('highlights/transcripts/interviews/p03.md.yaml')), 15000);
    assert.match(await read(moved), /^source: transcripts\/interviews\/p03-follow-up\.md$/m);
    // Wait for a load after both the new file and the removal of the old one (one in between sees both).
    const old = 'highlights/transcripts/interviews/p03.md.yaml';
    const ws = await until('the study reloaded', () => (model.workspace!.highlightFiles.has(moved) && !model.workspace!.highlightFiles.has(old) ? model.workspace! : undefined), 15000);
    assert.deepEqual(
      ws.highlightFiles
        .get(moved)!
        .highlights.map((h) => h.id)
        .sort(),
      ids,
    );
    assert.ok(
      ids.every((id) => ws.anchoring.get(id)?.state === 'anchored'),
      'all anchored',
    );
    assert.deepEqual(
      ws.problems.filter((p) => p.severity === 'error').map((p) => p.message),
      [],
    );
  });
});
