/**
 * Screenshots of Sift on the example study, in the light and the dark theme, for people
 * to look at: the Sift views beside a coded transcript with a highlight's hover open.
 * The harness takes the picture when asked (a `sift-screenshot: NAME` line) and the test
 * waits for the PNG in test/.artifacts/screenshots/.
 */
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import type { SiftTestApi } from '../../src/extension/extension';
import { screenshot, THEMES, useColorTheme } from './support';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('screenshots of the example study', function () {
  this.timeout(90000);

  for (const [theme, name] of THEMES) {
    it(`shows a coded transcript and the Sift views (${name} theme)`, async () => {
      const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'sift')!;
      const api = (await ext.activate()) as SiftTestApi;
      await api.ready;
      await useColorTheme(theme);
      const folder = vscode.workspace.workspaceFolders![0]!.uri;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'transcripts/interviews/p01.md'));
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('workbench.view.extension.sift');
      const end = Date.now() + 15000;
      while (!(api.painted.get(doc.uri.toString())?.length ?? 0)) {
        if (Date.now() > end) throw new Error('no highlights painted');
        await pause(100);
      }
      const first = api.painted.get(doc.uri.toString())![0]!;
      editor.selection = new vscode.Selection(first.range.start.translate(0, 2), first.range.start.translate(0, 2));
      editor.revealRange(first.range, vscode.TextEditorRevealType.AtTop);
      await pause(800);
      await vscode.commands.executeCommand('editor.action.showHover');
      await pause(1200);
      const file = await screenshot(`transcript-${name}`);
      assert.ok(statSync(file).size > 20000, 'a real picture of the window');
    });
  }
});
