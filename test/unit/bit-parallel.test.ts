/**
 * The bit-parallel edit-distance row gives exactly the numbers of the classic programme,
 * for patterns of one block and of several, starting at the text's beginning or anywhere.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { lastRow } from '../../src/core/anchoring/bit-parallel';

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
});
