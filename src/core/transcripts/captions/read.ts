/**
 * Caption files (WebVTT, SRT, YouTube's SBV) as a list of cues: when each starts, and its
 * lines as words (markup removed, see `markup.ts`). This is what an import turns into a
 * clean transcript; the raw cue structure (numbers, identifiers, settings, NOTE, STYLE and
 * REGION blocks, header metadata) is not words and is left behind.
 *
 * Broken files are read leniently where no words can be lost, and every leniency is
 * reported at its line: a block without a timing line keeps its text as a cue without a
 * time; a time that cannot be read leaves its cue without a time; a timing line inside a
 * cue's text starts a new cue, as the WebVTT parsing rules say. What cannot be read
 * faithfully is an error, and nothing is imported: a file with no timing line at all, and
 * an SRT cue whose number is text (which may be words, or may not).
 *
 * Sift reads captions itself rather than through an npm parser: a researcher needs every
 * refusal and leniency at its line, and the core must run unchanged in a browser.
 */
import { problem, type Problem } from '../../problems';
import { parseClock } from '../clock';
import { isTimingLine, readTiming } from '../cues';
import { isBlank, splitLines, type Line } from '../lines';
import { HEADER, NON_CUE } from '../vtt';
import { cleanCueLine, type CleanLine } from './markup';

export type CaptionFormat = 'vtt' | 'srt' | 'sbv';

export interface Cue {
  /** 1-based line of the cue's first text line (or its timing line), for messages. */
  line: number;
  /** `HH:MM:SS` of the cue's start, when it has one that could be read. */
  time?: string;
  /** The cue's lines as words; lines with none (blank, or only markup) are left out. */
  lines: CleanLine[];
}

export interface CaptionRead {
  /** Every cue with words, in file order. */
  cues: Cue[];
  problems: Problem[];
}

/** SBV timing: `0:00:00.378,0:00:11.378`. */
const SBV_TIMING = /^[ \t]*(\d{1,3}:[^,\s]*),(\d{1,3}:[^,\s]*)[ \t]*$/;
const CUE_NUMBER = /^[ \t]*\d+[ \t]*$/;

const FORMAT_NAMES: Record<CaptionFormat, string> = { vtt: 'WebVTT', srt: 'SRT', sbv: 'SBV' };
const TIMING_EXAMPLES: Record<CaptionFormat, string> = { vtt: '00:00:01.000 --> 00:00:04.000', srt: '00:00:01,000 --> 00:00:04,000', sbv: '0:00:01.000,0:00:04.000' };

export function readCaptions(path: string, text: string, format: CaptionFormat): CaptionRead {
  const lines = splitLines(text);
  const problems: Problem[] = [];
  const report = (line: number, severity: 'error' | 'warning', code: string, message: string) => problems.push(problem(path, { line, column: 1 }, severity, code, message));
  const isTiming = format === 'sbv' ? (line: Line | undefined) => line !== undefined && SBV_TIMING.test(line.text) : isTimingLine;
  if (!lines.some(isTiming)) {
    report(1, 'error', 'caption-no-cues', `This ${FORMAT_NAMES[format]} file has no cues: no line gives a cue's time (such as ${TIMING_EXAMPLES[format]}), so there is nothing to import.`);
    return { cues: [], problems };
  }
  const cues: Cue[] = [];
  for (const block of captionBlocks(lines, format, report)) {
    const timingAt = block.findIndex(isTiming);
    if (timingAt < 0) {
      const textLines = format === 'srt' && block.length > 1 && CUE_NUMBER.test(block[0]!.text) ? block.slice(1) : block;
      report(block[0]!.number, 'warning', 'caption-no-timing', `This block has no timing line (such as ${TIMING_EXAMPLES[format]}); its words are kept, without a time of their own. Is a blank line missing or doubled above it?`);
      addCue(cues, textLines, undefined);
      continue;
    }
    if (timingAt > 0 && !readsAsIdentifier(block.slice(0, timingAt), format, report)) addCue(cues, block.slice(0, timingAt), undefined);
    // A timing line among a cue's text starts the next cue (the WebVTT parsing rules; SRT files missing a blank line).
    let at = timingAt;
    while (at < block.length) {
      const next = nextTiming(block, at + 1, isTiming, format);
      addCue(cues, block.slice(at + 1, next.textEnd), readTime(path, block[at]!, format, problems));
      at = next.timingAt;
    }
  }
  return { cues, problems };
}

/**
 * The blocks that may hold cues: a WebVTT file's header block and its NOTE, STYLE and
 * REGION blocks are left out. Only an empty line ends a block, as the WebVTT rules say:
 * YouTube puts a line of one space between a cue's timing and its words.
 */
function captionBlocks(lines: readonly Line[], format: CaptionFormat, report: (line: number, severity: 'warning', code: string, message: string) => void): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (line.text !== '') {
      if (current.length > 0 || !isBlank(line.text)) current.push(line);
    } else if (current.length > 0) {
      blocks.push(current);
      current = [];
    }
  }
  if (current.length > 0) blocks.push(current);
  if (format !== 'vtt' || blocks.length === 0) return blocks;
  const [first, ...rest] = blocks;
  const hasHeader = HEADER.test(lines[0]!.text);
  if (!hasHeader) report(1, 'warning', 'caption-vtt-header', 'A WebVTT file should start with the line "WEBVTT"; its cues are read anyway, but players may refuse the file.');
  // The header block is metadata ("Kind: captions"), unless a missing blank line put the first cue in it.
  const firstCue = first!.findIndex(isTimingLine);
  const head = !hasHeader ? [first!] : firstCue > 0 ? [first!.slice(Math.max(1, firstCue - 1))] : [];
  return [...head, ...rest].filter((block) => !NON_CUE.test(block[0]!.text));
}

/**
 * Whether the lines before a cue's timing line are its identifier (WebVTT: any one line)
 * or its number (SRT). SRT text where the number should be is an error: it may be words
 * whose cue lost its timing, or not; only the researcher can tell.
 */
function readsAsIdentifier(before: readonly Line[], format: CaptionFormat, report: (line: number, severity: 'warning' | 'error', code: string, message: string) => void): boolean {
  if (before.length === 1 && (format === 'vtt' || CUE_NUMBER.test(before[0]!.text))) return true;
  if (format === 'srt' && before.length === 1) {
    report(before[0]!.number, 'error', 'caption-cue-number', `"${clip(before[0]!.text)}" stands where an SRT cue number (1, 2, 3 …) should be, before the timing line. Is a timing line or a blank line missing above it?`);
    return true;
  }
  report(
    before[0]!.number,
    'warning',
    'caption-no-timing',
    'These lines come before a timing line in the same block, so they belong to no cue; their words are kept, without a time of their own. Is a blank line missing above the timing line?',
  );
  return false;
}

/** Where the text of the cue whose timing line precedes `from` ends, and where the next timing line is (block.length if none). */
function nextTiming(block: readonly Line[], from: number, isTiming: (line: Line | undefined) => boolean, format: CaptionFormat): { textEnd: number; timingAt: number } {
  for (let i = from; i < block.length; i++) {
    if (!isTiming(block[i])) continue;
    // In SRT, a number just above the next timing line is that cue's number, not words.
    const numbered = format === 'srt' && i - 1 >= from && CUE_NUMBER.test(block[i - 1]!.text);
    return { textEnd: numbered ? i - 1 : i, timingAt: i };
  }
  return { textEnd: block.length, timingAt: block.length };
}

function readTime(path: string, line: Line, format: CaptionFormat, problems: Problem[]): string | undefined {
  if (format !== 'sbv') {
    const timing = readTiming(path, line, `${format}-timing`);
    problems.push(...timing.problems);
    return timing.time;
  }
  const m = SBV_TIMING.exec(line.text)!;
  const start = parseClock(m[1]!);
  const end = parseClock(m[2]!);
  const at = (column: number) => ({ line: line.number, column });
  if (!start) problems.push(problem(path, at(line.text.indexOf(m[1]!) + 1), 'warning', 'sbv-timing', `The cue start "${clip(m[1]!)}" is not a time like 0:01:02.500; the cue is kept without a time.`));
  if (!end) problems.push(problem(path, at(line.text.indexOf(',') + 2), 'warning', 'sbv-timing', `The cue end "${clip(m[2]!)}" is not a time like 0:01:02.500.`));
  if (start && end && end.seconds < start.seconds) problems.push(problem(path, at(line.text.indexOf(',') + 2), 'warning', 'sbv-timing', `This cue ends (${end.text}) before it starts (${start.text}).`));
  return start?.text;
}

function addCue(cues: Cue[], textLines: readonly Line[], time: string | undefined): void {
  const lines = textLines.map((line) => cleanCueLine(line.text)).filter((line) => line.text !== '');
  if (lines.length === 0) return;
  const cue: Cue = { line: textLines[0]!.number, lines };
  if (time !== undefined) cue.time = time;
  cues.push(cue);
}

/** Messages quote the offending text, but never a whole line of garbage. */
function clip(text: string): string {
  const t = text.trim();
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}
