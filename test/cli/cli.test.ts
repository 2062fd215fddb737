import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { tempLitter } from '../reliability/support/files';
import { siftProcess } from '../reliability/support/processes';
import { cleanupTemps, copyOfExample, EXAMPLE, fingerprint, git, sift, tempDir } from './support';

after(cleanupTemps);

describe('sift on the example study', () => {
  it('check exits 0 with no errors', () => {
    const r = sift(['check', EXAMPLE, '--no-cache']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No problems found|0 errors/);
  });

  it('check --format json lists every highlight with its resolved place and state', () => {
    const r = sift(['check', EXAMPLE, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { ok: boolean; highlights: { id: string; start: number; end: number; state: string }[] };
    assert.equal(report.ok, true);
    assert.ok(report.highlights.length >= 60, `${report.highlights.length} highlights`);
    assert.ok(report.highlights.every((h) => h.state === 'anchored' && h.end > h.start));
  });

  it('stats shows transcripts, coverage, tags and sampling gaps', () => {
    const r = sift(['stats', EXAMPLE]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Coding progress/);
    assert.match(r.stdout, /transcripts\/interviews\/p01\.md/);
    assert.match(r.stdout, /Tags by use/);
    assert.match(r.stdout, /ethnicity +asian-or-asian-british +3 people +3 of 12 planned +2 of 12 \(17%\) +1 short\n/);
    assert.match(r.stdout, /Recruit 1 more person whose ethnicity is asian-or-asian-british to reach 3 of 12 planned\./);
    const json = JSON.parse(sift(['stats', EXAMPLE, '--format', 'json']).stdout) as { transcripts: { coverage: number }[]; highlights: number };
    assert.ok(json.transcripts.length >= 8);
    assert.ok(json.transcripts.every((t) => t.coverage > 0 && t.coverage < 1));
  });

  it('reads UTF-16 transcripts (LE or BE, with a BOM, CRLF): every highlight stays on its words', () => {
    for (const order of ['le', 'be'] as const) {
      const dir = copyOfExample();
      const file = path.join(dir, 'transcripts/interviews/p01.md');
      const utf16 = Buffer.from(readFileSync(file, 'utf8').replace(/\n/g, '\r\n'), 'utf16le');
      writeFileSync(file, Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), order === 'le' ? utf16 : utf16.swap16()]));
      const r = sift(['check', dir, '--format', 'json', '--no-cache']);
      assert.equal(r.code, 0, r.stdout);
      const p01 = (JSON.parse(r.stdout) as { highlights: { source: string; state: string }[] }).highlights.filter((h) => h.source === 'transcripts/interviews/p01.md');
      assert.ok(p01.length > 5);
      assert.deepEqual(new Set(p01.map((h) => h.state)), new Set(['anchored']), order);
    }
  });

  it('fmt --check passes: the example is in canonical form', () => {
    const r = sift(['fmt', EXAMPLE, '--check']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });
});

describe('sift init', () => {
  it('creates a workspace that checks clean, and refuses to overwrite one', () => {
    const dir = tempDir();
    const r = sift(['init', dir, '--name', 'Library study']);
    assert.equal(r.code, 0, r.stderr);
    for (const f of ['research.yaml', 'codebook.yaml', 'participants.yaml', 'transcripts/.gitkeep', '.gitignore']) assert.ok(existsSync(path.join(dir, f)), f);
    assert.match(readFileSync(path.join(dir, 'research.yaml'), 'utf8'), /name: Library study/);
    assert.equal(sift(['check', dir]).code, 0);
    const before = fingerprint(dir);
    const again = sift(['init', dir]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
    assert.deepEqual(fingerprint(dir), before);
  });

  it('reports usage errors with exit code 2', () => {
    assert.equal(sift(['frobnicate']).code, 2);
    assert.equal(sift(['check', '--format', 'xml', EXAMPLE]).code, 2);
    assert.equal(sift(['check', '--bogus']).code, 2);
    assert.equal(sift(['check', path.join(EXAMPLE, 'nope')]).code, 2);
  });
});

/** Each bad input: exit 1, a problem at file:line:column, and no file touched. */
describe('sift check on bad input', () => {
  const highlightsFile = 'highlights/transcripts/interviews/p01.md.yaml';

  function expectRejected(mutate: (dir: string) => void, expected: RegExp): void {
    const dir = copyOfExample();
    mutate(dir);
    const before = fingerprint(dir);
    for (const args of [
      ['check', dir],
      ['fmt', dir],
      ['anchor', dir],
    ]) {
      const r = sift(args);
      if (args[0] === 'check') {
        assert.equal(r.code, 1, `check should fail:\n${r.stdout}${r.stderr}`);
        assert.match(r.stdout, expected);
      }
      assert.deepEqual(fingerprint(dir), before, `${args[0]} must not touch any file`);
    }
  }

  const edit = (dir: string, file: string, f: (s: string) => string) => writeFileSync(path.join(dir, file), f(readFileSync(path.join(dir, file), 'utf8')));

  it('malformed YAML, reported once (no cascade of "unknown tag" from the unreadable codebook)', () => {
    expectRejected(
      (d) => edit(d, 'codebook.yaml', (s) => s.replace(/\n  - id: /, '\n  - id: [broken\n    x: ')),
      /^codebook\.yaml:\d+:\d+: error: YAML syntax error[^\n]*\n(?:[^\n]*\[(?:personal-data|overdue-action)\]\n)*1 error, \d+ warnings?\.$/m,
    );
  });

  it('merge-conflict markers', () =>
    expectRejected(
      (d) => edit(d, highlightsFile, (s) => s.replace('highlights:\n', 'highlights:\n<<<<<<< HEAD\n=======\n>>>>>>> theirs\n')),
      new RegExp(`^${highlightsFile.replace(/\./g, '\\.')}:\\d+:1: error: Unresolved git merge conflict`, 'm'),
    ));

  it('duplicate highlight ids', () =>
    expectRejected((d) => {
      const other = 'highlights/transcripts/interviews/p02.md.yaml';
      const id = /id: (h-[0-9a-z]{8})/.exec(readFileSync(path.join(d, highlightsFile), 'utf8'))![1]!;
      edit(d, other, (s) => s.replace(/id: h-[0-9a-z]{8}/, `id: ${id}`));
    }, /:\d+:\d+: error: The highlight id h-[0-9a-z]{8} is used more than once/));

  it('a source outside the workspace', () => expectRejected((d) => edit(d, highlightsFile, (s) => s.replace(/^source: .*$/m, 'source: ../outside.md')), /:1:9: error: The source "\.\.\/outside\.md" points outside the workspace/));

  it('a binary transcript', () => expectRejected((d) => writeFileSync(path.join(d, 'transcripts/interviews/p01.md'), Buffer.from([0x2d, 0x2d, 0x0a, 0x00, 0x01])), /p01\.md:2:1: error: This file contains a NUL byte/));

  it('a transcript that is not UTF-8, named as the Windows-1252 it reads as', () =>
    expectRejected(
      (d) => appendFileSync(path.join(d, 'transcripts/interviews/p01.md'), Buffer.from([0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a])),
      /p01\.md:\d+:4: error: This file is not UTF-8: its bytes read as Windows-1252 .*"u go\? café"\)\. Re-save it as UTF-8/,
    ));

  it('a transcript in an encoding Sift cannot name', () =>
    expectRejected((d) => appendFileSync(path.join(d, 'transcripts/interviews/p01.md'), Buffer.from([0x0a, 0x63, 0x61, 0x66, 0x81, 0x0a])), /p01\.md:\d+:4: error: This file is not valid UTF-8 text/));

  it('a UTF-16 transcript cut inside a character', () =>
    expectRejected((d) => writeFileSync(path.join(d, 'transcripts/interviews/p01.md'), Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x62])), /p01\.md:1:1: error: This file starts with a UTF-16 LE byte-order mark but is not valid UTF-16 LE text/));

  it('a 1.6 KB deeply nested YAML', () =>
    expectRejected((d) => writeFileSync(path.join(d, 'themes/deep.yaml'), 'title: ' + '['.repeat(800) + ']'.repeat(800) + '\n'), /themes\/deep\.yaml:1:\d+: error: This file nests collections more than 64 levels/));

  it('an alias bomb', () =>
    expectRejected(
      (d) => writeFileSync(path.join(d, 'themes/bomb.yaml'), 'title: x\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n'),
      /themes\/bomb\.yaml:3:\d+: error: YAML aliases/,
    ));

  it('__proto__ keys', () => expectRejected((d) => edit(d, 'participants.yaml', (s) => s.replace('attributes: {', 'attributes: {__proto__: {admin: true}, ')), /participants\.yaml:\d+:\d+: error: "__proto__" cannot be used as a key/));

  it('an unknown tag and a dangling theme reference', () => {
    expectRejected((d) => edit(d, highlightsFile, (s) => s.replace(/tags: \[/, 'tags: [no-such-tag, ')), /error: The tag "no-such-tag" is not in the codebook/);
    expectRejected((d) => writeFileSync(path.join(d, 'themes/new.yaml'), 'title: New\nhighlights: [h-zzzzzzzz]\n'), /themes\/new\.yaml:2:\d+: error: The highlight h-zzzzzzzz does not exist/);
  });

  it('github format prints workflow annotations', () => {
    const dir = copyOfExample();
    edit(dir, highlightsFile, (s) => s.replace(/tags: \[/, 'tags: [no-such-tag, '));
    const r = sift(['check', dir, '--format', 'github']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^::error file=.*p01\.md\.yaml,line=\d+,col=\d+,title=sift unknown-tag::The tag "no-such-tag"/m);
  });
});

describe('sift fmt', () => {
  it('rewrites a file into canonical form, keeping comments; a second run changes nothing', () => {
    const dir = copyOfExample();
    const theme = path.join(dir, 'themes', 'scrambled.yaml');
    writeFileSync(theme, '# why this theme exists\nhighlights: []\nsummary: Later.   # to write\ntitle: Scrambled\n');
    assert.equal(sift(['fmt', dir, '--check']).code, 1);
    const r = sift(['fmt', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /reformatted themes\/scrambled\.yaml/);
    const text = readFileSync(theme, 'utf8');
    assert.ok(text.indexOf('title:') < text.indexOf('summary:') && text.indexOf('summary:') < text.indexOf('highlights:'), text);
    assert.match(text, /# why this theme exists/);
    assert.match(text, /# to write/);
    const before = fingerprint(dir);
    assert.equal(sift(['fmt', dir, '--check']).code, 0);
    assert.match(sift(['fmt', dir]).stdout, /^All files were in canonical form already: none changed\.$/m);
    assert.deepEqual(fingerprint(dir), before);
  });
});

describe('re-anchoring after a transcript changes (real git)', () => {
  it('follows the text through the diff from git, and `sift anchor` writes the new places', () => {
    const dir = copyOfExample();
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'study');
    const transcript = path.join(dir, 'transcripts/interviews/p01.md');
    const text = readFileSync(transcript, 'utf8');
    // A paragraph inserted after the front matter shifts every highlight.
    const insertAt = text.indexOf('\n', text.indexOf('---', 3)) + 1;
    writeFileSync(transcript, text.slice(0, insertAt) + '\nInterviewer: (Recording restarted after a fire alarm; the first minutes are repeated here.)\n' + text.slice(insertAt));
    const r = sift(['check', dir, '--format', 'json', '--no-cache']);
    assert.equal(r.code, 0, r.stdout);
    const moved = (JSON.parse(r.stdout) as { highlights: { source: string; state: string }[] }).highlights.filter((h) => h.source === 'transcripts/interviews/p01.md');
    assert.ok(moved.length > 0 && moved.every((h) => h.state === 'moved'), JSON.stringify(moved));
    const a = sift(['anchor', dir]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, 'updated highlights/transcripts/interviews/p01.md.yaml\n1 file updated.\n');
    // Again: nothing left to write, said as such ("0 file(s) updated." before).
    assert.equal(sift(['anchor', dir]).stdout, 'Every highlight is where its file says: nothing to update.\n');
    const after = JSON.parse(sift(['check', dir, '--format', 'json']).stdout) as { highlights: { state: string }[] };
    assert.ok(after.highlights.every((h) => h.state === 'anchored'));
    // Only the changed transcript's highlights file was rewritten.
    assert.deepEqual(git(dir, 'status', '--porcelain').split('\n').filter(Boolean).sort(), [' M highlights/transcripts/interviews/p01.md.yaml', ' M transcripts/interviews/p01.md']);
  });
});

describe('writes that cannot be made', () => {
  it('a full disk: a sentence, exit 1, no file changed and no temporary file left', async () => {
    const dir = copyOfExample();
    writeFileSync(path.join(dir, 'themes', 'scrambled.yaml'), 'summary: Later.\ntitle: Scrambled\n');
    const before = fingerprint(dir);
    const child = siftProcess(['fmt', dir], { fault: 'enospc-after:10', root: dir });
    assert.equal((await child.exited).code, 1);
    assert.match(child.stderr, /^sift: Could not write themes\/scrambled\.yaml: the disk is full \(ENOSPC\)\. Nothing was changed\.$/m);
    assert.deepEqual(fingerprint(dir), before);
    assert.deepEqual(tempLitter(dir), []);
  });

  it('a write lock left by a process that died is taken over', () => {
    const dir = copyOfExample();
    writeFileSync(path.join(dir, 'themes', 'scrambled.yaml'), 'summary: Later.\ntitle: Scrambled\n');
    mkdirSync(path.join(dir, '.sift', 'cache'), { recursive: true });
    writeFileSync(path.join(dir, '.sift', 'cache', 'write.lock'), `2147483646 ${hostname()}\n`);
    const r = sift(['fmt', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /reformatted themes\/scrambled\.yaml/);
    assert.ok(!existsSync(path.join(dir, '.sift', 'cache', 'write.lock')));
  });
});
