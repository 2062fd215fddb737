/**
 * Journeys in a real VS Code: the journey map of the example study driven with the real
 * mouse and keyboard, checked by what it writes to journeys/<id>.yaml and by what the
 * webview reports it shows; and the commands that build a journey.
 */
import * as assert from 'node:assert/strict';
import { existsSync, promises as fsp, statSync } from 'node:fs';
import * as vscode from 'vscode';
import { candidate, JOURNEY, JOURNEY_FILE, journeyMap, lowPointsOf, moment, stageHead, stagesOnDisk } from './journey-support';
import { answer, clickInWebview, dragInWebview, press, typeText } from './keyboard';
import { proposeSentiment } from '../../src/core/assist/sentiment';
import { studyTermsOf } from '../../src/core/assist/sentiment-journey';
import { indexEvidence } from '../../src/core/insights/evidence';
import { api, file, openTranscript, P01, P01_HIGHLIGHTS, read, screenshot, THEMES, until, useColorTheme } from './support';

describe('journeys', function () {
  this.timeout(120000);

  before(async () => {
    await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('sift.openJourney', JOURNEY);
  });

  it('opens the example journey with its stages in order and the low point marked', async () => {
    const stages = await stagesOnDisk();
    const low = lowPointsOf(stages);
    assert.ok(low.length > 0, 'the example journey has a low point');
    const r = await journeyMap('the journey on the map', (x) => x.stages.length > 0 && x.pool.length > 0);
    assert.deepEqual(
      r.stages.map((s) => s.id),
      stages.map((s) => s.id),
      'stages in file order',
    );
    assert.deepEqual(
      r.stages.map((s) => s.cards),
      stages.map((s) => s.highlights.map((h) => h.id)),
      'quotes in file order',
    );
    assert.deepEqual(r.lowPoints, low, 'the low point the file’s sentiments give, marked on the line and its column');
    assert.deepEqual(r.sentiments, Object.fromEntries(stages.flatMap((s) => s.highlights.map((h) => [h.id, h.sentiment]))));
    assert.ok(r.pool.length < r.poolSize, `${r.pool.length} of ${r.poolSize} candidates mounted: only those in view`);
    assert.equal(r.injected, 0);
  });

  for (const [theme, name] of THEMES) {
    it(`looks right in the ${name} theme (screenshot journey-${name})`, async () => {
      // As a service director would look at it: the whole map, the side bar folded away.
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await useColorTheme(theme);
      await new Promise((r) => setTimeout(r, 1500));
      const shot = await screenshot(`journey-${name}`);
      assert.ok(statSync(shot).size > 20000, 'a real picture');
    });
  }

  after(async () => {
    await vscode.commands.executeCommand('workbench.view.explorer'); // the side bar back for the tests after these
  });

  it('puts a candidate into a stage with a real mouse drag', async () => {
    const before = await journeyMap('candidates', (x) => x.pool.length > 0);
    const id = before.pool[0]!;
    const stage = before.stages[1]!.id;
    await dragInWebview(candidate(id), stageHead(stage));
    const stages = await until('the journey file to change', async () => {
      const s = await stagesOnDisk();
      return s.find((x) => x.id === stage)?.highlights.some((h) => h.id === id) && s;
    });
    assert.deepEqual(stages.find((x) => x.id === stage)!.highlights.at(-1), { id }, 'at the end of the stage, without a sentiment: Sift proposes, the researcher decides');
    assert.ok(stages.filter((x) => x.id !== stage).every((x) => !x.highlights.some((h) => h.id === id)));
    await journeyMap('the card under the stage, out of the pool', (x) => x.revision > before.revision && x.stages[1]!.cards.at(-1) === id && !x.pool.includes(id));
  });

  it('proposes a sentiment for the quote with its reason; Confirm writes it (screenshots journey-proposal-light/dark)', async () => {
    const before = await journeyMap('a card without a sentiment, with a proposal', (x) => x.stages[1]!.cards.some((c) => x.proposals[c] !== undefined));
    const stage = before.stages[1]!.id;
    const id = before.stages[1]!.cards.find((c) => before.proposals[c] !== undefined)!;
    assert.equal(before.sentiments[id], undefined, 'no sentiment shown as if it were one');
    // What Sift proposes for these words, as the core computes it (with the study's terms).
    const workspace = (await api()).context.models[0]!.workspace!;
    const words = [...workspace.highlightFiles.values()].flatMap((f) => f.highlights).find((h) => h.id === id)!.quote;
    const proposal = proposeSentiment(words, studyTermsOf(indexEvidence(workspace)));
    assert.ok(proposal.kind === 'proposal', `an English quote: ${words}`);
    assert.equal(before.proposals[id], proposal.label);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      await new Promise((r) => setTimeout(r, 1500));
      await screenshot(`journey-proposal-${name}`);
    }
    // The side bar stays folded, as the theme screenshots above left it (the suite's after() brings it back).
    await clickInWebview(`${moment(id)} .proposal .confirm`);
    const stages = await until('the confirmed sentiment in the file', async () => {
      const s = await stagesOnDisk();
      return s.find((x) => x.id === stage)?.highlights.find((h) => h.id === id)?.sentiment !== undefined && s;
    });
    assert.deepEqual(
      stages.find((x) => x.id === stage)!.highlights.find((h) => h.id === id),
      { id, sentiment: proposal.scale },
    );
    const r = await journeyMap('the card with its sentiment, the proposal gone', (x) => x.revision > before.revision && x.sentiments[id] === proposal.scale);
    assert.equal(r.proposals[id], undefined);
  });

  it('moves a card to another stage with a real mouse drag, keeping its sentiment', async () => {
    const before = await journeyMap('the map', () => true);
    const [from, to] = [before.stages[0]!, before.stages[1]!];
    const id = from.cards[0]!;
    const sentiment = before.sentiments[id];
    await dragInWebview(moment(id), stageHead(to.id));
    const stages = await until('the card to move in the file', async () => {
      const s = await stagesOnDisk();
      return s[1]?.highlights.some((h) => h.id === id) && s;
    });
    assert.ok(!stages[0]!.highlights.some((h) => h.id === id));
    assert.deepEqual(stages[1]!.highlights.at(-1), { id, sentiment });
    await journeyMap('the card under its new stage', (x) => x.revision > before.revision && x.stages[1]!.cards.includes(id) && !x.stages[0]!.cards.includes(id));
  });

  it('takes a card off the journey when it is dragged back onto the pool', async () => {
    const before = await journeyMap('the map', (x) => (x.stages[0]?.cards.length ?? 0) > 0);
    const id = before.stages[0]!.cards[0]!;
    await dragInWebview(moment(id), '.pool-title');
    await until('the card off the journey file', async () => {
      const s = await stagesOnDisk();
      return s.length > 0 && !s.some((x) => x.highlights.some((h) => h.id === id));
    });
    const r = await journeyMap('the card back among the candidates', (x) => x.revision > before.revision && !x.stages[0]!.cards.includes(id));
    assert.equal(r.poolSize, before.poolSize + 1);
  });

  it('narrows the candidates to quotes with the words searched for', async () => {
    const before = await journeyMap('the map', (x) => x.pool.length > 0);
    // The same search as Find Highlights (words in quotes, memos and tag labels).
    const hits = new Set(
      (await api()).context.models[0]!.search()!
        .search('letter', { limit: 100_000 })
        .hits.map((h) => h.id),
    );
    await clickInWebview('.pool-head .search');
    await typeText('letter');
    // Waits for the whole word: on a busy machine the keys arrive slowly enough for "let" or
    // "lett" to be searched first, and those narrow the candidates too.
    const r = await journeyMap('fewer candidates, every one matching the word', (x) => x.revision > before.revision && x.poolSize > 0 && x.poolSize < before.poolSize && x.pool.length > 0 && x.pool.every((id) => hits.has(id)));
    assert.ok(r.poolSize <= hits.size);
    await press('Control+a');
    await press('Backspace');
    await journeyMap('all candidates again', (x) => x.poolSize === before.poolSize);
  });

  it('moves the low point when a sentiment changes (keyboard: arrows to the card, S, pick the sentiment)', async () => {
    const stages = await stagesOnDisk();
    const [low] = lowPointsOf(stages);
    const index = stages.findIndex((s) => s.id === low);
    const first = stages[0]!.highlights[0]!.id;
    const target = stages[index]!.highlights[0]!;
    // What the file will say after the change, and so where the low point will be.
    const expected = lowPointsOf(stages.map((s, i) => (i === index ? { ...s, highlights: [{ ...target, sentiment: 2 }, ...s.highlights.slice(1)] } : s)));
    assert.notDeepEqual(expected, [low], 'the change moves the low point');
    const before = await journeyMap('the map', (x) => x.lowPoints.includes(low!));
    await clickInWebview(moment(first)); // focuses the map (and opens the passage beside it); the rest is keys
    await journeyMap('the focused card', (x) => x.focused === first);
    for (let i = 0; i < index; i++) await press('ArrowRight');
    await journeyMap('the low point’s first card focused', (x) => x.focused === target.id);
    await press('s');
    await new Promise((r) => setTimeout(r, 800)); // the quick pick opens
    await typeText('Very positive');
    await press('Enter');
    await until('the sentiment in the file', async () => (await stagesOnDisk())[index]?.highlights[0]?.sentiment === 2);
    assert.deepEqual(lowPointsOf(await stagesOnDisk()), expected);
    const r = await journeyMap('the low point to move', (x) => x.revision > before.revision && x.sentiments[target.id] === 2);
    assert.deepEqual(r.lowPoints, expected);
  });

  it('follows the journey file edited on disk', async () => {
    const before = await journeyMap('the map', () => true);
    const stages = await stagesOnDisk();
    const last = stages.at(-1)!;
    const gone = last.highlights[0]!.id;
    const text = await read(JOURNEY_FILE);
    await fsp.writeFile(file(JOURNEY_FILE), text.replace(new RegExp(`\\n *- \\{id: ${gone}, sentiment: -?\\d\\}`), ''));
    const r = await journeyMap('the map to follow the file', (x) => x.revision > before.revision && !x.stages.at(-1)!.cards.includes(gone));
    assert.deepEqual(
      r.stages.at(-1)!.cards,
      last.highlights.slice(1).map((h) => h.id),
    );
    assert.ok(r.poolSize > before.poolSize, 'the quote is a candidate again');
  });

  it('Dismiss hides the proposal and writes that it was dismissed, so it is not offered again', async () => {
    // A quote put on the first stage by an edit of the file, as a colleague's commit would.
    const before = await journeyMap('candidates', (x) => x.pool.length > 0);
    const id = before.pool[0]!;
    const stage = before.stages[0]!.id;
    const text = await read(JOURNEY_FILE);
    const first = (await stagesOnDisk())[0]!.highlights[0]!.id;
    await fsp.writeFile(file(JOURNEY_FILE), text.replace(new RegExp(`(\\n( *)- \\{id: ${first}[^}]*\\})`), `$1\n$2- {id: ${id}}`));
    await journeyMap('the new card with a proposal', (x) => x.stages[0]!.cards.includes(id) && x.proposals[id] !== undefined);
    await clickInWebview(`${moment(id)} .proposal .dismiss`);
    await until('the dismissal in the file', async () => (await stagesOnDisk()).find((x) => x.id === stage)?.highlights.find((h) => h.id === id)?.proposal === 'dismissed');
    assert.deepEqual(
      (await stagesOnDisk()).find((x) => x.id === stage)!.highlights.find((h) => h.id === id),
      { id, proposal: 'dismissed' },
    );
    const r = await journeyMap('the card without its proposal', (x) => x.stages[0]!.cards.includes(id) && x.proposals[id] === undefined);
    assert.equal(r.sentiments[id], undefined, 'and still no sentiment: dismissing sets none');
  });

  it('Change… writes the sentiment the researcher picks instead of the proposal; nothing is written while it is only proposed', async () => {
    // A quote put on the first stage by an edit of the file, as in the Dismiss test above.
    const before = await journeyMap('candidates', (x) => x.pool.length > 0);
    const id = before.pool[0]!;
    const stage = before.stages[0]!.id;
    const first = (await stagesOnDisk())[0]!.highlights[0]!.id;
    const withQuote = (await read(JOURNEY_FILE)).replace(new RegExp(`(\\n( *)- \\{id: ${first}[^}]*\\})`), `$1\n$2- {id: ${id}}`);
    await fsp.writeFile(file(JOURNEY_FILE), withQuote);
    const shown = await journeyMap('the new card with a proposal', (x) => x.stages[0]!.cards.includes(id) && x.proposals[id] !== undefined);
    // Shown, not written: the file is as the edit left it, byte for byte.
    assert.equal(await read(JOURNEY_FILE), withQuote);
    const proposed = shown.proposals[id]!;
    // The sentiment furthest from the one proposed, so the file cannot end up with the proposal by chance.
    const [pick, value] = /positive/.test(proposed) ? (['Very negative', -2] as const) : (['Very positive', 2] as const);
    await clickInWebview(`${moment(id)} .proposal .change`);
    await answer(pick);
    await press('Enter');
    await until('the picked sentiment in the file', async () => (await stagesOnDisk()).find((x) => x.id === stage)?.highlights.find((h) => h.id === id)?.sentiment !== undefined);
    assert.deepEqual(
      (await stagesOnDisk()).find((x) => x.id === stage)!.highlights.find((h) => h.id === id),
      { id, sentiment: value },
    );
    const r = await journeyMap('the card with the picked sentiment, the proposal gone', (x) => x.sentiments[id] === value);
    assert.equal(r.proposals[id], undefined);
  });

  it('makes a new journey from input boxes, for a persona picked after the title, and opens its map', async () => {
    // Keys must reach the input boxes, never the map (where S and M are commands).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const done = vscode.commands.executeCommand('sift.newJourney');
    await answer('Leaving hospital');
    await press('Enter');
    await answer('case manager'); // the persona's label: the pick matches on it too
    await screenshot('journey-new-persona');
    await press('Enter');
    for (const text of ['Told you can go home', 'The first week']) {
      await answer(text);
      await press('Enter');
    }
    await answer('');
    await screenshot('journey-new-stages');
    await press('Enter'); // an empty stage ends the list
    await done;
    const path = 'journeys/leaving-hospital.yaml';
    await until('the new journey file', () => existsSync(file(path)));
    assert.deepEqual(
      (await stagesOnDisk(path)).map((s) => s.title),
      ['Told you can go home', 'The first week'],
    );
    assert.match(await read(path), /^persona: the-self-appointed-case-manager$/m);
    await journeyMap('the new journey on the map', (x) => x.stages.map((s) => s.id).join() === 'told-you-can-go-home,the-first-week' && x.lowPoints.length === 0 && x.subtitle.startsWith('Persona: Dana ·'));
    await vscode.commands.executeCommand('sift.addJourneyStage', 'leaving-hospital', 'Back to normal');
    await journeyMap('the added stage', (x) => x.stages.at(-1)?.id === 'back-to-normal');
    await vscode.commands.executeCommand('sift.journeys.focus');
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('journeys-view');
  });

  it('adds the highlight at the cursor in a transcript to a journey', async () => {
    const editor = await openTranscript(P01);
    const yaml = await read(P01_HIGHLIGHTS);
    const onJourney = new Set((await stagesOnDisk()).flatMap((s) => s.highlights.map((h) => h.id)));
    const model = (await api()).context.models[0]!;
    const h = [...model.workspace!.highlightFiles.values()].find((f) => f.source === P01)?.highlights.find((x) => !onJourney.has(x.id) && yaml.includes(x.id));
    assert.ok(h, 'a P01 highlight not on the journey yet');
    const at = model.workspace!.anchoring.get(h.id)!;
    const pos = editor.document.positionAt(editor.document.getText().indexOf(h.quote.slice(0, 20)) + 2);
    assert.ok(at.state !== 'orphaned');
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('sift.addToJourney', { journey: JOURNEY, stage: 'assessment', sentiment: 1 });
    await until('the highlight on the journey', async () => (await stagesOnDisk()).find((s) => s.id === 'assessment')?.highlights.some((x) => x.id === h.id && x.sentiment === 1));
  });
});
