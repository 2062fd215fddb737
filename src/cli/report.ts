/**
 * How problems and numbers are printed: for people (text), for programs (json) and for
 * GitHub Actions (workflow annotations on the pull request's files).
 */
import type { Problem } from '../core/problems';
import { formatShare } from '../core/format';
import { gapText, haveText, recruitmentAdvice, samplingMethod, targetText, wantedText } from '../core/sampling-summary';
import type { WorkspaceStats } from '../core/stats';
import { completionSummary, type DiaryCompletion } from '../core/diaries/completion';

export type ProblemFormat = 'text' | 'json' | 'github';

export { formatProblem } from '../core/problems';

export function summary(problems: readonly Problem[]): string {
  const count = (s: string) => problems.filter((p) => p.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  if (errors === 0 && warnings === 0) return 'No problems found.';
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A plain-text table with aligned columns; numbers right-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^(?:[\d.,]+%?|·)$/.test(String(r[i]))));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

export function formatStats(s: WorkspaceStats): string {
  const parts: string[] = [];
  parts.push(`${s.name}`);
  parts.push(
    `${count(s.transcripts.length, 'transcript')}, ${s.unlisted > 0 ? `no participant listed in participants.yaml (the transcripts name ${s.unlisted})` : s.participants === 0 && (s.transcripts.length > 0 || s.highlights > 0) ? 'no participant recorded' : count(s.participants, 'participant')}, ${count(s.highlights, 'highlight')} (${s.orphaned} orphaned, ${s.fuzzy} to confirm), ` +
      `${count(s.themes, 'theme')}, ${count(s.insights, 'insight')}, ${count(s.personas, 'persona')}, ${count(s.journeys, 'journey')}.`,
  );
  parts.push('\nCoding progress');
  parts.push(
    table(
      ['transcript', 'participant', 'kind', 'highlights', 'coverage'],
      s.transcripts.map((t) => [t.path, t.participant ?? '', t.kind ?? '', t.highlights, formatShare(t.coverage)]),
    ),
  );
  parts.push('\nSources by kind');
  parts.push(
    table(
      ['kind', 'sources', 'highlights', 'coverage'],
      s.kinds.map((k) => [k.label, k.sources, k.highlights, formatShare(k.coverage)]),
    ),
  );
  parts.push('\nTags by use');
  // A new study, or one of survey comments not coded yet, uses none: a sentence, not an empty table.
  parts.push(
    s.tags.length > 0
      ? table(
          ['tag', 'label', 'highlights', 'participants', 'transcripts'],
          s.tags.map((t) => [t.id, t.label, t.highlights, t.participants, t.transcripts]),
        )
      : 'No highlight is tagged yet.',
  );
  if (s.sampling.length > 0) {
    parts.push('\nSample against targets');
    parts.push(
      table(
        ['attribute', 'value', 'target', 'wanted', 'participants', 'gap'],
        s.sampling.map((r) => [r.attribute, r.value, targetText(r), wantedText(r), haveText(r, s.counted), gapText(r)]),
      ),
    );
    parts.push('', samplingMethod(s.sampling), ...recruitmentAdvice(s.sampling));
  }
  if (s.diaries) parts.push('', ...formatCompletion(s.diaries));
  return parts.join('\n');
}

/** Who wrote in their diary in which week: entries per week (· for none), and each diarist's completion in words. */
function formatCompletion(d: DiaryCompletion): string[] {
  const { start, end } = d.calendar;
  const weeks = d.weeks.map((w) => `W${w.week}`);
  const cell = (n: number) => (n === 0 ? '·' : String(n));
  return [
    `Diary completion (${count(d.weeks.length, 'week')}, ${start} to ${end})`,
    table(
      ['participant', ...weeks, 'entries', 'completion'],
      [
        ...d.diarists.map((p) => [p.participant, ...p.perWeek.map(cell), p.entries.length, completionSummary(p)]),
        [
          'all diarists',
          ...d.weeks.map((w) => cell(w.entries)),
          d.diarists.reduce((n, p) => n + p.entries.length, 0),
          `${d.weeks.filter((w) => w.diarists === d.diarists.length).length} of ${count(d.weeks.length, 'week')} with every diarist writing`,
        ],
      ],
    ),
  ];
}
