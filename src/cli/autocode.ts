/**
 * `sift autocode [dir] (--speaker NAME | --match PATTERN [--regex] | --by-question) --tag TAG
 * [--dry-run] [--format text|json]`: code every passage a rule picks out, after showing how
 * many, where and which; one write of every file, or with --dry-run none. Exit 1 when the rule
 * codes nothing (the sentence says why), 2 for a usage error or a pattern that is not valid.
 */
import { parseArgs } from 'node:util';
import { hasErrors, type Problem } from '../core/problems';
import { EditPlan } from '../core/store/plan';
import type { AutocodePlan, AutocodeRule, MatchScope } from '../core/assist/autocode-index';
import { choice, type Io } from './io';
import { openWorkspace, UsageError } from './open';
import { formatProblem } from './report';
import { formatCount } from '../core/format';

/** Auto-coding, loaded by this command only (dist/autocode.js). */
const autocodeModule = () => require('../core/assist/autocode-index') as typeof import('../core/assist/autocode-index');

export async function autocode(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      speaker: { type: 'string' },
      match: { type: 'string' },
      regex: { type: 'boolean' },
      scope: { type: 'string' },
      'by-question': { type: 'boolean' },
      'question-as': { type: 'string' },
      interviewer: { type: 'string' },
      tag: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
  const format = choice(values.format, ['text', 'json'] as const, 'text', 'format');
  const rule = ruleOf(values);
  if (values.tag === undefined || values.tag.trim() === '') throw new UsageError('Say which tag to code with: --tag TAG (a tag of the codebook, by id or label, or the label of a new one).');

  const { workspace: ws, fs } = await openWorkspace(positionals[0] ?? '.', { cache: false });
  if (!ws.project) return refuse(ws.problems, io);
  const { planAutocode, applyAutocode, loadedTranscriptTexts } = autocodeModule();
  const { texts, problems: left } = await loadedTranscriptTexts(fs, ws);
  for (const p of left) io.err(formatProblem(p, 'text'));
  const plan = planAutocode(ws, texts, rule, values.tag);
  if (plan.nothing !== undefined) {
    if (format === 'json') io.out(JSON.stringify(jsonOf(plan, false), null, 2));
    io.err(`sift: ${plan.nothing} Nothing was written.`);
    return 1;
  }
  const dryRun = values['dry-run'] === true;
  if (dryRun) {
    if (format === 'json') io.out(JSON.stringify(jsonOf(plan, false), null, 2));
    else io.out(`${preview(plan)}\nDry run: nothing was written.`);
    return 0;
  }
  const edits = new EditPlan(fs, ws.versions);
  const problems = await applyAutocode(edits, ws, texts, plan);
  if (hasErrors(problems)) return refuse(problems, io);
  await fs.apply(edits.result().edits);
  if (format === 'json') io.out(JSON.stringify(jsonOf(plan, true), null, 2));
  else io.out(`${preview(plan, true)}\nWritten: ${formatCount(edits.result().edits.length, 'file')}. Undo with git (\`git restore\`), or in the editor.`);
  return 0;
}

type Values = Record<string, string | boolean | undefined>;

function ruleOf(values: Values): AutocodeRule {
  const given = [values.speaker !== undefined && '--speaker', values.match !== undefined && '--match', values['by-question'] === true && '--by-question'].filter(Boolean);
  if (given.length !== 1) throw new UsageError(given.length === 0 ? 'Say what to code: --speaker NAME, --match PATTERN or --by-question.' : `Give one rule at a time, not ${given.join(' and ')}.`);
  if (values.regex && values.match === undefined) throw new UsageError('--regex goes with --match PATTERN.');
  if (values.scope !== undefined && values.match === undefined) throw new UsageError('--scope goes with --match PATTERN.');
  if ((values['question-as'] !== undefined || values.interviewer !== undefined) && !values['by-question']) throw new UsageError('--question-as and --interviewer go with --by-question.');
  if (typeof values.speaker === 'string') {
    if (values.speaker.trim() === '') throw new UsageError('--speaker needs a name, as the transcripts write it (e.g. P07, Interviewer).');
    return { kind: 'speaker', speaker: values.speaker.trim() };
  }
  if (typeof values.match === 'string') {
    const { compilePattern, PatternError } = autocodeModule();
    const scope = choice<MatchScope>(values.scope, ['turn', 'sentence', 'match'], 'turn', 'scope');
    try {
      return { kind: 'match', pattern: compilePattern(values.match, values.regex === true), regex: values.regex === true, scope };
    } catch (error) {
      if (error instanceof PatternError) throw new UsageError(error.message);
      throw error;
    }
  }
  const as = choice(values['question-as'], ['attribute', 'tag'] as const, 'attribute', 'question-as');
  return { kind: 'question', as, ...(typeof values.interviewer === 'string' ? { interviewer: values.interviewer } : {}) };
}

/** What the plan codes: the total, per transcript with examples, the new tags, what was skipped and why. */
function preview(plan: AutocodePlan, written = false): string {
  const { shorten } = autocodeModule();
  const lines: string[] = [];
  const transcripts = plan.perTranscript.filter((t) => t.count > 0).length;
  lines.push(`${written ? 'Coded' : 'Would code'} ${count(plan.passages.length, 'passage')} in ${count(transcripts, 'transcript')} with ${plan.tag} (${plan.rule}):`);
  for (const t of plan.perTranscript) {
    lines.push(`  ${t.source}: ${t.count}${t.questions ? ` (${count(t.questions.length, 'question')})` : ''}`);
    for (const e of t.examples) lines.push(`    “${e}”`);
  }
  if (plan.newTags.length > 0) lines.push(`New tags: ${plan.newTags.map((t) => `${t.id}${t.parent ? ` (under ${t.parent})` : ''}`).join(', ')}`);
  if (plan.skipped.length > 0) {
    const byReason = new Map<string, AutocodePlan['skipped']>();
    for (const s of plan.skipped) byReason.set(s.why.replace(/: ".*"\.$/, '.'), [...(byReason.get(s.why.replace(/: ".*"\.$/, '.')) ?? []), s]);
    lines.push(`Skipped ${count(plan.skipped.length, 'passage')}:`);
    for (const [why, list] of byReason) {
      lines.push(`  ${list.length} × ${why}`);
      for (const s of list.slice(0, 3)) lines.push(`    ${s.source}:${s.line}:${s.column} “${shorten(s.quote, 60)}”`);
    }
  }
  return lines.join('\n');
}

function jsonOf(plan: AutocodePlan, written: boolean) {
  return {
    rule: plan.rule,
    tag: plan.tag,
    count: plan.passages.length,
    written,
    ...(plan.nothing !== undefined ? { nothing: plan.nothing } : {}),
    newTags: plan.newTags,
    transcripts: plan.perTranscript,
    passages: plan.passages,
    skipped: plan.skipped,
  };
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function refuse(problems: readonly Problem[], io: Io): number {
  for (const p of problems) io.err(formatProblem(p, 'text'));
  io.err('Nothing was written.');
  return 1;
}
