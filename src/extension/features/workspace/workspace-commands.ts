/**
 * Commands about the workspace as a whole: create one, check it, reload it; and the
 * status bar item with the active transcript's coding progress.
 */
import { formatShare } from '../../../core/format';
import * as vscode from 'vscode';
import { initWorkspace } from '../../../core/init';
import type { SiftContext } from '../../context';
import { applyEdits } from '../../host/apply-edits';
import { transcriptStats } from '../../../core/stats';
import { report } from '../tagging';

export function registerWorkspaceCommands(sift: SiftContext, openModel: (folder: vscode.WorkspaceFolder) => Promise<void>): vscode.Disposable {
  const status = vscode.window.createStatusBarItem('sift.progress', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Sift coding progress';
  status.command = 'sift.nextHighlight';
  const updateStatus = () => {
    const editor = vscode.window.activeTextEditor;
    const ref = editor && sift.transcriptOf(editor.document.uri);
    const stats = ref?.model.workspace && transcriptStats(ref.model.workspace, ref.path);
    if (!stats) return status.hide();
    status.text = `$(tag) ${stats.highlights} · ${formatShare(stats.coverage)} coded`;
    status.tooltip = `${ref!.path}: ${stats.highlights} highlights cover ${formatShare(stats.coverage)} of the text. Click for the next highlight.`;
    status.show();
  };
  updateStatus();

  return vscode.Disposable.from(
    status,
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    sift.onDidChange(updateStatus),
    vscode.commands.registerCommand('sift.createWorkspace', async () => {
      const folder = vscode.workspace.workspaceFolders?.length === 1 ? vscode.workspace.workspaceFolders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the research workspace in which folder?' });
      if (!folder) {
        void vscode.window.showInformationMessage('Open a folder first (File › Open Folder…), then create the research workspace in it.');
        return;
      }
      if (!vscode.workspace.isTrusted) return report([{ path: '', line: 1, column: 1, severity: 'error', code: 'restricted', message: 'Trust this folder first: Sift creates files only in trusted folders.' }]);
      const fs = sift.adapters.filesOf(folder.uri);
      const result = await initWorkspace(fs, folder.name);
      if (report(result.problems)) return;
      await applyEdits(fs, result.edits, 'Create research workspace');
      await openModel(folder);
      void vscode.window.showInformationMessage(`Created a research workspace in ${folder.name}. Put transcripts in transcripts/ and start tagging.`);
    }),
    vscode.commands.registerCommand('sift.checkWorkspace', async () => {
      const results = await Promise.all(sift.models.map((m) => m.load()));
      const problems = results.flatMap((ws) => ws.problems);
      const errors = problems.filter((p) => p.severity === 'error').length;
      const warnings = problems.filter((p) => p.severity === 'warning').length;
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      void vscode.window.showInformationMessage(errors + warnings === 0 ? 'Sift: no problems found.' : `Sift: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} — see Problems.`);
    }),
    vscode.commands.registerCommand('sift.refresh', () => Promise.all(sift.models.map((m) => m.load()))),
  );
}
