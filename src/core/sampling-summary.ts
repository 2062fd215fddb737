/**
 * Sample coverage in words, for people who decide what to do about it: how many people a
 * group is short of (or beyond) its target, in whole participants, and one sentence that
 * says who was not heard enough. The numbers come from {@link samplingCoverage}.
 */
import { SAMPLING_TOLERANCE, type SamplingRow } from './stats';

/**
 * Whole participants short of (negative) or beyond (positive) the target: the rounded target
 * count against the actual one. A value flagged under or over is at least one person off
 * (rounding alone must not make a flagged gap read "0 short"); a value on target is 0.
 */
export function participantGap(row: SamplingRow): number {
  if (row.status === 'on-target') return 0;
  const gap = row.count - Math.round(row.expected);
  return row.status === 'under' ? Math.min(-1, gap) : Math.max(1, gap);
}

/** `2 short`, `1 over`, `on target`. */
export function describeGap(row: SamplingRow): string {
  const gap = participantGap(row);
  return gap === 0 ? 'on target' : gap < 0 ? `${-gap} short` : `${gap} over`;
}

export interface SamplingSentence {
  /** `Not heard enough`, `Over-represented`, or '' for a sentence without a lead. */
  lead: string;
  text: string;
}

/**
 * Who was under- and over-sampled, attribute by attribute, as sentences with a lead:
 * `Not heard enough:` `age-band 18-34 (1 of 12, 1 short) and 35-64 (4 of 12, 1 short); channel
 * phone (4 of 12, 1 short).`, then `Over-represented:` … A view may set the leads apart.
 */
export function samplingSentences(rows: readonly SamplingRow[], participants: number): SamplingSentence[] {
  if (rows.length === 0) return [{ lead: '', text: 'No sampling targets are set, so the sample is not compared with any.' }];
  const part = (status: SamplingRow['status']) => {
    const byAttribute = new Map<string, SamplingRow[]>();
    for (const r of rows) if (r.status === status) byAttribute.set(r.attribute, [...(byAttribute.get(r.attribute) ?? []), r]);
    return [...byAttribute].map(([attribute, list]) => `${attribute} ${joinAnd(list.map((r) => `${r.value} (${r.count} of ${participants}, ${describeGap(r)})`))}`).join('; ');
  };
  const under = part('under');
  const over = part('over');
  if (!under && !over) return [{ lead: '', text: `Every group is within ${Math.round(SAMPLING_TOLERANCE * 100)} percentage points of its target.` }];
  return [under ? { lead: 'Not heard enough', text: `${under}.` } : { lead: '', text: 'No group is under-sampled.' }, ...(over ? [{ lead: 'Over-represented', text: `${over}.` }] : [])];
}

/** The sentences as one line of text. */
export function describeSampling(rows: readonly SamplingRow[], participants: number): string {
  return samplingSentences(rows, participants).map((s) => (s.lead ? `${s.lead}: ${s.text}` : s.text)).join(' ');
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** For a status bar: `3 groups under-sampled`, or undefined when none is (or there are no targets). */
export function describeShortfall(rows: readonly SamplingRow[]): string | undefined {
  const under = rows.filter((r) => r.status === 'under').length;
  return under === 0 ? undefined : `${under} ${under === 1 ? 'group' : 'groups'} under-sampled`;
}
