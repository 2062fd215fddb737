/**
 * Sift in a real VS Code (code-server's extension host), on a copy of the example study.
 * These tests drive the extension through its commands and VS Code's own API, and read
 * the YAML files on disk — the truth — to see what it did.
 */
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';

import { api, file, firstUntaggedSentence, openTranscript, P01, P01_HIGHLIGHTS, read, root, select, until } from './support';

describe('Sift in VS Code', function () {
  this.timeout(60000);

  it('activates on the example study and loads every highlight', async () => {
    const sift = await api();
    const ws = await until('the workspace to load', () => sift.context.models[0]?.workspace);
    assert.equal(ws.project?.name, 'Home adaptations and pension transition, 2026');
    const count = [...ws.highlightFiles.values()].reduce((n, f) => n + f.highlights.length, 0);
    assert.ok(count >= 80, `${count} highlights`);
    assert.deepEqual(
      ws.problems.filter((p) => p.severity === 'error'),
      [],
    );
    // Reported, not asserted against its 50 ms budget: a shared machine's timing is no test.
    assert.ok(sift.activationMs > 0);
    console.log(`    activate() took ${sift.activationMs.toFixed(1)} ms; loading the study continued in the background`);
    // Loading the bundle and activating, as VS Code itself times them (its extension host's
    // performance marks, the figures of "Developer: Show Running Extensions"): kept for
    // docs/benchmarks.md, not asserted (budget 50 ms).
    const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks() ?? [];
    const at = (name: string) => marks.find((m) => m.name === `code/extHost/${name}/sift-research.sift`)?.startTime;
    const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
    if (willLoad !== undefined && didLoad !== undefined && willActivate !== undefined && didActivate !== undefined) {
      const figures = { loadMs: didLoad - willLoad, activateCallMs: Math.round(sift.activationMs * 10) / 10, activationMs: didActivate - willActivate, vscode: vscode.version };
      await fsp.mkdir(`${__dirname}/../../test/.artifacts`, { recursive: true });
      await fsp.writeFile(`${__dirname}/../../test/.artifacts/activation.json`, JSON.stringify(figures, null, 2) + '\n');
      console.log(`    loading dist/extension.js took ${figures.loadMs} ms, activation as VS Code times it ${figures.activationMs} ms`);
    }
  });

  it('loads a large YAML file through its worker thread, as it loads it inline', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const before = await read('participants.yaml');
    const participants = (await until('the workspace to load', () => model.workspace)).participants;
    try {
      // A long comment makes the file worth a worker (16 KB) without changing what it says.
      await fsp.writeFile(file('participants.yaml'), before + '# a long comment, to make the file worth a worker\n'.repeat(400));
      await until('the reload through the worker thread', () => (model.loadStats?.parsedElsewhere ?? 0) > 0);
      assert.deepEqual(model.workspace!.participants, participants);
      assert.deepEqual(
        model.workspace!.problems.filter((p) => p.severity === 'error'),
        [],
      );
    } finally {
      await fsp.writeFile(file('participants.yaml'), before);
      await until('the reload back', () => model.loadStats?.parsedElsewhere === 0 && model.loadStats.parsed > 0);
    }
  });

  it('paints the highlights of an open transcript', async () => {
    const sift = await api();
    const editor = await openTranscript(P01);
    const shown = await until('decorations', () => {
      const p = sift.painted.get(editor.document.uri.toString());
      return p && p.length > 0 ? p : undefined;
    });
    const ws = sift.context.models[0]!.workspace!;
    const expected = ws.highlightFiles.get(P01_HIGHLIGHTS)!.highlights;
    assert.equal(shown.length, expected.length);
    // Each painted range covers exactly the highlight's words.
    for (const s of shown) {
      const h = expected.find((x) => x.id === s.id)!;
      assert.equal(editor.document.getText(s.range), h.quote);
    }
  });

  it('sets sift.onHighlight only while the cursor is in a highlight (the menus on "the highlight at the cursor" depend on it)', async () => {
    const sift = await api();
    const editor = await openTranscript(P01);
    const shown = await until('decorations', () => sift.painted.get(editor.document.uri.toString())?.[0]);
    const outside = new vscode.Position(0, 0);
    assert.ok(!sift.painted.get(editor.document.uri.toString())!.some((p) => p.range.contains(outside)), 'the title line is not highlighted');
    const inside = shown.range.start.translate(0, 1);
    editor.selection = new vscode.Selection(inside, inside);
    await until('sift.onHighlight to be set', () => sift.cursor.onHighlight);
    editor.selection = new vscode.Selection(outside, outside);
    await until('sift.onHighlight to be cleared', () => !sift.cursor.onHighlight);
    // A selection that overlaps a highlight counts too: Add as Evidence takes every highlight it touches.
    editor.selection = new vscode.Selection(outside, shown.range.start.translate(0, 2));
    await until('sift.onHighlight to be set by an overlapping selection', () => sift.cursor.onHighlight);
    editor.selection = new vscode.Selection(outside, outside);
    await until('sift.onHighlight to be cleared again', () => !sift.cursor.onHighlight);
  });

  it("Tag Selection writes the highlight to the transcript's YAML", async () => {
    const editor = await openTranscript(P01);
    await vscode.workspace.getConfiguration('sift').update('coder', 'researcher-3', vscode.ConfigurationTarget.Global);
    const before = await read(P01_HIGHLIGHTS);
    const words = firstUntaggedSentence(editor.document.getText(), before);
    select(editor, words);
    await vscode.commands.executeCommand('sift.tagSelection', { tags: ['waiting-time'] });
    const after = await until('the highlights file to change', async () => ((await read(P01_HIGHLIGHTS)) !== before ? read(P01_HIGHLIGHTS) : undefined));
    const { parse } = await import('yaml');
    const written = (parse(after) as { highlights: Record<string, unknown>[] }).highlights.find((h) => h.quote === words);
    assert.ok(written, after);
    assert.match(String(written.id), /^h-[0-9a-z]{8}$/);
    assert.deepEqual(written.tags, ['waiting-time']);
    assert.equal(written.speaker, 'P01');
    assert.equal(written.coder, 'researcher-3');
    const text = editor.document.getText().replace(/\r\n/g, '\n');
    assert.equal([...text].slice(Number(written.start), Number(written.end)).join(''), words);
    // Only the new highlight was added: every other line of the file is as it was.
    const removed = before.split('\n').filter((l) => !after.split('\n').includes(l));
    assert.deepEqual(removed, []);
  });

  it('Tag Selection after unsaved edits: the transcript is saved, and the moved highlights and the new one are written in one change', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const editor = await openTranscript(P01);
    const before = await read(P01_HIGHLIGHTS);
    const { parse } = await import('yaml');
    type Stored = { id: string; start: number; quote: string };
    const first = (parse(before) as { highlights: Stored[] }).highlights.sort((a, b) => a.start - b.start)[0]!;
    const words = firstUntaggedSentence(editor.document.getText(), before);
    const labels: string[] = [];
    const change = model.change.bind(model);
    model.change = (label, ...rest) => (labels.push(label), change(label, ...rest));
    const typed = 'Well, ';
    const at = editor.document.positionAt(editor.document.getText().indexOf(first.quote));
    try {
      await editor.edit((e) => e.insert(at, typed));
      await until('the highlight to move with the edit', () => model.study.hasLive(P01));
      select(editor, words);
      const id = await vscode.commands.executeCommand<string>('sift.tagSelection', { tags: ['waiting-time'] });
      assert.ok(id);
      assert.ok(!editor.document.isDirty, 'the transcript was saved');
      const after = parse(await read(P01_HIGHLIGHTS)) as { sourceHash: string; highlights: Stored[] };
      assert.equal(after.highlights.find((h) => h.id === first.id)!.start, first.start + typed.length, 'the highlight after the edit is written at its new place');
      assert.ok(after.highlights.some((h) => h.id === id && h.quote === words));
      const { gitBlobHash } = await import('../../src/core/hash');
      assert.equal(after.sourceHash, gitBlobHash(editor.document.getText().replace(/\r\n/g, '\n')), 'the file records the saved text');
      assert.deepEqual(labels, ['Tag selection'], 'one change: no separate "Move highlights" write');
      assert.ok(!model.study.hasLive(P01), 'the editor’s places are the file’s again');
    } finally {
      model.change = change;
      // The example as it was: the words typed taken out again (saving moves the highlights back).
      const typedAt = editor.document.getText().indexOf(typed + first.quote);
      if (typedAt >= 0) {
        await editor.edit((e) => e.delete(new vscode.Range(editor.document.positionAt(typedAt), editor.document.positionAt(typedAt + typed.length))));
        await editor.document.save();
        await until('the highlight back at its place', async () => ((parse(await read(P01_HIGHLIGHTS)) as { highlights: Stored[] }).highlights.find((h) => h.id === first.id)?.start === first.start ? true : undefined));
      }
    }
  });

  it('Tag Selection through its picker: fuzzy search finds a misspelt tag, and a new tag is created inline under a parent', async () => {
    const { typeText, press } = await import('./keyboard');
    const sift = await api();
    const editor = await openTranscript('transcripts/interviews/p07.md');
    const before = await read('highlights/transcripts/interviews/p07.md.yaml');
    const first = firstUntaggedSentence(editor.document.getText(), before, 'P07');
    select(editor, first);
    const tagging = vscode.commands.executeCommand('sift.tagSelection');
    await new Promise((r) => setTimeout(r, 800));
    await typeText('wating tme'); // misspelt on purpose
    await new Promise((r) => setTimeout(r, 400));
    console.log('sift-screenshot: tag-picker');
    await new Promise((r) => setTimeout(r, 1500));
    await press('Enter');
    await tagging;
    const { parse } = await import('yaml');
    const quotes = () => read('highlights/transcripts/interviews/p07.md.yaml').then((t) => (parse(t) as { highlights: { quote: string; tags: string[] }[] }).highlights);
    assert.deepEqual((await quotes()).find((h) => h.quote === first)?.tags, ['waiting-time']);

    const second = firstUntaggedSentence(editor.document.getText(), await read('highlights/transcripts/interviews/p07.md.yaml'), 'P07');
    select(editor, second);
    const creating = vscode.commands.executeCommand('sift.tagSelection');
    await new Promise((r) => setTimeout(r, 800));
    await typeText('Zebra crossings'); // matches no tag: "Create tag" is the only item
    await new Promise((r) => setTimeout(r, 400));
    console.log('sift-screenshot: tag-picker-create');
    await new Promise((r) => setTimeout(r, 1500));
    await press('Enter');
    // Then where the new tag goes: under "Frustrations", picked by typing.
    await new Promise((r) => setTimeout(r, 800));
    await typeText('Frustrations');
    await new Promise((r) => setTimeout(r, 400));
    console.log('sift-screenshot: tag-picker-parent');
    await new Promise((r) => setTimeout(r, 1500));
    await press('Enter');
    await creating;
    assert.deepEqual((await quotes()).find((h) => h.quote === second)?.tags, ['zebra-crossings']);
    const codebook = await read('codebook.yaml');
    assert.match(codebook, /- id: zebra-crossings\n\s+label: Zebra crossings\n\s+color: "#[0-9a-f]{6}"\n\s+parent: frustrations\n/);
    await until('the new tag in the Codebook', () => sift.context.models[0]!.workspace!.codebook.some((t) => t.id === 'zebra-crossings'));
  });

  it('keeps highlights on their words when text is typed above them, and saves the new offsets', async () => {
    const sift = await api();
    const editor = await openTranscript(P01);
    const ws = sift.context.models[0]!.workspace!;
    const h = ws.highlightFiles.get(P01_HIGHLIGHTS)!.highlights[0]!;
    const inserted = 'Interviewer: (note added while reviewing) 🙂\n\n';
    const fmEnd = editor.document.getText().indexOf('\n---\n') + 5;
    await editor.edit((b) => b.insert(editor.document.positionAt(fmEnd), inserted));
    const painted = await until('decorations to follow the edit', () => sift.painted.get(editor.document.uri.toString())?.find((p) => p.id === h.id && p.state === 'moved'));
    assert.equal(editor.document.getText(painted.range), h.quote);
    await editor.document.save();
    const yaml = await until('the offsets to be saved', async () => {
      const text = await read(P01_HIGHLIGHTS);
      return text.includes(`start: ${h.start + [...inserted].length}\n`) ? text : undefined;
    });
    assert.ok(yaml.includes(`end: ${h.end + [...inserted].length}\n`));
    // The study takes the written file in: anchored there, and no place is left over from the edit.
    const model = sift.context.models[0]!;
    const reloaded = await until('the study to take the new offsets in', () => {
      const r = model.workspace!.anchoring.get(h.id);
      return r?.state === 'anchored' && r.start === h.start + [...inserted].length ? r : undefined;
    });
    assert.equal(reloaded.end, h.end + [...inserted].length);
    assert.equal(model.study.hasLive(P01), false);
    assert.deepEqual(model.study.placeOf(h.id), reloaded);
  });

  it('repaints only the colours an edit moved: a keystroke before the last highlight sends its colour alone', async () => {
    const sift = await api();
    const editor = await openTranscript(P01);
    const uri = editor.document.uri.toString();
    const shown = await until('the transcript painted', () => (sift.painted.get(uri)?.length ? sift.painted.get(uri) : undefined));
    const last = shown.reduce((a, b) => (b.range.start.isAfter(a.range.start) ? b : a));
    const ws = sift.context.models[0]!.workspace!;
    const highlights = new Map(ws.highlightFiles.get(P01_HIGHLIGHTS)!.highlights.map((h) => [h.id, h]));
    const colourOf = (id: string) => ws.codebook.find((t) => t.id === highlights.get(id)?.tags[0])?.color;
    // Painted in several colours: else every repaint is one update anyway, and this test proves nothing.
    assert.ok(new Set(shown.map((p) => colourOf(p.id))).size >= 2, 'P01 is painted in several colours');
    // What the keystroke moves: the highlights from it on, and any that spans it.
    const at = last.range.start;
    const moved = shown.filter((p) => !p.range.end.isBefore(at) && !(p.range.end.isEqual(at) && p.range.start.isBefore(at)));
    const expected = new Set(moved.map((p) => colourOf(p.id))).size + (moved.some((p) => p.state === 'fuzzy') ? 1 : 0);
    const before = sift.decorationsSent.count;
    await editor.edit((b) => b.insert(at, 'x'));
    await until('the last highlight moved', () => sift.painted.get(uri)?.find((p) => p.id === last.id && p.range.start.character === at.character + 1));
    assert.equal(sift.decorationsSent.count - before, expected, `${moved.length} highlights moved, in ${expected} colours and outlines`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await until('the edit reverted', () => !editor.document.isDirty);
  });

  it('reports an orphaned highlight in Problems after an outside change, and updates again when fixed', async () => {
    const sift = await api();
    const rel = 'highlights/transcripts/interviews/p02.md.yaml';
    const original = await read(rel);
    const quote = /quote: (.*)/.exec(original)![1]!;
    await fsp.writeFile(file(rel), original.replace(`quote: ${quote}`, 'quote: words nobody ever said in this interview at all'));
    const uri = vscode.Uri.joinPath(root(), rel);
    const diagnostic = await until('an orphaned diagnostic', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'orphaned'));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /can no longer be found/);
    await fsp.writeFile(file(rel), original);
    await until('the diagnostic to clear', () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'orphaned'));
    assert.ok(sift.context.models[0]!.workspace!.problems.every((p) => p.code !== 'orphaned'));
  });

  it('Accept new place, after someone else changed the highlights file, writes the accepted place and keeps their change', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const original = await read(P01_HIGHLIGHTS);
    const id = 'h-cb54hccq';
    try {
      // The stored quote's first words and a quarter of it no longer match the transcript: Sift finds it only
      // approximately and asks (a word or two changed in a quote held at its ends is placed without asking).
      await fsp.writeFile(file(P01_HIGHLIGHTS), original.replace('quote: I come down in the morning on my bottom,', 'quote: Most mornings we come down on our bottoms,'));
      await until('the fuzzy highlight', () => model.workspace!.anchoring.get(id)?.state === 'fuzzy');
      const proposed = model.workspace!.anchoring.get(id)!.quote;
      // Someone else (a pull, the CLI) tags another highlight of the same file; Sift has not reloaded it when the researcher accepts.
      const theirs = (await read(P01_HIGHLIGHTS)).replace('tags: [adaptations]\n', 'tags: [adaptations, workarounds]\n');
      assert.notEqual(theirs, await read(P01_HIGHLIGHTS));
      await fsp.writeFile(file(P01_HIGHLIGHTS), theirs);
      await vscode.commands.executeCommand('sift.acceptFuzzy', model, id);
      const yaml = await read(P01_HIGHLIGHTS);
      assert.ok(proposed && yaml.includes(`quote: ${proposed}\n`), "the accepted place (the transcript's words there) is written");
      assert.match(yaml, /tags: \[adaptations, workarounds\]\n/, 'the other change is kept');
      await until('the highlight anchored again', () => model.workspace!.anchoring.get(id)?.state === 'anchored');
    } finally {
      await fsp.writeFile(file(P01_HIGHLIGHTS), original);
      await until('the reload back', () => model.workspace!.anchoring.get(id)?.state === 'anchored' && model.workspace!.highlightFiles.get(P01_HIGHLIGHTS)!.highlights.every((h) => !h.tags.includes('workarounds') || h.id === id));
    }
  });

  it('renames a tag across every file in one edit', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const { renameTag } = await import('../../src/core/codebook/refactor');
    const users = [...model.workspace!.highlightFiles.values()].filter((f) => f.highlights.some((h) => h.tags.includes('payment-gap'))).map((f) => f.path);
    assert.ok(users.length >= 2);
    const problems = await model.change('Rename tag', (plan, ws) => renameTag(plan, ws, 'payment-gap', { newId: 'gap-in-payments', label: 'Gap in payments' }));
    assert.deepEqual(
      problems.filter((p) => p.severity === 'error'),
      [],
    );
    for (const rel of users) {
      const text = await read(rel);
      assert.ok(text.includes('gap-in-payments') && !/\bpayment-gap\b/.test(text), rel);
    }
    const codebook = await read('codebook.yaml');
    assert.match(codebook, /id: gap-in-payments/);
    assert.match(codebook, /aliases: \[payment-gap\]|aliases:\n\s+- payment-gap/);
    await until('the workspace to reload clean', () => model.workspace!.codebook.some((t) => t.id === 'gap-in-payments') && model.workspace!.problems.every((p) => p.severity !== 'error'));
  });
});
