/**
 * The recording player in the real VS Code, on the example's P05 call with a recording made in
 * the test run from its own captions (test/support/recordings.ts), put beside the caption
 * original the import kept: playing from a highlight starts at the highlight's time (± 0.5 s),
 * playback moves the mark of the turn being heard, and screenshots in light and dark.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { RenderedPlayer } from '../../src/protocol/player';
import { api, file, openTranscript, read, screenshot, THEMES, until, useColorTheme } from './support';

const P05 = 'transcripts/calls/p05.md';
const P05_HIGHLIGHTS = 'highlights/transcripts/calls/p05.md.yaml';

interface PlayerState {
  rendered: RenderedPlayer | undefined;
  seconds: number;
  playing: boolean;
  heardTurn: number | undefined;
  recording: string | undefined;
}

const state = async () => (await vscode.commands.executeCommand<PlayerState | undefined>('sift.player.state')) ?? undefined;

describe('the recording player', function () {
  this.timeout(240_000);

  before(async () => {
    await api();
    // The recording of the call, made by the harness from the captions it was imported from before the host started.
    assert.ok(existsSync(file('originals/calls/p05.mp4')), 'the harness made originals/calls/p05.mp4 (scripts/test-recordings.mjs)');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('plays from a highlight: its lens starts the player at the highlight time (± 0.5 s)', async () => {
    const editor = await openTranscript(P05);
    // A new user sees the play lenses as soon as the transcript with a recording is open, before anything has played.
    await until(
      'play lenses before the first play',
      async () => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? []).filter((l) => l.command?.command === 'sift.player.play').length >= 3 || undefined,
      30_000,
    );
    // The cursor on the highlight, and "Play Recording from Here" (the editor's context menu, Ctrl+Alt+Enter).
    const quote = 'What nobody told me, and I mean nobody';
    const at = editor.document.getText().indexOf(quote);
    assert.ok(at > 0, 'the quote is in the transcript');
    editor.selection = new vscode.Selection(editor.document.positionAt(at + 3), editor.document.positionAt(at + 3));
    await vscode.commands.executeCommand('sift.player.play');
    const playing = await until(
      'the player reports its time',
      async () => {
        const s = await state();
        return s?.rendered && s.rendered.problem === '' && s.seconds > 0 ? s : undefined;
      },
      60_000,
    );
    assert.equal(playing.recording, 'originals/calls/p05.mp4');
    const stamp = /\[(\d\d):(\d\d):(\d\d)\][^[]*$/.exec(editor.document.getText().slice(0, at))!;
    const expected = Number(stamp[1]) * 3600 + Number(stamp[2]) * 60 + Number(stamp[3]);
    const started = await until(
      'the player at the highlight',
      async () => {
        const s = await state();
        return s && Math.abs(s.seconds - expected) <= 0.5 ? s : undefined;
      },
      20_000,
    );
    assert.ok(Math.abs(started.seconds - expected) <= 0.5, `${started.seconds} vs ${expected}`);

    // The lens above another highlight plays from there.
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const play = lenses.filter((l) => l.command?.command === 'sift.player.play');
    assert.ok(play.length >= 3, `play lenses: ${play.map((l) => l.command?.title).join(', ')}`);
    const last = play.at(-1)!;
    const seconds = (last.command!.arguments![0] as { seconds: number }).seconds;
    await vscode.commands.executeCommand(last.command!.command, ...last.command!.arguments!);
    await until(
      'the player at the last highlight',
      async () => {
        const s = await state();
        return s && Math.abs(s.seconds - seconds) <= 0.5 ? s : undefined;
      },
      20_000,
    );
  });

  it('playback moves the mark of the turn being heard', async () => {
    const editor = await openTranscript(P05);
    // Two seconds before the second timed turn starts, then let it play into it.
    const stamps = [...editor.document.getText().matchAll(/^\[(\d\d):(\d\d):(\d\d)\]/gm)].map((m) => Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]));
    const next = stamps[2]!;
    await vscode.commands.executeCommand('sift.player.play', { uri: editor.document.uri.toString(), seconds: next - 1.5 });
    const before = await until(
      'a turn being heard before the boundary',
      async () => {
        const s = await state();
        return s && s.heardTurn !== undefined && s.seconds < next ? s : undefined;
      },
      20_000,
    );
    const after = await until(
      'the mark moves to the next turn as it plays',
      async () => {
        const s = await state();
        return s && s.heardTurn !== undefined && s.heardTurn > before.heardTurn! ? s : undefined;
      },
      30_000,
    );
    assert.ok(after.seconds >= next, `${after.seconds} ≥ ${next}`);
    assert.equal(after.playing, true);
  });

  it('tags the turn being heard with the ordinary tag command, without leaving the keyboard', async () => {
    const before = await read(P05_HIGHLIGHTS);
    await vscode.commands.executeCommand('sift.player.toggle');
    const paused = await until('paused in a turn', async () => {
      const s = await state();
      return s && !s.playing && s.heardTurn !== undefined ? s : undefined;
    });
    // A tag no other test renames or merges (the integration tests share one workspace, in file order).
    await vscode.commands.executeCommand('sift.player.tagHeard', { tags: ['waiting-time'] });
    const after = await until(
      'the heard turn is tagged',
      async () => {
        const text = await read(P05_HIGHLIGHTS);
        return text !== before ? text : undefined;
      },
      20_000,
    );
    // The turn heard is the last one started by then: its words, whole, are the new highlight's quote.
    const doc = (await openTranscript(P05)).document.getText();
    const turns = [...doc.matchAll(/^\[(\d\d):(\d\d):(\d\d)\] [^:]+: (.*)$/gm)].map((m) => ({ at: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]), words: m[4]! }));
    const heard = turns.filter((t) => t.at <= paused.seconds).at(-1)!;
    assert.ok(after.includes(`quote: ${heard.words.slice(0, 30)}`) || after.includes(`quote: "${heard.words.slice(0, 30)}`), `a highlight of "${heard.words.slice(0, 30)}…"`);
  });

  for (const [theme, name] of THEMES) {
    it(`looks right beside the transcript (${name} theme)`, async () => {
      await useColorTheme(theme);
      const editor = await openTranscript(P05);
      await vscode.commands.executeCommand('sift.player.play', { uri: editor.document.uri.toString(), seconds: 78 });
      await until(
        'the player shows the picture',
        async () => {
          const s = await state();
          return s?.rendered?.video && s.seconds >= 78 ? s : undefined;
        },
        20_000,
      );
      await vscode.commands.executeCommand('sift.player.toggle');
      await until('paused', async () => {
        const s = await state();
        return s && !s.playing ? s : undefined;
      });
      // The workbench repaints in the new theme a moment after VS Code reports it applied; with
      // the player already drawn there is no other event to wait for (the dark shot came out light).
      await new Promise((r) => setTimeout(r, 1500));
      await screenshot(`player-${name}`);
    });
  }
});
