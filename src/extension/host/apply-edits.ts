/**
 * Applies the core's FileEdits as one WorkspaceEdit: undoable with Ctrl+Z, and respectful
 * of open editors. Before anything is applied every file is checked against the hash the
 * edit was planned on; a file with unsaved changes in an editor is never edited behind
 * the researcher's back. Files that were not dirty before are saved afterwards, so the
 * YAML on disk — the truth — is up to date.
 */
import * as vscode from 'vscode';
import { gitBlobHashOfBytes } from '../../core/hash';
import type { FileEdit } from '../../core/ports';
import type { Spans } from './spans';
import type { VscodeFileSystem } from './vscode-fs';

export class EditConflict extends Error {}

/** A file as it was before an edit was applied to it (null: it did not exist), so the edit can be taken back. */
export interface ReplacedFile {
  path: string;
  before: Uint8Array | null;
}

/** Applies the edits; returns the files they replaced, as they were (read for the check below). */
export async function applyEdits(fs: VscodeFileSystem, edits: readonly FileEdit[], label: string, spans?: Spans): Promise<ReplacedFile[]> {
  if (edits.length === 0) return [];
  const replaced: ReplacedFile[] = [];
  for (const edit of edits) {
    const open = openDocument(fs.uri(edit.path));
    if (open?.isDirty) throw new EditConflict(`${edit.path} has unsaved changes in an editor; save or revert them first. Nothing was changed.`);
    const bytes = await fs.readFile(edit.path);
    const hash = bytes ? gitBlobHashOfBytes(bytes) : null;
    if (hash !== edit.expectedHash) throw new EditConflict(`${edit.path} changed on disk while Sift was working; nothing was changed. Try again.`);
    if (open && bytes && !(await caughtUp(open, bytes))) throw new EditConflict(`${edit.path} changed on disk and VS Code has not reloaded it yet; nothing was changed. Try again.`);
    replaced.push({ path: edit.path, before: bytes ?? null });
  }
  spans?.mark('checked on disk');
  const we = new vscode.WorkspaceEdit();
  const toSave: vscode.Uri[] = [];
  for (const edit of edits) {
    const uri = fs.uri(edit.path);
    const metadata = { label, needsConfirmation: false };
    if (edit.kind === 'delete') {
      we.deleteFile(uri, { ignoreIfNotExists: true }, metadata);
    } else if (edit.expectedHash === null) {
      we.createFile(uri, { overwrite: false, contents: new TextEncoder().encode(edit.content) }, metadata);
    } else {
      const doc = await vscode.workspace.openTextDocument(uri);
      const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
      // The document keeps its own BOM and line endings (the content may carry the file's: an undo's bytes as they were).
      const text = normalized(edit.content);
      const content = doc.eol === vscode.EndOfLine.CRLF ? text.replace(/\n/g, '\r\n') : text;
      we.replace(uri, whole, content, metadata);
      toSave.push(uri);
    }
  }
  spans?.mark('opened');
  if (!(await vscode.workspace.applyEdit(we))) throw new EditConflict(`VS Code refused the edit "${label}"; nothing was changed.`);
  spans?.mark('applied');
  const saved = await Promise.all(toSave.map(async (uri) => ({ uri, ok: (await openDocument(uri)?.save()) ?? true })));
  spans?.mark('saved');
  const unsaved = saved.filter((s) => !s.ok);
  if (unsaved.length === 0) return replaced;
  // The change lives only in a document no tab shows yet: show it, so the researcher sees it
  // (marked unsaved), can save it once the cause is fixed or undo it, and VS Code backs it up.
  for (const { uri } of unsaved) await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
  const names = unsaved.map((s) => fs.relative(s.uri) ?? s.uri.toString());
  throw new EditNotSaved(`VS Code could not save ${names.join(', ')} after "${label}" (see its message): the change is in the editor beside, unsaved. Save it once the file can be written, or undo it there (Ctrl+Z).`);
}

/** The edit was applied in VS Code but a file could not be saved (VS Code says why): the researcher decides. */
export class EditNotSaved extends Error {}

/**
 * An open, unmodified document whose text is not yet what is on disk: another program (the
 * CLI, `git checkout`) wrote the file and VS Code's watcher has not reloaded it. Replacing its
 * text now would be saved over a newer file ("the content of the file is newer"), so wait a
 * moment for VS Code to catch up; false when it does not.
 */
async function caughtUp(doc: vscode.TextDocument, disk: Uint8Array, waitMs = 3000): Promise<boolean> {
  const want = normalized(new TextDecoder().decode(disk));
  const end = Date.now() + waitMs;
  while (normalized(doc.getText()) !== want) {
    if (doc.isDirty || Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

export const normalized = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}
