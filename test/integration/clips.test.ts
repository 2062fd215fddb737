/**
 * Export Clip of Highlight and Export Reel of Theme/Insight… in the real VS Code, on the example's
 * P05 call (its recording made by the harness from the captions, before the host started): a
 * clip lasts its highlight's span with 0.2 s either side (ffprobe, ± 0.2 s), consent blocks a clip
 * of P06 (quoted only anonymised) exactly as `sift clip` does, and a reel of a theme holds only
 * P05's clips. Generate Research Report links a quote to its clip and masks personal data with
 * the very bytes of `sift report`. Screenshots of what the researcher is told.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Exported } from '../../src/extension/features/media/clips';
import { api, file, openTranscript, root, screenshot, until } from './support';

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
    await fsp.rm(file('themes/call-log.yaml'), { force: true });
    await fsp.rm(file('reels'), { recursive: true, force: true });
    for (const f of ['md', 'html']) for (const by of ['vscode', 'cli']) await fsp.rm(file(`reports/clips-${by}.${f}`), { force: true });
    await fsp.rm(file('.sift/clips'), { recursive: true, force: true });
    await until(
      'the themes are gone',
      async () => {
        const themes = (await api()).context.models[0]?.workspace?.themes;
        return themes && !themes.has('clip-consent') && !themes.has('call-log') ? true : undefined;
      },
      20_000,
    );
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

  for (const format of ['md', 'html'] as const) {
    it(`Generate Research Report (${format}) links quotes to their clips and masks personal data exactly as sift report does`, async () => {
      // A theme whose only quote names a third party nobody has decided on (P04's diary: "a woman called Precious").
      if (!existsSync(file('themes/call-log.yaml'))) await fsp.writeFile(file('themes/call-log.yaml'), 'title: The call log\nhighlights: [h-3y2jzw3t]\n');
      await until('the theme is loaded', async () => ((await api()).context.models[0]?.workspace?.themes.has('call-log') ? true : undefined), 20_000);
      // A clip of P06, made before consent was narrowed, say: never linked.
      await fsp.writeFile(file('.sift/clips/h-353v1fha.mp4'), 'not linked');
      assert.ok(existsSync(file('.sift/clips/h-n9sn95cn.mp4')), 'the clip exported above');
      const written = await vscode.commands.executeCommand<vscode.Uri>('sift.generateReport', format, vscode.Uri.file(file(`reports/clips-vscode.${format}`)));
      assert.equal(written?.fsPath, file(`reports/clips-vscode.${format}`));
      const text = await fsp.readFile(written.fsPath, 'utf8');
      const link = format === 'md' ? '[▶ Play clip](../.sift/clips/h-n9sn95cn.mp4)' : '<a class="clip" href="../.sift/clips/h-n9sn95cn.mp4">▶ Play clip</a>';
      assert.ok(text.includes(link), `links P05's quote to its clip: ${link}`);
      assert.ok(!text.includes('h-353v1fha.mp4'), "no link to P06's clip");
      assert.ok(text.includes('The call log'), 'the theme is in the report');
      assert.ok(!text.includes('Precious'), 'the name nobody has decided on is not in the report');
      // One core path: the bytes `sift report` writes to the same folder.
      const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');
      const cliReport = () => {
        execFileSync(process.execPath, [cli, 'report', '--format', format, '--out', `reports/clips-cli.${format}`], { cwd: root().fsPath });
        return fsp.readFile(file(`reports/clips-cli.${format}`), 'utf8');
      };
      assert.equal(text, await cliReport());
      // The team decides she may be named (privacy.yaml): the study's scan, not the quote alone, says so, as in sift report.
      await fsp.writeFile(file('privacy.yaml'), 'decisions:\n  - text: Precious\n    kind: name\n    decision: accepted\n');
      try {
        await vscode.commands.executeCommand('sift.generateReport', format, written);
        const named = await fsp.readFile(written.fsPath, 'utf8');
        assert.ok(named.includes('woman called Precious'), 'accepted, she is quoted');
        assert.equal(named, await cliReport());
      } finally {
        await fsp.rm(file('privacy.yaml'));
      }
      await fsp.rm(file('.sift/clips/h-353v1fha.mp4'));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  }
});
