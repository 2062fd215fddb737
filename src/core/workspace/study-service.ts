/**
 * One study and the one owner of what is known about it: its loaded files, where each
 * highlight is now, and the indexes derived from them. The host is handed in (its file
 * system, its history, how it yields), the way vscode-markdown-languageservice's
 * `createLanguageService` takes its host; the extension, the CLI and the tests make one each.
 *
 * Nothing outside changes what it holds (the `Workspace` it publishes is read-only by type):
 * - Sift's own writes are reported with the bytes written (`written`): the highlights files
 *   are read from them and anchored in place, without listing or re-reading the study;
 * - files changed by someone else (a watcher, git, the CLI) are read again by `reload`, which
 *   re-reads only what changed since the last load;
 * - places moved by unsaved edits in an editor are told with `moveLive` and dropped with
 *   `forgetLive` once the editor is saved or reverted.
 * Every change is announced once, with the files it touched, after it is in place.
 */
import { anchorHighlights, type AnchorResult } from '../anchoring/anchor';
import { placedHighlights, type PlacedHighlight } from '../editor/decoration-plan';
import { gitBlobHashOfBytes } from '../hash';
import type { HighlightsFile } from '../model';
import type { IFileSystem, ITextHistory, ParseYamlElsewhere, Yield } from '../ports';
import type { FullTextIndex } from '../search/fulltext';
import { StudyIndex } from '../search/study-index';
import { decodeText } from '../text';
import { shift, type TextChange } from './live-places';
import { checkAcrossFiles, isInFolder, loadWorkspace, readText, slicer, type LoadResult, type Snapshot } from './load';
import { LayeredMap } from './layered-map';
import { compareProblems, type Problem } from '../problems';
import { readYamlOfKind, toHighlightsFile } from './readers';
import type { Workspace } from './workspace';

export interface StudyHost {
  readonly fs: IFileSystem;
  readonly history?: ITextHistory;
  /** Called between chunks of work, so a long load returns to the host's event loop. */
  readonly yieldToHost?: Yield;
  readonly sliceMs?: number;
  readonly parseYamlElsewhere?: ParseYamlElsewhere;
  /** What an earlier run parsed (the host persists it): the first load re-reads only files changed since. */
  readonly snapshot?: Snapshot;
  /**
   * false: the search index is built when first asked for, not in the background after each
   * load. For a command-line run, which may never search (and `sift search` reads it from
   * .sift/cache): building 50 studies' indexes doubled the time to load a library.
   */
  readonly warmSearchIndex?: boolean;
}

export interface StudyChange {
  readonly study: Workspace;
  /**
   * `files`: the files changed (`paths`; every file after a reload from disk). `places`: only
   * where highlights of the transcripts in `paths` are, moved by edits in an editor.
   */
  readonly kind: 'files' | 'places';
  readonly paths: readonly string[] | 'all';
}

/** A file Sift wrote, with the bytes now on disk (null: deleted). */
export interface WrittenFile {
  readonly path: string;
  readonly bytes: Uint8Array | null;
}

export interface Disposable {
  dispose(): void;
}

export function createStudyService(host: StudyHost): StudyService {
  return new StudyService(host);
}

export class StudyService {
  private current: Workspace | undefined;
  private last: LoadResult | undefined;
  private loading: Promise<Workspace> | undefined;
  private loadAgain = false;
  /** Places moved by unsaved edits, by transcript path, then highlight id. */
  private readonly live = new Map<string, Map<string, AnchorResult>>();
  private readonly listeners = new Set<(change: StudyChange) => void>();
  private readonly searchIndex = new StudyIndex();
  /** The problems of each file on its own, as last read (the checks across files are added to them). */
  private fileProblems: readonly Problem[] = [];

  constructor(private readonly host: StudyHost) {}

  /** The study as last loaded or updated; undefined before the first load. */
  get study(): Workspace | undefined {
    return this.current;
  }

  /** What the last load from disk did (files read, parsed, taken from the snapshot). */
  get loadStats(): LoadResult['stats'] | undefined {
    return this.last?.stats;
  }

  /** The last load from disk, with the snapshot a host persists for its next start. */
  get lastLoad(): LoadResult | undefined {
    return this.last;
  }

  onDidChange(listener: (change: StudyChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Reads the study from disk: only files changed since the last load are read again.
   * Concurrent calls share one load, and a call during a load makes one more after it (it
   * may have read the files before they changed).
   */
  reload(): Promise<Workspace> {
    if (this.loading) {
      this.loadAgain = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        const result = await loadWorkspace(this.host.fs, {
          ...(this.host.history ? { history: this.host.history } : {}),
          ...(this.last ? { snapshot: this.last.snapshot, previous: this.last } : this.host.snapshot ? { snapshot: this.host.snapshot } : {}),
          ...(this.host.yieldToHost ? { yieldToHost: this.host.yieldToHost } : {}),
          sliceMs: this.host.sliceMs ?? 20,
          ...(this.host.parseYamlElsewhere ? { parseYamlElsewhere: this.host.parseYamlElsewhere } : {}),
        });
        // Nothing changed on disk (a watcher's echo of a write already taken in).
        if (result === this.last && this.current) return this.current;
        this.last = result;
        this.fileProblems = result.fileProblems ?? [];
        this.publish(result.workspace, 'files', 'all');
        return result.workspace;
      } finally {
        this.loading = undefined;
        if (this.loadAgain) {
          this.loadAgain = false;
          void this.reload();
        }
      }
    })();
    return this.loading;
  }

  /** A load that starts after now: one already running may have read the files before they changed. */
  async freshReload(): Promise<Workspace> {
    if (this.loading) {
      this.loadAgain = true;
      await this.loading;
      if (this.loading) return this.loading;
    }
    return this.reload();
  }

  /**
   * Takes in what Sift itself wrote. Highlights files are read from their new bytes and
   * anchored against their transcript, and the study is published with them at once; any
   * other file (the codebook, a theme…) is read by a reload. Problems found across files
   * (unknown tags, dangling references) follow from a background check, not a reload.
   */
  async written(files: readonly WrittenFile[]): Promise<Workspace | undefined> {
    const ws = this.current;
    if (files.length === 0) return ws;
    const highlightsFolder = ws?.project?.paths.highlights;
    if (!ws || !highlightsFolder || files.some((f) => !f.bytes || !isInFolder(f.path, highlightsFolder, false) || !/\.ya?ml$/.test(f.path))) return this.reload();
    const highlightFiles = new Map(ws.highlightFiles);
    const versions = new Map(ws.versions);
    let anchoring = ws.anchoring;
    const touched = new Set(files.map((f) => f.path));
    const fileProblems = this.fileProblems.filter((p) => !touched.has(p.path));
    for (const f of files) {
      const decoded = decodeText(f.path, f.bytes!);
      const read = decoded.ok ? readYamlOfKind('highlights', f.path, decoded.text) : undefined;
      if (!read?.value || read.problems.some((p) => p.severity === 'error')) return this.reload();
      const file = toHighlightsFile(f.path, read.value);
      const before = highlightFiles.get(f.path);
      anchoring = LayeredMap.with(
        anchoring,
        (before?.highlights ?? []).map((h) => h.id),
        (await this.anchored(ws, file)).map((r) => [r.id, r] as const),
      );
      highlightFiles.set(f.path, file);
      versions.set(f.path, gitBlobHashOfBytes(f.bytes!));
      fileProblems.push(...read.problems);
    }
    this.fileProblems = fileProblems;
    // Until the checks across files are made again (below), the touched files' problems are left out.
    const next: Workspace = { ...ws, highlightFiles, anchoring, versions, problems: ws.problems.filter((p) => !touched.has(p.path)) };
    this.publish(next, 'files', [...touched]);
    void this.checkAgain(next, touched).catch(() => undefined);
    return next;
  }

  /**
   * The checks across files after Sift's own write, in the background and in slices: a
   * highlight deleted or re-tagged can make a reference dangle or a tag unknown anywhere.
   * Problems in untouched files keep their place; only the touched files are parsed to place theirs.
   */
  private async checkAgain(study: Workspace, touched: ReadonlySet<string>): Promise<void> {
    const pause = slicer(this.host.yieldToHost, this.host.sliceMs ?? 20);
    const checked = await checkAcrossFiles(this.host.fs, study, this.last?.paths ?? new Set<string>(), pause, { before: study.problems, changed: touched });
    const problems = [...this.fileProblems, ...checked].sort(compareProblems);
    if (this.current !== study) return; // a newer change has its own check
    const same = problems.length === study.problems.length && problems.every((p, i) => p === study.problems[i]);
    if (!same) this.publish({ ...study, problems }, 'files', [...new Set(problems.map((p) => p.path).concat(study.problems.map((p) => p.path)))]);
  }

  /** Anchors a highlights file just written against its transcript as it is on disk. */
  private async anchored(ws: Workspace, file: HighlightsFile): Promise<AnchorResult[]> {
    const transcript = ws.transcripts.get(file.source);
    if (!transcript) return [];
    const text = await readText(this.host.fs, file.source);
    if (text === undefined) return [];
    const oldText = file.sourceHash && file.sourceHash !== transcript.hash ? await this.host.history?.textAtHash(file.source, file.sourceHash) : undefined;
    return anchorHighlights({ text, ...(oldText !== undefined ? { oldText } : {}), highlights: file.highlights });
  }

  /** Where a highlight is now: moved by unsaved edits in an editor, else as loaded. */
  placeOf = (id: string): AnchorResult | undefined => {
    for (const places of this.live.values()) {
      const r = places.get(id);
      if (r) return r;
    }
    return this.current?.anchoring.get(id);
  };

  /** The highlights of a transcript with where each is now, in text order. */
  placedHighlights(source: string): PlacedHighlight[] {
    const ws = this.current;
    if (!ws) return [];
    const live = this.live.get(source);
    return placedHighlights(ws, source, live ? (id) => live.get(id) ?? ws.anchoring.get(id) : (id) => ws.anchoring.get(id));
  }

  /**
   * Moves the places of a transcript's highlights with edits made in an editor and not yet
   * saved (changes against the text before them, in any order; none overlapping).
   */
  moveLive(source: string, changes: readonly TextChange[]): void {
    const ws = this.current;
    if (!ws || changes.length === 0) return;
    const places = this.live.get(source) ?? new Map<string, AnchorResult>();
    let moved = false;
    const ordered = [...changes].sort((a, b) => b.start - a.start);
    for (const h of this.placedHighlights(source)) {
      if (!h.result) continue;
      let r = h.result;
      for (const c of ordered) r = shift(r, c.start, c.end, c.inserted);
      if (r === h.result) continue;
      places.set(h.highlight.id, r);
      moved = true;
    }
    if (!moved) return;
    this.live.set(source, places);
    this.announce({ study: ws, kind: 'places', paths: [source] });
  }

  /** Whether any highlight of the transcript has a place moved by unsaved edits. */
  hasLive(source: string): boolean {
    return (this.live.get(source)?.size ?? 0) > 0;
  }

  /** Drops the unsaved places of a transcript (saved and written, reverted, or closed). */
  forgetLive(source: string): void {
    const ws = this.current;
    if (!this.live.delete(source) || !ws) return;
    this.announce({ study: ws, kind: 'places', paths: [source] });
  }

  /** The full-text index over highlights: built once, then updated with the files a change touched. */
  search(): FullTextIndex | undefined {
    return this.current && this.searchIndex.of(this.current);
  }

  private publish(study: Workspace, kind: StudyChange['kind'], paths: StudyChange['paths']): void {
    this.current = study;
    this.announce({ study, kind, paths });
    // The search index follows in the background, so the first filter does not build it.
    if (this.host.warmSearchIndex === false) return;
    const pause = slicer(this.host.yieldToHost, this.host.sliceMs ?? 20);
    this.searchIndex.warm(study, pause).catch(() => undefined);
  }

  private announce(change: StudyChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}
