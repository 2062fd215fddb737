/**
 * Insight edits as plans: create an insight from evidence, move it along its lifecycle,
 * add and track recommendations. Each returns through an EditPlan, so nothing is written
 * unless the host applies the plan, and a file changed since it was read is refused.
 *
 * Lifecycle: draft → in-review → accepted → actioned; any open insight may be rejected,
 * and a step back (a review reopened, a rejected insight revived as a draft) is allowed,
 * so the file's history in git records how the team got there.
 */
import { isMap, isSeq } from 'yaml';
import { updateAction } from '../actions/operations';
import { slugify } from '../ids';
import type { Insight, InsightStatus, Recommendation } from '../model';
import { problem, type Problem } from '../problems';
import { setStringList } from '../store/nodes';
import type { EditPlan } from '../store/plan';
import type { Workspace } from '../workspace/workspace';
import { indexEvidence, type EvidenceIndex } from './evidence';

export const INSIGHT_STATUSES: readonly InsightStatus[] = ['draft', 'in-review', 'accepted', 'actioned', 'rejected'];

const NEXT: Record<InsightStatus, readonly InsightStatus[]> = {
  draft: ['in-review', 'rejected'],
  'in-review': ['accepted', 'draft', 'rejected'],
  accepted: ['actioned', 'in-review', 'rejected'],
  actioned: ['accepted'],
  rejected: ['draft'],
};

/** The statuses an insight may move to from `status`. */
export function nextStatuses(status: InsightStatus): readonly InsightStatus[] {
  return NEXT[status];
}

export interface NewInsight {
  statement: string;
  evidence: readonly string[];
  themes?: readonly string[];
  personas?: readonly string[];
  confidence?: Insight['confidence'];
}

/**
 * Plans `insights/<slug of the statement>.yaml` as a draft. Refused (problems, nothing
 * planned) when the statement is empty or cites highlights, themes or personas that do
 * not exist, or highlights of a participant who withdrew. Returns the new id.
 */
export async function createInsight(plan: EditPlan, ws: Workspace, insight: NewInsight): Promise<{ id?: string; problems: Problem[] }> {
  const folder = ws.project?.paths.insights ?? 'insights';
  const statement = insight.statement.trim();
  const problems: Problem[] = [];
  const refuse = (message: string) => problems.push(problem(folder, undefined, 'error', 'insight-refused', message));
  if (!statement) refuse('An insight needs a statement: one sentence saying what you learned.');
  const evidence = [...new Set(insight.evidence)];
  for (const message of unusableEvidence(indexEvidence(ws), evidence)) refuse(message);
  for (const id of insight.themes ?? []) if (!ws.themes.has(id)) refuse(`There is no theme ${id}.`);
  for (const id of insight.personas ?? []) if (!ws.personas.has(id)) refuse(`There is no persona ${id}.`);
  if (problems.length > 0) return { problems };
  const id = uniqueId(slugify(statement), new Set(ws.insights.keys()));
  const value = {
    statement,
    status: 'draft',
    ...(insight.confidence ? { confidence: insight.confidence } : {}),
    themes: [...new Set(insight.themes ?? [])],
    evidence,
    ...(insight.personas?.length ? { personas: [...new Set(insight.personas)] } : {}),
  };
  await plan.create('insight', `${folder}/${id}.yaml`, value);
  return { id, problems: [] };
}

/**
 * Plans more evidence for an insight: the ids it does not cite yet go at the end of its
 * list. Refused (nothing planned) for ids that are no highlight or a withdrawn participant's.
 */
export async function addEvidence(plan: EditPlan, ws: Workspace, id: string, ids: readonly string[]): Promise<Problem[]> {
  const insight = ws.insights.get(id);
  if (!insight) return [missingInsight(ws, id)];
  const refusals = unusableEvidence(indexEvidence(ws), ids);
  if (refusals.length > 0) return refusals.map((message) => problem(insight.path, undefined, 'error', 'evidence-refused', message));
  const cited = new Set(insight.evidence);
  const fresh = [...new Set(ids)].filter((h) => !cited.has(h));
  if (fresh.length === 0) return [];
  await plan.edit('insight', insight.path, (doc) => {
    if (!isMap(doc.contents)) return false;
    setStringList(doc, doc.contents, 'evidence', [...insight.evidence, ...fresh]);
  });
  return [];
}

/** Why each of these ids cannot be evidence (none: all can). */
function unusableEvidence(index: EvidenceIndex, ids: readonly string[]): string[] {
  return [...new Set(ids)].flatMap((id) => (index.withdrawn.has(id) ? [`Highlight ${id} holds the words of a participant who withdrew consent, so it cannot be evidence.`] : index.byId.has(id) ? [] : [`There is no highlight ${id}.`]));
}

/** Plans a status change, refused when the lifecycle does not allow the step. */
export async function setInsightStatus(plan: EditPlan, ws: Workspace, id: string, status: InsightStatus): Promise<Problem[]> {
  const insight = ws.insights.get(id);
  if (!insight) return [missingInsight(ws, id)];
  if (insight.status === status) return [];
  if (!NEXT[insight.status].includes(status)) {
    return [problem(insight.path, undefined, 'error', 'status-refused', `Insight ${id} is ${insight.status}; it can move to ${NEXT[insight.status].join(' or ')}, not straight to ${status}.`)];
  }
  await plan.edit('insight', insight.path, (doc) => {
    doc.set('status', status);
  });
  return [];
}

/** Plans a new recommendation at the end of the insight's list (status proposed unless given). */
export async function addRecommendation(plan: EditPlan, ws: Workspace, id: string, recommendation: { action: string; owner?: string; status?: Recommendation['status'] }): Promise<Problem[]> {
  const insight = ws.insights.get(id);
  if (!insight) return [missingInsight(ws, id)];
  const action = recommendation.action.trim();
  if (!action) return [problem(insight.path, undefined, 'error', 'recommendation-refused', 'A recommendation needs an action: what should be done.')];
  const owner = recommendation.owner?.trim();
  const value = { action, ...(owner ? { owner } : {}), status: recommendation.status ?? 'proposed' };
  await plan.edit('insight', insight.path, (doc) => {
    const list = doc.get('recommendations', true);
    if (isSeq(list)) list.add(doc.createNode(value));
    else doc.set('recommendations', doc.createNode([value]));
  });
  return [];
}

/**
 * Plans a recommendation's new status; `index` counts from 0 in the file's list. Declining needs
 * a reason (see src/core/actions/operations.ts, which owns every change of an action).
 */
export async function setRecommendationStatus(plan: EditPlan, ws: Workspace, id: string, index: number, status: Recommendation['status'], reason?: string): Promise<Problem[]> {
  if (!ws.insights.has(id)) return [missingInsight(ws, id)];
  return updateAction(plan, ws, { insight: id, index }, { status, ...(reason !== undefined ? { reason } : {}) });
}

function missingInsight(ws: Workspace, id: string): Problem {
  return problem(`${ws.project?.paths.insights ?? 'insights'}/${id}.yaml`, undefined, 'error', 'no-insight', `There is no insight ${id}.`);
}

/** `slug`, or `slug-2`, `slug-3` … when taken. */
export function uniqueId(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(slug)) return slug;
  for (let i = 2; ; i++) if (!taken.has(`${slug}-${i}`)) return `${slug}-${i}`;
}
