/**
 * A deterministic simulator of transcript edits with exact ground truth, for the anchoring
 * tests and benchmark (test instrumentation, so not in src/). It edits words (substitute, delete, insert) at a given rate over the
 * whole text, quotes included, can delete short quotes outright and can plant exact copies
 * of a quote elsewhere as decoys, and it knows where every highlight's text really went.
 *
 * Everything is seeded (mulberry32), so a failing case can be replayed from its seed.
 */
import type { StoredAnchor } from '../../src/core/model';
import type { AnchorResult } from '../../src/core/anchoring/anchor';
import { mulberry32, type Random } from '../../src/core/random';
import { CodePointIndex, lastAtOrBefore } from '../../src/core/text';
import { codePointLength, SHORT_QUOTE } from '../../src/core/anchoring/quote-search';
import { makeAnchor } from '../../src/core/anchoring/selectors';

export interface SimulatedEdit {
  oldText: string;
  newText: string;
  /** true new span per highlight id, or null if its text was deleted */
  truth: Map<string, { start: number; end: number } | null>;
  /**
   * Whether the new text holds `quote` made entirely of words the edits wrote (substituted
   * or inserted): random edits drawing on the text's own words can write a deleted filler
   * back where it was, which no anchoring can tell from the filler never having gone.
   */
  rewrites(quote: string): boolean;
}

export interface SimulateOptions {
  /** Share of words edited, over the whole text (0.1 = 10 %). */
  wordEditRate: number;
  seed: number;
  /** share of short quotes (<40cp) deleted */
  deleteShortQuotes?: number;
  /** share of quotes whose ORIGINAL text is copied in as a decoy elsewhere while the real one gets edited */
  duplicateQuotes?: number;
  /** Leave the words of every quote alone (decoys and deletions still apply when asked for). */
  untouchedQuotes?: boolean;
}

// ---------------------------------------------------------------------------------------
// Seeded randomness

export { mulberry32, type Random };

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const isSpace = (s: string) => /^\s*$/.test(s);

// ---------------------------------------------------------------------------------------
// Tokens and pieces
//
// The old text is cut into alternating word and whitespace tokens with code-point offsets.
// Editing turns them into output pieces; each piece remembers which old span it stands
// for, which is all the ground truth needs.

interface Token {
  text: string;
  isWord: boolean;
  /** old code-point span */
  start: number;
  end: number;
}

type PieceOrigin =
  /** an untouched old token: offsets inside it map one to one */
  | { kind: 'kept'; start: number; end: number }
  /** a word written over an old word: it belongs wherever that word belonged */
  | { kind: 'substituted'; start: number; end: number }
  /** new text at an old boundary: inside a highlight only if strictly inside it */
  | { kind: 'inserted'; at: number };

interface Piece {
  text: string;
  origin: PieceOrigin;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  for (const m of text.matchAll(/\s+|\S+/g)) {
    const length = codePointLength(m[0]);
    tokens.push({ text: m[0], isWord: !isSpace(m[0]), start: offset, end: offset + length });
    offset += length;
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------
// The simulator

export function simulateEdits(text: string, highlights: readonly StoredAnchor[], opts: SimulateOptions): SimulatedEdit {
  const random = mulberry32(opts.seed);
  const tokens = tokenize(text);
  const words = tokens.filter((t) => t.isWord).map((t) => t.text);
  if (words.length === 0) return { oldText: text, newText: text, truth: new Map(highlights.map((h) => [h.id, { start: h.start, end: h.end }])), rewrites: () => false };

  const deleted = chooseDeletedQuotes(highlights, opts.deleteShortQuotes ?? 0, random);
  const decoys = chooseDecoys(highlights, deleted, opts.duplicateQuotes ?? 0, random);
  const decoyAt = placeDecoys(tokens, highlights, decoys, random);
  const forcedEdits = new Set(decoys.map((h) => pickWordInside(tokens, h, random)).filter((i): i is number => i !== undefined));
  const gone = markTokens(tokens, deleted);
  const protectedWords = opts.untouchedQuotes ? markTokens(tokens, highlights) : new Uint8Array(tokens.length);

  const pieces: Piece[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    for (const quote of decoyAt.get(i) ?? []) pieces.push({ text: `${quote} `, origin: { kind: 'inserted', at: token.start } });
    if (gone[i]) continue;
    if (!token.isWord) {
      pieces.push({ text: token.text, origin: { kind: 'kept', start: token.start, end: token.end } });
      continue;
    }
    const edit = forcedEdits.has(i) ? 'substitute' : !protectedWords[i] && random() < opts.wordEditRate ? pickEdit(random) : 'none';
    if (edit === 'delete') {
      // The word goes with the whitespace after it, as when someone deletes a word.
      if (tokens[i + 1] && !tokens[i + 1]!.isWord && !gone[i + 1]) i++;
      continue;
    }
    if (edit === 'substitute') pieces.push({ text: differentWord(random, words, token.text), origin: { kind: 'substituted', start: token.start, end: token.end } });
    else pieces.push({ text: token.text, origin: { kind: 'kept', start: token.start, end: token.end } });
    if (edit === 'insert') pieces.push({ text: ` ${pick(random, words)}`, origin: { kind: 'inserted', at: token.end } });
  }

  const newText = pieces.map((p) => p.text).join('');
  const index = new CodePointIndex(newText);
  const offsets = [0];
  for (const p of pieces) offsets.push(offsets[offsets.length - 1]! + codePointLength(p.text));
  const truth = new Map<string, { start: number; end: number } | null>();
  for (const h of highlights) truth.set(h.id, deleted.includes(h) ? null : trueSpan(pieces, offsets, index, h));
  return { oldText: text, newText, truth, rewrites: (quote) => writtenByTheEdits(newText, pieces, quote) };
}

/** Whether some occurrence of `quote` in the new text has no character from a kept word. */
function writtenByTheEdits(newText: string, pieces: readonly Piece[], quote: string): boolean {
  if (quote === '') return false;
  // UTF-16 offset where each piece starts, and whether it is a kept word.
  const starts: number[] = [];
  let at = 0;
  for (const p of pieces) {
    starts.push(at);
    at += p.text.length;
  }
  const keptWordAt = (offset: number) => {
    const p = pieces[lastAtOrBefore(starts, offset)]!;
    return p.origin.kind === 'kept' && !isSpace(p.text);
  };
  for (let found = newText.indexOf(quote); found >= 0; found = newText.indexOf(quote, found + 1)) {
    let written = true;
    for (let i = found; i < found + quote.length && written; i++) if (keptWordAt(i) && !/\s/.test(newText[i]!)) written = false;
    if (written) return true;
  }
  return false;
}

function pickEdit(random: Random): 'substitute' | 'delete' | 'insert' {
  const r = random();
  return r < 0.5 ? 'substitute' : r < 0.75 ? 'delete' : 'insert';
}

function differentWord(random: Random, words: readonly string[], current: string): string {
  for (let attempt = 0; attempt < 8; attempt++) {
    const w = pick(random, words);
    if (w !== current) return w;
  }
  return `${current}x`;
}

function chooseDeletedQuotes(highlights: readonly StoredAnchor[], share: number, random: Random): StoredAnchor[] {
  return highlights.filter((h) => codePointLength(h.quote) < SHORT_QUOTE && random() < share);
}

function chooseDecoys(highlights: readonly StoredAnchor[], deleted: readonly StoredAnchor[], share: number, random: Random): StoredAnchor[] {
  return highlights.filter((h) => !deleted.includes(h) && /\S/.test(h.quote) && random() < share);
}

/** Index range [first, last) of the tokens overlapping a span (tokens are in order). */
function tokensOverlapping(tokens: readonly Token[], span: { start: number; end: number }): [number, number] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < tokens.length && tokens[last]!.start < span.end) last++;
  return [lo, last];
}

/** 1 for every token overlapping one of the spans. */
function markTokens(tokens: readonly Token[], spans: readonly { start: number; end: number }[]): Uint8Array {
  const marks = new Uint8Array(tokens.length);
  for (const span of spans) {
    const [first, last] = tokensOverlapping(tokens, span);
    marks.fill(1, first, last);
  }
  return marks;
}

/**
 * Puts each decoy before a word that lies outside every highlight and does not start right
 * at one's end, so decoys never change another highlight's true span.
 */
function placeDecoys(tokens: readonly Token[], highlights: readonly StoredAnchor[], decoys: readonly StoredAnchor[], random: Random): Map<number, string[]> {
  const at = new Map<number, string[]>();
  if (decoys.length === 0) return at;
  const taken = markTokens(
    tokens,
    highlights.map((h) => ({ start: h.start, end: h.end + 1 })),
  );
  const free = tokens.flatMap((t, i) => (t.isWord && !taken[i] ? [i] : []));
  if (free.length === 0) return at;
  for (const h of decoys) {
    const i = pick(random, free);
    at.set(i, [...(at.get(i) ?? []), h.quote]);
  }
  return at;
}

/** A word token inside the highlight, to force the real quote to differ from its decoy. */
function pickWordInside(tokens: readonly Token[], h: StoredAnchor, random: Random): number | undefined {
  const [first, last] = tokensOverlapping(tokens, h);
  const inside: number[] = [];
  for (let i = first; i < last; i++) if (tokens[i]!.isWord && tokens[i]!.start >= h.start && tokens[i]!.end <= h.end) inside.push(i);
  return inside.length > 0 ? pick(random, inside) : undefined;
}

/**
 * Where the highlight's text went: the hull of the pieces that stand for its old span,
 * trimmed of whitespace the quote did not have; null when none of its words survived.
 */
function trueSpan(pieces: readonly Piece[], offsets: readonly number[], newText: CodePointIndex, h: StoredAnchor): { start: number; end: number } | null {
  let start = Infinity;
  let end = -Infinity;
  let words = false;
  // Pieces come in old-text order, so only a short run of them can touch the highlight.
  for (let i = firstPieceEndingAtOrAfter(pieces, h.start); i < pieces.length && oldStartOf(pieces[i]!) <= h.end; i++) {
    const piece = pieces[i]!;
    const span = pieceSpanInside(piece, offsets[i]!, offsets[i + 1]! - offsets[i]!, h);
    if (!span) continue;
    start = Math.min(start, span.start);
    end = Math.max(end, span.end);
    // Only surviving original words make the text still there; a quote whose every word was
    // replaced or deleted is gone, even if other words now stand in its place.
    words ||= piece.origin.kind === 'kept' && !isSpace(piece.text);
  }
  return words ? trimToQuote(newText, start, end, h.quote) : null;
}

const oldStartOf = (p: Piece) => (p.origin.kind === 'inserted' ? p.origin.at : p.origin.start);
const oldEndOf = (p: Piece) => (p.origin.kind === 'inserted' ? p.origin.at : p.origin.end);

function firstPieceEndingAtOrAfter(pieces: readonly Piece[], at: number): number {
  let lo = 0;
  let hi = pieces.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (oldEndOf(pieces[mid]!) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The part of a piece (new code points) that belongs to the highlight's old span, if any. */
function pieceSpanInside(piece: Piece, offset: number, length: number, h: StoredAnchor): { start: number; end: number } | undefined {
  const o = piece.origin;
  if (o.kind === 'inserted') return o.at > h.start && o.at < h.end ? { start: offset, end: offset + length } : undefined;
  const from = Math.max(o.start, h.start);
  const to = Math.min(o.end, h.end);
  if (from >= to) return undefined;
  if (o.kind === 'kept') return { start: offset + (from - o.start), end: offset + (to - o.start) };
  // A substituted word counts when most of the old word was inside the highlight.
  return 2 * (to - from) >= o.end - o.start ? { start: offset, end: offset + length } : undefined;
}

function trimToQuote(text: CodePointIndex, start: number, end: number, quote: string): { start: number; end: number } {
  const chars = Array.from(text.slice(start, end));
  let s = 0;
  let e = chars.length;
  if (!/^\s/u.test(quote)) while (s < e && /\s/u.test(chars[s]!)) s++;
  if (!/\s$/u.test(quote)) while (e > s && /\s/u.test(chars[e - 1]!)) e--;
  return { start: start + s, end: start + e };
}

// ---------------------------------------------------------------------------------------
// Scoring

export interface AnchoringScore {
  correct: number;
  wrongPlace: number;
  wrongPlaceSilent: number;
  orphanedCorrectly: number;
  missed: number;
  total: number;
}

/** Intersection over union of two spans; two empty spans at one place count as equal. */
export function intersectionOverUnion(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  if (union <= 0) return a.start === b.start ? 1 : 0;
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)) / union;
}

/**
 * correct: placed with IoU ≥ 0.8 on the true span, or orphaned when the text is gone.
 * wrongPlace: placed (any state but orphaned) elsewhere, or placed when the text is gone;
 * wrongPlaceSilent: the same with state anchored or moved, i.e. not offered for review.
 * missed: orphaned although the text is still there.
 */
export function scoreAnchoring(results: AnchorResult[], truth: SimulatedEdit['truth']): AnchoringScore {
  const score: AnchoringScore = { correct: 0, wrongPlace: 0, wrongPlaceSilent: 0, orphanedCorrectly: 0, missed: 0, total: 0 };
  for (const r of results) {
    const t = truth.get(r.id);
    if (t === undefined) continue;
    score.total++;
    if (r.state === 'orphaned') {
      if (t === null) {
        score.correct++;
        score.orphanedCorrectly++;
      } else score.missed++;
    } else if (t !== null && intersectionOverUnion(r, t) >= 0.8) score.correct++;
    else {
      score.wrongPlace++;
      if (r.state !== 'fuzzy') score.wrongPlaceSilent++;
    }
  }
  return score;
}

// ---------------------------------------------------------------------------------------
// Synthetic interviews, for tests and the benchmark

const FILLERS = ['yeah, exactly.', 'you know,', 'I mean,', 'right.', 'mm-hm.', 'sort of', 'to be honest,', 'yeah, exactly', 'I think', 'kind of'];
const WORDS = (
  'the a and to of it was I we they my our that this there then when so but because with for on in at ' +
  'waited weeks months phone called rang nobody assessment therapist council form letter online rails ramp ' +
  'bathroom stairs lift kitchen door handle fitted visit appointment pension payment bank card money bills ' +
  'daughter son neighbour carer husband wife doctor hospital surgery discharge home house flat garden ' +
  'difficult easy frustrating confusing helpful worried scared tired happy angry slow quick late early ' +
  'again never always sometimes usually really quite very just still only also even probably maybe ' +
  'said told asked explained wrote sent filled checked forgot remembered found lost needed wanted tried ' +
  'first second last next week day morning evening year time service people person staff team office'
).split(' ');
const SPEAKERS = ['Interviewer', 'P07'];

/**
 * A plausible interview: alternating speaker turns of sentences drawn from a small
 * vocabulary, with fillers such as "yeah, exactly" repeated throughout, so look-alike
 * passages are common, as in real transcripts.
 */
export function generateTranscript(seed: number, targetCodePoints = 40_000): string {
  const random = mulberry32(seed);
  const turns: string[] = [];
  let length = 0;
  for (let t = 0; length < targetCodePoints; t++) {
    const sentences: string[] = [];
    const count = 1 + Math.floor(random() * 6);
    for (let s = 0; s < count; s++) sentences.push(sentence(random));
    const turn = `${SPEAKERS[t % 2]}: ${sentences.join(' ')}`;
    turns.push(turn);
    length += turn.length + 2;
  }
  return `${turns.join('\n\n')}\n`;
}

function sentence(random: Random): string {
  const parts: string[] = [];
  const count = 4 + Math.floor(random() * 14);
  for (let w = 0; w < count; w++) parts.push(random() < 0.12 ? pick(random, FILLERS) : pick(random, WORDS));
  const text = parts.join(' ').replace(/[.,]$/, '');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * Highlights at word boundaries, not overlapping: a mix of long quotes (up to 45 words),
 * short ones (2–6 words) and bare fillers such as "yeah, exactly" that occur many times.
 */
export function pickHighlights(text: string, count: number, seed: number): StoredAnchor[] {
  const random = mulberry32(seed);
  const index = new CodePointIndex(text);
  const words = tokenize(text).filter((t) => t.isWord);
  const taken: { start: number; end: number }[] = [];
  const out: StoredAnchor[] = [];
  for (let attempt = 0; out.length < count && attempt < count * 50; attempt++) {
    const span = randomQuoteSpan(random, index, words);
    if (!span || taken.some((s) => span.start < s.end + 1 && span.end + 1 > s.start)) continue;
    taken.push(span);
    out.push(makeAnchor(index, `h-${seed.toString(36)}-${out.length}`, span.start, span.end));
  }
  return out.sort((a, b) => a.start - b.start);
}

function randomQuoteSpan(random: Random, index: CodePointIndex, words: readonly Token[]): { start: number; end: number } | undefined {
  const kind = random();
  if (kind < 0.1) {
    // A filler on its own: many look-alikes, only the context tells them apart.
    const filler = pick(random, ['yeah, exactly', 'you know', 'I mean']);
    const hits: number[] = [];
    for (let at = index.text.indexOf(filler); at >= 0; at = index.text.indexOf(filler, at + 1)) hits.push(at);
    if (hits.length === 0) return undefined;
    const start = index.toCodePoint(pick(random, hits));
    return { start, end: start + codePointLength(filler) };
  }
  const length = kind < 0.4 ? 2 + Math.floor(random() * 5) : 8 + Math.floor(random() * 38);
  const first = Math.floor(random() * Math.max(1, words.length - length));
  const last = Math.min(words.length - 1, first + length - 1);
  const start = words[first]!.start;
  // Leave trailing punctuation out, as a researcher selecting words usually does.
  const lastWord = words[last]!;
  const trailing = /[.,;:!?]+$/.exec(lastWord.text)?.[0].length ?? 0;
  const end = lastWord.end - (trailing < codePointLength(lastWord.text) ? trailing : 0);
  return end > start ? { start, end } : undefined;
}
