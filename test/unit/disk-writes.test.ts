/**
 * Highlights files written straight to disk (src/core/workspace/disk-writes.ts): through the
 * host's atomic writer, never over a file changed since the study read it, and the study
 * updated from the bytes written. A fake host (an in-memory file system) and the node adapter
 * in a temporary folder.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EditPlan } from '../../src/core/store/plan';
import { tagSelection } from '../../src/core/store/highlights';
import type { FileEdit, IFileSystem } from '../../src/core/ports';
import { ChangedSinceRead, goesStraightToDisk, writeToDisk, type DiskWriter } from '../../src/core/workspace/disk-writes';
import { createStudyService } from '../../src/core/workspace/study-service';
import type { Workspace } from '../../src/core/workspace/workspace';
import { NodeFileSystem } from '../../src/node/node-fs';
import { withWriteLock } from '../../src/node/write-lock';
import { MemoryFileSystem } from '../support/memory-fs';

const TRANSCRIPT = 'P01: Oh, months. I waited sixteen weeks for the grab rails to be fitted. Nobody rang to say why.\n';
const SOURCE = 'transcripts/p01.md';
const HIGHLIGHTS = 'highlights/transcripts/p01.md.yaml';
const FILES = {
  'research.yaml': 'name: Test study\nsources: [transcripts/**/*.md]\n',
  'codebook.yaml': 'tags:\n  - id: waiting-time\n    label: Waiting time\n',
  [SOURCE]: TRANSCRIPT,
};

/** The in-memory file system as the host's writer, counting its writes. */
function writerOver(fs: MemoryFileSystem, beforeWrite?: () => void): DiskWriter & { writes: number } {
  const writer = {
    writes: 0,
    readFile: (p: string) => fs.readFile(p),
    applyLocked: async (edits: readonly FileEdit[]) => {
      beforeWrite?.();
      const replaced = await Promise.all(edits.map(async (e) => ({ path: e.path, before: (await fs.readFile(e.path)) ?? null })));
      fs.apply(edits);
      writer.writes++;
      return replaced;
    },
  };
  return writer;
}

async function tagEdits(fs: IFileSystem, ws: Workspace, words: string): Promise<FileEdit[]> {
  const plan = new EditPlan(fs, ws.versions);
  const start = TRANSCRIPT.indexOf(words);
  await tagSelection(plan, ws, TRANSCRIPT, { source: SOURCE, start, end: start + words.length, tags: ['waiting-time'] });
  const { edits, problems } = plan.result();
  assert.deepEqual(problems, []);
  return edits;
}

describe('highlights written straight to disk', () => {
  it('writes a tag through the atomic writer and updates the study from the bytes written, as a load from disk would read them', async () => {
    const fs = new MemoryFileSystem({ ...FILES, [HIGHLIGHTS]: `source: ${SOURCE}\nhighlights: []\n` });
    const service = createStudyService({ fs });
    const ws = await service.reload();
    const before = fs.text(HIGHLIGHTS)!;
    const writer = writerOver(fs);
    const done = await writeToDisk(writer, await tagEdits(fs, ws, 'Nobody rang to say why.'), ws.versions);
    assert.equal(writer.writes, 1);
    assert.deepEqual(
      done.written.map((w) => [w.path, new TextDecoder().decode(w.bytes!)]),
      [[HIGHLIGHTS, fs.text(HIGHLIGHTS)]],
      'the bytes written are the bytes on disk',
    );
    assert.deepEqual(
      done.replaced.map((r) => [r.path, new TextDecoder().decode(r.before!)]),
      [[HIGHLIGHTS, before]],
      'what it replaced, to take it back',
    );
    const updated = (await service.written(done.written))!;
    const fromDisk = await createStudyService({ fs }).reload();
    assert.deepEqual(
      updated.highlightFiles.get(HIGHLIGHTS)!.highlights.map((h) => h.quote),
      ['Nobody rang to say why.'],
    );
    assert.equal(updated.versions.get(HIGHLIGHTS), fromDisk.versions.get(HIGHLIGHTS));
    assert.deepEqual([...updated.anchoring.values()], [...fromDisk.anchoring.values()]);
  });

  it('refuses a file changed on disk since the study read it, writing nothing and keeping that change', async () => {
    const fs = new MemoryFileSystem({ ...FILES, [HIGHLIGHTS]: `source: ${SOURCE}\nhighlights: []\n` });
    const ws = await createStudyService({ fs }).reload();
    const edits = await tagEdits(fs, ws, 'Oh, months.');
    // Another program (the CLI, a pull) writes the file after the study read it.
    const theirs = `source: ${SOURCE}\n# reviewed by Ana\nhighlights: []\n`;
    fs.write(HIGHLIGHTS, theirs);
    const writer = writerOver(fs);
    await assert.rejects(writeToDisk(writer, edits, ws.versions), (e: unknown) => {
      assert.ok(e instanceof ChangedSinceRead);
      assert.equal(e.path, HIGHLIGHTS);
      assert.equal(e.message, `${HIGHLIGHTS} changed on disk since Sift read it (another program, a git command or an editor wrote it); nothing was written, and that change is kept.`);
      return true;
    });
    assert.equal(writer.writes, 0);
    assert.equal(fs.text(HIGHLIGHTS), theirs);
  });

  it('refuses when the file the study holds differs from the one the edit was planned on, even if the edit matches the disk', async () => {
    const fs = new MemoryFileSystem({ ...FILES, [HIGHLIGHTS]: `source: ${SOURCE}\nhighlights: []\n` });
    const ws = await createStudyService({ fs }).reload();
    const edits = await tagEdits(fs, ws, 'Oh, months.');
    // The study has since taken in another version of the file (a reload after someone else's write).
    const held = new Map(ws.versions).set(HIGHLIGHTS, 'a'.repeat(40));
    await assert.rejects(writeToDisk(writerOver(fs), edits, held), ChangedSinceRead);
    assert.equal(fs.text(HIGHLIGHTS), `source: ${SOURCE}\nhighlights: []\n`);
  });

  it('refuses a new highlights file that another program created meanwhile', async () => {
    const fs = new MemoryFileSystem(FILES);
    const ws = await createStudyService({ fs }).reload();
    const edits = await tagEdits(fs, ws, 'Oh, months.');
    assert.deepEqual(
      edits.map((e) => [e.path, e.expectedHash]),
      [[HIGHLIGHTS, null]],
    );
    fs.write(HIGHLIGHTS, `source: ${SOURCE}\nhighlights: []\n`);
    await assert.rejects(writeToDisk(writerOver(fs), edits, ws.versions), ChangedSinceRead);
    assert.equal(fs.text(HIGHLIGHTS), `source: ${SOURCE}\nhighlights: []\n`);
  });

  it('says which file changed when it changes between the check and the write (the writer refuses it)', async () => {
    const fs = new MemoryFileSystem({ ...FILES, [HIGHLIGHTS]: `source: ${SOURCE}\nhighlights: []\n` });
    const ws = await createStudyService({ fs }).reload();
    const edits = await tagEdits(fs, ws, 'Oh, months.');
    const theirs = `source: ${SOURCE}\nhighlights: [] # theirs\n`;
    const writer = writerOver(fs, () => fs.write(HIGHLIGHTS, theirs));
    await assert.rejects(writeToDisk(writer, edits, ws.versions), (e: unknown) => e instanceof ChangedSinceRead && e.path === HIGHLIGHTS);
    assert.equal(fs.text(HIGHLIGHTS), theirs);
  });

  it('goes straight to disk only for highlights files without unsaved edits in an editor', () => {
    const write = (p: string): FileEdit => ({ kind: 'write', path: p, content: '', expectedHash: null });
    const none = () => false;
    assert.equal(goesStraightToDisk([write(HIGHLIGHTS)], 'highlights', none), true);
    assert.equal(goesStraightToDisk([write(HIGHLIGHTS), write('highlights/transcripts/p02.md.yaml')], 'highlights', none), true);
    assert.equal(goesStraightToDisk([write(HIGHLIGHTS), write('codebook.yaml')], 'highlights', none), false, 'a new tag in the codebook: one edit in the editor');
    assert.equal(goesStraightToDisk([write('highlights/notes.md')], 'highlights', none), false);
    assert.equal(
      goesStraightToDisk([write(HIGHLIGHTS)], 'highlights', (p) => p === HIGHLIGHTS),
      false,
      'unsaved edits: left to the editor',
    );
    assert.equal(goesStraightToDisk([write(HIGHLIGHTS)], undefined, none), false, 'no research.yaml: no highlights folder');
    assert.equal(goesStraightToDisk([], 'highlights', none), false);
  });

  describe('through the node adapter', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'sift-disk-writes-'));
      for (const [p, text] of Object.entries({ ...FILES, [HIGHLIGHTS]: `source: ${SOURCE}\nhighlights: []\n` })) {
        mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
        writeFileSync(path.join(root, p), text);
      }
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('writes atomically under the write lock the CLI takes, leaving no temporary file', async () => {
      const fs = new NodeFileSystem(root);
      const ws = await createStudyService({ fs }).reload();
      const edits = await tagEdits(fs, ws, 'Oh, months.');
      const done = await withWriteLock(root, () => writeToDisk(fs, edits, ws.versions));
      const onDisk = readFileSync(path.join(root, HIGHLIGHTS));
      assert.deepEqual(done.written[0]!.bytes, new Uint8Array(onDisk));
      assert.match(onDisk.toString('utf8'), /quote: "Oh, months\."/);
      assert.deepEqual(readdirSync(path.dirname(path.join(root, HIGHLIGHTS))), ['p01.md.yaml']);
    });

    it('refuses a file another program wrote after the study read it, and leaves it as that program wrote it', async () => {
      const fs = new NodeFileSystem(root);
      const ws = await createStudyService({ fs }).reload();
      const edits = await tagEdits(fs, ws, 'Oh, months.');
      const theirs = `source: ${SOURCE}\n# the CLI's\nhighlights: []\n`;
      writeFileSync(path.join(root, HIGHLIGHTS), theirs);
      await assert.rejects(
        withWriteLock(root, () => writeToDisk(fs, edits, ws.versions)),
        ChangedSinceRead,
      );
      assert.equal(readFileSync(path.join(root, HIGHLIGHTS), 'utf8'), theirs);
    });
  });
});
