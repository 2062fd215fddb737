/**
 * The completion view as rows (the VS Code tree only turns them into tree items): a row per
 * diarist with their weeks as a strip (■ written, □ not) and their completion in words, and
 * under it their entries by date with each week without an entry in its place.
 *
 * The side bar is narrow: what a row shows beside its label is a few words (`■■□■ 5 entries`,
 * `Week 1 · 2 highlights`, `9–15 Mar`); the whole sentence is the row's tooltip, and a diarist's
 * gaps are rows of their own under them.
 */
import { dayRange } from '../sources/dimensions';
import { phaseOf, weekLabel } from './calendar';
import { completionSummary, type DiaryCompletion } from './completion';

export interface DiaristRow {
  participant: string;
  /** `■■□■`: one mark per week of the study. */
  strip: string;
  /** `3 of 4 weeks, 5 entries; nothing in week 3`: the tooltip. */
  summary: string;
  /** `■■□■ 5 entries`: beside the name. */
  description: string;
  hasGaps: boolean;
  children: (EntryRow | GapRow)[];
}

export interface EntryRow {
  kind: 'entry';
  date: string;
  /** `Week 1 · 2 highlights`: beside the date. */
  description: string;
  /** `Week 1 · Baseline week · 2 highlights · 1 scanned page`: the tooltip. */
  detail: string;
  source: string;
  line: number;
  pages: string[];
}

export interface GapRow {
  kind: 'gap';
  week: number;
  /** `Week 3: no entry`. */
  label: string;
  /** `16–22 Mar`. */
  days: string;
}

export function completionRows(c: DiaryCompletion): DiaristRow[] {
  return c.diarists.map((d) => {
    const children: (EntryRow | GapRow)[] = [];
    const gap = (week: number): GapRow => {
      const days = c.weeks[week - 1];
      return { kind: 'gap', week, label: `${weekLabel(week)}: no entry`, days: days ? dayRange(days.from, days.to) : '' };
    };
    let nextWeek = 1;
    for (const e of d.entries) {
      if (e.week !== undefined) for (; nextWeek < e.week; nextWeek++) if (d.gaps.includes(nextWeek)) children.push(gap(nextWeek));
      if (e.week !== undefined) nextWeek = e.week + 1;
      const phase = phaseOf(c.calendar, e.date);
      const week = e.week !== undefined ? weekLabel(e.week) : 'outside the study period';
      const highlights = `${e.highlights} highlight${e.highlights === 1 ? '' : 's'}`;
      const detail = [week, ...(phase ? [phase.label] : []), highlights, ...(e.pages.length > 0 ? [`${e.pages.length} scanned page${e.pages.length === 1 ? '' : 's'}`] : [])].join(' · ');
      children.push({ kind: 'entry', date: e.date, description: `${week} · ${highlights}`, detail, source: e.source, line: e.line, pages: e.pages });
    }
    for (; nextWeek <= d.perWeek.length; nextWeek++) if (d.gaps.includes(nextWeek)) children.push(gap(nextWeek));
    const strip = d.perWeek.map((n) => (n > 0 ? '■' : '□')).join('');
    const entries = `${d.entries.length} entr${d.entries.length === 1 ? 'y' : 'ies'}`;
    return { participant: d.participant, strip, summary: completionSummary(d), description: `${strip} ${entries}`, hasGaps: d.gaps.length > 0, children };
  });
}
