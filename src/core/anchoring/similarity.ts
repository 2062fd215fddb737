/**
 * How well a stored prefix or suffix agrees with the text around a candidate place.
 *
 * Contexts are short (32 code points): one block of the bit-parallel edit distance. The
 * comparison is semi-global: the stored prefix must end exactly where the
 * candidate starts but may begin anywhere in a slightly longer window, so words inserted
 * or deleted farther out cost only what they change. All offsets are UTF-16 code units.
 */
import { lastRow, reverse } from './bit-parallel';

/** Extra units read beyond the stored context's length, so insertions and deletions near it still align. */
const WINDOW_SLACK = 16;

/** Similarity (0..1) of the stored prefix to the text just before `at`. */
export function prefixSimilarity(stored: string, text: string, at: number): number {
  if (stored.length === 0) return at === 0 ? 1 : EMPTY_CONTEXT_ELSEWHERE;
  const window = text.slice(Math.max(0, at - stored.length - WINDOW_SLACK), at);
  return 1 - distanceToBestPrefix(reverse(stored), reverse(window)) / stored.length;
}

/** Similarity (0..1) of the stored suffix to the text just after `at`. */
export function suffixSimilarity(stored: string, text: string, at: number): number {
  if (stored.length === 0) return at === text.length ? 1 : EMPTY_CONTEXT_ELSEWHERE;
  const window = text.slice(at, at + stored.length + WINDOW_SLACK);
  return 1 - distanceToBestPrefix(stored, window) / stored.length;
}

/**
 * An empty stored context means the quote touched the start (or end) of the text. Found
 * elsewhere, that says little either way: neither agreement nor a contradiction.
 */
const EMPTY_CONTEXT_ELSEWHERE = 0.5;

/**
 * Edit distance from `pattern` to the best prefix of `text` (the alignment starts at both
 * beginnings; the text may run on past the pattern's end for free).
 */
function distanceToBestPrefix(pattern: string, text: string): number {
  const distances = distancesToPrefixes(pattern, text);
  let best = pattern.length;
  for (const d of distances) if (d < best) best = d;
  return best;
}

/**
 * prefixSimilarity at every offset from `from` to `to` (inclusive) at once: entry k is the
 * similarity just before from + k. One pass of the programme over the stretch (the stored
 * prefix may begin anywhere before each offset), rather than one per offset.
 */
export function prefixSimilarities(stored: string, text: string, from: number, to: number): Float64Array {
  if (stored.length === 0) return eachOffset(from, to, (at) => prefixSimilarity(stored, text, at));
  const sliceStart = Math.max(0, from - stored.length - WINDOW_SLACK);
  const ends = lastRow(stored, text.slice(sliceStart, to), true);
  return eachOffset(from, to, (at) => 1 - Math.min(stored.length, ends[at - sliceStart]!) / stored.length);
}

/** suffixSimilarity at every offset from `from` to `to` (inclusive) at once: entry k is the similarity just after from + k. */
export function suffixSimilarities(stored: string, text: string, from: number, to: number): Float64Array {
  if (stored.length === 0) return eachOffset(from, to, (at) => suffixSimilarity(stored, text, at));
  const slice = text.slice(from, Math.min(text.length, to + stored.length + WINDOW_SLACK));
  // Reversed, the text after each offset ends at it.
  const ends = lastRow(reverse(stored), reverse(slice), true);
  return eachOffset(from, to, (at) => 1 - Math.min(stored.length, ends[slice.length - (at - from)]!) / stored.length);
}

function eachOffset(from: number, to: number, f: (at: number) => number): Float64Array {
  const out = new Float64Array(Math.max(0, to - from + 1));
  for (let k = 0; k < out.length; k++) out[k] = f(from + k);
  return out;
}

/**
 * Edit distance from `pattern` to every prefix of `text`: entry j is the distance to
 * text.slice(0, j).
 */
export function distancesToPrefixes(pattern: string, text: string): Int32Array {
  return lastRow(pattern, text, false);
}
