/**
 * Okapi BM25 over short passages, updated in place: passages are added and removed by key as
 * the files they come from change, without rebuilding. Each term's postings are a flat list
 * of (passage number, count) pairs; a removed passage leaves a tombstone until the dead
 * outnumber the living, when the postings are compacted.
 *
 * Scores follow Robertson and Zaragoza's formulation with k1 = 1.2, b = 0.75 and the
 * non-negative idf ln(1 + (N − df + 0.5) / (df + 0.5)).
 */

const K1 = 1.2;
const B = 0.75;

export class Bm25Index<T> {
  private readonly numberOf = new Map<string, number>();
  /** By passage number: its key, value and length; undefined once removed. */
  private readonly keys: (string | undefined)[] = [];
  private readonly values: (T | undefined)[] = [];
  private lengths: number[] = [];
  private readonly terms: (readonly string[] | undefined)[] = [];
  private readonly postings = new Map<string, number[]>();
  /** Live passages containing each term. */
  private readonly df = new Map<string, number>();
  private totalLength = 0;
  private dead = 0;

  /** Live passages. */
  get size(): number {
    return this.numberOf.size;
  }

  /** Adds (or replaces) the passage `key` with its terms (repeated as often as they occur). */
  add(key: string, terms: readonly string[], value: T): void {
    this.remove(key);
    const n = this.keys.length;
    this.keys.push(key);
    this.values.push(value);
    this.lengths.push(terms.length);
    this.terms.push(terms);
    this.numberOf.set(key, n);
    this.totalLength += terms.length;
    for (const [term, count] of counts(terms)) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = []));
      list.push(n, count);
      this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
  }

  remove(key: string): void {
    const n = this.numberOf.get(key);
    if (n === undefined) return;
    this.numberOf.delete(key);
    for (const term of new Set(this.terms[n])) this.df.set(term, this.df.get(term)! - 1);
    this.totalLength -= this.lengths[n]!;
    this.keys[n] = undefined;
    this.values[n] = undefined;
    this.terms[n] = undefined;
    if (++this.dead > this.numberOf.size && this.dead > 1000) this.compact();
  }

  has(key: string): boolean {
    return this.numberOf.has(key);
  }

  value(key: string): T | undefined {
    const n = this.numberOf.get(key);
    return n === undefined ? undefined : this.values[n];
  }

  termsOf(key: string): readonly string[] | undefined {
    const n = this.numberOf.get(key);
    return n === undefined ? undefined : this.terms[n];
  }

  /** How rare a term is among the live passages: BM25's idf (0 for a term no passage has). */
  idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    if (df === 0) return 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * The passages sharing a term with the query, best first, at most `limit`, each with its
   * BM25 score. A query term's weight multiplies its contribution (1 when not given); `keep`
   * leaves passages out before they are ranked.
   */
  search(query: ReadonlyMap<string, number> | readonly string[], limit: number, keep?: (value: T, key: string) => boolean): { key: string; value: T; score: number }[] {
    const weights = Array.isArray(query) ? counts(query as readonly string[]) : (query as ReadonlyMap<string, number>);
    const avgdl = this.size > 0 ? this.totalLength / this.size : 1;
    // Scores in a flat array by passage number (a Map per query costs more than the scoring).
    const scores = new Float64Array(this.keys.length);
    const touched: number[] = [];
    for (const [term, weight] of weights) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term) * weight * (K1 + 1);
      const lengths = this.lengths;
      for (let i = 0; i < list.length; i += 2) {
        const n = list[i]!;
        const tf = list[i + 1]!;
        if (scores[n] === 0) touched.push(n);
        scores[n]! += (idf * tf) / (tf + K1 * (1 - B + (B * lengths[n]!) / avgdl));
      }
    }
    // The best `limit`, kept in a small sorted list: far fewer passages make it than are scored.
    const best: number[] = [];
    const before = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && this.keys[a]! < this.keys[b]!);
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

  /** Drops tombstones: passages are renumbered and the postings rebuilt from the living. */
  private compact(): void {
    const living = [...this.numberOf.keys()].map((key) => {
      const n = this.numberOf.get(key)!;
      return { key, terms: this.terms[n]!, value: this.values[n]! };
    });
    this.numberOf.clear();
    this.keys.length = 0;
    this.values.length = 0;
    this.terms.length = 0;
    this.lengths = [];
    this.postings.clear();
    this.df.clear();
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
