import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readSnapshot, snapshotPath, writeSnapshot } from '../../src/node/snapshot-store';
import { cleanupTemps, copyOfExample, sift, tempDir } from './support';

after(cleanupTemps);

describe('the warm cache (.sift/cache)', () => {
  it('round-trips a snapshot line by line', async () => {
    const dir = tempDir();
    const snapshot = { version: 7, files: { 'a.yaml': { size: 1, mtime: 2, hash: 'h', problems: [], value: { x: 'line\nbreak' } }, 'b/c.md': { size: 3, mtime: 4, hash: 'k', problems: [], value: null } } };
    await writeSnapshot(dir, snapshot);
    assert.deepEqual(await readSnapshot(dir), snapshot);
  });

  it('is ignored when corrupt, and a second check parses nothing yet finds the same', () => {
    const dir = copyOfExample();
    const first = sift(['check', dir, '--format', 'json']);
    const second = sift(['check', dir, '--format', 'json']);
    assert.equal(second.stdout, first.stdout);
    mkdirSync(path.dirname(snapshotPath(dir)), { recursive: true });
    writeFileSync(snapshotPath(dir), '{"version": 2}\n[not json');
    const third = sift(['check', dir, '--format', 'json']);
    assert.equal(third.code, 0, third.stderr);
    assert.equal(third.stdout, first.stdout);
  });
});
