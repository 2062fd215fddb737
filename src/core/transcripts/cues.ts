/**
 * What WebVTT and SRT share: blocks separated by blank lines, a timing line
 * `start --> end`, and a payload whose lines may name their speaker. Each format supplies
 * only what differs (headers, cue numbers, voice tags).
 */
import { problem, type Problem } from '../problems';
import { parseClock } from './clock';
import { isBlank, type Line } from './lines';
import { labelAt } from './speakers';
import type { TurnCollector } from './turns';

const ARROW = '-->';

/** Runs of non-blank lines; blank lines (even with stray spaces) separate blocks. */
export function blocksOf(lines: readonly Line[], from = 0): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isBlank(line.text)) current.push(line);
    else if (current.length > 0) {
      blocks.push(current);
      current = [];
    }
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

export function isTimingLine(line: Line | undefined): boolean {
  return line !== undefined && line.text.includes(ARROW);
}

/** Where a block's timing line is: first (no identifier) or second (after an identifier or a cue number); -1 if neither. */
export function timingLineIndex(block: readonly Line[]): number {
  if (isTimingLine(block[0])) return 0;
  if (isTimingLine(block[1])) return 1;
  return -1;
}

export interface CueTiming {
  /** `HH:MM:SS` of the cue start, when it could be read. */
  time: string | undefined;
  problems: Problem[];
}

/**
 * Reads `00:00:01.000 --> 00:00:06.500` (or `,` before the milliseconds, or `mm:ss.ttt`).
 * A time that cannot be read is reported at its column; the cue is still used, without a
 * time, because its words are still in the transcript and can still be coded.
 */
export function readTiming(path: string, line: Line, code: string): CueTiming {
  const text = line.text;
  const arrow = text.indexOf(ARROW);
  const start = tokenAround(text, 0, arrow);
  const end = tokenAround(text, arrow + ARROW.length, text.length, true);
  const problems: Problem[] = [];
  const report = (column: number, message: string) => problems.push(problem(path, { line: line.number, column }, 'warning', code, message));

  const startTime = parseClock(start.token);
  const endTime = parseClock(end.token);
  if (!startTime) report(start.column, `The cue start "${clip(start.token)}" is not a time like 00:01:02.500; the cue is kept without a time.`);
  if (!endTime) report(end.column, `The cue end "${clip(end.token)}" is not a time like 00:01:02.500.`);
  if (startTime && endTime && endTime.seconds < startTime.seconds) report(end.column, `This cue ends (${endTime.text}) before it starts (${startTime.text}).`);
  return { time: startTime?.text, problems };
}

/** The token in text[from, to) after leading blanks (up to the next blank when `firstOnly`), with its 1-based column. */
function tokenAround(text: string, from: number, to: number, firstOnly = false): { token: string; column: number } {
  let a = from;
  while (a < to && (text[a] === ' ' || text[a] === '\t')) a++;
  let b = a;
  if (firstOnly) while (b < to && text[b] !== ' ' && text[b] !== '\t') b++;
  else b = to;
  while (b > a && (text[b - 1] === ' ' || text[b - 1] === '\t')) b--;
  return { token: text.slice(a, b), column: a + 1 };
}

/** Messages quote the offending text, but never a whole garbage line. */
function clip(token: string): string {
  return token.length > 30 ? `${token.slice(0, 30)}…` : token;
}

/** One payload line as a format reads it: who speaks (if the line says), and where the words are. */
export interface PayloadLine {
  speaker?: string;
  textStart: number;
  textEnd: number;
}

/** Styling a cue line may open with: `<i>`, `<b>`, `<u>`, `<c.yellow>`, `<font color=…>`, and SRT's ASS overrides (`{\an8}`). */
const OPENING_MARKUP = /^(?:[ \t]*(?:<(?:[ibuc]|font)(?:\.[^\s>]*)?(?:[ \t][^>]{0,200})?>|\{\\[^}]{0,100}\}))+[ \t]*/i;
/** A label whose colon end tags follow (`Interviewer:</i>`): read as if a space stood there. */
const LABEL_THEN_CLOSING = /^([^<>\n]{1,80}?[:：])((?:<\/(?:[ibuc]|font)>)+)/i;
/** End tags closing a line whose label was inside the styling (`<i>P07: Yes.</i>`). */
const TRAILING_CLOSING_MARKUP = /(?:<\/(?:[ibuc]|font)>[ \t]*)+$/i;

/**
 * Payload lines that name their speaker with a `Name:` label (SRT, Teams-style VTT), also
 * inside styling (`<i>Interviewer:</i> How long?`, `<i>P07: Yes.</i>`): the turn then covers the
 * words only, without the tags around the label or closing the line.
 */
export function labelledPayload(text: string): PayloadLine {
  const plain = labelAt(text);
  if (plain) return { speaker: plain.speaker, textStart: plain.textStart, textEnd: text.length };
  const markup = OPENING_MARKUP.exec(text);
  if (!markup) return { textStart: 0, textEnd: text.length };
  const rest = text.slice(markup[0].length);
  const closed = LABEL_THEN_CLOSING.exec(rest);
  const label = labelAt(closed ? `${closed[1]} ${rest.slice(closed[0].length)}` : rest);
  if (!label) return { textStart: 0, textEnd: text.length };
  // Back from the line read without the end tags to the line as written.
  const textStart = markup[0].length + label.textStart + (closed && label.textStart > closed[1]!.length ? closed[2]!.length - 1 : 0);
  const trailing = TRAILING_CLOSING_MARKUP.exec(text.slice(textStart));
  return { speaker: label.speaker, textStart, textEnd: trailing ? textStart + trailing.index : text.length };
}

/**
 * Adds a cue's payload as turns. The cue is one turn, unless a payload line names a
 * speaker: that line starts a new turn (two voices in one cue become two turns, each
 * with the cue's time).
 */
export function addCueTurns(collector: TurnCollector, payload: readonly Line[], time: string | undefined, read: (text: string) => PayloadLine): void {
  collector.begin({ time });
  for (const line of payload) {
    const words = read(line.text);
    if (words.speaker !== undefined) collector.begin({ speaker: words.speaker, time });
    collector.add(line.start + words.textStart, line.start + words.textEnd);
  }
  collector.close();
}
