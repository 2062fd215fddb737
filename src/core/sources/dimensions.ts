/**
 * When and from what kind of source each highlight is — the week of the study, the phase and
 * the kind of its source — as dimensions the board groups and filters by and the search
 * filters `week:3`, `phase:"main fieldwork"`, `kind:diary` select on. One reading for all of
 * them: a highlight's date is the calendar's (its diary entry's, else its own, else its
 * source's; see core/diaries/calendar.ts), so the board, Find Highlights, `sift search` and
 * the matrices never disagree about which week a quote is from.
 */
import { highlightDate, phaseOf, studyCalendar, weekDays, weekLabel, weekOf } from '../diaries/calendar';
import type { Workspace } from '../workspace/workspace';
import { kindLabel, kindOf, NO_KIND, orderKinds } from './kinds';

/** The dimensions, as the board's "group by" and the search filters name them. */
export type Dimension = 'week' | 'phase' | 'kind';
export const DIMENSIONS: readonly Dimension[] = ['week', 'phase', 'kind'];

export function isDimension(name: string): name is Dimension {
  return (DIMENSIONS as readonly string[]).includes(name);
}

/** Where a highlight sits along each dimension: undefined when it has no date, or its date is in no phase. */
export interface HighlightDimensions {
  /** The week as a string (`"3"`), as a column key and a filter value. */
  week?: string;
  /** The phase id. */
  phase?: string;
  /** The source's kind id, or NO_KIND. */
  kind: string;
}

/** One value of a dimension: its key (a week number, a phase or kind id) and how it reads. */
export interface DimensionValue {
  key: string;
  label: string;
  /** Extra words a search may use for it: a phase's or kind's label. */
  aliases?: string[];
}

/** Every highlight's place along the dimensions, by highlight id; made once per loaded workspace. */
export function highlightDimensions(ws: Workspace): ReadonlyMap<string, HighlightDimensions> {
  const known = memo.get(ws);
  if (known) return known;
  const calendar = studyCalendar(ws);
  const out = new Map<string, HighlightDimensions>();
  for (const file of ws.highlightFiles.values()) {
    const t = ws.transcripts.get(file.source);
    const kind = t ? kindOf(t) : NO_KIND;
    for (const h of file.highlights) {
      const date = highlightDate(ws, file.source, h);
      const week = weekOf(calendar, date);
      const phase = phaseOf(calendar, date)?.id;
      out.set(h.id, { ...(week !== undefined ? { week: String(week) } : {}), ...(phase ? { phase } : {}), kind });
    }
  }
  memo.set(ws, out);
  return out;
}

const memo = new WeakMap<Workspace, Map<string, HighlightDimensions>>();

/**
 * The values of a dimension in the study, in their natural order: every week of the study
 * period (`Week 2 · 9–15 Mar`), the phases as research.yaml orders them, the kinds of source
 * the study's sources use (in the study's order of kinds).
 */
export function dimensionValues(ws: Workspace, dimension: Dimension): DimensionValue[] {
  const calendar = studyCalendar(ws);
  switch (dimension) {
    case 'week':
      return Array.from({ length: calendar.weeks }, (_, i) => {
        const days = weekDays(calendar, i + 1);
        return { key: String(i + 1), label: days ? `${weekLabel(i + 1)} · ${dayRange(days.from, days.to)}` : weekLabel(i + 1) };
      });
    case 'phase':
      return calendar.phases.map((p) => ({ key: p.id, label: p.label, aliases: [p.label] }));
    case 'kind':
      return orderKinds(ws.project, [...ws.transcripts.values()].map(kindOf)).map((k) => ({ key: k, label: kindLabel(ws.project, k), aliases: [kindLabel(ws.project, k)] }));
  }
}

/** How the highlights with no value along a dimension are headed: undated ones, dates in no phase. */
export function noValueLabel(dimension: Dimension): string {
  return dimension === 'week' ? 'Not dated' : dimension === 'phase' ? 'In no phase' : kindLabel(undefined, NO_KIND);
}

/**
 * The key a search filter's value names, or undefined: `3` or `week 3` for a week; a phase or
 * kind by its id or its label, ignoring case (`phase:"main fieldwork"`, `kind:"inspection visit"`).
 * Kinds the study declares but no source uses are named too: asking for them finds nothing,
 * which is the true answer, not a mistake.
 */
export function dimensionKey(ws: Workspace, dimension: Dimension, value: string): string | undefined {
  const wanted = value.trim().toLowerCase();
  if (dimension === 'week') {
    const m = /^(?:week\s*)?(\d+)$/.exec(wanted);
    const week = m ? Number(m[1]) : NaN;
    return week >= 1 && week <= studyCalendar(ws).weeks ? String(week) : undefined;
  }
  const values =
    dimension === 'kind'
      ? Object.entries(ws.project?.kinds ?? {})
          .map(([key, k]): DimensionValue => ({ key, label: k.label, aliases: [k.label] }))
          .concat(dimensionValues(ws, 'kind'))
      : dimensionValues(ws, dimension);
  return values.find((v) => v.key.toLowerCase() === wanted || v.aliases?.some((a) => a.toLowerCase() === wanted))?.key;
}

/** A sentence saying what a dimension's filter accepts here, for a value it does not know. */
export function dimensionHint(ws: Workspace, dimension: Dimension): string {
  if (dimension === 'week') {
    const weeks = studyCalendar(ws).weeks;
    return weeks === 0 ? 'nothing in this study is dated, so it has no weeks' : `the study's weeks are 1 to ${weeks}`;
  }
  const values = dimension === 'phase' ? dimensionValues(ws, 'phase') : dimensionValues(ws, 'kind').filter((v) => v.key !== NO_KIND);
  if (values.length === 0) return dimension === 'phase' ? 'the study declares no phases (research.yaml `phases:`)' : 'no source gives its kind';
  return `the ${dimension === 'phase' ? 'phases' : 'kinds of source'} are ${values.map((v) => v.key).join(', ')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `9–15 Mar`, `30 Mar–5 Apr`: a week's days, short enough for a column head. */
export function dayRange(from: string, to: string): string {
  const day = (d: string) => String(Number(d.slice(8, 10)));
  const month = (d: string) => MONTHS[Number(d.slice(5, 7)) - 1]!;
  return month(from) === month(to) ? `${day(from)}–${day(to)} ${month(to)}` : `${day(from)} ${month(from)}–${day(to)} ${month(to)}`;
}
