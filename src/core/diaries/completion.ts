/**
 * Diary completion: for each participant keeping a diary, a timeline of their dated entries
 * across the study, how many they wrote in each week of it, and the weeks they wrote nothing
 * (a gap a researcher follows up while fieldwork is still running). A diary is a source of
 * kind `diary`, or one without a kind whose headings are dates; a diary with no dated
 * headings is one entry on its front matter's date (one file per entry is a common way to
 * keep them). Participants who withdrew are left out, as everywhere their words would count.
 */
import type { DiaryEntry, Transcript } from '../model';
import { highlightsPathFor, participantsOfTranscript, type Workspace } from '../workspace/workspace';
import { highlightDate, phaseOf, studyCalendar, weekDays, weekOf, type StudyCalendar } from './calendar';

export interface TimelineEntry {
  date: string;
  /** Week of the study, when the date is inside it. */
  week?: number;
  /** The phase's id, when the date is in one. */
  phase?: string;
  source: string;
  /** 1-based line of the entry's heading. */
  line: number;
  /** Highlights coded in the entry. */
  highlights: number;
  /** Scanned pages attached to the entry (workspace paths). */
  pages: string[];
}

export interface DiaristCompletion {
  participant: string;
  sources: string[];
  /** Every entry, by date. */
  entries: TimelineEntry[];
  /** Entries in each week of the study: perWeek[0] is week 1. */
  perWeek: number[];
  /** Weeks with at least one entry. */
  weeksWritten: number;
  /** Weeks of the study without an entry (1-based). */
  gaps: number[];
}

export interface DiaryCompletion {
  calendar: StudyCalendar;
  diarists: DiaristCompletion[];
  /** Per week of the study: entries written, and by how many diarists. */
  weeks: { week: number; from: string; to: string; entries: number; diarists: number }[];
}

/** Whether a source is read as a diary. */
export function isDiary(t: Transcript): boolean {
  return t.meta.kind === 'diary' || (t.meta.kind === undefined && (t.entries?.length ?? 0) > 0);
}

/** The entries of a diary: its dated headings, or the whole file on its front-matter date. */
function entriesOf(t: Transcript): readonly DiaryEntry[] {
  if (t.entries?.length) return t.entries;
  return t.meta.date ? [{ date: t.meta.date, line: 1 }] : [];
}

export function diaryCompletion(ws: Workspace): DiaryCompletion {
  const calendar = studyCalendar(ws);
  const withdrawn = new Set(ws.participants.filter((p) => p.consent?.scope === 'withdrawn').map((p) => p.id));
  const byDiarist = new Map<string, { sources: string[]; entries: TimelineEntry[] }>();
  for (const t of [...ws.transcripts.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (!isDiary(t)) continue;
    const who = participantsOfTranscript(ws, t.path).filter((p) => !withdrawn.has(p));
    if (who.length === 0) continue;
    const diarist = who.join(', ');
    const highlightsOn = new Map<string, number>();
    const file = ws.highlightFiles.get(highlightsPathFor(ws.project, t.path));
    for (const h of file?.source === t.path ? file.highlights : []) {
      const date = highlightDate(ws, t.path, h);
      if (date) highlightsOn.set(date, (highlightsOn.get(date) ?? 0) + 1);
    }
    const slot = byDiarist.get(diarist) ?? byDiarist.set(diarist, { sources: [], entries: [] }).get(diarist)!;
    slot.sources.push(t.path);
    for (const e of entriesOf(t)) {
      const week = weekOf(calendar, e.date);
      const phase = phaseOf(calendar, e.date);
      const highlights = highlightsOn.get(e.date) ?? 0;
      highlightsOn.delete(e.date); // two entries of one day: the highlights are counted once, on the first
      slot.entries.push({
        date: e.date,
        ...(week !== undefined && week <= calendar.weeks ? { week } : {}),
        ...(phase ? { phase: phase.id } : {}),
        source: t.path,
        line: e.line,
        highlights,
        pages: (t.pages ?? []).filter((p) => p.date === e.date && p.path !== undefined).map((p) => p.path!),
      });
    }
  }
  const diarists = [...byDiarist]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([participant, { sources, entries }]): DiaristCompletion => {
      const perWeek = Array.from({ length: calendar.weeks }, () => 0);
      for (const e of entries) if (e.week !== undefined) perWeek[e.week - 1]!++;
      return {
        participant,
        sources,
        entries: entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
        perWeek,
        weeksWritten: perWeek.filter((n) => n > 0).length,
        gaps: perWeek.flatMap((n, i) => (n === 0 ? [i + 1] : [])),
      };
    });
  const weeks = Array.from({ length: calendar.weeks }, (_, i) => ({
    week: i + 1,
    ...weekDays(calendar, i + 1)!,
    entries: diarists.reduce((n, d) => n + d.perWeek[i]!, 0),
    diarists: diarists.filter((d) => d.perWeek[i]! > 0).length,
  }));
  return { calendar, diarists, weeks };
}

/**
 * One diarist's completion in words: `3 of 4 weeks, 6 entries; nothing in week 3`, `…; stopped
 * after week 2`, `…; started in week 2`. The CLI, the completion view and tests read the same sentence.
 */
export function completionSummary(d: DiaristCompletion): string {
  const weeks = d.perWeek.length;
  const head = `${d.weeksWritten} of ${weeks} week${weeks === 1 ? '' : 's'}, ${d.entries.length} entr${d.entries.length === 1 ? 'y' : 'ies'}`;
  if (d.gaps.length === 0 || weeks === 0) return head;
  const firstWritten = d.perWeek.findIndex((n) => n > 0) + 1;
  const lastWritten = weeks - [...d.perWeek].reverse().findIndex((n) => n > 0);
  if (firstWritten === 0) return `${head}; nothing inside the study's weeks`;
  const notes: string[] = [];
  if (firstWritten > 1) notes.push(`started in week ${firstWritten}`);
  const inside = d.gaps.filter((w) => w > firstWritten && w < lastWritten);
  if (inside.length > 0) notes.push(`nothing in ${weekList(inside)}`);
  if (lastWritten < weeks) notes.push(`stopped after week ${lastWritten}`);
  return `${head}; ${notes.join('; ')}`;
}

/** `week 3`, `weeks 2 and 3`, `weeks 2, 3 and 5`. */
function weekList(weeks: number[]): string {
  if (weeks.length === 1) return `week ${weeks[0]}`;
  return `weeks ${weeks.slice(0, -1).join(', ')} and ${weeks[weeks.length - 1]}`;
}
