/**
 * The recording player's commands, and exporting clips and reels. Everything else (the panel, the transcript following
 * playback, the play lenses) is dist/player.js, loaded the first time a researcher plays a
 * recording: most sessions never do, and the start-up bundle has no room to spare.
 */
import * as vscode from 'vscode';
import type { SiftContext } from '../../context';

const player = () => require('./panel') as typeof import('./panel');
/** Export Clip and Export Reel, with the cutting (dist/clip-commands.js): loaded the first time one runs. */
const clips = () => require('./clips') as typeof import('./clips');

/** Command → what the player does; a command may carry where to play from (a lens, a test). */
const COMMANDS = ['play', 'toggle', 'back', 'faster', 'slower', 'tagHeard', 'convert'] as const;

export function registerPlayer(sift: SiftContext): vscode.Disposable {
  return vscode.Disposable.from(
    ...COMMANDS.map((name) => vscode.commands.registerCommand(`sift.player.${name}`, (at?: unknown) => player().run(sift, name, at))),
    vscode.commands.registerCommand('sift.exportClip', (args?: unknown) => clips().exportClip(sift, args)),
    vscode.commands.registerCommand('sift.exportReel', (args?: unknown) => clips().exportReel(sift, args)),
    ...(SIFT_TEST ? [vscode.commands.registerCommand('sift.player.state', () => player().testState?.())] : []),
  );
}
