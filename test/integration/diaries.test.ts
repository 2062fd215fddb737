/**
 * Diaries in a real VS Code: the Diaries view shows who wrote in which week of the study
 * (the example's three diarists over its four weeks, with their gaps), and opening an entry
 * of P09's handwritten diary shows its scanned page beside the transcribed text, which keeps
 * the focus. Screenshots in both themes.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, screenshot, THEMES, until, useColorTheme } from './support';

const DIARY = 'transcripts/diaries/p09-diary.md';
const imageTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs.filter((t) => t.input instanceof vscode.TabInputCustom && /\.png$/.test(t.input.uri.path)).map((t) => ({ group: g.viewColumn, path: (t.input as vscode.TabInputCustom).uri.path })));

describe('diaries: completion view and scanned pages', function () {
  this.timeout(120000);

  before(async () => {
    await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.editorLayoutSingle');
  });

  it('the Diaries view lists each diarist with their weeks; P09 unfolds to entries and the empty week 2', async () => {
    await vscode.commands.executeCommand('sift.diaries.focus');
    await new Promise((r) => setTimeout(r, 1000));
    // P09 is the third diarist: unfold it from the keyboard, as a researcher would.
    await vscode.commands.executeCommand('list.focusFirst');
    await vscode.commands.executeCommand('list.focusDown');
    await vscode.commands.executeCommand('list.focusDown');
    await vscode.commands.executeCommand('list.expand');
    await new Promise((r) => setTimeout(r, 1000));
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      await new Promise((r) => setTimeout(r, 1500));
      await screenshot(`diaries-view-${name}`);
    }
  });

  it('opening an entry shows the transcript at its heading and its scanned page beside, the text keeping the focus', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    await vscode.commands.executeCommand('sift.openDiaryEntry', model, DIARY, 19, ['transcripts/diaries/scans/p09-page-3.png']);
    const image = await until('the scanned page beside the diary', () => imageTabs().find((t) => t.path.endsWith('p09-page-3.png')));
    assert.equal(image.group, vscode.ViewColumn.Two);
    const editor = await until('the diary focused at the entry', () => (vscode.window.activeTextEditor?.document.uri.path.endsWith(DIARY) ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.selection.active.line, 18, 'the cursor on the heading of 2026-03-18');
    assert.equal(editor.document.lineAt(18).text, '## 2026-03-18');
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      await new Promise((r) => setTimeout(r, 1500));
      await screenshot(`diary-scanned-page-${name}`);
    }
  });

  it('Show Scanned Page Beside shows the page of the entry at the cursor', async () => {
    const editor = vscode.window.activeTextEditor!;
    const at = new vscode.Position(26, 5); // inside the entry of 2026-03-26
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('sift.showScannedPage');
    const image = await until('page 4 beside the diary', () => imageTabs().find((t) => t.path.endsWith('p09-page-4.png')));
    assert.equal(image.group, vscode.ViewColumn.Two);
    assert.ok(vscode.window.activeTextEditor?.document.uri.path.endsWith(DIARY), 'the text keeps the focus');
  });
});
