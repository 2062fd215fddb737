/**
 * Recommendations as actions: the checks (with their lines and columns), the older status word,
 * the list and roll-up, overdue against a fixed day, edits that keep comments and refuse stale
 * files, measures in words, and the report's "What changed as a result" with consent applied.
 */
import * as assert from 'node:assert/strict';
import { describeRollup, listActions, rollUp } from '../../src/core/actions/list';
import { findAction, updateAction } from '../../src/core/actions/operations';
import { overdueProblems } from '../../src/core/actions/problems';
import { isIsoDate, parseMeasure } from '../../src/core/actions/recommendation';
import { formatMeasure } from '../../src/core/format';
import { formatProblem } from '../../src/core/problems';
import { renderDiff } from '../../src/core/review/render-diff';
import { diffAnalysis } from '../../src/core/review/semantic-diff';
import { renderReport } from '../../src/core/report';
import { EditPlan } from '../../src/core/store/plan';
import { locate } from '../../src/core/workspace/load';
import { exampleFileSystem, loaded } from '../support/example-fs';

const SILENCE = 'insights/silence-during-waits-feels-like-being-forgotten.yaml';
const TODAY = '2026-12-01';

/** An insight citing one of P01's highlights, with the given recommendations (YAML lines). */
function insightWith(recommendations: string): string {
  return `statement: Residents chase because nobody calls back.\nstatus: accepted\nthemes: []\nevidence: [h-cb54hccq]\nrecommendations:\n${recommendations}`;
}

describe('actions: checks', () => {
  it('reports each problem of a recommendation at its line and column, in words, and nothing for a good one', async () => {
    const fs = exampleFileSystem();
    fs.write(
      'insights/chasing.yaml',
      insightWith(
        [
          '  - action: Call back within two days.', // 6
          '    status: declined', // 7
          '  - action: Publish waiting times.', // 8
          '    status: done', // 9
          '    due: 2026-02-30', // 10
          '  - action: Name an officer.', // 11
          '    status: done',
          '    outcome:',
          '      change: Every case has a named officer.',
          '      evidence: [outcomes/nowhere.csv, h-00000000, "http//example.org", ../outside.csv, outcomes/adaptations-performance-2026.csv, h-cb54hccq, https://example.org/waits]', // 15
          '  - action: Stop planning channels by age.', // 16
          '    status: rejected', // 17
          '',
        ].join('\n'),
      ),
    );
    const ws = await loaded(fs);
    const lines = ws.problems.filter((p) => p.path === 'insights/chasing.yaml').map((p) => formatProblem(p, 'text'));
    assert.deepEqual(lines, [
      'insights/chasing.yaml:7:13: error: “Call back within two days.” is declined without a reason: add `reason:` saying why, so the decision can be understood later. [declined-without-reason]',
      'insights/chasing.yaml:9:13: warning: “Publish waiting times.” is done but says nothing of what changed: add an `outcome:` with the change, a measure before and after where there is one, and its evidence. [done-without-outcome]',
      'insights/chasing.yaml:10:10: error: The due date 2026-02-30 is not a day of the calendar: write YYYY-MM-DD, e.g. 2026-09-30. [bad-due-date]',
      'insights/chasing.yaml:15:18: error: The file outcomes/nowhere.csv given as evidence of this outcome does not exist in the study. [missing-evidence-file]',
      'insights/chasing.yaml:15:40: error: The highlight h-00000000 given as evidence of this outcome does not exist. [dangling-reference]',
      'insights/chasing.yaml:15:52: error: “http//example.org” is not a web address Sift can open; write the whole address, e.g. https://example.org/report. [bad-evidence-link]',
      'insights/chasing.yaml:15:73: error: The evidence “../outside.csv” points outside the study; give a file inside this folder (like outcomes/waiting-times.csv), a web address, or a highlight id. [evidence-outside]',
      'insights/chasing.yaml:17:13: warning: “rejected” is the older word for declined; Sift reads it as declined. Write `status: declined` and say why in `reason:`. [older-action-status]',
    ]);
    assert.deepEqual(ws.problems.find((p) => p.code === 'older-action-status')!.fixes, ['declined']);
    // The older word is read as today's: the roll-up counts it as declined.
    assert.equal(ws.insights.get('chasing')!.recommendations[3]!.status, 'declined');
  });

  it('a status or due date the schema does not know is an error at its place, naming the statuses (the older word included)', async () => {
    const fs = exampleFileSystem();
    fs.write('insights/chasing.yaml', insightWith('  - action: Call back.\n    status: finished\n    due: next week\n'));
    const ws = await loaded(fs);
    assert.deepEqual(
      ws.problems.filter((p) => p.path === 'insights/chasing.yaml').map((p) => formatProblem(p, 'text')),
      [
        'insights/chasing.yaml:7:13: error: recommendations[1].status must be one of: proposed, agreed, in-progress, done, declined, rejected. [schema-enum]',
        'insights/chasing.yaml:8:10: error: recommendations[1].due is not written the expected way: dates are written YYYY-MM-DD, e.g. 2026-09-30. [schema-pattern]',
      ],
    );
  });

  it('the example study: no problem in its recommendations but the one overdue on a fixed day', async () => {
    const fs = exampleFileSystem();
    const ws = await loaded(fs);
    assert.deepEqual(
      ws.problems.filter((p) => p.path.startsWith('insights/')),
      [],
    );
    const overdue = await locate(fs, overdueProblems(ws, TODAY));
    assert.deepEqual(
      overdue.map((p) => formatProblem(p, 'text')),
      [`${SILENCE}:27:10: warning: “Prototype an online case tracker showing requested, triaged…” (digital services) was due on 2026-10-31 and is in progress: update its status, or agree a new due date. [overdue-action]`],
    );
    // The day before it was due, and the day it is due, nothing is overdue.
    assert.deepEqual(overdueProblems(ws, '2026-10-31'), []);
    assert.equal(overdueProblems(ws, '2026-11-01').length, 1);
  });

  it('tells a calendar day from other text', () => {
    assert.deepEqual(['2026-09-30', '2028-02-29', '2026-02-29', '2026-13-01', '2026-9-30', '30/09/2026'].map(isIsoDate), [true, true, false, false, false, false]);
  });
});

describe('actions: list and roll-up', () => {
  it('lists the example’s eight recommendations, rolls them up, and filters by owner and status', async () => {
    const ws = await loaded(exampleFileSystem());
    const all = listActions(ws, TODAY);
    assert.deepEqual(
      all.map((a) => `${a.id} ${a.recommendation.status}${a.overdue ? ' overdue' : ''}`),
      [
        'means-test-information-comes-too-late#1 agreed',
        'older-residents-prefer-face-to-face#1 done',
        'reaching-pension-age-needs-a-checklist#1 done',
        'reaching-pension-age-needs-a-checklist#2 in-progress',
        'reaching-pension-age-needs-a-checklist#3 declined',
        'silence-during-waits-feels-like-being-forgotten#1 done',
        'silence-during-waits-feels-like-being-forgotten#2 done',
        'silence-during-waits-feels-like-being-forgotten#3 in-progress overdue',
      ],
    );
    assert.equal(describeRollup(rollUp(all)), '4 of 8 recommendations done, 2 in progress, 1 agreed, 1 declined; 1 overdue.');
    assert.deepEqual(
      listActions(ws, TODAY, { owner: '  Revenues and Benefits ' }).map((a) => a.id),
      ['reaching-pension-age-needs-a-checklist#1', 'reaching-pension-age-needs-a-checklist#2'],
    );
    assert.equal(describeRollup(rollUp(listActions(ws, TODAY, { status: 'open' }))), '0 of 3 recommendations done, 2 in progress, 1 agreed; 1 overdue.');
    assert.deepEqual(
      listActions(ws, TODAY, { status: 'overdue' }).map((a) => a.id),
      ['silence-during-waits-feels-like-being-forgotten#3'],
    );
    assert.deepEqual(listActions(ws, TODAY, { status: 'declined', owner: 'nobody' }), []);
    assert.equal(describeRollup(rollUp([])), 'No recommendations yet.');
  });

  it('finds an action by <insight>#<n>, the insight shortened to a unique start, and says why it cannot', async () => {
    const ws = await loaded(exampleFileSystem());
    assert.deepEqual(findAction(ws, 'silence#3').ref, { insight: 'silence-during-waits-feels-like-being-forgotten', index: 2 });
    assert.deepEqual(findAction(ws, 'reaching-pension-age-needs-a-checklist#1').ref, { insight: 'reaching-pension-age-needs-a-checklist', index: 0 });
    assert.equal(findAction(ws, 'silence#4').problem!.message, 'Insight silence-during-waits-feels-like-being-forgotten has 3 recommendations (#1 to #3), so there is no #4.');
    assert.equal(findAction(ws, 'nothing#1').problem!.message, 'There is no insight nothing.');
    assert.match(findAction(ws, 'silence').problem!.message, /^“silence” is not an action id: actions are named <insight>#<n>, e\.g\. means-test-information-comes-too-late#1/);
  });
});

describe('actions: changes', () => {
  it('moves an action on in place: the comment above it and every other line stay; done without an outcome is a warning', async () => {
    const fs = exampleFileSystem();
    const ws = await loaded(fs);
    const before = fs.text(SILENCE)!;
    const plan = new EditPlan(fs, ws.versions);
    const problems = await updateAction(plan, ws, { insight: 'silence-during-waits-feels-like-being-forgotten', index: 2 }, { status: 'done', owner: 'digital services team', due: '2026-12-15' });
    assert.deepEqual(
      problems.map((p) => p.code),
      ['done-without-outcome'],
    );
    await fs.apply(plan.result().edits);
    assert.equal(fs.text(SILENCE), before.replace('    owner: digital services\n    status: in-progress\n    due: 2026-10-31\n', '    owner: digital services team\n    status: done\n    due: 2026-12-15\n'));
    assert.match(fs.text(SILENCE)!, /# Agreed at the April board; the pilot slipped/);
  });

  it('refuses a decline without a reason, writes one with it, drops the reason when taken up again, and rewrites the older word', async () => {
    const fs = exampleFileSystem();
    const path = 'insights/older-residents-prefer-face-to-face.yaml';
    fs.write(path, fs.text(path)!.replace(/    status: done\n    outcome:\n.*\n.*\n/, '    status: rejected\n'));
    let ws = await loaded(fs);
    const ref = { insight: 'older-residents-prefer-face-to-face', index: 0 };
    let plan = new EditPlan(fs, ws.versions);
    const refused = await updateAction(plan, ws, ref, { status: 'declined' });
    assert.deepEqual(
      refused.map((p) => [p.severity, p.code]),
      [['error', 'reason-required']],
    );
    assert.deepEqual(plan.result().edits, []);
    await updateAction(plan, ws, ref, { status: 'declined', reason: 'Channel plans are set nationally this year.' });
    await fs.apply(plan.result().edits);
    assert.match(fs.text(path)!, /    owner: customer services\n    status: declined\n    reason: Channel plans are set nationally this year\.\n$/);
    ws = await loaded(fs);
    assert.deepEqual(
      ws.problems.filter((p) => p.path === path),
      [],
    );
    plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(await updateAction(plan, ws, ref, { status: 'agreed' }), []);
    await fs.apply(plan.result().edits);
    assert.match(fs.text(path)!, /    owner: customer services\n    status: agreed\n$/);
  });

  it('records an outcome with its measure on one line, and refuses a bad due date and a file changed since it was read', async () => {
    const fs = exampleFileSystem();
    const path = 'insights/means-test-information-comes-too-late.yaml';
    let ws = await loaded(fs);
    const ref = { insight: 'means-test-information-comes-too-late', index: 0 };
    let plan = new EditPlan(fs, ws.versions);
    assert.deepEqual(
      (await updateAction(plan, ws, ref, { due: '2026-02-30' })).map((p) => p.code),
      ['bad-due-date'],
    );
    const measure = parseMeasure('residents told of the means test on the first call: 12% → 94%')!;
    await updateAction(plan, ws, ref, { status: 'done', outcome: { change: 'The first call covers the means test.', measure, evidence: ['outcomes/adaptations-performance-2026.csv'] } });
    await fs.apply(plan.result().edits);
    assert.match(
      fs.text(path)!,
      /    status: done\n    outcome:\n      change: The first call covers the means test\.\n      measure: \{name: residents told of the means test on the first call, before: 12, after: 94, unit: "%"\}\n      evidence:\n        - outcomes\/adaptations-performance-2026\.csv\n$/,
    );
    ws = await loaded(fs);
    assert.deepEqual(
      ws.problems.filter((p) => p.path === path),
      [],
    );
    // Someone else edits the file after this load: the change is refused, nothing is written.
    plan = new EditPlan(fs, ws.versions);
    fs.write(path, fs.text(path)! + '# edited elsewhere\n');
    await updateAction(plan, ws, ref, { owner: 'contact centre' });
    const result = plan.result();
    assert.deepEqual(result.edits, []);
    assert.equal(result.problems.length, 1);
  });

  it('reads a measure typed on one line, and says figures the same way everywhere', () => {
    assert.deepEqual(parseMeasure('average wait for a major adaptation: 183 → 52 days'), { name: 'average wait for a major adaptation', before: 183, after: 52, unit: 'days' });
    assert.deepEqual(parseMeasure('gap: 16 -> 3 weeks'), { name: 'gap', before: 16, after: 3, unit: 'weeks' });
    assert.deepEqual(parseMeasure('satisfaction: 3.5 → 4.25'), { name: 'satisfaction', before: 3.5, after: 4.25 });
    assert.deepEqual(parseMeasure('share: 40% → 25%'), { name: 'share', before: 40, after: 25, unit: '%' });
    assert.equal(parseMeasure('183 to 52 days'), undefined);
    assert.equal(formatMeasure({ before: 183, after: 52, unit: 'days' }), '183 → 52 days (−72%)');
    assert.equal(formatMeasure({ before: 16, after: 3, unit: 'weeks' }), '16 → 3 weeks (−81%)');
    assert.equal(formatMeasure({ before: 3.5, after: 4.25 }), '3.5 → 4.25 (+21%)');
    assert.equal(formatMeasure({ before: 40, after: 25, unit: '%' }), '40% → 25%');
    assert.equal(formatMeasure({ before: 0, after: 12, unit: 'complaints' }), '0 → 12 complaints');
    assert.equal(formatMeasure({ before: -2, after: -2 }), '−2 → −2');
  });
});

describe('report: what changed as a result', () => {
  it('shows the roll-up and every outcome, measured ones first, with before → after and the evidence', async () => {
    const ws = await loaded(exampleFileSystem());
    const md = renderReport(ws, 'md', { date: TODAY });
    const section = md.slice(md.indexOf('## What changed as a result'), md.indexOf('## Emerging insights'));
    assert.ok(md.indexOf('## Findings') < md.indexOf('## What changed as a result'));
    assert.match(section, /^## What changed as a result\n\n4 of 8 recommendations done, 2 in progress, 1 agreed, 1 declined; 1 overdue\.\n/);
    const measures = [...section.matchAll(/^\*\*(.+)\*\*$/gm)].map((m) => m[1]);
    assert.deepEqual(measures, ['Average gap in Housing Benefit at State Pension age: 16 → 3 weeks (−81%)', 'Calls chasing an adaptation case per month: 412 → 138 calls (−67%)', 'Average wait for a major adaptation: 183 → 52 days (−72%)']);
    assert.deepEqual([...section.matchAll(/^### (.+)$/gm)].length, 4);
    assert.match(section, /\*Evidence:\* https:\/\/www\.example\.gov\.uk\/council\/contact-strategy-2026-27\n/);
    // Without a date, nothing is counted overdue.
    assert.match(renderReport(ws, 'md'), /\n4 of 8 recommendations done, 2 in progress, 1 agreed, 1 declined\.\n/);
  });

  it('quotes a later highlight given as evidence only as consent allows, and never a withdrawn participant’s', async () => {
    const fs = exampleFileSystem();
    // P01 agreed to verbatim quotes; P03 to anonymised ones only (the study is not pseudonymised).
    fs.write(SILENCE, fs.text(SILENCE)!.replace('      evidence: [outcomes/adaptations-performance-2026.csv]\n  - action: Give', '      evidence: [h-cb54hccq, h-8sxpn8fx]\n  - action: Give'));
    let ws = await loaded(fs);
    let md = renderReport(ws, 'md', { date: TODAY });
    let section = md.slice(md.indexOf('## What changed as a result'), md.indexOf('## Emerging insights'));
    assert.match(section, /\n> “I come down in the morning on my bottom, one step at a time, like a toddler\.” — P01\n/);
    assert.doesNotMatch(md, /the house didn't fit me anymore/);
    assert.match(section, /\*Evidence:\* a highlight not quoted, as consent requires\n/);
    fs.write('participants.yaml', fs.text('participants.yaml')!.replace('date: 2026-02-24, scope: verbatim', 'date: 2026-02-24, scope: withdrawn'));
    ws = await loaded(fs);
    md = renderReport(ws, 'md', { date: TODAY });
    section = md.slice(md.indexOf('## What changed as a result'), md.indexOf('## Emerging insights'));
    assert.doesNotMatch(md, /like a toddler/);
  });
});

describe('sift diff: an action moved on', () => {
  it('says what changed of a recommendation: status, due date, and the outcome in words with its measure', async () => {
    const fs = exampleFileSystem();
    const before = await loaded(fs);
    fs.write(
      SILENCE,
      fs
        .text(SILENCE)!
        .replace(
          '    status: in-progress\n    due: 2026-10-31\n',
          '    status: done\n    due: 2026-11-30\n    outcome:\n      change: Residents see their case online.\n      measure: {name: calls asking where a case is, before: 138, after: 60, unit: calls}\n',
        ),
    );
    const d = diffAnalysis(before, await loaded(fs));
    const text = renderDiff(d, 'text', { before: 'main', after: 'feature' });
    assert.match(
      text,
      /recommendation “Prototype an online case tracker showing requested, triaged, assessed, approved and fitted\.”: status “in-progress” → “done”; due “2026-10-31” → “2026-11-30”; outcome added: “Residents see their case online\. \(calls asking where a case is: 138 → 60 calls \(−57%\)\)”/,
    );
  });
});
