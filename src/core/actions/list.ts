/**
 * Every recommendation of a study as a list of actions: who owns each, where it stands, when
 * it is due and whether that day has passed, and the roll-up a service director asks for
 * ("4 of 8 recommendations done, 2 in progress, 1 agreed, 1 declined"). One function builds
 * the list and one the roll-up, for the CLI, the Actions view and the report alike.
 */
import type { Recommendation, RecommendationStatus } from '../model';
import type { Workspace } from '../workspace/workspace';
import { ACTION_STATUSES, isOpen, isOverdue } from './recommendation';

export interface ActionItem {
  /** `<insight id>#<n>`: the insight and the recommendation's place in its list, counted from 1. */
  id: string;
  insight: { id: string; statement: string; path: string };
  /** The recommendation's place in the insight's list, from 0. */
  index: number;
  recommendation: Recommendation;
  overdue: boolean;
}

/** What a list may be narrowed to: a status, or every open one, or the overdue ones. */
export type ActionStatusFilter = RecommendationStatus | 'open' | 'overdue';
export const ACTION_STATUS_FILTERS: readonly ActionStatusFilter[] = [...ACTION_STATUSES, 'open', 'overdue'];

export interface ActionFilter {
  /** Compared without regard to case or surrounding spaces. */
  owner?: string;
  status?: ActionStatusFilter;
}

/** `silence-during-waits#2`. */
export function actionId(insightId: string, index: number): string {
  return `${insightId}#${index + 1}`;
}

/** Every recommendation as an action, insights in id order and each insight's in its file's order; `today` is YYYY-MM-DD. */
export function listActions(ws: Workspace, today: string, filter: ActionFilter = {}): ActionItem[] {
  const owner = filter.owner?.trim().toLowerCase();
  const insights = [...ws.insights.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return insights
    .flatMap((i) =>
      i.recommendations.map((recommendation, index): ActionItem => ({
        id: actionId(i.id, index),
        insight: { id: i.id, statement: i.statement, path: i.path },
        index,
        recommendation,
        overdue: isOverdue(recommendation, today),
      })),
    )
    .filter((a) => owner === undefined || a.recommendation.owner?.trim().toLowerCase() === owner)
    .filter((a) => filter.status === undefined || (filter.status === 'open' ? isOpen(a.recommendation) : filter.status === 'overdue' ? a.overdue : a.recommendation.status === filter.status));
}

export interface ActionRollup {
  total: number;
  byStatus: Record<RecommendationStatus, number>;
  overdue: number;
}

export function rollUp(actions: readonly ActionItem[]): ActionRollup {
  const byStatus = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<RecommendationStatus, number>;
  for (const a of actions) byStatus[a.recommendation.status]++;
  return { total: actions.length, byStatus, overdue: actions.filter((a) => a.overdue).length };
}

/**
 * `4 of 8 recommendations done, 2 in progress, 1 agreed, 1 declined; 1 overdue.` Statuses no
 * recommendation has are left out, but "done" is always said, as the figure people ask for.
 */
export function describeRollup(r: ActionRollup): string {
  if (r.total === 0) return 'No recommendations yet.';
  const others = (['in-progress', 'agreed', 'proposed', 'declined'] as const).filter((s) => r.byStatus[s] > 0).map((s) => `${r.byStatus[s]} ${s === 'in-progress' ? 'in progress' : s}`);
  const head = `${r.byStatus.done} of ${r.total} recommendation${r.total === 1 ? '' : 's'} done`;
  return `${[head, ...others].join(', ')}${r.overdue > 0 ? `; ${r.overdue} overdue` : ''}.`;
}
