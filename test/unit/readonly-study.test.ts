/**
 * "No feature mutates the loaded study", at run time: the example study, loaded by the study
 * service and frozen all the way down (test/support/frozen.ts), goes through what the features
 * do with it: every reading (counts, the board in each grouping, the matrices, the report, the
 * review's diff, personas, exports) and every planned change (tagging, memos, re-anchoring, the
 * codebook refactors, journeys). A write the types let through (a cast, a mutable structural
 * type) throws here. Its compile-time twin is test/types/readonly-study.ts.
 */
import * as assert from 'node:assert/strict';
import { buildBoard, type GroupBy } from '../../src/core/board/board';
import { mergeTags, recolorTag, renameTag } from '../../src/core/codebook/refactor';
import { csvRows } from '../../src/core/exchange/csv';
import { exportProject } from '../../src/core/exchange/export-project';
import { groupInsights, insightView } from '../../src/core/insights/view';
import { MATRIX_KINDS, matrixOf } from '../../src/core/matrices';
import type { Highlight } from '../../src/core/model';
import { generatePersonas } from '../../src/core/personas/generate';
import { quoteTools } from '../../src/core/privacy/quotes';
import { buildReport } from '../../src/core/report/build';
import { diffAnalysis, isEmptyDiff } from '../../src/core/review/semantic-diff';
import { samplingCoverage } from '../../src/core/sampling/coverage';
import { computeStats } from '../../src/core/stats';
import { deleteHighlight, tagSelection, updateHighlight, writeAnchors } from '../../src/core/store/highlights';
import { EditPlan } from '../../src/core/store/plan';
import { createStudyService } from '../../src/core/workspace/study-service';
import { readText } from '../../src/core/workspace/load';
import { exampleFileSystem } from '../support/example-fs';
import { deepFreeze } from '../support/frozen';

async function frozenExample() {
  const fs = exampleFileSystem();
  const service = createStudyService({ fs, warmSearchIndex: false });
  const ws = deepFreeze(await service.reload());
  return { fs, service, ws };
}

describe('the loaded study is never written into', () => {
  it('is frozen for these tests: a write into it throws', async () => {
    const { ws } = await frozenExample();
    const file = [...ws.highlightFiles.values()][0]!;
    assert.throws(() => (file.highlights as Highlight[]).push(file.highlights[0]!), TypeError);
    assert.throws(() => ((file.highlights[0]!.tags as string[])[0] = 'x'), TypeError);
    assert.throws(() => (ws.anchoring as Map<string, unknown>).set('h-x', undefined), TypeError);
    assert.throws(() => (ws.problems as unknown[]).push(undefined), TypeError);
  });

  it('reading it: counts, the board in every grouping, matrices, report, review, personas, exports', async () => {
    const { fs, ws } = await frozenExample();
    const stats = computeStats(ws);
    assert.ok(stats.highlights > 0, 'the example has highlights');
    const groupings: GroupBy[] = [{ kind: 'theme' }, { kind: 'tag' }, { kind: 'participant' }, { kind: 'transcript' }, { kind: 'attribute', attribute: Object.keys(ws.project!.attributes)[0]! }];
    for (const groupBy of groupings) assert.ok(buildBoard(ws, { groupBy }).columns.length > 0, groupBy.kind);
    for (const kind of MATRIX_KINDS) matrixOf(ws, kind, Object.keys(ws.project!.attributes)[0]);
    assert.ok(buildReport(ws).themes.length > 0);
    assert.ok(isEmptyDiff(diffAnalysis(ws, ws)));
    assert.ok(generatePersonas(ws, { k: 2 }).personas.length > 0);
    assert.ok(samplingCoverage(ws).length > 0);
    for (const insight of ws.insights.values()) insightView(ws, insight, '2026-12-07');
    assert.ok(groupInsights(ws, 'theme').length > 0);
    const tools = quoteTools(ws, { key: undefined, namesList: [] });
    for (const format of ['long', 'wide', 'codebook'] as const) assert.ok(csvRows(ws, format, tools).length > 1, format);
    assert.ok((await exportProject(ws, fs)).sources.length > 0);
  });

  it('planning a change to it: tagging, memos, deleting, moving with the text, the codebook refactors', async () => {
    const { fs, service, ws } = await frozenExample();
    const file = [...ws.highlightFiles.values()].find((f) => f.highlights.length >= 2 && ws.transcripts.has(f.source))!;
    const [first, second] = file.highlights as [Highlight, Highlight];
    const text = (await readText(fs, file.source))!;
    const tag = ws.codebook[0]!.id;
    const planned = async (make: (plan: EditPlan) => Promise<unknown>) => {
      const plan = new EditPlan(fs, ws.versions);
      await make(plan);
      const { edits, problems } = plan.result();
      assert.deepEqual(problems, []);
      return edits.length;
    };
    assert.equal(await planned((plan) => tagSelection(plan, ws, text, { source: file.source, start: 0, end: 10, tags: [tag] })), 1);
    assert.equal(await planned((plan) => updateHighlight(plan, ws, first.id, { addTags: [tag], removeTags: first.tags.slice(0, 1), note: 'checked' })), 1);
    assert.equal(await planned((plan) => deleteHighlight(plan, ws, second.id)), 1);
    // Text typed before the first highlight: the service moves its place, the file is written from it.
    service.moveLive(file.source, [{ start: 0, end: 0, inserted: 3 }]);
    assert.equal(await planned((plan) => writeAnchors(plan, ws, file.source, `abc${text}`, service.placeOf)), 1);
    assert.ok((await planned((plan) => renameTag(plan, ws, tag, { label: 'Renamed' }))) >= 1);
    assert.ok((await planned((plan) => recolorTag(plan, ws, tag, '#336699'))) >= 1);
    assert.ok((await planned((plan) => mergeTags(plan, ws, [ws.codebook[1]!.id], tag))) >= 1);
  });
});
