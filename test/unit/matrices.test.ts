import * as assert from 'node:assert/strict';
import { indexEvidence } from '../../src/core/insights/evidence';
import { matrixCsv, NOT_RECORDED, tagByAttribute, tagByParticipant, tagCooccurrence } from '../../src/core/matrices';
import { exampleFileSystem, loaded } from '../support/example-fs';
import { plantedStudy } from '../support/planted-study';

describe('matrices', () => {
  it('tag × participant counts each highlight once per tag, with the ids behind each cell', async () => {
    const { fs, members } = plantedStudy(
      [
        { tags: ['waiting'], size: 2 },
        { tags: ['money'], size: 1 },
      ],
      { highlightsPerParticipant: 4, noiseTags: ['context'] },
    );
    const ws = await loaded(fs);
    const m = tagByParticipant(ws);
    assert.deepEqual(
      m.rows.map((r) => r.id),
      ['waiting', 'money', 'context'],
    );
    assert.deepEqual(
      m.columns.map((c) => c.id),
      ['P01', 'P02', 'P03'],
    );
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
    assert.deepEqual(
      byService.columns.map((c) => c.id),
      ['adaptations', 'pension-transition'],
    );
    const row = (m: typeof byService, tag: string) => m.counts[m.rows.findIndex((r) => r.id === tag)]!;
    assert.equal(row(byService, 'benefit-changes')[0], 0);
    assert.ok(row(byService, 'benefit-changes')[1]! >= 8);
    // Waiting is the adaptations residents' subject; the one exception is P12's note as a resident inspector.
    assert.equal(row(byService, 'waiting-time')[1], 1);
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
    assert.equal(
      co.counts[i]![i],
      row(byService, 'waiting-time').reduce((a, b) => a + b, 0),
    );
    const csv = matrixCsv(byService);
    assert.match(csv, /^tag,label,adaptations,pension-transition\r\nwaiting-time,Waiting time,13,1\r\n/);
    // A participant without the attribute has their own column.
    const fs = exampleFileSystem();
    fs.write('participants.yaml', fs.text('participants.yaml')!.replace('{age-band: 35-64, ethnicity: asian-or-asian-british, channel: online, disability: yes, service: adaptations}', '{age-band: 35-64}'));
    const gap = tagByAttribute(await loaded(fs), 'service');
    assert.equal(gap.columns.at(-1)!.id, NOT_RECORDED);
    assert.ok(gap.counts.some((r) => r.at(-1)! > 0));
  });
});
