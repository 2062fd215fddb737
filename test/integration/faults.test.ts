/**
 * Faults in the editor, with real processes and real files: another writer (the CLI's write
 * path in a child process) changing the same highlights file while the researcher tags in
 * VS Code. Sift's rule: no update is ever lost; a write that lost the race re-plans on the
 * new file or reports, and writes nothing over it.
 */
import * as assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { api, firstUntaggedSentence, openTranscript, P01, P01_HIGHLIGHTS, read, root, select } from './support';
import { writer, type Writer } from './writer-process';

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
  const tags = ws.codebook.map((t) => t.id).filter((id) => !target.tags.includes(id)).slice(0, count);
  assert.equal(tags.length, count, 'enough codebook tags');
  return { target: target.id, tags };
}

/** Tags the next untagged sentence of P01 in the editor; the new highlight's id, or undefined when Sift refused. */
async function tagNextSentence(editor: vscode.TextEditor, tag: string): Promise<string | undefined> {
  select(editor, firstUntaggedSentence(editor.document.getText(), await read(P01_HIGHLIGHTS)));
  return vscode.commands.executeCommand<string | undefined>('sift.tagSelection', { tags: [tag] });
}

describe('faults: the CLI and the editor write the same highlights file', function () {
  this.timeout(120000);
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
    assert.ok(id, 'the editor re-planned on the CLI\'s file and tagged');
    const onDisk = await highlightsOnDisk();
    assert.ok(onDisk.find((h) => h.id === target)!.tags.includes(tags[0]!), 'the CLI\'s tag is kept');
    assert.ok(onDisk.some((h) => h.id === id && h.tags.includes(tags[1]!)), 'the editor\'s highlight is kept');
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

    assert.deepEqual(writers.map((w) => w.result().ok), [true, true, true, true], writers.map((w) => w.output()).join('\n'));
    assert.ok(made.length > 0, 'the editor tagged at least once');
    const onDisk = await highlightsOnDisk();
    const kept = onDisk.find((h) => h.id === target)!.tags;
    assert.deepEqual(tags.slice(0, 4).filter((t) => !kept.includes(t)), [], 'every CLI tag is kept');
    assert.deepEqual(made.filter((id) => !onDisk.some((h) => h.id === id)), [], 'every highlight the editor made is kept');
  });
});
