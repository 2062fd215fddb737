import * as assert from 'node:assert/strict';
import { journeyView } from '../../src/core/journeys/journey';
import { addStage, assignToStage, createJourney, removeFromJourney } from '../../src/core/journeys/operations';
import { EditPlan } from '../../src/core/store/plan';
import { exampleFileSystem, loaded } from '../support/example-fs';

const JOURNEY = 'getting-an-adaptation-fitted';
const PATH = `journeys/${JOURNEY}.yaml`;

describe('journeys', () => {
  it('computes mean sentiment per stage and marks the low point of the example journey', async () => {
    const ws = await loaded(exampleFileSystem());
    const v = journeyView(ws, ws.journeys.get(JOURNEY)!);
    const means = Object.fromEntries(v.stages.map((s) => [s.id, Number(s.mean!.toFixed(2))]));
    assert.deepEqual(means, { 'noticing-the-need': -1, 'asking-for-help': -0.67, 'waiting-for-assessment': -1.67, assessment: 1.5, 'waiting-after-assessment': -2, 'fitted-or-making-do': 0.33 });
    assert.deepEqual(v.lowPoints, ['waiting-after-assessment']);
    assert.deepEqual(
      v.stages.filter((s) => s.dip).map((s) => s.id),
      ['noticing-the-need', 'waiting-for-assessment', 'waiting-after-assessment'],
    );
    assert.deepEqual([v.missing, v.withdrawn], [[], []]);
    // P03 (anonymised consent) is on the journey, but their words are not offered.
    const p03 = v.stages.flatMap((s) => s.moments).filter((m) => m.participant === 'P03');
    assert.ok(p03.length > 0);
    assert.ok(p03.every((m) => m.quote === undefined));
    assert.ok(v.stages[4]!.moments.some((m) => m.quote !== undefined));
  });

  it('a withdrawn participant drops out of the means', async () => {
    const fs = exampleFileSystem();
    // P07 said two of the -2 moments after the assessment.
    fs.write('participants.yaml', fs.text('participants.yaml')!.replace('date: 2026-03-05, scope: verbatim', 'date: 2026-03-05, scope: withdrawn'));
    const ws = await loaded(fs);
    const v = journeyView(ws, ws.journeys.get(JOURNEY)!);
    assert.ok(v.withdrawn.length > 0);
    assert.ok(v.stages.flatMap((s) => s.moments).every((m) => m.participant !== 'P07'));
  });

  it('assigns a highlight to a stage, moves it between stages, changes its sentiment and takes it off', async () => {
    const fs = exampleFileSystem();
    let ws = await loaded(fs);
    const before = fs.text(PATH)!;
    const id = 'h-bgtjrrje'; // P07's forty-one rows: not on the journey yet.
    let plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await assignToStage(plan, ws, JOURNEY, id, 'asking-for-help', -2), []);
    fs.apply(plan.result().edits);
    assert.equal(fs.text(PATH), before.replace('      - {id: h-760wgws9, sentiment: -1}\n', `      - {id: h-760wgws9, sentiment: -1}\n      - {id: ${id}, sentiment: -2}\n`));

    ws = await loaded(fs);
    plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await assignToStage(plan, ws, JOURNEY, id, 'waiting-after-assessment'), []);
    fs.apply(plan.result().edits);
    ws = await loaded(fs);
    const stages = ws.journeys.get(JOURNEY)!.stages;
    assert.ok(!stages[1]!.highlights.some((h) => h.id === id));
    assert.deepEqual(stages[4]!.highlights.at(-1), { id, sentiment: -2 });

    plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await assignToStage(plan, ws, JOURNEY, id, 'waiting-after-assessment', 1), []);
    fs.apply(plan.result().edits);
    ws = await loaded(fs);
    assert.deepEqual(ws.journeys.get(JOURNEY)!.stages[4]!.highlights.at(-1), { id, sentiment: 1 });

    plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await removeFromJourney(plan, ws, JOURNEY, id), []);
    fs.apply(plan.result().edits);
    assert.equal(fs.text(PATH), before);
  });

  it('refuses bad sentiment, unknown stages and highlights, and creates journeys with stages', async () => {
    const fs = exampleFileSystem();
    const ws = await loaded(fs);
    const plan = new EditPlan(fs, ws.versions);
    assert.match((await assignToStage(plan, ws, JOURNEY, 'h-bgtjrrje', 'assessment', 3))[0]!.message, /from -2 to 2, not 3/);
    assert.match((await assignToStage(plan, ws, JOURNEY, 'h-bgtjrrje', 'nowhere'))[0]!.message, /has no stage nowhere; its stages are noticing-the-need, /);
    assert.match((await assignToStage(plan, ws, JOURNEY, 'h-00000000', 'assessment'))[0]!.message, /There is no highlight h-00000000/);
    assert.deepEqual(plan.result().edits, []);
    const created = await createJourney(plan, ws, { title: 'Reaching pension age', stages: ['Before', 'The change', 'After'], persona: 'caught-out-at-pension-age' });
    assert.equal(created.id, 'reaching-pension-age');
    const stage = await addStage(plan, ws, JOURNEY, 'Living with it');
    assert.equal(stage.id, 'living-with-it');
    fs.apply(plan.result().edits);
    assert.equal(
      fs.text('journeys/reaching-pension-age.yaml'),
      'title: Reaching pension age\npersona: caught-out-at-pension-age\nstages:\n  - id: before\n    title: Before\n    highlights: []\n  - id: the-change\n    title: The change\n    highlights: []\n  - id: after\n    title: After\n    highlights: []\n',
    );
    const after = await loaded(fs);
    assert.deepEqual(after.journeys.get(JOURNEY)!.stages.at(-1), { id: 'living-with-it', title: 'Living with it', highlights: [] });
    assert.deepEqual(
      after.problems.filter((p) => p.path.startsWith('journeys/') && p.severity === 'error'),
      [],
    );
  });
});
