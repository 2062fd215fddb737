/**
 * Listing a workspace folder with the node adapter (src/node/node-fs.ts), both ways: without
 * blocking (the editor) and with blocking calls (the command line). Both must list exactly the
 * same files: the workspace's own, links followed only while they stay inside it, the cache,
 * git and node_modules folders left out.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from '../../src/node/node-fs';

describe('listing a workspace folder (node adapter)', () => {
  let dir: string;
  let root: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sift-listing-'));
    root = path.join(dir, 'study');
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    write('study/research.yaml', 'name: Listing\n');
    write('study/transcripts/p01.md', 'P01: Months.\n');
    write('study/transcripts/deep/p02.vtt', 'WEBVTT\n');
    write('study/.sift/cache/snapshot.bin', 'cache');
    write('study/.git/HEAD', 'ref: refs/heads/main\n');
    write('study/node_modules/x/index.js', '');
    write('outside/secret.md', 'not part of the study\n');
    symlinkSync(path.join(dir, 'outside', 'secret.md'), path.join(root, 'transcripts', 'secret.md'));
    symlinkSync(path.join(dir, 'outside'), path.join(root, 'elsewhere'));
    symlinkSync(path.join(root, 'transcripts', 'p01.md'), path.join(root, 'transcripts', 'again.md'));
    symlinkSync(path.join(root, 'missing.md'), path.join(root, 'broken.md'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const EXPECTED = ['research.yaml', 'transcripts/again.md', 'transcripts/deep/p02.vtt', 'transcripts/p01.md'];

  for (const blockingListing of [false, true]) {
    it(`lists the workspace's own files, links inside it followed (${blockingListing ? 'blocking, as the command line lists' : 'without blocking, as the editor lists'})`, async () => {
      const files = await new NodeFileSystem(root, { blockingListing }).listFiles();
      assert.deepEqual(
        files.map((f) => f.path),
        EXPECTED,
      );
      const p01 = files.find((f) => f.path === 'transcripts/p01.md')!;
      assert.equal(p01.size, 'P01: Months.\n'.length);
      assert.ok(p01.mtime > 0);
    });
  }

  it('gives the same sizes and times either way', async () => {
    assert.deepEqual(await new NodeFileSystem(root, { blockingListing: true }).listFiles(), await new NodeFileSystem(root).listFiles());
  });
});
