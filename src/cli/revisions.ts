/**
 * A workspace as it is at a git revision, or in the working tree: the two sides of
 * `sift diff` and `sift agreement`. Revision ranges read as git reads them: `A..B`
 * (A to B), `A...B` (from where B branched off A, as a pull request shows it), `A`
 * (A to the working tree), nothing (HEAD to the working tree).
 */
import type { Workspace } from '../core/workspace/workspace';
import { git, loadWorkspaceAt } from '../node/git-revision-fs';
import '../node/native-hash';
import { openWorkspace, UsageError } from './open';

/** A revision, or undefined for the working tree. */
export type Side = { revision: string | undefined; label: string };

export const WORKING_TREE = 'working tree';

export async function sidesOfRange(dir: string, range: string | undefined): Promise<[Side, Side]> {
  if (range === undefined || range === '')
    return [
      { revision: 'HEAD', label: 'HEAD' },
      { revision: undefined, label: WORKING_TREE },
    ];
  const three = range.split('...');
  if (three.length === 2) {
    const [a, b] = [three[0] || 'HEAD', three[1] || 'HEAD'];
    const base = (await git(dir, ['merge-base', '--end-of-options', a, b]).catch(() => '')).trim();
    if (!base) throw new UsageError(`${a} and ${b} have no common ancestor.`);
    return [
      { revision: base, label: `${a} (where ${b} branched off)` },
      { revision: b, label: b },
    ];
  }
  const two = range.split('..');
  if (two.length === 2)
    return [
      { revision: two[0] || 'HEAD', label: two[0] || 'HEAD' },
      { revision: two[1] || 'HEAD', label: two[1] || 'HEAD' },
    ];
  if (two.length === 1)
    return [
      { revision: range, label: range },
      { revision: undefined, label: WORKING_TREE },
    ];
  throw new UsageError(`"${range}" is not a revision or range (use A..B or A...B).`);
}

/** Loads the workspace in `dir` as it is at the side's revision (or on disk). */
export async function loadSide(dir: string, side: Side): Promise<Workspace> {
  return side.revision === undefined ? (await openWorkspace(dir, { requireWorkspace: false })).workspace : loadWorkspaceAt(dir, side.revision);
}
