/**
 * Markdown transcripts: optional YAML front matter, speaker lines (see speakers.ts), and
 * headings. A heading ends the turn before it; a heading that starts with an ISO date
 * (`## 2026-03-02 — after the fitting`) opens a diary entry whose turns carry that date,
 * until a heading of the same or a higher level replaces it.
 *
 * Diaries are often written without speaker labels: there, the text under a date heading
 * is one turn, spoken by the diary's participant when the front matter names exactly one.
 *
 * A Markdown image alone on its line inside an entry is a scanned page of it (page-scans.ts):
 * nobody's words, in no turn.
 *
 * Survey comments (`kind: survey`, written by `sift import survey`): each `## R017` heading
 * opens one respondent's comment, and everything up to the next such heading is that one
 * turn, spoken by R017. Their words are read as they are, never as speaker labels or
 * headings: a comment line starting "Question:" or "# 1" is still the respondent's.
 */
import type { DiaryEntry as DatedEntry, PageScan, Place, SpeakerLabel, TranscriptMeta, Turn } from '../model';
import type { Problem } from '../problems';
import { isIsoDate, readFrontMatter } from './frontmatter';
import type { Line } from './lines';
import { feedSpeechLine, readSpeechLines } from './labels';
import { pageScanOn } from './page-scans';
import { TurnCollector } from './turns';

export interface ParsedMarkdown {
  meta: TranscriptMeta;
  places: Record<string, Place>;
  pages: PageScan[];
  entries: DatedEntry[];
  turns: Turn[];
  labels: SpeakerLabel[];
  problems: Problem[];
}

/** `#` to `######` then a space or the end of the line; the title is read separately. */
const HEADING = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
/** `---`, `***`, `___` (spaces allowed between): a rule separates entries like a heading. */
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const LEADING_DATE = /^(\d{4}-\d{2}-\d{2})(?![\d-])/;

interface DiaryEntry {
  date: string;
  level: number;
}

export function parseMarkdown(path: string, text: string, lines: readonly Line[]): ParsedMarkdown {
  const front = readFrontMatter(path, text, lines);
  // A survey's sections are each one respondent's words: no line of them is a speaker label.
  if (front.meta.kind === 'survey') return { meta: front.meta, places: front.places, pages: [], entries: [], turns: surveyTurns(text, lines, front.bodyLine), labels: [], problems: front.problems };
  const diary = diaryReading(front.meta);
  const collector = new TurnCollector(text);
  let entry: DiaryEntry | undefined;
  const readings = readSpeechLines(lines, front.bodyLine, knownSpeakers(front.meta));
  const pages: PageScan[] = [];
  const entries: DatedEntry[] = [];

  for (let i = front.bodyLine; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = HEADING.exec(line.text);
    if (heading || THEMATIC_BREAK.test(line.text)) {
      collector.close();
      if (heading) {
        const before = entry;
        entry = nextEntry(entry, heading[1]!.length, line.text.slice(heading[0].length));
        if (entry && entry !== before) entries.push({ date: entry.date, line: line.number });
      }
      continue;
    }
    const date = diary.dateOf(entry);
    const page = pageScanOn(path, line, date);
    if (page) {
      pages.push(page);
      collector.interrupt();
      continue;
    }
    if (!collector.isOpen && diary.isSpeech(entry)) collector.begin({ speaker: diary.author, date });
    feedSpeechLine(collector, line, readings[i - front.bodyLine], date);
  }
  return { meta: front.meta, places: front.places, pages, entries, ...collector.finishWithLabels(), problems: front.problems };
}

/** The speakers the front matter names: their labels are labels however they are written. */
function knownSpeakers(meta: TranscriptMeta): string[] {
  return [meta.participant, ...(meta.participants ?? []), ...(meta.speakers ?? [])].filter((s): s is string => s !== undefined);
}

/** A level-2 heading naming a respondent: `## R017`, `## R017 (2)` for their second comment. */
const COMMENT_HEADING = /^## +(\S+)/;

function surveyTurns(text: string, lines: readonly Line[], bodyLine: number): Turn[] {
  const collector = new TurnCollector(text);
  for (let i = bodyLine; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = COMMENT_HEADING.exec(line.text);
    if (heading) collector.begin({ speaker: heading[1]! });
    else collector.add(line.start, line.end);
  }
  return collector.finish();
}

/** The diary entry in force after a heading of `level` whose title is `title`. */
function nextEntry(current: DiaryEntry | undefined, level: number, title: string): DiaryEntry | undefined {
  const date = LEADING_DATE.exec(title.trim())?.[1];
  if (date !== undefined && isIsoDate(date)) return { date, level };
  // A sub-heading ("### Morning") stays inside the entry; a sibling or parent heading ends it.
  return current && level > current.level ? current : undefined;
}

interface DiaryReading {
  /** Who wrote text that has no speaker label: the participant of a one-person diary. */
  author: string | undefined;
  /** Whether unlabelled text is speech (a diary entry) rather than the title and notes of an interview. */
  isSpeech(entry: DiaryEntry | undefined): boolean;
  dateOf(entry: DiaryEntry | undefined): string | undefined;
}

/**
 * How the front matter shapes the body. Text under a date heading is always a diary entry;
 * in a transcript declared a diary, so is undated text, which takes the front-matter date.
 * With no declared kind, date headings are evidence enough that the sole participant wrote it.
 */
function diaryReading(meta: TranscriptMeta): DiaryReading {
  const isDiary = meta.kind === 'diary';
  return {
    author: isDiary || meta.kind === undefined ? soleParticipant(meta) : undefined,
    isSpeech: (entry) => entry !== undefined || isDiary,
    dateOf: (entry) => entry?.date ?? (isDiary ? meta.date : undefined),
  };
}

function soleParticipant(meta: TranscriptMeta): string | undefined {
  const ids = new Set([meta.participant, ...(meta.participants ?? [])].filter((id): id is string => id !== undefined && id !== ''));
  return ids.size === 1 ? [...ids][0] : undefined;
}
