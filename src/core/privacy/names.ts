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
import { inGivenNameList, isGivenName } from './first-names';

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
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december ' +
    // what transcription services and meeting tools put in a speaker's place
    'automation automated system recording recorder bot transcript transcriber assistant operator voicemail audio video unidentified inaudible crosstalk ' +
    'q a question answer ' +
    'she he they we you it his her him them their there then this that what when where who why how yes anyway also just ' +
    // words of organisations and services, which come in capitalised pairs ("Social Care", "Housing Association")
    'association council service services team trust group centre center office department ministry agency authority board care social housing health ' +
    'credit benefit benefits allowance bank hospital clinic surgery practice school college university company ltd limited inc plc church club society ' +
    'street road avenue lane close drive way place court square north south east west new old great saint st universal national royal british english'
  ).split(' '),
);

/** Words before a capitalised word that make it a thing, not a person ("the Housing Association", "our Blue Badge"). */
const DETERMINERS = new Set('the a an our their your his her its this that these those my every each any some no'.split(' '));

/** What the study itself says are not names: participant ids, codebook labels and ids, role words it uses as labels (all lower case). */
export interface NameKnowledge {
  participantIds: ReadonlySet<string>;
  /** Lower-case words and phrases that are never names in this study. */
  notNames: ReadonlySet<string>;
}

const WORD = String.raw`\p{Lu}[\p{Ll}'’]+(?:\p{Lu}[\p{Ll}'’]+)?(?:-\p{Lu}[\p{Ll}'’]+)?`;
const FULL_NAME = String.raw`${WORD}(?: ${WORD})?(?![\p{L}])`;
/** `Mrs Okafor`, `Dr. Priya Patel`. */
const TITLED = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.? (${FULL_NAME})`, 'gu');
/** The title opening a titled name, which is part of the name ("Mrs Thompson" whole), not of the name learnt. */
export const TITLE_PREFIX = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.? /u;
const RELATIONS = 'son|daughter|husband|wife|partner|mum|mother|dad|father|carer|neighbour|friend|brother|sister|grandson|granddaughter|niece|nephew|aunt|uncle|cousin|boyfriend|girlfriend|social worker|support worker|key worker';
/** People a speaker mentions by what they are: "a woman called Precious", "the assessor, named Joy". */
const PEOPLE =
  '(?:[Ww]oman|[Mm]an|[Ll]ady|[Gg]entleman|[Gg]irl|[Bb]oy|[Gg]uy|[Bb]loke|[Cc]hap|[Ff]ella|[Ll]ad|[Ss]omeone|[Ss]omebody|[Pp]erson|[Nn]urse|[Dd]octor|[Ww]orker|[Oo]fficer|[Aa]ssessor|[Tt]herapist|[Mm]anager|[Rr]eceptionist|[Aa]dvi[sz]er|[Aa]dvisor|[Ee]ngineer|[Ff]itter|[Ss]urveyor),?';
/** `my name is Sam`, `she's called Ade`, `my daughter, Grace,`, `my neighbour Tom`, `a woman called Precious`. */
const INTRODUCED = new RegExp(String.raw`(?<![\p{L}])(?:[Mm]y name(?: is|'s| was)|(?:I'm|I am|[Ss]he's|[Hh]e's|[Ss]he is|[Hh]e is|[Ss]he was|[Hh]e was|${PEOPLE}) (?:called|named)|[Mm]y (?:${RELATIONS}),?) (${FULL_NAME})`, 'gu');
const PARTICIPANT_ID = /^[A-Z]{1,3}-?\d{1,4}$/;
/** A WebVTT voice span opening a cue line (`<v Grace Adeyemi>`, as Teams and Zoom write speakers). */
const VOICE = /^<v(?:\.[^ \t>]*)?[ \t]+([^>]{1,100})>/;

/** Names learnt from a text's context: speaker labels and voice spans, titles, introductions. UTF-16 offsets. */
export function findContextNames(text: string, knows: NameKnowledge): RawFinding[] {
  const out: RawFinding[] = [];
  let ordinary: ReadonlySet<string> | undefined;
  const ordinaryInText = () => (ordinary ??= wordsOf(text).lower);
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(lineStart, lineEnd);
    const label = VOICE.exec(line)?.[1]?.trim() ?? speakerStartAt(line)?.speaker;
    if (label && isPersonName(label, knows) && !isShoutedPhrase(line, label, ordinaryInText)) {
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
      if (!name || knows.notNames.has(name.toLowerCase())) continue;
      // A title is part of the name ("Mrs Thompson" whole), so redaction leaves no "Mrs [Name-1]".
      const start = re === TITLED ? m.index : m.index + m[0].length - m[1]!.length;
      const end = m.index + m[0].length - m[1]!.length + name.length;
      out.push({ kind: 'name', start, end, confidence, basis: 'context' });
    }
  }
  return out;
}

/**
 * A speaker label that names a person: capitalised words, not a role, not a participant id,
 * not one letter (`I:`, `P:`, `R:`), not a word the study uses for something else (a codebook
 * label), and either a given name ("Dan:", "Grace Adeyemi:") or two or more name-shaped words
 * ("Okafor Adeyemi:"). A single word that is no given name ("Automation:", "Facilitator:") is
 * what a tool or a role writes, not a person.
 */
function isPersonName(label: string, knows: NameKnowledge): boolean {
  if (knows.participantIds.has(label) || PARTICIPANT_ID.test(label) || knows.notNames.has(label.toLowerCase())) return false;
  const words = label.split(' ');
  if (words.some((w) => NOT_NAMES.has(w.toLowerCase()) || knows.notNames.has(w.toLowerCase()) || /\d/.test(w) || [...w].length < 2)) return false;
  if (!words.every((w) => /^\p{Lu}/u.test(w))) return false;
  return inGivenNameList(words[0]!) || words.length >= 2;
}

/**
 * A line shouted in capitals, label and all, whose "label" holds a word the text writes in lower
 * case elsewhere: "NEM TUDHATOD: NE BESZÉLJEN MÁR…" (Hungarian "you can't know: …", where "nem",
 * "no", is everywhere). Not a speaker: a transcript in capitals throughout has no lower-case
 * words, and a label in capitals before ordinary speech ("SARAH JONES: I waited") is not shouted.
 */
function isShoutedPhrase(line: string, label: string, ordinaryInText: () => ReadonlySet<string>): boolean {
  return !/\p{Ll}/u.test(line) && label.split(' ').some((w) => ordinaryInText().has(w.toLowerCase()));
}

/** Any run of letters (with apostrophes and hyphens inside): one pass over a text's words, no lookbehind, so it stays fast. */
const ANY_WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’-]*/gu;
const TITLE_SHAPE = /^\p{Lu}\p{Ll}+(?:['’-]\p{Lu}?\p{Ll}+)*$/u;
const LOWER_SHAPE = /^\p{Ll}/u;
/** Words after a name that show it is a person's ("Aleksandra Nowak from the housing association came round"). */
const PERSON_AFTER = /^(?:,? (?:from|at|of) the|,? who|'s|,? (?:came|come|said|says|rang|rung|phoned|called|told|visited|emailed|wrote|helped|asked|explained|promised|sorted|fitted|was|is))\b/u;
/** What only a person does, after a single name-shaped word ("Oluwaseun at the surgery said no", "Kwame rang"). */
const PERSON_ACTS_AFTER = /^(?: (?:at|from) the \p{L}+)? (?:said|says|rang|phoned|told|emailed|wrote|promised|explained|apologised|apologized)\b/u;
/** What one does only to a person, before a single name-shaped word ("I asked Agnieszka"). */
const PERSON_VERB_BEFORE = /\b(?:spoke to|talked to|speak to|asked|told|rang|phoned|emailed|thanked|texted|messaged) $/u;
/** Words before a name that show it is a person's ("I spoke to Steve", "with Aleksandra"). */
const PERSON_BEFORE =
  /(?:\b(?:spoke|speak|speaking|talked|talk|talking|said|wrote|write|writing|sent|send|gave|give|explained|complained) to|\b(?:with|met|meet|saw|see|seen|asked|ask|told|tell|rang|phoned|called|emailed|thanked|and|by)) $/u;

/**
 * Names said with no cue word: a given name of the list followed by a surname ("Steve
 * Harrington", 0.85) or alone mid-sentence ("then Janet rang", 0.65); and two name-shaped
 * words that the words around them show to be a person ("spoke to Aleksandra Nowak", "Aleksandra
 * Nowak from the housing association", 0.75). Never a word that is ordinary in this text (it
 * appears in lower case too), nor one only capitalised because a sentence or a turn starts with
 * it, nor after "the"/"our" (a thing's name), nor a word the study uses for something else.
 */
export function findUncuedNames(text: string, knows: NameKnowledge): RawFinding[] {
  const { words, lower } = wordsOf(text);
  if (words.length === 0) return [];
  const ordinary = (w: string) => {
    const l = w.toLowerCase();
    return lower.has(l) || NOT_NAMES.has(l) || knows.notNames.has(l) || knows.participantIds.has(w);
  };
  const out: RawFinding[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (ordinary(w.word)) continue;
    if (DETERMINERS.has(wordBefore(text, w.start))) {
      // A thing's name, all of it: "the Housing Association Office", "a Monte Carlo simulation".
      while (words[i + 1] !== undefined && words[i + 1]!.start === words[i]!.end + 1 && text[words[i]!.end] === ' ') i++;
      continue;
    }
    const next = words[i + 1];
    const adjacent = next !== undefined && next.start === w.end + 1 && text[w.end] === ' ';
    const pair = adjacent && !ordinary(next.word) && !(words[i + 2] && words[i + 2]!.start === next.end + 1);
    const before = () => text.slice(Math.max(0, w.start - 24), w.start);
    const personAfter = pair && PERSON_AFTER.test(text.slice(next.end, next.end + 30));
    // At a sentence start any word is capitalised: only a given name with a surname, or a pair the next words show to be a person, counts there.
    if (startsSentence(text, w.start) && !(pair && (isGivenName(w.word) || personAfter))) continue;
    if (pair && (isGivenName(w.word) || personAfter || PERSON_BEFORE.test(before()))) {
      out.push({ kind: 'name', start: w.start, end: next.start + next.word.length, confidence: isGivenName(w.word) ? 0.85 : 0.75, basis: 'context' });
      i++;
    } else if (!adjacent && !followsCapitalised(words, i, text, ordinary)) {
      if (isGivenName(w.word) && !/\b(?:in|near|at|of|from|into|across|around|outside) $/u.test(before())) out.push({ kind: 'name', start: w.start, end: w.start + w.word.length, confidence: 0.65, basis: 'context' });
      else if (PERSON_VERB_BEFORE.test(before()) || PERSON_ACTS_AFTER.test(text.slice(w.end, w.end + 40))) out.push({ kind: 'name', start: w.start, end: w.start + w.word.length, confidence: 0.7, basis: 'context' });
    }
  }
  return out;
}

/** True when the word before is capitalised, next to it and no ordinary word ("Monte Carlo", a line wrapped after "Monte"): part of a longer name of a thing. */
function followsCapitalised(words: readonly { start: number; end: number; word: string }[], i: number, text: string, ordinary: (w: string) => boolean): boolean {
  const prev = words[i - 1];
  return prev !== undefined && prev.end + 1 === words[i]!.start && /\s/.test(text[prev.end]!) && !ordinary(prev.word) && !startsSentence(text, prev.start);
}

/** A text's capitalised words, and every word that appears in lower case somewhere in it (an ordinary word of that text). */
function wordsOf(text: string): { words: { start: number; end: number; word: string }[]; lower: Set<string> } {
  const words: { start: number; end: number; word: string }[] = [];
  const lower = new Set<string>();
  ANY_WORD.lastIndex = 0;
  for (let m = ANY_WORD.exec(text); m; m = ANY_WORD.exec(text)) {
    const raw = m[0];
    const apostrophe = raw.length > 2 && raw.endsWith('s') && (raw[raw.length - 2] === "'" || raw[raw.length - 2] === '’');
    const token = apostrophe ? raw.slice(0, -2) : raw;
    if (LOWER_SHAPE.test(token)) {
      // Part of an address, not prose: "aleksandra" in aleksandra.thompson@example.org says nothing about "Aleksandra".
      if (!inAddress(text, m.index, m.index + raw.length)) lower.add(token);
    } else if (TITLE_SHAPE.test(token)) words.push({ start: m.index, end: m.index + token.length, word: token });
  }
  return { words, lower };
}

/** True when the word at [start, end) is joined to more of an email address, web address or file name (by @ . / _). */
function inAddress(text: string, start: number, end: number): boolean {
  return /[@./_]/.test(text[start - 1] ?? '') || /^[@./_][\p{L}\p{N}]/u.test(text.slice(end, end + 2));
}

/** True when a word starts a sentence, a line or a turn: capitalised there whatever it is. */
function startsSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '"' || text[i] === '“' || text[i] === '‘' || text[i] === "'" || text[i] === '(' || text[i] === '*' || text[i] === '_')) i--;
  return i < 0 || /[\n.!?:;>\]…–—-]/u.test(text[i]!);
}

/**
 * The word before `at` (lower case), across one line break: hard-wrapped text (a PDF's, an
 * export's) breaks lines mid-sentence ("doing a⏎Monte Carlo simulation"). A blank line ends it.
 */
function wordBefore(text: string, at: number): string {
  const blank = (c: string | undefined) => c === ' ' || c === '\t';
  let end = at;
  while (end > 0 && blank(text[end - 1])) end--;
  if (text[end - 1] === '\n') {
    end--;
    if (text[end - 1] === '\r') end--;
    while (end > 0 && blank(text[end - 1])) end--;
  }
  if (end === at) return '';
  let start = end;
  while (start > 0 && end - start < 20 && /\p{L}/u.test(text[start - 1]!)) start--;
  return text.slice(start, end).toLowerCase();
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
      // One letter is a label's ("P:"), never a name to look for everywhere.
      if (words.length === 0 || (words.length === 1 && (NOT_NAMES.has(words[0]!) || [...words[0]!].length < 2))) continue;
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
  return at < text.length && /[\p{L}\p{M}\p{N}-]/u.test(text[at]!);
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
