/**
 * `sift merge-driver <base> <ours> <theirs> <path>`: git's merge driver for Sift's YAML
 * (configured by `sift init --git` as `merge-driver %O %A %B %P`). Git runs it in the
 * repository's top folder; it writes the result into <ours> and exits 0 when the merge is
 * clean, 1 when conflicts remain (written with git's markers, so git lists the file as
 * conflicted and `sift check` points at each marker). A file it cannot merge by id (not a
 * Sift file, or a side that does not parse) gets git's own line merge instead: nothing is
 * ever lost to the driver.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_PATHS, type ProjectPaths } from '../core/model';
import { mergeableKindOf } from '../core/review/mergeable';
import { CONFLICT_LABELS, mergeYaml } from '../core/review/three-way-merge';
import { decodeText } from '../core/text';
import { readYamlOfKind, toProject } from '../core/workspace/readers';
import { RESEARCH_FILE } from '../core/workspace/workspace';
import type { Io } from './io';
import { UsageError } from './open';
import { formatProblem } from './report';

const run = promisify(execFile);

export async function mergeDriver(rest: string[], io: Io): Promise<number> {
  if (rest.length !== 4) throw new UsageError('merge-driver takes four arguments: <base> <ours> <theirs> <path> (git passes %O %A %B %P).');
  const [basePath, oursPath, theirsPath, filePath] = rest as [string, string, string, string];
  const texts = [basePath, oursPath, theirsPath].map(readTextFile);
  const located = locate(filePath);
  const kind = located && mergeableKindOf(located.relative, located.paths);
  if (!kind || texts.some((t) => t === undefined)) {
    io.err(`sift merge-driver: ${filePath} is not a Sift analysis file it can merge by id; merging it line by line as git does.`);
    return lineMerge(basePath, oursPath, theirsPath, io);
  }
  const [base, ours, theirs] = texts as [string, string, string];
  const outcome = mergeYaml({ kind, path: filePath, base: base === '' ? undefined : base, ours, theirs });
  if (outcome.status === 'refused') {
    for (const p of outcome.problems) io.err(formatProblem(p, 'text'));
    io.err(`sift merge-driver: cannot merge ${filePath} by id (see above); merging it line by line as git does.`);
    return lineMerge(basePath, oursPath, theirsPath, io);
  }
  await writeFile(oursPath, outcome.text, 'utf8');
  if (outcome.status === 'clean') return 0;
  io.err(`sift merge-driver: ${filePath}: ${outcome.conflicts.length} conflict${outcome.conflicts.length === 1 ? '' : 's'} (both sides changed the same value differently):`);
  for (const c of outcome.conflicts) io.err(`  ${c.where}: ${CONFLICT_LABELS.ours} ${JSON.stringify(c.ours) ?? '(deleted)'}, ${CONFLICT_LABELS.theirs} ${JSON.stringify(c.theirs) ?? '(deleted)'}`);
  io.err('  Keep one side between the markers, delete the markers, then run `sift check`.');
  return 1;
}

function readTextFile(file: string): string | undefined {
  try {
    const decoded = decodeText(file, readFileSync(file));
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}

/** The workspace the repository path lies in (the nearest folder above it with research.yaml), and its layout. */
function locate(filePath: string): { relative: string; paths: ProjectPaths } | undefined {
  const parts = filePath.split('/');
  for (let n = parts.length - 1; n >= 0; n--) {
    const root = parts.slice(0, n).join('/');
    const research = path.join(root || '.', RESEARCH_FILE);
    if (!existsSync(research)) continue;
    const text = readTextFile(research);
    const raw = text !== undefined ? readYamlOfKind('research', research, text).value : undefined;
    return { relative: parts.slice(n).join('/'), paths: raw ? toProject(raw).paths : DEFAULT_PATHS };
  }
  return undefined;
}

/** git's own three-way line merge into <ours>; exit 1 when it leaves conflict markers. */
async function lineMerge(basePath: string, oursPath: string, theirsPath: string, io: Io): Promise<number> {
  try {
    await run('git', ['merge-file', '-L', CONFLICT_LABELS.ours, '-L', 'base', '-L', CONFLICT_LABELS.theirs, oursPath, basePath, theirsPath]);
    return 0;
  } catch (e) {
    const code = (e as { code?: number | string }).code;
    if (typeof code === 'number' && code > 0) return 1; // conflicts written, as git would
    io.err(`sift merge-driver: git merge-file failed: ${(e as Error).message}`);
    return 2;
  }
}
