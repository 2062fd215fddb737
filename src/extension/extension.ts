/**
 * The composition root. Activation does no scanning: it finds the folders with a
 * research.yaml, starts the features and loads the workspaces in the background, with a
 * progress notification only when that takes more than a moment.
 */
import * as vscode from 'vscode';
import { GitTextHistory } from '../node/git-history';
import { NodeFileSystem } from '../node/node-fs';
import '../node/core-libraries';
import '../node/native-hash';
import { YamlWorker } from '../node/yaml-worker';
import { machineAdapters } from './adapters';
import { SiftContext } from './context';
import { registerAnalysis } from './features/analysis';
import { registerBoard } from './features/board';
import { registerCodebookCommands, CodebookUndo, registerTrees } from './features/codebook';
import { cursorContext, decorationsSent, registerCursorContext, painted, registerDecorations, registerHover, registerTracking } from './features/editor';
import { registerDiagnostics, registerWorkspaceCommands } from './features/workspace';
import { registerExchange, registerSurveyImport } from './features/exchange';
import { registerJourneys } from './features/journeys';
import { libraryWatcher, searchableStudies, studiesOfLibrary } from './features/library';
import { registerInsights } from './features/insights';
import { registerNavigation, reveal } from './features/navigation';
import { registerPersonas, registerSegments } from './features/personas';
import { registerPlayer } from './features/media';
import { registerPrivacy } from './features/privacy';
import { registerRenames, registerTagging, report } from './features/tagging';
import { registerReview } from './features/review';
import { ask, writable } from './features/shared/prompts';
import { registerDiaries } from './features/diaries';
import { ResearchModel } from './research-model';
import { failuresForTests } from './host/failures';

export interface SiftApi {
  /** For tests and other extensions: the workspaces Sift has open. */
  readonly context: SiftContext;
  ready: Promise<void>;
  /** How long activate() itself took (its budget is 50 ms: everything slow happens after it returns). */
  activationMs: number;
}

/**
 * What the test build's API adds (SIFT_TEST, src/protocol/test-build.ts): the editor's state that
 * VS Code's API cannot read back, for the integration and load tests. The product returns SiftApi only.
 */
export interface SiftTestApi extends SiftApi {
  /** The highlight ranges painted in an editor, by document URI. */
  painted: typeof painted;
  /** The context keys Sift sets from the cursor (context keys cannot be read back through the API). */
  cursor: typeof cursorContext;
  /** Failures of work nobody awaited, since the tests last took them (src/extension/host/failures.ts). */
  failures: string[];
  /** How many decoration updates Sift sent to the window (they cannot be read back either). */
  decorationsSent: typeof decorationsSent;
}

export function activate(extension: vscode.ExtensionContext): SiftApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Sift', { log: true });
  const sift = new SiftContext(extension, log, machineAdapters());
  const opened = new Set<string>();
  // One worker thread for the large YAML files of every workspace open here; stopped on deactivation.
  const yaml = YamlWorker.bundled();
  if (yaml) extension.subscriptions.push(yaml);

  const openModel = async (folder: vscode.WorkspaceFolder): Promise<void> => {
    if (opened.has(folder.uri.toString())) return void (await sift.models.find((m) => m.folder === folder)?.load());
    opened.add(folder.uri.toString());
    // No git in an untrusted folder: its config can run programs, and remembering texts writes objects.
    const history = folder.uri.scheme === 'file' && vscode.workspace.isTrusted ? new GitTextHistory(folder.uri.fsPath) : undefined;
    const local = folder.uri.scheme === 'file' ? new NodeFileSystem(folder.uri.fsPath) : undefined;
    const model = new ResearchModel(folder, history, log, yaml?.parse, local);
    extension.subscriptions.push(model);
    sift.add(model);
    await loadWithProgress(model);
  };

  const setContext = () => {
    void vscode.commands.executeCommand(
      'setContext',
      'sift.hasWorkspace',
      sift.models.some((m) => m.workspace?.project),
    );
    void vscode.commands.executeCommand('setContext', 'sift.writable', vscode.workspace.isTrusted);
  };
  const setEditorContext = () => {
    const editor = vscode.window.activeTextEditor;
    void vscode.commands.executeCommand('setContext', 'sift.isTranscript', !!(editor && sift.transcriptOf(editor.document.uri)));
  };

  const codebookUndo = new CodebookUndo();
  extension.subscriptions.push(
    log,
    registerDecorations(sift),
    registerCursorContext(),
    registerTracking(sift),
    registerTagging(sift),
    registerHover(sift),
    registerDiagnostics(sift),
    registerNavigation(sift),
    registerTrees(sift, codebookUndo),
    registerDiaries(sift),
    registerCodebookCommands(sift, codebookUndo),
    codebookUndo,
    // Auto-Code… is loaded on first use (dist/autocode-command.js): only its registration starts with Sift.
    vscode.commands.registerCommand('sift.autocode', (args?: import('./features/assist/autocode').AutocodeArgs) =>
      writable() ? (require('./features/assist/autocode') as typeof import('./features/assist/autocode')).runAutocode({ sift, undo: codebookUndo, ask, report }, args) : undefined,
    ),
    // Where Else Have We Heard This? is loaded on first use (dist/where-else.js).
    vscode.commands.registerCommand('sift.whereElse', (args?: import('./features/library/where-else').WhereElseArgs) =>
      (require('./features/library/where-else') as typeof import('./features/library/where-else')).whereElse({ sift, studies: () => searchableStudies(sift), reveal, ask }, args),
    ),
    registerExchange(sift),
    registerSurveyImport(sift),
    registerPrivacy(sift),
    registerReview(sift),
    registerRenames(sift),
    registerWorkspaceCommands(sift, openModel),
    registerBoard(sift),
    registerAnalysis(sift),
    registerPersonas(sift),
    registerSegments(sift),
    registerJourneys(sift),
    registerInsights(sift),
    registerPlayer(sift),
    sift.onDidChange(() => {
      setContext();
      setEditorContext();
    }),
    vscode.window.onDidChangeActiveTextEditor(setEditorContext),
    vscode.workspace.onDidGrantWorkspaceTrust(setContext),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void findWorkspaces()),
    libraryWatcher(() => void findWorkspaces()),
  );
  setContext();

  async function findWorkspaces(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const withResearch = await Promise.all(
      folders.map(async (f) => {
        try {
          await vscode.workspace.fs.stat(vscode.Uri.joinPath(f.uri, 'research.yaml'));
          return f;
        } catch {
          return undefined;
        }
      }),
    );
    // A library's studies open as folders of their own (each keeps working as it would alone).
    const inLibraries = (await Promise.all(folders.map((f) => studiesOfLibrary(f, log)))).flat();
    const wanted = [...withResearch.filter((f): f is vscode.WorkspaceFolder => f !== undefined), ...inLibraries];
    // A study no folder or library lists any more (library.yaml edited or deleted) closes.
    const keep = new Set(wanted.map((f) => f.uri.toString()));
    for (const model of [...sift.models]) {
      if (keep.has(model.folder.uri.toString())) continue;
      sift.remove(model);
      opened.delete(model.folder.uri.toString());
      model.dispose();
    }
    await Promise.all(wanted.map(openModel));
  }

  // Not awaited: activation returns at once; features fill in as workspaces load.
  const ready = findWorkspaces().catch((e: unknown) => log.error(`Loading failed: ${(e as Error).stack ?? e}`));
  const api: SiftApi = { context: sift, ready, activationMs: performance.now() - started };
  if (!SIFT_TEST) return api;
  const testApi: SiftTestApi = { ...api, painted, cursor: cursorContext, failures: failuresForTests, decorationsSent };
  return testApi;
}

/** Loads a workspace; a notification appears only if it takes longer than half a second. */
async function loadWithProgress(model: ResearchModel): Promise<void> {
  const load = model.load();
  const slow = await Promise.race([load.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 500))]);
  if (slow) await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Sift: loading ${model.folder.name}…` }, () => load);
  else await load;
}

export function deactivate(): void {}
