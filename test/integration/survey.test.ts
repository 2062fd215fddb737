/**
 * Survey comments in a real VS Code, as a researcher groups them: a sheet of 120 comments with
 * two attribute columns (test/support/comment-sheet.ts) imported with Sift: Import Survey
 * Comments…, its cards compact on the board (more on screen at a time than roomy ones),
 * clusters suggested and folded out of the way, themes made by accepting suggestions with the
 * real mouse and by hand with the keyboard (several cards selected, N for a new theme, M to
 * move into one), and no card lost or doubled on the way.
 * Screenshots: board-survey-light/-dark (suggestions open), board-survey-folded-dark,
 * board-survey-sorted-light/-dark.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commentSheetCsv, sheetComments } from '../support/comment-sheet';
import { board, card, screenshot, themeIds } from './board-support';
import { clickInWebview, press, typeText } from './keyboard';
import { api, file, read, THEMES, until, useColorTheme } from './support';

const SHEET = path.join(mkdtempSync(path.join(os.tmpdir(), 'sift-sheet-')), 'webinar-questions.csv');
const HIGHLIGHTS = 'highlights/transcripts/webinar-questions.md.yaml';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('survey comments', function () {
  this.timeout(240000);
  let themesBefore: string[] = [];
  let commentIds: string[] = [];
  const newThemes = () =>
    readdirSync(file('themes'))
      .filter((f) => !themesBefore.includes(f))
      .map((f) => f.replace(/\.yaml$/, ''));

  it('imports 120 comments as cards in Unsorted, with their respondents as participants', async () => {
    await api();
    writeFileSync(SHEET, commentSheetCsv());
    themesBefore = readdirSync(file('themes'));
    // Not awaited: the command ends with a notification offering to open the board.
    void vscode.commands.executeCommand('sift.importSurvey', { file: vscode.Uri.file(SHEET), text: 'Comment', attributes: ['Age band', 'Channel'] });
    await until('the transcript and highlights of the sheet', () => existsSync(file(HIGHLIGHTS)) && existsSync(file('sources/webinar-questions.csv')), 30000);
    commentIds = [...(await read(HIGHLIGHTS)).matchAll(/^ {2}- id: (h-\w+)/gm)].map((m) => m[1]!);
    assert.equal(commentIds.length, 120);
    const last = sheetComments()[119]!;
    assert.ok((await read('participants.yaml')).includes(`- id: R120\n    attributes:\n      age-band: ${last.ageBand}\n      channel: ${last.channel}\n`));
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('sift.openBoard');
    await board('the comment cards in Unsorted', (x) => (x.columns['']?.length ?? 0) > 0, 30000);
  });

  it('shows compact cards for a pile of comments: more of them at a time than roomy cards', async () => {
    // Opened with 100 or more cards in Unsorted, the board is compact; the toolbar button switches.
    const compact = await board('compact cards mounted', (x) => (x.columns['']?.length ?? 0) > 0);
    await clickInWebview('.toolbar vscode-button.density');
    const roomy = await board('roomy cards mounted', (x) => x.revision > compact.revision || x.columns['']!.length < compact.columns['']!.length);
    await until('the roomy board to settle', async () => ((await board('roomy', () => true)).columns['']!.length < compact.columns['']!.length ? true : undefined), 10000);
    const roomyCount = (await board('roomy', () => true)).columns['']!.length;
    // Mounted cards: those in view, and four more below (the overscan).
    assert.ok(compact.columns['']!.length > roomyCount, `compact mounts ${compact.columns['']!.length} cards, roomy ${roomyCount}`);
    void roomy;
    await clickInWebview('.toolbar vscode-button.density');
    // Compact again: more cards mounted than roomy (not necessarily as many as at first: the column may have scrolled).
    await until('the compact board again', async () => ((await board('compact', () => true)).columns['']!.length > roomyCount ? true : undefined), 10000);
  });

  it('suggests clusters of the comments, folds them out of the way, and accepting ones writes themes of their cards', async () => {
    await clickInWebview('.toolbar .actions vscode-button:first-child'); // Suggest clusters
    await pause(1500);
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      await pause(1500);
      assert.ok(statSync(await screenshot(`board-survey-${name}`)).size > 20000, 'a real picture');
    }
    // Folded, the suggestions take one line and the board gets the height: more cards mount.
    const open = await board('cards under the open suggestions', () => true);
    await clickInWebview('.proposals .fold');
    const folded = await until('more cards with the suggestions folded', async () => {
      const r = await board('folded', () => true);
      return r.columns['']!.length > open.columns['']!.length ? r : undefined;
    });
    assert.ok(folded.columns['']!.length > open.columns['']!.length);
    assert.ok(statSync(await screenshot('board-survey-folded-dark')).size > 20000, 'a real picture');
    await clickInWebview('.proposals .fold');
    await pause(500);
    for (let n = 1; n <= 4; n++) {
      await clickInWebview('.proposal vscode-button[appearance="primary"]'); // Accept the first one left
      await until(`theme ${n} written`, () => newThemes().length === n, 20000);
    }
    for (const id of newThemes()) assert.ok((await themeIds(id)).length >= 2, `${(await themeIds(id)).length} cards in ${id}`);
  });

  it('groups by hand with the keyboard: several cards into a new theme (N), then more into it (M)', async () => {
    const before = await board('unsorted cards', (x) => (x.columns['']?.length ?? 0) > 4);
    const [a, b, c, d] = before.columns['']!;
    await focusCard(a!);
    await press('Shift+ArrowDown');
    await board('two cards selected', (x) => x.selected.length === 2);
    await press('n');
    await pause(800); // the input box opens
    await typeText('Sorted by hand');
    await press('Enter');
    await until('the new theme file', async () => existsSync(file('themes/sorted-by-hand.yaml')) && (await themeIds('sorted-by-hand')).length === 2);
    assert.deepEqual(await themeIds('sorted-by-hand'), [a, b]);
    const after = await board('the board after the new theme', (x) => !x.columns['']!.includes(a!) && x.columns['']!.includes(c!));
    await focusCard(c!);
    await press('Shift+ArrowDown');
    await board('two cards selected again', (x) => x.selected.length === 2 && x.selected.includes(d!));
    await press('m');
    await pause(800);
    await typeText('Sorted by hand');
    await press('Enter');
    await until('the two cards moved into the theme', async () => (await themeIds('sorted-by-hand')).length === 4);
    assert.deepEqual(await themeIds('sorted-by-hand'), [a, b, c, d]);
    await board('the board after the move', (x) => x.revision > after.revision && !x.columns['']!.includes(c!) && !x.columns['']!.includes(d!));

    // No comment doubled: each grouped comment is in one theme only, and many comments are grouped now.
    const grouped = (await Promise.all(newThemes().map((t) => themeIds(t)))).flat();
    assert.equal(new Set(grouped).size, grouped.length, 'no card in two new themes');
    const comments = grouped.filter((h) => commentIds.includes(h));
    assert.ok(comments.length >= 20, `${comments.length} of the 120 comments grouped into ${newThemes().length} themes`);
    assert.equal(newThemes().length, 5);
    await press('Escape'); // the peek the clicks opened, so the pictures show the board
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      await pause(1500);
      assert.ok(statSync(await screenshot(`board-survey-sorted-${name}`)).size > 20000, 'a real picture');
    }
  });
});

/**
 * Clicks a card until the board says it has the focus: a reload set off by an earlier test can
 * redraw the board between reading it and the click, and a click on a card just replaced is lost
 * (a researcher would click again).
 */
async function focusCard(id: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await clickInWebview(card(id));
    try {
      await board(`card ${id} focused`, (x) => x.focused === id, 5000);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}
