/**
 * The Analysis panel: sample coverage (who was and was not heard, against research.yaml's
 * targets) and the matrices of the coding as heatmaps, with the quotes behind a cell. A
 * view only: it reads the workspace and follows every reload of the files. The numbers are
 * the core's (samplingCoverage, matrices, evidence); this module shapes them into messages,
 * sending a matrix as a head plus bands of non-empty cells so no message outgrows the limit.
 * Also "Export Matrix as CSV" (the bytes of `sift export csv --format <kind> --bom`).
 */
import * as vscode from 'vscode';
import { describeStrength, evidenceIndex, evidenceStrength, type EvidenceIndex } from '../../../core/insights/evidence';
import { derivedOf } from '../../../core/workspace/study-service';
import { quoteViews } from '../../../core/insights/view';
import type { Matrix, MatrixKind } from '../../../core/matrices';
import { describeSampling, describeShortfall } from '../../../core/sampling-summary';
import { coverageView } from '../../../core/sampling/view';
import { largestRemainder } from '../../../core/sampling/apportion';
import { countedParticipants, samplingCoverage } from '../../../core/sampling/coverage';
import type { Workspace } from '../../../core/workspace/workspace';
import {
  CELLS_PER_MESSAGE,
  MAX_CELL_QUOTES,
  MAX_MESSAGE_BYTES,
  messageBytes,
  parseWebviewMessage,
  type AnalysisTab,
  type CellMessage,
  type CoverageMessage,
  type HostMessage,
  type RenderedMessage,
  type RenderedReport,
  type WebviewMessage,
} from '../../../protocol/analysis';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { PanelSet, SiftPanel, webviewOptions } from '../../webview-panel';
import { reveal } from '../navigation';
import { registerResearchReport } from './research-report';

const VIEW_TYPE = 'sift.analysis';

/** The matrices, loaded when the panel first shows or exports one (dist/analysis-matrices.js). */
const matrices = () => require('./analysis-matrices') as typeof import('./analysis-matrices');

/** Where the panel opens: a tab, and for matrices which one. */
export interface AnalysisTarget {
  tab?: AnalysisTab;
  kind?: MatrixKind;
  attribute?: string;
}

export function registerAnalysis(sift: SiftContext): vscode.Disposable {
  const panels = new PanelSet<AnalysisPanel>();
  const open = (panel: vscode.WebviewPanel, model: ResearchModel) => panels.add(new AnalysisPanel(panel, model, sift));
  return vscode.Disposable.from(
    vscode.commands.registerCommand('sift.openAnalysis', async (target?: AnalysisTarget) => {
      const model = await sift.pickModel();
      if (!model) return void vscode.window.showInformationMessage('Open a folder with a research.yaml to see sample coverage and matrices.');
      const view = panels.find((p) => p.model === model) ?? open(vscode.window.createWebviewPanel(VIEW_TYPE, titleOf(model), vscode.ViewColumn.Active, webviewOptions(sift)), model);
      view.panel.reveal();
      if (target) view.show(target);
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel) {
        const model = sift.models.find((m) => m.workspace?.project) ?? sift.models[0];
        if (!model) return panel.dispose();
        panel.webview.options = webviewOptions(sift);
        open(panel, model);
      },
    }),
    vscode.commands.registerCommand('sift.exportMatrixCsv', async (kind?: MatrixKind, attribute?: string, target?: vscode.Uri) => {
      const model = await sift.pickModel();
      if (!model?.workspace?.project) return void vscode.window.showInformationMessage('Open a folder with a research.yaml first.');
      const shown = panels.find((p) => p.model === model);
      const chosen = kind ?? shown?.kind ?? (await pickKind(model.workspace));
      if (!chosen) return;
      return exportCsv(model, chosen, attribute ?? shown?.attribute, target);
    }),
    // Test build only (src/protocol/test-build.ts): what the most recently opened Analysis panel shows.
    ...(SIFT_TEST ? [vscode.commands.registerCommand('sift.analysis.rendered', () => panels.latest()?.rendered)] : []),
    registerResearchReport(sift),
    coverageStatus(sift),
    panels,
  );
}

/**
 * A status bar item while a study has under-sampled groups: "$(person) 3 groups under-sampled",
 * the sentence as its tooltip; a click opens the coverage. Hidden when every group is on target.
 */
function coverageStatus(sift: SiftContext): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('sift.coverage', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Sift: Sample Coverage';
  item.command = { title: 'Open Sample Coverage', command: 'sift.openAnalysis', arguments: [{ tab: 'coverage' }] };
  let shown = false;
  const update = () => {
    const ws = sift.models.find((m) => m.workspace?.project)?.workspace;
    const rows = ws ? samplingCoverage(ws) : [];
    const text = describeShortfall(rows);
    shown = !!(ws && text);
    if (!ws || !text) return item.hide();
    item.text = `$(person) ${text}`;
    item.tooltip = `${describeSampling(rows, countedParticipants(ws).length)} Click for the sample coverage.`;
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    sift.onDidChange(update),
    // Test build only: what the item says (undefined when hidden).
    ...(SIFT_TEST ? [vscode.commands.registerCommand('sift.analysis.statusText', () => (shown ? item.text : undefined))] : []),
  );
}

function titleOf(model: ResearchModel): string {
  return `Coverage and Matrices — ${model.workspace?.project?.name ?? model.folder.name}`;
}

/** The CSV of a matrix, as `sift export csv --format <kind> --bom` writes it (for spreadsheets). */
async function exportCsv(model: ResearchModel, kind: MatrixKind, attribute: string | undefined, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const ws = model.workspace!;
  if (!vscode.workspace.isTrusted) return void vscode.window.showInformationMessage('Sift writes no file in Restricted Mode: trust this folder to export.');
  const attr = kind === 'tag-attribute' ? (attribute ?? firstAttribute(ws)) : undefined;
  if (kind === 'tag-attribute' && (attr === undefined || !Object.hasOwn(ws.project?.attributes ?? {}, attr)))
    return void vscode.window.showInformationMessage(`research.yaml declares no participant attribute ${attr ?? ''} to cross tags with.`);
  const name = `${model.folder.name}-${kind}${attr ? `-${attr}` : ''}.csv`;
  const target = given ?? (await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(model.folder.uri, '..', name), filters: { CSV: ['csv'] }, title: `Save ${name}` }));
  if (!target) return;
  const csv = matrices().matrixCsv(matrices().matrixOf(ws, kind, attr), { bom: true, guardFormulas: true });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
  void vscode.window.showInformationMessage(`Exported ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}

/** From the command palette, without a panel: which matrix. */
async function pickKind(ws: Workspace): Promise<MatrixKind | undefined> {
  const items: (vscode.QuickPickItem & { matrix: MatrixKind })[] = [
    { label: 'Tags × participants', detail: 'Highlights per tag and participant', matrix: 'tag-participant' },
    ...(firstAttribute(ws) !== undefined ? [{ label: 'Tags × attribute value', detail: 'Highlights per tag and value of a participant attribute (the first one unless the panel shows another)', matrix: 'tag-attribute' as const }] : []),
    { label: 'Tags × tags', detail: 'Highlights carrying both tags', matrix: 'tag-tag' },
    { label: 'Tags × week of the study', detail: 'Highlights per tag in each week of fieldwork, by their diary entry’s or source’s date', matrix: 'tag-week' },
    ...((ws.project?.phases.length ?? 0) > 0 ? [{ label: 'Tags × phase of the study', detail: 'Highlights per tag in each phase research.yaml names', matrix: 'tag-phase' as const }] : []),
    { label: 'Tags × kind of source', detail: 'Highlights per tag in interviews, diaries, inspection visits …', matrix: 'tag-kind' },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Export Matrix as CSV', placeHolder: 'Which matrix?' }))?.matrix;
}

function firstAttribute(ws: Workspace): string | undefined {
  return Object.keys(ws.project?.attributes ?? {})[0];
}

class AnalysisPanel extends SiftPanel<WebviewMessage | RenderedMessage, HostMessage, RenderedReport> {
  kind: MatrixKind = 'tag-participant';
  attribute: string | undefined;
  private revision = 0;
  private index: EvidenceIndex | undefined;
  private matrix: Matrix | undefined;
  /** Non-empty cells by row × columns + column. */
  private cellAt = new Map<number, number>();
  private pending: AnalysisTarget | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    readonly model: ResearchModel,
    sift: SiftContext,
  ) {
    super(panel, sift, { entry: 'analysis', name: 'Analysis', title: 'Sample Coverage and Matrices', parse: parseWebviewMessage });
    panel.title = titleOf(model);
    this.follow(model);
  }

  protected refresh(): void {
    this.sendAll();
  }

  /** Opens a tab (and a matrix) on the command's request; before the webview is ready, once it is. */
  show(target: AnalysisTarget): void {
    if (!this.ready) return void (this.pending = target);
    if (target.kind) this.selectMatrix(target.kind, target.attribute);
    this.post({ type: 'show', tab: target.tab ?? (target.kind ? 'matrices' : 'coverage'), kind: this.kind, ...(this.attribute ? { attribute: this.attribute } : {}) });
  }

  protected async handle(m: WebviewMessage | RenderedMessage): Promise<void> {
    // Test build only (src/protocol/test-build.ts): the product's parser never lets this message through.
    if (SIFT_TEST && m.type === 'rendered') return void (this.rendered = m.report);
    switch (m.type) {
      case 'ready':
        this.ready = true;
        // A panel restored after a window reload comes back on its tab and matrix.
        if (m.state) {
          this.kind = m.state.kind;
          this.attribute = m.state.attribute;
        }
        this.sendAll();
        if (this.pending) this.show(this.pending);
        this.pending = undefined;
        return;
      case 'showMatrix':
        this.selectMatrix(m.kind, m.attribute);
        return;
      case 'openCell':
        if (m.revision === this.revision) this.sendCell(m.row, m.column);
        return;
      case 'reveal':
        return reveal(this.model, m.id, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false, preview: true });
      case 'exportCsv':
        await exportCsv(this.model, this.kind, this.attribute);
        return;
      case 'generateReport':
        await vscode.commands.executeCommand('sift.generateReport');
        return;
    }
  }

  private selectMatrix(kind: MatrixKind, attribute: string | undefined): void {
    if (kind === this.kind && (attribute === undefined || attribute === this.attribute)) return;
    this.kind = kind;
    if (attribute !== undefined) this.attribute = attribute;
    this.revision++;
    this.sendMatrix();
  }

  private sendAll(): void {
    const ws = this.model.workspace;
    if (!ws?.project) return;
    this.panel.title = titleOf(this.model);
    this.index = derivedOf(ws, evidenceIndex);
    this.revision++;
    this.post(coverageOf(ws, this.revision));
    this.sendMatrix();
  }

  private sendMatrix(): void {
    const ws = this.model.workspace;
    if (!ws?.project || !this.index) return;
    const declared = Object.keys(ws.project.attributes);
    if (this.attribute === undefined || !declared.includes(this.attribute)) this.attribute = declared[0];
    if (this.kind === 'tag-attribute' && this.attribute === undefined) this.kind = 'tag-participant';
    const m = matrices().matrixOf(ws, this.kind, this.attribute, this.index);
    this.matrix = m;
    this.cellAt = new Map(m.cells.map((c, i) => [c.row * m.columns.length + c.column, i]));
    const axis = (a: { id: string; label: string }): [string, string] => [a.id, a.label];
    this.post({
      type: 'matrix',
      revision: this.revision,
      kind: m.kind,
      ...(m.kind === 'tag-attribute' && this.attribute ? { attribute: this.attribute } : {}),
      title: m.title,
      rows: m.rows.map(axis),
      columns: m.columns.map(axis),
      max: m.max,
      cells: m.cells.length,
      unplaced: m.unplaced,
    });
    for (let start = 0; start < m.cells.length; start += CELLS_PER_MESSAGE) {
      const band = m.cells.slice(start, start + CELLS_PER_MESSAGE).flatMap((c) => [c.row, c.column, c.highlights.length, c.participants]);
      this.post({ type: 'matrixCells', revision: this.revision, cells: band });
    }
  }

  private sendCell(row: number, column: number): void {
    const m = this.matrix;
    const ws = this.model.workspace;
    if (!m || !ws || !this.index || row >= m.rows.length || column >= m.columns.length) return;
    const found = this.cellAt.get(row * m.columns.length + column);
    const ids = found === undefined ? [] : m.cells[found]!.highlights;
    const quotes = quoteViews(ws, this.index, ids.slice(0, MAX_CELL_QUOTES)).map((q) => ({ id: q.id, quote: q.quote, ...(q.participant !== undefined ? { participant: q.participant } : {}), source: q.source, quotable: q.quotable }));
    const message: CellMessage = {
      type: 'cell',
      revision: this.revision,
      row,
      column,
      title: `${m.rows[row]!.label} × ${m.columns[column]!.label}`,
      strength: describeStrength(evidenceStrength(this.index, ids)),
      quotes,
      more: 0,
    };
    // Long quotes: fewer of them, so the message stays under the limit.
    while (message.quotes.length > 1 && messageBytes(message) > MAX_MESSAGE_BYTES) message.quotes = message.quotes.slice(0, Math.ceil(message.quotes.length / 2));
    message.more = ids.length - message.quotes.length;
    this.post(message);
  }
}

/** Target against actual per attribute value (written by the core, as the CLI and report write it), or a snippet to start from. */
function coverageOf(ws: Workspace, revision: number): CoverageMessage {
  const view = coverageView(ws);
  return {
    type: 'coverage',
    revision,
    study: ws.project?.name ?? '',
    ...view,
    ...(view.attributes.length === 0 ? { example: exampleTargets(ws) } : {}),
    matrixAttributes: Object.keys(ws.project?.attributes ?? {}),
  };
}

/** A `sampling:` block to paste into research.yaml, from the attributes it declares (equal shares, to edit). */
function exampleTargets(ws: Workspace): string {
  const declared = Object.entries(ws.project?.attributes ?? {})
    .filter(([, a]) => (a.values?.length ?? 0) > 1)
    .slice(0, 2);
  const lines = declared.length > 0 ? declared.map(([name, a]) => `  ${name}: {${a.values!.map((v, i) => `${v}: ${equalShares(a.values!.length)[i]}%`).join(', ')}}`) : ['  age-band: {18-34: 30%, 35-64: 40%, 65+: 30%}'];
  return [
    '# Per attribute value: a share of the sample (30%) or a number of people ({count: 3}).',
    '# Values left out are "everyone else". The sample size you plan:',
    `sample: {planned: ${Math.max(countedParticipants(ws).length, 10)}}`,
    'sampling:',
    ...lines,
  ].join('\n');
}

/** Whole percentages, as equal as can be, adding up to 100. */
function equalShares(parts: number): number[] {
  return largestRemainder(
    Array.from({ length: parts }, () => 100 / parts),
    100,
  );
}
