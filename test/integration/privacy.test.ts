/**
 * Personal data in VS Code: planted in a transcript, it shows in Problems at its words; the
 * researcher pseudonymises it after seeing the preview, and every highlight stays on its words.
 */
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import { answer, press } from './keyboard';
import { api, file, read, root, screenshot, until } from './support';

const P03 = 'transcripts/interviews/p03.md';
const previewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label.startsWith('Pseudonymise personal data (preview)'));
const PLANTED = '\n[00:08:30] Carer: If you need me, ring 07700 900456 or write to jo.bloggs@example.com.\n';

describe('personal data in VS Code', function () {
  this.timeout(60000);

  it('says a name written as a speaker label once, at its first label, with how many turns it opens', async () => {
    const P02 = 'transcripts/interviews/p02.md';
    const before = await read(P02);
    const uri = vscode.Uri.joinPath(root(), P02);
    await fsp.appendFile(file(P02), '\nGrace Adeyemi: I rang them on the Monday.\n\nGrace Adeyemi: Nobody came.\n\nGrace Adeyemi: Not once.\n');
    try {
      const found = await until(
        'one personal-data warning for the three labels',
        () => {
          const d = vscode.languages.getDiagnostics(uri).filter((x) => x.code === 'personal-data');
          return d.length > 0 ? d : undefined;
        },
        15000,
      );
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.deepEqual(
        found.map((d) => [doc.getText(d.range), d.range.start.line, d.message]),
        [
          [
            'Grace Adeyemi',
            doc.lineCount - 6,
            'This looks like a person\'s name ("G…i", 80% sure), the speaker label of 3 turns in this transcript (the first is here). Pseudonymise it with `sift redact`, which renames every label at once, or record a decision in privacy.yaml.',
          ],
        ],
      );
    } finally {
      await fsp.writeFile(file(P02), before);
    }
    await until('the warning to clear', () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'personal-data'), 15000);
  });

  it('shows planted personal data in Problems, and pseudonymises it after a preview, keeping every highlight', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    await fsp.appendFile(file(P03), PLANTED);
    const uri = vscode.Uri.joinPath(root(), P03);
    const found = await until(
      'personal-data warnings on the transcript',
      () => {
        const d = vscode.languages.getDiagnostics(uri).filter((x) => x.code === 'personal-data');
        return d.length >= 2 ? d : undefined;
      },
      15000,
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.deepEqual(found.map((d) => doc.getText(d.range)).sort(), ['07700 900456', 'jo.bloggs@example.com']);
    assert.ok(
      found.every((d) => d.severity === vscode.DiagnosticSeverity.Warning && !d.message.includes('jo.bloggs')),
      'masked in the message',
    );

    const highlightsBefore = [...model.workspace!.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => h.id)).sort();
    const quotesBefore = await read(`highlights/${P03}.yaml`);
    const running = vscode.commands.executeCommand('sift.pseudonymise');
    await until('the preview of every change', () => previewTabs().length > 0 || undefined, 30000).catch((e: Error) => {
      throw new Error(`${e.message}; the tabs open: ${JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)))}`);
    });
    await answer(''); // the question, open and focused beside the preview
    await screenshot('pseudonymise-preview');
    await press('Enter'); // "Pseudonymise", the first choice
    await running;
    assert.equal(previewTabs().length, 0, 'the preview closes once the researcher has chosen');

    const text = await read(P03);
    assert.match(text, /ring \[Phone\] or write to \[Email\]\./);
    assert.ok(!text.includes('07700') && !text.includes('jo.bloggs'));
    const key = await read('.sift/private/keys.yaml');
    assert.match(key, /jo\.bloggs@example\.com/);
    await until('the warnings to clear', () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'personal-data'), 15000);
    const ws = await until('the study reloaded', () => (model.workspace!.transcripts.get(P03)?.hash !== undefined && !model.workspace!.problems.some((p) => p.code === 'orphaned' || p.code === 'fuzzy') ? model.workspace! : undefined));
    assert.deepEqual([...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => h.id)).sort(), highlightsBefore);
    // The planted line is in no highlight: every highlight of the transcript keeps its words and its place.
    // (The editor reports Sift's edit as the whole text replaced; that must not move them.)
    const quotes = (text: string) => [...text.matchAll(/^ {4}(quote|start|end): (.*)$/gm)].map((m) => `${m[1]}: ${m[2]}`);
    assert.deepEqual(quotes(await read(`highlights/${P03}.yaml`)), quotes(quotesBefore));
  });

  it('lists the first 20 warnings of a file no editor shows and a line saying how many more; opening it shows all', async () => {
    const path = 'transcripts/interviews/zz-many-numbers.md';
    const numbers = Array.from({ length: 24 }, (_, i) => `07700 9004${String(i + 10)}`);
    const lines = numbers.map((n, i) => `[00:0${Math.floor(i / 10)}:${String((i % 10) * 5).padStart(2, '0')}] P01: You can ring ${n} about it.`);
    await fsp.writeFile(file(path), `---\nparticipant: P01\n---\n\n${lines.join('\n')}\n`);
    const uri = vscode.Uri.joinPath(root(), path);
    try {
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'not open yet');
      const listed = await until(
        "the closed file's warnings",
        () => {
          const d = vscode.languages.getDiagnostics(uri);
          return d.some((x) => x.code === 'personal-data-more') ? d : undefined;
        },
        30000,
      );
      assert.equal(listed.filter((d) => d.code === 'personal-data').length, 20);
      assert.deepEqual(
        listed.filter((d) => d.code === 'personal-data-more').map((d) => [d.message, d.severity]),
        [['4 more possible personal data in this file: open it to see every warning, or run `sift pii`.', vscode.DiagnosticSeverity.Information]],
      );
      const doc = await vscode.workspace.openTextDocument(uri);
      const all = await until(
        'every warning once the file is open',
        () => {
          const d = vscode.languages.getDiagnostics(uri);
          return d.filter((x) => x.code === 'personal-data').length === 24 ? d : undefined;
        },
        15000,
      );
      assert.deepEqual(
        all.filter((d) => d.code === 'personal-data').map((d) => doc.getText(d.range)),
        numbers,
      );
      assert.ok(!all.some((d) => d.code === 'personal-data-more'));
    } finally {
      await fsp.rm(file(path), { force: true });
    }
    await until('the warnings of the removed file to clear', () => vscode.languages.getDiagnostics(uri).length === 0 || undefined, 30000);
  });
});
