/**
 * `sift agreement <revA> <revB>`: how far two coders' branches agree, tag by tag.
 * `sift agreement [--coders a,b] [<rev>]`: the same for two `coder:` names in one workspace
 * (the working tree, or a revision).
 */
import { parseArgs } from 'node:util';
import { compareCodings } from '../core/review/agreement';
import { codersOf, codingOf, sharedTranscripts, tagLabels } from '../core/review/codings';
import { renderAgreement, type AgreementFormat } from '../core/review/render-agreement';
import { GitError } from '../node/git-revision-fs';
import { choice, type Io } from './io';
import { NotAWorkspaceError, UsageError } from './open';
import { loadSide, WORKING_TREE } from './revisions';

export async function agreement(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    options: { format: { type: 'string' }, dir: { type: 'string', short: 'C' }, coders: { type: 'string' }, 'hand-only': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const format = choice<AgreementFormat>(values.format, ['text', 'md', 'json'], 'text', 'format');
  const dir = values.dir ?? '.';
  // Agreement on hand coding alone: highlights written by auto-code or accepted suggestions left out on both sides.
  const hand = { handOnly: values['hand-only'] === true };
  try {
    if (values.coders === undefined && positionals.length === 2) {
      const [revA, revB] = positionals as [string, string];
      const [a, b] = await Promise.all([loadSide(dir, { revision: revA, label: revA }), loadSide(dir, { revision: revB, label: revB })]);
      if (!a.project || !b.project) throw new NotAWorkspaceError(dir, `there is no research.yaml at ${a.project ? revB : revA}`);
      const report = compareCodings({ a: codingOf(a, revA, undefined, hand), b: codingOf(b, revB, undefined, hand), transcripts: sharedTranscripts(a, b), labels: tagLabels(a, b) });
      io.out(renderAgreement(report, format).trimEnd());
      return 0;
    }
    if (positionals.length > 1) throw new UsageError('Give two revisions (sift agreement coder-a coder-b), or --coders a,b and at most one revision.');
    const revision = positionals[0];
    const ws = await loadSide(dir, { revision, label: revision ?? WORKING_TREE });
    if (!ws.project) throw new NotAWorkspaceError(dir, revision !== undefined ? `there is no research.yaml at ${revision}` : 'it has no research.yaml');
    const known = codersOf(ws);
    const coders =
      values.coders
        ?.split(',')
        .map((c) => c.trim())
        .filter(Boolean) ?? known;
    if (coders.length !== 2) {
      throw new UsageError(
        values.coders !== undefined
          ? '--coders takes two names separated by a comma, e.g. --coders researcher-1,researcher-2.'
          : `Name the two coders to compare with --coders a,b; this workspace has ${known.length === 0 ? 'no highlights with a coder' : `these coders: ${known.join(', ')}`}.`,
      );
    }
    const [a, b] = coders as [string, string];
    for (const c of [a, b]) if (!known.includes(c)) throw new UsageError(`No highlight has coder "${c}"; the coders are: ${known.join(', ') || '(none)'}.`);
    const report = compareCodings({ a: codingOf(ws, a, a, hand), b: codingOf(ws, b, b, hand), transcripts: sharedTranscripts(ws, ws), labels: tagLabels(ws) });
    io.out(renderAgreement(report, format).trimEnd());
    return 0;
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
}
