/**
 * `sift redact [dir] [--dry-run] [--reverse]`: pseudonymise the transcripts' personal
 * data (or, with --reverse and the key, put it back). All or nothing: any problem and no
 * file is touched. The key file must stay out of git: Sift refuses to write it where git
 * tracks it, and adds it to the workspace's .gitignore when git would not ignore it.
 */
import { parseArgs } from 'node:util';
import DiffMatchPatch from 'diff-match-patch';
import type { RedactionResult, FileChange } from '../core/privacy/redact';
import { readPrivacySources } from '../core/privacy/scan';
import { scanStudy } from '../node/privacy-scan';
import { hasErrors } from '../core/problems';
import type { Io } from './io';
import { openWorkspace, UsageError } from './open';
import { findingProblem } from '../core/privacy/findings';
import { gitignoreEdit, ignoreLineFor, isIgnored, keyFileProblems } from '../node/privacy-guard';
import { formatProblem } from './report';
import { formatCount } from '../core/format';

export async function redact(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean' }, reverse: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
  const { workspace: ws, fs, root } = await openWorkspace(positionals[0] ?? '.', { cache: false });
  const sources = await readPrivacySources(fs, ws);
  const keyPath = sources.settings.key;
  const refusals = [...(ws.project ? [] : ws.problems), ...sources.problems, ...keyFileProblems(root, keyPath)];
  if (refusals.length > 0) return refuse(refusals, io);

  // Findings a researcher set aside (privacy.yaml) stay as they are.
  // Redaction is loaded by this command only (dist/redaction.js).
  const { planRedaction, planReversal } = require('../core/privacy/redact') as typeof import('../core/privacy/redact');
  const result: RedactionResult = values.reverse ? await planReversal(fs, ws, sources) : await planRedaction(fs, ws, sources, (await scanStudy(ws, fs, root)).open);
  if (hasErrors(result.problems)) return refuse(result.problems, io);

  const verb = values.reverse ? 'restored' : 'pseudonymised';
  if (values['dry-run']) {
    for (const change of result.changes) io.out(preview(change));
    reportLeftForHand(result, io);
    io.out(`Dry run: ${count(result.changes)} would be ${verb}; nothing was written.`);
    return 0;
  }
  if (result.edits.length === 0) {
    reportLeftForHand(result, io);
    io.out(values.reverse ? 'The key records no replacements: nothing to restore.' : 'No personal data found: nothing to pseudonymise.');
    return 0;
  }
  // The key must be ignored before it exists: first the .gitignore, then (checked again) the rest.
  if (!isIgnored(root, keyPath)) {
    await fs.apply([gitignoreEdit(root, keyPath)]);
    if (!isIgnored(root, keyPath))
      return refuse(
        [
          {
            path: '.gitignore',
            line: 1,
            column: 1,
            severity: 'error',
            code: 'key-not-ignored',
            message: `Sift added ${ignoreLineFor(keyPath)} to .gitignore, but git still does not ignore ${keyPath} (a rule elsewhere un-ignores it). Fix the ignore rules; nothing else was written.`,
          },
        ],
        io,
      );
    io.out(`added ${ignoreLineFor(keyPath)} to .gitignore`);
  }
  await fs.apply(result.edits);
  for (const e of result.edits) io.out(`updated ${e.path}`);
  const replacements = result.changes.reduce((n, c) => n + c.replaced.length, 0);
  io.out(`${formatCount(replacements, 'replacement')} ${verb} in ${count(result.changes)}. The key is in ${keyPath} (git-ignored): keep it private.`);
  reportLeftForHand(result, io);
  return 0;
}

function refuse(problems: readonly import('../core/problems').Problem[], io: Io): number {
  for (const p of problems) io.err(formatProblem(p, 'text'));
  io.err('Nothing was changed.');
  return 1;
}

function count(changes: readonly FileChange[]): string {
  return `${changes.length} file${changes.length === 1 ? '' : 's'}`;
}

/** Findings whose words are not literally in their YAML value (an escape, a folded line): the researcher rewords them. */
function reportLeftForHand(result: RedactionResult, io: Io): void {
  if (result.leftForHand.length === 0) return;
  io.out(`${formatCount(result.leftForHand.length, 'finding')} could not be replaced automatically; reword ${result.leftForHand.length === 1 ? 'it' : 'them'}:`);
  for (const f of result.leftForHand) io.out(formatProblem(findingProblem(f, 'warning'), 'text'));
}

/** The changed lines of a file, before and after, as a line diff. */
export function preview(change: FileChange): string {
  const dmp = new DiffMatchPatch();
  const lines = dmp.diff_linesToChars_(change.before, change.after);
  const diffs = dmp.diff_main(lines.chars1, lines.chars2, false);
  dmp.diff_charsToLines_(diffs, lines.lineArray);
  const out = [`--- ${change.path}`, `+++ ${change.path}`];
  let line = 1;
  let inHunk = false;
  for (const [op, text] of diffs) {
    const chunk = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
    if (op === DiffMatchPatch.DIFF_EQUAL) {
      line += chunk.length;
      inHunk = false;
      continue;
    }
    if (!inHunk) out.push(`@@ line ${line} @@`);
    inHunk = true;
    for (const l of chunk) out.push(`${op === DiffMatchPatch.DIFF_DELETE ? '-' : '+'}${l}`);
    if (op === DiffMatchPatch.DIFF_DELETE) line += chunk.length;
  }
  return out.join('\n');
}
