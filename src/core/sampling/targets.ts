/**
 * Sampling targets as research.yaml writes them, read into one explicit form.
 *
 * Per attribute value, a target is either
 * - a share of the sample: `30%`, `{share: 0.3}`, or a bare number ≤ 1 (`0.3`), or
 * - a number of participants: `{count: 3}`, or a bare whole number.
 *
 * Bare numbers are the old form and stay readable: in one attribute they are all shares when
 * every one is at most 1, otherwise all counts (so `{asian: 3, black: 2}` asks for 3 and 2
 * people — it used to be read as 60% and 40%). A list of bare numbers that are neither (2.5
 * people) is an error `sift check` reports; the explicit forms are never ambiguous.
 * Values without a target are "everyone else": the rest of the sample (see coverage.ts).
 */
import { formatShare } from '../format';
import type { SamplingTarget } from '../model';

/** The written value of one target, as the schema lets it through. */
export type WrittenTarget = number | string | { count: number } | { share: number };

const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;

/** One attribute's targets, from the written forms; undefined entries are left out. */
export function readTargets(written: Record<string, WrittenTarget>): Record<string, SamplingTarget> {
  const bare = Object.values(written).filter((v): v is number => typeof v === 'number');
  const bareUnit: SamplingTarget['unit'] = bare.every((v) => v <= 1) ? 'share' : 'count';
  const out: Record<string, SamplingTarget> = {};
  for (const [value, w] of Object.entries(written)) {
    const target = readTarget(w, bareUnit);
    if (target) out[value] = target;
  }
  return out;
}

function readTarget(w: WrittenTarget, bareUnit: SamplingTarget['unit']): SamplingTarget | undefined {
  if (typeof w === 'number') return { unit: bareUnit, value: w, inferred: true };
  if (typeof w === 'string') {
    const m = PERCENT.exec(w.trim());
    return m ? { unit: 'share', value: Number(m[1]) / 100 } : undefined;
  }
  if ('count' in w) return { unit: 'count', value: w.count };
  if ('share' in w) return { unit: 'share', value: w.share };
  return undefined;
}

export interface TargetIssue {
  /** The value the issue is about, or undefined for the attribute as a whole. */
  value?: string;
  code: string;
  message: string;
}

/**
 * What is wrong with one attribute's targets, in words: bare numbers that are neither shares
 * nor whole people, shares adding up to more than the whole sample, counts beyond the planned
 * sample size.
 */
export function targetIssues(attribute: string, targets: Record<string, SamplingTarget>, planned: number | undefined): TargetIssue[] {
  const issues: TargetIssue[] = [];
  const bare = Object.entries(targets).filter(([, t]) => t.inferred);
  // Bare numbers read as counts because one is above 1, while another is a fraction: a mix.
  if (bare.some(([, t]) => t.unit === 'count' && t.value > 0 && t.value < 1))
    issues.push({ code: 'sampling-unclear', message: `The targets of ${attribute} mix shares (numbers below 1) with numbers of people; write each as a share (30%) or a count ({count: 3}).` });
  else
    for (const [value, t] of bare)
      if (t.unit === 'count' && !Number.isInteger(t.value))
        issues.push({
          value,
          code: 'sampling-unclear',
          message: `The target ${t.value} for ${attribute} ${value} is neither a share (at most 1) nor a whole number of people: write a share as a percentage (${t.value}%) or people as {count: ${Math.round(t.value)}}.`,
        });
  for (const [value, t] of Object.entries(targets))
    if (t.unit === 'share' && t.value > 1) issues.push({ value, code: 'sampling-total', message: `The share ${formatShare(t.value)} for ${attribute} ${value} is more than the whole sample.` });
  const shares = Object.values(targets)
    .filter((t) => t.unit === 'share')
    .reduce((a, t) => a + t.value, 0);
  if (shares > 1 + 1e-9 && issues.every((i) => i.code !== 'sampling-total')) issues.push({ code: 'sampling-total', message: `The shares for ${attribute} add up to ${formatShare(shares)}, more than the whole sample.` });
  const counts = Object.values(targets)
    .filter((t) => t.unit === 'count')
    .reduce((a, t) => a + t.value, 0);
  if (planned !== undefined && counts > planned) issues.push({ code: 'sampling-total', message: `The counts for ${attribute} add up to ${counts} people, more than the planned sample of ${planned} (sample: {planned: ${planned}}).` });
  return issues;
}
