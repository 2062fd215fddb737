/**
 * Undo of codebook refactors where a researcher looks for it. A rename or merge rewrites many
 * files in one WorkspaceEdit, which VS Code undoes only from an editor of one of them; so after
 * each refactor Sift says what changed ("Renamed … in 9 files") with an Undo button, and Undo
 * in the Codebook view (Ctrl+Z there, or its title bar) takes back the last one: every file as
 * it was, byte for byte, or nothing at all when a file changed since.
 */
import * as vscode from 'vscode';
import type { AppliedChange, ChangeOptions, ResearchModel } from '../../research-model';
import { report } from '../tagging';

const CAN_UNDO = 'sift.canUndoCodebookChange';

interface Done {
  model: ResearchModel;
  change: AppliedChange;
  summary: string;
}

export class CodebookUndo implements vscode.Disposable {
  /** The last refactor, while it can still be undone (this window's; one level, like the notification). */
  private last: Done | undefined;
  private readonly command = vscode.commands.registerCommand('sift.codebook.undo', () => this.undoLast());

  /**
   * Options for `model.change` that record the change and announce it. `summary` says what was
   * done given the number of files written: "Renamed “Waiting” to “Wait” in 9 files".
   */
  recording(model: ResearchModel, summary: (files: string) => string): ChangeOptions {
    return {
      onApplied: (change) => {
        const done = { model, change, summary: summary(filesCount(change.files.length)) };
        this.setLast(done);
        void vscode.window.showInformationMessage(`${done.summary}.`, 'Undo').then((pick) => {
          if (pick === 'Undo') void this.undo(done);
        });
      },
    };
  }

  private async undoLast(): Promise<void> {
    if (!this.last) return void vscode.window.showInformationMessage('No codebook change to undo: Undo here takes back the last rename, merge, move, recolour, addition or deletion of a tag made in this window.');
    await this.undo(this.last);
  }

  private async undo(done: Done): Promise<void> {
    const problems = await done.model.revert(done.change);
    if (report(problems)) return;
    if (this.last === done) this.setLast(undefined);
    void vscode.window.showInformationMessage(`Undone: ${lowerFirst(done.summary)}. Every file is as it was before.`);
  }

  private setLast(done: Done | undefined): void {
    this.last = done;
    void vscode.commands.executeCommand('setContext', CAN_UNDO, !!done);
  }

  dispose(): void {
    this.command.dispose();
  }
}

const filesCount = (n: number) => (n === 1 ? '1 file' : `${n} files`);

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
