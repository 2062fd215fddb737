/**
 * Every byte of a command's output reaches whoever reads it: a pipe read slowly gets exactly
 * what a file gets, with the same exit code. `process.exit()` used to end the process while
 * a pipe still held output, so piped output stopped at 64 KiB and the command exited 0.
 * The study is generated large enough that each command prints more than 10 MB.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTemps, git, REPO, tempDir } from './support';

after(cleanupTemps);

const CLI = path.join(REPO, 'dist', 'cli.js');
const TRANSCRIPTS = 25;
const LINES = 440;
const MB = 2 ** 20;

/**
 * A study of TRANSCRIPTS × LINES lines, every line a highlight whose words hold an email
 * address and a phone number (for `sift pii`), tagged with a tag the codebook lacks (a
 * problem for `sift check`). Committed without its highlights, so `sift diff` lists them all.
 */
function largeStudy(): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'research.yaml'), 'name: Large study\nsources: [transcripts/**/*.md]\n');
  writeFileSync(path.join(dir, 'codebook.yaml'), 'tags:\n  - id: waiting-time\n    label: Waiting time\n');
  writeFileSync(path.join(dir, 'participants.yaml'), 'participants: []\n');
  mkdirSync(path.join(dir, 'transcripts'));
  git(dir, 'init', '-q');
  const highlights: [string, string][] = [];
  for (let t = 0; t < TRANSCRIPTS; t++) {
    const lines: string[] = [];
    const entries: string[] = [];
    let offset = 0;
    for (let l = 0; l < LINES; l++) {
      // Five sentences, each with a phone number and an email address: about 1,250 characters.
      const words = [0, 1, 2, 3, 4]
        .map(
          (k) =>
            `I rang 020 7946 ${String((l * 5 + k) % 10000).padStart(4, '0')} and wrote to resident.${t}.${l}.${k}@example.org about the grab rails, which took sixteen weeks to be fitted after the occupational therapist came round to see the stairs and the bathroom.`,
        )
        .join(' ');
      const line = `P01: ${words}`;
      const start = offset + 'P01: '.length;
      const unlisted = [0, 1, 2, 3, 4, 5].map((k) => `unlisted-tag-${k}`);
      entries.push(`  - id: h-${String(t).padStart(2, '0')}${String(l).padStart(3, '0')}abc`, `    quote: "${words}"`, `    start: ${start}`, `    end: ${start + words.length}`, `    tags: [waiting-time, ${unlisted.join(', ')}]`);
      lines.push(line);
      offset += line.length + 2;
    }
    const name = `t${String(t).padStart(2, '0')}.md`;
    writeFileSync(path.join(dir, 'transcripts', name), lines.join('\n\n') + '\n');
    highlights.push([`highlights/transcripts/${name}.yaml`, `source: transcripts/${name}\nhighlights:\n${entries.join('\n')}\n`]);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'transcripts');
  mkdirSync(path.join(dir, 'highlights', 'transcripts'), { recursive: true });
  for (const [file, text] of highlights) writeFileSync(path.join(dir, file), text);
  return dir;
}

interface Captured {
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** The command with its standard output (and error) into files. */
async function toFiles(args: string[], cwd: string, scratch: string): Promise<Captured> {
  const out = path.join(scratch, 'out');
  const err = path.join(scratch, 'err');
  const fds = [openSync(out, 'w'), openSync(err, 'w')] as const;
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', fds[0], fds[1]] });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  fds.forEach(closeSync);
  return { code, stdout: readFileSync(out), stderr: readFileSync(err) };
}

/** The command with its output into pipes that nobody reads for a second, then read in small sips. */
async function throughSlowPipes(args: string[], cwd: string): Promise<Captured> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const read = (stream: NodeJS.ReadableStream) =>
    new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      stream.pause();
      setTimeout(() => {
        stream.on('readable', function sip() {
          let chunk: Buffer | null;
          while ((chunk = stream.read(4096) as Buffer | null) !== null) chunks.push(chunk);
        });
      }, 1000);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  const [stdout, stderr, code] = await Promise.all([read(child.stdout!), read(child.stderr!), new Promise<number | null>((resolve) => child.on('exit', resolve))]);
  return { code, stdout, stderr };
}

describe('output through pipes', function () {
  this.timeout(600_000);
  let study: string;
  let scratch: string;
  before(() => {
    study = largeStudy();
    scratch = tempDir();
  });

  const commands: [string, string[]][] = [
    ['check --format json', ['check', '.', '--format', 'json']],
    ['check (text)', ['check', '.']],
    ['export csv --format wide', ['export', 'csv', '.', '--format', 'wide']],
    ['pii --format json', ['pii', '.', '--format', 'json']],
    ['diff --format json', ['diff', '--format', 'json']],
  ];
  for (const [name, args] of commands) {
    it(`${name}: more than 10 MB arrive whole through a slow pipe, the same bytes and exit code as into a file`, async () => {
      const file = await toFiles(args, study, scratch);
      assert.ok(file.stdout.length > 10 * MB, `${name} printed only ${file.stdout.length} bytes; the study is meant to make it print more than 10 MB (stderr: ${file.stderr.toString().slice(0, 500)})`);
      const piped = await throughSlowPipes(args, study);
      assert.equal(piped.stdout.length, file.stdout.length, `${name}: the pipe got ${piped.stdout.length} of ${file.stdout.length} bytes`);
      assert.ok(piped.stdout.equals(file.stdout), `${name}: the bytes through the pipe differ from the file's`);
      assert.ok(piped.stderr.equals(file.stderr), `${name}: standard error differs`);
      assert.equal(piped.code, file.code);
    });
  }
});
