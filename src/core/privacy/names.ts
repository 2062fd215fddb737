/**
 * People's names. Three sources, most certain first:
 * - lists: participants' real names from the private key file (each becomes that
 *   participant's id) and the names list the team keeps;
 * - context: a speaker label that is a name ("Sarah Jones: …", never "Interviewer:" or
 *   "P07:"), a title ("Mrs Okafor", "Dr Patel"), an introduction ("my name is Sam", "my
 *   daughter, Grace");
 * - every further occurrence of a name learnt from context, anywhere in the study.
 */
import { speakerStartAt } from '../transcripts/speakers';
import type { RawFinding } from './findings';

export interface KnownName {
  /** The name as written, one or more words ("Priya Shah", "Priya"). */
  name: string;
  /** Set when the name is a participant's: the pseudonym is their id. */
  participant?: string;
  basis: 'list' | 'context';
}

/** Words in labels and introductions that are roles or ordinary capitalised words, never names. */
const NOT_NAMES = new Set(
  (
    'interviewer interviewee participant respondent moderator facilitator researcher observer speaker host guest note-taker notetaker ' +
    'translator interpreter narrator carer advocate unknown all both everyone others other group panel chair caller agent advisor adviser ' +
    'i the a an and but so yes no okay ok well oh mum mam mom dad mummy daddy nan nana gran granny grandad grandpa grandma god christmas easter ' +
    'council gp ot nhs dwp hmrc doctor nurse sir madam mister love dear hello hi thanks thank sorry please ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'
  ).split(' '),
);

const WORD = String.raw`\p{Lu}[\p{Ll}'’]+(?:\p{Lu}[\p{Ll}'’]+)?(?:-\p{Lu}[\p{Ll}'’]+)?`;
const FULL_NAME = String.raw`${WORD}(?: ${WORD})?(?![\p{L}])`;
/** `Mrs Okafor`, `Dr. Priya Patel`. */
const TITLED = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.? (${FULL_NAME})`, 'gu');
const RELATIONS = 'son|daughter|husband|wife|partner|mum|mother|dad|father|carer|neighbour|friend|brother|sister|grandson|granddaughter|niece|nephew|aunt|uncle|cousin|boyfriend|girlfriend|social worker|support worker|key worker';
/** `my name is Sam`, `she's called Ade`, `my daughter, Grace,`, `my neighbour Tom`. */
const INTRODUCED = new RegExp(
  String.raw`(?<![\p{L}])(?:[Mm]y name(?: is|'s| was)|(?:I'm|I am|[Ss]he's|[Hh]e's|[Ss]he is|[Hh]e is|[Ss]he was|[Hh]e was) (?:called|named)|[Mm]y (?:${RELATIONS}),?) (${FULL_NAME})`,
  'gu',
);
const PARTICIPANT_ID = /^[A-Z]{1,3}-?\d{1,4}$/;
/** A WebVTT voice span opening a cue line (`<v Grace Adeyemi>`, as Teams and Zoom write speakers). */
const VOICE = /^<v(?:\.[^ \t>]*)?[ \t]+([^>]{1,100})>/;

/** Names learnt from a text's context: speaker labels and voice spans, titles, introductions. UTF-16 offsets. */
export function findContextNames(text: string, participantIds: ReadonlySet<string>): RawFinding[] {
  const out: RawFinding[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(lineStart, lineEnd);
    const label = VOICE.exec(line)?.[1]?.trim() ?? speakerStartAt(line)?.speaker;
    if (label && isPersonName(label, participantIds)) {
      const at = text.indexOf(label, lineStart);
      if (at >= 0 && at < lineEnd) out.push({ kind: 'name', start: at, end: at + label.length, confidence: 0.8, basis: 'context' });
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  for (const [re, confidence] of [
    [TITLED, 0.85],
    [INTRODUCED, 0.75],
  ] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const name = trimNonNames(m[1]!);
      if (!name) continue;
      const start = m.index + m[0].length - m[1]!.length;
      out.push({ kind: 'name', start, end: start + name.length, confidence, basis: 'context' });
    }
  }
  return out;
}

/** A speaker label that names a person: capitalised words, not a role, not a participant id. */
function isPersonName(label: string, participantIds: ReadonlySet<string>): boolean {
  if (participantIds.has(label) || PARTICIPANT_ID.test(label)) return false;
  const words = label.split(' ');
  if (words.some((w) => NOT_NAMES.has(w.toLowerCase()) || /\d/.test(w))) return false;
  return words.every((w) => /^\p{Lu}/u.test(w));
}

/** The name without trailing words that are not names ("Grace Monday" → "Grace"); empty if none is left. */
function trimNonNames(candidate: string): string {
  const words = candidate.replace(/['’]s$/, '').split(' ');
  while (words.length > 0 && NOT_NAMES.has(words[words.length - 1]!.toLowerCase())) words.pop();
  return words.length > 0 && !NOT_NAMES.has(words[0]!.toLowerCase()) ? words.join(' ') : '';
}

/**
 * Finds known names in a text: whole words, capitalised in the text (so "Rose" the person,
 * not "rose" the flower), longest name first. Linear: one pass over the capitalised words,
 * each looked up by its lower-case form; only a hit compares the words that follow.
 */
export class NameMatcher {
  /** By the name's first word (lower case): the names starting with it (lower case, single spaces), longest first. */
  private readonly byFirstWord = new Map<string, { lower: string; known: KnownName }[]>();

  constructor(names: readonly KnownName[]) {
    const seen = new Set<string>();
    for (const known of withFirstNames(names)) {
      const words = known.name.trim().toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length === 0 || (words.length === 1 && NOT_NAMES.has(words[0]!))) continue;
      // The first source of a name wins: lists before context, as callers order them.
      const lower = words.join(' ');
      if (seen.has(lower)) continue;
      seen.add(lower);
      const list = this.byFirstWord.get(words[0]!) ?? [];
      list.push({ lower, known });
      this.byFirstWord.set(words[0]!, list);
    }
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.lower.length - a.lower.length);
  }

  get size(): number {
    return this.byFirstWord.size;
  }

  find(text: string): RawFinding[] {
    const out: RawFinding[] = [];
    if (this.byFirstWord.size === 0) return out;
    const capitalised = /(?<![\p{L}\p{M}'’-])\p{Lu}[\p{L}\p{M}'’-]*/gu;
    for (let m = capitalised.exec(text); m; m = capitalised.exec(text)) {
      const first = m[0].replace(/['’]s$/, ''); // "Sarah's" is Sarah
      const candidates = this.byFirstWord.get(first.toLowerCase());
      if (!candidates) continue;
      const hit = candidates.find((c) => text.slice(m!.index, m!.index + c.lower.length).toLowerCase() === c.lower && !continuesWord(text, m!.index + c.lower.length));
      if (!hit) continue;
      const end = m.index + hit.lower.length;
      out.push({ kind: 'name', start: m.index, end, confidence: hit.known.basis === 'list' ? 0.95 : 0.7, basis: hit.known.basis, ...(hit.known.participant ? { participant: hit.known.participant } : {}) });
      capitalised.lastIndex = Math.max(capitalised.lastIndex, end);
    }
    return out;
  }
}

/** True when the character at `at` carries on a word (a letter), so a name ending before it is only part of a word. "Sarah's" ends the name. */
function continuesWord(text: string, at: number): boolean {
  return at < text.length && /[\p{L}\p{M}-]/u.test(text[at]!);
}

/**
 * The names and, for each full name, its first name alone: people are mostly called by
 * it ("Grace Adeyemi" is "Grace" two lines later). A first name is less certain than the
 * full name, so it counts as learnt from context.
 */
function withFirstNames(names: readonly KnownName[]): KnownName[] {
  const out: KnownName[] = [];
  for (const n of names) {
    out.push(n);
    const words = n.name.trim().split(/\s+/);
    if (words.length > 1) out.push({ ...n, name: words[0]!, basis: n.participant ? n.basis : 'context' });
  }
  return out;
}
