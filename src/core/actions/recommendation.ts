/**
 * A recommendation as an action the organisation takes: who owns it, where it stands, when
 * it is due, and what changed as a result. This module holds the words and rules every host
 * shares (statuses in order, what counts as open or overdue, what a piece of outcome evidence
 * is), so the CLI, the editor and the report say the same thing.
 */
import type { Measure, Recommendation, RecommendationStatus } from '../model';
import { isIsoDate } from '../transcripts/frontmatter';

/** Due dates are days of the calendar, checked as front-matter dates are. */
export { isIsoDate };

/** In lifecycle order; declined stands apart from it. */
export const ACTION_STATUSES: readonly RecommendationStatus[] = ['proposed', 'agreed', 'in-progress', 'done', 'declined'];

export const ACTION_STATUS_LABELS: Record<RecommendationStatus, string> = { proposed: 'Proposed', agreed: 'Agreed', 'in-progress': 'In progress', done: 'Done', declined: 'Declined' };

/** The older words a file may use for a status, and the status each is read as. */
export const OLDER_STATUS_WORDS: Readonly<Record<string, RecommendationStatus>> = { rejected: 'declined' };

/** A recommendation from its validated YAML value: status defaults to proposed, older words read as today's. */
export function readRecommendation(raw: Record<string, unknown>): Recommendation {
  const written = typeof raw.status === 'string' ? raw.status : 'proposed';
  const status = OLDER_STATUS_WORDS[written] ?? (written as RecommendationStatus);
  const outcome = raw.outcome as Recommendation['outcome'] | undefined;
  return {
    ...(raw as unknown as Recommendation),
    status,
    ...(outcome ? { outcome: { ...outcome, evidence: outcome.evidence ?? [] } } : {}),
    ...(status !== written ? { writtenStatus: written } : {}),
  };
}

/** Still to be done or decided: not done and not declined. */
export function isOpen(r: Recommendation): boolean {
  return r.status !== 'done' && r.status !== 'declined';
}

/** Due before `today` (YYYY-MM-DD) and still open. Dates in this form compare as text. */
export function isOverdue(r: Recommendation, today: string): boolean {
  return isOpen(r) && r.due !== undefined && isIsoDate(r.due) && r.due < today;
}

export type OutcomeEvidenceKind = 'link' | 'highlight' | 'file';

/**
 * What a piece of outcome evidence is, by how it is written: a web address (anything with a
 * scheme, or that looks meant as one: `http//…`, `www.…`, so a mistyped link is reported as a
 * link, not as a file), a highlight id, else a file in the study.
 */
export function evidenceKind(ref: string): OutcomeEvidenceKind {
  if (/^[a-z][a-z0-9+.-]*:|^https?\/\/|^www\./i.test(ref)) return 'link';
  if (/^h-[0-9a-z]{8}$/.test(ref)) return 'highlight';
  return 'file';
}

/** The local calendar day of a moment, `YYYY-MM-DD`: "today" as the researcher's calendar says it (the host passes the moment). */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A measure typed on one line, as people write it: `average wait for a major adaptation: 183 → 52 days`
 * (`->` for the arrow, any unit or none, `%` after the figures). Undefined when it is not in that form.
 */
export function parseMeasure(text: string): Measure | undefined {
  const number = '(-?\\d+(?:\\.\\d+)?)';
  const m = new RegExp(`^(.+?):\\s*${number}\\s*(%?)\\s*(?:→|->)\\s*${number}\\s*(%|[^\\d\\s].*)?$`).exec(text.trim());
  if (!m) return undefined;
  const [, name, before, beforePercent, after, unit] = m;
  const u = (unit ?? (beforePercent ? '%' : '')).trim();
  return { name: name!.trim(), before: Number(before), after: Number(after), ...(u ? { unit: u } : {}) };
}
