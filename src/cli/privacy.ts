/**
 * What `sift pii`, `sift redact` and `sift check` share about personal data: findings as
 * problems, and git's view of the private key file (it must be ignored, never tracked).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { KIND_LABELS, type PiiFinding } from '../core/privacy/findings';
import { readPrivacySources, scanWorkspace } from '../core/privacy/scan';
import type { IFileSystem } from '../core/ports';
import { problem, type Problem, type Severity } from '../core/problems';
import type { Workspace } from '../core/workspace/workspace';

/**
 * `sift check`'s part: personal data in the transcripts and YAML (warnings, or errors when
 * strict), a key file that is unreadable or tracked by git.
 */
export async function personalDataProblems(ws: Workspace, fs: IFileSystem, root: string, strict: boolean): Promise<Problem[]> {
  if (!ws.project) return [];
  const sources = await readPrivacySources(fs, ws);
  const findings = await scanWorkspace(fs, ws, sources);
  return [...sources.problems, ...keyFileProblems(root, sources.settings.key), ...findings.map((f) => findingProblem(f, strict ? 'error' : 'warning'))];
}

/** A finding as a problem. The words themselves are masked: problems end up in CI logs. */
export function findingProblem(f: PiiFinding, severity: Severity): Problem {
  return problem(
    f.path,
    { line: f.line, column: f.column },
    severity,
    'personal-data',
    `This looks like ${KIND_LABELS[f.kind]} ("${mask(f.text)}", ${Math.round(f.confidence * 100)}% sure). Pseudonymise it with \`sift redact\`, or reword it.`,
  );
}

/** First and last character only: enough to find it, not enough to read it. */
export function mask(text: string): string {
  const chars = [...text];
  return chars.length <= 3 ? '…' : `${chars[0]}…${chars[chars.length - 1]}`;
}

function git(cwd: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { code: r.error ? null : r.status, out: r.stdout ?? '' };
}

export function isInGitRepository(root: string): boolean {
  return git(root, ['rev-parse', '--is-inside-work-tree']).out.trim() === 'true';
}

/** True when git tracks the file (it is in the index). */
export function isTracked(root: string, relative: string): boolean {
  return isInGitRepository(root) && git(root, ['ls-files', '--error-unmatch', '--', relative]).code === 0;
}

/** True when git would ignore the file (outside a repository: when the workspace's .gitignore names it). */
export function isIgnored(root: string, relative: string): boolean {
  if (isInGitRepository(root)) return git(root, ['check-ignore', '-q', '--no-index', '--', relative]).code === 0;
  const line = ignoreLineFor(relative);
  return gitignoreLines(root).some((l) => l === line || l === line.slice(1));
}

/** The problem with where the key file is, if any: tracked by git is an error. */
export function keyFileProblems(root: string, keyPath: string): Problem[] {
  if (!isTracked(root, keyPath)) return [];
  return [
    problem(keyPath, undefined, 'error', 'key-tracked', `The private key file ${keyPath} is tracked by git, so real names are in the repository. Remove it from git (\`git rm --cached ${keyPath}\`), keep it ignored, and ask whoever manages the repository about removing it from history.`),
  ];
}

/** The .gitignore line that ignores a workspace-relative file (its folder, for the default key folder). */
export function ignoreLineFor(relative: string): string {
  return relative.startsWith('.sift/private/') ? '/.sift/private/' : `/${relative}`;
}

function gitignoreLines(root: string): string[] {
  const file = path.join(root, '.gitignore');
  return existsSync(file) ? readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.trim()) : [];
}
