/**
 * Personal data in VS Code: what `sift pii` finds, as warnings in Problems, rescanned a
 * moment after each change (only the files that changed are read again); and "Pseudonymise
 * Personal Data…", which shows every change in VS Code's multi-file diff and asks before it
 * writes anything. The key file stays out of git exactly as with `sift redact`.
 */
import * as vscode from 'vscode';
import { TextPositions } from '../../../core/editor/text-positions';
import { applyDecisions, decisionFor, withDecision, type DecisionVerdict, type PrivacyDecision } from '../../../core/privacy/decisions';
import { findingProblem, type PiiFinding } from '../../../core/privacy/findings';
import { reportedFindings } from '../../../core/privacy/label-findings';
import { gitBlobHashOfBytes } from '../../../core/hash';
import type { Turn } from '../../../core/model';
import type { FileFindings } from '../../../core/privacy/packed';
import type { PrivacyScanner, PrivacySources, StudyFindings } from '../../../core/privacy/scan';
import { sharingGuard } from '../../../core/privacy/share';
import { hasErrors } from '../../../core/problems';
import { readText } from '../../../core/workspace/load';
import type { Workspace } from '../../../core/workspace/workspace';
import type { SiftContext } from '../../context';
import { applyEdits } from '../../host/apply-edits';
import { hostSlicer, unlessSuperseded } from '../../host/slices';
import { toRange } from '../../positions';
import type { ResearchModel } from '../../research-model';
import { report } from '../tagging';

const PREVIEW_SCHEME = 'sift-redaction-preview';
/** The worker thread the scan runs on, as the adapters make it. */
type PrivacyWorker = InstanceType<ReturnType<SiftContext['adapters']['privacyWorker']>['PrivacyWorker']>;

/** The code of a personal-data warning (findingProblem's). */
const PERSONAL_DATA = 'personal-data';
/** The line that stands for a closed file's warnings past the first few. */
const MORE_PERSONAL_DATA = 'personal-data-more';

/** The personal-data scan, loaded when the first scan starts, after activation (dist/privacy-scanner.js). */
const scan = () => require('./privacy-scanner') as typeof import('./privacy-scanner');

export function registerPrivacy(sift: SiftContext): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('sift-privacy');
  /** What the scan remembers of each study between scans: the scanner's snapshot bytes, and the findings in them (packed, not objects). */
  const memories = new WeakMap<ResearchModel, { bytes: Uint8Array; found: StudyFindings | undefined }>();
  /** A study's scanner when the worker thread is not there (from sources) or failed: scanned here, in slices. */
  const scanners = new WeakMap<ResearchModel, PrivacyScanner>();
  /** One scan of a study at a time: the next starts from the memory the last one left. */
  const queues = new WeakMap<ResearchModel, Promise<unknown>>();
  /** The scan's worker thread (dist/privacy-thread.js), started with the first scan; null until then. */
  let worker: PrivacyWorker | undefined | null = null;
  /** The text each preview URI shows (the file after pseudonymisation). */
  const previews = new Map<string, string>();
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const findingsOf = (model: ResearchModel, ws: Workspace, sources: PrivacySources, pause: () => Promise<void>): Promise<StudyFindings> => {
    const run = (queues.get(model) ?? Promise.resolve()).catch(() => undefined).then(() => scanStudy(model, ws, sources, pause));
    queues.set(model, run);
    return run;
  };

  const scanStudy = async (model: ResearchModel, ws: Workspace, sources: PrivacySources, pause: () => Promise<void>): Promise<StudyFindings> => {
    const files = scan()
      .scannableFiles(ws)
      .map((path) => ({ path, hash: ws.transcripts.get(path)?.hash ?? ws.versions.get(path) ?? '' }));
    const options = scan().scanOptionsOf(ws, sources);
    // The scan reads every file and takes a while in a big study: it holds what it needs, not the study.
    const read = (path: string) => readText(model.fs, path);
    if (worker === null) worker = sift.adapters.privacyWorker().PrivacyWorker.bundled();
    if (worker?.usable && !scanners.has(model)) {
      const last = memories.get(model);
      try {
        // The worker gets a copy of the bytes: the findings shown and guarded are views of these.
        const done = await worker.scan(last?.bytes, files, options, read, pause);
        // Nothing read or forgotten: the findings are the last scan's, not decoded again.
        if (last?.found && !done.changed) return last.found;
        const found = scan()
          .PrivacyScanner.fromSnapshot(done.snapshot)
          .remembered(files.map((f) => f.path));
        memories.set(model, { bytes: done.snapshot, found });
        return found;
      } catch (e) {
        const kept = (e as { snapshot?: Uint8Array }).snapshot;
        if (kept) memories.set(model, { bytes: kept, found: undefined });
        if (worker.usable) throw e; // superseded, as a scan here stops at its next pause
        sift.log.warn(`The personal-data worker thread failed; scanning on the extension host instead: ${(e as Error).message}`);
      }
    }
    let scanner = scanners.get(model);
    if (!scanner) scanners.set(model, (scanner = scan().PrivacyScanner.fromSnapshot(memories.get(model)?.bytes)));
    return scanner.findings(files, read, options, pause);
  };

  // What a report, a clip or a reel made in VS Code masks and refuses by: the guard `sift report`
  // and `sift clip` build (src/node/privacy-scan.ts), but from the scan Problems keeps warm, on its
  // worker thread (or in slices of the host's event loop). The CLI's whole-study scan, run in one go at the example's first
  // clip export, held the extension host for 1.2 s at a stretch (of 2 s of Sift's CPU time then).
  sift.provideSharingGuard(async (model, ws) => {
    const sources = await scan().readPrivacySources(model.fs, ws);
    return sharingGuard(ws, await findingsOf(model, ws, sources, hostSlicer()), sources.decisions);
  });

  /** The findings of the model's current study and the decisions in privacy.yaml, or undefined when it has no study (yet). */
  const currentFindings = async (model: ResearchModel, pause: () => Promise<void>): Promise<{ found: StudyFindings; decisions: PrivacyDecision[] } | undefined> => {
    const ws = model.workspace;
    if (!ws?.project) return undefined;
    const sources = await scan().readPrivacySources(model.fs, ws);
    return { found: await findingsOf(model, ws, sources, pause), decisions: sources.decisions };
  };
  /**
   * The findings behind the warnings shown, by document, for the quick fixes: warning i is the
   * file's finding `open[i]` (packed until a quick fix asks for it).
   */
  let shown = new Map<string, Shown>();

  const publish = async () => {
    const mine = ++generation;
    // A scan that a newer one supersedes stops at its next pause.
    await unlessSuperseded(publishScan(hostSlicer(() => mine === generation)));
  };

  const publishScan = async (pause: () => Promise<void>) => {
    const behind = new Map<string, Shown>();
    const opened = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const messages = new Map<string, string>();
    for (const model of sift.models) {
      const current = await currentFindings(model, pause);
      if (!current) continue;
      for (const file of current.found.files) {
        const open = openFindings(file, current.decisions);
        if (open.length === 0) continue;
        const text = await readText(model.fs, file.path);
        await pause();
        if (text === undefined) continue;
        const uri = model.fs.uri(file.path);
        const turns = model.workspace?.transcripts.get(file.path)?.turns;
        behind.set(uri.toString(), { model, uri, file, open, turns, ...warnings(file, open, turns, text, opened.has(uri.toString()), messages) });
      }
    }
    await pause(); // the last chance for a newer scan to take over
    collection.clear();
    for (const { uri, diagnostics } of behind.values()) collection.set(uri, diagnostics);
    shown = behind;
  };

  /** A file opened in an editor shows every warning it has, not only the first ones Problems lists. */
  const showAllOf = async (doc: vscode.TextDocument) => {
    const behind = shown.get(doc.uri.toString());
    if (!behind?.diagnostics.some((d) => d.code === MORE_PERSONAL_DATA)) return;
    const text = await readText(behind.model.fs, behind.file.path);
    if (text === undefined || shown.get(doc.uri.toString()) !== behind) return;
    Object.assign(behind, warnings(behind.file, behind.open, behind.turns, text, true, new Map()));
    collection.set(behind.uri, behind.diagnostics);
  };

  /** Records a researcher's decision about a finding in privacy.yaml (comments kept), then rescans. */
  const setAside = async (model: ResearchModel, finding: PiiFinding, decision: DecisionVerdict) => {
    const ws = model.workspace;
    if (!ws?.project) return;
    const file = ws.project.privacy.decisions;
    const bytes = await model.fs.readFile(file);
    const text = bytes ? new TextDecoder().decode(bytes) : undefined;
    const content = withDecision(text, { text: finding.text, kind: finding.kind, path: finding.path, decision, date: new Date().toISOString().slice(0, 10) });
    await applyEdits(model.fs, [{ kind: 'write', path: file, content, expectedHash: bytes ? gitBlobHashOfBytes(bytes) : null }], 'Set aside personal data');
    await publish();
  };
  const quickFixes: vscode.CodeActionProvider = {
    provideCodeActions: (doc, _range, context) =>
      context.diagnostics.flatMap((d) => {
        if (d.source !== 'sift' || d.code !== PERSONAL_DATA) return [];
        const behind = shown.get(doc.uri.toString());
        const at = behind?.diagnostics.findIndex((s) => s.code === PERSONAL_DATA && s.range.isEqual(d.range)) ?? -1;
        if (!behind || at < 0) return [];
        const hit = { model: behind.model, finding: behind.file.at(behind.findings[at]!) };
        return (
          [
            ['not-personal-data', `Not personal data: set "${hit.finding.text}" aside in privacy.yaml`],
            ['accepted', `Personal data, but it may stay (accept "${hit.finding.text}" in privacy.yaml)`],
          ] as const
        ).map(([decision, title]) => {
          const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
          a.diagnostics = [d];
          a.command = { title, command: 'sift.setAsidePersonalData', arguments: [hit.model, hit.finding, decision] };
          return a;
        });
      }),
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void publish().catch((e: unknown) => sift.log.error(`Personal-data scan failed: ${(e as Error).stack ?? e}`)), 800);
  };

  const pseudonymise = async () => {
    const model = await sift.pickModel();
    const ws = model?.workspace;
    if (!model || !ws?.project) return;
    const sources = await scan().readPrivacySources(model.fs, ws);
    const keyPath = sources.settings.key;
    const root = model.folder.uri.scheme === 'file' ? model.folder.uri.fsPath : undefined;
    const { gitignoreEdit, ignoreLineFor, isIgnored, keyFileProblems } = sift.adapters.privacyGuard;
    if (report([...sources.problems, ...(root ? keyFileProblems(root, keyPath) : [])])) return;
    // What a researcher set aside in privacy.yaml stays as it is.
    const findings = applyDecisions((await findingsOf(model, ws, sources, hostSlicer())).all(), sources.decisions).open;
    if (findings.length === 0) return void vscode.window.showInformationMessage('Sift found no personal data in this study.');
    // Loaded the first time a study is pseudonymised (dist/redaction.js).
    const { planRedaction } = require('../../../core/privacy/redact') as typeof import('../../../core/privacy/redact');
    const planned = await planRedaction(model.fs, ws, sources, findings);
    if (report(planned.problems) || planned.edits.length === 0) return;

    // Every change, file by file, in VS Code's own diff before anything is written.
    previews.clear();
    const resources = planned.changes.map((c) => {
      const after = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${c.path}`, query: String(generation) });
      previews.set(after.toString(), c.after);
      return [model.fs.uri(c.path), model.fs.uri(c.path), after] as const;
    });
    await vscode.commands.executeCommand('vscode.changes', PREVIEW_TITLE, resources);
    const replacements = planned.changes.reduce((n, c) => n + c.replaced.length, 0);
    // A quick pick rather than a modal dialog: it stays open (ignoreFocusOut) while the researcher reads the preview.
    const answer = await vscode.window.showQuickPick(
      [
        {
          label: `$(check) Pseudonymise ${count(replacements, 'item')} in ${count(planned.changes.length, 'file')}`,
          detail: `Highlights stay on their words. The key to reverse it goes to ${keyPath}, which git ignores: keep it private.`,
          go: true,
        },
        { label: '$(close) Cancel', detail: 'Nothing is written.', go: false },
      ],
      { title: 'Pseudonymise personal data: check the preview, then choose', ignoreFocusOut: true },
    );
    // The preview has served its purpose either way. Closed before anything is written: VS Code's
    // diff editor trips its own assertion (unchanged regions) when the files change under it.
    await closePreview();
    if (!answer?.go) return;
    // The key must be ignored before it exists: first the .gitignore, then (checked again) the rest.
    if (root && !isIgnored(root, keyPath)) {
      await applyEdits(model.fs, [gitignoreEdit(root, keyPath)], 'Ignore the private key');
      if (!isIgnored(root, keyPath)) return void vscode.window.showErrorMessage(`Sift added ${ignoreLineFor(keyPath)} to .gitignore, but git still does not ignore ${keyPath}. Fix the ignore rules; nothing else was written.`);
    }
    // Exactly what the preview showed, or nothing: every edit carries the hash of the file it was
    // planned on, so a file changed meanwhile refuses the whole change instead of being re-planned unseen.
    const problems = await model.applyPlanned('Pseudonymise personal data', async () => planned);
    if (!report(problems) && !hasErrors(problems)) void vscode.window.showInformationMessage(`Pseudonymised ${count(replacements, 'item')} in ${count(planned.changes.length, 'file')}. The key is in ${keyPath}.`);
  };

  schedule();
  return vscode.Disposable.from(
    collection,
    sift.onDidChange(schedule),
    vscode.workspace.onDidOpenTextDocument((doc) => void showAllOf(doc).catch((e: unknown) => sift.log.error(`Showing personal-data warnings failed: ${(e as Error).stack ?? e}`))),
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, { provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '' }),
    vscode.commands.registerCommand('sift.pseudonymise', pseudonymise),
    vscode.commands.registerCommand('sift.setAsidePersonalData', (model: ResearchModel, finding: PiiFinding, decision: DecisionVerdict) => setAside(model, finding, decision)),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, quickFixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    { dispose: () => timer && clearTimeout(timer) },
    { dispose: () => worker?.dispose() },
  );
}

const PREVIEW_TITLE = 'Pseudonymise personal data (preview)';

/**
 * How many warnings Problems lists for a file no editor shows: the rest are summed up in one
 * line, and all of them shown when the file is opened. A synthetic study of 50,000 highlights
 * has 380,000 findings; a warning each for files nobody is looking at was ~70 MB of the
 * extension host's heap, for a list VS Code itself stops at 1,000 a file.
 */
export const CLOSED_FILE_WARNINGS = 20;

interface Shown {
  model: ResearchModel;
  uri: vscode.Uri;
  file: FileFindings;
  /** The file's open findings (no decision sets them aside), by index. */
  open: Uint32Array;
  /** The transcript's turns, which tell a speaker label from a name in the text (undefined: not a transcript). */
  turns: readonly Turn[] | undefined;
  diagnostics: vscode.Diagnostic[];
  /** The finding behind each personal-data warning, by its index in the file. */
  findings: Uint32Array;
}

/** Indexes of a file's findings that no decision in privacy.yaml sets aside. */
function openFindings(file: FileFindings, decisions: readonly PrivacyDecision[]): Uint32Array {
  const open: number[] = [];
  for (let i = 0; i < file.length; i++) if (decisions.length === 0 || !decisionFor(file.at(i), decisions)) open.push(i);
  return Uint32Array.from(open);
}

/** The warnings of a file's open findings: all of them, or the first few and a line saying how many more. */
/** The warnings of one file, and the finding behind each (by its index in the file; the last, "N more…", has none). */
function warnings(file: FileFindings, open: Uint32Array, turns: readonly Turn[] | undefined, text: string, all: boolean, messages: Map<string, string>): { diagnostics: vscode.Diagnostic[]; findings: Uint32Array } {
  const positions = new TextPositions(text);
  // A name written as a speaker label is one warning per transcript, at its first label (redaction renames them all).
  const findings = Array.from(open, (i) => file.at(i));
  const indexOf = new Map(findings.map((f, k) => [f, open[k]!]));
  const reported = reportedFindings(findings, () => turns);
  const count = all ? reported.length : Math.min(reported.length, CLOSED_FILE_WARNINGS);
  const list: vscode.Diagnostic[] = [];
  const behind = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const { finding: f, labels } = reported[i]!;
    behind[i] = indexOf.get(f)!;
    // Most warnings say the same words ("a person's name", "J…n", "80 % sure"): one string for all of them.
    const key = `${f.kind}\0${f.text}\0${f.confidence}\0${labels ?? ''}`;
    let message = messages.get(key);
    if (message === undefined) messages.set(key, (message = findingProblem(f, 'warning', labels).message));
    const d = new vscode.Diagnostic(toRange(positions.rangeOf(f.start, f.end)), message, vscode.DiagnosticSeverity.Warning);
    d.source = 'sift';
    d.code = PERSONAL_DATA;
    list.push(d);
  }
  if (count < reported.length) {
    const last = reported[count - 1]!.finding;
    const d = new vscode.Diagnostic(
      toRange(positions.rangeOf(last.start, last.end)),
      `${reported.length - count} more possible personal data in this file: open it to see every warning, or run \`sift pii\`.`,
      vscode.DiagnosticSeverity.Information,
    );
    d.source = 'sift';
    d.code = MORE_PERSONAL_DATA;
    list.push(d);
  }
  return { diagnostics: list, findings: behind };
}

async function closePreview(): Promise<void> {
  // VS Code's label adds "(N files)" to the title.
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label.startsWith(PREVIEW_TITLE));
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
