/**
 * Survey comments in a real VS Code: the example sheet of 120 webinar comments imported with
 * Sift: Import Survey Comments…, its cards on the board, clusters suggested and one accepted
 * with the real mouse, which writes a theme of those cards. Screenshots: board-survey-light/-dark.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { board, screenshot, themeIds } from './board-support';
import { clickInWebview } from './keyboard';
import { api, file, read, THEMES, until, useColorTheme } from './support';

const SHEET = path.join(__dirname, '..', '..', 'examples', 'webinar-comments', 'webinar-qa.csv');

describe('survey comments', function () {
  this.timeout(180000);

  it('imports 120 comments as cards in Unsorted, with their respondents as participants', async () => {
    await api();
    const themesBefore = readdirSync(file('themes'));
    // Not awaited: the command ends with a notification offering to open the board.
    void vscode.commands.executeCommand('sift.importSurvey', { file: vscode.Uri.file(SHEET), text: 'Comment', attributes: ['Age band', 'Channel'] });
    await until('the transcript and highlights of the sheet', () => existsSync(file('highlights/transcripts/webinar-qa.md.yaml')) && existsSync(file('sources/webinar-qa.csv')), 30000);
    const highlights = await read('highlights/transcripts/webinar-qa.md.yaml');
    assert.equal(highlights.match(/^ {2}- id: h-/gm)?.length, 120);
    assert.match(await read('participants.yaml'), /- id: R120\n {4}attributes:\n {6}age-band: /);
    assert.deepEqual(readdirSync(file('themes')), themesBefore);
    await vscode.commands.executeCommand('sift.openBoard');
    await board('the 120 comment cards in Unsorted', (x) => (x.columns['']?.length ?? 0) > 0, 30000);
  });

  it('suggests clusters of the comments and accepting one writes a theme of its cards', async () => {
    const before = readdirSync(file('themes'));
    await clickInWebview('.toolbar .actions vscode-button:first-child'); // Suggest clusters
    await new Promise((r) => setTimeout(r, 1500));
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      await new Promise((r) => setTimeout(r, 1500));
      assert.ok(statSync(await screenshot(`board-survey-${name}`)).size > 20000, 'a real picture');
    }
    await clickInWebview('.proposal vscode-button[appearance="primary"]'); // Accept the first
    const created = await until('a new theme file', () => readdirSync(file('themes')).find((f) => !before.includes(f)), 20000);
    const ids = await themeIds(created.replace(/\.yaml$/, ''));
    assert.ok(ids.length >= 2, `${ids.length} cards in ${created}`);
    const all = [...readdirSync(file('highlights'), { recursive: true, encoding: 'utf8' })].filter((f) => f.endsWith('.yaml'));
    const known = (await Promise.all(all.map((f) => read(`highlights/${f}`)))).join('\n');
    for (const id of ids) assert.ok(known.includes(`id: ${id}`), `${id} is a highlight of the study`);
    // The new theme is a column of the board (off screen to the right: only columns in view mount cards).
    await board('the new theme on the board, its cards out of Unsorted', (x) => created.replace(/\.yaml$/, '') in x.columns && ids.every((id) => !x.columns['']!.includes(id)));
  });
});
