/**
 * Okapi BM25 over short passages, updated in place: passages are added and removed by key as
 * the files they come from change, without rebuilding. A removed passage leaves a tombstone
 * until the dead outnumber the living, when everything is renumbered and rebuilt.
 *
 * Compact, because find-more-like-this keeps every passage of a study's transcripts (about
 * 190,000 at 50,000 highlights) warm in the editor: terms are numbered once; each term's
 * postings are one growable Uint32Array of (passage number << 8 | count) — a count above 255
 * is read as 255, which no passage of a transcript reaches — and every passage's terms sit in
 * one shared Uint32Array, rather than an array and a Map per passage (a fifth of the heap).
 *
 * Scores follow Robertson and Zaragoza's formulation with k1 = 1.2, b = 0.75 and the
 * non-negative idf ln(1 + (N − df + 0.5) / (df + 0.5)).
 */

const K1 = 1.2;
const B = 0.75;
const COUNT_BITS = 8;
const MAX_COUNT = (1 << COUNT_BITS) - 1;
/** Passage numbers must fit the bits above the count. */
const MAX_PASSAGES = 2 ** (32 - COUNT_BITS);

/** A growable list of unsigned 32-bit numbers. */
export class U32List {
  data = new Uint32Array(4);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
}

/**
 * Passages are told apart by a key: a string (a highlight id), or a number the caller gives
 * out (find-more-like-this's ~760,000 candidate passages at 200,000 highlights, where a string
 * key apiece cost more heap than the rest of the index). Passages of equal score come in key
 * order, `keyBefore` when given.
 */
export class Bm25Index<T, K extends string | number = string> {
  private readonly numberOf = new Map<K, number>();
  /** By passage number: its key and value (undefined once removed), its length, where its terms start in `termStore`. */
  private keys: (K | undefined)[] = [];
  private values: (T | undefined)[] = [];
  private lengths = new U32List();
  private termStarts = new U32List();
  /** Every passage's term numbers, in order, one passage after another. */
  private termStore = new U32List();
  /** Terms by number and numbers by term. */
  private readonly termNames: string[] = [];
  private readonly termNumbers = new Map<string, number>();
  /** By term number: its postings, and how many live passages contain it. */
  private postings: (U32List | undefined)[] = [];
  private df: number[] = [];
  private totalLength = 0;
  private dead = 0;

  constructor(private readonly keyBefore: (a: K, b: K) => boolean = (a, b) => a < b) {}

  /** Live passages. */
  get size(): number {
    return this.numberOf.size;
  }

  /** Adds (or replaces) the passage `key` with its terms (repeated as often as they occur). */
  add(key: K, terms: readonly string[], value: T): void {
    this.remove(key);
    const n = this.keys.length;
    if (n >= MAX_PASSAGES) throw new Error(`a suggestion index holds at most ${MAX_PASSAGES} passages`);
    this.keys.push(key);
    this.values.push(value);
    this.lengths.push(terms.length);
    this.termStarts.push(this.termStore.length);
    this.numberOf.set(key, n);
    this.totalLength += terms.length;
    const counts = new Map<number, number>();
    for (const term of terms) {
      const t = this.termNumber(term);
      this.termStore.push(t);
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    for (const [t, count] of counts) {
      let list = this.postings[t];
      if (!list) this.postings[t] = list = new U32List();
      list.push((n << COUNT_BITS) | Math.min(count, MAX_COUNT));
      this.df[t]!++;
    }
  }

  remove(key: K): void {
    const n = this.numberOf.get(key);
    if (n === undefined) return;
    this.numberOf.delete(key);
    for (const t of new Set(this.termNumbersOf(n))) this.df[t]!--;
    this.totalLength -= this.lengths.data[n]!;
    this.keys[n] = undefined;
    this.values[n] = undefined;
    if (++this.dead > this.numberOf.size && this.dead > 1000) this.compact();
  }

  has(key: K): boolean {
    return this.numberOf.has(key);
  }

  value(key: K): T | undefined {
    const n = this.numberOf.get(key);
    return n === undefined ? undefined : this.values[n];
  }

  termsOf(key: K): readonly string[] | undefined {
    const n = this.numberOf.get(key);
    return n === undefined ? undefined : [...this.termNumbersOf(n)].map((t) => this.termNames[t]!);
  }

  /** How rare a term is among the live passages: BM25's idf (0 for a term no passage has). */
  idf(term: string): number {
    const t = this.termNumbers.get(term);
    return t === undefined ? 0 : this.idfOf(t);
  }

  /**
   * The passages sharing a term with the query, best first, at most `limit`, each with its
   * BM25 score. A query term's weight multiplies its contribution (1 when not given); `keep`
   * leaves passages out before they are ranked.
   */
  search(query: ReadonlyMap<string, number> | readonly string[], limit: number, keep?: (value: T, key: K) => boolean): { key: K; value: T; score: number }[] {
    const weights = Array.isArray(query) ? counts(query as readonly string[]) : (query as ReadonlyMap<string, number>);
    const avgdl = this.size > 0 ? this.totalLength / this.size : 1;
    // Scores in a flat array by passage number (a Map per query costs more than the scoring).
    const scores = new Float64Array(this.keys.length);
    const touched: number[] = [];
    const lengths = this.lengths.data;
    for (const [term, weight] of weights) {
      const t = this.termNumbers.get(term);
      const list = t === undefined ? undefined : this.postings[t];
      if (!list) continue;
      const idf = this.idfOf(t!) * weight * (K1 + 1);
      const data = list.data;
      for (let i = 0; i < list.length; i++) {
        const n = data[i]! >>> COUNT_BITS;
        const tf = data[i]! & MAX_COUNT;
        if (scores[n] === 0) touched.push(n);
        scores[n]! += (idf * tf) / (tf + K1 * (1 - B + (B * lengths[n]!) / avgdl));
      }
    }
    // The best `limit`, kept in a small sorted list: far fewer passages make it than are scored.
    const best: number[] = [];
    const before = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && this.keyBefore(this.keys[a]!, this.keys[b]!));
    for (const n of touched) {
      if (this.keys[n] === undefined) continue;
      if (best.length === limit && !before(n, best[best.length - 1]!)) continue;
      if (keep && !keep(this.values[n]!, this.keys[n]!)) continue;
      let at = best.length;
      while (at > 0 && before(n, best[at - 1]!)) at--;
      best.splice(at, 0, n);
      if (best.length > limit) best.pop();
    }
    return best.map((n) => ({ key: this.keys[n]!, value: this.values[n]!, score: scores[n]! }));
  }

  private idfOf(t: number): number {
    const df = this.df[t] ?? 0;
    if (df === 0) return 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  private termNumber(term: string): number {
    let t = this.termNumbers.get(term);
    if (t === undefined) {
      t = this.termNames.length;
      this.termNames.push(term);
      this.termNumbers.set(term, t);
      this.df.push(0);
      this.postings.push(undefined);
    }
    return t;
  }

  private termNumbersOf(n: number): Uint32Array {
    const start = this.termStarts.data[n]!;
    return this.termStore.data.subarray(start, start + this.lengths.data[n]!);
  }

  /** Drops tombstones: passages are renumbered and the postings rebuilt from the living (terms keep their numbers). */
  private compact(): void {
    const living = [...this.numberOf].map(([key, n]) => ({ key, terms: [...this.termNumbersOf(n)].map((t) => this.termNames[t]!), value: this.values[n]! }));
    this.numberOf.clear();
    this.keys = [];
    this.values = [];
    this.lengths = new U32List();
    this.termStarts = new U32List();
    this.termStore = new U32List();
    this.postings = this.postings.map(() => undefined);
    this.df = this.df.map(() => 0);
    this.totalLength = 0;
    this.dead = 0;
    for (const p of living) this.add(p.key, p.terms, p.value);
  }
}

/** How often each term occurs. */
export function counts(terms: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of terms) out.set(t, (out.get(t) ?? 0) + 1);
  return out;
}
