/**
 * Editor geometry: code-point offsets ↔ editor positions (UTF-16, any line endings), and
 * the decoration plan the extension paints.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AnchorResult } from '../../src/core/anchoring/anchor';
import { planDecorations, type PlacedHighlight } from '../../src/core/editor/decoration-plan';
import { TextPositions } from '../../src/core/editor/text-positions';

describe('TextPositions', () => {
  it('counts characters in UTF-16 within a line, and lines the same with CRLF', () => {
    const positions = new TextPositions('Q: 👋 hello\r\nP07: héllo 😀 world\r\n');
    // "P07: héllo 😀 world": code point 11 on the second line is the 😀; "w" after it is at UTF-16 character 14.
    const second = 'Q: 👋 hello\n'.length - 1; // code points of the first line incl. its \n
    assert.deepEqual(positions.positionAt(second + 13), { line: 1, character: 14 });
    assert.deepEqual(positions.positionAt(second + 11), { line: 1, character: 11 });
    assert.equal(positions.codePointAt({ line: 1, character: 14 }), second + 13);
  });

  it('round-trips every code point of random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\n', '\r\n', ' ', '中') }), (text) => {
        const positions = new TextPositions(text);
        const length = [...positions.normalized].length;
        for (let cp = 0; cp <= length; cp++) assert.equal(positions.codePointAt(positions.positionAt(cp)), cp);
      }),
    );
  });
});

describe('planDecorations', () => {
  const text = 'one two three four five six seven\neight nine ten';
  const positions = new TextPositions(text);
  const placed = (id: string, tags: string[], result: Partial<AnchorResult> | undefined): PlacedHighlight => ({
    highlight: { id, tags, start: 0, end: 0, quote: '', prefix: '', suffix: '' },
    source: 't.md',
    result: result && { id, state: 'anchored', start: 0, end: 0, quote: '', confidence: 1, reason: '', ...result },
  });
  const colors: Record<string, string> = { red: '#ff0000', blue: '#0000ff' };

  it('groups ranges by the first tag’s colour, outlines fuzzy ones, and skips orphaned and unplaced ones', () => {
    const plan = planDecorations(
      [
        placed('a', ['red', 'blue'], { start: 0, end: 3 }),
        placed('b', ['blue'], { start: 4, end: 13, state: 'moved' }),
        placed('c', ['red'], { start: 34, end: 39, state: 'fuzzy' }),
        placed('d', ['red'], { start: 8, end: 13, state: 'orphaned' }),
        placed('e', ['red'], undefined),
        placed('f', ['unknown'], { start: 40, end: 44 }),
      ],
      (tag) => colors[tag],
      positions,
    );
    assert.deepEqual([...plan.byColor.keys()], ['#ff0000', '#0000ff', undefined]);
    assert.deepEqual(
      plan.byColor.get('#ff0000')!.map((p) => p.id),
      ['a', 'c'],
    );
    assert.deepEqual(
      plan.fuzzy.map((p) => p.id),
      ['c'],
    );
    assert.deepEqual(
      plan.painted.map((p) => p.id),
      ['a', 'b', 'c', 'f'],
    );
    assert.deepEqual(plan.byColor.get('#ff0000')![1]!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
  });
});
