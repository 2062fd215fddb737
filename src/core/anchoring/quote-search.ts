/**
 * Finding a highlight by its quote when its position no longer holds and no diff placed it:
 * exact occurrences first, then approximate ones (Myers' bit-vector algorithm, bit-parallel.ts),
 * each scored Hypothesis-style on quote, prefix, suffix and position. Unlike Hypothesis, the
 * verdict refuses to choose between look-alikes: a place is taken without review only when
 * no other place comes close, its context agrees (an exact quote needs less of it when it is
 * the only one) and few of its words were edited; the rest is offered for review, saying why.
 *
 * The costly approximate matcher never scans the whole text: it runs on a window where the
 * quote is expected (between the neighbours that were found) and on the places where the
 * quote's rarest words occur (a word index of the text, built once per text), which is
 * where any passage similar enough to matter must be.
 *
 * All offsets are UTF-16 code units of the current text.
 */
import type { StoredAnchor } from '../model';
import { bestMatches, compile, lastRow, RowBuffer, type Match, type Pattern } from './bit-parallel';
import { contextWritten, prefixSimilarities, prefixSimilarity, suffixSimilarities, suffixSimilarity, wordSimilarity } from './similarity';
import { occurrences, WordIndex } from './word-index';

export interface Span {
  start: number;
  end: number;
}

export interface Candidate extends Span {
  exact: boolean;
  /** 1 − errors / quote length */
  quoteSimilarity: number;
  prefixSimilarity: number;
  suffixSimilarity: number;
  /** 0..1: the Hypothesis-style weighted score */
  score: number;
}

export type Verdict = { state: 'moved' | 'fuzzy'; candidate: Candidate; reason: string } | { state: 'orphaned'; reason: string };

export interface QuoteSearch {
  text: string;
  highlight: StoredAnchor;
  /** Where the quote is expected (UTF-16), for the position score and the first search window. */
  expected: number;
  /**
   * Where the quote can be, between the neighbouring highlights already placed (UTF-16):
   * searched first, and a place outside it is never taken without review.
   */
  window?: Span;
  /**
   * Where the quote is expected to start, give or take the drift of the edits (UTF-16): a
   * short quote, which recurs by chance, is placed without review only if it starts there.
   */
  near?: Span;
  /**
   * Whether placed highlights bound `window` on both sides. A place between them and where
   * they expect it is confirmed by them: text edits keep passages in order, so a look-alike
   * outside cannot be the highlight, and rivals are looked for between them only.
   */
  between?: boolean;
  /** The text's word index, shared between the quotes of one text (built here when absent). */
  words?: WordIndex;
  /** Look only inside these regions (approximate search) ... */
  regions?: readonly Span[];
  /** ... and count only the places this accepts (used to look only in newly inserted text). */
  accept?: (span: Span) => boolean;
}

/** Quotes shorter than this (code points) must have both context sides agree to be placed approximately. */
export const SHORT_QUOTE = 40;
/** A context side agrees when its similarity reaches this. */
export const CONTEXT_AGREES = 0.7;
/** The least quote similarity an approximate match needs (the measured B75 rule)... */
const MIN_QUOTE_SIMILARITY = 0.75;
/** ... or, with its context agreeing on both sides, this much (offered for review). */
const MIN_REVIEW_SIMILARITY = 0.5;
/**
 * An approximate match with at most a quarter of its characters edited is the quote with a
 * few words changed: placed without review when its context agrees on both sides, its first
 * and last words are intact and nothing else comes close. More edited than that, the
 * researcher judges whether it still says what was coded.
 */
const PLACE_SIMILARITY = 0.75;
/**
 * With its context edited too, an approximate match must be this similar (one character in
 * eight edited) to be placed without review: nothing else then comes close to a quote long
 * enough not to recur by chance, between the highlights around it.
 */
const PLACE_SIMILARITY_FEW_EDITS = 0.875;
/**
 * An approximate match whose neighbouring words stand on both sides as stored, where the
 * highlights around it expect it, is the quote in place whatever was edited inside it, up to
 * this much: the place is not in doubt, and a transcript re-exported with its wording
 * corrected should not ask for every corrected highlight to be reviewed. More edited than
 * that, the researcher judges whether it still says what was coded.
 */
const PINNED_SIMILARITY = 0.6;
/** Context this close to the stored one fixes where the quote begins or ends, whatever its edge words. */
const CONTEXT_PINS = 0.85;
/** Edge words this small a part of the quote cannot move its boundaries enough to matter. */
const EDGE_SHARE = 0.05;
/** A place must beat every other by this much score to be taken without review. */
const EXACT_MARGIN = 0.08;
/** An approximate place must beat every other by this much, or the highlight is orphaned. */
const APPROXIMATE_MARGIN = 0.05;
/** Approximate search of shorter quotes finds too many unrelated words to mean anything. */
const MIN_APPROXIMATE_LENGTH = 8;
/** Hypothesis' cap on the error budget (and its cost). */
const MAX_ERRORS = 256;
/** Exact occurrences scored at most (the nearest to the expected place). */
const MAX_EXACT_CANDIDATES = 500;
/** Farthest (UTF-16 units) an approximate match's boundary moves to where its context agrees. */
const MAX_BOUNDARY_REACH = 64;
/** Passes that look for rival approximate matches after the first. */
const MAX_RIVAL_PASSES = 2;

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const TOTAL_WEIGHT = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

/**
 * The verdict when the exact quote settles it (one clear place with its context on both
 * sides, for a quote long enough not to recur by chance); undefined when more is needed.
 */
export function findExactly(q: QuoteSearch): Verdict | undefined {
  if (q.highlight.quote.length === 0 || isShortQuote(q.highlight.quote)) return undefined;
  const exact = exactCandidates(q);
  const verdict = judgeExact(q, exact, exact, false);
  return verdict?.state === 'moved' ? verdict : undefined;
}

export function findByQuote(q: QuoteSearch): Verdict {
  const quote = q.highlight.quote;
  if (quote.length === 0) return { state: 'orphaned', reason: 'the quote is empty' };
  const exact = exactCandidates(q);
  // The common case, settled without looking further: one clear place with its context.
  const exactVerdict = judgeExact(q, exact, exact, false);
  if (exactVerdict?.state === 'moved') return doubted(q, exactVerdict);

  const approximate = quote.length >= MIN_APPROXIMATE_LENGTH ? approximateCandidates({ ...q, words: q.words ?? new WordIndex(q.text) }, exact) : [];
  const all = [...exact, ...approximate].sort(byScore);
  const best = bestPlace(q, all);
  if (!best) return { state: 'orphaned', reason: 'no passage like the quote was found' };
  return doubted(q, best.exact ? judgeExact(q, exact, all, true)! : judgeApproximate(q, best, rivalAround(q, best, all)));
}

/**
 * A place about to be taken without review, checked once more where a look-alike can hide
 * behind a context that agrees: review is asked instead when the highlight's context also
 * stands around other words, nearer where the quote is expected (the highlighted copy of a
 * repeated line deleted, the other copy a line away).
 */
function doubted(q: QuoteSearch, verdict: Verdict): Verdict {
  if (verdict.state !== 'moved') return verdict;
  const c = verdict.candidate;
  if (contextStandsElsewhere(q, c)) return { state: 'fuzzy', candidate: c, reason: CONTEXT_ELSEWHERE };
  if (isShortQuote(q.highlight.quote) && edgeWordDoubled(q.text, q.highlight, c)) return { state: 'fuzzy', candidate: c, reason: EDGE_WORD_DOUBLED };
  return verdict;
}

export const EDGE_WORD_DOUBLED = 'a word at its edge now comes twice: check where the highlight should begin and end';
const WORD_AFTER = /^\s+([\p{L}\p{N}]+)/u;
const WORD_BEFORE = /([\p{L}\p{N}]+)\s+$/u;

/**
 * Whether a short quote's first (last) word now also stands right before (after) it, where
 * the stored context had another word, and nothing tells which copy is the quote's:
 * "así que" → "así que que". A word added on one side of the quote's own copy or the other
 * (inside the highlight or out) reads the same, and which is a guess that moves a short
 * quote's end by a large part of it. Not when the copy outside reads as the context's own
 * word replaced ("rang the council twice" → "rang the council council"): one edit, where a
 * word added inside would take two (it, and the context's word deleted).
 */
export function edgeWordDoubled(text: string, h: StoredAnchor, c: Span): boolean {
  const first = FIRST_WORD.exec(h.quote)?.[0];
  const last = lastWord(h.quote);
  const after = WORD_AFTER.exec(text.slice(c.end, c.end + last.length + 8))?.[1];
  const before = WORD_BEFORE.exec(text.slice(Math.max(0, c.start - (first?.length ?? 0) - 8), c.start))?.[1];
  const storedAfter = WORD_AFTER.exec(h.suffix)?.[1] ?? FIRST_WORD.exec(h.suffix)?.[0];
  const storedBefore = WORD_BEFORE.exec(h.prefix)?.[1] ?? lastWord(h.prefix);
  const doubledAfter = last !== '' && after === last && storedAfter !== last && !replacesContextWord(wordsOfSuffix(h.suffix), wordsAfter(text, c.end, h.suffix.length));
  const doubledBefore = first !== undefined && before === first && storedBefore !== first && !replacesContextWord(wordsOfPrefix(h.prefix), wordsBefore(text, c.start, h.prefix.length));
  return doubledAfter || doubledBefore;
}

/**
 * Whether the copy of an edge word next to a place (`found[0]`, words nearest the place
 * first) is better read as a word of the stored context replaced (`stored`, likewise) than
 * as a word added: the fewest word edits that turn the stored context into what follows,
 * with that copy outside the quote, against one edit (the copy added inside) plus those
 * that turn the context into what follows the copy.
 */
function replacesContextWord(stored: readonly string[], found: readonly string[]): boolean {
  return wordEditsInto(stored, found, 1) < 1 + wordEditsInto(stored, found.slice(1), 0);
}

/**
 * Fewest words substituted, deleted or inserted to turn `stored` into a beginning of
 * `found` of at least `atLeast` words (the words of `found` past it are not compared).
 */
function wordEditsInto(stored: readonly string[], found: readonly string[], atLeast: number): number {
  let row = Array.from({ length: found.length + 1 }, (_, j) => j);
  for (let i = 1; i <= stored.length; i++) {
    const next = [i];
    for (let j = 1; j <= found.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (stored[i - 1] === found[j - 1] ? 0 : 1)));
    row = next;
  }
  return Math.min(...row.slice(Math.min(atLeast, found.length)));
}

const WORD_RUN = /[\p{L}\p{N}]+/gu;

/** The words of a context after a place, without a last one its cut may have split. */
function wordsOfSuffix(suffix: string): string[] {
  const words = suffix.match(WORD_RUN) ?? [];
  if (isWordUnit(suffix, suffix.length - 1)) words.pop();
  return words;
}

/** The words of a context before a place, nearest it first, without a first one its cut may have split. */
function wordsOfPrefix(prefix: string): string[] {
  const words = prefix.match(WORD_RUN) ?? [];
  if (isWordUnit(prefix, 0)) words.shift();
  return words.reverse();
}

/** The whole words in the `length` units (and a little more) after `at`. */
function wordsAfter(text: string, at: number, length: number): string[] {
  return wordsOfSuffix(text.slice(at, at + length + 16));
}

/** The whole words in the `length` units (and a little more) before `at`, nearest first. */
function wordsBefore(text: string, at: number, length: number): string[] {
  return wordsOfPrefix(text.slice(Math.max(0, at - length - 16), at));
}

const CONTEXT_ELSEWHERE = 'the text around it also stands a little way off, around other words: check this is the right place';
/** Another place whose context agrees within this much (both sides together) of the candidate's is as likely. */
const CONTEXT_TWIN_MARGIN = 0.1;

/**
 * Whether, nearer where the quote is expected than the candidate, the stored context also
 * agrees (as well as at the candidate, give or take) around a stretch apart from it: the
 * highlight may be that stretch, its words deleted or rewritten, and the candidate a copy of
 * them nearby. (Farther away, a similar context is the text's own pattern, as the cue
 * settings around every caption line.)
 */
function contextStandsElsewhere(q: QuoteSearch, c: Candidate): boolean {
  const { text, highlight: h } = q;
  if (!q.near || h.prefix === '' || h.suffix === '') return false;
  const length = h.quote.length;
  // Only a place starting nearer the expected start than the candidate counts.
  const distance = Math.abs(c.start - q.expected);
  const from = Math.max(0, q.near.start - length, q.expected - distance + 1);
  const to = Math.min(text.length, q.near.end + length, q.expected + distance - 1);
  if (to < from) return false;
  const longest = length + length / 2;
  const before = prefixSimilarities(h.prefix, text, from, to);
  // Where the prefix also stands, apart from the candidate (context included: a place
  // shifted by a few words would still have the candidate's own text as context) and nearer
  // where the quote is expected. Rarely anywhere: the suffix is compared only after those.
  const starts: number[] = [];
  for (let start = from; start <= to; start++) {
    if (before[start - from]! < CONTEXT_AGREES || (start > c.start - h.suffix.length && start < c.end + h.prefix.length)) continue;
    if (Math.abs(start - q.expected) < Math.abs(c.start - q.expected)) starts.push(start);
  }
  if (starts.length === 0) return false;
  const afterFrom = starts[0]!;
  // (To the same end as for every start: how far a suffix may stretch is the same.)
  const after = suffixSimilarities(h.suffix, text, afterFrom, Math.min(text.length, to + longest));
  const own = c.prefixSimilarity + c.suffixSimilarity;
  for (const start of starts) {
    const prefix = before[start - from]!;
    for (let end = start; end <= Math.min(text.length, start + longest); end++) {
      if (start < c.start && end > c.start - h.suffix.length) break;
      const suffix = after[end - afterFrom]!;
      if (suffix >= CONTEXT_AGREES && prefix + suffix >= own - CONTEXT_TWIN_MARGIN) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Verdicts

/**
 * An exact occurrence is taken when nothing else comes close and its context agrees on both
 * sides. Once the approximate places are known too (`rivalsKnown`), less will do: an exact
 * quote that is clearly the best place keeps it with one side of its context, or, when it is
 * the only occurrence of a quote long enough not to recur by chance, with its surroundings
 * edited (a passage edited into another copy of the quote would have come close). Two places
 * with the full context are offered for review; otherwise it is an orphan.
 */
function judgeExact(q: QuoteSearch, exact: readonly Candidate[], all: readonly Candidate[], rivalsKnown: boolean): Verdict | undefined {
  const best = bestPlace(q, exact);
  if (!best) return undefined;
  const unique = exact.length === 1;
  const rival = rivalAround(q, best, all);
  const clear = !rival || best.score - rival.score >= EXACT_MARGIN;
  const oneSide = agreesOnOneSide(q, best);
  const bothSides = agreesOnBothSides(best);
  const short = isShortQuote(q.highlight.quote);
  const inPlace = withinWindow(q, best) && (!short || startsNear(q, best));
  if (clear && bothSides && inPlace) return { state: 'moved', candidate: best, reason: 'found the exact quote where its context is' };
  if (!rivalsKnown) return undefined;
  // The only copy of a short quote in the whole text, where the neighbours expect it, is not
  // a chance recurrence when the text around it still recalls the stored context on both
  // sides (a deleted quote's words seldom stand anywhere else, let alone there with its
  // context). Away from there, it may be the other copy of a repeated line, context and all.
  if (clear && unique && short && inPlace && recallsOnBothSides(best)) {
    return { state: 'moved', candidate: best, reason: 'found these few words, only once in the transcript, where their context is' };
  }
  if (clear && (bothSides || oneSide || (unique && !short)) && !inPlace) return { state: 'fuzzy', candidate: best, reason: withinWindow(q, best) ? NOT_QUITE_THERE : OUT_OF_PLACE };
  // (A short quote got here only starting where it was expected.)
  if (clear && oneSide) return { state: 'moved', candidate: best, reason: 'found the exact quote where part of its context is' };
  // With none of its context left, only its position speaks for it: a lone copy elsewhere
  // between the same neighbours may be the quote's words repeated while the quote was rewritten.
  if (clear && unique && !short) return startsNear(q, best) ? { state: 'moved', candidate: best, reason: 'found the exact quote, only once in the transcript' } : { state: 'fuzzy', candidate: best, reason: NOT_WHERE_EXPECTED };
  if (bothSides) {
    const twin = exact.length > 1 ? `the same words occur ${times(exact.length)}` : 'a nearly identical passage occurs too';
    return { state: 'fuzzy', candidate: best, reason: `${twin} with the same text around it: check this is the right one` };
  }
  if (clear && oneSide) return { state: 'fuzzy', candidate: best, reason: `these few words occur ${times(exact.length)} and the text around them changed: check this is the right one` };
  return { state: 'orphaned', reason: unique ? 'found the quote once, but not in its context' : 'the quote occurs several times and its context does not tell which is the highlight' };
}

/**
 * An approximate match is placed without review only when it is the quote with a few words
 * changed, in its context, with nothing else close; otherwise it is offered for review when
 * it is similar enough and nothing rivals it, saying what makes it uncertain.
 */
function judgeApproximate(q: QuoteSearch, best: Candidate, rival: Candidate | undefined): Verdict {
  if (!isAcceptable(q, best)) return { state: 'orphaned', reason: isShortQuote(q.highlight.quote) ? 'a similar short passage, but not in the same context' : 'no passage similar enough to the quote' };
  if (rival && best.score - rival.score < APPROXIMATE_MARGIN) return { state: 'orphaned', reason: 'two equally good places' };
  const clear = !rival || best.score - rival.score >= EXACT_MARGIN;
  const inPlace = withinWindow(q, best);
  // How much of the quote is left, in characters or in words (a timestamp inserted is one
  // word, not twelve characters), whichever says more: once its place is confirmed.
  const kept = clear && inPlace ? Math.max(best.quoteSimilarity, wordSimilarity(q.highlight.quote, q.text.slice(best.start, best.end))) : 0;
  // Its context on both sides or its position between the neighbours confirms the place.
  const confirmed = agreesOnBothSides(best) || (!!q.near && startsNear(q, best));
  const similar = confirmed ? kept >= PLACE_SIMILARITY : best.quoteSimilarity >= PLACE_SIMILARITY_FEW_EDITS;
  const edges = keepsEdgeWords(q, best);
  const short = isShortQuote(q.highlight.quote);
  if (clear && similar && edges && inPlace && !short) {
    return { state: 'moved', candidate: best, reason: agreesOnOneSide(q, best) ? 'found the quote with a few words edited, where its context is' : 'found the quote with a few words edited, between the highlights around it' };
  }
  if (kept >= PINNED_SIMILARITY && pinnedByContext(q, best)) {
    return { state: 'moved', candidate: best, reason: 'found the quote with some words edited, between the words that were around it' };
  }
  // A short quote recurs by chance, but not with the words around one side of it, starting
  // where the highlights around it expect it and ending as it did.
  if (short && kept >= PLACE_SIMILARITY && heldOnOneSide(q, best)) {
    return { state: 'moved', candidate: best, reason: 'found these few words with one edited, next to the words that were around them' };
  }
  // Nor with a word edited between its own first and last words, which stand where its
  // neighbours expect it, with its context on both sides: where it begins and ends is not in
  // doubt (an edited edge word could be a word added beside it: asked, below).
  if (short && kept >= PLACE_SIMILARITY && agreesOnBothSides(best) && startsNear(q, best) && edgesStand(q, best)) {
    return { state: 'moved', candidate: best, reason: 'found these few words with one edited between their first and last, where their context is' };
  }
  const edited = `${Math.round(100 * (1 - best.quoteSimilarity))} % of its characters differ`;
  if (!clear) return { state: 'fuzzy', candidate: best, reason: `another passage is nearly as similar (${edited}): check this is the right one` };
  if (!inPlace) return { state: 'fuzzy', candidate: best, reason: OUT_OF_PLACE };
  if (best.quoteSimilarity < PLACE_SIMILARITY) return { state: 'fuzzy', candidate: best, reason: `many of its words were edited (${edited}): check the highlight still says what was coded` };
  if (short) return { state: 'fuzzy', candidate: best, reason: 'a short quote with a word edited: check it is still the passage that was coded' };
  if (!edges) return { state: 'fuzzy', candidate: best, reason: 'its first or last words were edited: check where the highlight should begin and end' };
  return { state: 'fuzzy', candidate: best, reason: 'found the quote with a few words edited, but the text around it changed too: check it is the right place' };
}

/**
 * Similar enough to be offered at all: 75 % alike, or half alike with the context agreeing on
 * both sides; short quotes also need their context on both sides.
 */
function isAcceptable(q: QuoteSearch, c: Candidate): boolean {
  const similar = c.quoteSimilarity >= MIN_QUOTE_SIMILARITY || (c.quoteSimilarity >= MIN_REVIEW_SIMILARITY && agreesOnBothSides(c));
  return similar && (!isShortQuote(q.highlight.quote) || agreesOnBothSides(c) || (c.quoteSimilarity >= MIN_QUOTE_SIMILARITY && heldOnOneSide(q, c)));
}

/** The reason given for a place found away from the highlights around it. */
const OUT_OF_PLACE = 'found away from the highlights it was between: check it is the right place';
/** The reason given for an exact quote with no context left, found between its neighbours but away from where they put it. */
const NOT_WHERE_EXPECTED = 'found the exact quote, but not where the highlights around it put it: check it is the right place';
/** The reason given for a short quote found between its neighbours but not where it was expected. */
const NOT_QUITE_THERE = 'these few words were found, but not quite where they were: check it is the right place';

/** Whether a place lies between the neighbouring highlights already placed (anywhere, when none are known). */
function withinWindow(q: QuoteSearch, c: Span): boolean {
  return !q.window || (c.start >= q.window.start && c.end <= q.window.end);
}

/** Whether a place starts where the quote is expected, give or take the edits' drift (anywhere, when unknown). */
function startsNear(q: QuoteSearch, c: Span): boolean {
  return !q.near || (c.start >= q.near.start && c.start <= q.near.end);
}

const FIRST_WORD = /^[\p{L}\p{N}]+/u;
const WORD_START = /^[\p{L}\p{N}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The letters and digits that end a quote ('' when it ends otherwise), read back from its
 * end: a regex anchored at the end would be tried at every offset of the quote.
 */
function lastWord(quote: string): string {
  let from = quote.length;
  while (from > 0) {
    const pair = from >= 2 && (quote.charCodeAt(from - 1) & 0xfc00) === 0xdc00 && (quote.charCodeAt(from - 2) & 0xfc00) === 0xd800;
    const unit = pair ? quote.slice(from - 2, from) : quote[from - 1]!;
    if (!(isAsciiWordUnit(unit.charCodeAt(0)) || (unit.charCodeAt(0) >= 128 && LETTER_OR_DIGIT.test(unit)))) break;
    from -= pair ? 2 : 1;
  }
  return quote.slice(from);
}

/**
 * Whether an approximate match begins and ends with the quote's own first and last words:
 * where an edge word was edited, where the highlight should begin or end is a guess, which
 * matters unless those words are a small part of a long quote. Context agreeing closely
 * next to an edited edge word does not settle it: "to be fitted. Nobody" → "to be
 * councilworkersinthevan. Nobody" may have replaced "fitted" or added to it.
 */
function keepsEdgeWords(q: QuoteSearch, c: Candidate): boolean {
  const quote = q.highlight.quote;
  const first = FIRST_WORD.exec(quote)?.[0] ?? quote.slice(0, 1);
  const last = lastWord(quote) || quote.slice(-1);
  if (first.length + last.length <= EDGE_SHARE * quote.length) return true;
  return editedEdgesAreSmall(q, c);
}

/** Whether the quote's own first and last words, whole, begin and end the place. */
function edgesStand(q: QuoteSearch, c: Span): boolean {
  const { startsWell, endsWell } = edgeWordsStand(q, c);
  return startsWell && endsWell;
}

/** Whether the quote's own first (last) word, whole, begins (ends) the place. */
function edgeWordsStand(q: QuoteSearch, c: Span): { startsWell: boolean; endsWell: boolean } {
  const quote = q.highlight.quote;
  const first = FIRST_WORD.exec(quote)?.[0] ?? quote.slice(0, 1);
  const last = lastWord(quote) || quote.slice(-1);
  // Whole words: "the" at the start of "thereafter" is not the quote's first word.
  const wordAt = (at: number) => at >= 0 && at < q.text.length && WORD_START.test(q.text[at]!);
  return {
    startsWell: q.text.startsWith(first, c.start) && !(FIRST_WORD.test(quote) && (wordAt(c.start - 1) || wordAt(c.start + first.length))),
    endsWell: q.text.endsWith(last, c.end) && !(lastWord(quote) !== '' && (wordAt(c.end) || wordAt(c.end - last.length - 1))),
  };
}

/**
 * Whether the context pins both ends of a place where the neighbouring highlights expect it:
 * each side agrees closely with the stored context, and both boundaries are marked (below).
 * Then the place is the highlight's, not a look-alike's, and its boundaries are where the
 * quote's were.
 */
function pinnedByContext(q: QuoteSearch, c: Candidate): boolean {
  return c.prefixSimilarity >= CONTEXT_PINS && c.suffixSimilarity >= CONTEXT_PINS && boundariesMarked(q, c);
}

/** As pinnedByContext, with one side of the context agreeing closely (the other may have been edited). */
function heldOnOneSide(q: QuoteSearch, c: Candidate): boolean {
  return (c.prefixSimilarity >= CONTEXT_PINS || c.suffixSimilarity >= CONTEXT_PINS) && boundariesMarked(q, c);
}

/**
 * Whether a place starts where the neighbouring highlights expect it and unedited words mark
 * each of its ends (the quote's own edge word, or the two words next to it in the stored
 * context standing right against it), with its edited edge words too small a part of it to matter.
 */
function boundariesMarked(q: QuoteSearch, c: Span): boolean {
  if (!q.near || !startsNear(q, c)) return false;
  const { startsWell, endsWell } = edgeWordsStand(q, c);
  const marks = contextMarks(q, c);
  return (startsWell || marks.before) && (endsWell || marks.after) && editedEdgesAreSmall(q, c);
}

/** Whether the two words of the stored context nearest the quote stand right against the place, before and after it. */
function contextMarks(q: QuoteSearch, c: Span): { before: boolean; after: boolean } {
  const { text, highlight: h } = q;
  const written = contextWritten(h);
  return {
    before: h.prefix === '' ? written && c.start === 0 : text.endsWith(h.prefix.slice(markingPrefixStart(h.prefix)), c.start),
    after: h.suffix === '' ? written && c.end === text.length : text.startsWith(h.suffix.slice(0, markingSuffixEnd(h.suffix)), c.end),
  };
}

/**
 * Edited edge words this small a part of the quote leave its extent open by too little to
 * matter (the place still covers 85 % of the truth or more).
 */
const OPEN_EDGE_SHARE = 0.15;

/**
 * Whether the quote's edited edge words are a small part of it. Where the quote's own first
 * (last) word does not begin (end) the place, the token there and the space after (before)
 * it are a guess: an edited edge word may as well be a word inserted next to the quote ("We
 * the it? to, to the is" for "We the about to, to the is"), and a boundary fitted inside a
 * token ("00:27:41|,500") may belong anywhere in it.
 */
function editedEdgesAreSmall(q: QuoteSearch, c: Span): boolean {
  const { startsWell, endsWell } = edgeWordsStand(q, c);
  const open = (startsWell ? 0 : tokenAt(q.text, c.start, 'start')) + (endsWell ? 0 : tokenAt(q.text, c.end, 'end'));
  return open <= OPEN_EDGE_SHARE * q.highlight.quote.length;
}

const SPACE = /\s/u;

/** Length of the whitespace-delimited token a boundary touches, with the space after (a start) or before (an end) it. */
function tokenAt(text: string, at: number, edge: 'start' | 'end'): number {
  const isSpace = (i: number) => i < 0 || i >= text.length || SPACE.test(text[i]!);
  let from = at;
  let to = at;
  while (!isSpace(from - 1)) from--;
  while (!isSpace(to)) to++;
  if (edge === 'start') while (to < text.length && isSpace(to)) to++;
  else while (from > 0 && isSpace(from - 1)) from--;
  return to - from;
}

/**
 * Words of the stored context that mark a boundary when they stand right against it: two,
 * as one recurs too easily ("fitting shower the the" losing "shower" still has "the" after "fitting").
 */
const MARKING_WORDS = 2;

/** Where the last MARKING_WORDS words of `s` begin (0 when it has fewer: all of it marks the edge). */
function markingPrefixStart(s: string): number {
  let at = s.length;
  for (let word = 0; word < MARKING_WORDS; word++) {
    while (at > 0 && !isWordUnit(s, at - 1)) at--;
    while (at > 0 && isWordUnit(s, at - 1)) at--;
  }
  return at;
}

/** Where the first MARKING_WORDS words of `s` end (its length when it has fewer). */
function markingSuffixEnd(s: string): number {
  let at = 0;
  for (let word = 0; word < MARKING_WORDS; word++) {
    while (at < s.length && !isWordUnit(s, at)) at++;
    while (at < s.length && isWordUnit(s, at)) at++;
  }
  return at;
}

function agreesOnOneSide(q: QuoteSearch, c: Candidate): boolean {
  return c.prefixSimilarity >= CONTEXT_AGREES || c.suffixSimilarity >= CONTEXT_AGREES || (q.highlight.prefix === '' && q.highlight.suffix === '');
}

/**
 * Context this similar to the stored one is above what chance gives (unrelated text of a
 * context's length agrees about 0.3–0.45): with a few of its words edited, it still recalls it.
 */
const CONTEXT_RECALLS = 0.5;

function recallsOnBothSides(c: Candidate): boolean {
  return c.prefixSimilarity >= CONTEXT_RECALLS && c.suffixSimilarity >= CONTEXT_RECALLS;
}

export function agreesOnBothSides(c: Candidate): boolean {
  return c.prefixSimilarity >= CONTEXT_AGREES && c.suffixSimilarity >= CONTEXT_AGREES;
}

export function isShortQuote(quote: string): boolean {
  return codePointLength(quote) < SHORT_QUOTE;
}

function times(n: number): string {
  return n === 2 ? 'twice' : `${n} times`;
}

/** The best-scored candidate that does not overlap `best` (candidates come sorted). */
function rivalOf(best: Candidate, sorted: readonly Candidate[]): Candidate | undefined {
  return sorted.find((c) => c !== best && !overlaps(c, best));
}

/**
 * The best place (candidates come sorted): the best between the highlights placed around
 * the quote, when one there is similar enough, else the best anywhere. Text edits keep
 * passages in order, so a look-alike beyond a neighbour (a passage the interview repeats,
 * context and all) cannot be the highlight, however well it scores.
 */
function bestPlace(q: QuoteSearch, sorted: readonly Candidate[]): Candidate | undefined {
  return sorted.find((c) => withinWindow(q, c) && (c.exact || isAcceptable(q, c))) ?? sorted[0];
}

/** The rival of a place: for one between the neighbours, the best other place between them (see bestPlace). */
function rivalAround(q: QuoteSearch, best: Candidate, sorted: readonly Candidate[]): Candidate | undefined {
  return rivalOf(best, withinWindow(q, best) ? sorted.filter((c) => withinWindow(q, c)) : sorted);
}

// ---------------------------------------------------------------------------------------
// Candidates

function exactCandidates(q: QuoteSearch): Candidate[] {
  const { text } = q;
  const quote = q.highlight.quote;
  let starts = (q.words?.occurrences(quote) ?? occurrences(text, quote)).filter((at) => !splitsCharacter(text, at, at + quote.length, quote) && !splitsWord(text, at, at + quote.length, q.highlight));
  if (starts.length > MAX_EXACT_CANDIDATES) starts = nearest(starts, q.expected, MAX_EXACT_CANDIDATES);
  return starts
    .map((start) => ({ start, end: start + quote.length }))
    .filter((span) => !q.accept || q.accept(span))
    .map((span) => scoreCandidate(q, span, 0, true))
    .sort(byScore);
}

/**
 * Approximate matches, masking the exact ones. The matcher reports only the matches with the
 * fewest errors in what it searches, and costs about (quote length / 32) × length searched,
 * so it searches little: first where the quote is expected (between its
 * neighbours, give or take the edits' drift; a few thousand units around the stored offset
 * without neighbours), with Hypothesis' budget of half the quote; then, for rivals, only
 * where the quote's rare words line up other than as in the best match, allowing only as
 * many errors as a rival with perfect context could have and still come within the margin
 * of the best (nothing found where expected: the quote itself, with the whole budget).
 * Given `regions` (new text the diff found), it searches those instead.
 */
function approximateCandidates(q: QuoteSearch & { words: WordIndex }, exact: readonly Candidate[]): Candidate[] {
  const quote = q.highlight.quote;
  const cap = Math.min(MAX_ERRORS, Math.floor(quote.length / 2));
  if (q.regions) return searchWithRivals(q, cap, q.regions, q.regions, exact);
  // Room for the whole quote on either side of where it may start, so the area never cuts a match short.
  const expected = clampSpan(q.text, q.near ? { start: q.near.start - quote.length, end: q.near.end + 2 * quote.length } : searchWindow(q));
  const rivalAreas = (budget: number, best?: Candidate) => {
    const between = best && confirmedByNeighbours(q, best) ? q.window : undefined;
    return q.words.likelyPlaces(quote, budget, best, between).map((s) => clampSpan(q.text, between ? intersection(s, between) : s));
  };
  return searchWithRivals(q, cap, [expected], rivalAreas, exact);
}

/** Whether the neighbours on both sides confirm a place: it lies between them, where they expect it. */
function confirmedByNeighbours(q: QuoteSearch, c: Candidate): boolean {
  return !!q.between && !!q.window && !!q.near && withinWindow(q, c) && startsNear(q, c) && isAcceptable(q, c);
}

function intersection(a: Span, b: Span): Span {
  return { start: Math.max(a.start, b.start), end: Math.min(a.end, b.end) };
}

/**
 * The best matches in `first`, then up to MAX_RIVAL_PASSES passes for rivals in `rivals`
 * (the areas for a budget), what was found masked each time.
 */
function searchWithRivals(q: QuoteSearch, cap: number, first: readonly Span[], rivals: readonly Span[] | ((budget: number, best?: Candidate) => Span[]), exact: readonly Candidate[]): Candidate[] {
  const quote = compile(q.highlight.quote);
  const masked: Span[] = [...exact];
  let tier = searchTier(q.text, quote, cap, first, masked, true);
  const found = candidatesOf(q, tier, quote);
  for (let pass = 0; pass < MAX_RIVAL_PASSES; pass++) {
    const best = found.length > 0 ? found.reduce((a, b) => (b.score > a.score ? b : a)) : undefined;
    // Nothing where it was expected: look for the quote itself where its words are.
    const forRivals = !!best && isAcceptable(q, best);
    const budget = forRivals ? rivalBudget(best, quote.length, cap) : cap;
    masked.push(...tier);
    const areas = typeof rivals === 'function' ? rivals(budget, best) : rivals;
    // Even the quote itself, when nothing acceptable was where it was expected, is seldom
    // close elsewhere (measured on the long transcript at 10 %: 4 of 747 such searches found
    // a match within an eighth of the quote), so the whole budget is spent at once.
    tier = searchTier(q.text, quote, budget, areas, masked, false);
    if (tier.length === 0) break;
    found.push(...candidatesOf(q, tier, quote));
  }
  return found;
}

function clampSpan(text: string, s: Span): Span {
  return { start: Math.max(0, Math.floor(s.start)), end: Math.min(text.length, Math.max(0, Math.ceil(s.end))) };
}

/** The most errors a match can have and still, with perfect context, score within the margin of the best. */
function rivalBudget(best: Candidate, quoteLength: number, maxErrors: number): number {
  const affordableLoss = (TOTAL_WEIGHT * (1 - best.score + APPROXIMATE_MARGIN)) / WEIGHTS.quote;
  return Math.max(0, Math.min(maxErrors, Math.floor(affordableLoss * quoteLength)));
}

/**
 * Approximate matches in each area, with the spans already found masked out. `likely`:
 * whether the quote itself may well be there (rivals seldom are), which only decides how
 * the matcher spends its budget.
 */
function searchTier(text: string, quote: Pattern, maxErrors: number, areas: readonly Span[], masked: readonly Span[], likely: boolean): Match[] {
  return areas.flatMap((area) => {
    if (area.end <= area.start) return [];
    const inside = masked.filter((m) => m.start < area.end && m.end > area.start).map((m) => ({ start: m.start - area.start, end: m.end - area.start }));
    const slice = mask(text.slice(area.start, area.end), inside);
    return bestMatches(quote, slice, maxErrors, likely).map((m) => ({ start: m.start + area.start, end: m.end + area.start, errors: m.errors }));
  });
}

/** A few thousand units around the expected place: where a quote is looked for when no neighbours tell. */
function searchWindow(q: QuoteSearch): Span {
  const reach = Math.max(4000, 8 * q.highlight.quote.length);
  return { start: Math.max(0, q.expected - reach), end: Math.min(q.text.length, q.expected + q.highlight.quote.length + reach) };
}

/** Scores a tier's matches and keeps the best of each group of overlapping ones. */
function candidatesOf(q: QuoteSearch, matches: readonly Match[], pattern: Pattern): Candidate[] {
  const scored = fewestErrorsApart(matches)
    .map((m) => fitBoundaries(q, m, pattern))
    .filter((m) => !splitsCharacter(q.text, m.start, m.end, q.highlight.quote) && (!q.accept || q.accept(m)))
    .map((m) => scoreCandidate(q, m, m.errors, false))
    .sort(byScore);
  const kept: Candidate[] = [];
  for (const c of scored) if (!kept.some((k) => overlaps(k, c))) kept.push(c);
  return kept;
}

/**
 * Of each run of overlapping matches (the matcher reports every end with the fewest errors:
 * "over Th", "over Tha", "over That"), the one with the fewest errors, nearest the start.
 * Fitting its boundaries then reaches the others' places.
 */
function fewestErrorsApart(matches: readonly Match[]): Match[] {
  const kept: Match[] = [];
  for (const m of [...matches].sort((a, b) => a.errors - b.errors || a.start - b.start)) if (!kept.some((k) => overlaps(k, m))) kept.push(m);
  return kept;
}

/**
 * The matcher reports the span with the fewest errors, which after words were inserted near
 * an end of the quote often stops at an earlier copy of its last word ("I you had | no mum
 * there had") or starts inside the words before its first: fewer characters to account for.
 * Where a highlight begins and ends is where its text and its context agree best together,
 * so each boundary is moved, within reach, to where the score's own weights (quote
 * similarity and that side's context) are highest: the end first, with the start as found,
 * then the start. Boundaries are tried at word edges (where the quote's edge is a word's) and
 * where the quote's first (last) character is; the matcher's own, at the nearest word edge,
 * always competes.
 */
function fitBoundaries(q: QuoteSearch, m: Match, pattern: Pattern): Match {
  const { text, highlight: h } = q;
  const quote = h.quote;
  const edges = boundaryRules(h);
  // A boundary at an edge like the quote's own, with its context agreeing closely, is settled.
  const written = contextWritten(h);
  const startSettled = edges.canStart(text, m.start) && prefixSimilarity(h.prefix, text, m.start, written) >= CONTEXT_PINS;
  const endSettled = edges.canEnd(text, m.end) && suffixSimilarity(h.suffix, text, m.end, written) >= CONTEXT_PINS;
  if (startSettled && endSettled) return m;
  const reach = Math.min(MAX_BOUNDARY_REACH, 8 + Math.ceil(quote.length / 3));
  const weigh = (errors: number, context: number, weight: number) => WEIGHTS.quote * (1 - errors / quote.length) + weight * context;

  let end = m.end;
  if (!endSettled) {
    const endLimit = Math.min(text.length, m.end + reach);
    const endFrom = Math.max(m.start + 1, m.end - reach);
    const toEnd = lastRow(pattern, text, false, m.start, endLimit, false, endRows.for(endLimit - m.start));
    const suffixes = suffixSimilarities(h.suffix, text, endFrom, endLimit, written);
    const endAt = (e: number) => weigh(toEnd[e - m.start]!, e >= endFrom ? suffixes[e - endFrom]! : suffixSimilarity(h.suffix, text, e, written), WEIGHTS.suffix);
    end = edges.wordEnd ? wordEdge(text, m.end) : m.end;
    if (end <= m.start || end > endLimit) end = m.end;
    let best = endAt(end);
    for (let e = endFrom; e <= endLimit; e++) {
      if (e === end || !edges.canEnd(text, e)) continue;
      const score = endAt(e);
      if (score > best) [best, end] = [score, e];
    }
  }

  const startLimit = startSettled ? m.start : Math.max(0, m.start - reach);
  // Entry j: the distance from the quote to the j units ending at `end`.
  const toStart = lastRow(pattern.reversed(), text, false, startLimit, end, true, startRows.for(end - startLimit));
  let start = startSettled || !edges.wordStart ? m.start : wordEdge(text, m.start);
  if (start < startLimit || start >= end) start = Math.min(m.start, end - 1);
  if (!startSettled) {
    const startTo = Math.min(end - 1, m.start + reach);
    const prefixes = prefixSimilarities(h.prefix, text, startLimit, startTo, written);
    const startAt = (s: number) => weigh(toStart[end - s]!, s <= startTo ? prefixes[s - startLimit]! : prefixSimilarity(h.prefix, text, s, written), WEIGHTS.prefix);
    let best = startAt(start);
    for (let s = startLimit; s <= startTo; s++) {
      if (s === start || !edges.canStart(text, s)) continue;
      const score = startAt(s);
      if (score > best) [best, start] = [score, s];
    }
  }
  return { start, end, errors: toStart[end - start]! };
}

/** The errors at each end (start) fitBoundaries weighs, in rows kept for it. */
const endRows = new RowBuffer();
const startRows = new RowBuffer();

/**
 * Where a fitted boundary may fall: where the quote's first (last) character is, not inside
 * a word when the quote begins (ends) a word; or at any word's edge, as the edge word itself
 * may have been edited.
 */
function boundaryRules(h: StoredAnchor) {
  const quote = h.quote;
  const first = quote.charCodeAt(0);
  const last = quote.charCodeAt(quote.length - 1);
  const firstIsWord = isWordUnit(quote, 0);
  const lastIsWord = isWordUnit(quote, quote.length - 1);
  // Whether the quote begins (ends) at a word's edge, as snapping the result will assume.
  const wordStart = !isWordUnit(h.prefix, h.prefix.length - 1) || !firstIsWord;
  const wordEnd = !isWordUnit(h.suffix, 0) || !lastIsWord;
  return {
    wordStart,
    wordEnd,
    canStart: (text: string, s: number) => (text.charCodeAt(s) === first && !(firstIsWord && wordStart && isWordUnit(text, s - 1))) || (wordStart && isWordUnit(text, s) && !isWordUnit(text, s - 1)),
    canEnd: (text: string, e: number) => (text.charCodeAt(e - 1) === last && !(lastIsWord && wordEnd && isWordUnit(text, e))) || (wordEnd && isWordUnit(text, e - 1) && !isWordUnit(text, e)),
  };
}

/**
 * Whether [start, end) cuts a word the quote did not cut: its stored context shows it began
 * (ended) at a word's edge, and the text there runs on ("the the" at the start of "the there" is not the quote).
 */
export function splitsWord(text: string, start: number, end: number, h: StoredAnchor): boolean {
  // Stored context says so only when there is some (an empty one just means the text's edge).
  const spaceBefore = h.prefix.length > 0 && !isWordUnit(h.prefix, h.prefix.length - 1);
  const spaceAfter = h.suffix.length > 0 && !isWordUnit(h.suffix, 0);
  return (spaceBefore && isWordUnit(h.quote, 0) && isWordUnit(text, start - 1)) || (spaceAfter && isWordUnit(h.quote, h.quote.length - 1) && isWordUnit(text, end));
}

const WORD_UNIT = /[\p{L}\p{N}\p{M}]/u;

function isWordUnit(s: string, at: number): boolean {
  if (at < 0 || at >= s.length) return false;
  const unit = s.charCodeAt(at);
  return unit < 128 ? isAsciiWordUnit(unit) : WORD_UNIT.test(s[at]!);
}

/** Whether an ASCII unit is a letter or a digit. */
function isAsciiWordUnit(unit: number): boolean {
  return (unit >= 97 && unit <= 122) || (unit >= 65 && unit <= 90) || (unit >= 48 && unit <= 57);
}

/** The nearer edge of the word `at` falls inside (`at` itself when between words). */
function wordEdge(text: string, at: number): number {
  if (!isWordUnit(text, at - 1) || !isWordUnit(text, at)) return at;
  let back = at;
  while (back > at - MAX_BOUNDARY_REACH && isWordUnit(text, back - 1)) back--;
  let forward = at;
  while (forward < at + MAX_BOUNDARY_REACH && isWordUnit(text, forward)) forward++;
  return at - back <= forward - at ? back : forward;
}

function scoreCandidate(q: QuoteSearch, span: Span, errors: number, exact: boolean): Candidate {
  const h = q.highlight;
  const quoteSimilarity = 1 - errors / h.quote.length;
  const written = contextWritten(h);
  const prefix = prefixSimilarity(h.prefix, q.text, span.start, written);
  const suffix = suffixSimilarity(h.suffix, q.text, span.end, written);
  const position = 1 - Math.min(1, Math.abs(span.start - q.expected) / Math.max(1, q.text.length));
  const score = (WEIGHTS.quote * quoteSimilarity + WEIGHTS.prefix * prefix + WEIGHTS.suffix * suffix + WEIGHTS.position * position) / TOTAL_WEIGHT;
  return { start: span.start, end: span.end, exact, quoteSimilarity, prefixSimilarity: prefix, suffixSimilarity: suffix, score };
}

// ---------------------------------------------------------------------------------------
// Helpers

const byScore = (a: Candidate, b: Candidate) => b.score - a.score || a.start - b.start;

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function nearest(starts: readonly number[], expected: number, count: number): number[] {
  return [...starts].sort((a, b) => Math.abs(a - expected) - Math.abs(b - expected)).slice(0, count);
}

/** Replaces spans with a noncharacter, so searching again cannot find them. */
function mask(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    const start = Math.max(at, s.start);
    const end = Math.min(text.length, s.end);
    if (end <= start) continue;
    out += text.slice(at, start) + '\uffff'.repeat(end - start);
    at = end;
  }
  return out + text.slice(at);
}

const MARK = /\p{M}/u;

/** Whether offset `at` falls inside a character: within a surrogate pair, or before a combining accent. */
export function insideCharacter(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const unit = text.charCodeAt(at);
  if ((unit & 0xfc00) === 0xdc00 && (text.charCodeAt(at - 1) & 0xfc00) === 0xd800) return true;
  return MARK.test(String.fromCodePoint(text.codePointAt(at)!));
}

/**
 * Whether [start, end) cuts a character in two ("cafe" inside "cafe\u0301" is a different
 * word). A quote that itself begins with an accent may begin before one.
 */
function splitsCharacter(text: string, start: number, end: number, quote: string): boolean {
  const quoteStartsWithMark = quote.length > 0 && MARK.test(String.fromCodePoint(quote.codePointAt(0)!));
  return (insideCharacter(text, start) && !quoteStartsWithMark) || insideCharacter(text, end);
}

/** Code points in a string (a lone surrogate counts as one, as in CodePointIndex). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}
