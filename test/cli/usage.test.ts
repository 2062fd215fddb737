/**
 * How every command explains itself: `--help` (exit 0, usage and an example), a plain
 * sentence and the command's usage for an unknown option or a bad value (exit 2, never
 * Node's parseArgs text), and one exit code (2) and message from every command given a
 * folder that is not a Sift workspace.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { HELP } from '../../src/cli/help';
import { cleanupTemps, EXAMPLE, git, sift, tempDir } from './support';

after(cleanupTemps);

const COMMANDS = Object.keys(HELP);

describe('sift --help', () => {
  it('lists every command, exit 0; `sift` alone lists them too, exit 2', () => {
    for (const args of [['--help'], ['help'], ['-h']]) {
      const r = sift(args);
      assert.equal(r.code, 0, args.join(' '));
      for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'), c);
    }
    const bare = sift([]);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /^Commands:$/m);
  });

  for (const command of COMMANDS) {
    it(`sift ${command} --help and sift help ${command}: usage and an example, exit 0`, () => {
      const r = sift([command, '--help']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, new RegExp(`^Usage:\\n  sift ${command}[ \\n]`));
      assert.match(r.stdout, new RegExp(`\\nExamples?:\\n  sift ${command}\\b`));
      assert.equal(sift(['help', command]).stdout, r.stdout);
      // --help wins wherever it is, even after other arguments.
      if (command !== 'merge-driver') assert.equal(sift([command, 'somewhere', '-h']).stdout, r.stdout);
    });
  }

  it('sift help <unknown> is a usage error', () => {
    const r = sift(['help', 'frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^sift: There is no command "frobnicate"\.\nRun `sift --help` for the commands\.\n$/);
  });
});

describe('usage errors', () => {
  for (const command of COMMANDS) {
    it(`sift ${command} with an unknown option: one plain sentence naming it, then the usage, exit 2`, () => {
      const r = sift([command, '--bogus'], tempDir());
      assert.equal(r.code, 2, r.stdout + r.stderr);
      const [sentence, ...usage] = r.stderr.trimEnd().split('\n');
      assert.match(sentence!, command === 'merge-driver' ? /^sift: merge-driver takes four arguments/ : /^sift: There is no option --bogus for this command\.$/);
      assert.equal(usage[0], 'Usage:');
      assert.ok(
        usage.slice(1, -1).every((l) => l.startsWith(`  sift ${command} `)),
        usage.join('\n'),
      );
      assert.equal(usage.at(-1), `Run \`sift ${command} --help\` for more.`);
      assert.doesNotMatch(r.stderr, /positional argument|ERR_PARSE_ARGS/);
    });
  }

  it('a bad or missing value names the option', () => {
    const bad = sift(['check', EXAMPLE, '--format', 'xml']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^sift: --format must be one of: text, json, github\.\nUsage:\n  sift check /);
    const missing = sift(['stats', EXAMPLE, '--format']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^sift: --format needs a value \(--format <value>\)\.\nUsage:\n  sift stats /);
    const valued = sift(['fmt', EXAMPLE, '--check=yes']);
    assert.equal(valued.code, 2);
    assert.match(valued.stderr, /^sift: --check takes no value\.\n/);
    const unknown = sift(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^sift: There is no command "frobnicate"\.\nRun `sift --help` for the commands\./);
  });
});

describe('a folder that is not a Sift workspace', () => {
  /** Every command that needs a study, run on a git repository with no research.yaml. */
  const needsStudy: string[][] = [
    ['check', '.'],
    ['check', '.', '--format', 'json'],
    ['stats', '.'],
    ['fmt', '.'],
    ['fmt', '.', '--check'],
    ['anchor', '.'],
    ['pii', '.'],
    ['redact', '.'],
    ['personas', '.'],
    ['insight', 'list', '.'],
    ['insight', 'status', 'some-insight', 'accepted', '.'],
    ['actions', '.'],
    ['actions', 'set', 'some-insight#1', '.', '--status', 'done'],
    ['report', '.'],
    ['diff'],
    ['diff', 'HEAD..HEAD'],
    ['agreement', '--coders', 'a,b'],
    ['agreement', 'HEAD', 'HEAD'],
    ['export', 'qdpx', '.'],
    ['export', 'qdc', '.'],
    ['export', 'csv', '.'],
    ['import', 'qdc', path.join(EXAMPLE, 'codebook.yaml'), '.'],
    ['import', 'transcript', path.join(EXAMPLE, 'transcripts', 'interviews', 'p01.md'), '--into', '.'],
  ];
  for (const args of needsStudy) {
    it(`sift ${args.map((a) => path.basename(a)).join(' ')}: exit 2, "not a Sift workspace"`, () => {
      const dir = tempDir();
      git(dir, 'init', '-q');
      git(dir, 'commit', '-q', '--allow-empty', '-m', 'empty');
      const r = sift(args, dir);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /^sift: \S+ is not a Sift workspace: (?:it has no research\.yaml|there is no research\.yaml at HEAD(?: or working tree)?)\b.*Create one with `sift init /);
    });
  }

  it('a folder that does not exist, or a file: the same exit code', () => {
    const dir = tempDir();
    for (const target of [path.join(dir, 'nope'), path.join(EXAMPLE, 'research.yaml')]) {
      const r = sift(['check', target]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /is not a Sift workspace: (?:there is no such folder|it is a file, not a folder)\./);
    }
    mkdirSync(path.join(dir, 'empty'));
    assert.equal(sift(['stats', path.join(dir, 'empty')]).code, 2);
  });
});
