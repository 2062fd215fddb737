import * as assert from 'node:assert/strict';
import { indexEvidence } from '../../src/core/insights/evidence';
import { matrixCsv, NOT_RECORDED, tagByAttribute, tagByParticipant, tagCooccurrence } from '../../src/core/matrices';
import { describeGap, describeSampling, describeShortfall, participantGap } from '../../src/core/sampling-summary';
import { samplingCoverage, type SamplingRow } from '../../src/core/stats';
import { exampleFileSystem, loaded } from '../support/example-fs';
import { plantedStudy } from '../support/planted-study';

describe('matrices', () => {
  it('tag × participant counts each highlight once per tag, with the ids behind each cell', async () => {
    const { fs, members } = plantedStudy([{ tags: ['waiting'], size: 2 }, { tags: ['money'], size: 1 }], { highlightsPerParticipant: 4, noiseTags: ['context'] });
    const ws = await loaded(fs);
    const m = tagByParticipant(ws);
    assert.deepEqual(m.rows.map((r) => r.id), ['waiting', 'money', 'context']);
    assert.deepEqual(m.columns.map((c) => c.id), ['P01', 'P02', 'P03']);
    // Recount from the files: every highlight of a participant carries its group tag.
    const index = indexEvidence(ws);
    for (const [r, row] of m.rows.entries()) {
      for (const [c, col] of m.columns.entries()) {
        const ids = [...index.byId.values()].filter((e) => e.participant === col.id && e.highlight.tags.includes(row.id)).map((e) => e.highlight.id);
        assert.equal(m.counts[r]![c], ids.length, `${row.id} × ${col.id}`);
        const cell = m.cells.find((x) => x.row === r && x.column === c);
        assert.deepEqual(cell?.highlights ?? [], ids);
      }
    }
    assert.deepEqual(m.counts[0]!.slice(0, 2), [4, 4]);
    assert.equal(m.counts[1]![2], 4);
    assert.equal(m.max, 4);
    assert.deepEqual(members, [['P01', 'P02'], ['P03']]);
  });

  it('tag × attribute value and co-occurrence on the example, as CSV', async () => {
    const ws = await loaded(exampleFileSystem());
    const byService = tagByAttribute(ws, 'service');
    assert.deepEqual(byService.columns.map((c) => c.id), ['adaptations', 'pension-transition']);
    const row = (m: typeof byService, tag: string) => m.counts[m.rows.findIndex((r) => r.id === tag)]!;
    assert.equal(row(byService, 'benefit-changes')[0], 0);
    assert.ok(row(byService, 'benefit-changes')[1]! >= 8);
    assert.equal(row(byService, 'waiting-time')[1], 0);
    const co = tagCooccurrence(ws);
    const i = co.rows.findIndex((r) => r.id === 'waiting-time');
    const j = co.rows.findIndex((r) => r.id === 'status-updates');
    assert.equal(co.counts[i]![j], co.counts[j]![i]);
    const both = [...indexEvidence(ws).byId.values()].filter((e) => e.highlight.tags.includes('waiting-time') && e.highlight.tags.includes('status-updates'));
    assert.equal(co.counts[i]![j], both.length);
    assert.ok(both.length > 0);
    const cell = co.cells.find((c) => c.row === i && c.column === j)!;
    assert.equal(cell.participants, new Set(both.map((e) => e.participant)).size);
    // The diagonal is the tag's own highlights.
    assert.equal(co.counts[i]![i], row(byService, 'waiting-time').reduce((a, b) => a + b, 0));
    const csv = matrixCsv(byService);
    assert.match(csv, /^tag,label,adaptations,pension-transition\r\nwaiting-time,Waiting time,11,0\r\n/);
    // A participant without the attribute has their own column.
    const fs = exampleFileSystem();
    fs.write('participants.yaml', fs.text('participants.yaml')!.replace('{age-band: 35-64, ethnicity: asian-or-asian-british, channel: online, disability: yes, service: adaptations}', '{age-band: 35-64}'));
    const gap = tagByAttribute(await loaded(fs), 'service');
    assert.equal(gap.columns.at(-1)!.id, NOT_RECORDED);
    assert.ok(gap.counts.some((r) => r.at(-1)! > 0));
  });

  it('sample coverage: target against actual with the gap in participants', async () => {
    const ws = await loaded(exampleFileSystem());
    const rows = samplingCoverage(ws);
    const young = rows.find((r) => r.attribute === 'age-band' && r.value === '18-34')!;
    assert.deepEqual({ ...young, expected: Number(young.expected.toFixed(2)), gap: Number(young.gap.toFixed(2)), actual: Number(young.actual.toFixed(3)) }, { attribute: 'age-band', value: '18-34', target: 0.2, actual: 0.083, count: 1, expected: 2.4, gap: -1.4, status: 'under' });
    assert.equal(rows.find((r) => r.value === '65+')!.status, 'over');
    assert.equal(rows.find((r) => r.value === 'face-to-face')!.status, 'on-target');
  });
});

describe('sample coverage in words', () => {
  const row = (value: string, count: number, expected: number, status: SamplingRow['status']): SamplingRow => ({ attribute: 'age-band', value, target: expected / 12, actual: count / 12, count, expected, gap: count - expected, status });

  it('gives gaps in whole participants, at least one when flagged', () => {
    assert.equal(participantGap(row('18-34', 1, 2.4, 'under')), -1);
    assert.equal(participantGap(row('65+', 7, 4.8, 'over')), 2);
    // 0.6 short rounds to none, but the value is flagged: one short.
    assert.equal(participantGap(row('35-64', 4, 4.6, 'under')), -1);
    assert.equal(participantGap(row('x', 3, 3.6, 'on-target')), 0);
    assert.deepEqual([describeGap(row('a', 1, 3.2, 'under')), describeGap(row('b', 6, 4, 'over')), describeGap(row('c', 4, 4, 'on-target'))], ['2 short', '2 over', 'on target']);
  });

  it('says who was not heard enough on the example study', async () => {
    const ws = await loaded(exampleFileSystem());
    assert.equal(
      describeSampling(samplingCoverage(ws), 12),
      'Not heard enough: age-band 35-64 (4 of 12, 1 short) and 18-34 (1 of 12, 1 short); channel phone (4 of 12, 1 short). Over-represented: age-band 65+ (7 of 12, 2 over); channel online (5 of 12, 1 over).',
    );
    assert.equal(describeSampling([], 12), 'No sampling targets are set, so the sample is not compared with any.');
    assert.equal(describeSampling([row('c', 4, 4, 'on-target')], 12), 'Every group is within 5 percentage points of its target.');
    assert.equal(describeShortfall(samplingCoverage(ws)), '3 groups under-sampled');
    assert.equal(describeShortfall([row('a', 1, 2.4, 'under')]), '1 group under-sampled');
    assert.equal(describeShortfall([row('c', 4, 4, 'on-target')]), undefined);
  });
});
