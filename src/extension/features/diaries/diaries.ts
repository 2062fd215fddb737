/**
 * Diaries in VS Code: the Diaries view (who wrote in which week of the study: a strip of
 * weeks and the completion in words per diarist, their entries by date with each empty week
 * in its place), and a diary entry's scanned pages shown beside its transcribed text. The
 * rows come from the core (src/core/diaries/view.ts, loaded when the view is first shown:
 * scripts/bundles.mjs); this file only makes tree items of them.
 */
import * as vscode from 'vscode';
import { diaryCompletion } from '../../../core/diaries/completion';
import type { DiaristRow, EntryRow, GapRow } from '../../../core/diaries/view';
import { studyCalendar } from '../../../core/diaries/calendar';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { SiftTree } from '../shared/sift-tree';

const rows = () => require('../../../core/diaries/view') as typeof import('../../../core/diaries/view');

type DiaryNode = { model: ResearchModel; row: DiaristRow } | { model: ResearchModel; row: EntryRow | GapRow };

export function registerDiaries(sift: SiftContext): vscode.Disposable {
  const tree = new DiariesTree(sift);
  const view = vscode.window.createTreeView('sift.diaries', { treeDataProvider: tree, showCollapseAll: true });
  const describe = () => {
    const model = sift.models.find((m) => m.workspace);
    const calendar = model?.workspace ? studyCalendar(model.workspace) : undefined;
    view.description = calendar?.start && calendar.weeks > 0 ? `${calendar.weeks} weeks from ${calendar.start}` : undefined;
  };
  describe();
  return vscode.Disposable.from(
    view,
    sift.onDidChange(() => {
      tree.refresh();
      describe();
    }),
    vscode.commands.registerCommand('sift.openDiaryEntry', (model: ResearchModel, source: string, line: number, pages: string[]) => openEntry(model, source, line, pages)),
    vscode.commands.registerCommand('sift.showScannedPage', () => showPageAtCursor(sift)),
  );
}

class DiariesTree extends SiftTree<DiaryNode> {
  getChildren(element?: DiaryNode): DiaryNode[] {
    if (element) return 'participant' in element.row ? element.row.children.map((row) => ({ model: element.model, row })) : [];
    return this.sift.models.flatMap((model) =>
      model.workspace
        ? rows()
            .completionRows(diaryCompletion(model.workspace))
            .map((row) => ({ model, row }))
        : [],
    );
  }

  getTreeItem(node: DiaryNode): vscode.TreeItem {
    const row = node.row;
    if ('participant' in row) {
      const item = new vscode.TreeItem(row.participant, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = row.description;
      item.tooltip = `${row.participant}: ${row.summary}\n${row.strip}: each mark is a week of the study, ■ wrote, □ no entry.`;
      item.iconPath = new vscode.ThemeIcon('notebook', row.hasGaps ? new vscode.ThemeColor('list.warningForeground') : undefined);
      return item;
    }
    if (row.kind === 'gap') {
      const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
      item.description = row.days;
      item.tooltip = `${row.label} (${row.days})`;
      item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.warningForeground'));
      return item;
    }
    const item = new vscode.TreeItem(row.date, vscode.TreeItemCollapsibleState.None);
    item.description = row.description;
    item.tooltip = `${row.date} · ${row.detail}\n${row.source}:${row.line}${row.pages.length > 0 ? `\nScanned: ${row.pages.join(', ')} (opens beside the text)` : ''}`;
    item.iconPath = new vscode.ThemeIcon(row.pages.length > 0 ? 'file-media' : 'calendar');
    item.command = { title: 'Open Entry', command: 'sift.openDiaryEntry', arguments: [node.model, row.source, row.line, row.pages] };
    return item;
  }
}

/** The transcript at the entry's heading, and its first scanned page in the group beside it (the text keeps the focus). */
async function openEntry(model: ResearchModel, source: string, line: number, pages: readonly string[]): Promise<void> {
  const at = new vscode.Position(Math.max(0, line - 1), 0);
  const editor = await vscode.window.showTextDocument(model.fs.uri(source), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at), preview: false });
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
  if (pages[0]) await showBeside(model, pages[0]);
}

async function showBeside(model: ResearchModel, page: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.open', model.fs.uri(page), { viewColumn: vscode.ViewColumn.Two, preserveFocus: true, preview: true });
}

/** Sift: Show Scanned Page Beside — the page of the diary entry the cursor is in. */
async function showPageAtCursor(sift: SiftContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const ref = editor && sift.transcriptOf(editor.document.uri);
  const model = ref?.model;
  const t = ref && model?.workspace?.transcripts.get(ref.path);
  if (!editor || !model || !t) return void vscode.window.showInformationMessage('Put the cursor in a diary entry of a transcript to see its scanned page.');
  const line = editor.selection.active.line + 1;
  const entry = [...(t.entries ?? [])].reverse().find((e) => e.line <= line);
  const pages = (t.pages ?? []).filter((p) => p.path !== undefined && (entry ? p.date === entry.date : p.at.line <= line));
  if (pages.length === 0) return void vscode.window.showInformationMessage(entry ? `The entry of ${entry.date} has no scanned page.` : 'This part of the transcript has no scanned page.');
  await showBeside(model, pages[0]!.path!);
}
