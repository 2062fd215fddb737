/**
 * The bit-parallel edit-distance row gives exactly the numbers of the classic programme,
 * for patterns of one block and of several, starting at the text's beginning or anywhere.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { bestMatches, budgetedRow, compile, lastRow, searchRow } from '../../src/core/anchoring/bit-parallel';

/** The classic cell-by-cell programme: the reference. */
function classicRow(pattern: string, text: string, freeStart: boolean): number[] {
  let previous = Array.from({ length: text.length + 1 }, (_, j) => (freeStart ? 0 : j));
  for (let i = 1; i <= pattern.length; i++) {
    const current = [i];
    for (let j = 1; j <= text.length; j++) current[j] = Math.min(previous[j - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1), previous[j]! + 1, current[j - 1]! + 1);
    previous = current;
  }
  return previous;
}

describe('bit-parallel edit distance', () => {
  it('matches the classic programme on hand-made cases', () => {
    assert.deepEqual([...lastRow('kitten', 'sitting', false)], classicRow('kitten', 'sitting', false));
    assert.equal(lastRow('kitten', 'sitting', false)[7], 3);
    assert.deepEqual([...lastRow('over that', 'I went over there', true)], classicRow('over that', 'I went over there', true));
    assert.deepEqual([...lastRow('', 'abc', false)], [0, 1, 2, 3]);
    assert.deepEqual([...lastRow('', 'abc', true)], [0, 0, 0, 0]);
    assert.deepEqual([...lastRow('abc', '', false)], [3]);
  });

  it('matches the classic programme on random strings, up to several blocks long', () => {
    // A small alphabet, with a letter outside ASCII, so that matches and near matches abound.
    const text = (max: number) => fc.array(fc.constantFrom('a', 'b', 'c', ' ', 'é', '\u{1F600}'), { maxLength: max }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text(100), text(140), fc.boolean(), (pattern, t, freeStart) => {
        assert.deepEqual([...lastRow(pattern, t, freeStart)], classicRow(pattern, t, freeStart));
      }),
      { numRuns: 400 },
    );
  });

  it('with a budget of errors (the cut-off), gives the same numbers wherever they are within it, and over it elsewhere', () => {
    const text = (min: number, max: number) => fc.array(fc.constantFrom('a', 'b', 'c', ' ', 'é'), { minLength: min, maxLength: max }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text(1, 200), text(0, 300), fc.nat(120), fc.nat(), (pattern, t, budget, at) => {
        // Plant the pattern (or most of it) so that some ends are within the budget.
        const planted = t.length > 0 ? t.slice(0, at % t.length) + pattern.slice(0, pattern.length - (budget % 4)) + t.slice(at % t.length) : t;
        const maxErrors = budget % (pattern.length + 1);
        const full = classicRow(pattern, planted, true);
        const cut = searchRow(compile(pattern), planted, maxErrors, new Int32Array(1));
        for (let j = 0; j <= planted.length; j++) {
          if (full[j]! <= maxErrors) assert.equal(cut[j], full[j], `end ${j}`);
          else assert.ok(cut[j]! > maxErrors, `end ${j}: ${cut[j]} over ${maxErrors}`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("from the text's beginning, with a budget (the band around the diagonal), gives the same numbers within it, read either way", () => {
    const text = (min: number, max: number) => fc.array(fc.constantFrom('a', 'b', 'c', ' ', 'é'), { minLength: min, maxLength: max, size: 'max' }).map((cs) => cs.join(''));
    const reversed = (s: string) => s.split('').reverse().join('');
    fc.assert(
      fc.property(text(33, 200), text(0, 60), fc.nat(), fc.nat(40), fc.boolean(), (pattern, noise, at, budget, backwards) => {
        // Mostly the pattern itself with a few units changed, as where a match's start is sought.
        const cut = at % (pattern.length + 1);
        const t = pattern.slice(0, cut) + noise.slice(0, budget % 7) + pattern.slice(cut + (budget % 5));
        const maxErrors = budget;
        const compiled = backwards ? compile(pattern).reversed() : compile(pattern);
        const full = backwards ? classicRow(reversed(pattern), reversed(t), false) : classicRow(pattern, t, false);
        const row = budgetedRow(compiled, t, maxErrors, false, 0, t.length, backwards, new Int32Array(1));
        for (let j = 0; j <= t.length; j++) {
          if (full[j]! <= maxErrors) assert.equal(row[j], full[j], `end ${j}`);
          else assert.equal(row[j], maxErrors + 1, `end ${j}: ${row[j]} over ${maxErrors}`);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('finds the same best matches with the budget tried tight first as with the whole budget at once', () => {
    const text = (min: number, max: number) => fc.array(fc.constantFrom('a', 'b', 'c', ' '), { minLength: min, maxLength: max }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text(33, 150), text(0, 400), fc.nat(), fc.nat(8), (pattern, text0, at, dropped) => {
        // Most runs with the pattern planted, a few of its units dropped: best matches within an eighth of it or not.
        const t = at % 3 === 0 ? text0 : text0.slice(0, at % (text0.length + 1)) + pattern.slice(dropped) + text0.slice(at % (text0.length + 1));
        const maxErrors = Math.floor(pattern.length / 2);
        const row = classicRow(pattern, t, true);
        const fewest = Math.min(...row.slice(1));
        const ends = fewest <= maxErrors ? row.flatMap((d, j) => (j > 0 && d === fewest ? [j] : [])) : [];
        const tightFirst = bestMatches(compile(pattern), t, maxErrors);
        assert.deepEqual(
          tightFirst.map((m) => m.end),
          ends,
        );
        // Where no close match is expected, the whole budget at once: the same matches.
        assert.deepEqual(bestMatches(compile(pattern), t, maxErrors, false), tightFirst);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a pattern and a stretch of text backwards as the classic programme reads them reversed', () => {
    const text = (max: number) => fc.array(fc.constantFrom('a', 'b', 'c', ' ', 'é', '\u{1F600}'), { maxLength: max }).map((cs) => cs.join(''));
    const reversed = (s: string) => s.split('').reverse().join('');
    fc.assert(
      fc.property(text(100), text(140), fc.boolean(), fc.nat(), fc.nat(), (pattern, t, freeStart, a, b) => {
        const from = a % (t.length + 1);
        const to = from + (b % (t.length - from + 1));
        const expected = classicRow(reversed(pattern), reversed(t.slice(from, to)), freeStart);
        assert.deepEqual([...lastRow(compile(pattern).reversed(), t, freeStart, from, to, true)], expected);
        // And forwards again from the reversed pattern.
        assert.deepEqual([...lastRow(compile(pattern).reversed().reversed(), t, freeStart, from, to)], classicRow(pattern, t.slice(from, to), freeStart));
      }),
      { numRuns: 400 },
    );
  });
});
