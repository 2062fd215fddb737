/**
 * The `sift.onHighlight` context key: true while the cursor (or the selection) of the active
 * transcript editor touches a highlight, so that menu items acting on "the highlight at the
 * cursor" (Edit Memo, Remove Tag, Add to Journey, Add as Evidence) appear only there.
 * Cheap on every keystroke: it reads the ranges the decorations already painted, no
 * re-anchoring, and is debounced so a held arrow key sets the key once.
 */
import * as vscode from 'vscode';
import { onDidPaint, painted } from './decorations';

const KEY = 'sift.onHighlight';

/** The value last given to the context key, readable by tests (context keys themselves are not). */
export const cursorContext = { onHighlight: false };

export function registerCursorContext(): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const editor = vscode.window.activeTextEditor;
      const on = !!editor && touchesHighlight(editor);
      if (on === cursorContext.onHighlight) return;
      cursorContext.onHighlight = on;
      void vscode.commands.executeCommand('setContext', KEY, on);
    }, 50);
  };
  return vscode.Disposable.from(vscode.window.onDidChangeTextEditorSelection(update), vscode.window.onDidChangeActiveTextEditor(update), onDidPaint(update), { dispose: () => timer && clearTimeout(timer) });
}

/** The cursor is inside a painted highlight (ends included), or the selection overlaps one. */
function touchesHighlight(editor: vscode.TextEditor): boolean {
  const ranges = painted.get(editor.document.uri.toString()) ?? [];
  return editor.selections.some((sel) => ranges.some(({ range }) => (sel.isEmpty ? range.contains(sel.active) : !(range.intersection(sel)?.isEmpty ?? true))));
}
