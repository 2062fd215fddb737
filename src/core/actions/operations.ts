/**
 * Changing a recommendation as an action: its status, owner, due date, the reason it was
 * declined and what changed as a result. One plan edits the insight's file in place through
 * the Document API (comments and the researcher's style kept), and is refused when the file
 * changed since it was read.
 *
 * Any status may follow any other: teams record what happened, often after the fact, and a
 * proposal that was simply done should not have to pass through every step on paper. Two
 * rules hold: declining needs a reason (refused without one), and marking done without an
 * outcome is allowed but answered with a warning, since the report cannot say what changed.
 */
import { isMap, type Document, type YAMLMap } from 'yaml';
import type { Outcome, Recommendation, RecommendationStatus } from '../model';
import { problem, type Problem } from '../problems';
import { styleCompact } from '../store/nodes';
import type { EditPlan } from '../store/plan';
import { findHighlight, type Workspace } from '../workspace/workspace';
import { actionId } from './list';
import { evidenceProblem } from './problems';
import { evidenceKind, isIsoDate } from './recommendation';
import { isSafeRelativePath } from '../workspace/references';

/** A recommendation: its insight and its place in the insight's list, from 0. */
export interface ActionRef {
  insight: string;
  index: number;
}

/**
 * What to change; a field left out stays as it is. An empty owner, due date or reason removes
 * it; `outcome: null` removes the outcome.
 */
export interface ActionChange {
  status?: RecommendationStatus;
  reason?: string;
  owner?: string;
  due?: string;
  outcome?: Outcome | null;
}

/**
 * The action an id names: `<insight id>#<n>` (n from 1), where the insight may be shortened to
 * the start of its id when only one insight starts so.
 */
export function findAction(ws: Workspace, id: string): { ref?: ActionRef; problem?: Problem } {
  const folder = ws.project?.paths.insights ?? 'insights';
  const m = /^(.+)#(\d+)$/.exec(id.trim());
  if (!m) return { problem: problem(folder, undefined, 'error', 'no-action', `“${id}” is not an action id: actions are named <insight>#<n>, e.g. ${firstActionId(ws) ?? 'silence-during-waits#2'} (see \`sift actions\`).`) };
  const [, written, number] = m;
  const matches = ws.insights.has(written!) ? [written!] : [...ws.insights.keys()].filter((k) => k.startsWith(written!));
  if (matches.length !== 1) {
    const why = matches.length === 0 ? `There is no insight ${written}.` : `${written} could be any of ${matches.sort().join(', ')}: give more of the id.`;
    return { problem: problem(folder, undefined, 'error', 'no-action', why) };
  }
  const insight = ws.insights.get(matches[0]!)!;
  const index = Number(number) - 1;
  if (index < 0 || index >= insight.recommendations.length) {
    const n = insight.recommendations.length;
    return {
      problem: problem(insight.path, undefined, 'error', 'no-action', `Insight ${insight.id} has ${n === 0 ? 'no recommendations' : n === 1 ? 'one recommendation (#1)' : `${n} recommendations (#1 to #${n})`}, so there is no #${number}.`),
    };
  }
  return { ref: { insight: insight.id, index } };
}

function firstActionId(ws: Workspace): string | undefined {
  const insight = [...ws.insights.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).find((i) => i.recommendations.length > 0);
  return insight && actionId(insight.id, 0);
}

/** Plans the change; errors mean nothing was planned, warnings go with a planned change. */
export async function updateAction(plan: EditPlan, ws: Workspace, ref: ActionRef, change: ActionChange): Promise<Problem[]> {
  const insight = ws.insights.get(ref.insight);
  const r = insight?.recommendations[ref.index];
  if (!insight || !r) return [problem(insight?.path ?? `${ws.project?.paths.insights ?? 'insights'}/${ref.insight}.yaml`, undefined, 'error', 'no-action', `There is no recommendation #${ref.index + 1} of insight ${ref.insight}.`)];
  // Problems point at the recommendation's own field in its file (the whole item when the field is not written yet).
  const at = (field: string, severity: Problem['severity'], code: string, message: string) => plan.problemAt(insight.path, ['recommendations', ref.index, field], severity, code, message);
  const refuse = async (field: string, code: string, message: string) => [await at(field, 'error', code, message)];
  const status = change.status ?? r.status;
  const reason = change.reason !== undefined ? change.reason.trim() : status === 'declined' ? r.reason : undefined;
  if (status === 'declined' && !reason) return refuse('status', 'reason-required', `Declining “${shortAction(r)}” needs a reason: say why it is not being done, so the decision can be understood later.`);
  const due = change.due?.trim();
  if (due && !isIsoDate(due)) return refuse('due', 'bad-due-date', `The due date ${due} is not a day of the calendar: write YYYY-MM-DD, e.g. 2026-09-30.`);
  if (change.outcome && !change.outcome.change.trim()) return refuse('outcome', 'outcome-refused', 'An outcome needs a sentence saying what changed.');
  if (change.outcome) {
    const files = new Set<string>();
    // Only a path inside the study is looked for: a web address or a path leading out is never a file to ask about.
    for (const ref of change.outcome.evidence) if (evidenceKind(ref) === 'file' && isSafeRelativePath(ref) && (await plan.exists(ref))) files.add(ref);
    const wrong = change.outcome.evidence.flatMap((ref) => evidenceProblem(ref, { hasHighlight: (id) => findHighlight(ws, id) !== undefined, hasFile: (path) => files.has(path) }) ?? []);
    if (wrong.length > 0) return Promise.all(wrong.map((w) => at('outcome', 'error', w.code, w.message)));
  }

  await plan.edit('insight', insight.path, (doc: Document) => {
    const item = doc.getIn(['recommendations', ref.index], true);
    if (!isMap(item)) return false;
    // The older word `rejected` is rewritten as `declined` whenever the status is set.
    if (change.status !== undefined) item.set('status', status);
    setOrDelete(item, 'owner', change.owner?.trim());
    setOrDelete(item, 'due', due);
    // A reason belongs to a decline: a recommendation taken up again loses the old one (git keeps it).
    if (status !== 'declined') item.delete('reason');
    else if (change.reason !== undefined) item.set('reason', reason);
    if (change.outcome === null) item.delete('outcome');
    else if (change.outcome) item.set('outcome', outcomeNode(doc, change.outcome));
  });
  const outcome = change.outcome === null ? undefined : (change.outcome ?? r.outcome);
  return status === 'done' && !outcome
    ? [await at('status', 'warning', 'done-without-outcome', `“${shortAction(r)}” is done but says nothing of what changed: add an outcome (what changed, a measure before and after where there is one, and its evidence).`)]
    : [];
}

/** Sets a text field, or removes it when given empty; leaves it alone when not given. */
function setOrDelete(item: YAMLMap, key: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value === '') item.delete(key);
  else item.set(key, value);
}

/** `change:` then `measure: {name: …, before: 183, after: 52, unit: days}` and `evidence: [outcomes/waits.csv]`. */
function outcomeNode(doc: Document, o: Outcome) {
  const value = {
    change: o.change.trim(),
    ...(o.measure ? { measure: { name: o.measure.name, before: o.measure.before, after: o.measure.after, ...(o.measure.unit ? { unit: o.measure.unit } : {}) } } : {}),
    ...(o.evidence.length > 0 ? { evidence: [...o.evidence] } : {}),
  };
  const node = doc.createNode(value) as YAMLMap;
  const measure = node.get('measure', true);
  if (isMap(measure)) measure.flow = true;
  styleCompact(node);
  return node;
}

function shortAction(r: Recommendation): string {
  return r.action.length > 60 ? `${r.action.slice(0, 59).trimEnd()}…` : r.action;
}
