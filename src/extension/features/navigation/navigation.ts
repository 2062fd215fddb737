/**
 * Moving between quotes: next/previous highlight in a transcript, Find Highlights across
 * the workspace (the core's full-text index), and the highlights of one tag.
 */
import * as vscode from 'vscode';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { codePointAt, rangeOf } from '../../positions';
import { searchStudies, type LibraryHit } from '../../../core/library';
import { searchableStudies } from '../library';

interface HighlightItem extends vscode.QuickPickItem {
  id: string;
  source: string;
}

export function registerNavigation(sift: SiftContext): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('sift.nextHighlight', () => step(sift, +1)),
    vscode.commands.registerCommand('sift.previousHighlight', () => step(sift, -1)),
    vscode.commands.registerCommand('sift.findHighlights', () => findHighlights(sift)),
    vscode.commands.registerCommand('sift.showHighlightsForTag', (arg?: { tagId?: string } | string) => showForTag(sift, typeof arg === 'string' ? arg : arg?.tagId)),
    vscode.commands.registerCommand('sift.revealHighlight', (model: ResearchModel, id: string) => reveal(model, id)),
  );
}

async function step(sift: SiftContext, direction: 1 | -1): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const ref = editor && sift.transcriptOf(editor.document.uri);
  if (!editor || !ref) return;
  const at = codePointAt(editor.document, editor.selection.active);
  const starts = sift.highlightsOf(ref).flatMap((p) => (p.result && p.result.state !== 'orphaned' ? [p.result] : []));
  const next = direction > 0 ? (starts.find((r) => r.start > at) ?? starts[0]) : ([...starts].reverse().find((r) => r.start < at) ?? starts[starts.length - 1]);
  if (!next) return;
  const range = rangeOf(editor.document, next.start, next.end);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function itemsFor(model: ResearchModel, ids: Iterable<string>): HighlightItem[] {
  const ws = model.workspace!;
  const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
  const byId = new Map<string, { source: string; quote: string; tags: readonly string[]; note?: string; speaker?: string }>();
  for (const f of ws.highlightFiles.values()) for (const h of f.highlights) byId.set(h.id, { source: f.source, ...h });
  const items: HighlightItem[] = [];
  for (const id of ids) {
    const h = byId.get(id);
    if (!h) continue;
    items.push({
      id,
      source: h.source,
      label: h.quote,
      description: h.tags.map((t) => labels.get(t) ?? t).join(', '),
      detail: `${h.speaker ? h.speaker + ' · ' : ''}${h.source}${h.note ? ' · ' + h.note : ''}`,
      alwaysShow: true,
    });
  }
  return items;
}

/**
 * Find Highlights searches every study open here (a library's, or a multi-root workspace's)
 * with the query language `sift search` reads; each result names its study when there are
 * several. A query being typed is searched as far as it reads; what cannot be answered (a
 * tag in no codebook) shows in the title.
 */
async function findHighlights(sift: SiftContext): Promise<void> {
  if (!sift.models.some((m) => m.workspace?.project)) return;
  const qp = vscode.window.createQuickPick<HighlightItem & { model: ResearchModel }>();
  qp.title = 'Find Highlights';
  qp.placeholder = 'Words in quotes and memos; "exact phrase", tag:waiting-time, participant:P07, age-band:65+, -exclude';
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  qp.onDidChangeValue((value) => {
    const { library, studies } = searchableStudies(sift);
    const several = studies.length > 1;
    const results = searchStudies(library, studies, value, { limit: 200, asTyped: true });
    const modelOf = new Map(studies.map((s) => [s.study.id, s.model]));
    qp.items = value.trim() ? results.hits.map((h) => ({ ...itemOf(modelOf.get(h.study)!, h, several ? h.study : undefined), model: modelOf.get(h.study)! })) : [];
    const where = several ? ` in ${results.perStudy.filter((p) => p.total > 0).length} of ${studies.length} studies` : '';
    const unknown = results.problems.filter((p) => !results.query.errors.includes(p));
    qp.title = !value.trim() ? 'Find Highlights' : unknown.length > 0 ? `Find Highlights — ${unknown[0]}` : `Find Highlights — ${results.total} found${where}`;
  });
  qp.onDidAccept(() => {
    const item = qp.selectedItems[0];
    qp.hide();
    if (item) void reveal(item.model, item.id);
  });
  qp.onDidHide(() => qp.dispose());
  qp.show();
}

function itemOf(model: ResearchModel, h: LibraryHit, study: string | undefined): HighlightItem {
  const labels = new Map(model.workspace!.codebook.map((t) => [t.id, t.label]));
  return {
    id: h.id,
    source: h.source,
    label: h.quote,
    description: h.tags.map((t) => labels.get(t) ?? t).join(', '),
    detail: [study, h.speaker, h.source, h.note].filter(Boolean).join(' · '),
    alwaysShow: true,
  };
}

async function showForTag(sift: SiftContext, tagId: string | undefined): Promise<void> {
  const model = await sift.pickModel();
  const ws = model?.workspace;
  if (!model || !ws) return;
  const tag =
    tagId ??
    (
      await vscode.window.showQuickPick(
        ws.codebook.map((t) => ({ label: t.label, description: t.id, id: t.id })),
        { placeHolder: 'Show the highlights of which tag?' },
      )
    )?.id;
  if (!tag) return;
  const ids = [...ws.highlightFiles.values()].flatMap((f) => f.highlights.filter((h) => h.tags.includes(tag)).map((h) => h.id));
  const pick = await vscode.window.showQuickPick(itemsFor(model, ids), { placeHolder: `${ids.length} highlights tagged ${ws.codebook.find((t) => t.id === tag)?.label ?? tag}`, matchOnDetail: true });
  if (pick) await reveal(model, pick.id);
}

/** Opens the transcript of a highlight and selects its words. */
export async function reveal(model: ResearchModel, id: string, show: vscode.TextDocumentShowOptions = { preview: true }): Promise<void> {
  const ws = model.workspace;
  const file = ws && [...ws.highlightFiles.values()].find((f) => f.highlights.some((h) => h.id === id));
  const r = model.study.placeOf(id);
  if (!file) return;
  const doc = await vscode.workspace.openTextDocument(model.fs.uri(file.source));
  const editor = await vscode.window.showTextDocument(doc, show);
  if (!r || r.state === 'orphaned') {
    void vscode.window.showWarningMessage(`Highlight ${id} can no longer be found in ${file.source} (see Problems).`);
    return;
  }
  const range = rangeOf(doc, r.start, r.end);
  // The cursor at the start of the passage, and the start revealed: caption lines (SRT, VTT) are
  // long and not wrapped, and scrolled to the passage's end the editor would cut its words off.
  editor.selection = new vscode.Selection(range.end, range.start);
  editor.revealRange(new vscode.Range(range.start, range.start), vscode.TextEditorRevealType.InCenter);
}
