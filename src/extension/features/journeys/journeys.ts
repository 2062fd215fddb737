/**
 * Journeys in VS Code: the Journeys view (each journey with its stages, the low point
 * marked), the journey map panels, and the commands that build a journey — New Journey…,
 * Add Stage…, and Add to Journey… for the highlight at the cursor in a transcript. Every
 * change goes through the core's journey operations and ResearchModel.change.
 */
import * as vscode from 'vscode';
import { SiftTree } from '../shared/sift-tree';
import { evidenceIndex } from '../../../core/insights/evidence';
import { derivedOf } from '../../../core/workspace/study-service';
import { journeyView, type JourneyView } from '../../../core/journeys/journey';
import { assignToStage, createJourney } from '../../../core/journeys/operations';
import type { Workspace } from '../../../core/workspace/workspace';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { PanelSet, webviewOptions } from '../../webview-panel';
import { firstModel } from '../board';
import { personaPickItems } from '../personas';
import { addStageInteractively, JOURNEY_VIEW_TYPE, JourneyPanel, pickSentiment, pickStage } from './journey-panel';
import { report, withHighlight } from '../tagging';

type JourneyNode = { kind: 'journey'; model: ResearchModel; id: string } | { kind: 'stage'; model: ResearchModel; id: string; stage: string };

/** `sift.addToJourney` may be given everything (tests, other commands); what is missing is asked for. */
interface AddToJourneyArgs {
  highlight?: string;
  journey?: string;
  stage?: string;
  sentiment?: number;
}

export function registerJourneys(sift: SiftContext): vscode.Disposable {
  const panels = new PanelSet<JourneyPanel>();
  const tree = new JourneysTree(sift);
  const show = (model: ResearchModel, id: string) => {
    const existing = panels.find((p) => p.model === model && p.journeyId === id);
    if (existing) return existing.panel.reveal();
    adopt(vscode.window.createWebviewPanel(JOURNEY_VIEW_TYPE, 'Journey', vscode.ViewColumn.Active, webviewOptions(sift)), model, id);
  };
  const adopt = (panel: vscode.WebviewPanel, model: ResearchModel, id: string) => panels.add(new JourneyPanel(panel, model, id, sift));
  return vscode.Disposable.from(
    vscode.window.createTreeView('sift.journeys', { treeDataProvider: tree, showCollapseAll: true }),
    sift.onDidChange(() => tree.refresh()),
    vscode.commands.registerCommand('sift.openJourney', async (arg?: JourneyNode | string) => {
      const target = await journeyOf(sift, arg, 'Open which journey?');
      if (target) show(target.model, target.id);
    }),
    vscode.commands.registerCommand('sift.newJourney', async (args?: NewJourneyArgs) => {
      if (!writable()) return;
      const created = await newJourney(sift, args);
      if (created) show(created.model, created.id);
    }),
    vscode.commands.registerCommand('sift.addJourneyStage', async (arg?: JourneyNode | string, title?: string) => {
      const target = writable() && (await journeyOf(sift, arg, 'Add a stage to which journey?'));
      if (target) await addStageInteractively(target.model, target.id, title);
    }),
    vscode.commands.registerCommand('sift.addToJourney', (args?: AddToJourneyArgs) => writable() && addToJourney(sift, args ?? {})),
    // After a window reload VS Code hands back the panel and the webview's saved state (which journey it showed).
    vscode.window.registerWebviewPanelSerializer(JOURNEY_VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state: unknown) {
        const model = await firstModel(sift);
        const id = (state as { journey?: unknown } | undefined)?.journey;
        if (!model || typeof id !== 'string' || !model.workspace?.journeys.has(id)) return panel.dispose();
        panel.webview.options = webviewOptions(sift);
        adopt(panel, model, id);
      },
    }),
    // Test build only (src/protocol/test-build.ts): what the most recently active journey map shows.
    ...(SIFT_TEST ? [vscode.commands.registerCommand('sift.journey.rendered', () => panels.latest()?.rendered)] : []),
    panels,
  );
}

/** False (with a word why) in Restricted Mode, before any question is asked. */
function writable(): boolean {
  if (!vscode.workspace.isTrusted) void vscode.window.showInformationMessage('This folder is open in Restricted Mode: Sift shows your journeys but changes no file until you trust the folder.');
  return vscode.workspace.isTrusted;
}

/** The journey a command is about: the tree node or id it was given, else a quick pick. */
async function journeyOf(sift: SiftContext, arg: JourneyNode | string | undefined, title: string): Promise<{ model: ResearchModel; id: string } | undefined> {
  if (typeof arg === 'object') return arg;
  const model = await sift.pickModel();
  const ws = model?.workspace;
  if (!model || !ws) return undefined;
  if (typeof arg === 'string') return ws.journeys.has(arg) ? { model, id: arg } : undefined;
  if (ws.journeys.size === 0) {
    void vscode.window.showInformationMessage('There is no journey yet: make one with “Sift: New Journey…”.');
    return undefined;
  }
  const id = ws.journeys.size === 1 ? [...ws.journeys.keys()][0] : await pickJourney(ws, title);
  return id ? { model, id } : undefined;
}

async function pickJourney(ws: Workspace, title: string): Promise<string | undefined> {
  const items = [...ws.journeys.values()].map((j) => ({ label: j.title, description: `${j.stages.length} stages`, id: j.id }));
  return (await vscode.window.showQuickPick(items, { title }))?.id;
}

/** What New Journey… may be given instead of asking (a test, another command); `persona: null` means none. */
interface NewJourneyArgs {
  title?: string;
  stages?: string[];
  persona?: string | null;
}

/**
 * Asks for a title, whose journey it is (a persona, optional: only when the study has some and
 * the stages are asked too) and the stages one by one (an empty stage ends the list), then
 * writes journeys/<id>.yaml.
 */
async function newJourney(sift: SiftContext, given: NewJourneyArgs = {}): Promise<{ model: ResearchModel; id: string } | undefined> {
  const model = await sift.pickModel();
  const ws = model?.workspace;
  if (!model || !ws) return void vscode.window.showInformationMessage('Open a folder with a research.yaml to map a journey.');
  const askPersona = given.persona === undefined && !given.stages && ws.personas.size > 0;
  const steps = askPersona ? 3 : 2;
  const title =
    given.title ??
    (await vscode.window.showInputBox({
      title: `New journey (1/${steps})`,
      prompt: 'What the journey is: the experience from the participant’s side.',
      placeHolder: 'e.g. Getting an adaptation fitted',
      validateInput: (v) => (v.trim() ? undefined : 'A journey needs a title.'),
    }));
  if (!title?.trim()) return undefined;
  let persona = given.persona ?? undefined;
  if (askPersona) {
    const none = { label: 'No persona', description: 'the journey of everyone interviewed', id: undefined };
    const pick = await vscode.window.showQuickPick([none, ...personaPickItems(ws)], {
      title: `New journey (2/${steps}): whose journey is it?`,
      placeHolder: 'A persona, to read the journey through their quotes (optional)',
      matchOnDescription: true,
    });
    if (!pick) return undefined; // Escape: nothing is written
    persona = pick.id;
  }
  let stages = given.stages;
  if (!stages) {
    stages = [];
    for (;;) {
      const stage = await vscode.window.showInputBox({
        title: `New journey (${steps}/${steps}): stage ${stages.length + 1}`,
        prompt: stages.length ? `Stages so far: ${stages.join(' → ')}. Press Enter on an empty box to finish.` : 'The first stage, in the order the participant lives through them.',
        placeHolder: stages.length ? 'Next stage, or Enter to finish' : 'e.g. Noticing the need',
      });
      if (stage === undefined) return undefined; // Escape: nothing is written
      if (!stage.trim()) break;
      stages.push(stage.trim());
    }
  }
  let id: string | undefined;
  const problems = await model.change('New journey', async (plan, w) => {
    const created = await createJourney(plan, w, { title, stages, ...(persona ? { persona } : {}) });
    id = created.id;
    return created.problems;
  });
  return report(problems) || !id ? undefined : { model, id };
}

/** Puts the highlight at the cursor (or the one given) on a journey: journey, stage and sentiment by quick pick. */
async function addToJourney(sift: SiftContext, args: AddToJourneyArgs): Promise<void> {
  await withHighlight(sift, args.highlight, async (ref, placed) => {
    const ws = ref.model.workspace;
    if (!ws) return;
    if (ws.journeys.size === 0) return void vscode.window.showInformationMessage('There is no journey yet: make one with “Sift: New Journey…”.');
    const journeyId = args.journey ?? (ws.journeys.size === 1 ? [...ws.journeys.keys()][0] : await pickJourney(ws, 'Add the quote to which journey?'));
    const journey = journeyId ? ws.journeys.get(journeyId) : undefined;
    if (!journey) return;
    const current = journey.stages.find((s) => s.highlights.some((h) => h.id === placed.highlight.id));
    const stage = args.stage ?? (await pickStage(journey, { title: current ? `The quote is under “${current.title}”: move it to…` : 'Under which stage?' }));
    if (!stage) return;
    const sentiment = args.sentiment ?? (await pickSentiment(current?.highlights.find((h) => h.id === placed.highlight.id)?.sentiment, 'How does this moment feel to the participant?'));
    if (sentiment === undefined) return;
    report(await ref.model.change('Add to journey', (plan, w) => assignToStage(plan, w, journey.id, placed.highlight.id, stage, sentiment)));
  });
}

const views = new WeakMap<Workspace, Map<string, JourneyView>>();

/** The journeys of a loaded workspace as the core sees them (means, low points), computed once per load. */
function viewsOf(ws: Workspace): Map<string, JourneyView> {
  let found = views.get(ws);
  if (!found) {
    const evidence = derivedOf(ws, evidenceIndex);
    found = new Map([...ws.journeys.values()].map((j) => [j.id, journeyView(ws, j, evidence)]));
    views.set(ws, found);
  }
  return found;
}

class JourneysTree extends SiftTree<JourneyNode> {
  getChildren(element?: JourneyNode): JourneyNode[] {
    if (element?.kind === 'stage') return [];
    if (element) return (element.model.workspace?.journeys.get(element.id)?.stages ?? []).map((s) => ({ kind: 'stage', model: element.model, id: element.id, stage: s.id }));
    return this.sift.models.flatMap((model) => [...(model.workspace?.journeys.values() ?? [])].sort((a, b) => a.title.localeCompare(b.title)).map((j): JourneyNode => ({ kind: 'journey', model, id: j.id })));
  }

  getTreeItem(node: JourneyNode): vscode.TreeItem {
    const ws = node.model.workspace!;
    const view = viewsOf(ws).get(node.id);
    const open = { title: 'Open Journey Map', command: 'sift.openJourney', arguments: [{ kind: 'journey', model: node.model, id: node.id }] };
    if (node.kind === 'journey') {
      const stages = view?.stages.length ?? 0;
      const item = new vscode.TreeItem(view?.title ?? node.id, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${node.model.folder.uri.toString()}#journey:${node.id}`;
      item.description = `${stages} ${stages === 1 ? 'stage' : 'stages'}`;
      const low = view?.stages.filter((s) => s.lowest).map((s) => `“${s.title}” (${s.meanText})`);
      item.tooltip = new vscode.MarkdownString().appendText(
        `${view?.title ?? node.id}\n\n${stages} stages · ${view?.stages.reduce((n, s) => n + s.moments.length, 0) ?? 0} quotes${low?.length ? `\nLow point: ${low.join(', ')}` : ''}\n${view?.path ?? ''}`,
      );
      item.iconPath = new vscode.ThemeIcon('graph-line');
      item.contextValue = 'journey';
      item.command = open;
      return item;
    }
    const stage = view?.stages.find((s) => s.id === node.stage);
    const item = new vscode.TreeItem(stage?.title ?? node.stage, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.model.folder.uri.toString()}#journey:${node.id}:${node.stage}`;
    const quotes = stage?.moments.length ?? 0;
    item.description = [stage?.mean !== undefined ? `mean ${stage.meanText}` : 'no quotes yet', quotes ? `${quotes} ${quotes === 1 ? 'quote' : 'quotes'}` : undefined, stage?.lowest ? 'low point' : undefined].filter(Boolean).join(' · ');
    item.tooltip = stage?.description ?? stage?.title;
    item.iconPath = stage?.lowest ? new vscode.ThemeIcon('arrow-down', new vscode.ThemeColor('charts.red')) : new vscode.ThemeIcon('circle-small');
    item.contextValue = 'journeyStage';
    item.command = open;
    return item;
  }
}
