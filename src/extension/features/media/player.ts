/**
 * The recording player's commands, and exporting clips and reels. Everything else (the panel, the transcript following
 * playback, the play lenses) is dist/player.js, loaded the first time a researcher plays a
 * recording: most sessions never do, and the start-up bundle has no room to spare.
 */
import * as vscode from 'vscode';
import { recordingCandidates } from '../../../core/media/recording';
import type { SiftContext } from '../../context';

const player = () => require('./panel') as typeof import('./panel');
/** Export Clip and Export Reel, with the cutting (dist/clip-commands.js): loaded the first time one runs. */
const clips = () => require('./clips') as typeof import('./clips');

/** Command → what the player does; a command may carry where to play from (a lens, a test). */
const COMMANDS = ['play', 'toggle', 'back', 'faster', 'slower', 'tagHeard', 'convert'] as const;

export function registerPlayer(sift: SiftContext): vscode.Disposable {
  // The play lenses are the player bundle's: it is loaded as soon as a transcript with a recording is
  // shown, so a researcher sees "▶ 1:18" above its highlights before anything has played (they
  // appeared only after a first Play Recording from Here). Studies without recordings never load it.
  let lensesShown = false;
  const lensesIfRecorded = async () => {
    for (const editor of lensesShown ? [] : vscode.window.visibleTextEditors) {
      const ref = sift.transcriptOf(editor.document.uri);
      const transcript = ref?.model.workspace?.transcripts.get(ref.path);
      if (!ref || !transcript) continue;
      for (const candidate of recordingCandidates(transcript)) {
        if (lensesShown || !(await ref.model.fs.stat(candidate.path))) continue;
        lensesShown = true;
        player().showPlayLenses(sift);
      }
    }
  };
  void lensesIfRecorded();
  return vscode.Disposable.from(
    vscode.window.onDidChangeVisibleTextEditors(() => void lensesIfRecorded()),
    // A study loaded from disk after its transcript was shown (at start-up).
    sift.onDidChange((change) => void (change?.paths === 'all' && lensesIfRecorded())),
    ...COMMANDS.map((name) => vscode.commands.registerCommand(`sift.player.${name}`, (at?: unknown) => player().run(sift, name, at))),
    vscode.commands.registerCommand('sift.exportClip', (args?: unknown) => clips().exportClip(sift, args)),
    vscode.commands.registerCommand('sift.exportReel', (args?: unknown) => clips().exportReel(sift, args)),
    ...(SIFT_TEST ? [vscode.commands.registerCommand('sift.player.state', () => player().testState?.())] : []),
  );
}
