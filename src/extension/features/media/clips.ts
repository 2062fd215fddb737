/**
 * "Sift: Export Clip of Highlight" and "Sift: Export Reel of Theme/Insight…" (dist/clip-commands.js,
 * loaded on first use). What may be cut is decided exactly as `sift clip|reel` decide it: both
 * call src/node/clip-files.ts, whose plan is the media core's (consent as the report's). A clip is
 * kept in the study's `.sift/clips/`, where the report and the site link its quote to it.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { clipPath } from '../../../core/media/clips';
import type { ClipStudy, Refusal } from '../../../node/clip-files';
import type { SiftContext } from '../../context';
import { codePointAt } from '../../positions';
import type { ResearchModel } from '../../research-model';

/** What a command made or why not: returned for tests and other extensions. */
export type Exported = { ok: true; file: string } | { ok: false; message: string };

/** `{ id }` names the highlight, theme or insight (a test, another extension); `target` where to write a reel. */
interface Args {
  id?: string;
  target?: vscode.Uri;
}

const asArgs = (value: unknown): Args => (typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) ? (value as Args) : {});

export async function exportClip(sift: SiftContext, raw?: unknown): Promise<Exported | undefined> {
  const args = asArgs(raw);
  const found = args.id ? { model: await sift.pickModel(), id: args.id } : highlightAtCursor(sift);
  if (!found?.model?.workspace) return void vscode.window.showInformationMessage('Put the cursor on a highlight in a transcript with a recording, then run "Sift: Export Clip of Highlight".');
  if (!found.id) return void vscode.window.showInformationMessage('The cursor is on no highlight: put it inside a highlighted passage to export its clip.');
  const study = await clipStudy(sift, found.model);
  if (!study) return undefined;
  const id = found.id;
  const made = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Cutting the clip of ${id}…` }, () => sift.adapters.clips().makeClip(study, id));
  if (!made.ok) return refuse(found.model, made);
  const rel = clipPath(id);
  void vscode.window.showInformationMessage(`Made ${rel}: ${id}, ${(made.end - made.start).toFixed(1)} s of ${made.recording}. Reports and the site link its quote to it.`, 'Open', 'Reveal').then((pick) => open(made.out, pick));
  return { ok: true, file: made.out };
}

export async function exportReel(sift: SiftContext, raw?: unknown): Promise<Exported | undefined> {
  const args = asArgs(raw);
  const model = await sift.pickModel();
  const ws = model?.workspace;
  if (!model || !ws) return void vscode.window.showInformationMessage('Open a folder with a research.yaml first.');
  const id = args.id ?? (await pickThemeOrInsight(model));
  if (!id) return undefined;
  const target = args.target ?? (await vscode.window.showSaveDialog({ defaultUri: model.fs.uri(`.sift/clips/reel-${id}.mp4`), filters: { 'MP4 video': ['mp4'] }, title: 'Save the reel' }));
  if (!target) return undefined;
  if (!/\.mp4$/i.test(target.fsPath)) return void vscode.window.showErrorMessage(`${path.basename(target.fsPath)}: a reel is an MP4 file; name it ….mp4.`);
  const study = await clipStudy(sift, model);
  if (!study) return undefined;
  const made = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Making the reel of ${id}`, cancellable: false }, (progress) => {
    let last = 0;
    return sift.adapters.clips().makeReel(study, id, target.fsPath, (done, total) => {
      progress.report({ increment: ((done - last) / total) * 100, message: `${done} of ${total} steps` });
      last = done;
    });
  });
  if (!made) return void vscode.window.showErrorMessage(`There is no theme or insight "${id}" in this study.`);
  for (const s of made.skipped) sift.log.info(`Reel of ${id}: left out ${s.id}: ${s.reason}`);
  const left = made.skipped.length > 0 ? ` ${made.skipped.length} left out, as consent requires (each with why in the Sift output).` : '';
  if (!made.ok) return refuse(model, made, left);
  void vscode.window
    .showInformationMessage(
      `Made ${vscode.workspace.asRelativePath(target)}: "${made.title}", ${made.clips.length} clip${made.clips.length === 1 ? '' : 's'}.${left}`,
      'Open',
      'Reveal',
      ...(made.skipped.length > 0 ? ['Show What Was Left Out'] : []),
    )
    .then((pick) => (pick === 'Show What Was Left Out' ? sift.log.show(true) : open(target.fsPath, pick)));
  return { ok: true, file: target.fsPath };
}

/** The study as clip-files wants it; undefined (said why) in Restricted Mode, where Sift writes nothing. */
async function clipStudy(sift: SiftContext, model: ResearchModel): Promise<ClipStudy | undefined> {
  if (!vscode.workspace.isTrusted) return void vscode.window.showInformationMessage('Sift writes no file in Restricted Mode: trust this folder to export clips.');
  const ws = model.workspace!;
  const root = model.fs.root.fsPath;
  // The personal-data guard from the scan VS Code keeps warm, in slices: a whole-study scan here froze the host.
  return { workspace: ws, fs: model.fs, root, exists: (p) => existsSync(path.join(root, ...p.split('/'))), guard: await sift.sharingGuard(model, ws) };
}

/** The highlight under the cursor of the active transcript. */
function highlightAtCursor(sift: SiftContext): { model: ResearchModel; id: string | undefined } | undefined {
  const editor = vscode.window.activeTextEditor;
  const ref = editor && sift.transcriptOf(editor.document.uri);
  if (!editor || !ref) return undefined;
  const offset = codePointAt(editor.document, editor.selection.active);
  const placed = ref.model.study.placedHighlights(ref.path).find((p) => p.result && p.result.state !== 'orphaned' && p.result.start <= offset && offset < p.result.end);
  return { model: ref.model, id: placed?.highlight.id };
}

async function pickThemeOrInsight(model: ResearchModel): Promise<string | undefined> {
  const ws = model.workspace!;
  const items = [
    ...[...ws.themes.values()].map((t) => ({ label: t.title, description: `theme · ${t.highlights.length} highlights`, id: t.id })),
    ...[...ws.insights.values()].map((i) => ({ label: i.statement, description: `insight · ${i.evidence.length} highlights`, id: i.id })),
  ];
  if (items.length === 0) return void vscode.window.showInformationMessage('This study has no themes or insights yet: a reel is made of one.');
  return (await vscode.window.showQuickPick(items, { title: 'Export Reel', placeHolder: 'Which theme or insight? Only clips consent allows are included.', matchOnDescription: true }))?.id;
}

/** A refusal as an error: with the place of a mistake in a highlights file, and a way to go there. */
async function refuse(model: ResearchModel, r: Refusal, extra = ''): Promise<Exported> {
  const place = r.where && /^(.+?):(\d+):(\d+): \w+: /.exec(r.where);
  const message = `Sift: ${r.message}${extra}`;
  if (!place) void vscode.window.showErrorMessage(message);
  else
    void vscode.window.showErrorMessage(message, 'Go to It').then(async (pick) => {
      if (!pick) return;
      const editor = await vscode.window.showTextDocument(model.fs.uri(place[1]!));
      const at = new vscode.Position(Number(place[2]) - 1, Number(place[3]) - 1);
      editor.selection = new vscode.Selection(at, at);
    });
  return { ok: false, message };
}

function open(file: string, pick: string | undefined): void {
  if (pick === 'Open') void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
  if (pick === 'Reveal') void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(file));
}
