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
import type { VscodeFileSystem } from './vscode-fs';

export class EditConflict extends Error {}

export async function applyEdits(fs: VscodeFileSystem, edits: readonly FileEdit[], label: string): Promise<void> {
  if (edits.length === 0) return;
  for (const edit of edits) {
    const open = openDocument(fs.uri(edit.path));
    if (open?.isDirty) throw new EditConflict(`${edit.path} has unsaved changes in an editor; save or revert them first. Nothing was changed.`);
    const bytes = await fs.readFile(edit.path);
    const hash = bytes ? gitBlobHashOfBytes(bytes) : null;
    if (hash !== edit.expectedHash) throw new EditConflict(`${edit.path} changed on disk while Sift was working; nothing was changed. Try again.`);
  }
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
      // The core writes `\n`; the document keeps its own line endings.
      const content = doc.eol === vscode.EndOfLine.CRLF ? edit.content.replace(/\n/g, '\r\n') : edit.content;
      we.replace(uri, whole, content, metadata);
      toSave.push(uri);
    }
  }
  if (!(await vscode.workspace.applyEdit(we))) throw new EditConflict(`VS Code refused the edit "${label}"; nothing was changed.`);
  await Promise.all(toSave.map((uri) => openDocument(uri)?.save()));
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}
