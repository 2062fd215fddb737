/**
 * `sift diff [<rev>[..<rev>]] [--format text|md|json] [--dir folder]`: what changed in the
 * analysis between two revisions, in research terms.
 */
import { parseArgs } from 'node:util';
import { diffAnalysis } from '../core/review/semantic-diff';
import { renderDiff, type DiffFormat } from '../core/review/render-diff';
import type { Workspace } from '../core/workspace/workspace';
import { GitError } from '../node/git-revision-fs';
import { choice, type Io } from './io';
import { NotAWorkspaceError, UsageError } from './open';
import { loadSide, sidesOfRange, type Side } from './revisions';
import { isLibraryFolder } from '../node/library';
import { libraryDiff } from './library-diff';

export async function diff(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, options: { format: { type: 'string' }, dir: { type: 'string', short: 'C' } }, allowPositionals: true, strict: true });
  if (positionals.length > 1) throw new UsageError(`Expected one revision or range (A..B), got: ${positionals.join(' ')}`);
  const format = choice<DiffFormat>(values.format, ['text', 'md', 'json'], 'text', 'format');
  const dir = values.dir ?? '.';
  if (isLibraryFolder(dir)) return libraryDiff(dir, positionals[0], format, io);
  try {
    const [before, after] = await sidesOfRange(dir, positionals[0]);
    const [a, b] = await Promise.all([loadSide(dir, before), loadSide(dir, after)]);
    if (!a.project && !b.project) throw new NotAWorkspaceError(dir, `there is no research.yaml at ${before.label} or ${after.label}`);
    const unreadable = [...warnUnreadable(a, before, io), ...warnUnreadable(b, after, io)];
    io.out(renderDiff(diffAnalysis(a, b), format, { before: before.label, after: after.label }).trimEnd());
    return unreadable.length > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
}

/** A file that cannot be read on one side would show as all removed or all added: say so. */
function warnUnreadable(ws: Workspace, side: Side, io: Io): string[] {
  const files = [...ws.unreadable].filter((p) => /\.ya?ml$/.test(p));
  for (const f of files) {
    const first = ws.problems.find((p) => p.path === f && p.severity === 'error');
    io.err(`sift: ${f} could not be read at ${side.label}${first ? ` (line ${first.line}: ${first.message})` : ''}; its content is left out of the diff.`);
  }
  return files;
}
