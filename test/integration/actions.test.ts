/**
 * Recommendations as actions in a real VS Code on the example study: the Actions view (grouped
 * by status, the overdue one marked, the roll-up on top), Set Action Status… with the reason a
 * decline asks for, the insight view's "Record outcome…" writing what changed with its measure
 * and evidence, and Edit Action… moving a due date. Today is fixed (SIFT_TODAY, read by the
 * extension in this same extension host). Screenshots actions-light/-dark.
 */
import * as assert from 'node:assert/strict';
import { existsSync, promises as fsp, statSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ShownActions } from '../../src/extension/features/insights/actions';
import type { RenderedReport } from '../../src/protocol/insight';
import { clickInWebview, press, typeText } from './keyboard';
import { api, file, read, screenshot, THEMES, until, untilShown, useColorTheme } from './support';

const SILENCE = 'silence-during-waits-feels-like-being-forgotten';
const PATH = `insights/${SILENCE}.yaml`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const shown = () => vscode.commands.executeCommand<ShownActions>('sift.actions.shown');
const rendered = () => vscode.commands.executeCommand<RenderedReport | undefined>('sift.insight.rendered');

/** Types into the input box or quick pick a command opened, once it is open, and presses Enter. */
async function answer(prompt: string, text: string): Promise<void> {
  await until(`the ${prompt} prompt`, async () => (await vscode.commands.executeCommand<string | undefined>('sift.insights.asking')) === prompt, 15000);
  await pause(400); // from the extension host to the screen
  await press('Control+a');
  await typeText(text);
  await press('Enter');
  await until(`the ${prompt} prompt to close`, async () => (await vscode.commands.executeCommand<string | undefined>('sift.insights.asking')) !== prompt, 15000);
}

describe('actions', function () {
  this.timeout(120000);
  let original: string;
  const previousToday = process.env.SIFT_TODAY;

  before(async () => {
    process.env.SIFT_TODAY = '2026-12-01';
    await api();
    original = await read(PATH);
  });

  after(async () => {
    if (previousToday === undefined) delete process.env.SIFT_TODAY;
    else process.env.SIFT_TODAY = previousToday;
    await fsp.writeFile(file(PATH), original);
  });

  it('the Actions view groups the example’s recommendations by status, marks the overdue one, and rolls them up', async () => {
    const view = await until('the Actions view', async () => ((await shown()).groups.length > 0 ? shown() : undefined));
    assert.equal(view.message, '4 of 8 recommendations done, 2 in progress, 1 agreed, 1 declined; 1 overdue.');
    assert.deepEqual(
      view.groups.map((g) => [g.label, g.description, g.actions.length]),
      [
        ['Agreed', '1', 1],
        ['In progress', '2 · 1 overdue', 2],
        ['Done', '4', 4],
        ['Declined', '1', 1],
      ],
    );
    const tracker = view.groups[1]!.actions.find((a) => a.id === `${SILENCE}#3`)!;
    assert.equal(tracker.label, 'Prototype an online case tracker showing requested, triaged, assessed, approved and fitted.');
    assert.equal(tracker.description, 'digital services · overdue since 2026-10-31');
    assert.equal(tracker.icon, 'warning');
    const named = view.groups[2]!.actions.find((a) => a.id === `${SILENCE}#2`)!;
    assert.equal(named.description, 'occupational therapy service · due 2026-09-30 · average wait for a major adaptation: 183 → 52 days (−72%)');
    assert.equal(named.icon, 'pass');
  });

  it('Set Action Status… asks why when declining and writes status and reason; taken up again, the file is as it was', async () => {
    const declining = vscode.commands.executeCommand('sift.setActionStatus', 'silence#3');
    await answer('Set Action Status', 'Declined');
    await answer('Reason', 'The case system will show progress itself from 2027.');
    await declining;
    await until('the file to say declined', async () => (await read(PATH)).includes('    status: declined\n    reason: The case system will show progress itself from 2027.\n    due: 2026-10-31\n'));
    await until('the Actions view to follow', async () => (await shown()).message === '4 of 8 recommendations done, 1 in progress, 1 agreed, 2 declined.');
    await vscode.commands.executeCommand('sift.setActionStatus', `${SILENCE}#3`, 'in-progress');
    await until('the file as it was', async () => (await read(PATH)) === original);
    await until('the overdue mark back', async () => (await shown()).message.endsWith('; 1 overdue.'));
  });

  it('an overdue action is a warning in the Problems panel at its due date, with the sentence sift check gives; it goes when the date moves', async () => {
    const uri = vscode.Uri.file(file(PATH));
    const overdue = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sift' && d.code === 'overdue-action');
    const [d] = await until('the overdue warning in the Problems panel', () => overdue().length === 1 && overdue());
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(d!.message, '“Prototype an online case tracker showing requested, triaged…” (digital services) was due on 2026-10-31 and is in progress: update its status, or agree a new due date.');
    assert.deepEqual([d!.range.start.line + 1, d!.range.start.character + 1], [27, 10], 'at the due date, as sift check says: 27:10');
    await vscode.commands.executeCommand('sift.editAction', `${SILENCE}#3`, 'due', '2027-01-31');
    await until('the warning gone once the due date moved', () => overdue().length === 0);
    await fsp.writeFile(file(PATH), original);
    await until('the warning back with the study as it was', () => overdue().length === 1);
  });

  it('the insight view records an outcome with its measure and evidence; Edit Action… moves the due date so it is no longer overdue', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('sift.openInsight', SILENCE);
    await untilShown('insight', rendered, 'the insight with its recommendations', (r) => r.id === SILENCE && r.recommendations === 3);
    await pause(800); // the page laid out
    await clickInWebview('.rec:nth-child(3) vscode-button[title^="What changed because of"]');
    await answer('Outcome', 'Residents can see where their case is online.');
    await answer('Measure', 'calls asking where a case is: 138 → 60 calls');
    await answer('Evidence', 'outcomes/adaptations-performance-2026.csv, https://www.example.gov.uk/adaptations/track');
    await until('the outcome in the file', async () =>
      (await read(PATH)).includes(
        '    status: in-progress\n    due: 2026-10-31\n    outcome:\n      change: Residents can see where their case is online.\n      measure: {name: calls asking where a case is, before: 138, after: 60, unit: calls}\n      evidence:\n        - outcomes/adaptations-performance-2026.csv\n        - https://www.example.gov.uk/adaptations/track\n',
      ),
    );
    await vscode.commands.executeCommand('sift.editAction', `${SILENCE}#3`, 'due', '2027-01-31');
    await until('the new due date in the file', async () => (await read(PATH)).includes('    due: 2027-01-31\n'));
    const view = await until('the Actions view without anything overdue', async () => {
      const v = await shown();
      return v.message === '4 of 8 recommendations done, 2 in progress, 1 agreed, 1 declined.' && v;
    });
    assert.equal(view.groups[1]!.actions.find((a) => a.id === `${SILENCE}#3`)!.description, 'digital services · due 2027-01-31 · calls asking where a case is: 138 → 60 calls (−57%)');
    await fsp.writeFile(file(PATH), original);
    await until('the study as it was', async () => (await shown()).message.endsWith('; 1 overdue.'));
  });

  describe('screenshots', () => {
    before(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('sift.actions.focus');
      await pause(500);
    });

    for (const [theme, name] of THEMES) {
      it(`the Actions view beside the insight view in the ${name} theme (screenshot actions-${name})`, async () => {
        await useColorTheme(theme);
        await vscode.commands.executeCommand('sift.openInsight', SILENCE);
        await untilShown('insight', rendered, 'the insight', (r) => r.id === SILENCE && r.recommendations === 3);
        await pause(800);
        // The recommendations are below the quotes: scroll the page to the last, the overdue one.
        await clickInWebview('.rec:nth-child(3) .action');
        await pause(1200);
        const picture = await screenshot(`actions-${name}`);
        assert.ok(existsSync(picture) && statSync(picture).size > 20000, 'a real picture');
      });
    }
  });
});
