/**
 * `sift actions`: the study's recommendations as actions — who owns them, where they stand,
 * what is overdue, what changed — and a status changed from the command line.
 *
 *   sift actions [dir] [--owner NAME] [--status S] [--format text|json]
 *   sift actions set <insight>#<n> [dir] [--status S] [--reason TEXT] [--owner NAME] [--due YYYY-MM-DD]
 *                                        [--outcome TEXT] [--measure "what: before -> after unit"] [--evidence REF]…
 *
 * A change is all or nothing: on any error nothing is written and the exit code is 1; the
 * write is atomic and refused when the insight's file changed since it was read.
 */
import { parseArgs } from 'node:util';
import { ACTION_STATUS_FILTERS, describeRollup, listActions, rollUp, type ActionItem } from '../core/actions/list';
import { findAction, updateAction, type ActionChange } from '../core/actions/operations';
import { ACTION_STATUS_LABELS, ACTION_STATUSES, parseMeasure } from '../core/actions/recommendation';
import { describeMeasure } from '../core/actions/view';
import type { Outcome, RecommendationStatus } from '../core/model';
import { hasErrors, type Problem } from '../core/problems';
import { EditPlan } from '../core/store/plan';
import { today } from './clock';
import { choice, type Io } from './io';
import { noteUnreadable, openWorkspace, UsageError } from './open';
import { formatProblem } from './report';

export async function actions(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      owner: { type: 'string' },
      status: { type: 'string' },
      format: { type: 'string' },
      reason: { type: 'string' },
      due: { type: 'string' },
      outcome: { type: 'string' },
      measure: { type: 'string' },
      evidence: { type: 'string', multiple: true },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals[0] === 'set') return await set(positionals.slice(1), values, io);
  if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
  for (const option of ['reason', 'due', 'outcome', 'measure', 'evidence'] as const) if (values[option] !== undefined) throw new UsageError(`--${option} goes with \`sift actions set\`.`);
  const format = choice(values.format, ['text', 'json'] as const, 'text', 'format');
  const status = values.status === undefined ? undefined : choice(values.status, ACTION_STATUS_FILTERS, 'open', 'status');
  const { workspace: ws } = await openWorkspace(positionals[0] ?? '.');
  if (!ws.project) return refuse(ws.problems, io);
  noteUnreadable(ws, positionals[0] ?? '.', io, 'this list leaves');
  const day = today();
  const list = listActions(ws, day, { ...(values.owner !== undefined ? { owner: values.owner } : {}), ...(status ? { status } : {}) });
  const rollup = rollUp(list);
  if (format === 'json') {
    io.out(JSON.stringify({ today: day, summary: describeRollup(rollup), rollup, actions: list.map(asJson) }, null, 2));
    return list.length > 0 ? 0 : 1;
  }
  if (list.length === 0) {
    const narrowed = [values.owner !== undefined ? `owned by ${values.owner}` : '', status ? `with status ${status}` : ''].filter(Boolean).join(' and ');
    io.out(narrowed ? `No recommendations ${narrowed}.` : 'No recommendations yet: add one with `sift insight recommend <insight> "<action>"`.');
    return 1;
  }
  for (const s of ACTION_STATUSES) {
    const group = list.filter((a) => a.recommendation.status === s);
    if (group.length === 0) continue;
    io.out(`${ACTION_STATUS_LABELS[s]} (${group.length})`);
    for (const a of group) for (const line of describe(a)) io.out(line);
  }
  io.out('');
  io.out(describeRollup(rollup));
  return 0;
}

/** An action as lines: its id and words, then who, when, and what changed. */
function describe(a: ActionItem): string[] {
  const r = a.recommendation;
  const facts = [r.owner ?? 'no owner yet', ...(r.due ? [`due ${r.due}`] : []), ...(a.overdue ? ['OVERDUE'] : [])];
  return [
    `  ${a.id}  ${r.action}`,
    `    ${facts.join(' · ')}`,
    ...(r.reason ? [`    Reason: ${r.reason}`] : []),
    ...(r.outcome ? [`    Outcome: ${r.outcome.change}`] : []),
    ...(r.outcome?.measure ? [`    Measure: ${describeMeasure(r.outcome.measure)}`] : []),
    ...(r.outcome && r.outcome.evidence.length > 0 ? [`    Evidence: ${r.outcome.evidence.join(', ')}`] : []),
  ];
}

function asJson(a: ActionItem) {
  const { writtenStatus: _, ...r } = a.recommendation;
  return { id: a.id, insight: a.insight.id, file: a.insight.path, ...r, overdue: a.overdue, ...(r.outcome?.measure ? { measureText: describeMeasure(r.outcome.measure) } : {}) };
}

async function set(args: string[], values: Record<string, string | string[] | boolean | undefined>, io: Io): Promise<number> {
  const [id, dir, ...extra] = args;
  if (!id || extra.length > 0) throw new UsageError('sift actions set takes an action id (<insight>#<n>, as `sift actions` lists them) and an optional folder.');
  if (values.format !== undefined) throw new UsageError('--format goes with the list, not with `sift actions set`.');
  const status = typeof values.status !== 'string' ? undefined : choice(values.status, ACTION_STATUSES, 'proposed', 'status');
  const change: ActionChange = {
    ...(status ? { status } : {}),
    ...(typeof values.reason === 'string' ? { reason: values.reason } : {}),
    ...(typeof values.owner === 'string' ? { owner: values.owner } : {}),
    ...(typeof values.due === 'string' ? { due: values.due } : {}),
  };
  const outcomeGiven = ['outcome', 'measure', 'evidence'].some((o) => values[o] !== undefined);
  if (Object.keys(change).length === 0 && !outcomeGiven) throw new UsageError('Say what to change: --status, --reason, --owner, --due, or the outcome (--outcome, --measure, --evidence).');
  const opened = await openWorkspace(dir ?? '.');
  const ws = opened.workspace;
  if (!ws.project) return refuse(ws.problems, io);
  const found = findAction(ws, id);
  if (!found.ref) return refuse([found.problem!], io);
  const before = ws.insights.get(found.ref.insight)!.recommendations[found.ref.index]!;
  if (outcomeGiven) change.outcome = outcomeOf(before.outcome, values);
  if (change.reason !== undefined && (status ?? before.status) !== 'declined') throw new UsageError('--reason goes with --status declined: it says why a recommendation is not being done.');
  const plan = new EditPlan(opened.fs, ws.versions);
  const problems: Problem[] = [...(await updateAction(plan, ws, found.ref, change)), ...plan.result().problems];
  if (hasErrors(problems)) return refuse(problems, io);
  const result = plan.result();
  await opened.fs.apply(result.edits);
  for (const p of problems) io.err(formatProblem(p, 'text'));
  const name = `${found.ref.insight}#${found.ref.index + 1}`;
  if (result.edits.length === 0) {
    io.out(`Nothing to change: ${name} is already so.`);
    return 0;
  }
  const said = `Updated ${name}: ${changes(before, change).join(', ')}`;
  io.out(/[.!?]$/.test(said) ? said : `${said}.`); // a reason ends its own sentence
  return 0;
}

/**
 * The outcome the options describe, from the one written: `--outcome` says what changed (empty:
 * remove the outcome), `--measure` is one line as in VS Code (`average wait: 183 -> 52 days`;
 * empty: no measure), each `--evidence` a link, a file of the study or a highlight id (an empty
 * one: no evidence). What is not given stays as written.
 */
function outcomeOf(written: Outcome | undefined, values: Record<string, string | string[] | boolean | undefined>): Outcome | null {
  const text = typeof values.outcome === 'string' ? values.outcome.trim() : undefined;
  if (text === '') {
    if (values.measure !== undefined || values.evidence !== undefined) throw new UsageError('--outcome "" removes the outcome: give no --measure or --evidence with it.');
    return null;
  }
  const change = text ?? written?.change;
  if (change === undefined) throw new UsageError('Say what changed with --outcome "…": a measure and evidence belong to an outcome.');
  let measure = written?.measure;
  if (typeof values.measure === 'string') {
    measure = values.measure.trim() ? parseMeasure(values.measure) : undefined;
    if (values.measure.trim() && !measure)
      throw new UsageError(`--measure "${values.measure}" is not a measure: write what was measured, then before -> after and the unit, e.g. --measure "average wait for a major adaptation: 183 -> 52 days".`);
  }
  const evidence = Array.isArray(values.evidence) ? values.evidence.map((e) => e.trim()).filter(Boolean) : (written?.evidence ?? []);
  return { change, ...(measure ? { measure } : {}), evidence };
}

/** `status proposed → in progress`, `owner → digital services`. */
function changes(before: { status: RecommendationStatus; owner?: string; due?: string; writtenStatus?: string; outcome?: Outcome }, change: ActionChange): string[] {
  const label = (s: RecommendationStatus) => ACTION_STATUS_LABELS[s].toLowerCase();
  const text = (v: string | undefined) => (v ? v : '(none)');
  return [
    ...(change.status !== undefined ? [`status ${before.writtenStatus ?? label(before.status)} → ${label(change.status)}`] : []),
    ...(change.owner !== undefined ? [`owner ${text(before.owner)} → ${text(change.owner.trim())}`] : []),
    ...(change.due !== undefined ? [`due ${text(before.due)} → ${text(change.due.trim())}`] : []),
    ...(change.outcome === null ? ['outcome removed'] : []),
    ...(change.outcome ? outcomeChanges(before.outcome, change.outcome) : []),
    ...(change.reason !== undefined ? [`reason: ${change.reason.trim()}`] : []),
  ];
}

/** `outcome recorded`, `measure average wait: 183 → 52 days`, `evidence outcomes/waits.csv`: the parts that changed. */
function outcomeChanges(before: Outcome | undefined, after: Outcome): string[] {
  const measure = (m: Outcome['measure']) => (m ? describeMeasure(m) : '(none)');
  const evidence = (o: Outcome | undefined) => (o && o.evidence.length > 0 ? o.evidence.join(', ') : '(none)');
  return [
    ...(before?.change !== after.change.trim() ? [before ? 'outcome rewritten' : 'outcome recorded'] : []),
    ...(measure(before?.measure) !== measure(after.measure) ? [after.measure ? `measure ${measure(after.measure)}` : 'measure removed'] : []),
    ...(evidence(before) !== evidence(after) ? [after.evidence.length > 0 ? `evidence ${evidence(after)}` : 'evidence removed'] : []),
  ];
}

function refuse(problems: readonly Problem[], io: Io): number {
  for (const p of problems) io.err(formatProblem(p, 'text'));
  io.err('Nothing was written.');
  return 1;
}
