/**
 * The personal-data benchmark's thresholds (issue 15): precision and recall ≥ 0.95 overall and
 * in each of five speaker conventions, on real public transcripts with planted UK and US data
 * and look-alikes (see test/support/pii-benchmark.ts). A correctness test, not a timing one;
 * `npm run bench:privacy` prints the same figures as a table for docs/privacy.md.
 */
import * as assert from 'node:assert/strict';
import { runBenchmark } from '../support/pii-benchmark';

describe('personal-data benchmark on real transcripts in five speaker conventions (issue 15)', () => {
  it('precision and recall ≥ 0.95 overall and per convention', async () => {
    const result = await runBenchmark();
    const line = (title: string, e: typeof result.overall) =>
      `      ${title.padEnd(26)} labelled ${String(e.overall.labelled).padStart(4)}  found ${String(e.overall.found).padStart(4)}  precision ${e.overall.precision.toFixed(3)}  recall ${e.overall.recall.toFixed(3)}`;
    for (const c of result.byConvention) console.log(line(c.convention, c.evaluation));
    console.log(line('all', result.overall));
    for (const m of result.overall.misses) console.log(`      missed ${m.path} ${m.kind}: ${m.text}`);
    for (const f of result.overall.falseAlarms) console.log(`      false alarm ${f.path}:${f.line} ${f.kind}: ${f.text}`);
    assert.ok(result.overall.overall.labelled >= 300, `${result.overall.overall.labelled} labels`);
    for (const { convention, evaluation } of [...result.byConvention, { convention: 'all', evaluation: result.overall }]) {
      assert.ok(evaluation.overall.labelled >= 30, `${convention}: only ${evaluation.overall.labelled} labels`);
      assert.ok(evaluation.overall.precision >= 0.95, `${convention}: precision ${evaluation.overall.precision}`);
      assert.ok(evaluation.overall.recall >= 0.95, `${convention}: recall ${evaluation.overall.recall}`);
    }
  });
});
