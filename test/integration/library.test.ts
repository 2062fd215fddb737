/**
 * A research library in the real VS Code: a library.yaml appearing in the open folder opens
 * every study it lists (the open home-adaptations copy itself, and the housing-repairs
 * example in a sub-folder); the views show each study, and Find Highlights searches across
 * them and opens a hit in the study it is in; Where Else Have We Heard This? finds, for a theme
 * or a selected passage of one study, the passages of the other, saying why, and opens the one
 * chosen. Removing library.yaml closes the other study.
 */
import * as assert from 'node:assert/strict';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, openTranscript, root, screenshot, select, THEMES, until, useColorTheme } from './support';
import type { WhereElseResult } from '../../src/extension/features/library/where-else';

const REPO = path.join(__dirname, '..', '..');

describe('a research library', function () {
  this.timeout(120_000);
  const repairs = () => path.join(root().fsPath, 'housing-repairs');
  const libraryFile = () => path.join(root().fsPath, 'library.yaml');
  const ready = (sift: Awaited<ReturnType<typeof api>>) =>
    sift.context.models
      .filter((m) => m.workspace?.project)
      .map((m) => m.workspace!.project!.name)
      .sort();

  after(async () => {
    const sift = await api();
    rmSync(libraryFile(), { force: true });
    // The library's other study closes with it; the open study stays.
    await until('the library closed', () => ready(sift).length === 1, 20000);
    await new Promise((r) => setTimeout(r, 500));
    rmSync(repairs(), { recursive: true, force: true });
    await useColorTheme('Default Light Modern');
  });

  it('opens every study of a library written into the open folder (as `sift library init` would), the open study once', async () => {
    const sift = await api();
    cpSync(path.join(REPO, 'examples', 'housing-repairs'), repairs(), { recursive: true });
    rmSync(path.join(repairs(), '.sift'), { recursive: true, force: true });
    writeFileSync(
      libraryFile(),
      'name: Council research library\nstudies:\n  - id: home-adaptations\n    path: .\n  - id: housing-repairs\n    path: housing-repairs\n    tags: {repair-wait: waiting-time}\ncodebook:\n  - id: waiting-time\n    label: Waiting time\n',
    );
    await until('both studies loaded', () => ready(sift).length === 2, 30000);
    assert.deepEqual(ready(sift), ['Council housing repairs, 2026', 'Home adaptations and pension transition, 2026']);
    // The study that was open alone is the same model as before (not a second copy from the library).
    assert.equal(sift.context.models.filter((m) => m.folder.uri.fsPath === root().fsPath).length, 1);
  });

  it('shows each study in the views and finds highlights across them, opening a hit in its own study', async () => {
    const { typeText, press } = await import('./keyboard');
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      await vscode.commands.executeCommand('sift.codebook.focus');
      await vscode.commands.executeCommand('sift.transcripts.focus');
      await new Promise((r) => setTimeout(r, 1200));
      await screenshot(`library-views-${name}`);
    }
    const finding = vscode.commands.executeCommand('sift.findHighlights');
    await new Promise((r) => setTimeout(r, 800));
    // A global tag: the repairs study codes it as repair-wait, mapped onto waiting-time in library.yaml.
    await typeText('tag:waiting-time "three months"');
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('library-find-highlights');
    await press('Enter');
    await finding;
    const editor = await until('the hit opened', () => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith(path.join('housing-repairs', 'transcripts', 't01.md')) && vscode.window.activeTextEditor);
    assert.equal(editor.document.getText(editor.selection), 'I waited three months for someone to look at the roof, and in that time the ceiling came down in the corner.');
  });

  const asking = () => vscode.commands.executeCommand<string | undefined>('sift.insights.asking');
  const home = async () => (await api()).context.models.find((m) => m.folder.uri.fsPath === root().fsPath)!;

  it('where else have we heard a theme: the other study’s passages with the same global tag or words, best first, each saying why; Enter opens one', async () => {
    const { press } = await import('./keyboard');
    let result: WhereElseResult | undefined;
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      // As the Insights view's theme group passes itself (grouped by theme).
      const looking = vscode.commands.executeCommand<WhereElseResult | undefined>('sift.whereElse', { model: await home(), group: { key: 'waiting-without-word' } });
      await until('the passages from the other study', async () => (await asking()) === 'where-else', 15000);
      await new Promise((r) => setTimeout(r, 800));
      await screenshot(`library-where-else-${name}`);
      await press(name === 'dark' ? 'Enter' : 'Escape');
      result = await looking;
    }
    assert.equal(result!.title, 'Where else have we heard “Waiting without word”?');
    // Only the other study's passages; the best carries the global tag (repair-wait there, mapped onto waiting-time) and shares words.
    assert.deepEqual([...new Set(result!.passages.map((p) => p.study))], ['housing-repairs']);
    const best = result!.passages[0]!;
    assert.deepEqual([best.id, best.tags, best.words], ['h-r1g8h9j0', ['waiting-time'], ['came', 'month', 'waiting']]);
    assert.deepEqual(result!.opened, { study: 'housing-repairs', id: 'h-r1g8h9j0' });
    const editor = await until('the passage opened in its study', () => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith(path.join('housing-repairs', 'transcripts', 't01.md')) && vscode.window.activeTextEditor);
    assert.equal(editor.document.getText(editor.selection), best.quote);
  });

  it('where else have we heard a passage selected in a transcript: its words and the global tags of the highlights it overlaps', async () => {
    const { press } = await import('./keyboard');
    const editor = await openTranscript('transcripts/diaries/p04-diary.md');
    select(editor, 'So the bath board came in four days but the rail is four weeks.');
    const looking = vscode.commands.executeCommand<WhereElseResult | undefined>('sift.whereElse');
    await until('the passages from the other study', async () => (await asking()) === 'where-else', 15000);
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('library-where-else-passage');
    await press('Escape');
    const result = (await looking)!;
    assert.equal(result.title, 'Where else have we heard “So the bath board came in four days but the…”?');
    assert.equal(result.opened, undefined);
    // The highlight under the selection is tagged waiting-time: every passage the other study tagged repair-wait (mapped onto it), and no other.
    assert.deepEqual(
      result.passages.map((p) => [p.study, p.tags]),
      Array.from({ length: 7 }, () => ['housing-repairs', ['waiting-time']]),
    );
    // Its words count too: "It was nearly three weeks."
    assert.deepEqual(result.passages.find((p) => p.id === 'h-r3a2b3c4')?.words, ['weeks']);
  });
});
