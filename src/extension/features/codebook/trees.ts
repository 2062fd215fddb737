/**
 * The Sift views: the Codebook (hierarchy, colour, highlights per tag; drag a tag onto
 * another to re-parent it), the Transcripts with their coding progress, and the
 * Participants with their attributes.
 */
import { formatShare } from '../../../core/format';
import * as vscode from 'vscode';
import { tagAndDescendants } from '../../../core/codebook/hierarchy';
import type { Tag } from '../../../core/model';
import { computeStats } from '../../../core/stats';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { isStudyNode, SiftTree, studyItem, studyNodes, type StudyNode } from '../shared/sift-tree';
import { report } from '../tagging';
import type { CodebookUndo } from './codebook-undo';
import { movedSummary } from './codebook-commands';

/** Codebook refactors (add, rename, merge, move, recolour, delete), loaded on first use (dist/codebook-refactor.js). */
const refactor = () => require('../../../core/codebook/refactors') as typeof import('../../../core/codebook/refactors');

const TAG_MIME = 'application/vnd.code.tree.sift.codebook';

export interface TagNode {
  kind: 'tag';
  model: ResearchModel;
  tag: Tag;
  tagId: string;
}

export function registerTrees(sift: SiftContext, undo: CodebookUndo): vscode.Disposable {
  const codebook = new CodebookTree(sift, undo);
  const transcripts = new TranscriptsTree(sift);
  const participants = new ParticipantsTree(sift);
  return vscode.Disposable.from(
    vscode.window.createTreeView('sift.codebook', { treeDataProvider: codebook, dragAndDropController: codebook, showCollapseAll: true, canSelectMany: false }),
    vscode.window.createTreeView('sift.transcripts', { treeDataProvider: transcripts }),
    vscode.window.createTreeView('sift.participants', { treeDataProvider: participants, showCollapseAll: true }),
    sift.onDidChange(() => [codebook, transcripts, participants].forEach((t) => t.refresh())),
  );
}

class CodebookTree extends SiftTree<TagNode | StudyNode> implements vscode.TreeDragAndDropController<TagNode | StudyNode> {
  readonly dragMimeTypes = [TAG_MIME];
  readonly dropMimeTypes = [TAG_MIME];

  constructor(
    sift: SiftContext,
    private readonly undo: CodebookUndo,
  ) {
    super(sift);
  }

  getChildren(element?: TagNode | StudyNode): (TagNode | StudyNode)[] {
    if (!element) {
      const studies = studyNodes(this.sift);
      if (studies) return studies;
    }
    const parent = element?.kind === 'tag' ? element : undefined;
    const models = element ? [element.model] : this.sift.models;
    return models.flatMap((model) =>
      (model.workspace?.codebook ?? []).filter((t) => (parent ? t.parent === parent.tag.id : !t.parent || !model.workspace!.codebook.some((p) => p.id === t.parent))).map((tag) => ({ kind: 'tag' as const, model, tag, tagId: tag.id })),
    );
  }

  getTreeItem(node: TagNode | StudyNode): vscode.TreeItem {
    if (node.kind === 'study') return studyItem(node, 'codebook');
    const ws = node.model.workspace!;
    const hasChildren = ws.codebook.some((t) => t.parent === node.tag.id);
    const item = new vscode.TreeItem(node.tag.label, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    const own = countFor(node.model).get(node.tag.id) ?? 0;
    const total = hasChildren ? totalFor(node.model, node.tag.id) : own;
    // A branch shows the highlights in it and below it: "0" on "Service access" would mislead.
    item.description = `${total}`;
    const counted = hasChildren ? `${total} highlights in this branch (${own} tagged with it directly)` : `${own} highlight${own === 1 ? '' : 's'}`;
    item.tooltip = new vscode.MarkdownString(`**${node.tag.label}** (\`${node.tag.id}\`) — ${counted}\n\n${node.tag.description ?? ''}`);
    item.iconPath = swatch(node.tag.color);
    item.contextValue = 'tag';
    item.id = `${node.model.folder.uri.toString()}#${node.tag.id}`;
    item.command = { title: 'Show highlights', command: 'sift.showHighlightsForTag', arguments: [node.tag.id] };
    return item;
  }

  handleDrag(source: readonly (TagNode | StudyNode)[], data: vscode.DataTransfer): void {
    data.set(TAG_MIME, new vscode.DataTransferItem(source.flatMap((s) => (s.kind === 'tag' ? [s.tag.id] : []))));
  }

  async handleDrop(onto: TagNode | StudyNode | undefined, data: vscode.DataTransfer): Promise<void> {
    const ids = data.get(TAG_MIME)?.value as string[] | undefined;
    // Dropped on a study: to the top of its codebook.
    const target = onto?.kind === 'tag' ? onto : undefined;
    const model = onto?.model ?? this.sift.models[0];
    if (!ids || !model) return;
    for (const id of ids) {
      if (id === target?.tag.id) continue;
      report(await model.change('Move tag', (plan, ws) => refactor().moveTag(plan, ws, id, target?.tag.id), this.undo.recording(model, movedSummary(model, id, target?.tag.id))));
    }
  }
}

const counts = new WeakMap<object, Map<string, number>>();

/** Highlights per tag, computed once per loaded workspace. */
function countFor(model: ResearchModel): Map<string, number> {
  const ws = model.workspace!;
  let c = counts.get(ws);
  if (!c) {
    c = new Map();
    for (const f of ws.highlightFiles.values()) for (const h of f.highlights) for (const t of new Set(h.tags)) c.set(t, (c.get(t) ?? 0) + 1);
    counts.set(ws, c);
  }
  return c;
}

/** Distinct highlights tagged with a tag or any tag below it. */
function totalFor(model: ResearchModel, tagId: string): number {
  const ws = model.workspace!;
  const branch = tagAndDescendants(ws.codebook, tagId);
  let n = 0;
  for (const f of ws.highlightFiles.values()) for (const h of f.highlights) if (h.tags.some((t) => branch.has(t))) n++;
  return n;
}

/** A round colour swatch as an SVG data URI (tree icons cannot take arbitrary colours otherwise). */
function swatch(color: string | undefined): vscode.Uri | vscode.ThemeIcon {
  if (!color) return new vscode.ThemeIcon('tag');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="5" fill="${color}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}

interface TranscriptNode {
  model: ResearchModel;
  path: string;
}

class TranscriptsTree extends SiftTree<TranscriptNode | StudyNode> {
  getChildren(element?: TranscriptNode | StudyNode): (TranscriptNode | StudyNode)[] {
    if (element && !isStudyNode(element)) return [];
    const studies = element ? undefined : studyNodes(this.sift);
    if (studies) return studies;
    const models = element ? [element.model] : this.sift.models;
    return models.flatMap((model) => [...(model.workspace?.transcripts.keys() ?? [])].sort().map((path) => ({ model, path })));
  }

  getTreeItem(node: TranscriptNode | StudyNode): vscode.TreeItem {
    if (isStudyNode(node)) return studyItem(node, 'transcripts');
    const stats = statsFor(node.model).get(node.path);
    const item = new vscode.TreeItem(node.path.split('/').pop()!, vscode.TreeItemCollapsibleState.None);
    const kind = node.model.workspace?.transcripts.get(node.path)?.meta.kind;
    item.description = [stats?.participant, kind, stats && `${stats.highlights} · ${formatShare(stats.coverage)}`].filter(Boolean).join(' · ');
    item.tooltip = `${node.path}\n${stats?.highlights ?? 0} highlights covering ${formatShare(stats?.coverage ?? 0)} of the text`;
    item.resourceUri = node.model.fs.uri(node.path);
    item.iconPath = new vscode.ThemeIcon(kind === 'diary' ? 'notebook' : kind === 'focus-group' ? 'organization' : kind === 'survey' ? 'table' : 'comment-discussion');
    item.command = { title: 'Open', command: 'vscode.open', arguments: [node.model.fs.uri(node.path)] };
    return item;
  }
}

const statsCache = new WeakMap<object, Map<string, ReturnType<typeof computeStats>['transcripts'][number]>>();

export function statsFor(model: ResearchModel): Map<string, ReturnType<typeof computeStats>['transcripts'][number]> {
  const ws = model.workspace!;
  let s = statsCache.get(ws);
  if (!s) {
    s = new Map(computeStats(ws).transcripts.map((t) => [t.path, t]));
    statsCache.set(ws, s);
  }
  return s;
}

interface ParticipantNode {
  model: ResearchModel;
  id: string;
  attribute?: [string, string];
}

class ParticipantsTree extends SiftTree<ParticipantNode | StudyNode> {
  getChildren(element?: ParticipantNode | StudyNode): (ParticipantNode | StudyNode)[] {
    if (isStudyNode(element)) return (element.model.workspace?.participants ?? []).map((p) => ({ model: element.model, id: p.id }));
    if (!element) {
      const studies = studyNodes(this.sift);
      if (studies) return studies;
    }
    if (element?.attribute) return [];
    if (element) {
      const p = element.model.workspace?.participants.find((x) => x.id === element.id);
      const rows: [string, string][] = Object.entries(p?.attributes ?? {}).map(([k, v]) => [k, String(v)]);
      if (p?.consent) rows.push(['consent', `${p.consent.scope} (by ${p.consent.by}${p.consent.date ? `, ${p.consent.date}` : ''})`]);
      return rows.map((attribute) => ({ ...element, attribute }));
    }
    return this.sift.models.flatMap((model) => (model.workspace?.participants ?? []).map((p) => ({ model, id: p.id })));
  }

  getTreeItem(node: ParticipantNode | StudyNode): vscode.TreeItem {
    if (isStudyNode(node)) return studyItem(node, 'participants');
    if (node.attribute) {
      const item = new vscode.TreeItem(node.attribute[0], vscode.TreeItemCollapsibleState.None);
      item.description = node.attribute[1];
      return item;
    }
    const p = node.model.workspace?.participants.find((x) => x.id === node.id);
    const item = new vscode.TreeItem(node.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = Object.values(p?.attributes ?? {})
      .slice(0, 3)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon(p?.consent?.scope === 'withdrawn' ? 'circle-slash' : 'person');
    return item;
  }
}
