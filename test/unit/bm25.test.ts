/**
 * The compact BM25 index "code like this" ranks with (src/core/assist/bm25.ts), against BM25
 * computed the plain way from the live passages, after any sequence of adds, replacements and
 * removals (enough removals to compact it several times).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Bm25Index } from '../../src/core/assist/bm25';

/** BM25 (k1 1.2, b 0.75, idf ln(1 + (N − df + 0.5) / (df + 0.5))) over the live passages, best first, ties by key. */
function plainBm25(live: ReadonlyMap<string, readonly string[]>, query: readonly string[], limit: number): { key: string; score: number }[] {
  const n = live.size;
  const avgdl = [...live.values()].reduce((sum, t) => sum + t.length, 0) / Math.max(1, n);
  const df = (term: string) => [...live.values()].filter((t) => t.includes(term)).length;
  const weights = new Map<string, number>();
  for (const q of query) weights.set(q, (weights.get(q) ?? 0) + 1);
  const scored: { key: string; score: number }[] = [];
  for (const [key, terms] of live) {
    let score = 0;
    let shares = false;
    for (const [q, w] of weights) {
      const tf = terms.filter((t) => t === q).length;
      if (tf === 0) continue;
      shares = true;
      const idf = Math.log(1 + (n - df(q) + 0.5) / (df(q) + 0.5));
      score += (idf * w * 2.2 * tf) / (tf + 1.2 * (1 - 0.75 + (0.75 * terms.length) / avgdl));
    }
    if (shares) scored.push({ key, score });
  }
  return scored.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1)).slice(0, limit);
}

describe('the BM25 index of "code like this"', () => {
  it('ranks as plain BM25 over the live passages after any adds, replacements and removals', () => {
    const term = fc.constantFrom('wait', 'stair', 'rail', 'fit', 'rang', 'week', 'month', 'famili', 'shop', 'night');
    const step = fc.oneof(fc.record({ add: fc.integer({ min: 0, max: 600 }), terms: fc.array(term, { maxLength: 12 }) }), fc.record({ remove: fc.integer({ min: 0, max: 600 }) }));
    fc.assert(
      fc.property(fc.array(step, { minLength: 2500, maxLength: 4000 }), fc.array(term, { minLength: 1, maxLength: 4 }), (steps, query) => {
        const index = new Bm25Index<string>();
        const live = new Map<string, readonly string[]>();
        for (const s of steps) {
          if ('add' in s) {
            index.add(`p${s.add}`, s.terms, `value ${s.add}`);
            live.set(`p${s.add}`, s.terms);
          } else {
            index.remove(`p${s.remove}`);
            live.delete(`p${s.remove}`);
          }
        }
        assert.equal(index.size, live.size);
        const got = index.search(query, 10);
        const want = plainBm25(live, query, 10);
        assert.deepEqual(
          got.map((g) => g.key),
          want.map((w) => w.key),
        );
        for (const [i, g] of got.entries()) assert.ok(Math.abs(g.score - want[i]!.score) < 1e-9, `${g.key}: ${g.score} vs ${want[i]!.score}`);
        for (const g of got) assert.equal(g.value, `value ${g.key.slice(1)}`);
        for (const [key, terms] of live) assert.deepEqual(index.termsOf(key), terms);
        for (const t of query)
          assert.ok(
            Math.abs(
              index.idf(t) -
                (live.size === 0 || ![...live.values()].some((x) => x.includes(t))
                  ? 0
                  : Math.log(1 + (live.size - [...live.values()].filter((x) => x.includes(t)).length + 0.5) / ([...live.values()].filter((x) => x.includes(t)).length + 0.5))),
            ) < 1e-12,
          );
      }),
      { numRuns: 12, seed: 21 },
    );
  });

  it('keyed by numbers, orders passages of equal score by the key order it is given', () => {
    const index = new Bm25Index<string, number>((a, b) => String(a) < String(b));
    for (const key of [2, 10, 1]) index.add(key, ['wait'], `passage ${key}`);
    assert.deepEqual(
      index.search(['wait'], 3).map((r) => [r.key, r.value]),
      [
        [1, 'passage 1'],
        [10, 'passage 10'],
        [2, 'passage 2'],
      ],
    );
    index.remove(10);
    assert.deepEqual(
      index.search(['wait'], 3).map((r) => r.key),
      [1, 2],
    );
  });
});
