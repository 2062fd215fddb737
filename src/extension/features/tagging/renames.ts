/**
 * A transcript renamed or moved in VS Code (the Explorer, a refactor) takes its highlights
 * with it: its highlights file moves to the new name with `source` updated, as one more
 * undoable edit. The editor knows exactly what was renamed, so nothing is guessed (the CLI
 * recognises renames made elsewhere by the text's hash: `sift anchor`).
 */
import * as vscode from 'vscode';
import { moveHighlightsFile } from '../../../core/store/highlights';
import type { SiftContext } from '../../context';
import { report } from './tagging';

export function registerRenames(sift: SiftContext): vscode.Disposable {
  return vscode.workspace.onDidRenameFiles(async (event) => {
    for (const model of sift.models) {
      const ws = model.workspace;
      if (!ws) continue;
      // A renamed folder moves every transcript under it.
      const moves = new Map<string, string>();
      for (const { oldUri, newUri } of event.files) {
        const from = model.fs.relative(oldUri);
        const to = model.fs.relative(newUri);
        if (from === undefined || to === undefined) continue;
        for (const file of ws.highlightFiles.values()) {
          if (file.source === from) moves.set(file.path, to);
          else if (file.source.startsWith(`${from}/`)) moves.set(file.path, to + file.source.slice(from.length));
        }
      }
      if (moves.size === 0) continue;
      report(
        await model.change('Move highlights with their transcript', async (plan, now) => {
          for (const [path, source] of moves) {
            const file = now.highlightFiles.get(path);
            if (file) await moveHighlightsFile(plan, now, file, source);
          }
        }),
      );
    }
  });
}
