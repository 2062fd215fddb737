/**
 * One journey map: a webview panel over journeys/<id>.yaml. The panel is a view; each
 * change is an intent the webview sends, checked against the protocol and applied through
 * the core's journey operations (one undoable edit, refused in Restricted Mode); the
 * reload that follows — or any edit of the file on disk — sends a new snapshot.
 */
import { formatSentiment } from '../../../core/format';
import * as vscode from 'vscode';
import { evidenceIndex, type EvidenceIndex } from '../../../core/insights/evidence';
import { derivedOf } from '../../../core/workspace/study-service';
import { journeySnapshot, poolWindow } from '../../../core/journeys/messages';
import { addStage, assignToStage, removeFromJourney } from '../../../core/journeys/operations';
import { journeyPool } from '../../../core/journeys/pool';
import type { Journey } from '../../../core/model';
import type { Problem } from '../../../core/problems';
import type { EditPlan } from '../../../core/store/plan';
import type { Workspace } from '../../../core/workspace/workspace';
import { parseUiState, parseWebviewMessage, SENTIMENTS, sentimentLabel, signed, type HostMessage, type PoolFilter, type RenderedMessage, type RenderedReport, type WebviewMessage } from '../../../protocol/journey';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { SiftPanel } from '../../webview-panel';
import { reveal } from '../navigation';
import { passageContextOf } from '../shared/passage-context';
import { report } from '../tagging';

export const JOURNEY_VIEW_TYPE = 'sift.journey';

/** Sentiment proposals (the VADER lexicon, about 110 KB), loaded the first time a journey has a quote without a sentiment (dist/sentiment.js). */
const sentimentProposals = () => require('../../../core/assist/sentiment-journey') as typeof import('../../../core/assist/sentiment-journey');

export class JourneyPanel extends SiftPanel<WebviewMessage | RenderedMessage, HostMessage, RenderedReport> {
  private filter: PoolFilter = {};
  private revision = 0;
  private pool: string[] = [];
  private evidence: EvidenceIndex | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    readonly model: ResearchModel,
    readonly journeyId: string,
    sift: SiftContext,
  ) {
    super(panel, sift, { entry: 'journey', name: 'Journey map', title: 'Journey map', parse: parseWebviewMessage });
    this.setTitle();
    this.follow(model);
  }

  protected refresh(): void {
    this.sendSnapshot();
  }

  private get journey(): Journey | undefined {
    return this.model.workspace?.journeys.get(this.journeyId);
  }

  protected async handle(m: WebviewMessage | RenderedMessage): Promise<void> {
    // Test build only (src/protocol/test-build.ts): the product's parser never lets this message through.
    if (SIFT_TEST && m.type === 'rendered') return void (this.rendered = m.report);
    switch (m.type) {
      case 'ready': {
        const state = m.state && parseUiState(m.state);
        if (state && state.journey === this.journeyId) this.filter = state.filter;
        this.ready = true;
        return this.sendSnapshot();
      }
      case 'filter':
        this.filter = m.filter;
        return this.sendSnapshot();
      case 'requestPool':
        if (this.evidence && m.revision === this.revision) this.post(poolWindow(this.evidence, this.pool, this.revision, m.start, m.count));
        return;
      case 'assign':
        return this.apply('Put a quote on the journey', (plan, ws) => assignToStage(plan, ws, this.journeyId, m.highlight, m.stage, m.sentiment));
      case 'remove':
        return this.apply('Take a quote off the journey', (plan, ws) => removeFromJourney(plan, ws, this.journeyId, m.highlight));
      case 'pickStage': {
        const stage = await pickStage(this.journey, { exclude: m.from, title: m.from === null ? 'Put the quote under which stage?' : 'Move the quote to which stage?' });
        if (stage) return this.apply('Put a quote on the journey', (plan, ws) => assignToStage(plan, ws, this.journeyId, m.highlight, stage));
        return;
      }
      case 'pickSentiment': {
        const current = this.journey?.stages.find((s) => s.id === m.stage)?.highlights.find((h) => h.id === m.highlight)?.sentiment;
        const sentiment = await pickSentiment(current);
        if (sentiment !== undefined) return this.apply('Change sentiment', (plan, ws) => assignToStage(plan, ws, this.journeyId, m.highlight, m.stage, sentiment));
        return;
      }
      case 'dismissProposal':
        return this.apply('Dismiss sentiment proposal', (plan, ws) => sentimentProposals().dismissSentimentProposal(plan, ws, this.journeyId, m.highlight));
      case 'addStage':
        return addStageInteractively(this.model, this.journeyId);
      case 'context': {
        const context = await passageContextOf(this.model, m.id, this.evidence?.byId.get(m.id)?.quotable ?? true);
        if (context) this.post({ type: 'context', context });
        return;
      }
      // "Open in Editor" of the peek: always the one group beside the panel, reused.
      case 'reveal':
        return reveal(this.model, m.id, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
    }
  }

  private async apply(label: string, change: (plan: EditPlan, ws: Workspace) => Promise<Problem[]>): Promise<void> {
    const problems = await this.model.change(label, change);
    if (report(problems)) this.post({ type: 'notice', level: 'error', message: problems.map((p) => p.message).join(' ') });
  }

  private setTitle(): void {
    this.panel.title = `Journey — ${this.journey?.title ?? this.journeyId}`;
  }

  private sendSnapshot(): void {
    const ws = this.model.workspace;
    if (!ws) return;
    const journey = this.journey;
    this.setTitle();
    if (!journey) return this.post({ type: 'gone', title: this.journeyId });
    this.evidence = derivedOf(ws, evidenceIndex);
    this.pool = journeyPool(ws, journey, this.filter, { evidence: this.evidence, ...(this.filter.text?.trim() ? { search: this.model.search() } : {}) });
    this.revision++;
    const unrated = journey.stages.some((s) => s.highlights.some((h) => h.sentiment === undefined && h.proposal !== 'dismissed'));
    const proposals = unrated ? sentimentProposals().proposalViews(sentimentProposals().journeySentimentProposals(journey, this.evidence)) : undefined;
    this.post(journeySnapshot(ws, journey, { revision: this.revision, filter: this.filter, poolSize: this.pool.length, writable: vscode.workspace.isTrusted, evidence: this.evidence, ...(proposals ? { proposals } : {}) }));
  }
}

/** A quick pick of a journey's stages, in order, with their mean sentiment. */
export async function pickStage(journey: Journey | undefined, options: { exclude?: string | null; title: string }): Promise<string | undefined> {
  if (!journey) return undefined;
  const items = journey.stages
    .filter((s) => s.id !== options.exclude)
    .map((s) => {
      const rated = s.highlights.map((h) => h.sentiment).filter((v): v is number => v !== undefined);
      const mean = rated.length ? rated.reduce((a, v) => a + v, 0) / rated.length : undefined;
      return { label: s.title, description: `stage ${journey.stages.indexOf(s) + 1} · ${s.highlights.length} quotes${mean !== undefined ? ` · mean ${formatSentiment(mean)}` : ''}`, id: s.id };
    });
  return (await vscode.window.showQuickPick(items, { title: options.title, placeHolder: journey.title }))?.id;
}

/** A quick pick of a sentiment, −2 … +2; the current one is marked and preselected. */
export async function pickSentiment(current?: number, title = 'How does this moment feel?'): Promise<number | undefined> {
  const items = SENTIMENTS.map((v) => ({ label: `${signed(v)}  ${sentimentLabel(v)}`, description: v === current ? 'current' : undefined, value: v as number }));
  const qp = await vscode.window.showQuickPick(items, { title, placeHolder: 'Sentiment from −2 (very negative) to +2 (very positive)' });
  return qp?.value;
}

/** Asks for a stage title and adds the stage at the end of the journey. */
export async function addStageInteractively(model: ResearchModel, journeyId: string, given?: string): Promise<void> {
  const journey = model.workspace?.journeys.get(journeyId);
  if (!journey) return;
  const title =
    given ??
    (await vscode.window.showInputBox({
      title: `Add a stage to “${journey.title}”`,
      prompt: 'The stage goes after the last one.',
      placeHolder: 'e.g. Waiting for the decision',
      validateInput: (v) => (v.trim() ? undefined : 'A stage needs a title.'),
    }));
  if (!title?.trim()) return;
  report(await model.change('Add stage', async (plan, ws) => (await addStage(plan, ws, journeyId, title)).problems));
}
