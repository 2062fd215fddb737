/**
 * Re-anchoring: where is each highlight in the current text of its transcript?
 *
 * The pipeline follows the measurements in the performance notes (A4, B1):
 *   1. the stored position still holds the quote              → anchored
 *      (with the old text known, only before its first change: after it, the diff decides)
 *   2. the transcript's old text is known: map through a diff → moved / fuzzy, or "deleted"
 *   3. exact occurrences of the quote, judged by their context → moved / fuzzy / orphaned
 *   4. approximate occurrences, thresholded, never between rivals → fuzzy / orphaned
 *   5. nothing                                                 → orphaned (kept, reported)
 *
 * The rule above all: never place a highlight on a look-alike passage silently. Quote-only
 * matching picks a duplicate or finds a deleted short quote in unrelated text far too often
 * (72 % in the measurements), so a highlight is only `anchored`/`moved` where the diff or
 * an unambiguous, context-confirmed exact quote puts it; anything else is `fuzzy` (for the
 * researcher to confirm) or `orphaned`. Text the diff says was deleted is never looked for
 * in text that already existed before.
 *
 * Offsets in and out are code points; the work happens in UTF-16 and is converted at the edges.
 */
import type { AnchorState, StoredAnchor } from '../model';
import { CodePointIndex } from '../text';
import { TextDiff } from './diff-map';
import { agreesOnBothSides, CONTEXT_AGREES, EDGE_WORD_DOUBLED, edgeWordDoubled, findByQuote, findExactly, insideCharacter, isShortQuote, splitsWord, type Span, type Verdict } from './quote-search';
import { Landmarks, type Neighbourhood } from './landmarks';
import { prefixSimilarity, suffixSimilarity } from './similarity';
import { WordIndex } from './word-index';

export interface AnchorResult {
  readonly id: string;
  readonly state: AnchorState;
  readonly start: number;
  readonly end: number;
  /** the text now at [start,end) */
  readonly quote: string;
  /** 0..1 */
  readonly confidence: number;
  /** short human reason, e.g. 'mapped through the transcript diff', 'two equally good places' */
  readonly reason: string;
}

export interface AnchoringInput {
  /** The transcript's current normalised text. */
  text: string;
  /** The transcript as of the stored offsets (from git), when known. */
  oldText?: string;
  highlights: readonly StoredAnchor[];
}

/** A quote edited in place but at least this similar to its old self is still simply `moved`. */
const MOVED_SIMILARITY = 0.8;
/** Text found where the diff says the quote was deleted must be mostly new text to be considered. */
const MIN_INSERTED_SHARE = 0.5;

export function anchorHighlights(input: AnchoringInput): AnchorResult[] {
  return new AnchoringSession(input.text, input.oldText).anchorAll(input.highlights);
}

/** Why a highlight the diff placed is offered for review rather than moved. */
export const TWIN_REASON = 'the same words were next to it and one copy was deleted: which one is a guess';
/**
 * Farthest apart (UTF-16 units) two copies of a quote can be for a diff to confuse them: a
 * longer stretch without one unchanged word is a rewrite, which the other rules handle.
 */
const MAX_TWIN_GAP = 400;

/** What the diff says about one highlight. */
type DiffOutcome = { placed: AnchorResult } | { deleted: string } | undefined;

class AnchoringSession {
  private readonly index: CodePointIndex;
  private readonly oldIndex?: CodePointIndex;
  /** Computed on first need: most loads change nothing and never pay for a diff. */
  private diff?: TextDiff;
  /** Where each word of the text is, built when a quote is first searched for. */
  private words?: WordIndex;
  /** UTF-16 length of the start the old and new texts share (all of it without an old text). */
  private readonly unchangedUpTo: number;

  constructor(
    private readonly text: string,
    oldText: string | undefined,
  ) {
    this.index = new CodePointIndex(text);
    if (oldText !== undefined && oldText !== text) this.oldIndex = new CodePointIndex(oldText);
    this.unchangedUpTo = oldText === undefined ? text.length : commonPrefixLength(oldText, text);
  }

  /**
   * Two passes. First, what the stored position, the diff or one clear exact quote settles.
   * Then the rest, in stored order, each searched for between the highlights placed around
   * it: text edits keep passages in order, so a highlight's neighbours bound where it can be
   * (and where a look-alike cannot be taken silently), and the approximate search is
   * confined to that stretch and the places the quote's rare words point to.
   */
  anchorAll(highlights: readonly StoredAnchor[]): AnchorResult[] {
    const results = highlights.map((h) => this.settle(h));
    const landmarks = new Landmarks(
      highlights.flatMap((h, i) => {
        const r = results[i];
        return r && isSilent(r) ? [{ oldStart: h.start, oldEnd: h.end, start: r.start, end: r.end }] : [];
      }),
    );
    const waiting = highlights.map((_, i) => i).filter((i) => results[i] === undefined);
    waiting.sort((a, b) => highlights[a]!.start - highlights[b]!.start || highlights[a]!.end - highlights[b]!.end);
    for (const i of waiting) {
      const h = highlights[i]!;
      const r = this.search(h, landmarks.around(h));
      results[i] = r;
      if (isSilent(r)) landmarks.add({ oldStart: h.start, oldEnd: h.end, start: r.start, end: r.end });
    }
    return results as AnchorResult[];
  }

  /** The result when it needs no search between neighbours, else undefined. */
  private settle(h: StoredAnchor): AnchorResult | undefined {
    // When the diff can speak for a highlight, it does: after an edit above it, another copy
    // of its words may have slid into its old offsets ("you know" a few words on).
    const diffKnows = this.oldIndex !== undefined && this.holdsQuote(this.oldIndex, h);
    const here = !diffKnows || this.index.toUtf16(h.end) <= this.unchangedUpTo ? this.atStoredPosition(h) : undefined;
    if (here && diffKnows && this.copyFollowsIntoTheChange(h)) return { ...here, state: 'fuzzy', reason: TWIN_REASON };
    if (here) return here;
    const mapped = diffKnows ? this.throughDiff(h) : undefined;
    if (mapped && 'placed' in mapped) return mapped.placed;
    // A diff that ran out of time calls whole stretches deleted; the quote search decides there.
    if (mapped && 'deleted' in mapped && this.diff!.complete) return this.lookForMovedText(h, mapped.deleted);
    this.words ??= new WordIndex(this.text);
    const exact = findExactly({ text: this.text, highlight: h, expected: this.index.toUtf16(Math.min(h.start, this.index.length)), words: this.words });
    return exact ? this.fromVerdict(h, exact) : undefined;
  }

  /** Rules 3–5 between the neighbours (code points): where they put it, within the stretch they bound. */
  private search(h: StoredAnchor, around: Neighbourhood): AnchorResult {
    this.words ??= new WordIndex(this.text);
    const at = (cp: number) => this.index.toUtf16(Math.max(0, Math.min(Math.round(cp), this.index.length)));
    const window = { start: at(around.start), end: at(around.end) };
    const expected = at(around.expected);
    const near = { start: at(around.expected - around.drift), end: at(around.expected + around.drift) };
    return this.fromVerdict(h, findByQuote({ text: this.text, highlight: h, expected, window, near, between: around.between, words: this.words }));
  }

  /**
   * Rule 1: the quote is still at its offsets. Both context sides changing beyond
   * recognition is the one hint that this is a look-alike that slid into place, so that
   * case goes on to the diff or the quote search.
   */
  private atStoredPosition(h: StoredAnchor): AnchorResult | undefined {
    if (h.start < 0 || h.end < h.start || h.end > this.index.length) return undefined;
    const start = this.index.toUtf16(h.start);
    const end = this.index.toUtf16(h.end);
    if (this.text.slice(start, end) !== h.quote || splitsWord(this.text, start, end, h)) return undefined;
    // Exact context on either side settles it cheaply (the common case: nothing changed).
    const contextIntact = this.text.endsWith(h.prefix, start) || this.text.startsWith(h.suffix, end);
    const contradicted = !contextIntact && h.prefix !== '' && h.suffix !== '' && prefixSimilarity(h.prefix, this.text, start) < CONTEXT_AGREES && suffixSimilarity(h.suffix, this.text, end) < CONTEXT_AGREES;
    if (contradicted) return undefined;
    return this.result(h, 'anchored', { start, end }, 1, 'unchanged at its position');
  }

  /** Whether the old text really is the text the offsets were taken on. */
  private holdsQuote(old: CodePointIndex, h: StoredAnchor): boolean {
    return h.start >= 0 && h.start <= h.end && h.end <= old.length && old.slice(h.start, h.end) === h.quote;
  }

  /** Rule 2: map the stored offsets through the diff from the old text. */
  private throughDiff(h: StoredAnchor): DiffOutcome {
    const old = this.oldIndex!;
    this.diff ??= TextDiff.compute(old.text, this.text);
    const oldStart = old.toUtf16(h.start);
    const oldEnd = old.toUtf16(h.end);
    const span = snap(this.text, { start: this.diff.mapStart(oldStart), end: this.diff.mapEnd(oldEnd) }, h);
    const exact = this.text.slice(span.start, span.end) === h.quote ? span : this.exactQuoteOver(span, h.quote);
    if (exact) {
      if (this.twinCouldBeTheSurvivor(oldStart, oldEnd, h.quote)) return { placed: this.result(h, 'fuzzy', exact, 1, TWIN_REASON) };
      // A diff cannot tell either whether the copy of an edge word added next to it is inside the highlight or out.
      if (isShortQuote(h.quote) && edgeWordDoubled(this.text, h, exact)) return { placed: this.result(h, 'fuzzy', exact, 1, EDGE_WORD_DOUBLED) };
      return { placed: this.result(h, 'moved', exact, 1, 'mapped through the transcript diff') };
    }
    if (span.end <= span.start) return { deleted: 'its text was deleted' };
    const now = this.text.slice(span.start, span.end);
    const edits = this.diff.editsBetween(oldStart, oldEnd, span.start, span.end);
    const similarity = Math.max(0, 1 - edits / Math.max(h.quote.length, now.length));
    if (similarity >= MOVED_SIMILARITY) {
      // A short quote with one of its few words replaced is not the same quote, however many letters agree.
      if (this.diff.intactWordShare(oldStart, oldEnd) < MOVED_SIMILARITY) return { placed: this.result(h, 'fuzzy', span, similarity, 'some of its words were replaced; mapped through the transcript diff') };
      if (this.diff.mapsCleanly(oldStart) && this.diff.mapsCleanly(oldEnd)) return { placed: this.result(h, 'moved', span, similarity, 'edited in place; mapped through the transcript diff') };
      return { placed: this.result(h, 'fuzzy', span, similarity, 'its first or last words were edited; mapped through the transcript diff') };
    }
    // Some of its own words are still there: show the place, for the researcher to judge.
    if (WORD_CHARS.test(this.diff.unchangedWithin(oldStart, oldEnd))) return { placed: this.result(h, 'fuzzy', span, similarity, 'much of the quote was edited; mapped through the transcript diff') };
    return { deleted: 'its text was rewritten' };
  }

  /**
   * An unchanged quote before the first change, with a copy of itself just after, where the
   * change begins: the edit may have removed this copy rather than that one (see below).
   */
  private copyFollowsIntoTheChange(h: StoredAnchor): boolean {
    const old = this.oldIndex!;
    const oldStart = old.toUtf16(h.start);
    const oldEnd = old.toUtf16(h.end);
    const next = old.text.indexOf(h.quote, oldEnd);
    if (next < 0 || next - oldEnd > MAX_TWIN_GAP || next + h.quote.length <= this.unchangedUpTo) return false;
    this.diff ??= TextDiff.compute(old.text, this.text);
    return this.twinCouldBeTheSurvivor(oldStart, oldEnd, h.quote);
  }

  /**
   * Whether the copy of the quote the diff kept could as well be another copy of the same
   * words nearby ("yeah, exactly sort of yeah, exactly" → "yeah, exactly"). Copies with no
   * unchanged word between them form a run; when any other copy in the run did not come
   * through intact, a diff is free to align the survivors with any of them, and which copy
   * was deleted is a guess ("yeah, exactly. yeah, exactly. yeah, exactly" losing one).
   */
  private twinCouldBeTheSurvivor(oldStart: number, oldEnd: number, quote: string): boolean {
    if (quote.length === 0) return false;
    const old = this.oldIndex!.text;
    const diff = this.diff!;
    const joined = (gapStart: number, gapEnd: number) => gapEnd - gapStart <= MAX_TWIN_GAP && !WORD_CHARS.test(diff.unchangedWithin(gapStart, gapEnd));
    const intact = (at: number) => diff.unchangedWithin(at, at + quote.length) === quote;
    for (let end = oldStart, at = old.lastIndexOf(quote, oldStart - quote.length); end >= quote.length && at >= 0 && joined(at + quote.length, end); end = at, at = old.lastIndexOf(quote, at - quote.length)) {
      if (!intact(at)) return true;
    }
    for (let start = oldEnd, at = old.indexOf(quote, oldEnd); at >= 0 && joined(start, at); start = at + quote.length, at = old.indexOf(quote, start)) {
      if (!intact(at)) return true;
    }
    return false;
  }

  /**
   * An exact occurrence of the quote covering most of a mapped span. When a word next to
   * the quote was added or removed and the same word ends the quote ("so so"), a diff may
   * equally well say the quote's own word went; the quote, unchanged, is still right there.
   */
  private exactQuoteOver(span: Span, quote: string): Span | undefined {
    if (quote.length === 0) return undefined;
    const from = Math.max(0, span.start - quote.length);
    const to = Math.min(this.text.length, span.end + quote.length);
    let best: Span | undefined;
    let bestOverlap = quote.length / 2;
    for (let at = this.text.indexOf(quote, from); at >= 0 && at + quote.length <= to; at = this.text.indexOf(quote, at + 1)) {
      const candidate = { start: at, end: at + quote.length };
      const shared = Math.min(candidate.end, span.end) - Math.max(candidate.start, span.start);
      if (shared > bestOverlap) [best, bestOverlap] = [candidate, shared];
    }
    return best;
  }

  /**
   * The diff says the quote's text is gone from its place. It may have been cut and pasted
   * elsewhere, which the diff shows as new text; a passage that was there all along is a
   * look-alike, not the highlight. What is found is only offered for review.
   */
  private lookForMovedText(h: StoredAnchor, why: string): AnchorResult {
    const diff = this.diff!;
    const verdict = findByQuote({
      text: this.text,
      highlight: h,
      expected: diff.mapStart(this.oldIndex!.toUtf16(h.start)),
      regions: diff.insertedRegions(Math.ceil(h.quote.length * MIN_INSERTED_SHARE), h.quote.length),
      accept: (span) => diff.insertedShare(span.start, span.end) >= MIN_INSERTED_SHARE,
    });
    if (verdict.state === 'orphaned') return this.orphan(h, why);
    // Short phrases recur by chance ("yeah, exactly"): new text counts only in the old context.
    if (isShortQuote(h.quote) && !agreesOnBothSides(verdict.candidate)) return this.orphan(h, why);
    const span = snap(this.text, verdict.candidate, h);
    return this.result(h, 'fuzzy', span, verdict.candidate.score, `${why}; a similar passage appears in new text`);
  }

  /** Rules 3–5: the quote search's verdict as a result. */
  private fromVerdict(h: StoredAnchor, verdict: Verdict): AnchorResult {
    if (verdict.state === 'orphaned') return this.orphan(h, verdict.reason);
    const span = verdict.state === 'moved' && verdict.candidate.exact ? verdict.candidate : snap(this.text, verdict.candidate, h);
    return this.result(h, verdict.state, span, verdict.candidate.score, verdict.reason);
  }

  /** Orphans keep their stored offsets (clamped to the text), so nothing is lost. */
  private orphan(h: StoredAnchor, reason: string): AnchorResult {
    const start = Math.max(0, Math.min(h.start, this.index.length));
    const end = Math.max(start, Math.min(h.end, this.index.length));
    return { id: h.id, state: 'orphaned', start, end, quote: this.index.slice(start, end), confidence: 0, reason };
  }

  /** A placed result, in code points; a move that lands on the stored offsets is `anchored`. */
  private result(h: StoredAnchor, state: Exclude<AnchorState, 'orphaned'>, span: Span, confidence: number, reason: string): AnchorResult {
    const start = this.index.toCodePoint(span.start);
    const end = this.index.toCodePoint(span.end);
    const landed = state === 'moved' && start === h.start && end === h.end ? 'anchored' : state;
    const now = this.text.slice(span.start, span.end);
    // The stored quote when unchanged: a slice would keep the whole transcript text alive in memory.
    return { id: h.id, state: landed, start, end, quote: now === h.quote ? h.quote : now, confidence: round(confidence), reason };
  }
}

const isSilent = (r: AnchorResult) => r.state === 'anchored' || r.state === 'moved';

/**
 * Moves mapped or approximate boundaries to sensible places: never inside a surrogate pair
 * or between a letter and its combining accents; not inside a word when the quote began
 * (or ended) at a word boundary, going to the nearer end of that word; and without
 * whitespace at the ends that the quote itself does not have.
 */
function snap(text: string, span: Span, h: StoredAnchor): Span {
  let start = Math.max(0, Math.min(span.start, text.length));
  let end = Math.max(start, Math.min(span.end, text.length));
  while (insideCharacter(text, start)) start--;
  while (insideCharacter(text, end)) end++;
  const whole = { start, end };
  if (!isWordChar(h.prefix.slice(-1)) || !isWordChar(h.quote.slice(0, 1))) start = toWordBoundary(text, start, 'start');
  if (!isWordChar(h.suffix.slice(0, 1)) || !isWordChar(h.quote.slice(-1))) end = toWordBoundary(text, end, 'end');
  // Nor punctuation the quote does not have: a quote that begins with a word does not begin
  // at the full stop before it (". I waited…" for "We waited…").
  if (isWordChar(h.quote.slice(0, 1))) while (start < end && isEdgeFiller(text[start]!)) start++;
  if (isWordChar(h.quote.slice(-1))) while (end > start && isEdgeFiller(text[end - 1]!)) end--;
  if (!/^\s/u.test(h.quote)) while (start < end && /\s/u.test(text[start]!)) start++;
  if (!/\s$/u.test(h.quote)) while (end > start && /\s/u.test(text[end - 1]!)) end--;
  // A short span inside one long word can snap to nothing (or inside out): keep it as found.
  return start < end || whole.start === whole.end ? { start, end } : whole;
}

/** Longest stretch a boundary moves to reach a word's edge (scripts without spaces have none near). */
const MAX_WORD_SNAP = 24;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]/u;
const WORD_CHARS = /[\p{L}\p{N}]/u;
const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);
/** Whitespace and punctuation: what may stand between a word and the next. */
const isEdgeFiller = (c: string) => /[\s\p{P}]/u.test(c);

/** The nearer edge of the word `at` falls inside (ties go outward, keeping the whole word). */
function toWordBoundary(text: string, at: number, edge: 'start' | 'end'): number {
  if (!isWordChar(text[at - 1]) || !isWordChar(text[at])) return at;
  let back = at;
  while (back > 0 && isWordChar(text[back - 1]) && at - back <= MAX_WORD_SNAP) back--;
  let forward = at;
  while (forward < text.length && isWordChar(text[forward]) && forward - at <= MAX_WORD_SNAP) forward++;
  const backOk = at - back <= MAX_WORD_SNAP;
  const forwardOk = forward - at <= MAX_WORD_SNAP;
  if (!backOk && !forwardOk) return at;
  if (!backOk) return forward;
  if (!forwardOk) return back;
  const outward = edge === 'start' ? back : forward;
  const inward = edge === 'start' ? forward : back;
  return Math.abs(outward - at) <= Math.abs(inward - at) ? outward : inward;
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
