/**
 * The affinity board by week, phase and kind of source in a real VS Code: the researcher picks
 * "Group by week of the study" in the board's toolbar with the mouse, sees a column per week of
 * the example's four (with the undated interviews apart), then narrows the board to the diaries
 * with the week/phase/kind filter, and types `kind:inspection-visit` in its search box.
 * Every card shown is checked against the core's own reading of its week and kind.
 * Screenshots in both themes.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { highlightDimensions } from '../../src/core/sources/dimensions';
import { board, screenshot } from './board-support';
import { clickInWebview, press, typeText } from './keyboard';
import { api, THEMES, useColorTheme } from './support';

const GROUP = '.toolbar vscode-dropdown[aria-label="Group cards by"]';
const WHEN = '.toolbar vscode-dropdown[aria-label="Show cards from a week, phase or kind of source"]';

async function choose(dropdown: string, option: string): Promise<void> {
  await clickInWebview(dropdown);
  await clickInWebview(`${dropdown} vscode-option:has-text("${option}")`);
}

describe('affinity board: by week, phase and kind', function () {
  this.timeout(120000);
  let placed: ReturnType<typeof highlightDimensions>;

  before(async () => {
    const sift = await api();
    placed = highlightDimensions(sift.context.models[0]!.workspace!);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('sift.openBoard');
    await board('the board by theme', (r) => (r.columns['']?.length ?? 0) > 0);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('groups the cards in a column per week of the study, undated ones apart, each card in its week', async () => {
    await choose(GROUP, 'Group by week of the study');
    const r = await board('a column per week', (x) => Object.keys(x.columns).join(',') === '1,2,3,4,' && (x.columns['1']?.length ?? 0) > 0);
    for (const [week, ids] of Object.entries(r.columns)) for (const id of ids) assert.equal(placed.get(id)?.week ?? '', week, `${id} in the column of its week`);
    assert.ok((r.columns['4']?.length ?? 0) > 0, 'week 4 has its cards (P02 and P09 wrote then)');
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      await board('the weeks, repainted', (x) => Object.keys(x.columns).length === 5);
      await screenshot(`board-by-week-${name}`);
    }
  });

  it('narrows to the diaries with the week, phase and kind filter: each week then holds only diary entries', async () => {
    if (!Object.keys((await board('the board', () => true)).columns).includes('4')) await choose(GROUP, 'Group by week of the study');
    await choose(WHEN, 'Kind: Diary');
    const r = await board(
      'diary cards only',
      (x) =>
        (x.columns['1']?.length ?? 0) > 0 &&
        Object.values(x.columns)
          .flat()
          .every((id) => placed.get(id)?.kind === 'diary') &&
        x.columns['']?.length === 0,
    );
    const lastWeek = [...placed.values()].filter((d) => d.kind === 'diary' && d.week === '4').length;
    assert.equal(r.columns['4']?.length, lastWeek, `week 4 shows its ${lastWeek} diary highlights`);
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      await board('the diaries by week, repainted', (x) => x.columns['4']?.length === lastWeek);
      await screenshot(`board-diaries-by-week-${name}`);
    }
  });

  it('groups by phase and by kind, and its search box reads kind: as Find Highlights does', async () => {
    await choose(WHEN, 'Any week, phase or kind');
    await choose(GROUP, 'Group by phase');
    await board('a column per phase', (x) => Object.keys(x.columns).join(',') === 'baseline,main-fieldwork,follow-up,');
    await choose(GROUP, 'Group by kind of source');
    await board('a column per kind', (x) => Object.keys(x.columns).join(',') === 'interview,diary,focus-group,inspection-visit,(no kind)');
    await clickInWebview('.toolbar .search');
    await typeText('kind:inspection-visit');
    const r = await board(
      'only the inspection visit',
      (x) =>
        Object.values(x.columns).flat().length > 0 &&
        Object.values(x.columns)
          .flat()
          .every((id) => placed.get(id)?.kind === 'inspection-visit'),
    );
    assert.equal(Object.values(r.columns).flat().length, [...placed.values()].filter((d) => d.kind === 'inspection-visit').length);
    // Back as the other board tests expect it: by theme, no filter.
    await press('Control+a');
    await press('Backspace');
    await choose(GROUP, 'Group by theme');
    await board('the board by theme again', (x) => (x.columns['']?.length ?? 0) > 0 && Object.keys(x.columns).length > 2);
  });
});
