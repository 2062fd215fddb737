/**
 * Paths that leave the workspace, with real files and the real CLI: `../` and absolute
 * paths in research.yaml and in a highlights file's `source:`, and symbolic links to files
 * and folders outside. Sift reads nothing outside and writes nothing outside.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTemps, copyOfExample, fingerprint, sift, tempDir } from '../cli/support';
import { fault } from './figures';
import { lostBytes, userFiles } from './support/files';

after(cleanupTemps);

const HIGHLIGHTS = 'highlights/transcripts/interviews/p01.md.yaml';
const edit = (dir: string, file: string, f: (s: string) => string) => writeFileSync(path.join(dir, file), f(readFileSync(path.join(dir, file), 'utf8')));

/** A folder outside the workspace with a transcript and a theme that must never be read. */
function outside(): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'secret'));
  writeFileSync(path.join(dir, 'secret', 'leak.md'), 'Interviewer: OUTSIDE-SECRET-TEXT\n');
  writeFileSync(path.join(dir, 'secret', 'leak.yaml'), 'title: OUTSIDE-SECRET-THEME\nhighlights: []\n');
  return dir;
}

describe('paths leaving the workspace', () => {
  for (const source of ['../outside.md', '/etc/passwd', 'transcripts/../../x.md', 'C:/Users/x.md', 'transcripts//p01.md']) {
    it(`a highlights file with source: ${source} is refused, and nothing is written`, () =>
      fault('Paths', `highlight source: ${source}`, () => {
        const dir = copyOfExample();
        edit(dir, HIGHLIGHTS, (s) => s.replace(/^source: .*$/m, `source: ${source}`));
        const before = userFiles(dir);
        const printed = fingerprint(dir);
        const r = sift(['check', dir, '--no-cache']);
        assert.equal(r.code, 1);
        assert.match(r.stdout, /error: The source ".*" points outside the workspace/);
        for (const command of ['anchor', 'fmt']) sift([command, dir]);
        assert.deepEqual(fingerprint(dir), printed);
        return { lostBytes: lostBytes(before, dir), detail: 'check: source-outside error; anchor and fmt wrote nothing' };
      }));
  }

  it('research.yaml sources and paths outside the workspace are errors; nothing outside is read', () =>
    fault('Paths', 'research.yaml sources and paths outside the workspace', () => {
      const dir = copyOfExample();
      const away = outside();
      const rel = path.relative(dir, path.join(away, 'secret'));
      edit(dir, 'research.yaml', (s) => s.replace(/^sources: \[/m, `paths: {themes: ${rel}}\nsources: [${rel}/*.md, ${away}/secret/*.md, `));
      const r = sift(['check', dir, '--no-cache']);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /research\.yaml:\d+:\d+: error: The themes path ".*" leaves the workspace/);
      assert.match(r.stdout, /research\.yaml:\d+:\d+: error: The source pattern ".*" points outside the workspace/);
      assert.doesNotMatch(r.stdout, /OUTSIDE-SECRET|leak\./);
      const stats = sift(['stats', dir, '--format', 'json']).stdout;
      assert.doesNotMatch(stats, /leak\.md/);
      return { lostBytes: 0, detail: 'both reported as errors; stats lists no file from outside' };
    }));

  it('symbolic links to a file and a folder outside are not followed; writes through a linked folder are refused', () =>
    fault('Paths', 'symlinks leaving the workspace', () => {
      const dir = copyOfExample();
      const away = outside();
      symlinkSync(path.join(away, 'secret', 'leak.md'), path.join(dir, 'transcripts', 'link.md'));
      symlinkSync(path.join(away, 'secret'), path.join(dir, 'transcripts', 'linked-folder'));
      symlinkSync(path.join(away, 'secret', 'leak.yaml'), path.join(dir, 'themes', 'linked.yaml'));
      const outsideBefore = fingerprint(away);
      const r = sift(['check', dir, '--no-cache', '--format', 'json']);
      assert.doesNotMatch(r.stdout, /OUTSIDE-SECRET|link\.md|linked-folder|linked\.yaml/);
      assert.doesNotMatch(sift(['stats', dir, '--format', 'json']).stdout, /link\.md|linked-folder/);
      // A command that creates a file in a folder linked outside: refused, nothing written there.
      const caption = path.join(tempDir(), 'call.vtt');
      writeFileSync(caption, 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v P01>Hello.\n');
      const linkedTranscripts = copyOfExample();
      const target = tempDir();
      const real = path.join(linkedTranscripts, 'transcripts');
      writeFileSync(path.join(target, 'keep.txt'), 'x');
      const moved = path.join(target, 'transcripts');
      renameSync(real, moved);
      symlinkSync(moved, real);
      const targetBefore = fingerprint(target);
      const imported = sift(['import', 'transcript', caption, '--into', linkedTranscripts]);
      assert.equal(imported.code, 1, imported.stdout + imported.stderr);
      assert.match(imported.stderr, /Could not write transcripts\/call\.md: its folder is a link to a place outside the workspace\. Nothing was changed\./);
      assert.deepEqual(fingerprint(target), targetBefore);
      assert.deepEqual(fingerprint(away), outsideBefore);
      return { lostBytes: 0, detail: 'linked file, folder and theme not read; import into a folder linked outside refused' };
    }));
});
