/**
 * The shape of a speaker line, shared by every format that writes speakers into the text
 * (Markdown, plain text, and the payload of VTT and SRT cues).
 *
 * A line may open with a label (`P07:`, `**P07:**`, `admin-1:`, `P05 (carer):`, after an
 * optional timestamp) or be an export header (Otter's `Name  0:12`, Zoom's `[Name] 00:12:31`).
 * This module reads that shape, one line at a time, and says how a label is written; whether a
 * `Name:` candidate really is a speaker is decided from the whole file (labels.ts). Every
 * pattern is anchored and bounded, so a pathological line costs linear time.
 */
import { CLOCK_SOURCE, parseClock } from './clock';
import { skipBlanks } from './lines';

export interface SpeakerStart {
  /** The speaker's name exactly as the line writes it (a qualifier such as `(carer)` included). */
  speaker: string;
  /** `HH:MM:SS`, when the line carries a timestamp. */
  time?: string;
  /** Index in the line where the speech begins (the line's length when it begins on the next line). */
  textStart: number;
  /** Where the name is written in the line (UTF-16, half-open): what a label names, for tools that must leave it alone. */
  nameStart: number;
  nameEnd: number;
}

/** A line that opens like a speaker line; `certain` when its structure alone says so (export headers, Sift's pseudonyms). */
export interface LabelCandidate extends SpeakerStart {
  certain: boolean;
  /** How the name is written (undefined when `certain`: any name then). */
  shape: LabelShape | undefined;
  /** A name beside a time alone on its line, without a colon (`00:00:03 Speaker 1`): the words are on the lines below. */
  header?: true;
}

/** Longest speaker name accepted; longer "names" are sentences. */
export const MAX_NAME_LENGTH = 40;
const MAX_NAME_WORDS = 4;

// Building blocks of the patterns below. NAME is lazy and bounded, so a failed match tries
// at most 40 lengths; the word rules are checked afterwards in code, where they stay readable.
const NAME = String.raw`[\p{L}\p{N}][\p{L}\p{M}\p{N} .'’_\-]{0,${MAX_NAME_LENGTH - 1}}?`;
/** `(carer)`, `(mother of P05)`: who the speaker is, kept as part of the label; never a clock. */
const QUALIFIER = String.raw`(?:[ \t]*\([\p{L}\p{M}\p{N} .'’_\-/]{1,30}\))?`;
/** Blanks around a label's colon: French typography puts a no-break space (U+00A0, or the narrow U+202F) before it, and Word keeps it. */
const LABEL_BLANKS = String.raw`[ \t\u00a0\u202f]`;
const NAME_TIME = String.raw`(?:[ \t]*[(\[](${CLOCK_SOURCE})[)\]])?${LABEL_BLANKS}*`;
const AFTER_COLON = String.raw`(?=${LABEL_BLANKS}|$)`;
/**
 * A label's colon: `:` before a space or the line's end, the full-width `：` of Chinese and
 * Japanese, which needs no space, or a tab (`I<TAB>How long…`, a table pasted from a spreadsheet).
 */
const COLON = String.raw`(?::${AFTER_COLON}|：|\t)`;
const ISO_STAMP = String.raw`\d{4}-\d{2}-\d{2}[T ](${CLOCK_SOURCE})(?:Z|[+-]\d{2}:?\d{2})?`;

/** `[00:12:31] `, `(12:31) `, `00:12:31 `, `2021-10-30T08:45:00Z ` — optionally followed by a dash or bar separator. */
const LEADING_TIMESTAMP = new RegExp(String.raw`^(?:\[(${CLOCK_SOURCE})\]|\((${CLOCK_SOURCE})\)|(${CLOCK_SOURCE})(?=[ \t])|${ISO_STAMP}(?=[ \t]))[ \t]*(?:[-–—|][ \t]+)?`, 'u');
/** `P07: `, `Dr. Khan (00:12): `, `P05 (carer): `, `访谈者：` */
const PLAIN_LABEL = new RegExp(String.raw`(${NAME}${QUALIFIER})${NAME_TIME}${COLON}`, 'uy');
/** `**P07:** `, `**P07**: `, `_Interviewer:_ ` */
const EMPHASISED_LABEL = new RegExp(String.raw`(\*\*|__|\*|_)(${NAME}${QUALIFIER})${NAME_TIME}(?:(?::\1|\1[ \t]*:)${AFTER_COLON}|：\1|\1[ \t]*：)`, 'uy');
/** `[00:00:03] ` or `(00:01) ` straight after a label's colon, as some transcription services write a turn's time. */
const TIME_AFTER_LABEL = new RegExp(String.raw`[(\[](${CLOCK_SOURCE})[)\]](?=[ \t]|$)[ \t]*`, 'y');
/** A line that is only a date and time, as chat and call logs put above a turn. */
const TIMESTAMP_LINE = new RegExp(String.raw`^\s*${ISO_STAMP}\s*$`, 'u');
/** Otter.ai and Teams: `Speaker 1  0:12` alone on its line (two or more spaces, or a tab, before the time). */
const OTTER_HEADER = new RegExp(String.raw`^(${NAME})(?:[ \t]{2,}|\t)(${CLOCK_SOURCE})[ \t]*$`, 'u');
/** A time then a name alone on the line, the words below: Word's Transcribe (`00:00:03 Speaker 1`), Trint (`[00:00:03] Speaker 1`). */
const TIME_NAME_HEADER = new RegExp(String.raw`^(?:\[(${CLOCK_SOURCE})\]|\((${CLOCK_SOURCE})\)|(${CLOCK_SOURCE}))[ \t]+(${NAME}${QUALIFIER})[ \t]*$`, 'u');
/** A name then a time in brackets alone on the line, the words below (`Alice Smith (00:03)`, as Google Meet's notes write it). */
const NAME_TIME_HEADER = new RegExp(String.raw`^(${NAME}${QUALIFIER})[ \t]+[(\[](${CLOCK_SOURCE})[)\]][ \t]*$`, 'u');
/** `[00:00:11] ` or `(00:11) ` before a line's words. */
const LEADING_BRACKETED_TIME = new RegExp(String.raw`^(?:\[(${CLOCK_SOURCE})\]|\((${CLOCK_SOURCE})\))[ \t]+(?=\S)`);
/** A clock alone on its line (`00:05:12`, `[00:05:12]`), as Google Meet puts one every few minutes. */
const CLOCK_LINE = new RegExp(String.raw`^\s*(?:\[(${CLOCK_SOURCE})\]|\((${CLOCK_SOURCE})\)|(${CLOCK_SOURCE}))\s*$`);
/**
 * A Zoom chat saved as text: `15:03:10<TAB> From  John Doe : Hello` (older), or
 * `15:03:10 From John Doe to Everyone:` with the message on the lines below.
 */
const ZOOM_CHAT = new RegExp(String.raw`^(${CLOCK_SOURCE})[ \t]+From[ \t]+(${NAME})(?:[ \t]+to[ \t]+[^:\n]{1,80}?)?[ \t]*:(?=[ \t]|$)`, 'u');
/** Zoom: `[Name] 00:12:31`, the speech on the same line or the next ones. */
const ZOOM_HEADER = new RegExp(String.raw`^\[([^\]]{1,${MAX_NAME_LENGTH}})\][ \t]+(${CLOCK_SOURCE})${AFTER_COLON}`, 'u');

/** A speaker pseudonymised by `sift redact`: `[Name-3]: `, `[P07]: `. */
const PSEUDONYM_LABEL = new RegExp(String.raw`\[((?:\p{Lu}[\p{L}]{0,20}-\d{1,4})|(?:\p{Lu}{1,3}\d{1,4}))\]${NAME_TIME}:${AFTER_COLON}`, 'uy');

/** Emphasis markers, a name, a qualifier, a timestamp in brackets: the most a label can span before its colon. */
const MAX_LABEL_SPAN = 2 + MAX_NAME_LENGTH + 32 + 20;
/** An Otter header is a name, spaces and a time; anything longer is a sentence. */
const MAX_HEADER_LINE = MAX_NAME_LENGTH + 40;
/** A clock alone, in brackets, with blanks around: longer lines are something else. */
const MAX_CLOCK_LINE = 40;

/**
 * The speaker line this line could be: a `Name:` label whose shape a speaker's name can have
 * (see {@link labelShape}), or an export header. Whether a label is a speaker is the file's
 * decision (labels.ts); an export header or a pseudonym always is.
 */
export function labelCandidateAt(line: string): LabelCandidate | undefined {
  if (line.length === 0) return undefined; // blank lines are a third of most transcripts
  // A form feed is a page break (text taken from PDFs has one before each page's first line), and a PDF's
  // layout indents a paragraph's lines under its number (`pdftotext -layout`): the label follows the blanks.
  const first = line.charCodeAt(0);
  if (first === 0x0c || first === 0x20 || first === 0x09) {
    const at = skipBlanks(line, 0);
    return at < line.length ? shifted(labelCandidateAt(line.slice(at)), at) : undefined;
  }
  return labelCandidate(line) ?? exportHeaderAt(line);
}

/** A candidate read from a line's words after its first `by` characters (a form feed, a paragraph number), placed in the whole line. */
export function shifted(c: LabelCandidate | undefined, by: number): LabelCandidate | undefined {
  if (c) {
    c.textStart += by;
    c.nameStart += by;
    c.nameEnd += by;
  }
  return c;
}

/**
 * The speaker line this line is when read on its own, with no file around it: what a label
 * seen once must be to count (see {@link isSpeakerLabel}). Readers of whole files decide
 * with the file (labels.ts); this is for a line that has none.
 */
export function speakerStartAt(line: string): SpeakerStart | undefined {
  const c = labelCandidateAt(line);
  return c && isSpeakerLabel(c, LINE_ALONE) ? c : undefined;
}

/**
 * A `Name:` label (plain or emphasised) at the start of a caption cue's line, read without
 * its file: written like a name (any length up to four words) or an id with a number; never
 * an export header. Cue readers that hold the whole file decide with it instead
 * ({@link speakerLabelReader} in labels.ts).
 */
export function labelAt(line: string): SpeakerStart | undefined {
  const c = labelCandidate(line);
  // As generous with names as cue readers were before files decided: a cue's label is its own line's only evidence.
  return c && (c.shape === 'name' || isSpeakerLabel(c, LINE_ALONE)) ? c : undefined;
}

/** What the file around a label says about it. */
export interface LabelContext {
  /** How many lines of the file open with this same label. */
  uses(speaker: string): number;
  /** Speakers known to be in the file, lower case (its participants, its declared speakers). */
  known: ReadonlySet<string>;
  /** Whether recurring labels open most of the file's lines, as in a Zoom caption file where every cue starts `Name:`. */
  labelledThroughout: boolean;
  /**
   * Whether labels make the file a conversation: a label recurs, or labels open a good share of
   * its lines. Not so in prose (comments, notes), where a word and a colon seen once is words.
   */
  conversation: boolean;
  /** Whether the file writes its turns under headers of a time and a name (two or more whose name recurs): there, one seen once is a speaker too. */
  headed: boolean;
}

const LINE_ALONE: LabelContext = { uses: () => 1, known: new Set(), labelledThroughout: false, conversation: true, headed: false };

/**
 * Whether a candidate is a speaker label in its file. A label:
 * - is certain by its structure (an export header, a pseudonym), or
 * - names a known speaker, or
 * - is written like a name (capitalised words, a role, a P-number: `INT`, `Interviewer 1`,
 *   `P05 (carer)`) and recurs, or is short (at most two words, titles, particles, numbers
 *   and a qualifier not counted) in a conversation, or
 * - is one lower-case word (`admin-1`, `int`) recurring, or with a number in a conversation, or
 * - is lower-case words (`mike smith`) recurring in a file labelled throughout.
 * A diarist's recurring "Notebook log:", a sentence's "What they told me:" or a comment's
 * "Rating: 10/10" is none of these.
 */
export function isSpeakerLabel(c: LabelCandidate, file: LabelContext): boolean {
  if (c.certain || (file.known.size > 0 && file.known.has(c.speaker.toLowerCase()))) return true;
  const recurs = file.uses(c.speaker) >= 2;
  const once = c.header ? file.headed : file.conversation;
  switch (c.shape) {
    case 'name':
      return recurs || (once && isShortLabel(c.speaker));
    case 'token':
      return recurs || (once && hasIdNumber(c.speaker));
    case 'words':
      return recurs && file.labelledThroughout;
    default:
      return false;
  }
}

/** A `Name:` label (plain or emphasised), after an optional timestamp, whose name could be a speaker's. */
function labelCandidate(line: string): LabelCandidate | undefined {
  const stamp = LEADING_TIMESTAMP.exec(line);
  const from = stamp ? stamp[0].length : 0;
  // Most lines are speech without a colon near their start: rule them out before any pattern runs.
  if (!hasColonNear(line, from)) return undefined;
  const stampTime = () => clockText(stamp?.[1] ?? stamp?.[2] ?? stamp?.[3] ?? stamp?.[4]);
  if (line.charCodeAt(from) === 0x5b /* [ */) {
    const pseudonym = matchAt(PSEUDONYM_LABEL, line, from, 1, 2);
    if (pseudonym) return candidate(`[${pseudonym.name}]`, from, clockText(pseudonym.time) ?? stampTime(), skipBlanks(line, pseudonym.end), true);
  }
  const emphasised = isEmphasis(line.charCodeAt(from));
  const label = emphasised ? matchAt(EMPHASISED_LABEL, line, from, 2, 3) : matchAt(PLAIN_LABEL, line, from, 1, 2);
  const shape = label && labelShape(label.name);
  if (!label || shape === undefined) return undefined;
  // `Alice Smith<TAB>0:03` is a header whose words are below, not a label whose words are a time.
  if (line.charCodeAt(label.end - 1) === 0x09 && clockLineTime(line.slice(label.end)) !== undefined) return undefined;
  const nameFrom = line.indexOf(label.name, from);
  const words = skipBlanks(line, label.end);
  const time = clockText(label.time) ?? stampTime();
  // A second time after a timed label is words: the turn has its time already.
  const after = time === undefined ? timeAfterLabel(line, words) : undefined;
  return candidate(label.name, nameFrom, time ?? after?.time, after?.end ?? words, false, shape);
}

/** A time in brackets where a label's words would begin (`Speaker 1: [00:00:03] …`): the turn's time, and where its words begin after it. */
function timeAfterLabel(line: string, at: number): { time: string | undefined; end: number } | undefined {
  const c = line.charCodeAt(at);
  if (c !== 0x5b /* [ */ && c !== 0x28 /* ( */) return undefined;
  TIME_AFTER_LABEL.lastIndex = at;
  const m = TIME_AFTER_LABEL.exec(line);
  return m ? { time: clockText(m[1]), end: at + m[0].length } : undefined;
}

/**
 * The media time of a line that is only a clock (`00:05:12`, `[00:05:12]`): Google Meet writes one
 * every few minutes, a transcriber one where the tape was checked. It marks where the recording
 * is, not who speaks: the turn below takes its time, and words below it go on with the same speaker.
 */
export function clockLineTime(line: string): string | undefined {
  if (line.length > MAX_CLOCK_LINE) return undefined;
  const first = line.charCodeAt(skipBlanks(line, 0));
  if (!((first >= 0x30 && first <= 0x39) || first === 0x5b /* [ */ || first === 0x28) /* ( */) return undefined;
  const m = CLOCK_LINE.exec(line);
  return m ? clockText(m[1] ?? m[2] ?? m[3]) : undefined;
}

/**
 * A time in brackets opening a line that names nobody (`[00:00:11] and then nobody rang`): the
 * time of the words after it, as an imported caption paragraph without a speaker is written.
 */
export function leadingTimeAt(line: string): { time: string; textStart: number } | undefined {
  const first = line.charCodeAt(0);
  if (first !== 0x5b /* [ */ && first !== 0x28 /* ( */) return undefined;
  const m = LEADING_BRACKETED_TIME.exec(line);
  const time = m ? clockText(m[1] ?? m[2]) : undefined;
  return time === undefined ? undefined : { time, textStart: m![0].length };
}

/** The time of day of a line that is only a timestamp (`2021-10-30T08:45:00Z`): the time of the turn below it. */
export function timestampLineTime(line: string): string | undefined {
  const m = TIMESTAMP_LINE.exec(line);
  return m ? clockText(m[1]) : undefined;
}

/**
 * A label naming one of `names` exactly as written, whatever its characters (`Khan, Aisha:`,
 * `jane.doe@example:`): the speakers a file declares are labels even where no name rule
 * would read them. `names` longest first, so `Dr Khan (carer)` wins over `Dr Khan`.
 */
export function knownLabelAt(line: string, names: readonly string[]): LabelCandidate | undefined {
  const stamp = LEADING_TIMESTAMP.exec(line);
  const from = stamp ? stamp[0].length : 0;
  for (const name of names) {
    const colon = from + name.length;
    const mark = line.charCodeAt(colon);
    if ((mark !== 0x3a /* : */ && mark !== 0xff1a) /* ： */ || !line.startsWith(name, from)) continue;
    if (mark === 0x3a && colon + 1 < line.length && line[colon + 1] !== ' ' && line[colon + 1] !== '\t') continue;
    return candidate(name, from, clockText(stamp?.[1] ?? stamp?.[2] ?? stamp?.[3] ?? stamp?.[4]), skipBlanks(line, colon + 1), true);
  }
  return undefined;
}

/** Whether a colon (`:`, the full-width `：`, or a tab) comes within a label's span of `from`. */
function hasColonNear(line: string, from: number): boolean {
  const end = Math.min(line.length, from + MAX_LABEL_SPAN + 1);
  for (let i = from; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x3a || c === 0xff1a || c === 0x09) return true;
  }
  return false;
}

function isEmphasis(code: number): boolean {
  return code === 0x2a /* * */ || code === 0x5f; /* _ */
}

/**
 * Header lines: Otter.ai's, Zoom's and a Zoom chat's, whose names are the tool's, so any
 * plausible name is accepted; else a time and a name alone on the line (see {@link timedHeaderAt}).
 */
function exportHeaderAt(line: string): LabelCandidate | undefined {
  const first = line.charCodeAt(0);
  if (first === 0x5b /* [ */) {
    const m = ZOOM_HEADER.exec(line);
    const name = m?.[1]?.trim();
    if (m && name && isPlausibleName(name)) return candidate(name, line.indexOf(name), clockText(m[2]), skipBlanks(line, m[0].length), true);
  }
  if (first >= 0x30 && first <= 0x39) {
    const chat = ZOOM_CHAT.exec(line);
    const name = chat?.[2]?.trim();
    if (chat && name && isPlausibleName(name)) return candidate(name, line.indexOf(name, chat[1]!.length), clockText(chat[1]), skipBlanks(line, chat[0].length), true);
  }
  if (line.length > MAX_HEADER_LINE) return undefined;
  const m = OTTER_HEADER.exec(line);
  const name = m?.[1]?.trim();
  if (m && name && isPlausibleName(name)) return candidate(name, 0, clockText(m[2]), line.length, true);
  return timedHeaderAt(line, first);
}

/**
 * A time and a name alone on a line, the words below: `00:00:03 Speaker 1` (Word's Transcribe),
 * `[00:00:03] Speaker 1` (Trint), `Alice Smith (00:03)`. Without a colon, "09:15 Arrived" could
 * be words too, so it is only a candidate: the file decides, as for `Name:` labels, and a
 * header seen once counts only where the file writes its turns this way (labels.ts).
 */
function timedHeaderAt(line: string, first: number): LabelCandidate | undefined {
  const last = line.charCodeAt(line.trimEnd().length - 1);
  let name: string | undefined;
  let time: string | undefined;
  if ((first >= 0x30 && first <= 0x39) || first === 0x5b /* [ */ || first === 0x28 /* ( */) {
    const m = TIME_NAME_HEADER.exec(line);
    if (m) [name, time] = [m[4]!.trim(), m[1] ?? m[2] ?? m[3]];
  } else if (last === 0x29 /* ) */ || last === 0x5d /* ] */) {
    const m = NAME_TIME_HEADER.exec(line);
    if (m) [name, time] = [m[1]!.trim(), m[2]];
  }
  const shape = name === undefined ? undefined : labelShape(name);
  if (name === undefined || shape === undefined) return undefined;
  const c = candidate(name, line.indexOf(name), clockText(time), line.length, false, shape);
  c.header = true;
  return c;
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
function candidate(speaker: string, nameStart: number, time: string | undefined, textStart: number, certain: boolean, shape?: LabelShape): LabelCandidate {
  const nameEnd = nameStart + speaker.length;
  return time === undefined ? { speaker, textStart, nameStart, nameEnd, certain, shape } : { speaker, time, textStart, nameStart, nameEnd, certain, shape };
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
    'monday tuesday wednesday thursday friday saturday sunday http https'
  ).split(' '),
);

/** Role words accepted in any case ("interviewer:"), since transcribers often write them lower-case. */
const ROLES = new Set('interviewer interviewee participant respondent moderator facilitator researcher observer speaker host guest'.split(' '));

/** Lower-case name particles accepted inside a name ("Anna van der Berg"). */
const PARTICLES = new Set('van von der den de del della di da du la le bin ibn al el ter ten dos das'.split(' '));

/** Titles that come before a name and do not make a label longer ("Dr. Priya Shah" is a short label). */
const TITLES = new Set('mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof.'.split(' '));

/**
 * Words of sentences, never of names (so not "will", a name too): a label starting with one,
 * or a lower-case phrase with one ("he said:"), is speech however often it recurs.
 */
const SENTENCE_WORDS = new Set(
  (
    'me my we us our you your he him his she her they them their it its this that these those there here what when where why how who which ' +
    'and or but so then because if as at in on of to for with about by is are was were be been am do did does done have has had would ' +
    'can could should said says say told tell asked ask think thought know knew not no yes all just like ' +
    'okay ok yeah yep yup sure right well hi hello thanks bye mhm hmm um uh oh exactly'
  ).split(' '),
);

const CAPITALISED = /^[\p{Lu}\p{Lt}\p{Lo}\p{N}]/u;
const P_NUMBER = /^p\d+$/;
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\d/;
const QUALIFIED = /^(.*?)[ \t]*\([^()]*\)$/;

/**
 * How a label's name is written, which decides how much evidence the file must give for it:
 * - `name`: capitalised words, a role, a P-number (`Interviewer 1`, `P05 (carer)`, `INT`, `Dr. Khan`);
 * - `token`: one lower-case word (`admin-1`, `int`, `resp`);
 * - `words`: lower-case words that could be a name written carelessly (`mike smith`);
 * undefined for anything else (a note, a sentence, too long).
 */
export type LabelShape = 'name' | 'token' | 'words';

function labelShape(label: string): LabelShape | undefined {
  if (!isPlausibleName(label)) return undefined;
  const words = baseName(label).split(' ');
  const first = words[0]!.toLowerCase();
  // "So:", "Then:", "What They Told Me:" open sentences, whatever their case.
  if (NOT_SPEAKERS.has(first) || SENTENCE_WORDS.has(first)) return undefined;
  if (words.every((word, i) => isCapitalised(word) || P_NUMBER.test(word) || (i === 0 && ROLES.has(first)) || (i > 0 && PARTICLES.has(word)))) return 'name';
  if (words.length === 1) return 'token';
  return words.some((w) => SENTENCE_WORDS.has(w.toLowerCase())) ? undefined : 'words';
}

/**
 * Whether a label is short enough to be a speaker the first time it is seen: at most two words
 * that are not titles, particles, numbers or a qualifier. Longer labels must recur.
 */
function isShortLabel(label: string): boolean {
  const words = baseName(label)
    .split(' ')
    .filter((w, i) => !(i === 0 && TITLES.has(w.toLowerCase())) && !PARTICLES.has(w) && !/^\d+$/.test(w));
  return words.length <= 2;
}

/**
 * Whether a label could be a heading an export repeats ("Koronavírus: Hogyan hat …" above every
 * comment): not one letter, a role or an id (`Q`, `Interviewer`, `Interviewer 1`, `P05`), which
 * name whoever asks or answers however often they say the same words.
 */
/** Whether a candidate is one of Sift's pseudonyms (`[P07]:`, `[Name-3]:`), certain by its shape. */
export function isPseudonym(candidate: LabelCandidate): boolean {
  return candidate.certain && candidate.speaker.startsWith('[');
}

export function mayBeHeading(label: string): boolean {
  const words = baseName(label).split(' ');
  return !(words.length === 1 && [...words[0]!].length === 1) && !ROLES.has(words[0]!.toLowerCase()) && !(words.length <= 2 && HAS_DIGIT.test(words.join(' ')));
}

/** Whether a label names someone by an id: it has a digit (`admin-1`, `teacher_3`, `p05`). */
function hasIdNumber(label: string): boolean {
  return HAS_DIGIT.test(baseName(label));
}

/** The name without its qualifier: `P05 (carer)` → `P05`. */
function baseName(label: string): string {
  return QUALIFIED.exec(label)?.[1] || label;
}

/** The shape every name has, whoever wrote it: 1–4 words, at most 40 characters, a letter. */
function isPlausibleName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH + 32 || !HAS_LETTER.test(name)) return false;
  const base = baseName(name);
  if (base.length === 0 || base.length > MAX_NAME_LENGTH) return false;
  const words = base.split(' ');
  return words.length <= MAX_NAME_WORDS && !words.includes('');
}

/** An upper-case letter, a digit, or a letter of a caseless script; ASCII first, as it is on this hot path. */
function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  return CAPITALISED.test(word);
}
