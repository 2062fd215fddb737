/**
 * The insight view: one webview panel showing one insight — statement, status, evidence
 * strength, the quotes with who said them, the recommendations — and taking the few changes
 * a review needs (status, a recommendation's status, owner, due date and outcome, a new
 * recommendation). Like the Markdown
 * preview, there is one panel; opening another insight shows it there. It follows the files:
 * every reload sends the insight again, so an edit in the YAML or a `git pull` shows at once.
 */
import * as vscode from 'vscode';
import { insightMessage, insightView } from '../../../core/insights/view';
import type { InsightStatus, Recommendation } from '../../../core/model';
import { parseWebviewMessage, type HostMessage, type RenderedMessage, type RenderedReport, type WebviewMessage } from '../../../protocol/insight';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { SiftPanel, webviewOptions } from '../../webview-panel';
import { today } from '../../clock';
import type { ActionField } from './actions';
import { evidenceIndexOf } from './insights-tree';
import { reveal } from '../navigation';

export const INSIGHT_VIEW_TYPE = 'sift.insight';

/** What the panel asks of the commands (which hold the input boxes and quick picks). */
export interface InsightActions {
  setStatus(model: ResearchModel, id: string, status: InsightStatus): Promise<void>;
  setRecommendationStatus(model: ResearchModel, id: string, index: number, status: Recommendation['status']): Promise<void>;
  editRecommendation(model: ResearchModel, id: string, index: number, field: ActionField): Promise<void>;
  openOutcomeEvidence(model: ResearchModel, id: string, index: number, ref: string): Promise<void>;
  addRecommendation(model: ResearchModel, id: string): Promise<void>;
}

export class InsightPanel extends SiftPanel<WebviewMessage | RenderedMessage, HostMessage, RenderedReport> {
  /** The last message posted, as JSON. */
  private lastSent: string | undefined;
  private modelSubscription: vscode.Disposable | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    public model: ResearchModel,
    public id: string,
    sift: SiftContext,
    private readonly actions: InsightActions,
  ) {
    super(panel, sift, { entry: 'insight', name: 'Insight view', title: 'Insight', parse: parseWebviewMessage });
    this.follow(model);
    this.disposables.push({ dispose: () => this.modelSubscription?.dispose() });
    this.updateTitle();
  }

  protected refresh(): void {
    this.send();
  }

  /** Shows another insight in this panel. */
  show(model: ResearchModel, id: string): void {
    if (model !== this.model) this.follow(model);
    this.id = id;
    if (SIFT_TEST) this.rendered = undefined;
    this.lastSent = undefined;
    this.updateTitle();
    this.send();
  }

  /** Follows the workspace of the insight shown (one panel shows insights of any open workspace). */
  protected override follow(model: ResearchModel): vscode.Disposable {
    this.modelSubscription?.dispose();
    this.model = model;
    this.modelSubscription = model.onDidChange(() => {
      this.updateTitle();
      this.send();
    });
    return this.modelSubscription;
  }

  protected async handle(m: WebviewMessage | RenderedMessage): Promise<void> {
    // Test build only (src/protocol/test-build.ts): the product's parser never lets this message through.
    if (SIFT_TEST && m.type === 'rendered') return void (this.rendered = m.report);
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.lastSent = undefined;
        return this.send();
      case 'reveal':
        return reveal(this.model, m.id, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false, preview: true });
      case 'setStatus':
        return this.actions.setStatus(this.model, this.id, m.status);
      case 'setRecommendationStatus':
        await this.actions.setRecommendationStatus(this.model, this.id, m.index, m.status);
        return this.resend();
      case 'editRecommendation':
        await this.actions.editRecommendation(this.model, this.id, m.index, m.field);
        return this.resend();
      case 'openOutcomeEvidence':
        return this.actions.openOutcomeEvidence(this.model, this.id, m.index, m.ref);
      case 'addRecommendation':
        return this.actions.addRecommendation(this.model, this.id);
      case 'openFile': {
        const insight = this.model.workspace?.insights.get(this.id);
        if (insight) await vscode.window.showTextDocument(this.model.fs.uri(insight.path), { viewColumn: vscode.ViewColumn.Beside, preview: true });
        return;
      }
    }
  }

  /** Shows the file's values again even when nothing changed (a decline whose reason was not given leaves the dropdown showing it). */
  private resend(): void {
    this.lastSent = undefined;
    this.send();
  }

  private send(): void {
    if (!this.ready) return;
    const ws = this.model.workspace;
    const insight = ws?.insights.get(this.id);
    if (!ws || !insight) return this.post({ type: 'gone', id: this.id });
    const view = insightView(ws, insight, today(), evidenceIndexOf(ws));
    const used = new Set(view.evidence.flatMap((q) => q.tags));
    const tags = ws.codebook.filter((t) => used.has(t.id)).map((t) => ({ id: t.id, label: t.label, ...(t.color ? { color: t.color } : {}) }));
    this.post(insightMessage(view, tags, vscode.workspace.isTrusted));
  }

  /** Posts a message unless the view shows it already: most reloads (a transcript saved, a tag added) leave the insight as it was, and a re-render would lose the reader's focus. */
  protected override post(message: HostMessage): void {
    const json = JSON.stringify(message);
    if (json === this.lastSent) return;
    this.lastSent = json;
    super.post(message);
  }

  private updateTitle(): void {
    const statement = this.model.workspace?.insights.get(this.id)?.statement;
    this.panel.title = statement ? `Insight: ${statement.length > 40 ? `${statement.slice(0, 39).trimEnd()}…` : statement}` : 'Insight';
  }

  dispose(): void {
    this.panel.dispose();
  }

  static create(sift: SiftContext, model: ResearchModel, id: string, actions: InsightActions): InsightPanel {
    const panel = vscode.window.createWebviewPanel(INSIGHT_VIEW_TYPE, 'Insight', { viewColumn: vscode.ViewColumn.Active }, webviewOptions(sift));
    return new InsightPanel(panel, model, id, sift, actions);
  }
}
