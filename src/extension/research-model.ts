/**
 * One research workspace open in VS Code: its study service (the loaded files, where each
 * highlight is, the derived indexes), told of files changed on disk by someone else (a
 * `git pull`, a branch switch, the CLI) through a watcher, and the way features change files:
 * they plan edits with the core, which are applied and then taken into the study from the
 * bytes written — no reload.
 */
import * as vscode from 'vscode';
import { EditPlan, type EditResult } from '../core/store/plan';
import type { Problem } from '../core/problems';
import { readText, type LoadResult } from '../core/workspace/load';
import { createStudyService, type StudyService, type WrittenFile } from '../core/workspace/study-service';
import { deepFreeze } from '../core/workspace/freeze';
import { inForeground, SLICE_MS, sliceClock, yieldInBackground, yieldToHost } from './host/slices';
import type { Workspace } from '../core/workspace/workspace';
import type { FullTextIndex } from '../core/search/fulltext';
import type { IFileSystem, ITextHistory, ParseYamlElsewhere } from '../core/ports';
import { WorkspaceBusyError, withWriteLock } from '../node/write-lock';
import { applyEdits, EditConflict, EditNotSaved, type ReplacedFile } from './host/apply-edits';
import { ChangedSinceRead, goesStraightToDisk, writeToDisk, type DiskWrite, type DiskWriter } from '../core/workspace/disk-writes';
import { gitBlobHashOfBytes } from '../core/hash';
import type { FileEdit } from '../core/ports';
import { Spans } from './host/spans';
import { reportFailure } from './host/failures';
import { VscodeFileSystem } from './host/vscode-fs';

/** The largest study (in highlights) the test build freezes at each change: the example and the integration tests' studies. */
const FREEZE_IN_TESTS_UP_TO = 20_000;

/**
 * A change Sift applied, with what it replaced: enough to take it back, byte for byte, while
 * its files are still as it left them (`afterHash`, null where it deleted the file).
 */
export interface AppliedChange {
  label: string;
  files: { path: string; before: Uint8Array | null; afterHash: string | null }[];
}

/** The study after a change of its files: those changed (highlights files written by Sift, or problems found after them), or 'all'. */
export interface FilesChanged {
  readonly study: Workspace;
  readonly paths: readonly string[] | 'all';
}

export interface ChangeOptions {
  /** Called with what was replaced once the change is applied (a change that may be undone). */
  onApplied?: (change: AppliedChange) => void;
}

export class ResearchModel implements vscode.Disposable {
  readonly fs: VscodeFileSystem;
  /** The one owner of what is known of this study: its files, where each highlight is, its indexes. */
  readonly study: StudyService;
  private readonly changed = new vscode.EventEmitter<FilesChanged>();
  private readonly placesMoved = new vscode.EventEmitter<readonly string[]>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.placesMoved];
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  /** Files the watcher reported since the last reload ('' for a reload asked without a file). */
  private readonly changedOnDisk = new Set<string>();

  /** The steps of the last change applied and how long each took (logged at trace level; the load test reads it). */
  lastChange: Spans | undefined;
  /**
   * Transcripts whose highlights' places a change in progress writes itself: a tag saves the
   * transcript first, then writes the places unsaved edits moved with the new highlight; a change
   * that edits a transcript's text (pseudonymising) writes the places it planned. Tracking leaves
   * them alone meanwhile: the editor's report of Sift's own edit (often the whole text replaced)
   * must not move the highlights, and their save writes nothing.
   */
  readonly placesWrittenByChange = new Set<string>();
  /** The spans of the change being applied, while it is. */
  private inChange: Spans | undefined;

  /** Fires after every change of the study's files (a write, a reload) with the new workspace and the files changed. */
  readonly onDidChange = this.changed.event;
  /** Fires when highlights of these transcripts moved with unsaved edits in an editor. */
  readonly onDidMovePlaces = this.placesMoved.event;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    readonly history: ITextHistory | undefined,
    private readonly log: vscode.LogOutputChannel,
    /** Where large YAML files are parsed (a worker thread), so a load does not block the extension host. */
    parseYamlElsewhere?: ParseYamlElsewhere,
    /** The folder's files read and written without the workbench (a folder on this machine's disk). */
    private readonly disk?: Pick<IFileSystem, 'readFile' | 'stat'> & DiskWriter,
  ) {
    this.fs = new VscodeFileSystem(folder.uri, disk);
    this.study = createStudyService({
      fs: this.fs,
      ...(history ? { history } : {}),
      yieldToHost,
      yieldInBackground,
      sliceMs: SLICE_MS,
      sliceClock,
      ...(parseYamlElsewhere ? { parseYamlElsewhere } : {}),
      reportFailure: (what, error) => reportFailure(log, what, error),
    });
    const subscription = this.study.onDidChange((change) => {
      // The test build freezes each study before any feature sees it, so a feature writing into
      // it throws in the integration tests. Not the load test's studies (50,000 highlights and
      // more): freezing them at each change would change what it measures.
      if (SIFT_TEST && change.study.anchoring.size <= FREEZE_IN_TESTS_UP_TO) deepFreeze(change.study);
      if (change.kind === 'places') return this.placesMoved.fire(change.paths === 'all' ? [] : change.paths);
      this.inChange?.mark('study updated');
      this.changed.fire({ study: change.study, paths: change.paths });
      this.inChange?.mark('features told');
    });
    this.disposables.push({ dispose: () => subscription.dispose() });
    // Any change under the folder may matter: YAML, transcripts, research.yaml's globs.
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    const onFile = (uri: vscode.Uri) => {
      const rel = this.fs.relative(uri);
      if (rel && !rel.startsWith('.git/') && !rel.startsWith('.sift/') && !rel.startsWith('node_modules/')) this.scheduleReload(rel);
    };
    watcher.onDidChange(onFile, undefined, this.disposables);
    watcher.onDidCreate(onFile, undefined, this.disposables);
    watcher.onDidDelete(onFile, undefined, this.disposables);
    this.disposables.push(watcher);
  }

  get workspace(): Workspace | undefined {
    return this.study.study;
  }

  /** What the last load did: files read, parsed (in the worker thread or here), taken from the snapshot. */
  get loadStats(): LoadResult['stats'] | undefined {
    return this.study.loadStats;
  }

  /** Loads (or reloads) the study from disk, re-reading only what changed (see StudyService.reload). */
  async load(): Promise<Workspace> {
    const t0 = Date.now();
    const before = this.study.lastLoad;
    const ws = await this.study.reload();
    const stats = this.study.loadStats;
    // Not after a reload that took in changed highlights files only: the figures are the last whole load's.
    if (stats && this.study.lastLoad !== before)
      this.log.info(`Loaded ${this.folder.name}: ${stats.files} files, ${stats.parsed} parsed (${stats.parsedElsewhere} in the worker thread), ${stats.fromSnapshot} unchanged, in ${Date.now() - t0} ms`);
    return ws;
  }

  /**
   * Debounced: a `git checkout` changes many files at once. The echo of Sift's own write (a file
   * whose bytes are those the study holds, the temporary file renamed over it) sets off no reload.
   */
  scheduleReload(path?: string, delayMs = 150): void {
    if (path) this.changedOnDisk.add(path);
    else this.changedOnDisk.add('');
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.reloadIfChangedElsewhere().catch((e: unknown) => reportFailure(this.log, 'Reloading the study after a change on disk', e)), delayMs);
  }

  private async reloadIfChangedElsewhere(): Promise<void> {
    const paths = [...this.changedOnDisk];
    this.changedOnDisk.clear();
    if (await this.study.changedOnDisk(paths)) await this.load();
  }

  /** The full-text index over highlights: built on first use, then updated per load with the files that changed. */
  search(): FullTextIndex | undefined {
    return this.study.search();
  }

  async transcriptText(path: string): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.fs.uri(path).toString());
    if (open)
      return open
        .getText()
        .replace(/^\uFEFF/, '')
        .replace(/\r\n?/g, '\n');
    return readText(this.fs, path);
  }

  /**
   * Plans a change against the loaded workspace and applies it, then reloads. Returns the
   * refusals (problems) if any; nothing is written then. A file that changed since the last
   * load (a save still settling, a `git pull` in the middle) makes the plan stale: it is then
   * made once more on a fresh load — from the new files, never written over them.
   */
  async change(label: string, plan: (plan: EditPlan, ws: Workspace) => Promise<Problem[] | void>, options: ChangeOptions = {}): Promise<Problem[]> {
    return this.applyPlanned(
      label,
      async (ws) => {
        const editPlan = new EditPlan(this.fs, ws.versions);
        const refused = (await plan(editPlan, ws)) ?? [];
        const result = editPlan.result();
        return { edits: result.edits, problems: [...refused, ...result.problems] };
      },
      options,
    );
  }

  /**
   * Takes an applied change back: every file it wrote as it was before, byte for byte (one
   * edit, as the change was). Refused, changing nothing, when a file changed since: undoing
   * then would throw away what came after.
   */
  async revert(change: AppliedChange): Promise<Problem[]> {
    for (const f of change.files) {
      const now = await this.fs.readFile(f.path);
      if ((now ? gitBlobHashOfBytes(now) : null) !== f.afterHash) {
        return [refusal('changed-since', `${f.path} changed since “${change.label}”, so it cannot be undone without losing that change; nothing was changed. Source Control shows the difference.`)];
      }
    }
    // The text as it was, BOM and line endings included: written so to disk; a document open in an editor keeps its own (see applyEdits).
    const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const edits = change.files.flatMap((f): FileEdit[] => {
      if (f.before === null) return f.afterHash === null ? [] : [{ kind: 'delete', path: f.path, expectedHash: f.afterHash }];
      return [{ kind: 'write', path: f.path, expectedHash: f.afterHash, content: text(f.before) }];
    });
    return this.applyPlanned(`Undo ${change.label}`, async () => ({ edits, problems: [] }));
  }

  /**
   * As `change`, for a core operation that makes its own EditPlan (against `ws.versions`) and
   * returns its result. Background work gives way while it runs (host/slices.ts).
   */
  applyPlanned(label: string, planned: (ws: Workspace) => Promise<EditResult>, options: ChangeOptions = {}): Promise<Problem[]> {
    return inForeground(() => this.plannedApplied(label, planned, options));
  }

  private async plannedApplied(label: string, planned: (ws: Workspace) => Promise<EditResult>, options: ChangeOptions): Promise<Problem[]> {
    if (!vscode.workspace.isTrusted) {
      return [refusal('restricted', 'This folder is open in Restricted Mode: Sift shows your analysis but changes no file until you trust the folder.')];
    }
    for (let attempt = 1; ; attempt++) {
      const spans = new Spans(label);
      const ws = attempt === 1 ? (this.workspace ?? (await this.load())) : await this.study.freshReload();
      const { edits, problems } = await planned(ws);
      spans.mark('planned');
      const errors = problems.filter((p) => p.severity === 'error');
      if (errors.length === 0) {
        try {
          const { applied, written } = await this.underWriteLock(async () => {
            spans.mark('locked');
            const own = [...new Set(edits.map((e) => e.path))].filter((path) => !this.placesWrittenByChange.has(path));
            for (const path of own) this.placesWrittenByChange.add(path);
            let done: { replaced: ReplacedFile[]; written: WrittenFile[] };
            try {
              done = this.goesStraightToDisk(edits, ws) ? await this.writeToDisk(edits, label, spans) : await this.applyInEditors(edits, label, spans);
            } finally {
              for (const path of own) this.placesWrittenByChange.delete(path);
            }
            // An undo checks that each file is still as the change left it.
            const after = new Map(done.written.map((w) => [w.path, w.bytes ? gitBlobHashOfBytes(w.bytes) : null]));
            const applied = options.onApplied ? { label, files: done.replaced.map((f) => ({ ...f, afterHash: after.get(f.path) ?? null })) } : undefined;
            return { applied, written: done.written };
          });
          spans.mark('unlocked');
          this.inChange = spans;
          try {
            if (written.length > 0) await this.study.written(written);
          } finally {
            this.inChange = undefined;
          }
          this.lastChange = spans;
          this.log.trace(spans.toString());
          if (applied) options.onApplied?.(applied);
        } catch (e) {
          if (e instanceof WorkspaceBusyError) return [...problems, refusal('busy', e.message)];
          if (e instanceof EditNotSaved) {
            this.log.warn(`${label}: not saved — ${e.message}`);
            return [...problems, refusal('unsaved', e.message)];
          }
          if (!(e instanceof EditConflict || e instanceof ChangedSinceRead)) throw e;
          if (attempt === 1) continue;
          this.log.warn(`${label}: refused — ${e.message}`);
          return [...problems, refusal('stale', e.message)];
        }
        return problems;
      }
      if (attempt === 1 && errors.every((p) => p.code === 'stale')) continue;
      this.log.warn(`${label}: refused — ${errors.map((p) => p.message).join(' ')}`);
      return problems;
    }
  }

  /**
   * Whether a change is written straight to disk by the node adapter rather than through VS
   * Code: on a local folder, when it edits only highlights files none of which an editor has
   * unsaved edits in (src/core/workspace/disk-writes.ts). A tag then costs no opening, applying
   * and saving of a document in the workbench; a document that shows the file, unmodified,
   * reloads it from disk as after any other program's write.
   */
  private goesStraightToDisk(edits: readonly FileEdit[], ws: Workspace): boolean {
    return this.disk !== undefined && goesStraightToDisk(edits, ws.project?.paths.highlights, (path) => openDocument(this.fs.uri(path))?.isDirty === true);
  }

  /**
   * Writes the edits atomically through the node adapter, refused if a file is not as the study
   * holds it. When the system refuses the write (a locked or read-only file), the change goes
   * through the editor instead, as every change did before: VS Code says why it cannot save,
   * and the change waits beside, unsaved (README, "When things go wrong").
   */
  private async writeToDisk(edits: readonly FileEdit[], label: string, spans: Spans): Promise<DiskWrite> {
    try {
      const done = await writeToDisk(this.disk!, edits, this.workspace?.versions ?? new Map());
      spans.mark('written to disk');
      return done;
    } catch (e) {
      if (e instanceof ChangedSinceRead) throw e;
      this.log.warn(`${label}: could not be written straight to disk (${(e as Error).message}); applying it in the editor instead.`);
      return this.applyInEditors(edits, label, spans);
    }
  }

  /** Applies the edits as one WorkspaceEdit (undoable in the editor, saved), then reads back what is on disk. */
  private async applyInEditors(edits: readonly FileEdit[], label: string, spans: Spans): Promise<{ replaced: ReplacedFile[]; written: WrittenFile[] }> {
    const replaced = await applyEdits(this.fs, edits, label, spans);
    // What the change left on disk, read under the lock (VS Code writes a document's own line
    // endings): the study is updated from these bytes, no reload.
    const written = await Promise.all(edits.map(async (e) => ({ path: e.path, bytes: (await this.fs.readFile(e.path)) ?? null })));
    spans.mark('read back');
    return { replaced, written };
  }

  /**
   * The CLI and other VS Code windows take the same lock (src/node/write-lock.ts) around their
   * check-then-write, so no two writers both pass the hash check and the later one silently
   * drops the other's update. A virtual workspace has no local folder to hold the lock in.
   */
  private underWriteLock<T>(work: () => Promise<T>): Promise<T> {
    return this.folder.uri.scheme === 'file' ? withWriteLock(this.folder.uri.fsPath, work) : work();
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    for (const d of this.disposables) d.dispose();
  }
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

function refusal(code: string, message: string): Problem {
  return { path: '', line: 1, column: 1, severity: 'error', code, message };
}
