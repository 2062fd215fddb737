/**
 * The study service: one owner of the loaded files, of where each highlight is (live places
 * moved by unsaved edits), and of the indexes. Fakes, not mocks: an in-memory file system
 * that counts how often the study is listed.
 */
import * as assert from 'node:assert/strict';
import { EditPlan } from '../../src/core/store/plan';
import { deleteHighlight, tagSelection } from '../../src/core/store/highlights';
import { createStudyService, derivedOf, type StudyChange, type StudyService } from '../../src/core/workspace/study-service';
import type { Workspace } from '../../src/core/workspace/workspace';
import { MemoryFileSystem } from '../support/memory-fs';
import { deepFreeze } from '../support/frozen';
import { evidenceIndex, indexEvidence } from '../../src/core/insights/evidence';
import { highlightHomes, type DerivedIndex } from '../../src/core/workspace/derived';

const TRANSCRIPT = 'P01: Oh, months. I waited sixteen weeks for the grab rails to be fitted. Nobody rang to say why.\n';
const SOURCE = 'transcripts/p01.md';
const HIGHLIGHTS = 'highlights/transcripts/p01.md.yaml';

class CountingFileSystem extends MemoryFileSystem {
  listings = 0;
  override async listFiles() {
    this.listings++;
    return super.listFiles();
  }
}

function study(): CountingFileSystem {
  return new CountingFileSystem({
    'research.yaml': 'name: Test study\nsources: [transcripts/**/*.md]\n',
    'participants.yaml': 'participants:\n  - {id: P01}\n',
    'codebook.yaml': 'tags:\n  - id: waiting-time\n    label: Waiting time\n',
    [SOURCE]: TRANSCRIPT,
  });
}

async function tagged(fs: MemoryFileSystem, ws: Workspace, words: string, service?: StudyService) {
  const plan = new EditPlan(fs, ws.versions);
  const start = TRANSCRIPT.indexOf(words);
  const known = service ? { isTaken: (id: string) => service.fileOf(id) !== undefined, placeOf: service.placeOf } : {};
  const id = await tagSelection(plan, ws, TRANSCRIPT, { source: SOURCE, start, end: start + words.length, tags: ['waiting-time'] }, Math.random, known);
  const { edits, problems } = plan.result();
  assert.deepEqual(problems, []);
  fs.apply(edits);
  return { id: id!, written: edits.map((e) => ({ path: e.path, bytes: fs.text(e.path) === undefined ? null : new TextEncoder().encode(fs.text(e.path)!) })) };
}

describe('study service', () => {
  it('takes a write in from the bytes written: the new highlight is placed at once, without listing or re-reading the study', async () => {
    const fs = study();
    const service = createStudyService({ fs });
    const loaded = deepFreeze(await service.reload());
    assert.equal(fs.listings, 1);
    const changes: StudyChange[] = [];
    service.onDidChange((c) => changes.push(c));
    const first = await tagged(fs, loaded, 'Oh, months.');
    // A new highlights file is not yet known to the study: it is read by a reload.
    await service.written(first.written);
    const ws = deepFreeze(service.study!);
    assert.equal(ws.anchoring.get(first.id)?.state, 'anchored');
    const listed = fs.listings;
    const second = await tagged(fs, ws, 'Nobody rang to say why.');
    const next = await service.written(second.written);
    assert.equal(next, service.study, 'published before the background check');
    assert.equal(fs.listings, listed, 'no listing before the study is published');
    assert.deepEqual(changes.at(-1)?.paths, [HIGHLIGHTS]);
    assert.equal(changes.at(-1)?.kind, 'files');
    assert.deepEqual(
      next!.highlightFiles.get(HIGHLIGHTS)!.highlights.map((h) => h.quote),
      ['Oh, months.', 'Nobody rang to say why.'],
    );
    assert.equal(next!.anchoring.get(second.id)?.start, TRANSCRIPT.indexOf('Nobody'));
    assert.equal(next!.versions.get(HIGHLIGHTS), (await service.reload()).versions.get(HIGHLIGHTS), 'the version is the one on disk');
    // The study it replaced is as it was.
    assert.equal(ws.highlightFiles.get(HIGHLIGHTS)!.highlights.length, 1);
  });

  it('reports a failure of its work after a change (the checks, the indexes made ahead) to the host, never drops it', async () => {
    const fs = study();
    const failures: string[] = [];
    const broken = () => Promise.reject(new TypeError('Cannot assign to read only property'));
    // A pause of the background work that throws: as a write into a frozen study would, in the middle of it.
    const service = createStudyService({ fs, sliceMs: 0, yieldInBackground: broken, reportFailure: (what, e) => failures.push(`${what}: ${(e as Error).message}`) });
    const loaded = await service.reload();
    const first = await tagged(fs, loaded, 'Oh, months.');
    await service.written(first.written);
    const second = await tagged(fs, service.study!, 'Nobody rang to say why.', service);
    await service.written(second.written);
    await until(() => failures.some((f) => f.startsWith('Checking the study after a change')));
    assert.deepEqual([...new Set(failures)].sort(), ['Checking the study after a change: Cannot assign to read only property', 'Indexing the highlights for search: Cannot assign to read only property']);
  });

  it('owns the places moved by unsaved edits: shifted, announced, and dropped, never written into the loaded study', async () => {
    const fs = study();
    const service = createStudyService({ fs });
    const first = await tagged(fs, await service.reload(), 'Nobody rang to say why.');
    await service.written(first.written);
    const ws = deepFreeze(service.study!);
    const at = TRANSCRIPT.indexOf('Nobody');
    const changes: StudyChange[] = [];
    service.onDidChange((c) => changes.push(c));
    // "Oh, " typed at the start of the transcript (4 code points), then the last line break deleted, after the highlight.
    service.moveLive(SOURCE, [{ start: 0, end: 0, inserted: 4 }]);
    service.moveLive(SOURCE, [{ start: TRANSCRIPT.length + 3, end: TRANSCRIPT.length + 4, inserted: 0 }]);
    assert.deepEqual(
      changes.map((c) => [c.kind, c.paths]),
      [['places', [SOURCE]]],
      'an edit after every highlight moves none',
    );
    const placed = service.placedHighlights(SOURCE);
    assert.deepEqual(
      placed.map((p) => [p.result?.start, p.result?.state]),
      [[at + 4, 'moved']],
    );
    assert.equal(service.placeOf(first.id)?.start, at + 4);
    assert.equal(ws.anchoring.get(first.id)?.start, at, 'the loaded study still says where it is on disk');
    assert.ok(service.hasLive(SOURCE));
    service.forgetLive(SOURCE);
    assert.equal(service.placeOf(first.id)?.start, at);
    assert.equal(changes.length, 2);
  });

  it('never stretches a highlight over text that replaced its words: it is lost until the saved text is re-anchored', async () => {
    const fs = study();
    const service = createStudyService({ fs });
    const first = await tagged(fs, await service.reload(), 'Nobody rang to say why.');
    await service.written(first.written);
    const at = TRANSCRIPT.indexOf('Nobody');
    // The whole text replaced at once (as VS Code reports some edits of a document), four code points longer.
    service.moveLive(SOURCE, [{ start: 0, end: TRANSCRIPT.length, inserted: TRANSCRIPT.length + 4 }]);
    const lost = service.placeOf(first.id)!;
    assert.equal(lost.state, 'orphaned');
    assert.deepEqual([lost.start, lost.end], [at, at + 'Nobody rang to say why.'.length], 'its place is not stretched over the new text');
  });

  it('reads a file Sift did not write (the codebook) by a reload, and a reload with nothing changed announces nothing', async () => {
    const fs = study();
    const service = createStudyService({ fs });
    await service.reload();
    const changes: StudyChange[] = [];
    service.onDidChange((c) => changes.push(c));
    await service.reload();
    assert.equal(changes.length, 0);
    fs.write('codebook.yaml', 'tags:\n  - id: waiting-time\n    label: Waiting time\n  - id: silence\n    label: Silence\n');
    await service.written([{ path: 'codebook.yaml', bytes: new TextEncoder().encode(fs.text('codebook.yaml')!) }]);
    assert.deepEqual(
      service.study!.codebook.map((t) => t.id),
      ['waiting-time', 'silence'],
    );
    assert.deepEqual(
      changes.map((c) => c.paths),
      ['all'],
    );
  });

  it("tells a change made elsewhere from its own writes' traces: a temporary file that came and went changes nothing", async () => {
    const fs = study();
    const service = createStudyService({ fs });
    const first = await tagged(fs, await service.reload(), 'Oh, months.');
    await service.written(first.written);
    const second = await tagged(fs, service.study!, 'Nobody rang to say why.');
    await service.written(second.written);
    const listed = fs.listings;
    // What a watcher reports of one atomic write: the file, and the temporary file renamed over it.
    assert.equal(await service.changedOnDisk([HIGHLIGHTS, 'highlights/transcripts/.p01.md.yaml.0a1b2c3d.tmp']), false);
    // Another program's file that came and went.
    assert.equal(await service.changedOnDisk(['notes/~$draft.docx']), false);
    assert.equal(fs.listings, listed, 'decided without listing the study');

    fs.write('codebook.yaml', 'tags:\n  - id: silence\n    label: Silence\n');
    assert.equal(await service.changedOnDisk(['codebook.yaml']), true, 'a file the study holds, changed');
    fs.write('themes/waiting.yaml', 'title: Waiting\nhighlights: []\n');
    assert.equal(await service.changedOnDisk(['themes/waiting.yaml']), true, 'a new file');
    assert.equal(await service.changedOnDisk(['']), true, 'a reload asked without a file');
    fs.remove(SOURCE);
    assert.equal(await service.changedOnDisk([SOURCE]), true, 'a transcript the last load listed, gone');
    assert.equal(await service.changedOnDisk(['transcripts']), true, 'a folder that held files of the study, gone');
    fs.remove(HIGHLIGHTS);
    assert.equal(await service.changedOnDisk([HIGHLIGHTS]), true, 'a highlights file Sift wrote, gone');
  });

  it('a reload that finds only highlights files changed by another program takes them in as its own writes: those files, not the whole study', async () => {
    const fs = study();
    const service = createStudyService({ fs });
    const first = await tagged(fs, await service.reload(), 'Oh, months.');
    await service.written(first.written);
    await service.reload();
    const homes = service.derived(highlightHomes)!;
    const changes: StudyChange[] = [];
    service.onDidChange((c) => changes.push(c));

    // Saved again with the same bytes (an editor's save, a checkout of the same content): nothing to announce.
    fs.write(HIGHLIGHTS, fs.text(HIGHLIGHTS)!);
    assert.equal(await service.reload(), service.study);
    assert.equal(changes.length, 0);

    // A colleague's memo and a highlight of theirs, pulled with git.
    const start = TRANSCRIPT.indexOf('Nobody rang');
    const theirs = `${fs.text(HIGHLIGHTS)!.replace(/(\n {4}tags: \[waiting-time\]\n)/, '$1    note: Asked twice.\n')}  - id: h-c0aeag12\n    quote: Nobody rang\n    start: ${start}\n    end: ${start + 11}\n    tags: [waiting-time]\n`;
    fs.write(HIGHLIGHTS, theirs);
    const listed = fs.listings;
    const ws = await service.reload();
    assert.equal(fs.listings, listed + 1, 'listed once');
    assert.deepEqual(
      changes.map((c) => [c.kind, c.paths]),
      [['files', [HIGHLIGHTS]]],
    );
    assert.deepEqual(
      ws.highlightFiles.get(HIGHLIGHTS)!.highlights.map((h) => [h.quote, h.note]),
      [
        ['Oh, months.', 'Asked twice.'],
        ['Nobody rang', undefined],
      ],
    );
    assert.equal(ws.anchoring.get('h-c0aeag12')?.start, start);
    assert.notEqual(service.derived(highlightHomes), homes, 'the index of homes followed the file');
    assert.equal(service.fileOf('h-c0aeag12'), HIGHLIGHTS);
    const fromDisk = await createStudyService({ fs }).reload();
    assert.deepEqual([...ws.anchoring.entries()].sort(), [...fromDisk.anchoring.entries()].sort());
    assert.deepEqual([...ws.versions].sort(), [...fromDisk.versions].sort());

    // Anything else changed (a transcript's text): the whole study is loaded again.
    fs.write(SOURCE, `${TRANSCRIPT}P01: And then the letter came.\n`);
    await service.reload();
    assert.deepEqual(changes.at(-1)?.paths, 'all');
  });

  it('after its own writes, holds what a load from disk would: the same places, and the checks across files made again', async () => {
    const fs = study();
    const service = createStudyService({ fs });
    const first = await tagged(fs, await service.reload(), 'Oh, months.');
    await service.written(first.written);
    for (const words of ['I waited sixteen weeks', 'Nobody rang to say why.', 'the grab rails']) {
      const next = await tagged(fs, service.study!, words);
      await service.written(next.written);
    }
    // A tag the codebook does not have, written by Sift (an import, say): the check after the write finds it.
    const ws = service.study!;
    const plan = new EditPlan(fs, ws.versions);
    const start = TRANSCRIPT.indexOf('to be fitted');
    await tagSelection(plan, ws, TRANSCRIPT, { source: SOURCE, start, end: start + 12, tags: ['no-such-tag'] });
    fs.apply(plan.result().edits);
    const checked = new Promise<StudyChange>((resolve) => service.onDidChange((c) => c.study.problems.length > 0 && resolve(c)));
    await service.written([{ path: HIGHLIGHTS, bytes: new TextEncoder().encode(fs.text(HIGHLIGHTS)!) }]);
    const mine = (await checked).study;
    const fromDisk = await createStudyService({ fs }).reload();
    assert.deepEqual([...mine.anchoring.entries()].sort(), [...fromDisk.anchoring.entries()].sort());
    assert.equal(mine.anchoring.size, 5);
    assert.deepEqual(mine.problems, fromDisk.problems);
    assert.deepEqual(
      mine.problems.map((p) => [p.code, p.line]),
      [['unknown-tag', fromDisk.problems[0]!.line]],
    );
  });

  describe('derived indexes and checks after a write: the work of the files it touched', () => {
    const OTHER = 'transcripts/p02.md';
    const OTHER_HIGHLIGHTS = 'highlights/transcripts/p02.md.yaml';
    const twoTranscripts = () => {
      const fs = study();
      fs.write(OTHER, TRANSCRIPT.replace('P01', 'P02'));
      fs.write(
        OTHER_HIGHLIGHTS,
        `source: ${OTHER}\nhighlights:\n  - id: h-00000001\n    quote: Nobody rang to say why.\n    start: ${TRANSCRIPT.indexOf('Nobody')}\n    end: ${TRANSCRIPT.indexOf('Nobody') + 23}\n    tags: [waiting-time, no-such-tag]\n`,
      );
      return fs;
    };
    /**
     * Counts every walk over a highlights file's highlights from now on, once what is made
     * after a load has been made (the search index's background build, without a host to yield to, ends within the turn).
     */
    const countWalks = async (ws: Workspace, path: string) => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const file = ws.highlightFiles.get(path)!;
      const highlights = file.highlights;
      const counter = { walks: 0 };
      Object.defineProperty(file, 'highlights', {
        get: () => {
          counter.walks++;
          return highlights;
        },
      });
      return counter;
    };

    it('a tag in one file makes that file’s entries again and no other’s, and the result is what a build from scratch gives', async () => {
      const fs = twoTranscripts();
      const service = createStudyService({ fs });
      const calls: string[] = [];
      const counted: DerivedIndex<ReturnType<typeof indexEvidence>> = {
        name: 'evidence, counted',
        build: (ws) => (calls.push('build'), evidenceIndex.build(ws)),
        update: (index, ws, changes) => (calls.push(`update ${changes.map((c) => c.path).join(' ')}`), evidenceIndex.update(index, ws, changes)),
      };
      const loaded = await service.reload();
      const before = service.derived(counted)!;
      const otherEvidence = before.byId.get('h-00000001');
      assert.ok(otherEvidence);
      service.fileOf('');
      const walks = await countWalks(loaded, OTHER_HIGHLIGHTS);
      const first = await tagged(fs, loaded, 'Oh, months.', service);
      await service.written(first.written);
      const second = await tagged(fs, service.study!, 'I waited sixteen weeks', service);
      await service.written(second.written);
      const after = service.derived(counted)!;
      assert.deepEqual(calls, ['build', `update ${HIGHLIGHTS}`], 'built once, then updated with the one file the two writes touched');
      assert.equal(after.byId.get('h-00000001'), otherEvidence, 'the other file’s evidence is the same object: not made again');
      assert.equal(after.byId.get(second.id)?.highlight.quote, 'I waited sixteen weeks');
      assert.equal(service.fileOf(second.id), HIGHLIGHTS);
      assert.equal(service.fileOf('h-00000001'), OTHER_HIGHLIGHTS);
      assert.equal(service.derived(counted), after, 'asked again for the same study: the same index');
      assert.equal(derivedOf(service.study!, counted), after, 'a view asking for the index of the published study gets the service’s');
      // The checks after the writes, in the background (ended within a turn: the fake host never yields): only the written file is checked.
      await new Promise((resolve) => setTimeout(resolve, 0));
      assert.equal(walks.walks, 0, 'nothing walked the other file’s highlights');
      assert.deepEqual([...after.byId.entries()], [...indexEvidence(service.study!).byId.entries()], 'the same entries, in the same order, as a build from scratch');
      assert.deepEqual(
        service.study!.problems.map((p) => [p.path, p.code]),
        [[OTHER_HIGHLIGHTS, 'unknown-tag']],
      );
    });

    it('a write that adds an unknown tag is found by the check of the written file alone, as a load from disk finds it', async () => {
      const fs = twoTranscripts();
      const service = createStudyService({ fs });
      const loaded = await service.reload();
      service.derived(evidenceIndex);
      service.fileOf('');
      const walks = await countWalks(loaded, OTHER_HIGHLIGHTS);
      const plan = new EditPlan(fs, loaded.versions);
      const start = TRANSCRIPT.indexOf('to be fitted');
      await tagSelection(plan, loaded, TRANSCRIPT, { source: SOURCE, start, end: start + 12, tags: ['not-in-codebook'] }, Math.random, { isTaken: (id) => service.fileOf(id) !== undefined });
      fs.apply(plan.result().edits);
      await service.written([{ path: HIGHLIGHTS, bytes: new TextEncoder().encode(fs.text(HIGHLIGHTS)!) }]);
      await until(() => service.study!.problems.length === 2);
      assert.equal(walks.walks, 0, 'the other file was not checked again');
      const fromDisk = await createStudyService({ fs }).reload();
      assert.deepEqual(service.study!.problems, fromDisk.problems);
    });

    it('a highlight a theme cites, deleted: the whole study is checked again and the theme’s reference dangles', async () => {
      const fs = twoTranscripts();
      fs.write('themes/waiting.yaml', 'title: Waiting\nhighlights: [h-00000001]\n');
      const service = createStudyService({ fs });
      const loaded = await service.reload();
      assert.deepEqual(
        loaded.problems.map((p) => p.code),
        ['unknown-tag'],
      );
      const plan = new EditPlan(fs, loaded.versions);
      await deleteHighlight(plan, loaded, 'h-00000001');
      fs.apply(plan.result().edits);
      await service.written([{ path: OTHER_HIGHLIGHTS, bytes: new TextEncoder().encode(fs.text(OTHER_HIGHLIGHTS)!) }]);
      await until(() => service.study!.problems.some((p) => p.code === 'dangling-reference'));
      const fromDisk = await createStudyService({ fs }).reload();
      assert.deepEqual(service.study!.problems, fromDisk.problems);
      assert.deepEqual(
        service.study!.problems.map((p) => [p.path, p.code]),
        [['themes/waiting.yaml', 'dangling-reference']],
      );
    });
  });
});

/** Waits for the background check (a few turns of the event loop), failing after a second. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    assert.ok(waited < 1000, 'the condition did not come true');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
