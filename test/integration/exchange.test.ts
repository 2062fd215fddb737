/**
 * Exchange from VS Code: a Zoom caption file becomes a transcript of the study (speakers and
 * times kept, highlights possible at once), and the study exports as a REFI-QDA project.
 * The commands take their files as arguments here; a researcher picks them in dialogs.
 */
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, read, until } from './support';

const ZOOM_VTT = `WEBVTT

1
00:00:01.500 --> 00:00:04.000
Sam Interviewer: Thanks for joining. How did the move go?

2
00:00:04.500 --> 00:00:09.000
Ada Lovelace: The move itself was fine, but the grab rails took four months to arrive.
`;

describe('exchange from VS Code', function () {
  this.timeout(60000);

  it('imports a Zoom .vtt as a transcript with speakers and times, which can be tagged at once', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sift-import-'));
    const vtt = path.join(dir, 'p13-zoom.vtt');
    await fsp.writeFile(vtt, ZOOM_VTT);
    await vscode.commands.executeCommand('sift.importTranscripts', [vscode.Uri.file(vtt)], 'P13');
    const markdown = await read('transcripts/p13-zoom.md');
    assert.match(markdown, /^---\nparticipant: P13\nkind: interview\n/);
    assert.match(markdown, /\[00:00:04\] Ada Lovelace: The move itself was fine, but the grab rails took four months to arrive\./);
    const transcript = await until('the new transcript in the study', () => model.workspace!.transcripts.get('transcripts/p13-zoom.md'));
    const turn = transcript.turns.find((t) => t.speaker === 'Ada Lovelace');
    assert.equal(turn?.time, '00:00:04');
    // The caption itself is kept, as provenance, where the transcript's front matter says.
    assert.match(markdown, /\nsource: originals\/p13-zoom\.vtt\n/);
    assert.equal(await read('originals/p13-zoom.vtt'), ZOOM_VTT);
  });

  it('exports the study as a REFI-QDA project', async () => {
    const target = path.join(await fsp.mkdtemp(path.join(os.tmpdir(), 'sift-export-')), 'study.qdpx');
    await vscode.commands.executeCommand('sift.exportQdpx', vscode.Uri.file(target));
    const bytes = await fsp.readFile(target);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip archive');
    const { unpackQdpx } = await import('../../src/core/exchange/container');
    const unpacked = unpackQdpx(new Uint8Array(bytes));
    assert.match(new TextDecoder().decode(unpacked.project), /<Project [^>]*xmlns="urn:QDA-XML:project:1.0"/);
    assert.ok(unpacked.texts.size >= 10, `${unpacked.texts.size} text sources`);
  });
});
