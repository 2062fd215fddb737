/**
 * "Generate Research Report…": the core's report (the same as `sift report`), as Markdown
 * or HTML, saved where the researcher says (reports/report.md by default) and opened —
 * Markdown in VS Code's preview, HTML in a preview panel (scripts off; the page forbids them
 * too) with a way to open it in the browser. Consent is the core's business: quotes of
 * participants who may not be quoted never reach the text. The same bytes as `sift report --out`
 * to the same folder: personal data nobody has set aside masked (from the scan VS Code keeps
 * warm), and a quote linked to its clip where one was made and consent allows it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReportFormat } from '../../../core/report';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';

const FORMATS: { format: ReportFormat; label: string; detail: string }[] = [
  { format: 'md', label: 'Markdown', detail: 'For a wiki, a pull request, or to edit further' },
  { format: 'html', label: 'HTML', detail: 'One self-contained page to send or print' },
];

/** The report command; arguments (format, target file) let tests and automation skip the pickers. */
export function registerResearchReport(sift: SiftContext): vscode.Disposable {
  return vscode.commands.registerCommand('sift.generateReport', async (format?: ReportFormat, target?: vscode.Uri) => {
    const model = await sift.pickModel();
    if (!model?.workspace?.project) return void vscode.window.showInformationMessage('Open a folder with a research.yaml first (or run "Sift: Create Research Workspace").');
    if (!vscode.workspace.isTrusted) return void vscode.window.showInformationMessage('Sift writes no file in Restricted Mode: trust this folder to generate a report.');
    const chosen = format ?? (await vscode.window.showQuickPick(FORMATS, { title: 'Generate Research Report', placeHolder: 'Which format?' }))?.format;
    if (!chosen) return;
    const ws = model.workspace;
    // Files Sift could not read would silently drop out of the report (as `sift report` refuses).
    if (ws.unreadable.size > 0) return void vscode.window.showErrorMessage(`Some files could not be read (${[...ws.unreadable].slice(0, 3).join(', ')}), so no report was made; fix them first (see Problems).`);
    const file = target ?? (await vscode.window.showSaveDialog({ defaultUri: model.fs.uri(`reports/report.${chosen}`), filters: chosen === 'html' ? { HTML: ['html'] } : { Markdown: ['md'] }, title: 'Save the research report' }));
    if (!file) return;
    // The report's engine is loaded the first time a report is written (dist/report.js).
    const { renderReport } = require('../../../core/report') as typeof import('../../../core/report');
    const guard = await sift.sharingGuard(model, ws);
    // Links to clips are files beside files: only for a study and a report on this machine's disk.
    const clips = model.fs.root.scheme === 'file' && file.scheme === 'file' ? sift.adapters.clipLinks(model.fs.root.fsPath, path.dirname(file.fsPath)) : undefined;
    const text = renderReport(ws, chosen, { date: new Date().toISOString().slice(0, 10), guard, ...(clips ? { clips } : {}) });
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    await open(sift, model, file, chosen, text);
    return file;
  });
}

async function open(sift: SiftContext, model: ResearchModel, file: vscode.Uri, format: ReportFormat, html: string): Promise<void> {
  const name = vscode.workspace.asRelativePath(file);
  if (format === 'md') {
    await vscode.commands.executeCommand('markdown.showPreview', file);
    void vscode.window.showInformationMessage(`Wrote ${name}.`);
    return;
  }
  const panel = vscode.window.createWebviewPanel('sift.reportPreview', `Report — ${model.workspace?.project?.name ?? model.folder.name}`, vscode.ViewColumn.Active, { enableScripts: false, localResourceRoots: [] });
  panel.iconPath = vscode.Uri.joinPath(sift.extension.extensionUri, 'media', 'sift.svg');
  panel.webview.html = html;
  void vscode.window.showInformationMessage(`Wrote ${name}.`, 'Open in Browser').then((pick) => pick && vscode.env.openExternal(file));
}
