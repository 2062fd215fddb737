/**
 * A research library in the real VS Code: a library.yaml appearing in the open folder opens
 * every study it lists (the open home-adaptations copy itself, and the housing-repairs
 * example in a sub-folder); the views show each study, and Find Highlights searches across
 * them and opens a hit in the study it is in. Removing library.yaml closes the other study.
 */
import * as assert from 'node:assert/strict';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, root, screenshot, THEMES, until, useColorTheme } from './support';

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
});
