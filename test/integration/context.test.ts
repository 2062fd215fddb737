/**
 * Reading a quote in its context from the board and the journey map, in a real VS Code: a
 * click shows the turns around the passage in a peek inside the webview — the layout (the
 * editor groups) stays as it was, the passage is in view — and "Open in Editor" opens the
 * transcript at the passage in one editor group beside, reused for the next quote.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { board, card } from './board-support';
import { JOURNEY, journeyMap, moment } from './journey-support';
import { clickInWebview } from './keyboard';
import { api, read, screenshot, THEMES, until, useColorTheme } from './support';

/** The phone call converted from its SRT captions: one long line per turn, the case that used to open scrolled sideways. */
const CALL = 'transcripts/calls/p06.md';
const groups = () => vscode.window.tabGroups.all.length;
const editorOf = (path: string) => vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith(path));
/** The ids and quotes of the call's highlights, as its highlights file says. */
const callQuotes = async () => new Map([...(await read(`highlights/${CALL}.yaml`)).matchAll(/id: (h-\w+)\n\s+quote: "?([^"\n]*)/g)].map((m) => [m[1]!, m[2]!]));

describe('quotes in context', function () {
  this.timeout(120000);

  before(async () => {
    await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.editorLayoutSingle');
    await vscode.commands.executeCommand('sift.openBoard');
  });

  it("shows a call's quote (converted from SRT captions) in context on the board without halving it, the passage in view", async () => {
    const quotes = await callQuotes();
    const r = await board('a card of the call on the board', (x) =>
      Object.values(x.columns)
        .flat()
        .some((id) => quotes.has(id)),
    );
    const id = Object.values(r.columns)
      .flat()
      .find((x) => quotes.has(x))!;
    assert.equal(groups(), 1);
    await clickInWebview(card(id));
    const shown = await board('the peek with the passage in view', (x) => x.peek?.id === id && x.peek.passageInView);
    assert.ok(shown.peek);
    assert.equal(groups(), 1, 'no editor group opened beside the board');
    assert.equal(editorOf(CALL), undefined, 'the transcript is not opened');
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      await new Promise((r) => setTimeout(r, 1500));
      await screenshot(`board-peek-${name}`);
    }
  });

  it('opens the transcript at the passage from the peek, in one group beside, reused for the next quote', async () => {
    const r = await board('the peek', (x) => !!x.peek);
    const id = r.peek!.id;
    await clickInWebview('.peek vscode-button[appearance="secondary"]');
    const editor = await until('the call transcript beside the board', () => editorOf(CALL));
    await board('the peek closed: the editor took over', (x) => !x.peek);
    assert.equal(groups(), 2);
    const quotes = await callQuotes();
    assert.equal(editor.document.getText(editor.selection).slice(0, 20), quotes.get(id)!.slice(0, 20), 'the passage is selected');
    assert.deepEqual(editor.selection.active, editor.selection.start, 'the cursor at the start of the passage: a long caption line shows its beginning');
    await until('the passage in view in the editor', () => editor.visibleRanges.some((v) => v.contains(editor.selection.start)));
    await screenshot('board-open-in-editor');
    // Another quote, opened the same way: the same group beside, no third.
    const other = await board('a card of another transcript', (x) =>
      Object.values(x.columns)
        .flat()
        .some((c) => !quotes.has(c)),
    );
    const next = Object.values(other.columns)
      .flat()
      .find((c) => !quotes.has(c))!;
    await clickInWebview(card(next));
    await board('the peek of the other quote', (x) => x.peek?.id === next);
    await clickInWebview('.peek vscode-button[appearance="secondary"]');
    await until('the other transcript opened', () => vscode.window.tabGroups.all[1]?.activeTab?.label !== 'p06.md' || undefined);
    assert.equal(groups(), 2, 'the group beside is reused');
  });

  it('shows a journey quote in context without opening an editor beside the map', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.editorLayoutSingle');
    await vscode.commands.executeCommand('sift.openJourney', JOURNEY);
    const r = await journeyMap('quotes on the map', (x) => x.stages.some((s) => s.cards.length > 0));
    const id = r.stages.find((s) => s.cards.length > 0)!.cards[0]!;
    await clickInWebview(moment(id));
    await journeyMap('the peek with the passage in view', (x) => x.peek?.id === id && x.peek.passageInView);
    assert.equal(groups(), 1, 'no editor group opened beside the map');
    await screenshot('journey-peek');
  });
});
