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
import type { SuggestionIndex } from '../assist/suggest';
import { placedHighlights, type PlacedHighlight } from '../editor/decoration-plan';
import { gitBlobHashOfBytes } from '../hash';
import type { HighlightsFile } from '../model';
import type { FileEntry, IFileSystem, ITextHistory, ParseYamlElsewhere, SliceClock, Yield } from '../ports';
import type { FullTextIndex } from '../search/fulltext';
import { StudyIndex } from '../search/study-index';
import { decodeText } from '../text';
import { shift, type TextChange } from './live-places';
import { highlightHomes, type DerivedIndex, type FileChange, type HighlightHomes } from './derived';
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
  /**
   * As `yieldToHost`, for work nobody waits on (the checks and indexes that follow a change):
   * a host may hold it back while a change the researcher waits for is in flight. Defaults to
   * `yieldToHost`.
   */
  readonly yieldInBackground?: Yield;
  readonly sliceMs?: number;
  /** The host's shared slice clock (ports.ts): every slice of the service's work counted from its start. */
  readonly sliceClock?: SliceClock;
  readonly parseYamlElsewhere?: ParseYamlElsewhere;
  /** What an earlier run parsed (the host persists it): the first load re-reads only files changed since. */
  readonly snapshot?: Snapshot;
  /**
   * false: the search index (and the other indexes made ahead) is built when first asked for,
   * not in the background after each load. For a command-line run, which may never search (and `sift search` reads it from
   * .sift/cache): building 50 studies' indexes doubled the time to load a library.
   */
  readonly warmSearchIndex?: boolean;
  /**
   * Told when work the service does after a change and nobody awaits fails (the checks across
   * files, the indexes made ahead): a study whose problems or indexes silently stopped following
   * its files is a bug to see, not to hide. Without it the failure is left unhandled, so Node
   * (and a test runner) reports it.
   */
  readonly reportFailure?: (what: string, error: unknown) => void;
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
  private suggestionIndex: SuggestionIndex | undefined;
  /** The problems of each file on its own, as last read (the checks across files are added to them). */
  private fileProblems: readonly Problem[] = [];
  /** The problems the checks across files found, and the study they were made on. */
  private checked: { study: Workspace; problems: readonly Problem[] } | undefined;
  /** Highlights files Sift wrote since the last check across files: the next check covers them. */
  private readonly unchecked = new Set<string>();
  /**
   * What each published study changed of the one before it, when that was only some highlights
   * files (Sift's own writes, the problems found after them): the derived indexes follow these
   * files instead of being made again. A study loaded from disk has no entry. The study before
   * is held weakly: a chain of every version since the load would keep them all in memory.
   */
  private readonly lineage = new WeakMap<Workspace, { from: WeakRef<Workspace>; paths: readonly string[] }>();
  /** Each derived index with the study it was made for. */
  private readonly memos = new Map<DerivedIndex<unknown>, { study: Workspace; value: unknown }>();

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
        const listed = await this.host.fs.listFiles();
        const taken = await this.highlightsChangedOnly(listed);
        if (taken) return taken;
        const result = await loadWorkspace(this.host.fs, {
          listed,
          ...(this.host.history ? { history: this.host.history } : {}),
          ...(this.last ? { snapshot: this.last.snapshot, previous: this.last } : this.host.snapshot ? { snapshot: this.host.snapshot } : {}),
          ...(this.host.yieldToHost ? { yieldToHost: this.host.yieldToHost } : {}),
          sliceMs: this.host.sliceMs ?? 20,
          ...(this.host.sliceClock ? { sliceClock: this.host.sliceClock } : {}),
          ...(this.host.parseYamlElsewhere ? { parseYamlElsewhere: this.host.parseYamlElsewhere } : {}),
        });
        // Nothing changed on disk (a watcher's echo of a write already taken in).
        if (result === this.last && this.current) return this.current;
        this.last = result;
        this.fileProblems = result.fileProblems ?? [];
        const ofFiles = new Set(this.fileProblems);
        this.checked = { study: result.workspace, problems: result.workspace.problems.filter((p) => !ofFiles.has(p)) };
        this.unchecked.clear();
        this.publish(result.workspace, 'files', 'all');
        this.inBackground('Making the index of where each highlight is', this.warm(result.workspace, highlightHomes));
        return result.workspace;
      } finally {
        this.loading = undefined;
        if (this.loadAgain) {
          this.loadAgain = false;
          this.inBackground(
            'Reloading the study',
            this.reload().then(() => undefined),
          );
        }
      }
    })();
    return this.loading;
  }

  /**
   * Whether files a watcher reported changed make the disk differ from the study: a file it
   * holds whose bytes are not those it holds, a file it does not know that exists now, a file
   * or folder the last load listed that is gone, or '' (a reload asked without a file). The
   * echo of Sift's own write does not, nor a file that came and went unknown to the study (a
   * writer's temporary file: each atomic write of a highlights file makes one beside it), which
   * set off a reload of the whole study after nearly every tag at 200,000 highlights.
   */
  async changedOnDisk(paths: readonly string[]): Promise<boolean> {
    const study = this.current;
    if (!study) return true;
    for (const path of paths) {
      const version = path ? study.versions.get(path) : undefined;
      if (version !== undefined) {
        const bytes = await this.host.fs.readFile(path);
        if (bytes === undefined || gitBlobHashOfBytes(bytes) !== version) return true;
      } else if (!path || (await this.host.fs.stat(path)) !== undefined || this.listedAtOrUnder(path)) return true;
    }
    return false;
  }

  /** Whether the last load listed this file, or a file in this folder. */
  private listedAtOrUnder(path: string): boolean {
    const listed = this.last?.paths;
    if (!listed) return true;
    if (listed.has(path)) return true;
    const folder = `${path}/`;
    for (const p of listed.keys()) if (p.startsWith(folder)) return true;
    return false;
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
    if (files.length === 0) return this.current;
    return (await this.takenIn(files)) ?? this.reload();
  }

  /**
   * A reload that finds, against the last load from disk, no file come or gone and only
   * highlights files changed (a `git pull` of a colleague's coding, the command line's
   * `sift anchor`): those files are taken in as Sift's own writes are, and the study is the
   * current one when their bytes are those it holds. Loading the whole study again for them
   * made every highlight's outcome, every check and every index again: at 200,000 highlights
   * seconds of work and a full collection of the garbage. Undefined when anything else changed.
   */
  private async highlightsChangedOnly(listed: readonly FileEntry[]): Promise<Workspace | undefined> {
    const [last, study] = [this.last, this.current];
    const folder = study?.project?.paths.highlights;
    if (!last || !study || !folder || listed.length !== last.paths.size) return undefined;
    const changed: WrittenFile[] = [];
    for (const entry of listed) {
      const was = last.paths.get(entry.path);
      if (!was) return undefined;
      if (was.size === entry.size && was.mtime === entry.mtime) continue;
      if (!isInFolder(entry.path, folder, false) || !/\.ya?ml$/.test(entry.path) || !study.highlightFiles.has(entry.path)) return undefined;
      const bytes = await this.host.fs.readFile(entry.path);
      if (!bytes) return undefined;
      if (gitBlobHashOfBytes(bytes) !== study.versions.get(entry.path)) changed.push({ path: entry.path, bytes });
    }
    return changed.length === 0 ? study : this.takenIn(changed);
  }

  /**
   * Highlights files read from their bytes and anchored in place, the study published with
   * them; undefined, nothing changed, when one is not a readable highlights file (a load from
   * disk then reads it and says why).
   */
  private async takenIn(files: readonly WrittenFile[]): Promise<Workspace | undefined> {
    const ws = this.current;
    const highlightsFolder = ws?.project?.paths.highlights;
    if (!ws || !highlightsFolder || files.some((f) => !f.bytes || !isInFolder(f.path, highlightsFolder, false) || !/\.ya?ml$/.test(f.path))) return undefined;
    const highlightFiles = new Map(ws.highlightFiles);
    const versions = new Map(ws.versions);
    let anchoring = ws.anchoring;
    const touched = new Set(files.map((f) => f.path));
    const fileProblems = this.fileProblems.filter((p) => !touched.has(p.path));
    for (const f of files) {
      const decoded = decodeText(f.path, f.bytes!);
      const read = decoded.ok ? readYamlOfKind('highlights', f.path, decoded.text) : undefined;
      if (!read?.value || read.problems.some((p) => p.severity === 'error')) return undefined;
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
    this.lineage.set(next, { from: new WeakRef(ws), paths: [...touched] });
    for (const path of touched) this.unchecked.add(path);
    this.publish(next, 'files', [...touched]);
    this.inBackground('Checking the study after a change', this.checkAgain(next));
    return next;
  }

  /**
   * The checks across files after Sift's own writes, in the background and in slices. When the
   * writes changed nothing another file refers to (no highlight cited anywhere came or went, no
   * id held twice), only the written files are checked and every other problem stands; else the
   * whole study is checked again (a highlight deleted can make a theme's reference dangle).
   * Problems in unwritten files keep their place; only the written files are parsed to place theirs.
   */
  private async checkAgain(study: Workspace): Promise<void> {
    // Not in the change's own time: the write is announced and painted first.
    await (this.host.yieldInBackground ?? this.host.yieldToHost)?.();
    if (this.current !== study) return; // a newer change has its own check, of these files too
    const pause = this.background();
    const touched = new Set(this.unchecked);
    const base = this.checked;
    const files = this.last?.paths ?? new Set<string>();
    let checked: Problem[];
    if (base && this.onlyTouchedChange(base, study, touched)) {
      const alone = await checkAcrossFiles(this.host.fs, filesAlone(study, touched), files, pause, { before: study.problems, changed: touched });
      checked = [...base.problems.filter((p) => !touched.has(p.path)), ...alone.filter((p) => touched.has(p.path))];
    } else checked = await checkAcrossFiles(this.host.fs, study, files, pause, { before: study.problems, changed: touched });
    if (this.current !== study) return; // a newer change has its own check, of these files too
    for (const path of touched) this.unchecked.delete(path);
    const problems = [...this.fileProblems, ...checked].sort(compareProblems);
    const same = problems.length === study.problems.length && problems.every((p, i) => p === study.problems[i]);
    const next = same ? study : { ...study, problems };
    this.checked = { study: next, problems: checked };
    if (same) return;
    this.lineage.set(next, { from: new WeakRef(study), paths: [] });
    this.publish(next, 'files', [...new Set(problems.map((p) => p.path).concat(study.problems.map((p) => p.path)))]);
  }

  /**
   * Whether the checks of the study `base` was checked as stand for everything but the files
   * `touched`: only these highlights files changed since, no highlight any other file cites
   * (a theme, an insight, a persona, a journey, an action's outcome) came, went or changed
   * speaker, and no highlight id is held twice.
   */
  private onlyTouchedChange(base: { study: Workspace; problems: readonly Problem[] }, study: Workspace, touched: ReadonlySet<string>): boolean {
    const before = base.study;
    const same = (['project', 'codebook', 'participants', 'transcripts', 'themes', 'insights', 'personas', 'journeys', 'unreadable'] as const).every((k) => before[k] === study[k]);
    if (!same || this.changedSince(before, study)?.some((p) => !touched.has(p)) !== false) return false;
    if (this.derived(highlightHomes)?.duplicated !== false) return false;
    if (base.problems.some((p) => p.code === 'duplicate-highlight' || p.code === 'duplicate-source')) return false;
    const cited = citedIds(study);
    for (const path of touched) {
      if (cited.has(path)) return false;
      const was = new Map((before.highlightFiles.get(path)?.highlights ?? []).map((h) => [h.id, h.speaker]));
      const now = study.highlightFiles.get(path)?.highlights ?? [];
      const source = study.highlightFiles.get(path)?.source;
      // Another file with the same transcript: which of the two is the duplicate depends on both.
      if (source !== undefined && [...study.highlightFiles.values()].some((f) => f.source === source && f.path !== path)) return false;
      for (const h of now) {
        if (cited.has(h.id) && (!was.has(h.id) || was.get(h.id) !== h.speaker)) return false;
        was.delete(h.id);
      }
      for (const id of was.keys()) if (cited.has(id)) return false;
    }
    return true;
  }

  /**
   * The highlights files changed between two published studies, when only highlights files
   * changed (Sift's own writes); undefined when a load from disk lies between them.
   */
  private changedSince(from: Workspace, to: Workspace): string[] | undefined {
    const paths = new Set<string>();
    for (let at: Workspace | undefined = to, steps = 0; at !== from; steps++) {
      const step: { from: WeakRef<Workspace>; paths: readonly string[] } | undefined = at && steps < 10_000 ? this.lineage.get(at) : undefined;
      if (!step) return undefined;
      for (const p of step.paths) paths.add(p);
      // Collected: nothing (no memo, no check) was made on it or before it any more.
      at = step.from.deref();
    }
    return [...paths];
  }

  /**
   * An index derived from the study, made once and then kept up to date: after Sift's own
   * writes only the entries of the files they touched are made again. Undefined before the
   * first load. Every feature asks here, so each index exists once.
   */
  derived<T>(index: DerivedIndex<T>): T | undefined {
    const study = this.current;
    if (!study) return undefined;
    const memo = this.memos.get(index as DerivedIndex<unknown>) as { study: Workspace; value: T } | undefined;
    if (memo?.study === study) return memo.value;
    const paths = memo && this.changedSince(memo.study, study);
    const changes = paths?.map((path): FileChange => ({ path, before: memo!.study.highlightFiles.get(path), after: study.highlightFiles.get(path) }));
    const value = memo && changes ? index.update(memo.value, study, changes) : index.build(study);
    this.memos.set(index as DerivedIndex<unknown>, { study, value });
    return value;
  }

  /**
   * Makes an index in slices, in the background, ahead of its first use: asked for later, it is
   * there (or brought up to date from it) instead of made in one piece in someone's time.
   */
  private async warm<T>(study: Workspace, index: DerivedIndex<T>): Promise<void> {
    if (!index.buildInSlices || this.host.warmSearchIndex === false) return;
    this.keep(study, index, await index.buildInSlices(study, this.background()));
  }

  /**
   * The index of the current study as `derived` gives it, but made in slices with `pause`
   * between them when it has to be made whole (its first use): a view opened at 200,000
   * highlights waits for it without blocking the host. Undefined for a study not current.
   */
  async derivedInSlices<T>(study: Workspace, index: DerivedIndex<T>, pause: () => Promise<void>): Promise<T | undefined> {
    if (study !== this.current) return this.derivedFor(study, index);
    const memo = this.memos.get(index as DerivedIndex<unknown>);
    if (!index.buildInSlices || (memo && (memo.study === study || this.changedSince(memo.study, study) !== undefined))) return this.derived(index);
    const value = await index.buildInSlices(study, pause);
    this.keep(study, index, value);
    return value;
  }

  /** Keeps an index made for `study`, unless one for it or a later version of it was made meanwhile. */
  private keep<T>(study: Workspace, index: DerivedIndex<T>, value: T): void {
    const memo = this.memos.get(index as DerivedIndex<unknown>);
    if (memo && (memo.study === study || this.changedSince(study, memo.study) !== undefined)) return;
    this.memos.set(index as DerivedIndex<unknown>, { study, value });
  }

  /** The index of a study this service published: kept up to date for the current one, the last made for an older one. */
  derivedFor<T>(study: Workspace, index: DerivedIndex<T>): T | undefined {
    if (study === this.current) return this.derived(index);
    const memo = this.memos.get(index as DerivedIndex<unknown>);
    return memo?.study === study ? (memo.value as T) : undefined;
  }

  /** Which highlights file holds a highlight (a derived index: no scan of the study). */
  fileOf(id: string): string | undefined {
    return this.derived<HighlightHomes>(highlightHomes)?.fileOf.get(id);
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

  /**
   * The "code like this" index (tag suggestions, find more like this): made by `make` on
   * first use, since the extension loads its module on demand, then kept and brought up to
   * date with the study on each call (only highlights files that changed are re-read), in
   * slices with `pause` between them (a first build over 50,000 highlights takes seconds).
   * Two callers at once may both update it: every update adds and removes by id, so they agree.
   */
  async suggestions(make: () => SuggestionIndex, pause?: () => Promise<void>): Promise<SuggestionIndex | undefined> {
    if (!this.current) return undefined;
    return (this.suggestionIndex ??= make()).warm(this.current, pause ?? this.background());
  }

  private publish(study: Workspace, kind: StudyChange['kind'], paths: StudyChange['paths']): void {
    this.current = study;
    publishedBy.set(study, this);
    this.announce({ study, kind, paths });
    // The search index follows in the background, so the first filter does not build it.
    if (this.host.warmSearchIndex === false) return;
    this.inBackground('Indexing the highlights for search', this.searchIndex.warm(study, this.background()));
  }

  /** Work nobody waits on: its failure goes to the host (see `reportFailure`), never dropped. */
  private inBackground(what: string, work: Promise<void>): void {
    const report = this.host.reportFailure;
    void work.catch((e: unknown) => {
      if (!report) throw e; // left unhandled: Node, and a test runner, report it
      report(what, e);
    });
  }

  /** A pause between slices of work nobody waits on. */
  private background(): () => Promise<void> {
    return slicer(this.host.yieldInBackground ?? this.host.yieldToHost, this.host.sliceMs ?? 20, this.host.sliceClock);
  }

  private announce(change: StudyChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}

/** The service that published each study, so an index of it is asked of its one owner. */
const publishedBy = new WeakMap<Workspace, StudyService>();
/** Indexes of studies no service keeps (loaded by a caller itself, or replaced since): made once per study. */
const madeFor = new WeakMap<DerivedIndex<unknown>, WeakMap<Workspace, unknown>>();

/**
 * An index derived from a study: from the study service that published it, which keeps it up to
 * date with its own writes (src/core/workspace/derived.ts), else made once for this study. Every
 * view asks here, so an index exists once per study, not once per feature.
 */
export function derivedOf<T>(study: Workspace, index: DerivedIndex<T>): T {
  const kept = publishedBy.get(study)?.derivedFor(study, index);
  if (kept !== undefined) return kept;
  const made = madeFor.get(index as DerivedIndex<unknown>)?.get(study);
  return made !== undefined ? (made as T) : madeOnce(study, index, index.build(study));
}

/** As `derivedOf`, made in slices with `pause` between them when it has to be made whole. */
export async function derivedInSlices<T>(study: Workspace, index: DerivedIndex<T>, pause: () => Promise<void>): Promise<T> {
  const kept = await publishedBy.get(study)?.derivedInSlices(study, index, pause);
  if (kept !== undefined) return kept;
  const made = madeFor.get(index as DerivedIndex<unknown>)?.get(study);
  if (made !== undefined) return made as T;
  return madeOnce(study, index, index.buildInSlices ? await index.buildInSlices(study, pause) : index.build(study));
}

/** The index of a study no service keeps: the first one made stays, so every view shares one. */
function madeOnce<T>(study: Workspace, index: DerivedIndex<T>, value: T): T {
  let made = madeFor.get(index as DerivedIndex<unknown>);
  if (!made) madeFor.set(index as DerivedIndex<unknown>, (made = new WeakMap()));
  if (!made.has(study)) made.set(study, value);
  return made.get(study) as T;
}

/** The study with only these highlights files, and nothing that cites highlights: their own checks. */
function filesAlone(study: Workspace, paths: ReadonlySet<string>): Workspace {
  const highlightFiles = new Map([...paths].flatMap((p) => (study.highlightFiles.has(p) ? [[p, study.highlightFiles.get(p)!] as const] : [])));
  return { ...study, highlightFiles, themes: new Map(), insights: new Map(), personas: new Map(), journeys: new Map() };
}

/**
 * Every highlight id (and file path) another file cites: themes, insights, personas, journeys,
 * the evidence of actions' outcomes. Made once per set of those files.
 */
function citedIds(study: Workspace): ReadonlySet<string> {
  const key = study.themes;
  const known = cited.get(key);
  if (known && known.insights === study.insights && known.personas === study.personas && known.journeys === study.journeys) return known.ids;
  const ids = new Set<string>();
  for (const t of study.themes.values()) for (const id of t.highlights) ids.add(id);
  for (const i of study.insights.values()) {
    for (const id of i.evidence) ids.add(id);
    for (const r of i.recommendations) for (const ref of r.outcome?.evidence ?? []) ids.add(ref);
  }
  for (const p of study.personas.values()) for (const id of p.quotes) ids.add(id);
  for (const j of study.journeys.values()) for (const s of j.stages) for (const h of s.highlights) ids.add(h.id);
  cited.set(key, { insights: study.insights, personas: study.personas, journeys: study.journeys, ids });
  return ids;
}

const cited = new WeakMap<object, { insights: object; personas: object; journeys: object; ids: Set<string> }>();
