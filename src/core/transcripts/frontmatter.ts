/**
 * YAML front matter of Markdown transcripts: who, when and what kind of session. The keys
 * Sift reads itself reach `TranscriptMeta` by name; every other key with a single value is
 * kept in `meta.fields` (a kind's own fields, like an inspection's `site`), and where each
 * value is written is kept too. Whether the kind is one the study declares, and whether its
 * fields fit their types, is checked against research.yaml afterwards (src/core/sources/kinds.ts):
 * a transcript parses the same whatever study it is in. A wrong value is reported where it is
 * written (front matter starts on line 2) and dropped, so one typo never stops a transcript
 * from loading.
 */
import type { Draft, Place, TranscriptMeta } from '../model';
import { problem, type Problem } from '../problems';
import { parseYaml, positionOf } from '../yaml/parse';
import type { Line } from './lines';

export interface FrontMatter {
  meta: TranscriptMeta;
  /** Where each key's value is written. */
  places: Record<string, Place>;
  problems: Problem[];
  /** Index (into the file's lines) of the first line after the front matter. */
  bodyLine: number;
}

const FENCE = '---';

export function readFrontMatter(path: string, text: string, lines: readonly Line[]): FrontMatter {
  if (lines[0]?.text.trimEnd() !== FENCE) return { meta: {}, places: {}, problems: [], bodyLine: 0 };
  const close = lines.findIndex((line, i) => i > 0 && isClosingFence(line.text));
  if (close < 0) {
    // Without a closing fence the first line is more likely a rule than front matter: read on.
    const unclosed = problem(path, { line: 1, column: 1 }, 'warning', 'front-matter-unclosed', 'This transcript starts with "---" but the front matter is never closed by another "---" line, so it is read as text.');
    return { meta: {}, places: {}, problems: [unclosed], bodyLine: 0 };
  }
  const yamlText = text.slice(lines[1]!.start, lines[close]!.start);
  const parsed = parseYaml(path, yamlText, 1);
  const meta: Draft<TranscriptMeta> = {};
  const places: Record<string, Place> = {};
  const problems = [...parsed.problems];
  const data: unknown = parsed.doc?.toJS();
  if (isRecord(data)) {
    readMeta(data, meta, (at, message, code = 'front-matter-value') => problems.push(problem(path, positionOf(parsed, at), 'warning', code, message)));
    for (const key of Object.keys(data)) places[key] = positionOf(parsed, [key]);
  }
  return { meta, places, problems, bodyLine: close + 1 };
}

function isClosingFence(text: string): boolean {
  const t = text.trimEnd();
  return t === FENCE || t === '...';
}

type Report = (at: (string | number)[], message: string, code?: string) => void;

/** Copies each known key that has the right type into `meta`; reports the others. */
function readMeta(data: Record<string, unknown>, meta: Draft<TranscriptMeta>, report: Report): void {
  if ('participant' in data) {
    const participant = readString(data.participant, ['participant'], report, 'a participant id such as P07');
    if (participant !== undefined) meta.participant = participant;
  }
  if ('participants' in data) {
    const participants = readStringList(data.participants, 'participants', 'participant ids, such as [P03, P07]', report);
    if (participants !== undefined) meta.participants = participants;
  }
  if ('speakers' in data) {
    const speakers = readStringList(data.speakers, 'speakers', 'speaker labels as the transcript writes them, such as [Interviewer, mike smith]', report);
    if (speakers !== undefined) meta.speakers = speakers;
  }
  if ('date' in data) {
    const date = readString(data.date, ['date'], report, 'a date such as 2026-03-02');
    if (date !== undefined && isIsoDate(date)) meta.date = date;
    else if (date !== undefined) report(['date'], `The date "${date}" is not a calendar date written as YYYY-MM-DD (for example 2026-03-02).`, 'front-matter-date');
  }
  if ('kind' in data) {
    // Kept as written: whether the study knows it is for src/core/sources/kinds.ts to say.
    const kind = readString(data.kind, ['kind'], report, 'a kind of source such as interview or diary');
    if (kind !== undefined && kind.trim() !== '') meta.kind = kind;
  }
  if ('title' in data) {
    const title = readString(data.title, ['title'], report, 'a line of text');
    if (title !== undefined) meta.title = title;
  }
  // The recording and the imported original: paths, checked against the study by src/core/media/recording.ts.
  for (const key of ['media', 'source'] as const) if (typeof data[key] === 'string' && data[key].trim()) meta[key] = data[key].trim();
  const fields: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(data)) {
    if (FRONT_MATTER_KEYS.has(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  if (Object.keys(fields).length > 0) meta.fields = fields;
}

/**
 * The keys Sift reads or writes itself (`source`: the caption file an import was made from;
 * `columns`: a survey's columns; `media`: the recording); any other is a field of the source's kind.
 */
export const FRONT_MATTER_KEYS: ReadonlySet<string> = new Set(['participant', 'participants', 'speakers', 'date', 'kind', 'title', 'source', 'columns', 'media']);

function readString(value: unknown, at: (string | number)[], report: Report, expected: string): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return undefined; // `key:` left empty: nothing to say yet
  // A bare 07 or 2026 is read by YAML as a number; quoting it keeps it as written.
  const hint = typeof value === 'number' || typeof value === 'boolean' ? ' Put it in quotes to keep it exactly as written.' : '';
  report(at, `"${String(at[0])}" should be ${expected}.${hint}`);
  return undefined;
}

function readStringList(value: unknown, key: string, expected: string, report: Report): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value)) {
    report([key], `"${key}" should be a list of ${expected}.`);
    return undefined;
  }
  const ids: string[] = [];
  value.forEach((item: unknown, i) => {
    const id = readString(item, [key, i], report, `a list of ${expected}; this entry is not one`);
    if (id !== undefined) ids.push(id);
  });
  return ids;
}

/** `YYYY-MM-DD` naming a real day (no 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
