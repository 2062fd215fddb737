/**
 * Running the real, bundled `sift` (dist/cli.js) on real folders, and proving that a
 * failed command touched nothing.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const REPO = path.join(__dirname, '..', '..');
export const EXAMPLE = path.join(REPO, 'examples', 'home-adaptations');
const CLI = path.join(REPO, 'dist', 'cli.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs dist/cli.js; `nodeArgs` go to node before it (e.g. `-r` a script that watches the process). */
export function sift(args: string[], cwd = REPO, nodeArgs: string[] = []): Run {
  // Today is fixed (unless a test sets SIFT_TODAY itself), so what is overdue in the example is the same on any day.
  const r = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 30, env: { SIFT_TODAY: '2026-12-01', ...process.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const temps: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sift-cli-'));
  temps.push(dir);
  return dir;
}

/** A fresh copy of the example study in a temporary folder. */
export function copyOfExample(): string {
  const dir = tempDir();
  cpSync(EXAMPLE, dir, { recursive: true });
  rmSync(path.join(dir, '.sift'), { recursive: true, force: true });
  return dir;
}

export function cleanupTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Content hash of every file below dir except the cache, to prove nothing was written. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (rel.startsWith('.sift') || rel.startsWith('.git' + path.sep) || rel === '.git') continue;
    const abs = path.join(dir, rel);
    if (statSync(abs).isFile()) out[rel] = createHash('sha1').update(readFileSync(abs)).digest('hex');
  }
  return out;
}

export function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
