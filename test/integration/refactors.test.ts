/**
 * Codebook refactors in the real VS Code: merged in one WorkspaceEdit across every file and
 * undone with one Undo; moved under another tag from its context command (the keyboard way
 * to what dragging in the Codebook does); and the quick fix that re-anchors an orphaned
 * highlight to the passage the researcher selects.
 */
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import { drag, press, typeText } from './keyboard';
import { api, file, openTranscript, read, root, select, until } from './support';

/** Every YAML file of the study with its text. */
async function yamlFiles(): Promise<Map<string, string>> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(root(), '**/*.yaml'));
  const out = new Map<string, string>();
  for (const uri of found.sort((a, b) => a.path.localeCompare(b.path))) out.set(vscode.workspace.asRelativePath(uri, false), await fsp.readFile(uri.fsPath, 'utf8'));
  return out;
}

describe('codebook refactors and quick fixes', function () {
  this.timeout(60000);

  it('merges a tag into another across every file in one edit, and one Undo restores every file', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const { mergeTags } = await import('../../src/core/codebook/refactor');
    const before = await yamlFiles();
    const users = [...before].filter(([rel, text]) => rel.startsWith('highlights/') && /\brepeating-myself\b/.test(text)).map(([rel]) => rel);
    assert.ok(users.length >= 2, `repeating-myself is used in ${users.length} files`);

    const problems = await model.change('Merge tags', (plan, ws) => mergeTags(plan, ws, ['repeating-myself'], 'passed-around'));
    assert.deepEqual(
      problems.filter((p) => p.severity === 'error'),
      [],
    );
    const merged = await yamlFiles();
    for (const rel of [...users, 'codebook.yaml']) assert.ok(!/\brepeating-myself\b(?!\])/.test(merged.get(rel)!.replace(/aliases: \[[^\]]*\]/g, '')), `${rel} still uses the merged tag`);
    const changed = [...merged].filter(([rel, text]) => before.get(rel) !== text).map(([rel]) => rel);
    assert.ok(changed.length >= users.length + 1, `changed: ${changed.join(', ')}`);

    // Undo, as a researcher would: in an editor of one of the files. VS Code asks whether to undo
    // the edit in all the files it touched; the default answer is yes.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'codebook.yaml')));
    const undoing = vscode.commands.executeCommand('undo');
    await new Promise((r) => setTimeout(r, 1000));
    console.log('sift-screenshot: undo-merge');
    await new Promise((r) => setTimeout(r, 800));
    const asked = vscode.workspace.textDocuments.every((d) => !changed.includes(vscode.workspace.asRelativePath(d.uri, false)) || !d.isDirty);
    if (asked) await press('Enter');
    await undoing;
    await until('every file to be undone in its editor', () => changed.every((rel) => vscode.workspace.textDocuments.find((d) => vscode.workspace.asRelativePath(d.uri, false) === rel)?.getText() === before.get(rel)));
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    const after = await until('the undone files on disk', async () => {
      const now = await yamlFiles();
      return changed.every((rel) => now.get(rel) === before.get(rel)) ? now : undefined;
    });
    assert.deepEqual([...after], [...before]);
    await until('the merged tag back in the model', () => model.workspace!.codebook.some((t) => t.id === 'repeating-myself'));
  });

  it('moves a tag under another from its “Move Under…” command, picked with the keyboard', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const tag = model.workspace!.codebook.find((t) => t.id === 'workarounds')!;
    const newParent = model.workspace!.codebook.find((t) => t.id !== tag.id && t.id !== tag.parent && !t.parent && t.label.startsWith('Money')) ?? model.workspace!.codebook.find((t) => t.id !== tag.id && t.id !== tag.parent && !t.parent)!;
    const moving = vscode.commands.executeCommand('sift.codebook.move', { kind: 'tag', model, tag, tagId: tag.id });
    await new Promise((r) => setTimeout(r, 800));
    await typeText(newParent.label);
    await new Promise((r) => setTimeout(r, 400));
    await press('Enter');
    await moving;
    const codebook = await read('codebook.yaml');
    const entry = new RegExp(`- id: workarounds\\n(?:\\s{4}\\w.*\\n)*?\\s{4}parent: ${newParent.id}\\n`);
    assert.match(codebook, entry);
    await until('the Codebook tree to show the new parent', () => model.workspace!.codebook.find((t) => t.id === 'workarounds')?.parent === newParent.id);
  });

  it('moves a tag under another by dragging it in the Codebook view with the mouse', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const codebook = () => model.workspace!.codebook;
    // Near the top of the tree, so both rows are on screen in the side bar.
    const tag = codebook().find((t) => t.id === 'letters-and-jargon')!;
    const target = codebook().find((t) => t.id === 'service-access')!;
    assert.notEqual(tag.parent, target.id);
    await vscode.commands.executeCommand('sift.codebook.focus');
    await new Promise((r) => setTimeout(r, 1000));
    console.log('sift-screenshot: codebook-before-drag');
    await new Promise((r) => setTimeout(r, 800));
    const row = (label: string) => ({ css: '.monaco-list-row', text: label });
    await drag(row(tag.label), row(target.label));
    await until('the tag under its new parent', () => codebook().find((t) => t.id === tag.id)?.parent === target.id, 15000);
    assert.match(await read('codebook.yaml'), new RegExp(`- id: ${tag.id}\\n(?:\\s{4}\\w.*\\n)*?\\s{4}parent: ${target.id}\\n`));
  });

  it('re-anchors an orphaned highlight to the selected passage from its quick fix', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const rel = 'highlights/transcripts/interviews/p02.md.yaml';
    const original = await read(rel);
    const ws = model.workspace!;
    const h = ws.highlightFiles.get(rel)!.highlights[0]!;
    await fsp.writeFile(file(rel), original.replace(`quote: ${h.quote}`, 'quote: words nobody ever said in this interview at all'));
    const uri = vscode.Uri.joinPath(root(), rel);
    const diagnostic = await until('the orphaned diagnostic', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'orphaned' && d.message.includes(h.id)));

    const editor = await openTranscript('transcripts/interviews/p02.md');
    select(editor, h.quote);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    assert.deepEqual(
      actions
        .map((a) => a.title)
        .filter((t) => t.includes(h.id))
        .sort(),
      [`Delete highlight ${h.id}`, `Re-anchor ${h.id} to the selection in its transcript`],
    );
    const reanchor = actions.find((a) => a.title.startsWith('Re-anchor'))!;
    await vscode.commands.executeCommand(reanchor.command!.command, ...(reanchor.command!.arguments ?? []));
    await until('the diagnostic to clear', () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'orphaned' && d.message.includes(h.id)));
    assert.equal(await read(rel), original);
  });

  it('offers the values that fit a typed attribute as quick fixes, and the preferred one puts the value right', async () => {
    const rel = 'participants.yaml';
    const original = await read(rel);
    const uri = vscode.Uri.joinPath(root(), rel);
    const wrong = original.replace('id: P02\n    attributes: {age-band: 35-64, ethnicity: asian-or-asian-british, channel: online', 'id: P02\n    attributes: {age-band: 35-64, ethnicity: asian-or-asian-british, channel: Online');
    assert.notEqual(wrong, original);
    try {
      await fsp.writeFile(file(rel), wrong);
      const diagnostic = await until('the attribute diagnostic', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'bad-attribute-value'), 15000);
      assert.equal(diagnostic.message, '"Online" is not one of the values of channel: phone, online, face-to-face.');
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.getText(diagnostic.range), 'Online');
      await vscode.window.showTextDocument(doc);
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      const fixes = actions.filter((a) => a.title.startsWith('Change to '));
      assert.deepEqual(
        fixes.map((a) => a.title),
        ['Change to online', 'Change to phone', 'Change to face-to-face'],
      );
      assert.equal(fixes[0]!.isPreferred, true);
      assert.ok(await vscode.workspace.applyEdit(fixes[0]!.edit!));
      await doc.save();
      assert.equal(await read(rel), original);
      await until('the diagnostic to clear', () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'bad-attribute-value'), 15000);
    } finally {
      await fsp.writeFile(file(rel), original);
    }
  });
});
