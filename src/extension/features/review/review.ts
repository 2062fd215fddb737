/**
 * Reviewing the analysis from VS Code, over the same core as `sift diff`, `sift agreement`
 * and `sift init --git`:
 * - "Compare Analysis with…": what changed between a branch, tag or commit and the working
 *   tree, in research terms, in VS Code's Markdown preview; every quote links to its passage.
 * - "Coder Agreement…": percent agreement, Cohen's κ and Krippendorff's α per tag between two
 *   coders of this workspace, with the passages where they differ.
 * - "Set Up Git Merging": .gitattributes and the merge driver, as `sift init --git`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TextPositions } from '../../../core/editor/text-positions';
import type { HighlightRef } from '../../../core/review';
import { readText } from '../../../core/workspace/load';
import type { Workspace } from '../../../core/workspace/workspace';

/** Git for comparing and merging, loaded the first time one runs (dist/review-git.js). */
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';

const REPORT_SCHEME = 'sift-report';

/** The review engine, loaded the first time a comparison runs (dist/review.js). */
const review = () => require('../../../core/review') as typeof import('../../../core/review');

export function registerReview(sift: SiftContext): vscode.Disposable {
  const reports = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();

  /** Shows Markdown in VS Code's preview, as a read-only document of its own; returns it (for automation and tests). */
  const showReport = async (name: string, markdown: string): Promise<string> => {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}.md` });
    reports.set(uri.toString(), markdown);
    changed.fire(uri);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return markdown;
  };

  const localModel = async (): Promise<ResearchModel | undefined> => {
    const model = await sift.pickModel();
    if (!model?.workspace?.project) return void vscode.window.showInformationMessage('Open a folder with a research.yaml first.');
    if (model.folder.uri.scheme !== 'file') return void vscode.window.showInformationMessage('Comparing with git needs the study on this computer (a folder, not a virtual workspace).');
    return model;
  };

  const compare = async (given?: string) => {
    const model = await localModel();
    if (!model) return;
    const root = model.folder.uri.fsPath;
    const revision = given ?? (await pickRevision(sift, root));
    if (!revision) return;
    try {
      const before = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Sift: reading the analysis at ${revision}` }, () => sift.adapters.git().loadWorkspaceAt(root, revision));
      const after = model.workspace!;
      const linkOf = await quoteLinks(model, after);
      const { renderDiff, diffAnalysis } = review();
      return await showReport(`Analysis changes since ${revision.replace(/[/\\]/g, '-')}`, renderDiff(diffAnalysis(before, after), 'md', { before: revision, after: 'working tree', linkOf }));
    } catch (e) {
      if (e instanceof sift.adapters.git().GitError) return void vscode.window.showErrorMessage(`Sift could not read ${revision}: ${e.message}`);
      throw e;
    }
  };

  const agreement = async (given?: [string, string]) => {
    const ws = (await sift.pickModel())?.workspace;
    if (!ws?.project) return;
    const { codersOf, compareCodings, codingOf, sharedTranscripts, tagLabels, renderAgreement } = review();
    const coders = codersOf(ws);
    let pair = given;
    if (!pair) {
      if (coders.length < 2) return void vscode.window.showInformationMessage(`Agreement needs two coders; the highlights here name ${coders.length === 0 ? 'no coder' : `one: ${coders[0]}`}.`);
      const picked = await vscode.window.showQuickPick(
        coders.map((c) => ({ label: c })),
        { canPickMany: true, title: 'Coder agreement', placeHolder: 'Pick the two coders to compare' },
      );
      if (!picked) return;
      if (picked.length !== 2) return void vscode.window.showInformationMessage('Pick exactly two coders.');
      pair = [picked[0]!.label, picked[1]!.label];
    }
    const [a, b] = pair;
    const report = compareCodings({ a: codingOf(ws, a, a), b: codingOf(ws, b, b), transcripts: sharedTranscripts(ws, ws), labels: tagLabels(ws) });
    return showReport(`Agreement ${a} and ${b}`, renderAgreement(report, 'md'));
  };

  const setUpMerging = async () => {
    const model = await localModel();
    if (!model) return;
    const lines: string[] = [];
    const problems: string[] = [];
    // The bundled CLI run by this very runtime (Electron runs as Node with ELECTRON_RUN_AS_NODE).
    const driver = sift.adapters.git().mergeDriverCommand(process.execPath, path.join(sift.extension.extensionPath, 'dist', 'cli.js'), process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {});
    const code = await sift.adapters.git().setUpGit(model.folder.uri.fsPath, { out: (l) => lines.push(l), err: (l) => problems.push(l.replace(/^sift: /, '')) }, driver);
    if (code !== 0) return void vscode.window.showErrorMessage(problems.join(' '));
    void vscode.window.showInformationMessage(lines.join(' '));
  };

  return vscode.Disposable.from(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => reports.get(uri.toString()) ?? '' }),
    vscode.commands.registerCommand('sift.compareAnalysis', compare),
    vscode.commands.registerCommand('sift.coderAgreement', agreement),
    vscode.commands.registerCommand('sift.setUpGitMerging', setUpMerging),
  );
}

/** Branches, tags and recent commits to compare with, newest first; or a revision typed in. */
async function pickRevision(sift: SiftContext, root: string): Promise<string | undefined> {
  const refs = await sift.adapters
    .git()
    .git(root, ['for-each-ref', '--sort=-committerdate', '--format=%(refname:short)\t%(subject)', 'refs/heads', 'refs/tags', 'refs/remotes'])
    .catch(() => '');
  const commits = await sift.adapters
    .git()
    .git(root, ['log', '-15', '--format=%h\t%s'])
    .catch(() => '');
  const item = (line: string, kind: string) => {
    const [name, subject] = line.split('\t');
    return { label: name!, description: kind, detail: subject };
  };
  const items = [
    { label: 'HEAD', description: 'the last commit', detail: 'what changed since it, not committed yet' },
    ...refs
      .split('\n')
      .filter((l) => l && !l.endsWith('/HEAD\t'))
      .map((l) => item(l, 'branch or tag')),
    ...commits
      .split('\n')
      .filter(Boolean)
      .map((l) => item(l, 'commit')),
  ];
  const qp = vscode.window.createQuickPick<{ label: string }>();
  qp.title = 'Compare the analysis with…';
  qp.placeholder = 'A branch, tag or commit (or type any revision git understands)';
  qp.items = items;
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.label ?? (qp.value.trim() || undefined));
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

/** Links to each highlight's passage in the working tree (a file link with its line), for the report. */
async function quoteLinks(model: ResearchModel, ws: Workspace): Promise<(h: HighlightRef) => string | undefined> {
  const positions = new Map<string, TextPositions | undefined>();
  for (const file of ws.highlightFiles.values()) {
    if (!positions.has(file.source)) {
      const text = await readText(model.fs, file.source);
      positions.set(file.source, text === undefined ? undefined : new TextPositions(text));
    }
  }
  return (h) => {
    const r = ws.anchoring.get(h.id);
    const at = h.source && r ? positions.get(h.source)?.positionAt(r.start) : undefined;
    return h.source && at ? `${model.fs.uri(h.source).toString()}#L${at.line + 1}` : undefined;
  };
}
