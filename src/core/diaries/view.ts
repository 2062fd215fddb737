/**
 * The completion view as rows (the VS Code tree only turns them into tree items): a row per
 * diarist with their weeks as a strip (■ written, □ not) and their completion in words, and
 * under it their entries by date with each week without an entry in its place.
 */
import { phaseOf, weekLabel } from './calendar';
import { completionSummary, type DiaryCompletion } from './completion';

export interface DiaristRow {
  participant: string;
  /** `■■□■`: one mark per week of the study. */
  strip: string;
  /** `3 of 4 weeks, 5 entries; nothing in week 3`. */
  summary: string;
  hasGaps: boolean;
  children: (EntryRow | GapRow)[];
}

export interface EntryRow {
  kind: 'entry';
  date: string;
  /** `Week 1 · Baseline week · 2 highlights · 1 scanned page`. */
  description: string;
  source: string;
  line: number;
  pages: string[];
}

export interface GapRow {
  kind: 'gap';
  week: number;
  /** `Week 3: no entry`. */
  label: string;
  /** `2026-03-16 to 2026-03-22`. */
  days: string;
}

export function completionRows(c: DiaryCompletion): DiaristRow[] {
  return c.diarists.map((d) => {
    const children: (EntryRow | GapRow)[] = [];
    const gap = (week: number): GapRow => {
      const days = c.weeks[week - 1];
      return { kind: 'gap', week, label: `${weekLabel(week)}: no entry`, days: days ? `${days.from} to ${days.to}` : '' };
    };
    let nextWeek = 1;
    for (const e of d.entries) {
      if (e.week !== undefined) for (; nextWeek < e.week; nextWeek++) if (d.gaps.includes(nextWeek)) children.push(gap(nextWeek));
      if (e.week !== undefined) nextWeek = e.week + 1;
      const phase = phaseOf(c.calendar, e.date);
      const parts = [
        e.week !== undefined ? weekLabel(e.week) : 'outside the study period',
        ...(phase ? [phase.label] : []),
        `${e.highlights} highlight${e.highlights === 1 ? '' : 's'}`,
        ...(e.pages.length > 0 ? [`${e.pages.length} scanned page${e.pages.length === 1 ? '' : 's'}`] : []),
      ];
      children.push({ kind: 'entry', date: e.date, description: parts.join(' · '), source: e.source, line: e.line, pages: e.pages });
    }
    for (; nextWeek <= d.perWeek.length; nextWeek++) if (d.gaps.includes(nextWeek)) children.push(gap(nextWeek));
    return { participant: d.participant, strip: d.perWeek.map((n) => (n > 0 ? '■' : '□')).join(''), summary: completionSummary(d), hasGaps: d.gaps.length > 0, children };
  });
}
