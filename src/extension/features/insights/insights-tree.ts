/**
 * The Insights view: every insight of the open studies, grouped by status (in lifecycle
 * order) or by theme, each with the strength of its evidence underneath, so a one-voice
 * claim is seen as one before anyone acts on it. It follows the files: a reload (an edit, a
 * `git pull`, the CLI) refreshes it.
 */
import * as vscode from 'vscode';
import { SiftTree } from '../shared/sift-tree';
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from '../../../core/actions/recommendation';
import { countOf, describeStrength, evidenceIndex, type EvidenceIndex, type EvidenceStrength } from '../../../core/insights/evidence';
import { derivedOf } from '../../../core/workspace/study-service';
import { groupInsights, STATUS_LABELS, type InsightGroup } from '../../../core/insights/view';
import type { Workspace } from '../../../core/workspace/workspace';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';

export type GroupBy = 'status' | 'theme';

interface GroupNode {
  kind: 'group';
  model: ResearchModel;
  group: InsightGroup;
}

/** An insight in a group; `id` is the insight's, so commands take a node where they take `{ model, id }`. */
export interface InsightNode {
  kind: 'insight';
  model: ResearchModel;
  id: string;
  group: string;
  statement: string;
  strength: EvidenceStrength;
}

interface DetailNode {
  kind: 'strength' | 'recommendations';
  parent: InsightNode;
}

export type InsightsTreeNode = GroupNode | InsightNode | DetailNode;

/** The evidence index of a loaded workspace: the study service's, kept up to date with its writes (the tree asks for it on every refresh). */
export function evidenceIndexOf(ws: Workspace): EvidenceIndex {
  return derivedOf(ws, evidenceIndex);
}

const STATUS_ICONS: Record<string, string> = { draft: 'edit', 'in-review': 'eye', accepted: 'pass', actioned: 'rocket', rejected: 'circle-slash' };

/** How each level of evidence reads, for a row and its tooltip. */
export const LEVEL_WORDS: Record<EvidenceStrength['level'], string> = {
  none: 'no usable evidence',
  'one-voice': 'one voice',
  thin: 'thin: two voices',
  pattern: 'a pattern',
};

export class InsightsTree extends SiftTree<InsightsTreeNode> {
  constructor(
    sift: SiftContext,
    public groupBy: GroupBy,
  ) {
    super(sift);
  }

  getChildren(node?: InsightsTreeNode): InsightsTreeNode[] {
    if (!node) {
      return this.sift.models.flatMap((model) => {
        const ws = model.workspace;
        return ws?.project ? groupInsights(ws, this.groupBy, evidenceIndexOf(ws)).map((group): GroupNode => ({ kind: 'group', model, group })) : [];
      });
    }
    if (node.kind === 'group') return node.group.insights.map((i): InsightNode => ({ kind: 'insight', model: node.model, id: i.id, group: node.group.key, statement: i.statement, strength: i.strength }));
    if (node.kind === 'insight') {
      const recommendations = node.model.workspace?.insights.get(node.id)?.recommendations.length ?? 0;
      return [{ kind: 'strength', parent: node }, ...(recommendations > 0 ? [{ kind: 'recommendations' as const, parent: node }] : [])];
    }
    return [];
  }

  getParent(node: InsightsTreeNode): InsightsTreeNode | undefined {
    if (node.kind === 'insight') return this.getChildren().find((g) => g.kind === 'group' && g.model === node.model && g.group.key === node.group);
    return node.kind === 'group' ? undefined : node.parent;
  }

  getTreeItem(node: InsightsTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group':
        return this.groupItem(node);
      case 'insight':
        return insightItem(node);
      case 'strength':
        return strengthItem(node.parent);
      case 'recommendations':
        return recommendationsItem(node.parent);
    }
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const { group } = node;
    const several = this.sift.models.filter((m) => m.workspace?.project).length > 1;
    const item = new vscode.TreeItem(several ? `${group.label} — ${node.model.folder.name}` : group.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `${node.model.folder.uri.toString()}#${this.groupBy}:${group.key}`;
    item.description = `${group.insights.length}`;
    item.tooltip = countOf(group.insights.length, 'insight');
    item.iconPath = new vscode.ThemeIcon(this.groupBy === 'status' ? (STATUS_ICONS[group.key] ?? 'circle-outline') : group.key ? 'layers' : 'circle-outline');
    item.contextValue = 'insightGroup';
    return item;
  }
}

function insightItem(node: InsightNode): vscode.TreeItem {
  const insight = node.model.workspace?.insights.get(node.id);
  const item = new vscode.TreeItem(node.statement, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `${node.model.folder.uri.toString()}#${node.group}/${node.id}`;
  const warn = node.strength.level === 'one-voice' || node.strength.level === 'none';
  item.iconPath = warn ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('lightbulb');
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(node.statement)}**\n\n`);
  tooltip.appendMarkdown(`${STATUS_LABELS[insight?.status ?? 'draft']}${insight?.confidence ? ` · ${insight.confidence} confidence` : ''}\n\n`);
  tooltip.appendMarkdown(`${warn ? '$(warning) ' : ''}Evidence: ${describeStrength(node.strength)} — ${LEVEL_WORDS[node.strength.level]}`);
  item.tooltip = tooltip;
  item.contextValue = 'insight';
  item.command = { title: 'Open Insight', command: 'sift.openInsight', arguments: [{ model: node.model, id: node.id }] };
  item.accessibilityInformation = { label: `${node.statement}. ${insight ? STATUS_LABELS[insight.status] : ''}. Evidence: ${describeStrength(node.strength)}, ${LEVEL_WORDS[node.strength.level]}.` };
  return item;
}

/** `8 highlights from 6 participants in 5 transcripts`, with the level and a warning for one voice. */
function strengthItem(node: InsightNode): vscode.TreeItem {
  const s = node.strength;
  const count = countOf;
  const item = new vscode.TreeItem(describeStrength(s), vscode.TreeItemCollapsibleState.None);
  item.id = `${node.model.folder.uri.toString()}#${node.group}/${node.id}/strength`;
  item.description = LEVEL_WORDS[s.level];
  const warn = s.level === 'one-voice' || s.level === 'none';
  item.iconPath = warn ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon(s.level === 'thin' ? 'person' : 'organization');
  const notes = [
    s.level === 'one-voice' ? 'All the evidence comes from one participant: one talkative participant is not a pattern.' : '',
    s.level === 'thin' ? 'Only two participants say this so far.' : '',
    s.withdrawn.length ? `${count(s.withdrawn.length, 'cited highlight')} of a participant who withdrew consent ${s.withdrawn.length === 1 ? 'is' : 'are'} left out.` : '',
    s.missing.length ? `${count(s.missing.length, 'cited id')} ${s.missing.length === 1 ? 'is' : 'are'} no highlight any more.` : '',
  ].filter(Boolean);
  item.tooltip = [`Evidence: ${describeStrength(s)}.`, ...notes].join('\n');
  item.command = { title: 'Open Insight', command: 'sift.openInsight', arguments: [{ model: node.model, id: node.id }] };
  return item;
}

function recommendationsItem(node: InsightNode): vscode.TreeItem {
  const list = node.model.workspace?.insights.get(node.id)?.recommendations ?? [];
  const item = new vscode.TreeItem(countOf(list.length, 'recommendation'), vscode.TreeItemCollapsibleState.None);
  item.id = `${node.model.folder.uri.toString()}#${node.group}/${node.id}/recommendations`;
  const counts = new Map<string, number>();
  for (const r of list) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  item.description = ACTION_STATUSES.filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${ACTION_STATUS_LABELS[s].toLowerCase()}`)
    .join(' · ');
  item.tooltip = list.map((r) => `• ${r.action}${r.owner ? ` (${r.owner})` : ''} — ${ACTION_STATUS_LABELS[r.status].toLowerCase()}`).join('\n');
  item.iconPath = new vscode.ThemeIcon('checklist');
  item.command = { title: 'Open Insight', command: 'sift.openInsight', arguments: [{ model: node.model, id: node.id }] };
  return item;
}

/** Text shown as itself inside Markdown (a tooltip). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
