import * as assert from 'node:assert/strict';
import { indexEvidence } from '../../src/core/insights/evidence';
import { tagByAttribute } from '../../src/core/matrices';
import { renderReport } from '../../src/core/report';
import { segmentParticipants, writeSegments, type SegmentOptions } from '../../src/core/segments/segment';
import { EditPlan } from '../../src/core/store/plan';
import { exampleFileSystem, loaded } from '../support/example-fs';
import type { MemoryFileSystem } from '../support/memory-fs';

async function segment(fs: MemoryFileSystem, options: SegmentOptions) {
  const ws = await loaded(fs);
  const s = segmentParticipants(ws, options);
  const plan = new EditPlan(fs, ws.versions);
  const problems = await writeSegments(plan, ws, s);
  fs.apply(plan.result().edits);
  return { s, problems, edits: plan.result().edits };
}

describe('segments written back', () => {
  it('writes each participant’s segment into participants.yaml and declares it in research.yaml, comments kept, idempotent', async () => {
    const fs = exampleFileSystem();
    const participantsBefore = fs.text('participants.yaml')!;
    const { s, problems } = await segment(fs, { tags: true, attributes: [] });
    assert.deepEqual(problems, []);
    assert.equal(s.attribute, 'segment');
    assert.equal(s.segments.length, 2);
    const ws = await loaded(fs);
    assert.deepEqual(
      ws.problems.filter((p) => p.severity !== 'info'),
      [],
    );
    // Every counted participant is in exactly one segment, as its attribute says.
    for (const g of s.segments) for (const id of g.participants) assert.equal(ws.participants.find((p) => p.id === id)!.attributes.segment, g.value);
    assert.deepEqual(
      ws.project!.attributes.segment!.values,
      s.segments.map((g) => g.value),
    );
    assert.equal(
      s.segments.reduce((n, g) => n + g.participants.length, 0),
      indexEvidence(ws).participants.length,
    );
    // Only the segment was added: every other line (comments too) is as it was.
    const after = fs.text('participants.yaml')!;
    assert.equal(after.replace(/, segment: [a-z0-9-]+\}/g, '}'), participantsBefore);
    assert.match(fs.text('research.yaml')!, /\n  # Broad ethnic groups after the ONS 2021 Census classification\.\n/);
    assert.match(fs.text('research.yaml')!, /\n  segment:\n    type: enum\n    values: \[[a-z0-9-]+, [a-z0-9-]+\]\n    description: Segments written by sift segments \(k-means\+\+ on tag shares of 12 participants, k = 2/);
    // Again: nothing changes.
    const again = await segment(fs, { tags: true, attributes: [] });
    assert.deepEqual(again.edits, []);
    // Matrices work by segment like by any attribute.
    const m = tagByAttribute(await loaded(fs), 'segment');
    assert.deepEqual(
      m.columns.map((c) => c.id),
      s.segments.map((g) => g.value),
    );
    assert.equal(m.unplaced, 0);
  });

  it('segments by attributes alone, and a rerun on other inputs leaves no stale value behind', async () => {
    const fs = exampleFileSystem();
    await segment(fs, { tags: true, attributes: [], k: 3 });
    const { s } = await segment(fs, { tags: false, attributes: ['service'], k: 2 });
    assert.deepEqual(s.segments.map((g) => g.value).sort(), ['service-adaptations', 'service-pension-transition']);
    const ws = await loaded(fs);
    for (const p of ws.participants) if (p.attributes.segment !== undefined) assert.equal(p.attributes.segment, `service-${p.attributes.service}`);
    assert.deepEqual([...ws.project!.attributes.segment!.values!].sort(), ['service-adaptations', 'service-pension-transition']);
  });

  it('never takes over an attribute the researcher declared', async () => {
    const fs = exampleFileSystem();
    const before = [fs.text('research.yaml'), fs.text('participants.yaml')];
    const { problems, edits } = await segment(fs, { tags: true, attributes: [], name: 'age-band' });
    assert.equal(problems[0]!.code, 'segment-attribute');
    assert.deepEqual(edits, []);
    assert.deepEqual([fs.text('research.yaml'), fs.text('participants.yaml')], before);
  });

  it('the report shows each segment’s % of the total sample and its typical quotes, never a third party’s name', async () => {
    const fs = exampleFileSystem();
    const { s } = await segment(fs, { tags: true, attributes: [] });
    const ws = await loaded(fs);
    const md = renderReport(ws, 'md', { date: '2026-04-01' });
    const section = md.split('\n## Segments\n')[1]!.split('\n## ')[0]!;
    const total = indexEvidence(ws).participants.length;
    for (const g of s.segments) {
      assert.ok(section.includes(`| ${g.value} | ${g.participants.length} | ${Math.round((g.participants.length / total) * 100)}% |`), section);
      const quotes = section.split(`### ${g.value} — `)[1]!.split('\n### ')[0]!;
      const by = [...quotes.matchAll(/” — (P\d\d)$/gm)].map((m) => m[1]!);
      assert.ok(by.length >= 2, quotes);
      for (const p of by) assert.ok(g.participants.includes(p), `${p} is not in ${g.value}`);
    }
    assert.doesNotMatch(section, /Precious/);
    assert.match(md.split('\n## ')[1]!, /Segments \(segment\): 2 segments; the largest, \*\*[a-z-]+\*\*, is 50% of the total sample\./);
  });
});
