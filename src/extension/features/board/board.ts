/**
 * The affinity board: a webview panel over the themes of a research workspace. The panel
 * is a view; every change is an intent the webview sends, checked against the protocol,
 * applied to the theme files through the core (one WorkspaceEdit, refused in Restricted
 * Mode), after which the reload sends a new snapshot. A `git pull` or an edit in another
 * window reloads the workspace too, so the board follows the files.
 */
import * as vscode from 'vscode';
import { buildBoardInSlices, themesInOrder, type Board } from '../../../core/board/board';
import { cardWindow, snapshotOf } from '../../../core/board/messages';
import type { Problem } from '../../../core/problems';
import type { EditPlan } from '../../../core/store/plan';
import type { Workspace } from '../../../core/workspace/workspace';
import { DEFAULT_UI_STATE, parseUiState, parseWebviewMessage, type HostMessage, type RenderedMessage, type RenderedReport, type UiState, type WebviewMessage } from '../../../protocol/board';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { reveal } from '../navigation';
import { passageContextOf } from '../shared/passage-context';
import { report } from '../tagging';
import { PanelSet, SiftPanel, webviewOptions } from '../../webview-panel';
import { hostSlicer, noteActivity, unlessSuperseded } from '../../host/slices';

const VIEW_TYPE = 'sift.board';

/** The board's changes to theme files, loaded with the first one (dist/board-themes.js). */
const themes = () => require('../../../core/board/themes') as typeof import('../../../core/board/themes');
/** Proposed themes for the Unsorted cards, loaded when first asked for (dist/board-suggest.js). */
const suggest = () => require('../../../core/board/suggest') as typeof import('../../../core/board/suggest');

export function registerBoard(sift: SiftContext): vscode.Disposable {
  const panels = new PanelSet<BoardPanel>();
  const open = (panel: vscode.WebviewPanel, model: ResearchModel) => panels.add(new BoardPanel(panel, model, sift));
  return vscode.Disposable.from(
    vscode.commands.registerCommand('sift.openBoard', async () => {
      const model = await sift.pickModel();
      if (!model) return void vscode.window.showInformationMessage('Open a folder with a research.yaml to use the affinity board.');
      const existing = panels.find((p) => p.model === model);
      if (existing) return existing.panel.reveal();
      open(vscode.window.createWebviewPanel(VIEW_TYPE, titleOf(model), vscode.ViewColumn.Active, webviewOptions(sift)), model);
    }),
    // After a window reload VS Code hands back the panel and the webview's saved UI state.
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel) {
        const model = await firstModel(sift);
        if (!model) return panel.dispose();
        panel.webview.options = webviewOptions(sift);
        open(panel, model);
      },
    }),
    // Test build only (src/protocol/test-build.ts): what the most recently active board shows.
    ...(SIFT_TEST ? [vscode.commands.registerCommand('sift.board.rendered', () => panels.latest()?.rendered)] : []),
    panels,
  );
}

function titleOf(model: ResearchModel): string {
  return `Affinity Board — ${model.workspace?.project?.name ?? model.folder.name}`;
}

/** The first loaded workspace; a restored panel may come before the workspaces have loaded. */
export async function firstModel(sift: SiftContext): Promise<ResearchModel | undefined> {
  const ready = () => sift.models.find((m) => m.workspace?.project);
  for (let waited = 0; !ready() && waited < 30_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  return ready();
}

class BoardPanel extends SiftPanel<WebviewMessage | RenderedMessage, HostMessage, RenderedReport> {
  private view: Pick<UiState, 'groupBy' | 'filter'> = { groupBy: DEFAULT_UI_STATE.groupBy, filter: {} };
  private revision = 0;
  private board: Board | undefined;
  /** Counts the boards being built, so only the latest is sent. */
  private building = 0;
  private disposed = false;

  constructor(
    panel: vscode.WebviewPanel,
    readonly model: ResearchModel,
    sift: SiftContext,
  ) {
    super(panel, sift, { entry: 'board', name: 'Affinity board', title: 'Affinity Board', parse: parseWebviewMessage });
    panel.title = titleOf(model);
    this.follow(model);
    panel.onDidDispose(() => (this.disposed = true), undefined, this.disposables);
  }

  protected refresh(): void {
    this.sendSnapshot().catch((e: unknown) => this.sift.log.error(`Affinity board: ${(e as Error).stack ?? e}`));
  }

  protected async handle(m: WebviewMessage | RenderedMessage): Promise<void> {
    // Test build only (src/protocol/test-build.ts): the product's parser never lets this message through.
    if (SIFT_TEST && m.type === 'rendered') return void (this.rendered = m.report);
    // The researcher is working on the board (scrolling, filtering, dragging): background work waits
    // for a pause, as it does for typing; its garbage, collected between two windows of cards, was a
    // block of 160 ms while the board scrolled at 50,000 highlights.
    noteActivity();
    switch (m.type) {
      case 'ready': {
        const state = m.state && parseUiState(m.state);
        if (state) this.view = { groupBy: state.groupBy, filter: state.filter };
        this.ready = true;
        return this.sendSnapshot({ asked: true });
      }
      case 'view':
        this.view = { groupBy: m.groupBy, filter: m.filter };
        return this.sendSnapshot({ asked: true });
      case 'requestCards':
        if (this.board && m.revision === this.revision) this.post(cardWindow(this.board, this.revision, m.column, m.start, m.count));
        return;
      case 'moveHighlights':
        return this.apply('Move cards', (plan, ws) => themes().moveHighlights(plan, ws, { ids: m.ids, from: m.from, to: m.to, ...(m.before ? { before: m.before } : {}) }));
      case 'pickTarget':
        return this.pickTarget(m.ids, m.from);
      case 'createTheme': {
        const title =
          m.title ??
          (await vscode.window.showInputBox({
            title: 'New theme',
            prompt: m.ids.length ? `A title for the theme of the ${m.ids.length} selected cards` : 'A title for the new theme',
            placeHolder: 'e.g. Waiting without word',
            validateInput: (v) => (v.trim() ? undefined : 'A theme needs a title.'),
          }));
        if (!title) return;
        return this.apply('Create theme', async (plan, ws) => (await themes().createTheme(plan, ws, title, m.ids)).problems);
      }
      case 'renameTheme': {
        const theme = this.model.workspace?.themes.get(m.theme);
        const title =
          theme &&
          (await vscode.window.showInputBox({ title: `Rename “${theme.title}”`, value: theme.title, prompt: 'The file name (the id insights cite) stays the same.', validateInput: (v) => (v.trim() ? undefined : 'A theme needs a title.') }));
        if (title) return this.apply('Rename theme', (plan, ws) => themes().renameTheme(plan, ws, m.theme, title));
        return;
      }
      case 'editSummary': {
        const theme = this.model.workspace?.themes.get(m.theme);
        const summary = theme && (await vscode.window.showInputBox({ title: `Summary of “${theme.title}”`, value: theme.summary ?? '', prompt: 'What the cards of this theme say, in a sentence or two. Empty removes the summary.' }));
        if (summary !== undefined) return this.apply('Edit theme summary', (plan, ws) => themes().editSummary(plan, ws, m.theme, summary));
        return;
      }
      case 'mergeTheme': {
        const ws = this.model.workspace;
        const source = ws?.themes.get(m.theme);
        if (!ws || !source) return;
        const pick = await vscode.window.showQuickPick(
          themesInOrder(ws)
            .filter(([id]) => id !== m.theme)
            .map(([id, t]) => ({ label: t.title, description: `${t.highlights.length} cards`, id })),
          { title: `Merge “${source.title}” into…`, placeHolder: 'The theme that keeps its title; the other file is removed' },
        );
        if (pick) return this.apply('Merge themes', (plan, w) => themes().mergeThemes(plan, w, m.theme, pick.id));
        return;
      }
      case 'deleteTheme': {
        const theme = this.model.workspace?.themes.get(m.theme);
        if (!theme) return;
        const ok = await vscode.window.showWarningMessage(`Delete the theme “${theme.title}”? Its ${theme.highlights.length} cards return to Unsorted; no highlight is deleted.`, { modal: true }, 'Delete Theme');
        if (ok === 'Delete Theme') return this.apply('Delete theme', (plan, ws) => themes().deleteTheme(plan, ws, m.theme));
        return;
      }
      case 'newInsight':
        await vscode.commands.executeCommand('sift.newInsight', { fromTheme: m.theme });
        return;
      case 'context': {
        const context = await passageContextOf(this.model, m.id);
        if (context) this.post({ type: 'context', context });
        return;
      }
      // "Open in Editor" of the peek: always the one group beside the panel, reused.
      case 'reveal':
        return reveal(this.model, m.id, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
      case 'suggest': {
        const ws = this.model.workspace;
        if (!ws) return;
        return this.post({ type: 'proposals', proposals: suggest().suggestUnsorted(ws) });
      }
    }
  }

  /** The keyboard path of a drag: a quick pick of where the cards go. */
  private async pickTarget(ids: string[], from: string | null): Promise<void> {
    const ws = this.model.workspace;
    if (!ws || ids.length === 0) return;
    type Item = vscode.QuickPickItem & { to: string | null | 'new' };
    const items: Item[] = [
      ...themesInOrder(ws)
        .filter(([id]) => id !== from)
        .map(([id, t]): Item => ({ label: t.title, description: `${t.highlights.length} cards`, to: id })),
      ...(from !== null ? [{ label: 'Unsorted', description: 'Take the cards out of this theme', to: null } as Item] : []),
      { label: '$(add) New theme…', to: 'new' },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `Move ${ids.length === 1 ? '1 card' : `${ids.length} cards`} to…` });
    if (!pick) return;
    if (pick.to !== 'new') return this.apply('Move cards', (plan, w) => themes().moveHighlights(plan, w, { ids, from, to: pick.to as string | null }));
    const title = await vscode.window.showInputBox({ title: 'New theme', prompt: `A title for the theme of the ${ids.length} cards`, validateInput: (v) => (v.trim() ? undefined : 'A theme needs a title.') });
    if (!title) return;
    return this.apply('Create theme', async (plan, w) => {
      const created = await themes().createTheme(plan, w, title, ids);
      return [...created.problems, ...(from !== null && created.id ? await themes().moveHighlights(plan, w, { ids, from, to: null }) : [])];
    });
  }

  private async apply(label: string, change: (plan: EditPlan, ws: Workspace) => Promise<Problem[]>): Promise<void> {
    const problems = await this.model.change(label, change);
    if (report(problems)) this.post({ type: 'notice', level: 'error', message: problems.map((p) => p.message).join(' ') });
  }

  /**
   * Builds the board in slices (grouping 200,000 cards takes a second) and sends it. A newer
   * view or load started meanwhile wins: the older board is dropped, never sent after it.
   * `asked`: the researcher opened the board or changed its view and waits for it, so its slices
   * do not wait for a pause in their activity as a rebuild after a change of the study does.
   */
  private async sendSnapshot({ asked = false } = {}): Promise<void> {
    const ws = this.model.workspace;
    if (!ws) return;
    const mine = ++this.building;
    const view = this.view;
    // Nor a board of a study that is no longer the current one: the search index follows the current
    // study, and the matches of the search box are asked about as the columns are made.
    const wanted = () => mine === this.building && !this.disposed && this.model.workspace === ws;
    // A superseded build stops at its next pause rather than finishing for nothing.
    const board = await unlessSuperseded(buildBoardInSlices(ws, { ...view, index: view.filter.text?.trim() ? this.model.search() : undefined }, hostSlicer(wanted, undefined, { asked })));
    if (!board || !wanted() || !this.ready) return;
    this.panel.title = titleOf(this.model);
    this.board = board;
    this.revision++;
    this.post(snapshotOf(board, this.revision, view, vscode.workspace.isTrusted));
  }
}
