/**
 * Guarding personal data with git, shared by the CLI (`sift pii`, `sift redact`, `sift
 * check`) and the extension: findings as problems, and git's view of the private key file
 * (it must be ignored, never tracked).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gitBlobHashOfBytes } from '../core/hash';
import type { FileEdit } from '../core/ports';
import { findingProblem } from '../core/privacy/findings';
import { groupedFindings } from '../core/privacy/label-findings';
import type { IFileSystem } from '../core/ports';
import { problem, type Problem } from '../core/problems';
import type { Workspace } from '../core/workspace/workspace';
import { scanStudy } from './privacy-scan';

/**
 * `sift check`'s part: personal data in the transcripts and YAML (warnings, or errors when
 * strict), a key file that is unreadable or tracked by git.
 */
export async function personalDataProblems(ws: Workspace, fs: IFileSystem, root: string, strict: boolean, options: { cache?: boolean } = {}): Promise<Problem[]> {
  if (!ws.project) return [];
  const { sources, open, setAside } = await scanStudy(ws, fs, root, options);
  const findings = groupedFindings(open, (path) => ws.transcripts.get(path)?.turns).map((r) => findingProblem(r.finding, strict ? 'error' : 'warning', r.labels, r.repeats));
  return [...sources.problems, ...keyFileProblems(root, sources.settings.key), ...findings, ...setAsideNote(sources.settings.decisions, setAside.length)];
}

/** Says how many findings the researchers' decisions set aside, so a clean check is not mistaken for a clean study. */
export function setAsideNote(decisionsPath: string, count: number): Problem[] {
  if (count === 0) return [];
  return [problem(decisionsPath, undefined, 'info', 'personal-data-set-aside', `${count} possible piece${count === 1 ? '' : 's'} of personal data set aside by the decisions in ${decisionsPath} (not personal data, or accepted).`)];
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
    problem(
      keyPath,
      undefined,
      'error',
      'key-tracked',
      `The private key file ${keyPath} is tracked by git, so real names are in the repository. Remove it from git (\`git rm --cached ${keyPath}\`), keep it ignored, and ask whoever manages the repository about removing it from history.`,
    ),
  ];
}

/** The .gitignore line that ignores a workspace-relative file (its folder, for the default key folder). */
export function ignoreLineFor(relative: string): string {
  return relative.startsWith('.sift/private/') ? '/.sift/private/' : `/${relative}`;
}

function gitignoreLines(root: string): string[] {
  const file = path.join(root, '.gitignore');
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
    : [];
}

/** The edit that adds the key file's ignore line to the workspace's .gitignore (creating it if needed). */
export function gitignoreEdit(root: string, keyPath: string): FileEdit {
  const file = path.join(root, '.gitignore');
  const bytes = existsSync(file) ? readFileSync(file) : undefined;
  const current = bytes ? bytes.toString('utf8') : '';
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  return { kind: 'write', path: '.gitignore', content: `${current}${separator}# Sift: the private key of pseudonymised data never goes into git\n${ignoreLineFor(keyPath)}\n`, expectedHash: bytes ? gitBlobHashOfBytes(bytes) : null };
}
