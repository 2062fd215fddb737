/**
 * Where each word of a text is, so that the approximate search of a quote looks only where
 * its rarer words are. A passage similar enough to a quote to matter (at most half its
 * characters edited, usually far fewer) keeps most of the quote's words; the places where
 * several of the quote's rarest words line up as they do in the quote are where such a
 * passage can be, and nowhere else needs the costly matcher.
 *
 * It also remembers the exact occurrences of the quotes looked for. Words are runs of letters
 * and digits, compared in lower case. Offsets are UTF-16 units.
 */
import type { Span } from './quote-search';

/** A word starting exactly at lastIndex. */
const WORD_HERE = /[\p{L}\p{N}]+/uy;
/** Words of a quote whose occurrences are looked up: its rarest ones. */
const RARE_WORDS = 6;
/** Occurrences looked at per quote at most (common words are not worth following everywhere). */
const MAX_OCCURRENCES = 4000;

interface QuoteWord {
  word: string;
  /** UTF-16 offset of the word in the quote. */
  offset: number;
  /** How often it occurs in the text. */
  count: number;
}

const NONE: readonly number[] = [];

export class WordIndex {
  private readonly positions = new Map<string, number[]>();
  /** Exact occurrences of the quotes looked for, as both passes look for the same quotes. */
  private readonly exact = new Map<string, number[]>();

  /** The rarest words of the quotes looked for, as each quote is looked for more than once. */
  private readonly rare = new Map<string, QuoteWord[]>();

  constructor(private readonly text: string) {
    eachWord(text, (word, at) => this.add(word, at));
  }

  private add(word: string, at: number): void {
    const key = lowerCase(word);
    let list = this.positions.get(key);
    if (!list) this.positions.set(key, (list = []));
    list.push(at);
  }

  /** Every offset where `quote` occurs exactly (remembered). */
  occurrences(quote: string): number[] {
    let found = this.exact.get(quote);
    if (!found) this.exact.set(quote, (found = this.lookUp(quote)));
    return found;
  }

  /**
   * The exact occurrences, found from where the quote's rarest whole word is rather than by
   * scanning the text: a word with the quote's own characters on both sides of it is a whole
   * word wherever the quote occurs. A quote without one (a word or two, cut mid-word) is
   * looked for in the whole text.
   */
  private lookUp(quote: string): number[] {
    let offset = -1;
    let places: readonly number[] = NONE;
    eachWord(quote, (word, at) => {
      if (at === 0 || at + word.length === quote.length) return;
      const here = this.positions.get(lowerCase(word)) ?? NONE;
      if (offset < 0 || here.length < places.length) [offset, places] = [at, here];
    });
    if (offset < 0) return occurrences(this.text, quote);
    const out: number[] = [];
    for (const p of places) {
      const at = p - offset;
      if (at >= 0 && this.text.startsWith(quote, at)) out.push(at);
    }
    return out;
  }

  /**
   * The stretches of the text where a passage like `quote` (up to `maxErrors` edits) can be:
   * around each place where at least half of the quote's rarest words (found in the text)
   * occur where the quote has them, give or take the edits. Spans are sorted and disjoint.
   * Places that would start within the edit budget of `except` (a match already found) are
   * left out: they are that match. Given `within`, only places starting inside it count
   * (the words' occurrences there are found by bisection, not by reading them all).
   */
  likelyPlaces(quote: string, maxErrors: number, except?: Span, within?: Span): Span[] {
    const rare = this.rarestWords(quote);
    if (rare.length === 0) return [];
    const needed = Math.max(1, Math.ceil(rare.length / 2));
    // Where the quote would start if each occurrence were its word of the quote, in order of
    // start (then of word): each word's occurrences are in order already, so they are merged.
    const ranges = rare.map((w) => {
      const list = this.positions.get(w.word)!;
      if (!within) return { list, offset: w.offset, at: 0, to: list.length };
      // Occurrences whose implied start is within the budget of the span.
      return { list, offset: w.offset, at: firstAtOrAfter(list, within.start + w.offset - maxErrors), to: firstAtOrAfter(list, within.end + w.offset + maxErrors + 1) };
    });
    let n = 0;
    for (const r of ranges) n += r.to - r.at;
    const implied = new Int32Array(n);
    const words = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let next = -1;
      let start = 0;
      for (let k = 0; k < ranges.length; k++) {
        const r = ranges[k]!;
        if (r.at === r.to) continue;
        const s = r.list[r.at]! - r.offset;
        if (next < 0 || s < start) {
          next = k;
          start = s;
        }
      }
      ranges[next]!.at++;
      implied[i] = start;
      words[i] = next;
    }
    const startOf = (i: number) => implied[i]!;
    const wordOf = (i: number) => words[i]!;
    const places: Span[] = [];
    const seen = new Int32Array(RARE_WORDS);
    let distinct = 0;
    for (let first = 0, last = 0; first < n; first++) {
      const at = startOf(first);
      // The occurrences whose implied start lies within the edit budget of this one's.
      while (last < n && startOf(last) - at <= maxErrors) {
        const word = wordOf(last);
        if (seen[word] === 0) distinct++;
        seen[word] = seen[word]! + 1;
        last++;
      }
      const itself = except !== undefined && Math.abs(at - except.start) <= maxErrors;
      if (distinct >= needed && !itself) add(places, { start: at - maxErrors, end: startOf(last - 1) + quote.length + maxErrors });
      const gone = wordOf(first);
      seen[gone] = seen[gone]! - 1;
      if (seen[gone] === 0) distinct--;
    }
    return places;
  }

  /** The quote's distinct words that occur in the text, rarest first, within the budget of occurrences (remembered). */
  private rarestWords(quote: string): QuoteWord[] {
    let found = this.rare.get(quote);
    if (!found) this.rare.set(quote, (found = this.findRarestWords(quote)));
    return found;
  }

  private findRarestWords(quote: string): QuoteWord[] {
    const words = new Map<string, QuoteWord>();
    eachWord(quote, (found, offset) => {
      const word = lowerCase(found);
      if (words.has(word)) return;
      const places = this.positions.get(word);
      if (places) words.set(word, { word, offset, count: places.length });
    });
    // (A stable sort: words as rare as each other stay in the quote's order.)
    const byRarity = [...words.values()].sort((a, b) => a.count - b.count);
    const out: QuoteWord[] = [];
    let occurrences = 0;
    for (const w of byRarity.slice(0, RARE_WORDS)) {
      occurrences += w.count;
      if (out.length > 0 && occurrences > MAX_OCCURRENCES) break;
      out.push(w);
    }
    return out;
  }
}

/**
 * Calls `f` with each word of the text (a run of letters and digits, as /[\p{L}\p{N}]+/gu
 * finds them) and its offset. Runs of ASCII letters and digits, most of most transcripts,
 * are read directly; a word with any other character in it is read whole by the regex.
 */
export function eachWord(text: string, f: (word: string, at: number) => void): void {
  const n = text.length;
  let at = 0;
  while (at < n) {
    const unit = text.charCodeAt(at);
    if (unit < 128 && !isAsciiWordUnit(unit)) {
      at++;
      continue;
    }
    let end = at;
    while (end < n && isAsciiWordUnit(text.charCodeAt(end))) end++;
    if (end < n && text.charCodeAt(end) >= 128) {
      WORD_HERE.lastIndex = at;
      const m = WORD_HERE.exec(text);
      if (m) end = at + m[0].length;
    }
    if (end === at) {
      at++;
      continue;
    }
    f(text.slice(at, end), at);
    at = end;
  }
}

/**
 * The word in lower case: itself when it has no capital and nothing outside ASCII (most
 * words), without calling into the engine for each of the text's tens of thousands.
 */
function lowerCase(word: string): string {
  for (let i = 0; i < word.length; i++) {
    const unit = word.charCodeAt(i);
    if ((unit >= 65 && unit <= 90) || unit >= 128) return word.toLowerCase();
  }
  return word;
}

function isAsciiWordUnit(unit: number): boolean {
  return (unit >= 97 && unit <= 122) || (unit >= 65 && unit <= 90) || (unit >= 48 && unit <= 57);
}

/** Every offset where `quote` occurs in `text`. */
export function occurrences(text: string, quote: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) out.push(at);
  return out;
}

/** Index of the first entry of a sorted list that is at least `at`. */
function firstAtOrAfter(list: readonly number[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Appends a span to sorted disjoint spans, merging it with the last when they overlap. */
function add(spans: Span[], span: Span): void {
  const last = spans[spans.length - 1];
  if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
  else spans.push({ start: span.start, end: span.end });
}
