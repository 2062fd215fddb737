/**
 * Insights in VS Code: the Insights tree, the insight view, and the commands that create and
 * move insights along (New Insight…, Set Insight Status…, Add Recommendation…, Add Evidence,
 * Open Insight). Every change is a core operation (src/core/insights/operations.ts) applied
 * through ResearchModel.change: one undoable edit of insights/<id>.yaml, none in Restricted
 * Mode. Commands take optional arguments (an insight, a statement, a status …) so menus, the
 * board and tests can skip the input boxes and quick picks.
 */
import * as vscode from 'vscode';
import { countOf, describeStrength, evidenceStrength } from '../../../core/insights/evidence';
import { addEvidence, addRecommendation, createInsight, nextStatuses, setInsightStatus } from '../../../core/insights/operations';
import { ActionEditor, registerActions, type ActionField } from './actions';
import { STATUS_LABELS } from '../../../core/insights/view';
import type { Insight, InsightStatus, Recommendation } from '../../../core/model';
import type { Problem } from '../../../core/problems';
import type { EditPlan } from '../../../core/store/plan';
import type { Workspace } from '../../../core/workspace/workspace';
import type { SiftContext } from '../../context';
import { codePointAt } from '../../positions';
import type { ResearchModel } from '../../research-model';
import { InsightPanel, INSIGHT_VIEW_TYPE, type InsightActions } from './insight-panel';
import { evidenceIndexOf, InsightsTree, LEVEL_WORDS, type GroupBy, type InsightsTreeNode } from './insights-tree';
import { firstModel } from '../board';
import { report } from '../tagging';
import { webviewOptions } from '../../webview-panel';
import { ask, currentlyAsking, writable } from '../shared/prompts';

const GROUP_BY_KEY = 'sift.insightsGroupBy';

/** An insight named by a command's caller: its id, or `{ model, id }` (a tree node is one). */
export type InsightTarget = string | { model?: ResearchModel; id: string };

export interface NewInsightArgs {
  statement?: string;
  /** Highlight ids; without them, the highlights under the editor selection, or a theme's. */
  evidence?: string[];
  themes?: string[];
  /** A theme whose highlights become the evidence (the board's "New insight from this theme"). */
  fromTheme?: string;
}

/** What the Insights tree shows, for tests: each group with its insights' rows as VS Code gets them. */
export interface ShownInsights {
  groupBy: GroupBy;
  groups: { label: string; insights: { id: string; label: string; strength: string; level: string; icon: string }[] }[];
}

export function registerInsights(sift: SiftContext): vscode.Disposable {
  const insights = new Insights(sift);
  return vscode.Disposable.from(
    insights,
    registerActions(sift, insights.actions),
    vscode.window.createTreeView('sift.insights', { treeDataProvider: insights.tree, showCollapseAll: true }),
    sift.onDidChange(() => insights.tree.refresh()),
    // Menus pass their own first argument (a document's URI in the editor's context menu): only ours count.
    vscode.commands.registerCommand('sift.newInsight', (args?: unknown) => insights.newInsight(args instanceof vscode.Uri || typeof args !== 'object' || !args ? {} : (args as NewInsightArgs))),
    vscode.commands.registerCommand('sift.setInsightStatus', (target?: unknown, status?: InsightStatus) => insights.setStatusCommand(asTarget(target), status)),
    vscode.commands.registerCommand('sift.addRecommendation', (target?: unknown, action?: string, owner?: string) => insights.addRecommendationCommand(asTarget(target), action, owner)),
    vscode.commands.registerCommand('sift.addEvidence', (target?: unknown, highlights?: unknown) => insights.addEvidenceCommand(asTarget(target), Array.isArray(highlights) ? (highlights as string[]) : undefined)),
    vscode.commands.registerCommand('sift.openInsight', async (target?: unknown) => {
      const found = await insights.resolve(asTarget(target), 'Open which insight?');
      if (found) insights.open(found.model, found.id);
    }),
    vscode.commands.registerCommand('sift.insights.groupByTheme', () => insights.groupBy('theme')),
    vscode.commands.registerCommand('sift.insights.groupByStatus', () => insights.groupBy('status')),
    vscode.window.registerWebviewPanelSerializer(INSIGHT_VIEW_TYPE, {
      // After a window reload VS Code hands back the panel and the webview's state: the insight it showed.
      async deserializeWebviewPanel(panel, state: unknown) {
        const saved = asTarget(state);
        const id = typeof saved === 'object' ? saved.id : undefined;
        const model = id ? await modelWithInsight(sift, id) : undefined;
        if (!model || !id) return panel.dispose();
        panel.webview.options = webviewOptions(sift);
        insights.adopt(new InsightPanel(panel, model, id, sift, insights));
      },
    }),
    // Test build only (src/protocol/test-build.ts): what the insight view and the Insights tree show.
    ...(SIFT_TEST
      ? [
          vscode.commands.registerCommand('sift.insight.rendered', () => insights.panel?.rendered),
          vscode.commands.registerCommand('sift.insights.shown', (): ShownInsights => insights.shown()),
          vscode.commands.registerCommand('sift.insights.asking', () => currentlyAsking()),
        ]
      : []),
  );
}

/** An insight a command was given: an id, or an object with one (`{ model, id }`, a tree node); anything else is none. */
function asTarget(arg: unknown): InsightTarget | undefined {
  if (typeof arg === 'string') return arg;
  return typeof arg === 'object' && arg !== null && typeof (arg as { id?: unknown }).id === 'string' ? (arg as { model?: ResearchModel; id: string }) : undefined;
}

class Insights implements InsightActions, vscode.Disposable {
  readonly tree: InsightsTree;
  /** Recommendations' changes, shared with the Actions view's commands. */
  readonly actions = new ActionEditor();
  panel: InsightPanel | undefined;

  constructor(private readonly sift: SiftContext) {
    const by = sift.extension.workspaceState.get<GroupBy>(GROUP_BY_KEY, 'status');
    this.tree = new InsightsTree(sift, by === 'theme' ? 'theme' : 'status');
    void vscode.commands.executeCommand('setContext', GROUP_BY_KEY, this.tree.groupBy);
  }

  async groupBy(by: GroupBy): Promise<void> {
    this.tree.groupBy = by;
    this.tree.refresh();
    await vscode.commands.executeCommand('setContext', GROUP_BY_KEY, by);
    await this.sift.extension.workspaceState.update(GROUP_BY_KEY, by);
  }

  open(model: ResearchModel, id: string): void {
    if (this.panel) {
      this.panel.show(model, id);
      this.panel.panel.reveal(undefined, false);
    } else this.adopt(InsightPanel.create(this.sift, model, id, this));
  }

  adopt(panel: InsightPanel): void {
    this.panel = panel;
    panel.panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
  }

  // -------------------------------------------------------------------------------------
  // Commands

  async newInsight(args: NewInsightArgs): Promise<string | undefined> {
    if (!writable()) return undefined;
    const selected = args.evidence || args.fromTheme ? undefined : highlightsAtSelection(this.sift);
    const model = selected?.model ?? (args.fromTheme ? modelWithTheme(this.sift, args.fromTheme) : await this.sift.pickModel());
    const ws = model?.workspace;
    if (!model || !ws) return undefined;
    const evidence = [...(args.evidence ?? selected?.ids ?? [])];
    const themes = [...(args.themes ?? [])];
    let fromTheme = args.fromTheme;
    if (!fromTheme && evidence.length === 0 && !args.evidence) {
      fromTheme = await pickTheme(
        ws,
        vscode.window.activeTextEditor && this.sift.transcriptOf(vscode.window.activeTextEditor.document.uri) ? 'No highlight under the selection: build the insight on a theme' : 'Build the insight on the highlights of which theme?',
      );
      if (!fromTheme) return undefined;
    }
    if (fromTheme) {
      const theme = ws.themes.get(fromTheme);
      if (!theme) return void vscode.window.showErrorMessage(`There is no theme ${fromTheme}.`);
      evidence.push(...theme.highlights);
      if (!themes.includes(fromTheme)) themes.push(fromTheme);
    }
    const strength = evidenceStrength(evidenceIndexOf(ws), evidence);
    const statement =
      args.statement ??
      (await ask(
        'New Insight',
        vscode.window.showInputBox({
          title: 'New Insight',
          prompt: `What did you learn? One sentence, backed by ${describeStrength(strength)}${strength.level === 'one-voice' ? ' (one voice so far)' : ''}.`,
          placeHolder: 'e.g. Residents experience silence during long waits as being forgotten.',
          validateInput: (v) => (v.trim() ? undefined : 'An insight needs a statement: one sentence saying what you learned.'),
        }),
      ));
    if (!statement) return undefined;
    let id: string | undefined;
    const problems = await model.change('New insight', async (plan, w) => {
      const created = await createInsight(plan, w, { statement, evidence, themes });
      id = created.id;
      return created.problems;
    });
    if (report(problems) || !id) return undefined;
    this.open(model, id);
    return id;
  }

  async setStatusCommand(target: InsightTarget | undefined, status: InsightStatus | undefined): Promise<void> {
    if (!writable()) return;
    const found = await this.resolve(target, 'Change the status of which insight?');
    const insight = found?.model.workspace?.insights.get(found.id);
    if (!found || !insight) return;
    const next =
      status ??
      (
        await ask(
          'Set Insight Status',
          vscode.window.showQuickPick(
            nextStatuses(insight.status).map((s) => ({ label: STATUS_LABELS[s], description: STATUS_HINTS[s], status: s })),
            { title: `Set Insight Status (now ${STATUS_LABELS[insight.status]})`, placeHolder: 'Move the insight to…' },
          ),
        )
      )?.status;
    if (next) await this.setStatus(found.model, found.id, next);
  }

  async addRecommendationCommand(target: InsightTarget | undefined, action?: string, owner?: string): Promise<void> {
    if (!writable()) return;
    const found = await this.resolve(target, 'Add a recommendation to which insight?');
    if (found) await this.addRecommendation(found.model, found.id, action, owner);
  }

  /** The highlights under the cursor (or given) become evidence of an insight picked in a quick pick (or given). */
  async addEvidenceCommand(target: InsightTarget | undefined, highlights?: string[]): Promise<void> {
    if (!writable()) return;
    const selected = highlights ? undefined : highlightsAtSelection(this.sift);
    const ids = highlights ?? selected?.ids ?? [];
    if (ids.length === 0) return void vscode.window.showInformationMessage('Put the cursor in a highlight of a transcript first: it becomes evidence of the insight you pick.');
    const model = selected?.model ?? (typeof target === 'object' ? target.model : undefined);
    const found = await this.resolve(target, `Add ${countOf(ids.length, 'highlight')} as evidence to which insight?`, model, (i) => ids.some((h) => !i.evidence.includes(h)));
    if (!found) return;
    const done = await this.apply(found.model, 'Add evidence', (plan, ws) => addEvidence(plan, ws, found.id, ids));
    if (done) void vscode.window.setStatusBarMessage(`Sift: ${countOf(ids.length, 'highlight')} added as evidence`, 4000);
  }

  // -------------------------------------------------------------------------------------
  // Changes (also what the insight view asks for)

  async setStatus(model: ResearchModel, id: string, status: InsightStatus): Promise<void> {
    await this.apply(model, 'Set insight status', (plan, ws) => setInsightStatus(plan, ws, id, status));
  }

  async setRecommendationStatus(model: ResearchModel, id: string, index: number, status: Recommendation['status']): Promise<void> {
    await this.actions.setStatus(model, { insight: id, index }, status);
  }

  async editRecommendation(model: ResearchModel, id: string, index: number, field: ActionField): Promise<void> {
    await this.actions.edit(model, { insight: id, index }, field);
  }

  async openOutcomeEvidence(model: ResearchModel, id: string, index: number, ref: string): Promise<void> {
    await this.actions.openEvidence(model, { insight: id, index }, ref);
  }

  async addRecommendation(model: ResearchModel, id: string, givenAction?: string, givenOwner?: string): Promise<void> {
    const statement = model.workspace?.insights.get(id)?.statement ?? id;
    const action =
      givenAction ??
      (await ask(
        'Add Recommendation',
        vscode.window.showInputBox({
          title: 'Add Recommendation (1/2)',
          prompt: `What should be done about: “${statement.length > 80 ? `${statement.slice(0, 79)}…` : statement}”`,
          placeHolder: 'e.g. Send a status update every four weeks while a case is open.',
          validateInput: (v) => (v.trim() ? undefined : 'A recommendation needs an action: what should be done.'),
        }),
      ));
    if (!action) return;
    const owner =
      givenAction !== undefined
        ? givenOwner
        : await ask('Owner', vscode.window.showInputBox({ title: 'Add Recommendation (2/2)', prompt: 'Who owns it? A team or role, never a participant. Leave empty if not agreed yet.', placeHolder: 'e.g. adaptations team' }));
    if (owner === undefined && givenAction === undefined) return;
    await this.apply(model, 'Add recommendation', (plan, ws) => addRecommendation(plan, ws, id, { action, ...(owner ? { owner } : {}) }));
  }

  private async apply(model: ResearchModel, label: string, change: (plan: EditPlan, ws: Workspace) => Promise<Problem[]>): Promise<boolean> {
    return !report(await model.change(label, change));
  }

  // -------------------------------------------------------------------------------------
  // Finding the insight a command is about

  /** The insight named, else the one in the active insight view, else one picked in a quick pick. */
  async resolve(target: InsightTarget | undefined, placeHolder: string, model?: ResearchModel, offer: (insight: Insight) => boolean = () => true): Promise<{ model: ResearchModel; id: string } | undefined> {
    if (typeof target === 'string' || (target && !target.model)) {
      const id = typeof target === 'string' ? target : target.id;
      const owner = await modelWithInsight(this.sift, id);
      if (!owner) void vscode.window.showErrorMessage(`There is no insight ${id}.`);
      return owner && { model: owner, id };
    }
    if (target?.model) return { model: target.model, id: target.id };
    if (this.panel?.panel.active && (!model || model === this.panel.model)) return { model: this.panel.model, id: this.panel.id };
    const chosen = model ?? (await this.sift.pickModel());
    const ws = chosen?.workspace;
    if (!chosen || !ws) return undefined;
    const all = [...ws.insights.values()].filter(offer);
    if (all.length === 0) return void vscode.window.showInformationMessage(ws.insights.size ? 'Every insight already cites these highlights.' : 'There are no insights yet: create one with Sift: New Insight….');
    const index = evidenceIndexOf(ws);
    const pick = await ask(
      'Insights',
      vscode.window.showQuickPick(
        all.map((i) => {
          const s = evidenceStrength(index, i.evidence);
          return { label: i.statement, description: `${STATUS_LABELS[i.status]} · ${LEVEL_WORDS[s.level]}`, detail: describeStrength(s), id: i.id };
        }),
        { title: 'Insights', placeHolder, matchOnDetail: false },
      ),
    );
    return pick && { model: chosen, id: pick.id };
  }

  /** The rows of the Insights tree as VS Code gets them (the test command's answer). */
  shown(): ShownInsights {
    const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
    const icon = (item: vscode.TreeItem) => (item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '');
    return {
      groupBy: this.tree.groupBy,
      groups: this.tree.getChildren().map((group) => ({
        label: label(this.tree.getTreeItem(group)),
        insights: this.tree.getChildren(group).map((node) => {
          const strength = this.tree.getChildren(node).find((d: InsightsTreeNode) => d.kind === 'strength')!;
          const row = this.tree.getTreeItem(strength);
          const id = node.kind === 'insight' ? node.id : '';
          return { id, label: label(this.tree.getTreeItem(node)), strength: label(row), level: String(row.description ?? ''), icon: icon(this.tree.getTreeItem(node)) };
        }),
      })),
    };
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

const STATUS_HINTS: Record<InsightStatus, string> = {
  draft: 'back to the author',
  'in-review': 'ready for the team to challenge',
  accepted: 'the team stands behind it',
  actioned: 'its recommendations are being carried out',
  rejected: 'kept in the history, with the reason in a comment',
};

/** The highlights overlapping the editor's selection (or under the cursor), in text order. */
function highlightsAtSelection(sift: SiftContext): { model: ResearchModel; ids: string[] } | undefined {
  const editor = vscode.window.activeTextEditor;
  const ref = editor && sift.transcriptOf(editor.document.uri);
  if (!editor || !ref) return undefined;
  const start = codePointAt(editor.document, editor.selection.start);
  const end = codePointAt(editor.document, editor.selection.end);
  const ids = sift
    .highlightsOf(ref)
    .filter((p) => p.result && p.result.state !== 'orphaned' && (start === end ? p.result.start <= start && start <= p.result.end : p.result.start < end && p.result.end > start))
    .map((p) => p.highlight.id);
  return { model: ref.model, ids };
}

async function pickTheme(ws: Workspace, placeHolder: string): Promise<string | undefined> {
  const index = evidenceIndexOf(ws);
  const themes = [...ws.themes.values()].sort((a, b) => a.title.localeCompare(b.title));
  if (themes.length === 0) return void vscode.window.showInformationMessage('Select highlighted words in a transcript first, or make a theme on the affinity board.');
  const pick = await ask(
    'Themes',
    vscode.window.showQuickPick(
      themes.map((t) => {
        const s = evidenceStrength(index, t.highlights);
        return { label: t.title, description: `${describeStrength(s)} · ${LEVEL_WORDS[s.level]}`, detail: t.summary, id: t.id };
      }),
      { title: 'New Insight', placeHolder, matchOnDescription: false },
    ),
  );
  return pick?.id;
}

/** The workspace holding an insight; a panel restored after a reload may come before the workspaces have loaded. */
async function modelWithInsight(sift: SiftContext, id: string): Promise<ResearchModel | undefined> {
  await firstModel(sift);
  return sift.models.find((m) => m.workspace?.insights.has(id));
}

function modelWithTheme(sift: SiftContext, id: string): ResearchModel | undefined {
  return sift.models.find((m) => m.workspace?.themes.has(id));
}
