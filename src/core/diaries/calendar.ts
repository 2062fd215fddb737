/**
 * Time as a dimension of the analysis: the date of every highlight, the week of the study it
 * falls in and the phase it belongs to. A highlight's date is its diary entry's (the turn it
 * sits in, as the transcript reads now), else the date it was tagged with, else its source's
 * front-matter date: an interview's day. Weeks count from the first day of fieldwork
 * (research.yaml `period.start`, else the earliest date in the study), so week 1 is the
 * study's first seven days, whatever weekday it started on.
 */
import type { Highlight, Phase, Transcript } from '../model';
import { turnAt } from '../transcripts';
import type { Workspace } from '../workspace/workspace';

export interface StudyCalendar {
  /** First day of week 1 (YYYY-MM-DD), undefined when nothing in the study is dated. */
  start?: string;
  /** Last day of fieldwork. */
  end?: string;
  /** Weeks from start to end. */
  weeks: number;
  phases: readonly Phase[];
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS);
}

/** The dates a transcript holds: its front matter's and its diary entries'. */
function datesOf(t: Transcript): string[] {
  return [...(t.meta.date ? [t.meta.date] : []), ...(t.entries ?? []).map((e) => e.date)];
}

/** The study's calendar: research.yaml's period and phases, the period filled in from the dates the sources hold. */
export function studyCalendar(ws: Workspace): StudyCalendar {
  const known = calendars.get(ws);
  if (known) return known;
  const dates = [...ws.transcripts.values()].flatMap(datesOf).sort();
  const start = ws.project?.period.start ?? dates[0];
  const end = ws.project?.period.end ?? dates[dates.length - 1];
  const weeks = start && end && end >= start ? Math.floor((dayNumber(end) - dayNumber(start)) / 7) + 1 : 0;
  const calendar: StudyCalendar = { ...(start ? { start } : {}), ...(end ? { end } : {}), weeks, phases: ws.project?.phases ?? [] };
  calendars.set(ws, calendar);
  return calendar;
}

const calendars = new WeakMap<Workspace, StudyCalendar>();

/** The week of the study a date falls in (1 = the first seven days), or undefined before the start or without one. */
export function weekOf(calendar: StudyCalendar, date: string | undefined): number | undefined {
  if (!date || !calendar.start || date < calendar.start) return undefined;
  return Math.floor((dayNumber(date) - dayNumber(calendar.start)) / 7) + 1;
}

/** `Week 2`: how a week reads on a board column, a filter or a matrix. */
export function weekLabel(week: number): string {
  return `Week ${week}`;
}

/** The first and last day of a week of the study. */
export function weekDays(calendar: StudyCalendar, week: number): { from: string; to: string } | undefined {
  if (!calendar.start) return undefined;
  const first = dayNumber(calendar.start) + (week - 1) * 7;
  const iso = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
  return { from: iso(first), to: iso(first + 6) };
}

/** The phase a date belongs to: the first, in research.yaml's order, whose days include it. */
export function phaseOf(calendar: StudyCalendar, date: string | undefined): Phase | undefined {
  if (!date) return undefined;
  return calendar.phases.find((p) => p.from <= date && date <= p.to);
}

/**
 * The date of a highlight: its diary entry's as the transcript reads now (a re-dated entry
 * moves its highlights), else the date stored with it, else its source's date.
 */
export function highlightDate(ws: Workspace, source: string, h: Highlight): string | undefined {
  const t = ws.transcripts.get(source);
  const at = ws.anchoring.get(h.id);
  const placed = at && at.state !== 'orphaned' ? at.start : h.start;
  return (t && turnAt(t.turns, placed)?.date) ?? h.date ?? t?.meta.date;
}
