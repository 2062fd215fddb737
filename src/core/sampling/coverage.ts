/**
 * The sample against its targets, in whole people. Each attribute's targets become numbers of
 * participants for the sample size — the planned one (`sample: {planned: 10}`) when set,
 * otherwise the participants counted — shares rounded by largest remainder so they add up to
 * that size. A group is short when it has fewer people than its target, over when it has more:
 * the same whole-person comparison in the CLI, the panel and the report.
 * When the targets leave part of the sample to no group (a partial list, shares below 100%),
 * or someone belongs to no listed group, a row for "everyone else" holds the rest.
 */
import type { Participant, SamplingTarget } from '../model';
import type { Workspace } from '../workspace/workspace';
import { largestRemainder } from './apportion';

export interface SamplingRow {
  attribute: string;
  /** The attribute value, or {@link EVERYONE_ELSE} for the rest of the sample. */
  value: string;
  /** The row for everyone in no listed group of the attribute. */
  remainder: boolean;
  /** How the target was written: a share of the sample or a number of participants. */
  unit: 'share' | 'count';
  /** The target as a share of {@link sampleSize} (0–1). */
  target: number;
  /** Participants the target asks for, a whole number. */
  wanted: number;
  /** The sample size the targets are for: the planned size, or the participants counted. */
  sampleSize: number;
  /** Whether {@link sampleSize} is the planned size from research.yaml. */
  planned: boolean;
  /** Share of the counted participants in this group (0–1). */
  actual: number;
  /** Participants counted in this group. */
  count: number;
  /** Whole participants short of (negative) or beyond (positive) the target: count − wanted. */
  gap: number;
  status: 'under' | 'on-target' | 'over';
}

/** The value of the row for the rest of the sample. */
export const EVERYONE_ELSE = 'everyone else';

/** Participants who count towards the sample: those who have not withdrawn consent. */
export function countedParticipants(ws: Workspace): Participant[] {
  return ws.participants.filter((p) => p.consent?.scope !== 'withdrawn');
}

export function samplingCoverage(ws: Workspace): SamplingRow[] {
  const counted = countedParticipants(ws);
  const n = counted.length;
  const planned = ws.project?.sample.planned;
  const size = planned ?? n;
  const rows: SamplingRow[] = [];
  for (const [attribute, targets] of Object.entries(ws.project?.sampling ?? {})) {
    const entries = Object.entries(targets);
    if (entries.length === 0) continue;
    const counts = entries.map(([value]) => counted.filter((p) => valueOf(p, attribute) === value).length);
    const restCount = n - counts.reduce((a, b) => a + b, 0);
    const plan = planCounts(targets, size, restCount > 0);
    const rest = plan.find((p) => p.remainder);
    const row = (value: string, remainder: boolean, unit: SamplingRow['unit'], target: number, want: number, count: number): SamplingRow => ({
      attribute,
      value,
      remainder,
      unit,
      target,
      wanted: want,
      sampleSize: size,
      planned: planned !== undefined,
      actual: n === 0 ? 0 : count / n,
      count,
      gap: count - want,
      status: count < want ? 'under' : count > want ? 'over' : 'on-target',
    });
    entries.forEach(([value, t], i) => rows.push(row(value, false, t.unit, plan[i]!.share, plan[i]!.wanted, counts[i]!)));
    if (rest) rows.push(row(EVERYONE_ELSE, true, entries.every(([, t]) => t.unit === 'count') ? 'count' : 'share', rest.share, rest.wanted, restCount));
  }
  return rows;
}

export interface PlannedGroup {
  value: string;
  remainder: boolean;
  /** The target as a share of the sample size (0–1). */
  share: number;
  /** Whole people. */
  wanted: number;
}

/**
 * Whole people per group for a sample of `size`: counts as written, shares rounded by largest
 * remainder together with the rest of the sample ("everyone else", listed last when the targets
 * leave anyone to it, or when `keepRest` asks for it), so the groups add up to the size. The
 * planner (`sift sampling import --sample`) and the coverage use this one rounding.
 */
export function planCounts(targets: Record<string, SamplingTarget>, size: number, keepRest = false): PlannedGroup[] {
  const entries = Object.entries(targets);
  const exact = entries.map(([, t]) => (t.unit === 'count' ? t.value : t.value * size));
  const listed = exact.reduce((a, b) => a + b, 0);
  const rest = Math.max(0, size - listed);
  const withRest = rest > 1e-9 || keepRest;
  const wanted = largestRemainder(withRest ? [...exact, rest] : exact, Math.max(size, Math.round(listed)));
  const share = (x: number) => (size === 0 ? 0 : x / size);
  const groups = entries.map(([value, t], i): PlannedGroup => ({ value, remainder: false, share: t.unit === 'share' ? t.value : share(t.value), wanted: wanted[i]! }));
  return withRest ? [...groups, { value: EVERYONE_ELSE, remainder: true, share: share(rest), wanted: wanted[entries.length]! }] : groups;
}

function valueOf(p: Participant, attribute: string): string | undefined {
  const v = p.attributes[attribute];
  return v === undefined ? undefined : String(v);
}
