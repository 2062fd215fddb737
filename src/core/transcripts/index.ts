/**
 * Transcript parsing: from a transcript's normalised text to who speaks where, when.
 *
 * Turns are ordered, non-overlapping, half-open ranges of code points over the whole file
 * (front matter included) covering the words spoken, never the speaker label, so that a
 * highlight inside a turn can take the turn's speaker, media time and diary date.
 * Bad input is reported as problems; parsing never throws and always returns what it could read.
 */
import type { DiaryEntry, PageScan, Place, SpeakerLabel, TranscriptFormat, TranscriptMeta, Turn } from '../model';
import { compareProblems, problem, type Problem } from '../problems';
import { splitLines } from './lines';
import { parseMarkdown } from './markdown';
import { parsePlainText } from './plaintext';
import { parseSrt } from './srt';
import { parseVtt } from './vtt';

export interface ParsedTranscript {
  format: TranscriptFormat;
  meta: TranscriptMeta;
  /** Where each front-matter key's value is written. */
  places: Record<string, Place>;
  /** Scanned pages attached to diary entries (Markdown only). */
  pages: PageScan[];
  /** Dated diary entries (Markdown only). */
  entries: DiaryEntry[];
  turns: Turn[];
  /**
   * Where the text names each speaker (`P07` in `P07: …`, `admin-1`, `Johnny Doe` in a Zoom
   * header), as the file's reading decided: what is a label and what is speech. Code points,
   * in file order; for tools that must treat labels as labels (personal-data scanning).
   */
  labels: SpeakerLabel[];
  problems: Problem[];
}

const FORMATS_BY_EXTENSION: Record<string, TranscriptFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  vtt: 'vtt',
  srt: 'srt',
};

/** The format of a transcript file by its extension (any case), or undefined for files that are not transcripts. */
export function transcriptFormatOf(path: string): TranscriptFormat | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? FORMATS_BY_EXTENSION[name.slice(dot + 1).toLowerCase()] : undefined;
}

/**
 * Parses a transcript whose text is already normalised (`\n` line endings, no BOM; see
 * `normalizeText`). A path without a known extension is read as plain text.
 */
export function parseTranscript(path: string, text: string): ParsedTranscript {
  const format = transcriptFormatOf(path) ?? 'text';
  try {
    const parsed = parseAs(format, path, text);
    // Formats report as they find things (front matter keys in reading order); callers list problems by place.
    return { format, ...parsed, problems: parsed.problems.sort(compareProblems) };
  } catch (error) {
    // A parser bug must not take the workspace down with it: report it, keep the file listed.
    const message = `Sift could not read the speakers and times of this transcript (${error instanceof Error ? error.message : String(error)}). Please report this as a bug.`;
    return { format, meta: {}, places: {}, pages: [], entries: [], turns: [], labels: [], problems: [problem(path, { line: 1, column: 1 }, 'error', 'transcript-internal', message)] };
  }
}

function parseAs(format: TranscriptFormat, path: string, text: string): Omit<ParsedTranscript, 'format'> {
  const lines = splitLines(text);
  switch (format) {
    case 'markdown':
      return parseMarkdown(path, text, lines);
    case 'text':
      return { meta: {}, places: {}, pages: [], entries: [], ...parsePlainText(text, lines), problems: [] };
    case 'vtt':
      return { meta: {}, places: {}, pages: [], entries: [], labels: [], ...parseVtt(path, text, lines) };
    case 'srt':
      return { meta: {}, places: {}, pages: [], entries: [], labels: [], ...parseSrt(path, text, lines) };
  }
}

/** The turn containing a code-point offset (start ≤ offset < end), found by binary search. */
export function turnAt(turns: readonly Turn[], offset: number): Turn | undefined {
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  const turn = turns[lo];
  return turn && turn.start <= offset ? turn : undefined;
}
