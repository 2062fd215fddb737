/**
 * Finding a highlight by its quote when its position no longer holds and no diff placed it:
 * exact occurrences first, then approximate ones (Myers' algorithm, via approx-string-match),
 * each scored Hypothesis-style on quote, prefix, suffix and position. Unlike Hypothesis, the
 * verdict refuses to choose between look-alikes: a place is taken only when its context
 * agrees and no other place comes close, and anything approximate is offered for review.
 *
 * All offsets are UTF-16 code units of the current text.
 */
import search from 'approx-string-match';
import type { StoredAnchor } from '../model';
import { prefixSimilarity, suffixSimilarity } from './similarity';

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

export type Verdict =
  | { state: 'moved' | 'fuzzy'; candidate: Candidate; reason: string }
  | { state: 'orphaned'; reason: string };

export interface QuoteSearch {
  text: string;
  highlight: StoredAnchor;
  /** Where the quote is expected (UTF-16), for the position score and the first search window. */
  expected: number;
  /** Look only inside these regions (approximate search) ... */
  regions?: readonly Span[];
  /** ... and count only the places this accepts (used to look only in newly inserted text). */
  accept?: (span: Span) => boolean;
}

/** Quotes shorter than this (code points) must have both context sides agree to be placed approximately. */
export const SHORT_QUOTE = 40;
/** A context side agrees when its similarity reaches this. */
export const CONTEXT_AGREES = 0.7;
/** The least quote similarity an approximate match needs (the measured B75 rule). */
const MIN_QUOTE_SIMILARITY = 0.75;
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
/** Whole-text passes that look for rival approximate matches after the first. */
const MAX_RIVAL_PASSES = 3;

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const TOTAL_WEIGHT = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

export function findByQuote(q: QuoteSearch): Verdict {
  const quote = q.highlight.quote;
  if (quote.length === 0) return { state: 'orphaned', reason: 'the quote is empty' };
  const exact = exactCandidates(q);
  const exactVerdict = judgeExact(q, exact, exact);
  if (exactVerdict?.state === 'moved') return exactVerdict;

  const approximate = quote.length >= MIN_APPROXIMATE_LENGTH ? approximateCandidates(q, exact) : [];
  const all = [...exact, ...approximate].sort(byScore);
  const best = all[0];
  if (!best) return { state: 'orphaned', reason: 'no passage like the quote was found' };
  if (best.exact) return judgeExact(q, exact, all)!;
  return judgeApproximate(q, best, rivalOf(best, all));
}

// ---------------------------------------------------------------------------------------
// Verdicts

/**
 * An exact occurrence is taken when nothing else comes close and its context agrees: on
 * one side if it is the only occurrence, on both if there are look-alikes. With less
 * context it is offered for review (a long quote found once needs none), and when two
 * places have the full context neither is chosen silently. Otherwise it is an orphan.
 */
function judgeExact(q: QuoteSearch, exact: readonly Candidate[], all: readonly Candidate[]): Verdict | undefined {
  const best = exact[0];
  if (!best) return undefined;
  const unique = exact.length === 1;
  const rival = rivalOf(best, all);
  const clear = !rival || best.score - rival.score >= EXACT_MARGIN;
  const oneSide = agreesOnOneSide(q, best);
  const bothSides = agreesOnBothSides(best);
  if (clear && bothSides) return { state: 'moved', candidate: best, reason: 'found the exact quote where its context is' };
  if (clear && oneSide) return { state: 'fuzzy', candidate: best, reason: 'found the exact quote where part of its context is' };
  if (clear && unique && !isShortQuote(q.highlight.quote)) return { state: 'fuzzy', candidate: best, reason: 'found the exact quote once, but its surroundings changed' };
  if (bothSides) return { state: 'fuzzy', candidate: best, reason: 'two equally good places' };
  return { state: 'orphaned', reason: unique ? 'found the quote once, but not in its context' : 'the quote occurs several times and its context does not tell which is the highlight' };
}

/** An approximate match is only ever offered for review, and only when nothing rivals it. */
function judgeApproximate(q: QuoteSearch, best: Candidate, rival: Candidate | undefined): Verdict {
  if (best.quoteSimilarity < MIN_QUOTE_SIMILARITY) return { state: 'orphaned', reason: 'no passage similar enough to the quote' };
  if (!isAcceptable(q, best)) return { state: 'orphaned', reason: 'a similar short passage, but not in the same context' };
  if (rival && best.score - rival.score < APPROXIMATE_MARGIN) return { state: 'orphaned', reason: 'two equally good places' };
  return { state: 'fuzzy', candidate: best, reason: 'a similar passage in a similar context' };
}

/** Similar enough to be offered at all: short quotes also need their context on both sides. */
function isAcceptable(q: QuoteSearch, c: Candidate): boolean {
  return c.quoteSimilarity >= MIN_QUOTE_SIMILARITY && (!isShortQuote(q.highlight.quote) || agreesOnBothSides(c));
}

function agreesOnOneSide(q: QuoteSearch, c: Candidate): boolean {
  return c.prefixSimilarity >= CONTEXT_AGREES || c.suffixSimilarity >= CONTEXT_AGREES || (q.highlight.prefix === '' && q.highlight.suffix === '');
}

export function agreesOnBothSides(c: Candidate): boolean {
  return c.prefixSimilarity >= CONTEXT_AGREES && c.suffixSimilarity >= CONTEXT_AGREES;
}

export function isShortQuote(quote: string): boolean {
  return codePointLength(quote) < SHORT_QUOTE;
}

/** The best-scored candidate that does not overlap `best` (candidates come sorted). */
function rivalOf(best: Candidate, sorted: readonly Candidate[]): Candidate | undefined {
  return sorted.find((c) => c !== best && !overlaps(c, best));
}

// ---------------------------------------------------------------------------------------
// Candidates

function exactCandidates(q: QuoteSearch): Candidate[] {
  const { text } = q;
  const quote = q.highlight.quote;
  let starts: number[] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    if (!splitsCharacter(text, at, at + quote.length, quote)) starts.push(at);
  }
  if (starts.length > MAX_EXACT_CANDIDATES) starts = nearest(starts, q.expected, MAX_EXACT_CANDIDATES);
  return starts
    .map((start) => ({ start, end: start + quote.length }))
    .filter((span) => !q.accept || q.accept(span))
    .map((span) => scoreCandidate(q, span, 0, true))
    .sort(byScore);
}

/**
 * Approximate matches, masking the exact ones. The first pass looks for an acceptable
 * match (quote similarity ≥ 0.75) near the expected place, then in the whole text.
 * approx-string-match reports only the matches with the fewest errors, so rivals are found
 * by masking what was found and searching again, allowing as many errors as a rival with
 * perfect context could have and still come within the margin of the best (at most
 * Hypothesis' budget of half the quote). Bounding the errors this way is what keeps the
 * passes cheap: Myers' algorithm costs about (errors / 32) × text length.
 */
function approximateCandidates(q: QuoteSearch, exact: readonly Candidate[]): Candidate[] {
  const quote = q.highlight.quote;
  const cap = Math.min(MAX_ERRORS, Math.floor(quote.length / 2));
  const acceptable = Math.min(cap, Math.floor((1 - MIN_QUOTE_SIMILARITY) * quote.length));
  const everywhere = q.regions ?? [{ start: 0, end: q.text.length }];
  let masked = mask(q.text, exact);
  let tier = q.regions ? [] : searchTier(masked, quote, acceptable, [searchWindow(q)]);
  if (tier.length === 0) tier = searchTier(masked, quote, acceptable, everywhere);
  const found = candidatesOf(q, tier);
  if (found.length === 0) return [];
  for (let pass = 0; pass < MAX_RIVAL_PASSES; pass++) {
    // Rivals only matter to a best match that could be accepted; until there is one, look
    // only for acceptable matches (a short quote's wide budget finds noise everywhere).
    const best = found.reduce((a, b) => (b.score > a.score ? b : a));
    const budget = isAcceptable(q, best) ? rivalBudget(best, quote.length, cap) : acceptable;
    masked = mask(masked, tier);
    tier = searchTier(masked, quote, budget, everywhere);
    if (tier.length === 0) break;
    found.push(...candidatesOf(q, tier));
  }
  return found;
}

/** The most errors a match can have and still, with perfect context, score within the margin of the best. */
function rivalBudget(best: Candidate, quoteLength: number, maxErrors: number): number {
  const affordableLoss = (TOTAL_WEIGHT * (1 - best.score + APPROXIMATE_MARGIN)) / WEIGHTS.quote;
  return Math.max(0, Math.min(maxErrors, Math.floor(affordableLoss * quoteLength)));
}

interface Match extends Span {
  errors: number;
}

function searchTier(text: string, quote: string, maxErrors: number, areas: readonly Span[]): Match[] {
  return areas.flatMap((area) => {
    const slice = area.start === 0 && area.end === text.length ? text : text.slice(area.start, area.end);
    return search(slice, quote, maxErrors).map((m) => ({ start: m.start + area.start, end: m.end + area.start, errors: m.errors }));
  });
}

/** The region searched first: a few thousand units around the expected place. */
function searchWindow(q: QuoteSearch): Span {
  const reach = Math.max(4000, 8 * q.highlight.quote.length);
  return { start: Math.max(0, q.expected - reach), end: Math.min(q.text.length, q.expected + q.highlight.quote.length + reach) };
}

/** Scores a tier's matches and keeps the best of each group of overlapping ones. */
function candidatesOf(q: QuoteSearch, matches: readonly Match[]): Candidate[] {
  const scored = matches
    .filter((m) => !splitsCharacter(q.text, m.start, m.end, q.highlight.quote) && (!q.accept || q.accept(m)))
    .map((m) => scoreCandidate(q, m, m.errors, false))
    .sort(byScore);
  const kept: Candidate[] = [];
  for (const c of scored) if (!kept.some((k) => overlaps(k, c))) kept.push(c);
  return kept;
}

function scoreCandidate(q: QuoteSearch, span: Span, errors: number, exact: boolean): Candidate {
  const h = q.highlight;
  const quoteSimilarity = 1 - errors / h.quote.length;
  const prefix = prefixSimilarity(h.prefix, q.text, span.start);
  const suffix = suffixSimilarity(h.suffix, q.text, span.end);
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
    if (s.end <= start) continue;
    out += text.slice(at, start) + '\uffff'.repeat(s.end - start);
    at = s.end;
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
