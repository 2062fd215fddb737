import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { FullTextIndex, type SearchDoc } from '../../src/core/search/fulltext';
import { decodeSearchIndex, encodeSearchIndex, searchDocsOf, searchIndexKey } from '../../src/core/search/index-file';
import { loadWorkspace } from '../../src/core/workspace/load';
import { MemoryFileSystem } from '../support/memory-fs';

const KEY = 'a'.repeat(40);
const WORDS = ['wait', 'waiting', 'waited', 'rang', 'nobody', 'grab', 'rails', 'café', 'time', 'the', 'long', 'phone', 'roof', 'mould'];
const QUERIES = ['wait', 'wai', 'the time', '"long wait"', 'tag:calls', '-rang time', 'cafe', 'p01', 'rails -tag:adaptations', 'nobody "the roof"', 'mo'];

const docs = (n: number): SearchDoc[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `h-${String(i).padStart(8, '0')}`,
    source: `transcripts/p0${i % 3}.md`,
    quote: Array.from({ length: 3 + (i % 7) }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' '),
    tags: i % 2 === 0 ? ['calls'] : ['adaptations'],
    ...(i % 5 === 0 ? { note: 'long wait for the OT' } : {}),
    speaker: `P0${i % 3}`,
  }));

const answers = (index: FullTextIndex) => QUERIES.map((q) => index.search(q, { limit: Infinity })).map((r) => ({ total: r.total, hits: r.hits }));

describe('search: the index as a cache file', () => {
  it('reads back an index that answers every query exactly as the one written, also after additions and removals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.array(fc.integer({ min: 0, max: 59 }), { maxLength: 10 }), (n, removed) => {
        const all = docs(n);
        const index = new FullTextIndex(all);
        for (const r of removed) index.remove(all[r]?.id ?? 'none');
        index.add({ id: 'h-added00', source: 'transcripts/x.md', quote: 'the long wait for the roof', tags: ['calls'] });
        const before = answers(index);
        const live = new Map([...all.filter((d) => index.has(d.id)), { id: 'h-added00', source: 'transcripts/x.md', quote: 'the long wait for the roof', tags: ['calls'] }].map((d) => [d.id, d]));
        const bytes = encodeSearchIndex(index, KEY)!;
        const read = decodeSearchIndex(bytes, KEY, live);
        assert.ok(read, 'the file reads back');
        assert.deepEqual(answers(read), before);
        assert.deepEqual(answers(index), before, 'taking the image changes no answer of the index itself');
      }),
      { numRuns: 40 },
    );
  });

  it('is not used for another key, nor when the study has other highlights than it lists', () => {
    const all = docs(20);
    const bytes = encodeSearchIndex(new FullTextIndex(all), KEY)!;
    const byId = new Map(all.map((d) => [d.id, d]));
    assert.ok(decodeSearchIndex(bytes, KEY, byId));
    assert.equal(decodeSearchIndex(bytes, 'b'.repeat(40), byId), undefined);
    assert.equal(decodeSearchIndex(bytes, KEY, new Map([...byId].slice(1))), undefined, 'a highlight it does not know');
    assert.equal(decodeSearchIndex(bytes, KEY, new Map([...byId, ['h-zzzzzzzz', { ...all[0]!, id: 'h-zzzzzzzz' }]])), undefined, 'a highlight it lacks');
  });

  it('refuses a damaged file: cut short, a byte changed anywhere, empty, not an index', () => {
    const all = docs(30);
    const byId = new Map(all.map((d) => [d.id, d]));
    const bytes = encodeSearchIndex(new FullTextIndex(all), KEY)!;
    assert.equal(decodeSearchIndex(bytes.subarray(0, bytes.length - 1), KEY, byId), undefined);
    assert.equal(decodeSearchIndex(new Uint8Array(0), KEY, byId), undefined);
    assert.equal(decodeSearchIndex(new TextEncoder().encode('{"sift":"search-index"}\n'), KEY, byId), undefined);
    assert.equal(decodeSearchIndex(new TextEncoder().encode('not an index at all'), KEY, byId), undefined);
    for (let at = 0; at < bytes.length; at += 97) {
      const damaged = bytes.slice();
      damaged[at] = damaged[at]! ^ 0x20;
      assert.equal(decodeSearchIndex(damaged, KEY, byId), undefined, `byte ${at} changed`);
    }
  });

  it('refuses an image whose postings a search could not rely on, even with a right checksum', () => {
    const all = docs(10);
    const byId = new Map(all.map((d) => [d.id, d]));
    const image = new FullTextIndex(all).image();
    const ok = FullTextIndex.fromImage(image, (id) => byId.get(id));
    assert.ok(ok);
    const terms = [...image.terms];
    [terms[1], terms[2]] = [terms[2]!, terms[1]!];
    assert.equal(
      FullTextIndex.fromImage({ ...image, terms }, (id) => byId.get(id)),
      undefined,
      'terms out of order',
    );
    const docsOut = image.docs.slice();
    docsOut[0] = 10;
    assert.equal(
      FullTextIndex.fromImage({ ...image, docs: docsOut }, (id) => byId.get(id)),
      undefined,
      'a posting of no document',
    );
    const starts = image.starts.slice();
    starts[starts.length - 1] = starts[starts.length - 1]! + 1;
    assert.equal(
      FullTextIndex.fromImage({ ...image, starts }, (id) => byId.get(id)),
      undefined,
      'postings past the end',
    );
    assert.equal(
      FullTextIndex.fromImage({ ...image, ids: [...image.ids.slice(0, -1), image.ids[0]!] }, (id) => byId.get(id)),
      undefined,
      'an id twice',
    );
  });

  it('keys a study by the content of its highlights files and its tag labels, nothing else', async () => {
    const files = {
      'research.yaml': 'name: S\nsources: [transcripts/**/*.md]\n',
      'codebook.yaml': 'tags:\n  - id: calls\n    label: Calls\n',
      'transcripts/a.md': 'P01: Nobody rang to say why.\n',
      'highlights/transcripts/a.md.yaml': 'source: transcripts/a.md\nhighlights:\n  - id: h-aaaaaaa1\n    quote: "Nobody rang to say why."\n    start: 5\n    end: 28\n    tags: [calls]\n',
    };
    const keyOf = async (changes: Record<string, string>) => searchIndexKey((await loadWorkspace(new MemoryFileSystem({ ...files, ...changes }))).workspace);
    const key = await keyOf({});
    assert.match(key!, /^[0-9a-f]{40}$/);
    assert.equal(await keyOf({}), key, 'the same files, the same key');
    assert.equal(await keyOf({ 'transcripts/a.md': 'P01: Nobody rang to say why.\n\nP01: Later.\n' }), key, 'a transcript is not in the index');
    assert.notEqual(await keyOf({ 'highlights/transcripts/a.md.yaml': files['highlights/transcripts/a.md.yaml'].replace('[calls]', '[calls, other]') }), key);
    assert.notEqual(await keyOf({ 'codebook.yaml': 'tags:\n  - id: calls\n    label: Phone calls\n' }), key, 'labels are searched');
    const ws = (await loadWorkspace(new MemoryFileSystem(files))).workspace;
    assert.deepEqual([...searchDocsOf(ws).values()], [{ id: 'h-aaaaaaa1', source: 'transcripts/a.md', quote: 'Nobody rang to say why.', note: undefined, tags: ['calls'], tagLabels: ['Calls'], speaker: undefined }]);
  });
});
