/**
 * The Problems panel: every problem the core found (YAML errors at their line and column,
 * unknown tags, dangling references, fuzzy and orphaned highlights), kept current as files
 * change. Fuzzy highlights offer "accept the new place"; orphaned ones "re-anchor to the
 * selection" or "delete"; a participant attribute that does not fit its type offers the values
 * that would (the problem's fixes, nearest first). Overdue actions are warnings at their due
 * date, as `sift check` gives them: they depend on the day, so they are added to what the
 * loaded study found, and counted again whenever it changes.
 */
import * as vscode from 'vscode';
import { overdueProblems } from '../../../core/actions/problems';
import type { Problem } from '../../../core/problems';
import { locate } from '../../../core/workspace/load';
import { today } from '../../clock';
import { placeHighlight } from '../../../core/store/highlights';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { codePointAt, normalizedText } from '../../positions';
import { report } from '../tagging';

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function registerDiagnostics(sift: SiftContext): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('sift');
  let published = 0;
  const publish = async () => {
    const mine = ++published;
    // Overdue actions are placed first (a read of the insight files), so the panel changes once.
    const overdue = await Promise.all(sift.models.map((model) => (model.workspace ? locate(model.fs, overdueProblems(model.workspace, today())) : [])));
    if (mine !== published) return; // a newer publish is under way
    collection.clear();
    sift.models.forEach((model, i) => {
      const byFile = new Map<string, vscode.Diagnostic[]>();
      for (const p of [...(model.workspace?.problems ?? []), ...overdue[i]!]) {
        const start = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
        const end = p.endLine ? new vscode.Position(p.endLine - 1, Math.max(0, (p.endColumn ?? p.column) - 1)) : start.translate(0, 1);
        const d = new vscode.Diagnostic(new vscode.Range(start, end), p.message, SEVERITY[p.severity]);
        d.source = 'sift';
        d.code = p.code;
        byFile.set(p.path, [...(byFile.get(p.path) ?? []), d]);
      }
      for (const [path, diagnostics] of byFile) collection.set(model.fs.uri(path || 'research.yaml'), diagnostics);
    });
  };
  void publish();
  return vscode.Disposable.from(
    collection,
    sift.onDidChange(() => void publish()),
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.yaml' }, new AnchorFixes(sift), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.yaml' }, new ValueFixes(sift), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand('sift.acceptFuzzy', (model: ResearchModel, id: string) => acceptFuzzy(model, id)),
    vscode.commands.registerCommand('sift.reanchorToSelection', (model: ResearchModel, id: string) => reanchorToSelection(sift, model, id)),
  );
}

class AnchorFixes implements vscode.CodeActionProvider {
  constructor(private readonly sift: SiftContext) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const model = this.sift.modelOf(doc.uri);
    if (!model) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== 'sift') continue;
      const id = /Highlight (h-[0-9a-z]{8})/.exec(d.message)?.[1];
      if (!id) continue;
      if (d.code === 'fuzzy') actions.push(action(`Accept the new place of ${id}`, d, 'sift.acceptFuzzy', [model, id]));
      if (d.code === 'orphaned') {
        actions.push(action(`Re-anchor ${id} to the selection in its transcript`, d, 'sift.reanchorToSelection', [model, id]));
        actions.push(action(`Delete highlight ${id}`, d, 'sift.deleteHighlight', [id]));
      }
    }
    return actions;
  }
}

/** Replaces a value with one the problem says would fit: `Change to "face-to-face"`. The first is the preferred fix. */
class ValueFixes implements vscode.CodeActionProvider {
  constructor(private readonly sift: SiftContext) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const model = this.sift.modelOf(doc.uri);
    if (!model) return [];
    const uri = doc.uri.toString();
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== 'sift') continue;
      const p = model.workspace?.problems.find((x) => x.fixes && x.code === d.code && x.line - 1 === d.range.start.line && x.column - 1 === d.range.start.character && model.fs.uri(x.path).toString() === uri);
      p?.fixes?.forEach((fix, i) => {
        const a = new vscode.CodeAction(`Change to ${fix}`, vscode.CodeActionKind.QuickFix);
        a.diagnostics = [d];
        a.isPreferred = i === 0;
        a.edit = new vscode.WorkspaceEdit();
        a.edit.replace(doc.uri, d.range, fix);
        actions.push(a);
      });
    }
    return actions;
  }
}

function action(title: string, diagnostic: vscode.Diagnostic, command: string, args: unknown[]): vscode.CodeAction {
  const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  a.diagnostics = [diagnostic];
  a.command = { title, command, arguments: args };
  return a;
}

/**
 * The place is given to the plan, never written into the loaded workspace: when the file
 * changed meanwhile the plan is made again on a fresh load, which knows nothing of it.
 */
async function acceptFuzzy(model: ResearchModel, id: string): Promise<void> {
  const ws = model.workspace;
  const r = model.study.placeOf(id);
  const file = ws && [...ws.highlightFiles.values()].find((f) => f.highlights.some((h) => h.id === id));
  if (!ws || !r || r.state === 'orphaned' || !file) return;
  const text = await model.transcriptText(file.source);
  if (text === undefined) return;
  const place = { start: r.start, end: r.end, reason: 'confirmed by the researcher' };
  report(await model.change('Accept new place of highlight', (plan, w) => placeHighlight(plan, w, id, file.source, text, place, model.study.placeOf)));
}

async function reanchorToSelection(sift: SiftContext, model: ResearchModel, id: string): Promise<void> {
  const ws = model.workspace;
  const file = ws && [...ws.highlightFiles.values()].find((f) => f.highlights.some((h) => h.id === id));
  if (!ws || !file) return;
  const editor = vscode.window.visibleTextEditors.find((e) => sift.transcriptOf(e.document.uri)?.path === file.source && !e.selection.isEmpty);
  if (!editor) {
    const doc = await vscode.workspace.openTextDocument(model.fs.uri(file.source));
    await vscode.window.showTextDocument(doc);
    void vscode.window.showInformationMessage(`Select the passage highlight ${id} belongs to in ${file.source}, then run the quick fix again.`);
    return;
  }
  const place = { start: codePointAt(editor.document, editor.selection.start), end: codePointAt(editor.document, editor.selection.end), reason: 'placed by the researcher' };
  const text = normalizedText(editor.document);
  report(await model.change('Re-anchor highlight', (plan, w) => placeHighlight(plan, w, id, file.source, text, place, model.study.placeOf)));
}
