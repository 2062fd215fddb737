import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cachedSearchIndex, searchIndexPath } from '../../src/node/search-index-cache';
import { loadStudyFolder } from '../../src/node/study-loader';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'housing-repairs');

describe('search: the index cache of a study on disk', function () {
  this.timeout(60_000);
  let study: string;
  beforeEach(() => {
    study = path.join(mkdtempSync(path.join(tmpdir(), 'sift-index-cache-')), 'study');
    cpSync(EXAMPLE, study, { recursive: true });
    rmSync(path.join(study, '.sift'), { recursive: true, force: true });
  });
  afterEach(() => rmSync(path.dirname(study), { recursive: true, force: true }));

  const open = async () => (await loadStudyFolder(study)).workspace;
  const ids = (index: Awaited<ReturnType<typeof cachedSearchIndex>>['index'], query: string) => index.search(query, { limit: Infinity }).hits.map((h) => h.id);

  it('is read, not built, the second time, as a Node Buffer read from disk, with the same answers', async () => {
    const built = await cachedSearchIndex(study, await open());
    assert.equal(built.fromCache, false);
    const read = await cachedSearchIndex(study, await open());
    assert.equal(read.fromCache, true);
    for (const q of ['waited', 'roof -tag:phone', '"the part"', 'tag:repair-wait', 'mou']) assert.deepEqual(ids(read.index, q), ids(built.index, q), q);
    assert.ok(ids(read.index, 'waited').length > 0);
  });

  it('is built again after a highlights file changed, and after damage; never with --no-cache', async () => {
    await cachedSearchIndex(study, await open());
    const file = path.join(study, 'highlights', 'transcripts', 't02.md.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    tags: [', '    note: a zeppelin\n    tags: ['));
    const edited = await cachedSearchIndex(study, await open());
    assert.equal(edited.fromCache, false);
    assert.equal(ids(edited.index, 'zeppelin').length, 1);
    assert.equal((await cachedSearchIndex(study, await open())).fromCache, true);
    const bytes = readFileSync(searchIndexPath(study));
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
    writeFileSync(searchIndexPath(study), bytes);
    assert.equal((await cachedSearchIndex(study, await open())).fromCache, false);
    assert.equal((await cachedSearchIndex(study, await open(), { cache: false })).fromCache, false);
  });
});
