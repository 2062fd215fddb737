/**
 * How well a stored prefix or suffix agrees with the text around a candidate place.
 *
 * Contexts are short (32 code points): one block of the bit-parallel edit distance. The
 * comparison is semi-global: the stored prefix must end exactly where the
 * candidate starts but may begin anywhere in a slightly longer window, so words inserted
 * or deleted farther out cost only what they change. All offsets are UTF-16 code units.
 */
import { compile, fewestInRow, lastRow } from './bit-parallel';

/** Extra units read beyond the stored context's length, so insertions and deletions near it still align. */
const WINDOW_SLACK = 16;

/**
 * Similarity (0..1) of the stored prefix to the text just before `at`. `edge`: whether an
 * empty stored prefix means the quote began the text (see contextWritten).
 */
export function prefixSimilarity(stored: string, text: string, at: number, edge = true): number {
  if (stored.length === 0) return edge && at === 0 ? 1 : EMPTY_CONTEXT_ELSEWHERE;
  const end = clamp(at, text);
  // Read backwards from `at`: the alignment starts there and may end anywhere before.
  return 1 - fewestInRow(compile(stored).reversed(), text, false, clamp(at - stored.length - WINDOW_SLACK, text), end, true, stored.length) / stored.length;
}

/** Similarity (0..1) of the stored suffix to the text just after `at`; `edge` as for prefixSimilarity. */
export function suffixSimilarity(stored: string, text: string, at: number, edge = true): number {
  if (stored.length === 0) return edge && at === text.length ? 1 : EMPTY_CONTEXT_ELSEWHERE;
  const start = clamp(at, text);
  return 1 - fewestInRow(compile(stored), text, false, start, clamp(at + stored.length + WINDOW_SLACK, text), false, stored.length) / stored.length;
}

/**
 * An empty stored context means the quote touched the start (or end) of the text. Found
 * elsewhere, that says little either way: neither agreement nor a contradiction. (So does
 * context that was never written: see contextWritten.)
 */
const EMPTY_CONTEXT_ELSEWHERE = 0.5;

/**
 * Whether a highlight's context was written, so that an empty prefix (suffix) means the
 * quote began (ended) the text. Sift writes context with every highlight: an empty prefix
 * on a highlight stored past offset 0 is context never written (a hand-written highlights
 * file), which says nothing about where the quote is; read as the text's start, it would
 * pull the place back to offset 0. Such a highlight's empty suffix says nothing either.
 */
export function contextWritten(h: { start: number; prefix: string }): boolean {
  return h.prefix !== '' || h.start === 0;
}

/**
 * prefixSimilarity at every offset from `from` to `to` (inclusive) at once: entry k is the
 * similarity just before from + k. One pass of the programme over the stretch (the stored
 * prefix may begin anywhere before each offset), rather than one per offset.
 */
export function prefixSimilarities(stored: string, text: string, from: number, to: number, edge = true): Float64Array {
  if (stored.length === 0) return eachOffset(from, to, (at) => prefixSimilarity(stored, text, at, edge));
  const sliceStart = clamp(from - stored.length - WINDOW_SLACK, text);
  const ends = lastRow(compile(stored), text, true, sliceStart, clamp(to, text));
  const out = new Float64Array(Math.max(0, to - from + 1));
  for (let k = 0; k < out.length; k++) out[k] = 1 - Math.min(stored.length, ends[from + k - sliceStart]!) / stored.length;
  return out;
}

/** suffixSimilarity at every offset from `from` to `to` (inclusive) at once: entry k is the similarity just after from + k. */
export function suffixSimilarities(stored: string, text: string, from: number, to: number, edge = true): Float64Array {
  if (stored.length === 0) return eachOffset(from, to, (at) => suffixSimilarity(stored, text, at, edge));
  const sliceEnd = clamp(to + stored.length + WINDOW_SLACK, text);
  // Read backwards, the text after each offset ends at it.
  const ends = lastRow(compile(stored).reversed(), text, true, from, sliceEnd, true);
  const out = new Float64Array(Math.max(0, to - from + 1));
  for (let k = 0; k < out.length; k++) out[k] = 1 - Math.min(stored.length, ends[sliceEnd - from - k]!) / stored.length;
  return out;
}

function eachOffset(from: number, to: number, f: (at: number) => number): Float64Array {
  const out = new Float64Array(Math.max(0, to - from + 1));
  for (let k = 0; k < out.length; k++) out[k] = f(from + k);
  return out;
}

function clamp(at: number, text: string): number {
  return Math.max(0, Math.min(text.length, at));
}

/** Words as a reader counts them: runs between spaces, without the punctuation at their edges. */
function wordsOf(s: string): string[] {
  return s
    .split(/\s+/u)
    .map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '');
}

/**
 * Share (0..1) of words two passages have in common, in order: the longest common
 * subsequence of their words over the longer one's count. A researcher reads an edit as
 * words changed, and a long token inserted ("position:50.00%,middle", a timestamp) is one
 * word, however many characters it has; punctuation at a word's edges does not count. Two passages without words are alike.
 */
export function wordSimilarity(a: string, b: string): number {
  const left = wordsOf(a);
  const right = wordsOf(b);
  const longer = Math.max(left.length, right.length);
  if (longer === 0) return 1;
  // One row of the classic programme: quotes have tens of words, judged once per quote.
  const row = new Uint16Array(right.length + 1);
  for (const word of left) {
    let diagonal = 0;
    for (let j = 1; j <= right.length; j++) {
      const above = row[j]!;
      row[j] = word === right[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[right.length]! / longer;
}
