/**
 * Drawing from seeded randomness (src/core/random.ts) for the benchmark corpus: the same
 * seed gives byte-identical workspaces on every machine, so results compare across runs.
 */
import type { Random } from '../src/core/random';

export class Picker {
  constructor(readonly random: Random) {}

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  one<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** `count` distinct items (fewer if there are not that many). */
  distinct<T>(count: number, draw: () => T): T[] {
    const out = new Set<T>();
    for (let attempts = 0; out.size < count && attempts < count * 20; attempts++) out.add(draw());
    return [...out];
  }
}

/**
 * Draws items with probability ∝ 1 / rank^exponent (Zipf's law), as word frequencies in
 * speech roughly follow: a few words are everywhere, most are rare. That shape matters for
 * search (long posting lists for common words) and anchoring (repeated phrases).
 */
export class ZipfSampler<T> {
  private readonly cumulative: Float64Array;

  constructor(
    readonly items: readonly T[],
    exponent = 1.05,
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let rank = 0; rank < items.length; rank++) {
      sum += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = sum;
    }
  }

  draw(random: Random): T {
    const target = random() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }
}
