/**
 * `sift actions` on the example study and on copies of it: the list and roll-up (exact text),
 * filters, JSON, a status set from the command line (refused without a reason when declined,
 * nothing written on a refusal), and `sift check` warning about overdue actions on a fixed day.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTemps, copyOfExample, EXAMPLE, fingerprint, sift } from './support';

const SILENCE = 'insights/silence-during-waits-feels-like-being-forgotten.yaml';

/** Runs sift with "today" fixed, as the tests of anything overdue must. */
function siftOn(day: string, args: string[]) {
  const before = process.env.SIFT_TODAY;
  process.env.SIFT_TODAY = day;
  try {
    return sift(args);
  } finally {
    if (before === undefined) delete process.env.SIFT_TODAY;
    else process.env.SIFT_TODAY = before;
  }
}

after(cleanupTemps);

describe('sift actions', () => {
  it('lists the example’s recommendations by status, with owners, due dates, outcomes and measures, and rolls them up', () => {
    const r = siftOn('2026-12-01', ['actions', EXAMPLE]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        'Agreed (1)',
        '  means-test-information-comes-too-late#1  Mention the means test on the first call and add a rough contribution estimator to the adaptations web page.',
        '    home improvement agency',
        'In progress (2)',
        '  reaching-pension-age-needs-a-checklist#2  Offer easy read versions of the checklist and of Council Tax Reduction letters.',
        '    revenues and benefits',
        '  silence-during-waits-feels-like-being-forgotten#3  Prototype an online case tracker showing requested, triaged, assessed, approved and fitted.',
        '    digital services · due 2026-10-31 · OVERDUE',
        'Done (4)',
        '  older-residents-prefer-face-to-face#1  Do not plan channel shift by age band; ask residents how they want to be contacted for each kind of task.',
        '    customer services',
        '    Outcome: The 2026–27 contact strategy asks residents how they want to be contacted for each kind of task, instead of assigning channels by age band.',
        '    Evidence: https://www.example.gov.uk/council/contact-strategy-2026-27',
        '  reaching-pension-age-needs-a-checklist#1  Send a plain-English checklist six months before State Pension age: what stops, what to claim and in what order.',
        '    revenues and benefits · due 2026-05-31',
        '    Outcome: Everyone reaching State Pension age gets the checklist six months ahead, and Housing Benefit claims are taken before Universal Credit stops.',
        '    Measure: average gap in Housing Benefit at State Pension age: 16 → 3 weeks (−81%)',
        '    Evidence: outcomes/pension-transition-2026.csv',
        '  silence-during-waits-feels-like-being-forgotten#1  Send a status update every four weeks while an adaptation case is open, even when nothing has changed.',
        '    adaptations team · due 2026-06-30',
        '    Outcome: Since June 2026 every open case gets a letter or a call every four weeks, saying where it is in the queue.',
        '    Measure: calls chasing an adaptation case per month: 412 → 138 calls (−67%)',
        '    Evidence: outcomes/adaptations-performance-2026.csv',
        '  silence-during-waits-feels-like-being-forgotten#2  Give each resident a named officer and a direct number from assessment to fitting.',
        '    occupational therapy service · due 2026-09-30',
        '    Outcome: Each case has had a named officer from assessment to fitting since July 2026; officers triage their own cases, so no case waits unowned between teams.',
        '    Measure: average wait for a major adaptation: 183 → 52 days (−72%)',
        '    Evidence: outcomes/adaptations-performance-2026.csv',
        'Declined (1)',
        '  reaching-pension-age-needs-a-checklist#3  Agree with the DWP Pension Service how Housing Benefit and Council Tax Reduction claims can start when Universal Credit ends.',
        '    head of customer services',
        '    Reason: The Pension Service cannot share claim dates before the change; the checklist closes most of the gap instead.',
        '',
        '4 of 8 recommendations done, 2 in progress, 1 agreed, 1 declined; 1 overdue.',
        '',
      ].join('\n'),
    );
    // Before the tracker was due, nothing is overdue.
    assert.match(siftOn('2026-10-31', ['actions', EXAMPLE]).stdout, /\n4 of 8 recommendations done, 2 in progress, 1 agreed, 1 declined\.\n$/);
  });

  it('filters by owner (any case) and status, answers in JSON, and exits 1 when nothing matches', () => {
    const owned = siftOn('2026-12-01', ['actions', EXAMPLE, '--owner', 'Revenues and Benefits', '--status', 'open']);
    assert.equal(owned.code, 0, owned.stderr);
    assert.equal(
      owned.stdout,
      'In progress (1)\n  reaching-pension-age-needs-a-checklist#2  Offer easy read versions of the checklist and of Council Tax Reduction letters.\n    revenues and benefits\n\n0 of 1 recommendation done, 1 in progress.\n',
    );
    const json = siftOn('2026-12-01', ['actions', EXAMPLE, '--status', 'done', '--format', 'json']);
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as {
      today: string;
      summary: string;
      rollup: { total: number; overdue: number };
      actions: { id: string; status: string; outcome?: { measure?: { before: number; after: number; unit: string } }; measureText?: string }[];
    };
    assert.equal(parsed.today, '2026-12-01');
    assert.equal(parsed.summary, '4 of 4 recommendations done.');
    assert.deepEqual(
      parsed.actions.map((a) => a.id),
      ['older-residents-prefer-face-to-face#1', 'reaching-pension-age-needs-a-checklist#1', 'silence-during-waits-feels-like-being-forgotten#1', 'silence-during-waits-feels-like-being-forgotten#2'],
    );
    const wait = parsed.actions[3]!;
    assert.deepEqual(wait.outcome!.measure, { name: 'average wait for a major adaptation', before: 183, after: 52, unit: 'days' });
    assert.equal(wait.measureText, 'average wait for a major adaptation: 183 → 52 days (−72%)');
    const none = siftOn('2026-12-01', ['actions', EXAMPLE, '--owner', 'nobody', '--status', 'declined']);
    assert.equal(none.code, 1);
    assert.equal(none.stdout, 'No recommendations owned by nobody and with status declined.\n');
    const bad = sift(['actions', EXAMPLE, '--status', 'finished']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^sift: --status must be one of: proposed, agreed, in-progress, done, declined, open, overdue\.\nUsage:\n  sift actions /);
    const badDay = siftOn('30/11/2026', ['actions', EXAMPLE]);
    assert.equal(badDay.code, 2);
    assert.match(badDay.stderr, /^sift: SIFT_TODAY must be a date written YYYY-MM-DD \(not "30\/11\/2026"\)\./);
  });

  it('set: declining needs a reason (refused, nothing written), then writes the status and reason in place, comments kept', () => {
    const dir = copyOfExample();
    const file = path.join(dir, SILENCE);
    const before = readFileSync(file, 'utf8');
    const untouched = fingerprint(dir);
    const refused = sift(['actions', 'set', 'silence-during-waits-feels-like-being-forgotten#3', dir, '--status', 'declined']);
    assert.equal(refused.code, 1);
    assert.equal(
      refused.stderr,
      `${SILENCE}:26:13: error: Declining “Prototype an online case tracker showing requested, triaged…” needs a reason: say why it is not being done, so the decision can be understood later. [reason-required]\nNothing was written.\n`,
    );
    assert.deepEqual(fingerprint(dir), untouched);
    const wrongReason = sift(['actions', 'set', 'silence#3', dir, '--status', 'done', '--reason', 'because']);
    assert.equal(wrongReason.code, 2);
    assert.match(wrongReason.stderr, /^sift: --reason goes with --status declined: it says why a recommendation is not being done\.\n/);
    const missing = sift(['actions', 'set', 'silence#9', dir, '--status', 'done']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Insight silence-during-waits-feels-like-being-forgotten has 3 recommendations \(#1 to #3\), so there is no #9\. \[no-action\]\nNothing was written\.\n$/);
    assert.deepEqual(fingerprint(dir), untouched);

    const declined = sift(['actions', 'set', 'silence#3', dir, '--status', 'declined', '--reason', 'The case system will show progress itself from 2027.']);
    assert.equal(declined.code, 0, declined.stderr);
    assert.equal(declined.stdout, 'Updated silence-during-waits-feels-like-being-forgotten#3: status in progress → declined, reason: The case system will show progress itself from 2027.\n');
    assert.equal(readFileSync(file, 'utf8'), before.replace('    status: in-progress\n    due: 2026-10-31\n', '    status: declined\n    reason: The case system will show progress itself from 2027.\n    due: 2026-10-31\n'));
    assert.equal(sift(['check', dir]).code, 0);
  });

  it('set: done without an outcome is written with a warning; owner and due date change; the same again changes nothing', () => {
    const dir = copyOfExample();
    const file = path.join(dir, 'insights/means-test-information-comes-too-late.yaml');
    const before = readFileSync(file, 'utf8');
    const done = sift(['actions', 'set', 'means-test#1', dir, '--status', 'done', '--owner', 'contact centre', '--due', '2026-11-30']);
    assert.equal(done.code, 0, done.stderr);
    assert.equal(done.stdout, 'Updated means-test-information-comes-too-late#1: status agreed → done, owner home improvement agency → contact centre, due (none) → 2026-11-30.\n');
    assert.match(done.stderr, /^insights\/means-test-information-comes-too-late\.yaml:9:13: warning: “Mention the means test on the first call and add a rough co…” is done but says nothing of what changed: add an outcome/);
    assert.equal(readFileSync(file, 'utf8'), before.replace('    owner: home improvement agency\n    status: agreed\n', '    owner: contact centre\n    status: done\n    due: 2026-11-30\n'));
    const again = sift(['actions', 'set', 'means-test#1', dir, '--owner', 'contact centre']);
    assert.equal(again.code, 0);
    assert.equal(again.stdout, 'Nothing to change: means-test-information-comes-too-late#1 is already so.\n');
    const badDue = sift(['actions', 'set', 'means-test#1', dir, '--due', '2026-11-31']);
    assert.equal(badDue.code, 1);
    assert.equal(badDue.stderr, 'insights/means-test-information-comes-too-late.yaml:10:10: error: The due date 2026-11-31 is not a day of the calendar: write YYYY-MM-DD, e.g. 2026-09-30. [bad-due-date]\nNothing was written.\n');
    const nothing = sift(['actions', 'set', 'means-test#1', dir]);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /^sift: Say what to change: --status, --reason, --owner, --due, or the outcome \(--outcome, --measure, --evidence\)\.\n/);
  });
});

describe('sift actions set: recording an outcome', () => {
  const MEANS = 'insights/means-test-information-comes-too-late.yaml';

  it('records what changed, a measure before and after and its evidence, in place; sift check then passes', () => {
    const dir = copyOfExample();
    const file = path.join(dir, MEANS);
    const before = readFileSync(file, 'utf8');
    const r = sift([
      'actions',
      'set',
      'means-test#1',
      dir,
      '--status',
      'done',
      '--outcome',
      'The first call now gives a rough contribution estimate.',
      '--measure',
      'residents deciding to self-fund within a month: 4 -> 11',
      '--evidence',
      'outcomes/adaptations-performance-2026.csv',
      '--evidence',
      'h-t2p37rpc',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '', 'done with an outcome: no warning');
    assert.equal(
      r.stdout,
      'Updated means-test-information-comes-too-late#1: status agreed → done, outcome recorded, measure residents deciding to self-fund within a month: 4 → 11 (+175%), evidence outcomes/adaptations-performance-2026.csv, h-t2p37rpc.\n',
    );
    assert.equal(
      readFileSync(file, 'utf8'),
      before.replace(
        '    status: agreed\n',
        '    status: done\n    outcome:\n      change: The first call now gives a rough contribution estimate.\n      measure: {name: residents deciding to self-fund within a month, before: 4, after: 11}\n      evidence:\n        - outcomes/adaptations-performance-2026.csv\n        - h-t2p37rpc\n',
      ),
    );
    const listed = siftOn('2026-12-01', ['actions', dir, '--owner', 'home improvement agency']);
    assert.match(
      listed.stdout,
      /\n {4}Outcome: The first call now gives a rough contribution estimate\.\n {4}Measure: residents deciding to self-fund within a month: 4 → 11 \(\+175%\)\n {4}Evidence: outcomes\/adaptations-performance-2026\.csv, h-t2p37rpc\n/,
    );

    // A measure alone changes only the measure; an empty one removes it; --outcome "" removes the outcome.
    const measured = sift(['actions', 'set', 'means-test#1', dir, '--measure', 'weeks to a decision: 14 -> 6 weeks']);
    assert.equal(measured.stdout, 'Updated means-test-information-comes-too-late#1: measure weeks to a decision: 14 → 6 weeks (−57%).\n');
    assert.match(readFileSync(file, 'utf8'), /\n {6}measure: \{name: weeks to a decision, before: 14, after: 6, unit: weeks\}\n/);
    assert.equal(sift(['actions', 'set', 'means-test#1', dir, '--measure', '', '--evidence', '']).stdout, 'Updated means-test-information-comes-too-late#1: measure removed, evidence removed.\n');
    const removed = sift(['actions', 'set', 'means-test#1', dir, '--outcome', '']);
    assert.equal(removed.stdout, 'Updated means-test-information-comes-too-late#1: outcome removed.\n');
    assert.match(removed.stderr, /^insights\/means-test-information-comes-too-late\.yaml:9:13: warning: .* is done but says nothing of what changed/);
    assert.equal(readFileSync(file, 'utf8'), before.replace('    status: agreed\n', '    status: done\n'));
  });

  it('refuses evidence the study does not have and a measure it cannot read, at the recommendation, writing nothing', () => {
    const dir = copyOfExample();
    const untouched = fingerprint(dir);
    const bad = sift([
      'actions',
      'set',
      'means-test#1',
      dir,
      '--outcome',
      'Estimates on the first call.',
      '--evidence',
      'outcomes/missing.csv',
      '--evidence',
      'http//example.org',
      '--evidence',
      'h-zzzzzzzz',
      '--evidence',
      '../elsewhere.csv',
    ]);
    assert.equal(bad.code, 1);
    assert.equal(
      bad.stderr,
      [
        `${MEANS}:7:5: error: The file outcomes/missing.csv given as evidence of this outcome does not exist in the study. [missing-evidence-file]`,
        `${MEANS}:7:5: error: “http//example.org” is not a web address Sift can open; write the whole address, e.g. https://example.org/report. [bad-evidence-link]`,
        `${MEANS}:7:5: error: The highlight h-zzzzzzzz given as evidence of this outcome does not exist. [dangling-reference]`,
        `${MEANS}:7:5: error: The evidence “../elsewhere.csv” points outside the study; give a file inside this folder (like outcomes/waiting-times.csv), a web address, or a highlight id. [evidence-outside]`,
        'Nothing was written.',
        '',
      ].join('\n'),
    );
    const measure = sift(['actions', 'set', 'means-test#1', dir, '--outcome', 'Estimates on the first call.', '--measure', 'waits 4 -> 11']);
    assert.equal(measure.code, 2);
    assert.match(measure.stderr, /^sift: --measure "waits 4 -> 11" is not a measure: write what was measured, then before -> after and the unit, e\.g\. --measure "average wait for a major adaptation: 183 -> 52 days"\.\n/);
    const alone = sift(['actions', 'set', 'means-test#1', dir, '--evidence', 'h-t2p37rpc']);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /^sift: Say what changed with --outcome "…": a measure and evidence belong to an outcome\.\n/);
    assert.deepEqual(fingerprint(dir), untouched);
  });
});

describe('sift check: overdue actions', () => {
  it('warns about an open action due before today, at its due date, and not before it is due', () => {
    const late = siftOn('2026-12-01', ['check', EXAMPLE, '--no-cache']);
    assert.equal(late.code, 0, late.stdout + late.stderr);
    assert.match(
      late.stdout,
      new RegExp(
        `^${SILENCE}:27:10: warning: “Prototype an online case tracker showing requested, triaged…” \\(digital services\\) was due on 2026-10-31 and is in progress: update its status, or agree a new due date\\. \\[overdue-action\\]$`,
        'm',
      ),
    );
    const early = siftOn('2026-10-31', ['check', EXAMPLE]);
    assert.doesNotMatch(early.stdout, /overdue-action/);
    const github = siftOn('2026-12-01', ['check', EXAMPLE, '--format', 'github']);
    assert.match(github.stdout, /^::warning file=.*silence-during-waits-feels-like-being-forgotten\.yaml,line=27,col=10,title=sift overdue-action::/m);
  });

  it('an older status word is a warning that says what to write, and the study still passes', () => {
    const dir = copyOfExample();
    const file = path.join(dir, 'insights/reaching-pension-age-needs-a-checklist.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('    status: declined\n    reason: The Pension Service cannot share claim dates before the change; the checklist closes most of the gap instead.\n', '    status: rejected\n'));
    const r = siftOn('2026-10-01', ['check', dir, '--no-cache']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(
      r.stdout,
      /^insights\/reaching-pension-age-needs-a-checklist\.yaml:\d+:13: warning: “rejected” is the older word for declined; Sift reads it as declined\. Write `status: declined` and say why in `reason:`\. \[older-action-status\]$/m,
    );
    assert.match(siftOn('2026-10-01', ['actions', dir]).stdout, /, 1 declined\.\n$/);
  });
});
