/**
 * One research workspace open in VS Code: the loaded Workspace (a view of its files), kept
 * current as files change on disk (an edit, a `git pull`, a branch switch, the CLI), and
 * the way features change files: they plan edits with the core and call `apply`.
 */
import * as vscode from 'vscode';
import { EditPlan, type EditResult } from '../core/store/plan';
import type { Problem } from '../core/problems';
import { loadWorkspace, readText, type LoadResult } from '../core/workspace/load';
import { hostSlicer, SLICE_MS, yieldToHost } from './host/slices';
import type { Workspace } from '../core/workspace/workspace';
import type { FullTextIndex } from '../core/search/fulltext';
import { StudyIndex } from '../core/search/study-index';
import type { ITextHistory, ParseYamlElsewhere } from '../core/ports';
import { WorkspaceBusyError, withWriteLock } from '../node/write-lock';
import { applyEdits, EditConflict, EditNotSaved, normalized } from './host/apply-edits';
import { gitBlobHashOfBytes } from '../core/hash';
import type { FileEdit } from '../core/ports';
import { VscodeFileSystem } from './host/vscode-fs';

/**
 * A change Sift applied, with what it replaced: enough to take it back, byte for byte, while
 * its files are still as it left them (`afterHash`, null where it deleted the file).
 */
export interface AppliedChange {
  label: string;
  files: { path: string; before: Uint8Array | null; afterHash: string | null }[];
}

export interface ChangeOptions {
  /** Called with what was replaced once the change is applied (a change that may be undone). */
  onApplied?: (change: AppliedChange) => void;
}

export class ResearchModel implements vscode.Disposable {
  readonly fs: VscodeFileSystem;
  private current: Workspace | undefined;
  /** The last load's result: its snapshot makes the next load re-read only changed files. */
  private last: LoadResult | undefined;
  private loading: Promise<Workspace> | undefined;
  private reloadAgain = false;
  private readonly searchIndex = new StudyIndex();
  private readonly changed = new vscode.EventEmitter<Workspace>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  /** Fires after every (re)load with the new workspace. */
  readonly onDidChange = this.changed.event;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    readonly history: ITextHistory | undefined,
    private readonly log: vscode.LogOutputChannel,
    /** Where large YAML files are parsed (a worker thread), so a load does not block the extension host. */
    private readonly parseYamlElsewhere?: ParseYamlElsewhere,
  ) {
    this.fs = new VscodeFileSystem(folder.uri);
    // Any change under the folder may matter: YAML, transcripts, research.yaml's globs.
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    const onFile = (uri: vscode.Uri) => {
      const rel = this.fs.relative(uri);
      if (rel && !rel.startsWith('.git/') && !rel.startsWith('.sift/') && !rel.startsWith('node_modules/')) this.scheduleReload();
    };
    watcher.onDidChange(onFile, undefined, this.disposables);
    watcher.onDidCreate(onFile, undefined, this.disposables);
    watcher.onDidDelete(onFile, undefined, this.disposables);
    this.disposables.push(watcher);
  }

  get workspace(): Workspace | undefined {
    return this.current;
  }

  /** What the last load did: files read, parsed (in the worker thread or here), taken from the snapshot. */
  get loadStats(): LoadResult['stats'] | undefined {
    return this.last?.stats;
  }

  /** Loads (or reloads) the workspace; concurrent calls share one load, and a change during a load triggers one more. */
  load(): Promise<Workspace> {
    if (this.loading) {
      this.reloadAgain = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        const t0 = Date.now();
        const result = await loadWorkspace(this.fs, {
          ...(this.history ? { history: this.history } : {}),
          ...(this.last ? { snapshot: this.last.snapshot, previous: this.last } : {}),
          yieldToHost,
          sliceMs: SLICE_MS,
          ...(this.parseYamlElsewhere ? { parseYamlElsewhere: this.parseYamlElsewhere } : {}),
        });
        // Nothing changed on disk (the watcher's echo of a write this window has reloaded already).
        if (result === this.last) return result.workspace;
        this.last = result;
        this.current = result.workspace;
        const { files, parsed, parsedElsewhere, fromSnapshot } = result.stats;
        this.log.info(`Loaded ${this.folder.name}: ${files} files, ${parsed} parsed (${parsedElsewhere} in the worker thread), ${fromSnapshot} unchanged, in ${Date.now() - t0} ms`);
        this.changed.fire(result.workspace);
        // The search index follows in the background, so the first filter does not build it.
        this.searchIndex.warm(result.workspace, hostSlicer()).catch((e: unknown) => this.log.error(`Search index: ${(e as Error).stack ?? e}`));
        return result.workspace;
      } finally {
        this.loading = undefined;
        if (this.reloadAgain) {
          this.reloadAgain = false;
          void this.load();
        }
      }
    })();
    return this.loading;
  }

  /** Debounced: a `git checkout` changes many files at once. */
  scheduleReload(delayMs = 150): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.load(), delayMs);
  }

  /** The full-text index over highlights: built on first use, then updated per load with the files that changed. */
  search(): FullTextIndex | undefined {
    return this.current && this.searchIndex.of(this.current);
  }

  async transcriptText(path: string): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.fs.uri(path).toString());
    if (open) return open.getText().replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    return readText(this.fs, path);
  }

  /**
   * Plans a change against the loaded workspace and applies it, then reloads. Returns the
   * refusals (problems) if any; nothing is written then. A file that changed since the last
   * load (a save still settling, a `git pull` in the middle) makes the plan stale: it is then
   * made once more on a fresh load — from the new files, never written over them.
   */
  async change(label: string, plan: (plan: EditPlan, ws: Workspace) => Promise<Problem[] | void>, options: ChangeOptions = {}): Promise<Problem[]> {
    return this.applyPlanned(label, async (ws) => {
      const editPlan = new EditPlan(this.fs, ws.versions);
      const refused = (await plan(editPlan, ws)) ?? [];
      const result = editPlan.result();
      return { edits: result.edits, problems: [...refused, ...result.problems] };
    }, options);
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
    // The text as it was, BOM and line endings included; a document open in an editor keeps its own (see applyEdits).
    const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const edits = change.files.flatMap((f): FileEdit[] => {
      if (f.before === null) return f.afterHash === null ? [] : [{ kind: 'delete', path: f.path, expectedHash: f.afterHash }];
      return [{ kind: 'write', path: f.path, expectedHash: f.afterHash, content: f.afterHash === null ? text(f.before) : normalized(text(f.before)) }];
    });
    return this.applyPlanned(`Undo ${change.label}`, async () => ({ edits, problems: [] }));
  }

  /** As `change`, for a core operation that makes its own EditPlan (against `ws.versions`) and returns its result. */
  async applyPlanned(label: string, planned: (ws: Workspace) => Promise<EditResult>, options: ChangeOptions = {}): Promise<Problem[]> {
    if (!vscode.workspace.isTrusted) {
      return [refusal('restricted', 'This folder is open in Restricted Mode: Sift shows your analysis but changes no file until you trust the folder.')];
    }
    for (let attempt = 1; ; attempt++) {
      const ws = attempt === 1 ? (this.current ?? (await this.load())) : await this.freshLoad();
      const { edits, problems } = await planned(ws);
      const errors = problems.filter((p) => p.severity === 'error');
      if (errors.length === 0) {
        try {
          const applied = await this.underWriteLock(async () => {
            const replaced = await applyEdits(this.fs, edits, label);
            if (!options.onApplied) return undefined;
            // What the change left on disk, read under the lock: the undo checks nothing came after.
            const files = await Promise.all(replaced.map(async (f) => {
              const now = await this.fs.readFile(f.path);
              return { ...f, afterHash: now ? gitBlobHashOfBytes(now) : null };
            }));
            return { label, files };
          });
          if (applied) options.onApplied?.(applied);
        } catch (e) {
          if (e instanceof WorkspaceBusyError) return [...problems, refusal('busy', e.message)];
          if (e instanceof EditNotSaved) {
            this.log.warn(`${label}: not saved — ${e.message}`);
            return [...problems, refusal('unsaved', e.message)];
          }
          if (!(e instanceof EditConflict)) throw e;
          if (attempt === 1) continue;
          this.log.warn(`${label}: refused — ${e.message}`);
          return [...problems, refusal('stale', e.message)];
        }
        await this.load();
        return problems;
      }
      if (attempt === 1 && errors.every((p) => p.code === 'stale')) continue;
      this.log.warn(`${label}: refused — ${errors.map((p) => p.message).join(' ')}`);
      return problems;
    }
  }

  /**
   * The CLI and other VS Code windows take the same lock (src/node/write-lock.ts) around their
   * check-then-write, so no two writers both pass the hash check and the later one silently
   * drops the other's update. A virtual workspace has no local folder to hold the lock in.
   */
  private underWriteLock<T>(work: () => Promise<T>): Promise<T> {
    return this.folder.uri.scheme === 'file' ? withWriteLock(this.folder.uri.fsPath, work) : work();
  }

  /** A load that starts after now (one already running may have read the files before they changed). */
  private async freshLoad(): Promise<Workspace> {
    if (this.loading) {
      this.reloadAgain = true;
      await this.loading;
      if (this.loading) return this.loading;
    }
    return this.load();
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    for (const d of this.disposables) d.dispose();
  }
}

function refusal(code: string, message: string): Problem {
  return { path: '', line: 1, column: 1, severity: 'error', code, message };
}
