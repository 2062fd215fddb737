/**
 * The git-history path's transcript diff: its result must depend only on the two texts,
 * never on how fast the machine runs it (a clock deadline made the 20 % accuracy test
 * fail under load: 92.8 % against 95 %).
 */
import * as assert from 'node:assert/strict';
import { anchorHighlights } from '../../src/core/anchoring/anchor';
import { TextDiff } from '../../src/core/anchoring/diff-map';
import { generateTranscript, pickHighlights, simulateEdits } from '../support/anchoring-simulator';

/**
 * Runs `fn` on a machine that seems infinitely slow: every read of the clock (Date.now,
 * new Date().getTime(), performance.now) is ten seconds after the one before.
 */
function withCrawlingClock<T>(fn: () => T): T {
  const realNow = Date.now;
  const realGetTime = Date.prototype.getTime;
  const realPerformanceNow = performance.now;
  let skew = 0;
  Date.now = () => realNow() + (skew += 10_000);
  Date.prototype.getTime = function (this: Date) {
    return realGetTime.call(this) + (skew += 10_000);
  };
  performance.now = () => realPerformanceNow.call(performance) + (skew += 10_000);
  try {
    return fn();
  } finally {
    Date.now = realNow;
    Date.prototype.getTime = realGetTime;
    performance.now = realPerformanceNow;
  }
}

function edited(seed: number, length: number, rate: number) {
  const text = generateTranscript(seed, length);
  const highlights = pickHighlights(text, 30, seed);
  return { highlights, ...simulateEdits(text, highlights, { wordEditRate: rate, seed, deleteShortQuotes: 0.1, duplicateQuotes: 0.1 }) };
}

describe('anchoring: the transcript diff', function () {
  // Real work, on a machine shared with other test runs.
  this.timeout(120_000);

  it('is the same diff however slow the clock says the machine is', () => {
    for (const rate of [0.1, 0.2, 0.5]) {
      const { oldText, newText } = edited(4200 + rate * 100, 40_000, rate);
      const normal = TextDiff.compute(oldText, newText);
      const slowed = withCrawlingClock(() => TextDiff.compute(oldText, newText));
      assert.equal(normal.complete, true, `complete at ${rate * 100} % edits`);
      assert.equal(slowed.complete, true, `complete at ${rate * 100} % edits, slow clock`);
      assert.deepEqual(slowed.hunks, normal.hunks, `same hunks at ${rate * 100} % edits`);
      assert.ok(normal.hunks.length > 100, `a real diff at ${rate * 100} % edits: ${normal.hunks.length} hunks`);
    }
  });

  it('places every highlight the same way through the old text however slow the clock (20 % edits)', () => {
    for (const seed of [7, 8, 9]) {
      const { oldText, newText, highlights } = edited(seed, 40_000, 0.2);
      const normal = anchorHighlights({ text: newText, oldText, highlights });
      const slowed = withCrawlingClock(() => anchorHighlights({ text: newText, oldText, highlights }));
      assert.deepEqual(slowed, normal);
    }
  });

  it('gives up deterministically past its work budget, with a coarser diff that is still valid', () => {
    const { oldText, newText } = edited(77, 20_000, 0.5);
    const full = TextDiff.compute(oldText, newText);
    const tight = TextDiff.compute(oldText, newText, 1_000);
    const again = TextDiff.compute(oldText, newText, 1_000);
    assert.equal(full.complete, true);
    assert.equal(tight.complete, false);
    assert.deepEqual(again.hunks, tight.hunks, 'the same coarse diff every time');
    assert.ok(tight.hunks.length < full.hunks.length, `coarser: ${tight.hunks.length} hunks against ${full.hunks.length}`);
    // Valid: the equal stretches between hunks are equal text, and the hunks cover both texts to their ends.
    let oldAt = 0;
    let newAt = 0;
    for (const h of tight.hunks) {
      assert.equal(oldText.slice(oldAt, h.oldStart), newText.slice(newAt, h.newStart));
      assert.equal(h.oldStart - oldAt, h.newStart - newAt);
      oldAt = h.oldEnd;
      newAt = h.newEnd;
    }
    assert.equal(oldText.slice(oldAt), newText.slice(newAt));
  });
});
