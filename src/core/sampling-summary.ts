/**
 * Sample coverage in words, for people who decide what to do about it: each target in the form
 * it was written (a share of the sample or a number of people), what it asks for in whole
 * people, the gap ("1 short", "2 over"), what to recruit, and one sentence on who was not heard
 * enough. The CLI, the coverage panel and the report all take their text from here (figures
 * from src/core/format.ts), so a group reads the same in each. The numbers come from
 * {@link samplingCoverage}.
 */
import { formatCount, formatGap, formatOf, formatPeople, formatShare } from './format';
import type { SamplingRow } from './sampling/coverage';

/** The target as written: `30% of the sample` (a share) or `3 people` (a count). */
export function targetText(row: SamplingRow): string {
  return row.unit === 'share' ? `${formatShare(row.target)} of the sample` : formatPeople(row.wanted);
}

/** What the target asks for in whole people: `3 of 10 planned`, `5 of 12`. */
export function wantedText(row: SamplingRow): string {
  return `${formatOf(row.wanted, row.sampleSize)}${row.planned ? ' planned' : ''}`;
}

/** Who is in the group now: `2 of 12 (17%)`. */
export function haveText(row: SamplingRow, counted: number): string {
  return `${formatOf(row.count, counted)} (${formatShare(row.actual)})`;
}

/** `2 short`, `1 over`, `on target`. */
export function gapText(row: SamplingRow): string {
  return formatGap(row.gap);
}

/** The group as a phrase: `ethnicity asian-or-asian-british`, or `everyone outside the listed ethnicity groups`. */
export function groupText(row: SamplingRow): string {
  return row.remainder ? `everyone outside the listed ${row.attribute} groups` : `${row.attribute} ${row.value}`;
}

/**
 * What to do about a gap: `recruit 2 more people whose ethnicity is pakistani to reach 3 of 10
 * planned`, `2 more than the 3 of 10 wanted`; '' on target.
 */
export function adviceText(row: SamplingRow): string {
  if (row.gap < 0) {
    const who = row.remainder ? `from outside the listed ${row.attribute} groups` : `whose ${row.attribute} is ${row.value}`;
    return `recruit ${-row.gap} more ${-row.gap === 1 ? 'person' : 'people'} ${who} to reach ${wantedText(row)}`;
  }
  if (row.gap > 0) return `${row.gap} more than the ${wantedText(row)} wanted`;
  return '';
}

export interface SamplingSentence {
  /** `Not heard enough`, `Over-represented`, or '' for a sentence without a lead. */
  lead: string;
  text: string;
}

/**
 * Who was under- and over-sampled, attribute by attribute, as sentences with a lead:
 * `Not heard enough:` `age-band 35-64 (4 of 12, 5 wanted: 1 short) and 18-34 (…); channel phone
 * (…).`, then `Over-represented:` … A view may set the leads apart.
 */
export function samplingSentences(rows: readonly SamplingRow[], counted: number): SamplingSentence[] {
  if (rows.length === 0) return [{ lead: '', text: 'No sampling targets are set, so the sample is not compared with any.' }];
  const part = (status: SamplingRow['status']) => {
    const byAttribute = new Map<string, SamplingRow[]>();
    for (const r of rows) if (r.status === status) byAttribute.set(r.attribute, [...(byAttribute.get(r.attribute) ?? []), r]);
    return [...byAttribute].map(([attribute, list]) => `${attribute} ${joinAnd(list.map((r) => `${r.remainder ? 'everyone else' : r.value} (${formatOf(r.count, counted)}, ${r.wanted} wanted: ${gapText(r)})`))}`).join('; ');
  };
  const under = part('under');
  const over = part('over');
  if (!under && !over) return [{ lead: '', text: 'Every group has the people its target asks for.' }];
  return [under ? { lead: 'Not heard enough', text: `${under}.` } : { lead: '', text: 'No group is under-sampled.' }, ...(over ? [{ lead: 'Over-represented', text: `${over}.` }] : [])];
}

/** The sentences as one line of text. */
export function describeSampling(rows: readonly SamplingRow[], counted: number): string {
  return samplingSentences(rows, counted)
    .map((s) => (s.lead ? `${s.lead}: ${s.text}` : s.text))
    .join(' ');
}

/** Each short group's recruitment, as sentences: `Recruit 2 more people whose ethnicity is … to reach 3 of 10 planned.` */
export function recruitmentAdvice(rows: readonly SamplingRow[]): string[] {
  return rows.filter((r) => r.gap < 0).map((r) => `${capitalise(adviceText(r))}.`);
}

/** How the comparison is made, in a sentence for the views' fine print. */
export function samplingMethod(rows: readonly SamplingRow[]): string {
  const size = rows[0]?.sampleSize ?? 0;
  const planned = rows[0]?.planned ?? false;
  const forms = new Set(rows.filter((r) => !r.remainder).map((r) => r.unit));
  const written = forms.size === 2 ? 'as shares of the sample or numbers of people' : forms.has('count') ? 'as numbers of people' : 'as shares of the sample';
  return `Targets are written ${written} in research.yaml and compared in whole people, for ${planned ? `the planned sample of ${size}` : `the ${formatCount(size, 'participant')} counted`}; shares are rounded so that each attribute adds up to the sample.`;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** For a status bar: `3 groups under-sampled`, or undefined when none is (or there are no targets). */
export function describeShortfall(rows: readonly SamplingRow[]): string | undefined {
  const under = rows.filter((r) => r.status === 'under').length;
  return under === 0 ? undefined : `${formatCount(under, 'group')} under-sampled`;
}
