/**
 * Personas in VS Code: the Personas view (each persona with its label, share of the sample
 * and participants), a persona card per persona (a webview that reads like a document and
 * prints like one), the persona as Markdown, and "Generate Personas…" (persona-generation.ts).
 * Cards are views of the files: they follow every reload, and say so when their file goes.
 */
import * as vscode from 'vscode';
import { SiftTree } from '../shared/sift-tree';
import type { Persona } from '../../../core/model';
import { studySharingGuard } from '../../../core/privacy/share';
import { isAccepted, setPersonaStatus } from '../../../core/personas/status';
import { parseWebviewMessage, type HostMessage, type RenderedMessage, type RenderedReport, type WebviewMessage } from '../../../protocol/persona';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { PanelSet, SiftPanel, webviewOptions } from '../../webview-panel';
import { firstModel } from '../board';
import { reveal } from '../navigation';
import { report } from '../tagging';
import type { GenerateOptions } from './persona-generation';
import { personaPickItems, personasInOrder, personaView } from './persona-view';

/** Persona pages (Markdown, HTML to print) come with the report's engine, loaded when first asked for (dist/report.js). */
const personaPages = () => require('../../../core/report') as typeof import('../../../core/report');

const VIEW_TYPE = 'sift.persona';

/** A persona of a workspace: what the view's items are and what the commands take. */
export interface PersonaRef {
  model: ResearchModel;
  id: string;
}

export function registerPersonas(sift: SiftContext): vscode.Disposable {
  const panels = new PanelSet<PersonaPanel>();
  const openCard = (ref: PersonaRef, show: { preserveFocus?: boolean } = {}) => {
    const existing = panels.find((p) => p.ref.model === ref.model && p.ref.id === ref.id);
    if (existing) return existing.panel.reveal(undefined, show.preserveFocus);
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Persona', { viewColumn: vscode.ViewColumn.Active, preserveFocus: show.preserveFocus ?? false }, webviewOptions(sift));
    adopt(panel, ref);
  };
  const adopt = (panel: vscode.WebviewPanel, ref: PersonaRef) => panels.add(new PersonaPanel(panel, ref, sift));
  const tree = new PersonasTree(sift);

  return vscode.Disposable.from(
    vscode.commands.registerCommand('sift.generatePersonas', async (options?: GenerateOptions) => {
      const outcome = await (require('./persona-generation') as typeof import('./persona-generation')).generatePersonasFlow(sift, options);
      if (!outcome) return undefined;
      const ws = outcome.model.workspace;
      const written = outcome.result.writes.map((w) => [...(ws?.personas.values() ?? [])].find((p) => p.path === w.path)).filter((p): p is Persona => p !== undefined);
      // The first persona's card ends up in front; the others wait in tabs beside it.
      for (const p of [...written].reverse()) openCard({ model: outcome.model, id: p.id });
      return { summary: outcome.summary, writes: outcome.result.writes.map((w) => ({ path: w.path, action: w.action, kept: w.kept, refreshed: w.refreshed, resembles: w.resembles, adopted: w.adopted ?? false })) };
    }),
    vscode.commands.registerCommand('sift.acceptPersona', async (arg?: PersonaRef | string) => acceptPersona(sift, await personaOf(sift, arg ?? panels.find((p) => p.panel.active)?.ref, 'draft'))),
    vscode.commands.registerCommand('sift.openPersona', async (arg?: PersonaRef | string) => {
      const ref = await personaOf(sift, arg);
      if (ref) openCard(ref);
    }),
    vscode.commands.registerCommand('sift.openPersonaMarkdown', async (arg?: PersonaRef | string) => {
      const ref = await personaOf(sift, arg ?? panels.find((p) => p.panel.active)?.ref);
      const ws = ref?.model.workspace;
      const persona = ref && ws?.personas.get(ref.id);
      if (!ws || !persona) return undefined;
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: personaPages().personaMarkdown(ws, persona, await studySharingGuard(ref.model.fs, ws)) });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
      return doc.uri.toString();
    }),
    vscode.commands.registerCommand('sift.savePersonaHtml', async (arg?: PersonaRef | string, given?: vscode.Uri) => {
      const ref = await personaOf(sift, arg ?? panels.find((p) => p.panel.active)?.ref);
      const ws = ref?.model.workspace;
      const persona = ref && ws?.personas.get(ref.id);
      if (!ws || !persona) return undefined;
      const target = given ?? (await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(ref.model.folder.uri, '..', `${persona.id}.html`), filters: { 'Web page': ['html'] }, title: `Save “${persona.name}” to print` }));
      if (!target) return undefined;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(personaPages().personaHtml(ws, persona, await studySharingGuard(ref.model.fs, ws))));
      if (!given) {
        void vscode.window
          .showInformationMessage(`Saved “${persona.name}” as a web page: open it in a browser to print it (quotes consent keeps in the study are left out).`, 'Open in Browser')
          .then((choice) => choice && vscode.env.openExternal(target));
      }
      return target.toString();
    }),
    vscode.commands.registerCommand('sift.openPersonaFile', async (arg?: PersonaRef | string) => {
      const ref = await personaOf(sift, arg ?? panels.find((p) => p.panel.active)?.ref);
      const persona = ref && ref.model.workspace?.personas.get(ref.id);
      if (ref && persona) await vscode.window.showTextDocument(ref.model.fs.uri(persona.path), { viewColumn: vscode.ViewColumn.Beside });
    }),
    // Test build only (src/protocol/test-build.ts): what a persona's card shows (by persona id), or the last opened card's.
    ...(SIFT_TEST ? [vscode.commands.registerCommand('sift.persona.rendered', (id?: string): RenderedReport | undefined => panels.latest((p) => id === undefined || p.ref.id === id)?.rendered)] : []),
    vscode.window.createTreeView('sift.personas', { treeDataProvider: tree }),
    sift.onDidChange(() => tree.refresh()),
    // After a window reload VS Code hands back the panel and the persona it showed.
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state: unknown) {
        const id = (state as { id?: unknown } | undefined)?.id;
        const model = await firstModel(sift);
        if (!model || typeof id !== 'string') return panel.dispose();
        panel.webview.options = webviewOptions(sift);
        adopt(panel, { model, id });
      },
    }),
    panels,
  );
}

/**
 * Accepting a persona: the team has reviewed it, and reports include it from now on. One
 * undoable edit of its file (`status: accepted`). Returns the status written, for tests.
 */
async function acceptPersona(sift: SiftContext, ref: PersonaRef | undefined): Promise<string | undefined> {
  const persona = ref?.model.workspace?.personas.get(ref.id);
  if (!ref || !persona) return undefined;
  if (isAccepted(persona)) return void vscode.window.showInformationMessage(`“${persona.name}” is already accepted.`);
  const problems = await ref.model.change('Accept persona', async (plan, current) => {
    const now = current.personas.get(ref.id);
    if (now) await setPersonaStatus(plan, now, 'accepted');
  });
  if (report(problems)) return undefined;
  sift.log.info(`Accepted persona ${persona.path}.`);
  void vscode.window.showInformationMessage(`Accepted “${persona.name}”: reports now include it.${/^Persona [A-Z]\d*$/.test(persona.name) ? ' Give it a memorable name in its file before you share them.' : ''}`);
  return 'accepted';
}

/** The persona a command is about: given (an item of the view, an id), or picked (drafts only, for Accept). */
async function personaOf(sift: SiftContext, arg: PersonaRef | string | undefined, only?: 'draft'): Promise<PersonaRef | undefined> {
  if (arg && typeof arg === 'object') return arg;
  const model = await sift.pickModel();
  const ws = model?.workspace;
  if (!model || !ws) return undefined;
  if (typeof arg === 'string') return ws.personas.has(arg) ? { model, id: arg } : undefined;
  const items = personaPickItems(ws).filter((i) => only === undefined || !isAccepted(ws.personas.get(i.id)!));
  if (items.length === 0) return void vscode.window.showInformationMessage(only ? 'Every persona of this study is accepted already.' : 'This study has no personas yet: run “Sift: Generate Personas…”.');
  const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Which persona?' });
  return pick && { model, id: pick.id };
}

class PersonaPanel extends SiftPanel<WebviewMessage | RenderedMessage, HostMessage, RenderedReport> {
  constructor(
    panel: vscode.WebviewPanel,
    readonly ref: PersonaRef,
    sift: SiftContext,
  ) {
    super(panel, sift, { entry: 'persona', name: 'Persona card', title: 'Persona', parse: parseWebviewMessage });
    this.updateTitle();
    this.follow(ref.model);
  }

  protected refresh(): void {
    this.send();
  }

  protected async handle(m: WebviewMessage | RenderedMessage): Promise<void> {
    // Test build only (src/protocol/test-build.ts): the product's parser never lets this message through.
    if (SIFT_TEST && m.type === 'rendered') return void (this.rendered = m.report);
    switch (m.type) {
      case 'ready':
        this.ready = true;
        return this.send();
      case 'reveal':
        return reveal(this.ref.model, m.id, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
      case 'openMarkdown':
        return void vscode.commands.executeCommand('sift.openPersonaMarkdown', this.ref);
      case 'openFile':
        return void vscode.commands.executeCommand('sift.openPersonaFile', this.ref);
      case 'accept':
        return void vscode.commands.executeCommand('sift.acceptPersona', this.ref);
      case 'saveHtml':
        return void vscode.commands.executeCommand('sift.savePersonaHtml', this.ref);
    }
  }

  private persona(): Persona | undefined {
    return this.ref.model.workspace?.personas.get(this.ref.id);
  }

  private updateTitle(): void {
    const p = this.persona();
    this.panel.title = p ? `Persona: ${p.name}` : 'Persona (file removed)';
  }

  private send(): void {
    const ws = this.ref.model.workspace;
    if (!ws) return;
    this.updateTitle();
    const persona = this.persona();
    this.post(persona ? { type: 'persona', persona: personaView(ws, persona) } : { type: 'missing', path: `${ws.project?.paths.personas ?? 'personas'}/${this.ref.id}.yaml` });
  }
}

type PersonaNode = PersonaRef;

class PersonasTree extends SiftTree<PersonaNode> {
  getChildren(element?: PersonaNode): PersonaNode[] {
    if (element) return [];
    return this.sift.models.flatMap((model) => (model.workspace ? personasInOrder(model.workspace).map(({ persona }) => ({ model, id: persona.id })) : []));
  }

  getTreeItem(node: PersonaNode): vscode.TreeItem {
    const ws = node.model.workspace;
    const persona = ws?.personas.get(node.id);
    // An item asked for after its file went (the view refreshes right after).
    if (!ws || !persona) return new vscode.TreeItem(node.id);
    const view = personaView(ws, persona);
    const people = `${view.members.length} participant${view.members.length === 1 ? '' : 's'}`;
    const item = new vscode.TreeItem(view.name, vscode.TreeItemCollapsibleState.None);
    // The numbers first: a narrow sidebar cuts the end of the line, and the tooltip has the rest.
    const draft = view.status === 'draft';
    item.description = [draft ? 'draft' : '', view.shareText, people, view.label].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(
      [
        `**${view.name}**${view.label ? ` — ${view.label}` : ''}`,
        `${view.shareText} of the sample, ${people}: ${view.members.join(', ')}`,
        view.summary ?? '',
        draft ? '_Draft: reports leave it out until you accept it (✓)._' : '',
        persona.generated ? '_Generated by Sift: your edits to any field are kept when you regenerate._' : '_Written by hand: Sift never changes it._',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    item.iconPath = new vscode.ThemeIcon(persona.generated ? 'sparkle' : 'person');
    item.contextValue = draft ? 'persona.draft' : 'persona';
    item.id = `${node.model.folder.uri.toString()}#persona:${node.id}`;
    item.command = { title: 'Open Persona Card', command: 'sift.openPersona', arguments: [node] };
    return item;
  }
}
