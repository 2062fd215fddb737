/**
 * Personal data in VS Code: what `sift pii` finds, as warnings in Problems, rescanned a
 * moment after each change (only the files that changed are read again); and "Pseudonymise
 * Personal Data…", which shows every change in VS Code's multi-file diff and asks before it
 * writes anything. The key file stays out of git exactly as with `sift redact`.
 */
import * as vscode from 'vscode';
import { TextPositions } from '../../../core/editor/text-positions';
import { applyDecisions, withDecision, type DecisionVerdict, type PrivacyDecision } from '../../../core/privacy/decisions';
import { findingProblem, type PiiFinding } from '../../../core/privacy/findings';
import { gitBlobHashOfBytes } from '../../../core/hash';
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

/** The personal-data scan, loaded when the first scan starts, after activation (dist/privacy-scanner.js). */
const scan = () => require('./privacy-scanner') as typeof import('./privacy-scanner');

export function registerPrivacy(sift: SiftContext): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('sift-privacy');
  /** What the scan remembers of each study between scans, as the scanner's snapshot bytes (findings packed, not objects). */
  const memories = new WeakMap<ResearchModel, Uint8Array>();
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
      const memory = memories.get(model);
      memories.delete(model); // handed to the worker, and back with the answer
      try {
        const done = await worker.scan(memory, files, options, read, pause);
        memories.set(model, done.snapshot);
        return scan()
          .PrivacyScanner.fromSnapshot(done.snapshot)
          .remembered(files.map((f) => f.path));
      } catch (e) {
        const kept = (e as { snapshot?: Uint8Array }).snapshot;
        if (kept) memories.set(model, kept);
        if (worker.usable) throw e; // superseded, as a scan here stops at its next pause
        sift.log.warn(`The personal-data worker thread failed; scanning on the extension host instead: ${(e as Error).message}`);
      }
    }
    let scanner = scanners.get(model);
    if (!scanner) scanners.set(model, (scanner = scan().PrivacyScanner.fromSnapshot(memories.get(model))));
    return scanner.findings(files, read, options, pause);
  };

  // What a report, a clip or a reel made in VS Code masks and refuses by: the guard `sift report`
  // and `sift clip` build (src/node/privacy-scan.ts), but from the scanner Problems keeps warm, in
  // slices of the host's event loop. The CLI's whole-study scan, run in one go at the example's first
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
  /** The findings behind the warnings shown, by document, for the quick fixes: warning i is finding i. */
  let shown = new Map<string, { model: ResearchModel; findings: PiiFinding[]; diagnostics: vscode.Diagnostic[] }>();

  const publish = async () => {
    const mine = ++generation;
    // A scan that a newer one supersedes stops at its next pause.
    await unlessSuperseded(publishScan(hostSlicer(() => mine === generation)));
  };

  const publishScan = async (pause: () => Promise<void>) => {
    const diagnostics = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
    const behind: typeof shown = new Map();
    // Most warnings say the same words ("a person's name", "J…n", "80 % sure"): one string for all of them.
    const messages = new Map<string, string>();
    const messageOf = (f: PiiFinding) => {
      const key = `${f.kind}\0${f.text}\0${f.confidence}`;
      let message = messages.get(key);
      if (message === undefined) messages.set(key, (message = findingProblem(f, 'warning').message));
      return message;
    };
    for (const model of sift.models) {
      const current = await currentFindings(model, pause);
      if (!current) continue;
      for (const file of current.found.files) {
        // Findings become objects here, file by file, only to be shown; the scan keeps them packed.
        const found = applyDecisions(file.all(), current.decisions).open;
        if (found.length === 0) continue;
        const text = await readText(model.fs, file.path);
        await pause();
        if (text === undefined) continue;
        const positions = new TextPositions(text);
        const uri = model.fs.uri(file.path);
        const list = found.map((f) => {
          const d = new vscode.Diagnostic(toRange(positions.rangeOf(f.start, f.end)), messageOf(f), vscode.DiagnosticSeverity.Warning);
          d.source = 'sift';
          d.code = PERSONAL_DATA;
          return d;
        });
        behind.set(uri.toString(), { model, findings: found, diagnostics: list });
        diagnostics.set(uri.toString(), { uri, list });
      }
    }
    await pause(); // the last chance for a newer scan to take over
    collection.clear();
    for (const { uri, list } of diagnostics.values()) collection.set(uri, list);
    shown = behind;
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
        const at = behind?.diagnostics.findIndex((s) => s.range.isEqual(d.range)) ?? -1;
        if (!behind || at < 0) return [];
        const hit = { model: behind.model, finding: behind.findings[at]! };
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
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, { provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '' }),
    vscode.commands.registerCommand('sift.pseudonymise', pseudonymise),
    vscode.commands.registerCommand('sift.setAsidePersonalData', (model: ResearchModel, finding: PiiFinding, decision: DecisionVerdict) => setAside(model, finding, decision)),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, quickFixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    { dispose: () => timer && clearTimeout(timer) },
    { dispose: () => worker?.dispose() },
  );
}

const PREVIEW_TITLE = 'Pseudonymise personal data (preview)';

async function closePreview(): Promise<void> {
  // VS Code's label adds "(N files)" to the title.
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label.startsWith(PREVIEW_TITLE));
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
