/**
 * The study's search index kept across loads: after a change only the changed highlights
 * files are re-indexed, and the answers are those of an index built from scratch.
 */
import * as assert from 'node:assert/strict';
import { FullTextIndex, searchDocOf } from '../../src/core/search/fulltext';
import { StudyIndex } from '../../src/core/search/study-index';
import type { Workspace } from '../../src/core/workspace/workspace';
import { exampleFileSystem, loaded } from '../support/example-fs';

function fromScratch(ws: Workspace): FullTextIndex {
  const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
  return new FullTextIndex([...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => searchDocOf(h, f.source, (id) => labels.get(id)))));
}

const ids = (index: FullTextIndex, query: string) =>
  index
    .search(query, { limit: 1000 })
    .hits.map((h) => h.id)
    .sort();
const QUERIES = ['stairs', 'letter', 'waiting', 'moved word', 'tag:waiting-time', 'P01'];

describe('StudyIndex', () => {
  it('answers as a fresh index after a highlight is edited, one moves between files, a file goes and a tag is renamed', async () => {
    const fs = exampleFileSystem();
    const study = new StudyIndex();
    const first = await loaded(fs);
    const index = study.of(first);
    assert.equal(study.of(first), index, 'the same workspace: no work');
    for (const q of QUERIES) assert.deepEqual(ids(index, q), ids(fromScratch(first), q), q);

    const [a, b, c] = [...first.highlightFiles.values()];
    const text = (path: string) => fs.text(path)!;
    const [moved, deleted] = [a!.highlights[0]!, a!.highlights[1]!];
    const without = (yaml: string, id: string) => yaml.replace(new RegExp(`  - id: ${id}[\\s\\S]*?(?=\\n  - id:|$)`), '');
    // In one file an edited quote, a highlight deleted and one moved into another file; a third file gone.
    fs.write(a!.path, without(without(text(a!.path), moved.id), deleted.id).replace(/quote: .*/, 'quote: a moved word here'));
    fs.write(b!.path, text(b!.path).replace(/\nhighlights:\n/, `\nhighlights:\n  - id: ${moved.id}\n    quote: "${moved.quote}"\n    start: 0\n    end: 5\n    tags: [${moved.tags.join(', ')}]\n`));
    fs.remove(c!.path);
    const second = await loaded(fs);
    assert.notEqual(
      second.highlightFiles.get(b!.path)!.highlights.find((h) => h.id === moved.id),
      undefined,
      'the move is in the new load',
    );
    const updated = study.of(second);
    assert.equal(updated, index, 'updated in place, not rebuilt');
    for (const q of [...QUERIES, moved.quote.split(' ').slice(0, 3).join(' ')]) assert.deepEqual(ids(updated, q), ids(fromScratch(second), q), q);
    assert.equal(updated.size, fromScratch(second).size);
    assert.equal(updated.has(deleted.id), false, 'the deleted highlight is gone');

    fs.write('codebook.yaml', text('codebook.yaml').replace(/label: Waiting time/, 'label: Queueing time'));
    const third = await loaded(fs);
    const relabelled = study.of(third);
    assert.deepEqual(ids(relabelled, 'queueing'), ids(fromScratch(third), 'queueing'));
    assert.ok(ids(relabelled, 'queueing').length > 0, 'the new label is searchable');
  });

  it('builds in the background in slices (warm), answering as a fresh index, and an index asked for meanwhile wins', async () => {
    const fs = exampleFileSystem();
    const first = await loaded(fs);
    const study = new StudyIndex();
    let pauses = 0;
    await study.warm(first, async () => void pauses++);
    assert.ok(pauses >= fromScratch(first).size, 'a pause between documents');
    const warmed = study.of(first);
    for (const q of QUERIES) assert.deepEqual(ids(warmed, q), ids(fromScratch(first), q), q);

    // A change: the next warm updates the built index in place.
    const a = [...first.highlightFiles.values()][0]!;
    fs.write(a.path, fs.text(a.path)!.replace(/quote: .*/, 'quote: a warmed word here'));
    const second = await loaded(fs);
    await study.warm(second, async () => {});
    assert.equal(study.of(second), warmed, 'updated, not rebuilt');
    assert.deepEqual(ids(warmed, 'warmed'), ids(fromScratch(second), 'warmed'));
    assert.equal(ids(warmed, 'warmed').length, 1);

    // Asked for while a first build is under way: built at once, and the sliced build is dropped.
    const other = new StudyIndex();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const warming = other.warm(second, () => gate);
    const now = other.of(second);
    release();
    await warming;
    assert.equal(other.of(second), now, 'the index built on demand is kept');
    for (const q of QUERIES) assert.deepEqual(ids(now, q), ids(fromScratch(second), q), q);
  });

  it('a warm queued for an older version of the study never takes the index back to it', async () => {
    const fs = exampleFileSystem();
    const first = await loaded(fs);
    const study = new StudyIndex();
    // A first build in slices, held at its first pause; meanwhile two changes are published.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const building = study.warm(first, () => gate);
    const a = [...first.highlightFiles.values()][0]!;
    const id = a.highlights[0]!.id;
    fs.write(a.path, fs.text(a.path)!.replace(/quote: .*/, 'quote: the second version'));
    const second = await loaded(fs);
    const warmingSecond = study.warm(second, async () => {});
    fs.write(a.path, fs.text(a.path)!.replace(/quote: .*/, 'quote: the third version'));
    const third = await loaded(fs);
    // The newest study is asked for (a filter on the board) before its own warm is queued.
    const index = study.of(third);
    const matches = index.matchingIds('third');
    release();
    await building;
    await warmingSecond;
    assert.equal(index.document(id)?.quote, 'the third version', 'still the newest study’s');
    assert.deepEqual([...matches], [id], 'and the matches made from it still stand');
  });
});
