/**
 * The human grouping the suggestions are measured against (bench/clusters.ts) is read right:
 * every coded segment of the real MAXQDA export, with its code, matching the code system's
 * frequencies code by code.
 */
import * as assert from 'node:assert/strict';
import { readCodedSegments, readCodeSystem } from '../support/maxqda-segments';

describe('MAXQDA coded segments (real export, read from the PDFs)', () => {
  const codes = readCodeSystem();
  const segments = readCodedSegments(codes);

  it('reads the code system: 91 codes, 293 codings in all, 32 of them Anonymize markers', () => {
    assert.equal(codes.length, 91);
    assert.equal(
      codes.reduce((s, c) => s + c.frequency, 0),
      293,
    );
    assert.deepEqual(
      codes.find((c) => c.path === 'Anonymize'),
      { path: 'Anonymize', frequency: 32 },
    );
    assert.ok(codes.some((c) => c.path === 'PDPilot improvements > Outliers, overfitting, and skewed distributions > Iterative approach to handling overfitting'));
  });

  it('reads 261 passages (every coding but the Anonymize markers, which the export leaves out), each code as often as the code system counts it', () => {
    assert.equal(segments.length, 261);
    const counts = new Map<string, number>();
    for (const s of segments) counts.set(s.code, (counts.get(s.code) ?? 0) + 1);
    for (const c of codes) if (c.path !== 'Anonymize') assert.equal(counts.get(c.path) ?? 0, c.frequency, c.path);
    assert.equal(counts.get('Benefits of PDPilot > Compliment'), 17);
    assert.equal(counts.get('Interaction'), 21);
    assert.equal(new Set(segments.map((s) => s.code)).size, 76);
  });

  it('keeps each passage’s words and document, including a code that runs into its text', () => {
    assert.deepEqual(segments[1], { document: 'P1', code: 'Explainability purposes > Understanding feature-outcome relationships', text: 'We typically use them to identify trends' });
    const merged = segments.filter((s) => s.code.endsWith('Iterative approach to handling overfitting'));
    assert.deepEqual(
      merged.map((s) => [s.document, s.text.slice(0, 40)]),
      [
        ['P4', 'I think obviously I had some comments ab'],
        ['P7', 'Participant: And you know so maybe just '],
      ],
    );
    assert.deepEqual([...new Set(segments.map((s) => s.document))].sort(), ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
  });
});
