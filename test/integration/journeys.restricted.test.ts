/**
 * The journey map in Restricted Mode: it shows the journey and its low point, but a drag,
 * the keys that move cards or change sentiments, and the commands change no file.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { candidate, JOURNEY, JOURNEY_FILE, journeyMap, lowPointsOf, moment, stageHead, stagesOnDisk } from './journey-support';
import { clickInWebview, dragInWebview, press } from './keyboard';
import { api, read, screenshot } from './support';

describe('journey map in Restricted Mode', function () {
  this.timeout(90000);

  it('shows the journey and its low point but changes nothing', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await api();
    await vscode.commands.executeCommand('sift.openJourney', JOURNEY);
    const stages = await stagesOnDisk();
    const r = await journeyMap('the journey on the map', (x) => x.stages.length > 0 && x.pool.length > 0);
    assert.deepEqual(r.lowPoints, lowPointsOf(stages));
    const before = await read(JOURNEY_FILE);
    await dragInWebview(candidate(r.pool[0]!), stageHead(stages[1]!.id));
    // A refused drag is a click: its passage is shown in context over the map (no editor opens beside it);
    // Escape closes the peek, and a card of the low point's stage is clicked next.
    const first = stages.find((s) => r.lowPoints.includes(s.id))!.highlights[0]!.id;
    await journeyMap('the peek of the dragged quote', (x) => x.peek?.id === r.pool[0]);
    assert.equal(vscode.window.visibleTextEditors.length, 0, 'no editor opened beside the map');
    await press('Escape');
    await journeyMap('the peek closed', (x) => !x.peek);
    await clickInWebview(moment(first));
    await journeyMap('the focused card', (x) => x.focused === first);
    for (const key of ['m', 's', '+', 'Delete']) await press(key);
    await press('Escape');
    await vscode.commands.executeCommand('sift.addJourneyStage', JOURNEY, 'Never written');
    await vscode.commands.executeCommand('sift.newJourney', { title: 'Never written', stages: ['One'] });
    await new Promise((done) => setTimeout(done, 1500));
    assert.equal(await read(JOURNEY_FILE), before);
    assert.deepEqual((await journeyMap('the map unchanged', () => true)).stages, r.stages);
    await screenshot('journey-restricted');
  });
});
