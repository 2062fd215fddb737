/**
 * Recognising who speaks, shared by every format that writes speakers into the text
 * (Markdown, plain text, and the payload of VTT and SRT cues).
 *
 * A speaker line is recognised only at the start of a line and only when its label looks
 * like a name or a role: 1–4 words of letters, digits and `.'’-`, at most 40 characters,
 * each word capitalised (or a P-number, a caseless script, or a name particle such as
 * "van"), and not a word people use to introduce notes ("Note:", "Date:", "Morning:").
 * That keeps ordinary sentences with a colon ("I said to her: no") inside the turn they
 * belong to. Every pattern is anchored and bounded, so a pathological line costs linear time.
 */
import { CLOCK_SOURCE, parseClock } from './clock';
import { skipBlanks, type Line } from './lines';
import type { TurnCollector } from './turns';

export interface SpeakerStart {
  speaker: string;
  /** `HH:MM:SS`, when the line carries a timestamp. */
  time?: string;
  /** Index in the line where the speech begins (the line's length when it begins on the next line). */
  textStart: number;
}

/** Longest speaker name accepted; longer "names" are sentences. */
export const MAX_NAME_LENGTH = 40;
const MAX_NAME_WORDS = 4;

// Building blocks of the patterns below. NAME is lazy and bounded, so a failed match tries
// at most 40 lengths; the word rules are checked afterwards in code, where they stay readable.
const NAME = String.raw`[\p{L}\p{N}][\p{L}\p{M}\p{N} .'’\-]{0,${MAX_NAME_LENGTH - 1}}?`;
const NAME_TIME = String.raw`(?:[ \t]*[(\[](${CLOCK_SOURCE})[)\]])?[ \t]*`;
const AFTER_COLON = String.raw`(?=[ \t]|$)`;

/** `[00:12:31] `, `(12:31) `, `00:12:31 ` — optionally followed by a dash or bar separator. */
const LEADING_TIMESTAMP = new RegExp(String.raw`^(?:\[(${CLOCK_SOURCE})\]|\((${CLOCK_SOURCE})\)|(${CLOCK_SOURCE})(?=[ \t]))[ \t]*(?:[-–—|][ \t]+)?`, 'u');
/** `P07: `, `Dr. Khan (00:12): ` */
const PLAIN_LABEL = new RegExp(String.raw`(${NAME})${NAME_TIME}:${AFTER_COLON}`, 'uy');
/** `**P07:** `, `**P07**: `, `_Interviewer:_ ` */
const EMPHASISED_LABEL = new RegExp(String.raw`(\*\*|__|\*|_)(${NAME})${NAME_TIME}(?::\1|\1[ \t]*:)${AFTER_COLON}`, 'uy');
/** Otter.ai: `Speaker 1  0:12` alone on its line (two or more spaces before the time). */
const OTTER_HEADER = new RegExp(String.raw`^(${NAME})[ \t]{2,}(${CLOCK_SOURCE})[ \t]*$`, 'u');
/** Zoom: `[Name] 00:12:31`, the speech on the same line or the next ones. */
const ZOOM_HEADER = new RegExp(String.raw`^\[([^\]]{1,${MAX_NAME_LENGTH}})\][ \t]+(${CLOCK_SOURCE})${AFTER_COLON}`, 'u');

/** A speaker pseudonymised by `sift redact`: `[Name-3]: `, `[P07]: `. */
const PSEUDONYM_LABEL = new RegExp(String.raw`\[((?:\p{Lu}[\p{L}]{0,20}-\d{1,4})|(?:\p{Lu}{1,3}\d{1,4}))\]${NAME_TIME}:${AFTER_COLON}`, 'uy');

/** Emphasis markers, a name, a timestamp in brackets: the most a label can span before its colon. */
const MAX_LABEL_SPAN = 2 + MAX_NAME_LENGTH + 20;
/** An Otter header is a name, spaces and a time; anything longer is a sentence. */
const MAX_HEADER_LINE = MAX_NAME_LENGTH + 40;

/**
 * The speaker who starts speaking on this line, if it is a speaker line: a label
 * (`P07: …`, `**P07:** …`, `[00:12:31] Interviewer: …`) or an Otter/Zoom export header.
 */
export function speakerStartAt(line: string): SpeakerStart | undefined {
  if (line.length === 0) return undefined; // blank lines are a third of most transcripts
  return labelAt(line) ?? exportHeaderAt(line);
}

/** A `Name:` label (plain or emphasised), after an optional timestamp. */
export function labelAt(line: string): SpeakerStart | undefined {
  const stamp = LEADING_TIMESTAMP.exec(line);
  const from = stamp ? stamp[0].length : 0;
  // Most lines are speech without a colon near their start: rule them out before any pattern runs.
  const colon = line.indexOf(':', from);
  if (colon < 0 || colon - from > MAX_LABEL_SPAN) return undefined;
  const stampTime = () => clockText(stamp?.[1] ?? stamp?.[2] ?? stamp?.[3]);
  const pseudonym = line.charCodeAt(from) === 0x5b /* [ */ ? matchAt(PSEUDONYM_LABEL, line, from, 1, 2) : undefined;
  if (pseudonym) return speakerStart(`[${pseudonym.name}]`, clockText(pseudonym.time) ?? stampTime(), skipBlanks(line, pseudonym.end));
  const label = isEmphasis(line.charCodeAt(from)) ? matchAt(EMPHASISED_LABEL, line, from, 2, 3) : matchAt(PLAIN_LABEL, line, from, 1, 2);
  if (!label || !isSpeakerName(label.name)) return undefined;
  return speakerStart(label.name, clockText(label.time) ?? stampTime(), skipBlanks(line, label.end));
}

function isEmphasis(code: number): boolean {
  return code === 0x2a /* * */ || code === 0x5f /* _ */;
}

/** Header lines of Otter.ai and Zoom text exports; their names are the tool's, so any plausible name is accepted. */
function exportHeaderAt(line: string): SpeakerStart | undefined {
  const first = line.charCodeAt(0);
  if (first === 0x5b /* [ */) {
    const m = ZOOM_HEADER.exec(line);
    const name = m?.[1]?.trim();
    if (!m || !name || !isSpeakerName(name, { relaxed: true })) return undefined;
    return speakerStart(name, clockText(m[2]), skipBlanks(line, m[0].length));
  }
  if (line.length > MAX_HEADER_LINE) return undefined;
  const m = OTTER_HEADER.exec(line);
  if (!m || !isSpeakerName(m[1]!, { relaxed: true })) return undefined;
  return speakerStart(m[1]!, clockText(m[2]), line.length);
}

function matchAt(pattern: RegExp, line: string, from: number, nameGroup: number, timeGroup: number): { name: string; time: string | undefined; end: number } | undefined {
  pattern.lastIndex = from;
  const m = pattern.exec(line);
  if (!m) return undefined;
  return { name: m[nameGroup]!.trim(), time: m[timeGroup], end: from + m[0].length };
}

function clockText(raw: string | undefined): string | undefined {
  return raw === undefined ? undefined : parseClock(raw)?.text;
}

/** Without a `time` key when there is no time, so results compare equal; built directly, since spreading is slow on this hot path. */
function speakerStart(speaker: string, time: string | undefined, textStart: number): SpeakerStart {
  return time === undefined ? { speaker, textStart } : { speaker, time, textStart };
}

/** Words that introduce notes, not speech; a label made of them (or starting with one) is not a speaker. */
const NOT_SPEAKERS = new Set(
  (
    'note notes nb n.b. ps p.s. summary context date time location place setting duration topic title subject re fwd cc to from ' +
    'agenda attendees present participants speakers interviewers tags keywords example examples e.g. i.e. warning important ' +
    'update edit source sources link links url todo action actions observation observations comment comments remark remarks ' +
    'reminder tip caveat reference references see also result results conclusion conclusions goal goals aim method background ' +
    'status recording transcript consent audio video quote key step task next fyi reason question answer answers follow-up ' +
    'morning afternoon evening night today yesterday tomorrow weekend breakfast lunch dinner ' +
    'monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);

/** Role words accepted in any case ("interviewer:"), since transcribers often write them lower-case. */
const ROLES = new Set('interviewer interviewee participant respondent moderator facilitator researcher observer speaker host guest'.split(' '));

/** Lower-case name particles accepted inside a name ("Anna van der Berg"). */
const PARTICLES = new Set('van von der den de del della di da du la le bin ibn al el ter ten dos das'.split(' '));

const CAPITALISED = /^[\p{Lu}\p{Lt}\p{Lo}\p{N}]/u;
const P_NUMBER = /^p\d+$/;
const HAS_LETTER = /\p{L}/u;

/**
 * Whether a label reads as a speaker's name or role. Relaxed mode (export headers, whose
 * structure already says "this is a name") checks only the shape: length, words, a letter.
 */
export function isSpeakerName(name: string, options: { relaxed?: boolean } = {}): boolean {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH || !HAS_LETTER.test(name)) return false;
  const words = name.split(' ');
  if (words.length > MAX_NAME_WORDS || words.includes('')) return false;
  if (options.relaxed) return true;
  const first = words[0]!.toLowerCase();
  if (NOT_SPEAKERS.has(first)) return false;
  if (ROLES.has(first)) return true;
  return words.every((word, i) => isCapitalised(word) || P_NUMBER.test(word) || (i > 0 && PARTICLES.has(word)));
}

/** An upper-case letter, a digit, or a letter of a caseless script; ASCII first, as it is on this hot path. */
function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  return CAPITALISED.test(word);
}

/**
 * Feeds one line of a speaker-labelled transcript (Markdown, plain text) to the collector:
 * a speaker line opens a turn whose speech starts after the label, any other line
 * continues the open turn.
 */
export function feedSpeechLine(collector: TurnCollector, line: Line, date?: string): void {
  const start = speakerStartAt(line.text);
  if (start) collector.begin({ speaker: start.speaker, time: start.time, date });
  collector.add(line.start + (start?.textStart ?? 0), line.end);
}
