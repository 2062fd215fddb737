/**
 * Faults in the editor, with real processes and real files: another writer (the CLI's write
 * path in a child process) changing the same highlights file while the researcher tags in
 * VS Code. Sift's rule: no update is ever lost; a write that lost the race re-plans on the
 * new file or reports, and writes nothing over it.
 */
import * as assert from 'node:assert/strict';
import { chmodSync, closeSync, openSync, promises as fsp, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { api, expectWorkbenchErrors, file, firstUntaggedSentence, openTranscript, P01, P01_HIGHLIGHTS, read, root, screenshot, select, until } from './support';
import { writer, type Writer } from './writer-process';
import { board, HANDOVER, LETTERS, themeIds } from './board-support';
import { moveHighlights } from '../../src/core/board/themes';
import { gitBlobHashOfBytes } from '../../src/core/hash';
import { withWriteLock } from '../../src/node/write-lock';
import { MALFORMED_BOARD_MESSAGES } from '../support/malformed-board-messages';
import { malformedMessages } from '../support/malformed-messages';
import { parseWebviewMessage as parseAnalysisMessage } from '../../src/protocol/analysis';
import { parseWebviewMessage as parseInsightMessage } from '../../src/protocol/insight';
import { parseWebviewMessage as parseJourneyMessage } from '../../src/protocol/journey';
import { parseWebviewMessage as parsePersonaMessage } from '../../src/protocol/persona';
import type { MessageParser } from '../../src/protocol/validate';
import { JOURNEY } from './journey-support';
import { postFromWebview } from './keyboard';

interface HighlightYaml {
  id: string;
  tags: string[];
  quote?: string;
}

async function highlightsOnDisk(): Promise<HighlightYaml[]> {
  return (parse(await read(P01_HIGHLIGHTS)) as { highlights: HighlightYaml[] }).highlights;
}

/** An existing highlight of P01 and codebook tags it does not carry yet. */
async function setting(count: number): Promise<{ target: string; tags: string[] }> {
  const sift = await api();
  const ws = sift.context.models[0]!.workspace!;
  const target = (await highlightsOnDisk())[0]!;
  const tags = ws.codebook
    .map((t) => t.id)
    .filter((id) => !target.tags.includes(id))
    .slice(0, count);
  assert.equal(tags.length, count, 'enough codebook tags');
  return { target: target.id, tags };
}

/** Tags the next untagged sentence of P01 in the editor; the new highlight's id, or undefined when Sift refused. */
async function tagNextSentence(editor: vscode.TextEditor, tag: string): Promise<string | undefined> {
  select(editor, firstUntaggedSentence(editor.document.getText(), await read(P01_HIGHLIGHTS)));
  return vscode.commands.executeCommand<string | undefined>('sift.tagSelection', { tags: [tag] });
}

/** Puts files back as they were before a describe block (the test files share one workspace). */
function keepFiles(...rels: string[]): void {
  const saved = new Map<string, Buffer>();
  before(async () => {
    for (const rel of rels) saved.set(rel, await fsp.readFile(file(rel)));
  });
  after(async () => {
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [rel, bytes] of saved) await fsp.writeFile(file(rel), bytes);
    const model = (await api()).context.models[0]!;
    await until('the study reloaded', async () => (await model.load()) && (await read(P01_HIGHLIGHTS)) === saved.get(P01_HIGHLIGHTS)?.toString());
  });
}

describe('faults: the CLI and the editor write the same highlights file', function () {
  this.timeout(120000);
  keepFiles(P01_HIGHLIGHTS);
  const running: Writer[] = [];
  afterEach(() => running.splice(0).forEach((w) => w.kill()));

  it('a CLI writer inside its write: the editor waits for the lock, re-plans on the new file, and both updates are kept', async () => {
    const { target, tags } = await setting(2);
    const editor = await openTranscript(P01);
    const release = path.join(root().fsPath, '.sift', 'release-writer');
    rmSync(release, { force: true });
    // The writer has checked the file and holds the lock, paused just before its rename.
    const cli = writer([root().fsPath, target, tags[0]!], { fault: 'hang-before-rename', root: root().fsPath, release });
    running.push(cli);
    await cli.waitFor(/SIFT-FAULT renaming/);

    let settled = false;
    const tagging = tagNextSentence(editor, tags[1]!).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(settled, false, 'the editor waits while the CLI holds the write lock');
    writeFileSync(release, '');
    const [id] = await Promise.all([tagging, cli.exited]);
    rmSync(release, { force: true });

    assert.equal(cli.result().ok, true, cli.output());
    assert.ok(id, "the editor re-planned on the CLI's file and tagged");
    const onDisk = await highlightsOnDisk();
    assert.ok(onDisk.find((h) => h.id === target)!.tags.includes(tags[0]!), "the CLI's tag is kept");
    assert.ok(
      onDisk.some((h) => h.id === id && h.tags.includes(tags[1]!)),
      "the editor's highlight is kept",
    );
    assert.equal(editor.document.isDirty, false);
  });

  it('four CLI writers and the editor tagging at the same time: every update that succeeded is on disk', async () => {
    const { target, tags } = await setting(6);
    const editor = await openTranscript(P01);
    const clis = tags.slice(0, 4).map((tag, i) => {
      const started = new Promise<Writer>((resolve) => setTimeout(() => resolve(writer([root().fsPath, target, tag, '--retry'])), i * 400));
      void started.then((w) => running.push(w));
      return started;
    });
    const made: string[] = [];
    for (const tag of tags.slice(4)) {
      const id = await tagNextSentence(editor, tag);
      if (id) made.push(id);
    }
    const writers = await Promise.all(clis);
    await Promise.all(writers.map((w) => w.exited));

    assert.deepEqual(
      writers.map((w) => w.result().ok),
      [true, true, true, true],
      writers.map((w) => w.output()).join('\n'),
    );
    assert.ok(made.length > 0, 'the editor tagged at least once');
    const onDisk = await highlightsOnDisk();
    const kept = onDisk.find((h) => h.id === target)!.tags;
    assert.deepEqual(
      tags.slice(0, 4).filter((t) => !kept.includes(t)),
      [],
      'every CLI tag is kept',
    );
    assert.deepEqual(
      made.filter((id) => !onDisk.some((h) => h.id === id)),
      [],
      'every highlight the editor made is kept',
    );
  });
});

describe('faults: tags written straight to disk', function () {
  this.timeout(60000);
  keepFiles(P01_HIGHLIGHTS);

  it('a tag of a highlights file no editor has dirty goes straight to disk (no open, apply, save in VS Code) and is painted', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const editor = await openTranscript(P01);
    const id = await tagNextSentence(editor, 'waiting-time');
    assert.ok(id, 'tagged');
    assert.ok(
      (await highlightsOnDisk()).some((h) => h.id === id && h.tags.includes('waiting-time')),
      'on disk',
    );
    const steps = model.lastChange!.steps.map((s) => s.step);
    assert.ok(steps.includes('written to disk') && !steps.includes('saved'), `written by Sift, not saved by VS Code: ${steps.join(', ')}`);
    assert.equal(model.workspace!.versions.get(P01_HIGHLIGHTS), gitBlobHashOfBytes(await fsp.readFile(file(P01_HIGHLIGHTS))), 'the study holds the bytes written');
    await until('the new highlight painted', () => sift.painted.get(editor.document.uri.toString())?.some((p) => p.id === id));
    assert.equal(editor.document.isDirty, false);
  });

  it('Undo Last Tag takes the tag back byte for byte, and refuses once the file changed since', async () => {
    const sift = await api();
    const editor = await openTranscript(P01);
    const before = await fsp.readFile(file(P01_HIGHLIGHTS));
    const id = await tagNextSentence(editor, 'waiting-time');
    assert.ok(id, 'tagged');
    assert.equal(await vscode.commands.executeCommand('sift.undoTag'), true);
    assert.deepEqual(await fsp.readFile(file(P01_HIGHLIGHTS)), before, 'the file is as before the tag');
    await until('the highlight no longer painted', () => !sift.painted.get(editor.document.uri.toString())?.some((p) => p.id === id));
    // Tagged again, then the file changed by someone else: undoing would lose their change.
    const again = await tagNextSentence(editor, 'waiting-time');
    assert.ok(again, 'tagged again');
    const theirs = `# theirs\n${await read(P01_HIGHLIGHTS)}`;
    await fsp.writeFile(file(P01_HIGHLIGHTS), theirs);
    assert.equal(await vscode.commands.executeCommand('sift.undoTag'), false, 'refused');
    assert.equal(await read(P01_HIGHLIGHTS), theirs, 'their change is kept');
  });

  it('a change made on disk while the tag waits for the write lock is kept: the tag is made again on top of it', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    // The study holds the file as on disk (the test before changed it behind Sift's back): the tag is planned on it.
    await until('the study caught up with the file', async () => model.workspace!.versions.get(P01_HIGHLIGHTS) === gitBlobHashOfBytes(await fsp.readFile(file(P01_HIGHLIGHTS))));
    const editor = await openTranscript(P01);
    const note = '# Reviewed by Ana: keep this line\n';
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Another writer (as the CLI does) holds the lock, and changes the file once the tag was planned.
    const holder = withWriteLock(root().fsPath, () => {
      locked();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    let settled = false;
    const tagging = tagNextSentence(editor, 'waiting-time').finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(settled, false, 'the tag waits for the lock');
    await fsp.writeFile(file(P01_HIGHLIGHTS), note + (await read(P01_HIGHLIGHTS)));
    release();
    await holder;
    const id = await tagging;
    assert.ok(id, 'tagged, re-planned on the changed file');
    const text = await read(P01_HIGHLIGHTS);
    assert.ok(text.startsWith(note), "the other writer's change is kept");
    assert.ok(
      (await highlightsOnDisk()).some((h) => h.id === id),
      'and the new highlight is on disk',
    );
    await until('the new highlight painted', () => sift.painted.get(editor.document.uri.toString())?.some((p) => p.id === id));
  });
});

describe('faults: a file changes on disk while it has unsaved edits in an editor', function () {
  expectWorkbenchErrors(/handleSaveError.*File Modified Since/, 'VS Code refusing to save over a file changed on disk, as these fault tests make it');
  this.timeout(120000);
  keepFiles(P01_HIGHLIGHTS, P01);

  it('a highlights file with unsaved edits: Sift refuses to tag into it, says why, and writes nothing', async () => {
    const { target, tags } = await setting(2);
    const yamlEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file(P01_HIGHLIGHTS))));
    assert.ok(await yamlEditor.edit((e) => e.insert(new vscode.Position(0, 0), '# my unsaved note\n')));
    // Another program (the CLI) changes the file underneath.
    const cli = writer([root().fsPath, target, tags[0]!]);
    await cli.exited;
    assert.equal(cli.result().ok, true, cli.output());
    assert.ok(yamlEditor.document.isDirty, 'the edit is still unsaved once the file changed on disk (nothing saved it meanwhile: no auto-save)');
    const onDisk = await fsp.readFile(file(P01_HIGHLIGHTS));

    const editor = await openTranscript(P01);
    assert.equal(await tagNextSentence(editor, tags[1]!), undefined, 'nothing tagged');
    const model = (await api()).context.models[0]!;
    const problems = await model.change('Tag', async (plan, ws) => {
      const { updateHighlight } = await import('../../src/core/store/highlights');
      await updateHighlight(plan, ws, target, { addTags: [tags[1]!] });
    });
    assert.match(problems.map((p) => p.message).join(' '), /p01\.md\.yaml has unsaved changes in an editor; save or revert them first\. Nothing was changed/);
    assert.deepEqual(await fsp.readFile(file(P01_HIGHLIGHTS)), onDisk, "the file on disk is byte-identical to the CLI's");
    assert.ok(yamlEditor.document.isDirty && yamlEditor.document.getText().startsWith('# my unsaved note\n'), "the researcher's unsaved edit is still in the editor");
  });

  it('a transcript with unsaved edits changed on disk: tagging does not save over the newer file', async () => {
    const { tags } = await setting(1);
    const editor = await openTranscript(P01);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((e) => e.insert(end, '\n\nResearcher: an unsaved closing remark.')));
    // Another program (a `git pull`, a colleague's sync) adds a line to the transcript.
    const pulled = (await read(P01)) + '\n\nP01: A line that arrived with a pull.\n';
    await fsp.writeFile(file(P01), pulled);
    await new Promise((r) => setTimeout(r, 1500)); // VS Code notices the change on disk
    const highlights = await fsp.readFile(file(P01_HIGHLIGHTS));

    const id = await tagNextSentence(editor, tags[0]!);
    assert.equal(id, undefined, 'nothing tagged');
    assert.equal(await read(P01), pulled, 'the newer transcript on disk is not overwritten');
    assert.deepEqual(await fsp.readFile(file(P01_HIGHLIGHTS)), highlights, 'no highlight written');
    assert.ok(editor.document.isDirty && editor.document.getText().includes('an unsaved closing remark'), "the researcher's edit is still in the editor");
  });
});

describe('faults: a folder removed while Sift lists the study', function () {
  this.timeout(60000);

  it('lists what is left: the folder removed between its parent’s listing and its own is not an error', async () => {
    const { mkdtempSync, mkdirSync, rmSync: remove, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { VscodeFileSystem } = await import('../../src/extension/host/vscode-fs');
    const dir = mkdtempSync(path.join(tmpdir(), 'sift-listing-'));
    try {
      writeFileSync(path.join(dir, 'research.yaml'), 'name: Listing\n');
      mkdirSync(path.join(dir, 'gone', 'deeper'), { recursive: true });
      writeFileSync(path.join(dir, 'gone', 'deeper', 't01.md'), 'P01: words\n');
      // The first file stat'ed removes the folder (as `git checkout` or a deleted study folder does mid-listing):
      // its listing, issued in the same batch, finds it gone.
      const local = {
        readFile: async () => undefined,
        stat: async (rel: string) => {
          remove(path.join(dir, 'gone'), { recursive: true, force: true });
          const s = statSync(path.join(dir, rel), { throwIfNoEntry: false });
          return s && { size: s.size, mtime: s.mtimeMs };
        },
      };
      const listed = await new VscodeFileSystem(vscode.Uri.file(dir), local).listFiles();
      assert.deepEqual(
        listed.map((f) => f.path),
        ['research.yaml'],
      );
    } finally {
      remove(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Makes a file unwritable: immutable (chattr +i) when the tests run as root, whom file modes do not
 * stop, read-only otherwise. Returns how to undo it, or undefined when this machine cannot.
 */
function lockFile(abs: string): (() => void) | undefined {
  const root = process.getuid?.() === 0;
  const unlock = () => (root ? execFileSync('chattr', ['-i', abs]) : chmodSync(abs, 0o644));
  try {
    if (root) execFileSync('chattr', ['+i', abs], { stdio: 'ignore' });
    else chmodSync(abs, 0o444);
  } catch {
    return undefined;
  }
  try {
    closeSync(openSync(abs, 'r+'));
  } catch {
    return unlock; // it really cannot be written
  }
  unlock();
  return undefined;
}

describe('faults: VS Code cannot save an edit Sift made', function () {
  expectWorkbenchErrors(/handleSaveError.*EPERM/, 'EPERM from the file this fault test makes unwritable');
  this.timeout(60000);
  keepFiles(P01_HIGHLIGHTS);

  it('a highlights file that cannot be written: the researcher is told, the file is untouched, the change waits unsaved in an editor and is saved once the file can be written', async function () {
    const sift = await api();
    const abs = file(P01_HIGHLIGHTS);
    const before = await fsp.readFile(abs);
    const editor = await openTranscript(P01);
    const words = firstUntaggedSentence(editor.document.getText(), before.toString());
    const unlock = lockFile(abs);
    if (!unlock) return this.skip(); // neither chattr (as root) nor file modes can make it unwritable here
    let doc: vscode.TextDocument | undefined;
    try {
      select(editor, words);
      const id = await vscode.commands.executeCommand<string | undefined>('sift.tagSelection', { tags: ['waiting-time'] });
      assert.equal(id, undefined, 'the tagging is reported as not done');
      await screenshot('save-failed');
      assert.deepEqual(await fsp.readFile(abs), before, 'the file on disk is untouched: nothing partial');
      doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === abs);
      assert.ok(doc?.isDirty && doc.getText().includes(words), 'the new highlight is kept, unsaved, in VS Code');
      assert.ok(
        vscode.window.visibleTextEditors.some((e) => e.document === doc),
        'and shown in an editor, marked unsaved',
      );
      const log = path.join(sift.context.extension.logUri.fsPath, 'Sift.log');
      await until('the refusal in Sift’s log', async () => (await fsp.readFile(log, 'utf8').catch(() => '')).includes(`Tag selection: not saved — VS Code could not save ${P01_HIGHLIGHTS}`));
    } finally {
      unlock();
    }
    assert.ok(await doc.save(), 'saved once the file can be written');
    assert.ok((await read(P01_HIGHLIGHTS)).includes(words), 'the highlight reached the file: nothing was lost');
  });
});

describe('faults: a branch switch and a git pull while the board is open', function () {
  this.timeout(120000);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: root().fsPath, encoding: 'utf8' });
  const upstream = () => path.join(path.dirname(root().fsPath), 'upstream-of-study');
  const diagnosticsOf = (rel: string) =>
    vscode.languages
      .getDiagnostics(vscode.Uri.file(file(rel)))
      .map((d) => d.message)
      .join(' ');
  let onMain: string[] = [];

  before(async () => {
    await api();
    onMain = await themeIds(HANDOVER);
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'Study on main');
    // Another branch: the first card taken out of a theme, and a tag the codebook does not have.
    git('checkout', '-q', '-b', 'other');
    await fsp.writeFile(file(`themes/${HANDOVER}.yaml`), (await read(`themes/${HANDOVER}.yaml`)).replace(`${onMain[0]}, `, ''));
    await fsp.writeFile(file(P01_HIGHLIGHTS), (await read(P01_HIGHLIGHTS)).replace(/tags: \[/, 'tags: [no-such-tag, '));
    git('commit', '-q', '-am', 'Other branch');
    git('checkout', '-q', 'main');
    await vscode.commands.executeCommand('sift.openBoard');
  });

  after(async () => {
    await fsp.rm(file('.git'), { recursive: true, force: true }); // later test files make their own repository
    await fsp.rm(upstream(), { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the board and the diagnostics follow a checkout, and back', async () => {
    await board("main's theme", (r) => r.columns[HANDOVER]?.[0] === onMain[0]);
    git('checkout', '-q', 'other');
    await board("the other branch's theme", (r) => r.columns[HANDOVER]?.[0] === onMain[1]);
    await until('the unknown tag reported', () => diagnosticsOf(P01_HIGHLIGHTS).includes('"no-such-tag" is not in the codebook'));
    git('checkout', '-q', 'main');
    await board("main's theme again", (r) => r.columns[HANDOVER]?.[0] === onMain[0]);
    await until('the report gone', () => !diagnosticsOf(P01_HIGHLIGHTS).includes('no-such-tag'));
  });

  it("a board move planned before a checkout is re-planned on the new branch's files, never written over them", async () => {
    git('checkout', '-q', 'other');
    const model = (await api()).context.models[0]!;
    await until('the other branch loaded', () => model.workspace!.themes.get(HANDOVER)?.highlights[0] === onMain[1]);
    const inThemes = new Set([...model.workspace!.themes.values()].flatMap((t) => t.highlights));
    const unsorted = [...model.workspace!.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => h.id)).find((id) => !inThemes.has(id) && !onMain.includes(id))!; // in no theme on either branch
    // Switch back and move at once: the model still holds the other branch's files (its reload waits for the checkout to settle).
    git('checkout', '-q', 'main');
    const problems = await model.change('Move cards', (plan, ws) => moveHighlights(plan, ws, { ids: [unsorted], from: null, to: HANDOVER, before: onMain[0]! }));
    assert.deepEqual(problems, []);
    assert.deepEqual(await themeIds(HANDOVER), [unsorted, ...onMain], "main's theme plus the move: nothing of the other branch written back");
    assert.equal(git('diff', '--stat', '--', 'highlights').trim(), '', 'no highlights file written');
    await board('the move on the board', (r) => r.columns[HANDOVER]?.[0] === unsorted && r.columns[HANDOVER]?.[1] === onMain[0]);
    git('checkout', '-q', '--', '.'); // undo the move for the next test
  });

  it('a git pull that changes a theme and a highlights file: the board and the diagnostics follow', async () => {
    const letters = await themeIds(LETTERS);
    git('clone', '-q', root().fsPath, upstream());
    const there = (rel: string) => path.join(upstream(), rel);
    await fsp.writeFile(there(`themes/${LETTERS}.yaml`), (await fsp.readFile(there(`themes/${LETTERS}.yaml`), 'utf8')).replace(`${letters[0]}, `, ''));
    await fsp.writeFile(there(P01_HIGHLIGHTS), (await fsp.readFile(there(P01_HIGHLIGHTS), 'utf8')).replace(/tags: \[/, 'tags: [pulled-tag, '));
    execFileSync('git', ['-c', 'user.name=Colleague', '-c', 'user.email=c@example.org', 'commit', '-q', '-am', "A colleague's changes"], { cwd: upstream() });
    await board("main's board", (r) => r.columns[LETTERS]?.[0] === letters[0]);
    git('pull', '-q', '--no-rebase', upstream(), 'main');
    await board('the pulled theme', (r) => r.columns[LETTERS]?.[0] === letters[1]);
    await until('the pulled tag reported', () => diagnosticsOf(P01_HIGHLIGHTS).includes('"pulled-tag" is not in the codebook'));
    git('reset', '-q', '--hard', 'HEAD~1'); // back to the study as it was
    await board('the board back', (r) => r.columns[LETTERS]?.[0] === letters[0]);
  });
});

/** Waits until what a panel reports showing stops changing (reloads set off by earlier tests send snapshots too), and returns it. */
async function untilStill<R>(report: () => Promise<R>): Promise<R> {
  let before = await report();
  for (;;) {
    await new Promise((r) => setTimeout(r, 1500));
    const now = await report();
    if (JSON.stringify(now) === JSON.stringify(before)) return now;
    before = now;
  }
}

/** Every file of the study (and what sits beside it) by hash: to show that nothing was written. */
async function filesNow(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of await fsp.readdir(root().fsPath, { recursive: true })) {
    if (/^\.(sift|git)\b/.test(rel)) continue;
    const abs = path.join(root().fsPath, rel);
    if ((await fsp.stat(abs)).isFile()) out[rel] = gitBlobHashOfBytes(await fsp.readFile(abs));
  }
  for (const beside of await fsp.readdir(path.dirname(root().fsPath))) out[`../${beside}`] = '';
  return out;
}

describe('faults: malformed and hostile messages from inside the board webview', function () {
  this.timeout(120000);

  it('every message type with wrong shapes and values, posted from the webview frame: ignored, nothing written', async () => {
    await api();
    await vscode.commands.executeCommand('sift.openBoard');
    // Reloads set off by the tests before (git, restored files) send snapshots too: wait until the board is still.
    await (await api()).context.models[0]!.load();
    await board('the board', (r) => (r.columns[HANDOVER]?.length ?? 0) > 0);
    const before = await untilStill(() => board('the board', () => true));
    const files = await filesNow();
    // Right shapes, wrong values: ids and themes that do not exist or point out of the study.
    const hostile = [
      { type: 'moveHighlights', ids: ['h-forged'], from: null, to: '../../outside' },
      { type: 'moveHighlights', ids: before.columns[HANDOVER]!.slice(0, 1), from: HANDOVER, to: '../../../tmp/evil' },
      { type: 'renameTheme', theme: '../research' },
      { type: 'mergeTheme', theme: '__proto__' },
      { type: 'reveal', id: '../../etc/passwd' },
      { type: 'requestCards', revision: before.revision + 100, column: '__proto__', start: 0, count: 200 },
    ];
    await postFromWebview('.column', [...MALFORMED_BOARD_MESSAGES, ...hostile]);
    await new Promise((r) => setTimeout(r, 2500));

    const after = await board('the board still there', () => true);
    assert.equal(after.revision, before.revision, 'no malformed message made the extension send a new snapshot');
    assert.deepEqual(after.columns, before.columns, 'the forged rendered reports were not taken');
    assert.equal(after.injected, 0);
    assert.deepEqual(await filesNow(), files, 'no file written, created or deleted');
    // The same path carries a well-formed message: the test would see one that got through.
    await postFromWebview('.column', [{ type: 'view', groupBy: { kind: 'theme' }, filter: {} }]);
    await board('a new snapshot for the well-formed message', (r) => r.revision > before.revision);
  });
});

/** A webview panel under attack: how to open it, which command returns what it reports showing, an element only its frame has, its contract, and messages of the right shape with hostile values. */
interface PanelUnderTest {
  name: string;
  open: () => Thenable<unknown>;
  rendered: string;
  frame: string;
  parse: MessageParser<{ type: string }>;
  hostile: unknown[];
}

const FORGED = 'h-forged';
const OUTSIDE = '../../../tmp/evil';
const PANELS: PanelUnderTest[] = [
  {
    name: 'insight view',
    open: () => vscode.commands.executeCommand('sift.openInsight', 'silence-during-waits-feels-like-being-forgotten'),
    rendered: 'sift.insight.rendered',
    frame: 'main.page',
    parse: parseInsightMessage,
    hostile: [
      { type: 'reveal', id: OUTSIDE },
      { type: 'reveal', id: '__proto__' },
      { type: 'setRecommendationStatus', index: 9999, status: 'done' },
    ],
  },
  {
    name: 'persona card',
    open: () => vscode.commands.executeCommand('sift.openPersona', 'caught-out-at-pension-age'),
    rendered: 'sift.persona.rendered',
    frame: 'main.page',
    parse: parsePersonaMessage,
    hostile: [
      { type: 'reveal', id: OUTSIDE },
      { type: 'reveal', id: FORGED },
    ],
  },
  {
    name: 'journey map',
    open: () => vscode.commands.executeCommand('sift.openJourney', JOURNEY),
    rendered: 'sift.journey.rendered',
    frame: 'main.map',
    parse: parseJourneyMessage,
    hostile: [
      { type: 'assign', highlight: FORGED, stage: OUTSIDE, sentiment: -2 },
      { type: 'assign', highlight: '__proto__', stage: 'constructor' },
      { type: 'remove', highlight: FORGED },
      { type: 'requestPool', revision: 999_999, start: 0, count: 10 },
      { type: 'reveal', id: OUTSIDE },
    ],
  },
  {
    name: 'analysis panel',
    open: () => vscode.commands.executeCommand('sift.openAnalysis', { tab: 'coverage' }),
    rendered: 'sift.analysis.rendered',
    frame: 'header.topbar',
    parse: parseAnalysisMessage,
    hostile: [
      { type: 'openCell', revision: 999_999, row: 9999, column: 9999 },
      { type: 'reveal', id: OUTSIDE },
    ],
  },
];

describe('faults: malformed and hostile messages from inside the insight, persona, journey and analysis webviews', function () {
  expectWorkbenchErrors(/Dialog requested during smoke test/, 'dialogs the hostile messages ask for, which the test workbench cancels');
  this.timeout(120000);

  for (const panel of PANELS) {
    it(`the ${panel.name}: every message type with wrong shapes, and hostile values, posted from its frame: ignored, nothing written, the panel still works`, async () => {
      const model = (await api()).context.models[0]!;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors'); // its frame is then the only one
      await model.load();
      await panel.open();
      const report = async () => vscode.commands.executeCommand<{ injected: number } | undefined>(panel.rendered);
      await until(`the ${panel.name} to report what it shows`, report, 20000);
      const before = await untilStill(async () => (await report())!);
      const files = await filesNow();

      const malformed = malformedMessages(panel.parse);
      assert.deepEqual(
        malformed.filter((m) => panel.parse(m) !== undefined),
        [],
        'the contract rejects every malformed message',
      );
      await postFromWebview(panel.frame, [...malformed, ...panel.hostile]);
      await new Promise((r) => setTimeout(r, 2500));
      // A refused intent may send the panel its snapshot again (a new revision, to undo a drag): what it shows is unchanged.
      assert.deepEqual(withoutRevision((await report())!), withoutRevision(before), 'no forged report taken, nothing else shown');
      assert.deepEqual(await filesNow(), files, 'no file written, created or deleted');

      // The same path carries a well-formed message (a report the page never made): the test would see one that got through.
      await postFromWebview(panel.frame, [{ type: 'rendered', report: { ...before, injected: before.injected + 7 } }]);
      await until('the well-formed report to arrive', async () => (await report())?.injected === before.injected + 7);
      // And the panel still works: hidden, then shown again, its page reloads and reports what it shows, as before.
      const group = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview));
      await vscode.window.showTextDocument(vscode.Uri.joinPath(root(), 'research.yaml'), { viewColumn: group?.viewColumn ?? vscode.ViewColumn.Active });
      await until(`the hidden ${panel.name} to forget its page`, async () => (await report()) === undefined);
      await panel.open();
      await until(`the ${panel.name} to render again`, report, 20000);
      // Its first report can come before a windowed list (the journey's pool) has mounted its cards: let it settle, as before.
      const again = await untilStill(async () => (await report())!);
      assert.deepEqual(withoutRevision(again), withoutRevision(before));
      assert.deepEqual(await filesNow(), files, 'still nothing written');
    });
  }
});

function withoutRevision(report: object): object {
  return Object.fromEntries(Object.entries(report).filter(([k]) => k !== 'revision'));
}
