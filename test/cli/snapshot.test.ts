import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeSnapshot, encodeSnapshot, readSnapshot, snapshotPath, writeSnapshot } from '../../src/node/snapshot-store';
import { cleanupTemps, copyOfExample, sift, tempDir } from './support';

after(cleanupTemps);

const TRANSCRIPT = { path: 'transcripts/p01.vtt', format: 'vtt', hash: 't', length: 90, meta: {}, turns: [{ start: 8, end: 40, speaker: 'P01', time: '00:00:04' }], entries: [] };
const SNAPSHOT = {
  version: 7,
  files: {
    'a.yaml': { size: 1, mtime: 1796615504940.886, hash: 'h', problems: [], value: { x: 'line\nbreak', tags: ['a', 'a'] } },
    'b/c.md': { size: 3, mtime: 4, hash: 'k', problems: [], value: null },
    'transcripts/p01.vtt': { size: 90, mtime: 5, hash: 't', problems: [], value: TRANSCRIPT },
  },
};

describe('the warm cache (.sift/cache)', () => {
  it('round-trips a snapshot', async () => {
    const dir = tempDir();
    await writeSnapshot(dir, SNAPSHOT);
    assert.deepEqual(await readSnapshot(dir), SNAPSHOT);
  });

  it('refuses a damaged snapshot: any byte changed, cut short, another format', async () => {
    const bytes = encodeSnapshot(SNAPSHOT);
    assert.deepEqual(await decodeSnapshot(bytes), SNAPSHOT);
    const newline = bytes.indexOf(0x0a);
    for (let i = 0; i < bytes.length; i++) {
      const damaged = bytes.slice();
      damaged[i] = damaged[i]! ^ (i <= newline ? 0x01 : 0x40);
      const read = await decodeSnapshot(damaged);
      // A change in the header may leave it readable only when it still says the same (a key's case, say): never a different snapshot.
      if (read !== undefined) assert.deepEqual(read, SNAPSHOT, `byte ${i}`);
      if (i > newline) assert.equal(read, undefined, `byte ${i} of the body`);
    }
    assert.equal(await decodeSnapshot(bytes.subarray(0, bytes.length - 1)), undefined);
    assert.equal(await decodeSnapshot(new TextEncoder().encode('{"version":3}\n["a.yaml",{}]\n')), undefined, 'the JSON lines of earlier versions');
    assert.equal(await decodeSnapshot(new Uint8Array(0)), undefined);
  });

  it('is ignored when damaged and rewritten whole, and a second check parses nothing yet finds the same', async () => {
    const dir = copyOfExample();
    const first = sift(['check', dir, '--format', 'json']);
    const written = readFileSync(snapshotPath(dir));
    const second = sift(['check', dir, '--format', 'json']);
    assert.equal(second.stdout, first.stdout);
    assert.deepEqual(readFileSync(snapshotPath(dir)), written, 'nothing parsed anew, nothing rewritten');
    const damaged = Buffer.from(written); // a copy (Buffer's slice is a view)
    damaged[damaged.length - 10]! ^= 0x40;
    writeFileSync(snapshotPath(dir), damaged);
    const third = sift(['check', dir, '--format', 'json']);
    assert.equal(third.code, 0, third.stderr);
    assert.equal(third.stdout, first.stdout);
    assert.deepEqual(await decodeSnapshot(readFileSync(snapshotPath(dir))), await decodeSnapshot(written), 'rebuilt as it was');
  });

  it("gives commands that read transcripts' turns and diary entries the same from a warm snapshot as from the files", () => {
    // The snapshot defers turns, pages and entries until a command reads them (src/node/snapshot-store.ts).
    const dir = copyOfExample();
    const commands = [
      ['stats', dir],
      ['report', dir],
      ['stats', dir, '--format', 'json'],
    ];
    const cold = commands.map((c) => sift(c));
    assert.ok(existsSync(snapshotPath(dir)));
    const warm = commands.map((c) => sift(c));
    commands.forEach((c, i) => {
      assert.equal(cold[i]!.code, 0, cold[i]!.stderr);
      assert.equal(warm[i]!.stdout, cold[i]!.stdout, c.join(' '));
    });
    assert.match(warm[0]!.stdout, /^transcripts\/calls\/p12\.txt +P12 /m, 'a participant known from the turns');
    assert.match(warm[0]!.stdout, /[Dd]iary/);
  });

  it('replaces the JSON-lines snapshot of earlier versions', () => {
    const dir = copyOfExample();
    const former = path.join(dir, '.sift', 'cache', 'snapshot.jsonl');
    mkdirSync(path.dirname(former), { recursive: true });
    writeFileSync(former, '{"version": 3}\n');
    const check = sift(['check', dir, '--format', 'json']);
    assert.equal(check.code, 0, check.stderr);
    assert.ok(existsSync(snapshotPath(dir)));
    assert.equal(existsSync(former), false);
  });
});
