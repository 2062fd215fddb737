/**
 * Recommendations as actions in VS Code: the Actions view (every study's recommendations
 * grouped by status, overdue ones marked, the roll-up on top) and the changes a team makes as
 * work goes on — status (a decline asks why), owner, due date, and the outcome with its
 * measure and evidence. The insight view asks for the same changes through `ActionEditor`,
 * so a change reads and is checked the same wherever it starts. Every change is one undoable
 * edit of the insight's file (src/core/actions/operations.ts), none in Restricted Mode.
 */
import * as vscode from 'vscode';
import { describeRollup, listActions, rollUp, type ActionItem } from '../../../core/actions/list';
import { findAction, updateAction, type ActionChange, type ActionRef } from '../../../core/actions/operations';
import { ACTION_STATUS_LABELS, ACTION_STATUSES, evidenceKind, isIsoDate, parseMeasure } from '../../../core/actions/recommendation';
import { describeMeasure } from '../../../core/actions/view';
import type { RecommendationStatus } from '../../../core/model';
import { today } from '../../clock';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { ask, writable } from '../shared/prompts';
import { reveal } from '../navigation';
import { escapeMarkdown } from './insights-tree';
import { SiftTree } from '../shared/sift-tree';
import { report } from '../tagging';

export type ActionField = 'owner' | 'due' | 'outcome';

/** An action named by a command's caller: `<insight>#<n>`, or `{ model, insight, index }` (a tree row is one). */
type ActionTarget = string | { model?: ResearchModel; insight: string; index: number };

/** What the Actions view shows, for tests: the roll-up and each group's rows as VS Code gets them. */
export interface ShownActions {
  message: string;
  groups: { label: string; description: string; actions: { id: string; label: string; description: string; icon: string }[] }[];
}

const STATUS_ICONS: Record<RecommendationStatus, string> = { proposed: 'lightbulb', agreed: 'thumbsup', 'in-progress': 'play-circle', done: 'pass', declined: 'circle-slash' };

const STATUS_HINTS: Record<RecommendationStatus, string> = {
  proposed: 'suggested by the research, not yet agreed',
  agreed: 'the owner has agreed to do it',
  'in-progress': 'work has started',
  done: 'carried out: record what changed',
  declined: 'not being done: say why',
};

/** Asks for and applies the changes of an action. */
export class ActionEditor {
  /** Sets the status; a decline asks for its reason (or takes `reason`), done without an outcome offers to record one. */
  async setStatus(model: ResearchModel, ref: ActionRef, status?: RecommendationStatus, reason?: string): Promise<void> {
    if (!writable()) return;
    const r = model.workspace?.insights.get(ref.insight)?.recommendations[ref.index];
    if (!r) return;
    const next =
      status ??
      (
        await ask(
          'Set Action Status',
          vscode.window.showQuickPick(
            ACTION_STATUSES.map((s) => ({ label: ACTION_STATUS_LABELS[s], description: s === r.status ? 'now' : STATUS_HINTS[s], status: s })),
            { title: `Set Action Status: ${short(r.action)}`, placeHolder: `Now ${ACTION_STATUS_LABELS[r.status].toLowerCase()}. Move it to…` },
          ),
        )
      )?.status;
    if (!next) return;
    let why = reason;
    if (next === 'declined' && why === undefined) {
      why = await ask(
        'Reason',
        vscode.window.showInputBox({
          title: `Decline: ${short(r.action)}`,
          prompt: 'Why is it not being done? The reason stays with the recommendation, so the decision can be understood later.',
          value: r.status === 'declined' ? (r.reason ?? '') : '',
          validateInput: (v) => (v.trim() ? undefined : 'A declined recommendation needs a reason.'),
        }),
      );
      if (why === undefined) return;
    }
    const problems = await this.apply(model, ref, 'Set action status', { status: next, ...(why !== undefined ? { reason: why } : {}) });
    if (problems?.some((p) => p.code === 'done-without-outcome')) {
      void vscode.window.showWarningMessage(`“${short(r.action)}” is done. What changed as a result? The report shows outcomes with their measures.`, 'Record Outcome…').then((choice) => {
        if (choice) void this.edit(model, ref, 'outcome');
      });
    }
  }

  /** Asks for a new owner, due date or outcome (or takes `value`: text, or for an outcome its three lines). */
  async edit(model: ResearchModel, ref: ActionRef, field: ActionField, value?: string | string[]): Promise<void> {
    if (!writable()) return;
    const r = model.workspace?.insights.get(ref.insight)?.recommendations[ref.index];
    if (!r) return;
    let change: ActionChange | undefined;
    if (field === 'owner') {
      const owner =
        typeof value === 'string'
          ? value
          : await ask(
              'Owner',
              vscode.window.showInputBox({ title: `Owner: ${short(r.action)}`, prompt: 'Who owns it? A team or role, never a participant. Leave empty to remove.', value: r.owner ?? '', placeHolder: 'e.g. adaptations team' }),
            );
      if (owner !== undefined) change = { owner };
    } else if (field === 'due') {
      const due =
        typeof value === 'string'
          ? value
          : await ask(
              'Due',
              vscode.window.showInputBox({
                title: `Due date: ${short(r.action)}`,
                prompt: 'When is it due? YYYY-MM-DD; leave empty to remove.',
                value: r.due ?? '',
                placeHolder: 'e.g. 2026-09-30',
                validateInput: (v) => (!v.trim() || isIsoDate(v.trim()) ? undefined : 'Write a day of the calendar as YYYY-MM-DD, e.g. 2026-09-30.'),
              }),
            );
      if (due !== undefined) change = { due };
    } else {
      change = await this.askOutcome(r, Array.isArray(value) ? value : undefined);
    }
    if (change) await this.apply(model, ref, `Edit action ${field}`, change);
  }

  /** Three steps: what changed, the measure on one line, the evidence. */
  private async askOutcome(r: { action: string; outcome?: { change: string; measure?: { name: string; before: number; after: number; unit?: string }; evidence: readonly string[] } }, given?: string[]): Promise<ActionChange | undefined> {
    const o = r.outcome;
    const measureText = o?.measure ? `${o.measure.name}: ${o.measure.before} → ${o.measure.after}${o.measure.unit ? ` ${o.measure.unit}` : ''}` : '';
    const step = (n: number, what: string, options: vscode.InputBoxOptions) => (given ? Promise.resolve(given[n - 1] ?? '') : ask(what, vscode.window.showInputBox({ ...options, title: `Record Outcome (${n}/3): ${short(r.action)}` })));
    const change = await step(1, 'Outcome', { prompt: 'What changed as a result? One or two sentences.', value: o?.change ?? '', validateInput: (v) => (v.trim() ? undefined : 'Say what changed.') });
    if (change === undefined) return undefined;
    const measure = await step(2, 'Measure', {
      prompt: 'A measure before and after, if there is one: what: before → after unit. Leave empty if none.',
      value: measureText,
      placeHolder: 'e.g. average wait for a major adaptation: 183 → 52 days',
      validateInput: (v) => (!v.trim() || parseMeasure(v) ? undefined : 'Write it as: what was measured: before → after unit (e.g. average wait: 183 → 52 days).'),
    });
    if (measure === undefined) return undefined;
    const evidence = await step(3, 'Evidence', { prompt: 'The evidence of it, separated by commas: web addresses, files of the study (outcomes/waits.csv), later highlights (h-…).', value: o?.evidence.join(', ') ?? '' });
    if (evidence === undefined) return undefined;
    const parsed = measure.trim() ? parseMeasure(measure) : undefined;
    return {
      outcome: {
        change,
        ...(parsed ? { measure: parsed } : {}),
        evidence: evidence
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean),
      },
    };
  }

  /** Opens a piece of an outcome's evidence the recommendation cites: a web address, a file of the study, a highlight. */
  async openEvidence(model: ResearchModel, ref: ActionRef, item: string): Promise<void> {
    const r = model.workspace?.insights.get(ref.insight)?.recommendations[ref.index];
    if (!r?.outcome?.evidence.includes(item)) return; // only what the file cites: the view cannot open anything else
    const kind = evidenceKind(item);
    if (kind === 'link') {
      if (/^https?:\/\//i.test(item)) await vscode.env.openExternal(vscode.Uri.parse(item)); // never another scheme (`command:`, `file:`)
    } else if (kind === 'highlight') await reveal(model, item, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false, preview: true });
    else await vscode.window.showTextDocument(model.fs.uri(item), { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }

  private async apply(model: ResearchModel, ref: ActionRef, label: string, change: ActionChange) {
    const problems = await model.change(label, (plan, ws) => updateAction(plan, ws, ref, change));
    return report(problems) ? undefined : problems;
  }
}

type ActionsNode = { kind: 'group'; model: ResearchModel; status: RecommendationStatus; items: ActionItem[] } | { kind: 'action'; model: ResearchModel; item: ActionItem };

/** Every open study's recommendations, grouped by status in lifecycle order, overdue ones marked. */
export class ActionsTree extends SiftTree<ActionsNode> {
  getChildren(node?: ActionsNode): ActionsNode[] {
    if (node) return node.kind === 'group' ? node.items.map((item): ActionsNode => ({ kind: 'action', model: node.model, item })) : [];
    const day = today();
    return this.sift.models.flatMap((model) => {
      const ws = model.workspace;
      if (!ws?.project) return [];
      const all = listActions(ws, day);
      return ACTION_STATUSES.map((status): ActionsNode => ({ kind: 'group', model, status, items: all.filter((a) => a.recommendation.status === status) })).filter((g) => g.kind === 'group' && g.items.length > 0);
    });
  }

  getTreeItem(node: ActionsNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const several = this.sift.models.filter((m) => m.workspace?.project).length > 1;
      const item = new vscode.TreeItem(several ? `${ACTION_STATUS_LABELS[node.status]} — ${node.model.folder.name}` : ACTION_STATUS_LABELS[node.status], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${node.model.folder.uri.toString()}#actions:${node.status}`;
      const overdue = node.items.filter((a) => a.overdue).length;
      item.description = `${node.items.length}${overdue > 0 ? ` · ${overdue} overdue` : ''}`;
      item.iconPath = new vscode.ThemeIcon(STATUS_ICONS[node.status]);
      return item;
    }
    const { item: a, model } = node;
    const r = a.recommendation;
    const row = new vscode.TreeItem(r.action, vscode.TreeItemCollapsibleState.None);
    row.id = `${model.folder.uri.toString()}#action:${a.id}`;
    row.description = [r.owner ?? 'no owner yet', ...(r.due ? [a.overdue ? `overdue since ${r.due}` : `due ${r.due}`] : []), ...(r.outcome?.measure ? [describeMeasure(r.outcome.measure)] : [])].join(' · ');
    row.iconPath = a.overdue ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon(STATUS_ICONS[r.status]);
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendText(r.action);
    tip.appendMarkdown(`\n\n**${ACTION_STATUS_LABELS[r.status]}**${a.overdue ? ' · $(warning) overdue' : ''}${r.owner ? ` · ${escapeMarkdown(r.owner)}` : ''}${r.due ? ` · due ${r.due}` : ''}\n\n`);
    if (r.reason) tip.appendText(`Declined: ${r.reason}\n\n`);
    if (r.outcome) tip.appendText(`What changed: ${r.outcome.change}${r.outcome.measure ? `\n\n${describeMeasure(r.outcome.measure)}` : ''}\n\n`);
    tip.appendText(`From the insight: ${a.insight.statement}`);
    row.tooltip = tip;
    row.contextValue = 'action';
    row.command = { title: 'Open Insight', command: 'sift.openInsight', arguments: [{ model, id: a.insight.id }] };
    row.accessibilityInformation = { label: `${r.action}. ${ACTION_STATUS_LABELS[r.status]}${a.overdue ? ', overdue' : ''}. ${row.description}.` };
    return row;
  }

  /** `4 of 8 recommendations done, 2 in progress, 1 agreed, 1 declined; 1 overdue.` over the open studies. */
  message(): string {
    const day = today();
    const all = this.sift.models.flatMap((m) => (m.workspace?.project ? listActions(m.workspace, day) : []));
    return all.length > 0 ? describeRollup(rollUp(all)) : '';
  }
}

export function registerActions(sift: SiftContext, editor: ActionEditor): vscode.Disposable {
  const tree = new ActionsTree(sift);
  const view = vscode.window.createTreeView('sift.actions', { treeDataProvider: tree, showCollapseAll: true });
  const refresh = () => {
    tree.refresh();
    view.message = tree.message() || undefined;
  };
  refresh();
  const resolve = async (target: unknown): Promise<{ model: ResearchModel; ref: ActionRef } | undefined> => {
    const node = target as Partial<ActionsNode> | undefined;
    if (node?.kind === 'action' && node.model && node.item) return { model: node.model, ref: { insight: node.item.insight.id, index: node.item.index } };
    if (typeof target === 'object' && target && typeof (target as { insight?: unknown }).insight === 'string') {
      const t = target as Exclude<ActionTarget, string>;
      const model = t.model ?? sift.models.find((m) => m.workspace?.insights.has(t.insight));
      return model && { model, ref: { insight: t.insight, index: t.index } };
    }
    if (typeof target === 'string') {
      for (const model of sift.models) {
        const found = model.workspace ? findAction(model.workspace, target) : {};
        if (found.ref) return { model, ref: found.ref };
      }
      void vscode.window.showErrorMessage(`There is no action ${target}: actions are named <insight>#<n>, as the Actions view and \`sift actions\` list them.`);
      return undefined;
    }
    return pickAction(sift);
  };
  return vscode.Disposable.from(
    view,
    sift.onDidChange(refresh),
    vscode.commands.registerCommand('sift.setActionStatus', async (target?: unknown, status?: RecommendationStatus, reason?: string) => {
      const found = await resolve(target);
      if (found) await editor.setStatus(found.model, found.ref, status, reason);
    }),
    vscode.commands.registerCommand('sift.editAction', async (target?: unknown, field?: ActionField, value?: string | string[]) => {
      const found = await resolve(target);
      if (!found) return;
      const what =
        field ??
        (
          await ask(
            'Edit Action',
            vscode.window.showQuickPick(
              [
                { label: 'Owner', field: 'owner' as const },
                { label: 'Due date', field: 'due' as const },
                { label: 'Outcome', description: 'what changed, a measure before and after, the evidence', field: 'outcome' as const },
              ],
              { title: 'Edit Action', placeHolder: 'Change what?' },
            ),
          )
        )?.field;
      if (what) await editor.edit(found.model, found.ref, what, value);
    }),
    // Test build only (src/protocol/test-build.ts): what the Actions view shows.
    ...(SIFT_TEST ? [vscode.commands.registerCommand('sift.actions.shown', (): ShownActions => shown(tree))] : []),
  );
}

async function pickAction(sift: SiftContext): Promise<{ model: ResearchModel; ref: ActionRef } | undefined> {
  const model = await sift.pickModel();
  const ws = model?.workspace;
  if (!model || !ws) return undefined;
  const all = listActions(ws, today());
  if (all.length === 0) return void vscode.window.showInformationMessage('There are no recommendations yet: add one to an insight with Sift: Add Recommendation….');
  const pick = await ask(
    'Actions',
    vscode.window.showQuickPick(
      all.map((a) => ({ label: a.recommendation.action, description: `${ACTION_STATUS_LABELS[a.recommendation.status]}${a.overdue ? ' · overdue' : ''}${a.recommendation.owner ? ` · ${a.recommendation.owner}` : ''}`, detail: a.id, a })),
      { title: 'Actions', placeHolder: 'Which recommendation?' },
    ),
  );
  return pick && { model, ref: { insight: pick.a.insight.id, index: pick.a.index } };
}

function shown(tree: ActionsTree): ShownActions {
  const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
  const icon = (item: vscode.TreeItem) => (item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '');
  return {
    message: tree.message(),
    groups: tree.getChildren().map((g) => {
      const item = tree.getTreeItem(g);
      return {
        label: label(item),
        description: String(item.description ?? ''),
        actions: tree.getChildren(g).map((a) => {
          const row = tree.getTreeItem(a);
          return { id: a.kind === 'action' ? a.item.id : '', label: label(row), description: String(row.description ?? ''), icon: icon(row) };
        }),
      };
    }),
  };
}

function short(action: string): string {
  return action.length > 50 ? `${action.slice(0, 49).trimEnd()}…` : action;
}
