/**
 * Export Clip of Highlight and Export Reel of Theme/Insight… in the real VS Code, on the example's
 * P05 call (its recording made by the harness from the captions, before the host started): a
 * clip lasts its highlight's span with 0.2 s either side (ffprobe, ± 0.2 s), consent blocks a clip
 * of P06 (quoted only anonymised) exactly as `sift clip` does, and a reel of a theme holds only
 * P05's clips. Screenshots of what the researcher is told.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import type { Exported } from '../../src/extension/features/media/clips';
import { api, file, openTranscript, screenshot, until } from './support';

const P05 = 'transcripts/calls/p05.md';

function duration(path: string): number {
  const ffprobe = (require('@ffprobe-installer/ffprobe') as { path: string }).path;
  return Number(execFileSync(ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path], { encoding: 'utf8' }).trim());
}

const stampSeconds = (m: RegExpMatchArray) => Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);

describe('exporting clips and reels', function () {
  this.timeout(300_000);

  before(async () => {
    await api();
    assert.ok(existsSync(file('originals/calls/p05.mp4')), 'the harness made originals/calls/p05.mp4');
  });

  after(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The study is shared with the tests after these: leave it as found (a theme more is a board column more).
    await fsp.rm(file('themes/clip-consent.yaml'), { force: true });
    await fsp.rm(file('reels'), { recursive: true, force: true });
    await fsp.rm(file('.sift/clips'), { recursive: true, force: true });
    await until('the theme is gone', async () => ((await api()).context.models[0]?.workspace?.themes.has('clip-consent') ? undefined : true), 20_000);
  });

  it('exports the clip of the highlight at the cursor: its span with 0.2 s either side (± 0.2 s by ffprobe), kept in .sift/clips/', async () => {
    const editor = await openTranscript(P05);
    const text = editor.document.getText();
    const quote = 'What nobody told me, and I mean nobody';
    const at = text.indexOf(quote);
    editor.selection = new vscode.Selection(editor.document.positionAt(at + 5), editor.document.positionAt(at + 5));
    // The highlight lies in the turn stamped before it, heard until the next stamp.
    const stamps = [...text.matchAll(/^\[(\d\d):(\d\d):(\d\d)\]/gm)];
    const start = stampSeconds(stamps.filter((m) => m.index! < at).at(-1)!);
    const end = stampSeconds(stamps.find((m) => m.index! > at)!);
    const result = await vscode.commands.executeCommand<Exported>('sift.exportClip');
    assert.ok(result?.ok, JSON.stringify(result));
    assert.equal(result.file, file('.sift/clips/h-n9sn95cn.mp4'));
    const lasts = duration(result.file);
    assert.ok(Math.abs(lasts - (end - start + 0.4)) <= 0.2, `clip lasts ${lasts} s, its span ${end - start} s`);
    await screenshot('clip-made');
  });

  it('refuses a clip of a participant quoted only anonymised, saying why, as sift clip does, and writes nothing', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    const result = await vscode.commands.executeCommand<Exported>('sift.exportClip', { id: 'h-353v1fha' });
    assert.ok(result && !result.ok);
    assert.match(result.message, /^Sift: no clip of h-353v1fha: P06 agreed to be quoted only anonymised\. A recording carries their voice, which no pseudonym hides, so no clip is made\.$/);
    assert.equal(existsSync(file('.sift/clips/h-353v1fha.mp4')), false);
    await vscode.commands.executeCommand('notifications.showList');
    await screenshot('clip-refused');
  });

  it('exports a reel of a theme with only the clips consent allows', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    // A small theme of P05's quote and P06's (the example's themes hold five P05 clips of half a minute: minutes to encode here).
    await fsp.writeFile(file('themes/clip-consent.yaml'), 'title: What nobody told them\nhighlights: [h-353v1fha, h-n9sn95cn]\n');
    await until('the theme is loaded', async () => ((await api()).context.models[0]?.workspace?.themes.has('clip-consent') ? true : undefined), 20_000);
    const target = vscode.Uri.file(file('reels/nobody-told.mp4'));
    const result = await vscode.commands.executeCommand<Exported>('sift.exportReel', { id: 'clip-consent', target });
    assert.ok(result?.ok, JSON.stringify(result));
    // P05's clip after its 4 s title card; P06's left out.
    const clip = duration(file('.sift/clips/h-n9sn95cn.mp4'));
    const reel = duration(target.fsPath);
    assert.ok(Math.abs(reel - (clip + 4)) <= 0.5, `reel ${reel} s, clip ${clip} s + a card`);
    await vscode.commands.executeCommand('notifications.showList');
    await screenshot('reel-made');
  });
});
