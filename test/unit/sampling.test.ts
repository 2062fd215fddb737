/**
 * Sampling targets: each written form read as what it says (shares of the sample or numbers of
 * people, with a planned sample size, partial lists and "everyone else"), compared in whole
 * people, worded once — and the CLI, the report and the coverage panel's data print the same
 * strings for the same study.
 */
import * as assert from 'node:assert/strict';
import { formatStats } from '../../src/cli/report';
import { renderReport } from '../../src/core/report';
import { largestRemainder } from '../../src/core/sampling/apportion';
import { samplingCoverage, type SamplingRow } from '../../src/core/sampling/coverage';
import { readTargets } from '../../src/core/sampling/targets';
import { coverageView } from '../../src/core/sampling/view';
import { describeSampling, describeShortfall, recruitmentAdvice } from '../../src/core/sampling-summary';
import { computeStats } from '../../src/core/stats';
import { exampleFileSystem, loaded } from '../support/example-fs';
import { MemoryFileSystem } from '../support/memory-fs';

/** A study of the given participants (id → ethnicity) and research.yaml sampling block. */
async function study(ethnicities: string[], researchTail: string) {
  const values = ['pakistani', 'indian', 'white', 'black', 'mixed'];
  const fs = new MemoryFileSystem({
    'research.yaml': `name: S\nattributes:\n  ethnicity: {type: enum, values: [${values.join(', ')}]}\n${researchTail}`,
    'participants.yaml': `participants:\n${ethnicities.map((e, i) => `  - id: P${i + 1}\n    attributes: {ethnicity: ${e}}\n`).join('')}`,
  });
  return loaded(fs);
}

const brief = (rows: SamplingRow[]) => rows.map((r) => `${r.value}: ${r.unit} ${r.count}/${r.wanted} ${r.status}`);

describe('sampling targets', () => {
  it('reads each written form: bare shares, bare counts, percentages, {share}, {count}', () => {
    assert.deepEqual(readTargets({ a: 0.4, b: 0.6 }), { a: { unit: 'share', value: 0.4, inferred: true }, b: { unit: 'share', value: 0.6, inferred: true } });
    assert.deepEqual(readTargets({ a: 3, b: 2 }), { a: { unit: 'count', value: 3, inferred: true }, b: { unit: 'count', value: 2, inferred: true } });
    assert.deepEqual(readTargets({ a: '30%', b: { share: 0.25 }, c: { count: 4 }, d: '12.5 %' }), {
      a: { unit: 'share', value: 0.3 },
      b: { unit: 'share', value: 0.25 },
      c: { unit: 'count', value: 4 },
      d: { unit: 'share', value: 0.125 },
    });
  });

  it('reads counts as numbers of people, not as shares of their own sum (3 and 2 of a planned 10)', async () => {
    const ws = await study(['pakistani', 'black', 'black', 'white', 'white', 'white'], 'sample: {planned: 10}\nsampling:\n  ethnicity: {pakistani: 3, black: 2}\n');
    const rows = samplingCoverage(ws);
    assert.deepEqual(brief(rows), ['pakistani: count 1/3 under', 'black: count 2/2 on-target', 'everyone else: count 3/5 under']);
    assert.equal(rows[0]!.target, 0.3, '3 of a planned 10, not 60%');
    assert.deepEqual(recruitmentAdvice(rows), ['Recruit 2 more people whose ethnicity is pakistani to reach 3 of 10 planned.', 'Recruit 2 more people from outside the listed ethnicity groups to reach 5 of 10 planned.']);
  });

  it('a target for one group only leaves the rest to "everyone else"', async () => {
    const ws = await study(['pakistani', 'indian', 'white', 'white'], 'sampling:\n  ethnicity: {pakistani: 30%}\n');
    const rows = samplingCoverage(ws);
    // 30% of the 4 counted is 1.2: 1 person, the other 2.8 rounds to 3.
    assert.deepEqual(brief(rows), ['pakistani: share 1/1 on-target', 'everyone else: share 3/3 on-target']);
    assert.equal(rows[1]!.remainder, true);
    assert.equal(describeSampling(rows, 4), 'Every group has the people its target asks for.');
  });

  it('shows "everyone else" when someone is in no listed group, even if the listed shares make 100%', async () => {
    const ws = await study(['white', 'white', 'mixed'], 'sampling:\n  ethnicity: {white: 100%}\n');
    assert.deepEqual(brief(samplingCoverage(ws)), ['white: share 2/3 under', 'everyone else: share 1/0 over']);
  });

  it('rounds shares to whole people by largest remainder, keeping the total', () => {
    assert.deepEqual(largestRemainder([4.8, 4.8, 2.4], 12), [5, 5, 2]);
    assert.deepEqual(largestRemainder([4.8, 3.6, 3.6], 12), [5, 4, 3], 'a tie goes to the one listed first');
    assert.deepEqual(largestRemainder([3.3, 3.3, 3.4], 10), [3, 3, 4]);
    assert.deepEqual(largestRemainder([3, 2, 5], 10), [3, 2, 5], 'whole numbers stay');
    for (const total of [7, 10, 13])
      assert.equal(
        largestRemainder(
          [0.15, 0.25, 0.6].map((s) => s * total),
          total,
        ).reduce((a, b) => a + b),
        total,
      );
  });

  it('compares the example study in whole people, for its planned 12', async () => {
    const ws = await loaded(exampleFileSystem());
    const rows = samplingCoverage(ws);
    assert.deepEqual(brief(rows), [
      '65+: share 7/5 over',
      '35-64: share 4/5 under',
      '18-34: share 1/2 under',
      'phone: share 4/5 under',
      'online: share 5/4 over',
      'face-to-face: share 3/3 on-target',
      'asian-or-asian-british: count 2/3 under',
      'black-or-black-british: count 2/2 on-target',
      'everyone else: count 8/7 over',
    ]);
    assert.equal(
      describeSampling(rows, 12),
      'Not heard enough: age-band 35-64 (4 of 12, 5 wanted: 1 short) and 18-34 (1 of 12, 2 wanted: 1 short); channel phone (4 of 12, 5 wanted: 1 short); ethnicity asian-or-asian-british (2 of 12, 3 wanted: 1 short). Over-represented: age-band 65+ (7 of 12, 5 wanted: 2 over); channel online (5 of 12, 4 wanted: 1 over); ethnicity everyone else (8 of 12, 7 wanted: 1 over).',
    );
    assert.equal(describeShortfall(rows), '4 groups under-sampled');
  });

  it('says the same figures in `sift stats`, the report and the coverage panel', async () => {
    const ws = await loaded(exampleFileSystem());
    const panel = coverageView(ws);
    const cli = formatStats(computeStats(ws));
    const md = renderReport(ws, 'md', { date: '2026-04-01' });
    const html = renderReport(ws, 'html', { date: '2026-04-01' });
    let rows = 0;
    for (const a of panel.attributes) {
      for (const v of a.values) {
        rows++;
        const cells = [a.attribute, v.value, v.targetText, v.wantedText, v.haveText, v.gapText];
        assert.ok(
          cli.split('\n').some((line) => line.split(/ {2,}/).join('|') === cells.join('|')),
          `sift stats prints ${cells.join(' | ')}`,
        );
        assert.ok(md.includes(`| ${cells.slice(0, 5).join(' | ')} | ${v.status === 'on-target' ? v.gapText : `**${v.gapText}**`} |`), `the Markdown report prints ${cells.join(' | ')}`);
        for (const text of [v.haveText, `target ${v.targetText}, ${v.wantedText}`, v.gapText]) assert.ok(html.includes(text), `the HTML report prints ${text}`);
        if (v.adviceText && v.gap < 0) assert.ok(cli.includes(v.adviceText.replace(/^r/, 'R')) && md.includes(v.adviceText), `both advise: ${v.adviceText}`);
      }
    }
    assert.equal(rows, 9);
    assert.ok(cli.includes(panel.method) && md.includes(panel.method));
  });
});
