/**
 * Loading a workspace through the IFileSystem port. Reading is the I/O floor; parsing YAML
 * is the expensive part (~3 MB/s with the `yaml` package), so every parsed file is kept in
 * a snapshot keyed by path, size and mtime, which the host persists between runs (a
 * git-ignored cache). The loader yields to the host every few milliseconds so it never
 * blocks an editor for long.
 */
import picomatch from 'picomatch/posix';
import { anchorHighlights, type AnchorResult } from '../anchoring/anchor';
import { gitBlobHash, gitBlobHashOfBytes } from '../hash';
import type { Highlight, HighlightsFile, Project, Transcript } from '../model';
import type { FileEntry, IFileSystem, ITextHistory, ParseYamlElsewhere, SliceClock, Yield } from '../ports';
import { compareProblems, problem, type Problem } from '../problems';
import { decodeText, CodePointIndex } from '../text';
import { parseTranscript, transcriptFormatOf } from '../transcripts';
import type { FileKind } from '../validate';
import { overlapsWithinSets } from '../personas/status';
import { withdrawnReferences } from '../privacy/consent';
import { actionProblems } from '../actions/problems';
import { LoadedAnchoring, UNCHANGED_REASON } from './loaded-anchoring';
import { anchoringProblems, crossReferenceProblems, type PointedProblem } from './references';
import { periodProblems, sourceProblems } from '../sources/check';
import { timeEndProblems } from '../media/clips';
import { parseYaml, positionOf } from '../yaml/parse';
import { idFromPath, readCanonicalYaml, readYamlOfKind, type ReadResult, toCodebook, toHighlightsFile, toInsight, toJourney, toParticipants, toPersona, toProject, toTheme } from './readers';
import { highlightsPathFor, RESEARCH_FILE, type Workspace, type WorkspaceUnderConstruction } from './workspace';

/** Bump when the shape of snapshot entries or of parsed values changes. */
export const SNAPSHOT_VERSION = 3;

export interface Snapshot {
  version: number;
  files: Record<string, SnapshotEntry>;
}

interface SnapshotEntry {
  size: number;
  mtime: number;
  /** Git blob hash of the file's bytes. */
  hash: string;
  problems: Problem[];
  /** The parsed value (YAML) or the parsed transcript (without its text). */
  value: unknown;
  /** For highlights files: anchoring results and the transcript hash they were made against. */
  /**
   * For highlights files: the anchoring results made against the transcript with this hash.
   * Highlights simply anchored where they were stored (nearly all) are left out: they
   * are rebuilt from the highlight itself, which keeps the snapshot small.
   */
  anchoring?: { transcriptHash: string; results: AnchorResult[] };
}

export interface LoadOptions {
  history?: ITextHistory;
  snapshot?: Snapshot;
  /** Called between chunks of work; the host returns to its event loop. */
  yieldToHost?: Yield;
  /** Milliseconds of work between yields. */
  sliceMs?: number;
  /** The host's shared slice clock: the slice is counted from its start, not from this load's last yield. */
  sliceClock?: SliceClock;
  /**
   * The previous load's result: when no file was added, removed or changed since (the same
   * listing), it is returned as it is — the reload a file watcher sets off after a write the
   * writer has already reloaded costs the listing only.
   */
  previous?: LoadResult;
  /**
   * Parses large YAML files off the event loop (a worker thread); without it, or when it
   * fails, every file is parsed here, in one task each.
   */
  parseYamlElsewhere?: ParseYamlElsewhere;
  /** The study's files as the caller just listed them (`fs.listFiles()`), so they are not listed twice. */
  listed?: readonly FileEntry[];
}

/**
 * Files from this size (characters) go to `parseYamlElsewhere` when the fast highlights reader
 * declines them. Measured with a worker thread: a 16 KB participants file parses inline in
 * ~7 ms, and costs the event loop ~2.5 ms through the worker (sending the text, taking the
 * value) in the same wall time; at 64 KB it is ~31 ms against ~7 ms, at 200 KB ~110 against
 * ~10. Smaller files gain too little for the round trip.
 */
export const PARSE_ELSEWHERE_FROM_CHARS = 16 * 1024;

export interface LoadResult {
  workspace: Workspace;
  /** The snapshot to persist for the next load. */
  snapshot: Snapshot;
  /** `parsedElsewhere`: of the files parsed, how many through `parseYamlElsewhere`. */
  stats: { files: number; parsed: number; parsedElsewhere: number; fromSnapshot: number; anchored: number };
  /** Every file's path, size and modification time as listed (to tell that nothing changed). */
  listing: string;
  /** Every listed path (to tell whether a file named in the study exists). */
  paths: ReadonlyMap<string, FileEntry>;
  /** The problems of each file on its own (it does not parse, does not fit its schema); `workspace.problems` adds the checks across files. */
  fileProblems?: readonly Problem[];
}

const ONE_PER_FILE: Partial<Record<FileKind, true>> = { theme: true, insight: true, persona: true, journey: true };

export async function loadWorkspace(fs: IFileSystem, options: LoadOptions = {}): Promise<LoadResult> {
  const previous = options.snapshot?.version === SNAPSHOT_VERSION ? options.snapshot.files : {};
  const next: Snapshot = { version: SNAPSHOT_VERSION, files: {} };
  const stats = { files: 0, parsed: 0, parsedElsewhere: 0, fromSnapshot: 0, anchored: 0 };
  const pause = slicer(options.yieldToHost, options.sliceMs ?? 20, options.sliceClock);
  const ws: WorkspaceUnderConstruction = {
    project: undefined,
    codebook: [],
    participants: [],
    transcripts: new Map(),
    highlightFiles: new Map(),
    themes: new Map(),
    insights: new Map(),
    personas: new Map(),
    journeys: new Map(),
    anchoring: new LoadedAnchoring(),
    versions: new Map(),
    unreadable: new Set(),
    problems: [],
  };

  const entries = options.listed ?? (await fs.listFiles());
  const listing = entries
    .map((e) => `${e.path}\0${e.size}\0${e.mtime}`)
    .sort()
    .join('\n');
  if (options.previous?.listing === listing) return options.previous;
  const byPath = new Map(entries.map((e) => [e.path, e]));
  stats.files = entries.length;

  /** Reads and parses one file, or takes it from the snapshot when size and mtime match. */
  async function load<T>(entry: FileEntry, parse: (path: string, text: string, hash: string) => ReadResult<T> | Promise<ReadResult<T>>): Promise<SnapshotEntry | undefined> {
    const cached = previous[entry.path];
    if (cached && cached.size === entry.size && cached.mtime === entry.mtime) {
      stats.fromSnapshot++;
      next.files[entry.path] = cached;
      return cached;
    }
    const bytes = await fs.readFile(entry.path);
    if (!bytes) return undefined;
    await pause();
    const hash = gitBlobHashOfBytes(bytes);
    const decoded = decodeText(entry.path, bytes);
    // The hash of the normalised text is the hash of the bytes unless decoding changed them.
    const textHash = decoded.ok && !hasBomOrCarriageReturn(bytes) ? hash : undefined;
    const result = decoded.ok ? await parse(entry.path, decoded.text, textHash ?? '') : { value: undefined, problems: [decoded.problem] };
    stats.parsed++;
    const fresh: SnapshotEntry = { size: entry.size, mtime: entry.mtime, hash, problems: result.problems, value: detachedFromText(result.value) };
    next.files[entry.path] = fresh;
    return fresh;
  }

  async function loadYaml(kind: FileKind, path: string): Promise<Record<string, unknown> | undefined> {
    const entry = byPath.get(path);
    if (!entry) return undefined;
    const loaded = await load(entry, (p, text) => readYaml(kind, p, text));
    if (!loaded) return undefined;
    ws.versions.set(path, loaded.hash);
    ws.problems.push(...loaded.problems);
    if (loaded.value === undefined) ws.unreadable.add(path);
    return loaded.value as Record<string, unknown> | undefined;
  }

  /** `readYamlOfKind`, with the full parser's work on a large file done elsewhere when the host can. */
  async function readYaml(kind: FileKind, path: string, text: string): Promise<ReadResult<Record<string, unknown>>> {
    const canonical = readCanonicalYaml(kind, text);
    if (canonical) return canonical;
    if (options.parseYamlElsewhere && text.length >= PARSE_ELSEWHERE_FROM_CHARS) {
      try {
        const result = await options.parseYamlElsewhere(kind, path, text);
        stats.parsedElsewhere++;
        return result;
      } catch {
        // The worker is gone: parse here, as without one.
      }
    }
    return readYamlOfKind(kind, path, text);
  }

  // research.yaml first: it says where everything else is.
  if (!byPath.has(RESEARCH_FILE)) {
    ws.problems.push(problem(RESEARCH_FILE, undefined, 'error', 'no-workspace', 'There is no research.yaml here, so this folder is not a Sift workspace. Run `sift init` to create one.'));
    return { workspace: ws, snapshot: next, stats, listing, paths: byPath, fileProblems: [...ws.problems] };
  }
  const rawProject = await loadYaml('research', RESEARCH_FILE);
  const project: Project | undefined = rawProject ? toProject(rawProject) : undefined;
  ws.project = project;
  const paths = project?.paths ?? toProject({ name: '' }).paths;

  // Nothing needs the codebook and participants until the checks at the end, and they are
  // often a study's largest YAML files: they load meanwhile (in a worker thread when the host
  // has one, while this thread reads the rest), and are awaited before the checks.
  const codebookAndParticipants = Promise.all([loadYaml('codebook', paths.codebook), loadYaml('participants', paths.participants)]);
  codebookAndParticipants.catch(() => undefined); // rethrown where awaited; not an unhandled rejection meanwhile

  const isSource = picomatch([...(project?.sources ?? [])], { dot: false });
  const folderKinds: [string, FileKind][] = [
    [paths.highlights, 'highlights'],
    [paths.themes, 'theme'],
    [paths.insights, 'insight'],
    [paths.personas, 'persona'],
    [paths.journeys, 'journey'],
  ];
  /** Texts read but not yet anchored against; dropped as soon as they are (a study's texts are large). */
  const transcriptTexts = new Map<string, string>();
  const anchored = new Set<string>();
  const anchor = async (file: HighlightsFile) => {
    anchored.add(file.path);
    await anchorFile(file);
    transcriptTexts.delete(file.source);
  };

  for (const entry of [...entries].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    await pause();
    const path = entry.path;
    const folderKind = folderKinds.find(([folder, kind]) => isInFolder(path, folder, ONE_PER_FILE[kind] === true));
    if (folderKind && /\.ya?ml$/.test(path)) {
      const [, kind] = folderKind;
      const raw = await loadYaml(kind, path);
      if (!raw) continue;
      if (kind === 'highlights')
        ws.highlightFiles.set(
          path,
          madeOnce(highlightsFileOf, raw, () => toHighlightsFile(path, raw)),
        );
      else if (kind === 'theme') ws.themes.set(idFromPath(path), toTheme(path, raw));
      else if (kind === 'insight') ws.insights.set(idFromPath(path), toInsight(path, raw));
      else if (kind === 'persona') ws.personas.set(idFromPath(path), toPersona(path, raw));
      else ws.journeys.set(idFromPath(path), toJourney(path, raw));
    } else if (isSource(path) && transcriptFormatOf(path)) {
      const loaded = await load(entry, (p, text, textHash) => {
        transcriptTexts.set(p, text);
        const parsed = parseTranscript(p, text);
        const transcript: Transcript = {
          path: p,
          format: parsed.format,
          hash: textHash || gitBlobHash(text),
          length: new CodePointIndex(text).length,
          meta: parsed.meta,
          turns: parsed.turns,
          ...(Object.keys(parsed.places).length > 0 ? { places: parsed.places } : {}),
          ...(parsed.pages.length > 0 ? { pages: parsed.pages } : {}),
          ...(parsed.entries.length > 0 ? { entries: parsed.entries } : {}),
        };
        return { value: transcript, problems: parsed.problems };
      });
      if (loaded?.value) ws.transcripts.set(path, loaded.value as Transcript);
      else ws.unreadable.add(path);
      if (loaded) ws.problems.push(...loaded.problems);
      // In the default layout highlights/ sorts before transcripts/: anchor now, while the text is at hand.
      const highlights = ws.highlightFiles.get(highlightsPathFor(project, path));
      if (highlights?.source === path) await anchor(highlights);
      transcriptTexts.delete(path);
    }
  }

  for (const file of ws.highlightFiles.values()) {
    if (anchored.has(file.path)) continue;
    await pause();
    await anchor(file);
  }

  /** Anchors one file's highlights into `ws.anchoring`, reusing the snapshot's results when nothing changed. */
  async function anchorFile(file: HighlightsFile): Promise<void> {
    const transcript = ws.transcripts.get(file.source);
    const entry = next.files[file.path]!;
    if (!transcript) return;
    const stored = entry.anchoring;
    if (stored?.transcriptHash === transcript.hash) {
      // The snapshot lists only the outcomes that are not simply "unchanged"; the rest are their highlights.
      const listed = stored.results.length > 0 ? new Map(stored.results.map((r) => [r.id, r])) : undefined;
      for (const h of file.highlights) {
        const r = listed?.get(h.id);
        if (r) ws.anchoring.set(r);
        else ws.anchoring.setUnchanged(h);
      }
      return;
    }
    const text = transcriptTexts.get(file.source) ?? (await readText(fs, file.source));
    if (text === undefined) return;
    const oldText = file.sourceHash && file.sourceHash !== transcript.hash ? await options.history?.textAtHash(file.source, file.sourceHash) : undefined;
    const results = anchorHighlights({ text, ...(oldText !== undefined ? { oldText } : {}), highlights: file.highlights });
    stats.anchored += results.length;
    const byId = new Map(file.highlights.map((h) => [h.id, h]));
    const notUnchanged: AnchorResult[] = [];
    for (const r of results) {
      const h = byId.get(r.id);
      if (h && isUnchanged(r, h)) ws.anchoring.setUnchanged(h);
      else {
        ws.anchoring.set(r);
        notUnchanged.push(r);
      }
    }
    entry.anchoring = { transcriptHash: transcript.hash, results: notUnchanged };
  }

  const [codebook, participants] = await codebookAndParticipants;
  if (codebook) ws.codebook = toCodebook(codebook);
  if (participants) ws.participants = toParticipants(participants);

  const fileProblems = [...ws.problems];
  ws.problems.push(...(await checkAcrossFiles(fs, ws, byPath, pause)));
  ws.problems.sort(compareProblems);
  return { workspace: ws, snapshot: next, stats, listing, paths: byPath, fileProblems };
}

/**
 * The checks across files (references resolve, ids are unique, highlights are anchored), with
 * their lines and columns. `located` keeps what was located before: a problem in a file not in
 * `changed` is where it was, so only changed files are parsed again to place theirs. `files`
 * are the paths the study holds (an action's evidence may name one of them).
 */
export async function checkAcrossFiles(fs: IFileSystem, ws: Workspace, files: { has(path: string): boolean }, pause: () => Promise<void>, located?: { before: readonly Problem[]; changed: ReadonlySet<string> }): Promise<Problem[]> {
  const pointed = [
    ...(await crossReferenceProblems(ws, pause)),
    ...(await anchoringProblems(ws, pause)),
    ...withdrawnReferences(ws),
    ...overlapsWithinSets(ws),
    ...actionProblems(ws, files),
    ...periodProblems(ws.project),
    ...timeEndProblems(ws),
  ];
  const sources = sourceProblems(ws, (path) => files.has(path));
  if (!located) return [...(await locate(fs, pointed)), ...sources];
  const key = (p: { path: string; code: string; message: string }) => `${p.path}\0${p.code}\0${p.message}`;
  const known = new Map<string, Problem[]>();
  for (const p of located.before) if (!located.changed.has(p.path)) known.set(key(p), [...(known.get(key(p)) ?? []), p]);
  const out: Problem[] = [];
  const unknown: PointedProblem[] = [];
  for (const p of pointed) {
    const was = known.get(key(p))?.shift();
    if (was) out.push(was);
    else unknown.push(p);
  }
  return [...out, ...(await locate(fs, unknown)), ...sources];
}

/** Gives pointed problems their line and column, parsing only the files they are in. */
export async function locate(fs: IFileSystem, pointed: PointedProblem[]): Promise<Problem[]> {
  const byFile = new Map<string, PointedProblem[]>();
  for (const p of pointed) byFile.set(p.path, [...(byFile.get(p.path) ?? []), p]);
  const out: Problem[] = [];
  for (const [path, list] of byFile) {
    const text = /\.ya?ml$/.test(path) ? await readText(fs, path) : undefined;
    const parsed = text !== undefined ? parseYaml(path, text) : undefined;
    for (const p of list) {
      const at = parsed?.doc ? positionOf(parsed, p.pointer) : undefined;
      out.push(problem(path, at, p.severity, p.code, p.message, p.fixes));
    }
  }
  return out;
}

/** The normalised text of a file (BOM dropped, `\n` line endings), or undefined when it is missing or not text. */
export async function readText(fs: IFileSystem, path: string): Promise<string | undefined> {
  const bytes = await fs.readFile(path);
  if (!bytes) return undefined;
  const decoded = decodeText(path, bytes);
  return decoded.ok ? decoded.text : undefined;
}

/** True when path lies in folder (or, with directChildOnly, directly in it). */
export function isInFolder(path: string, folder: string, directChildOnly: boolean): boolean {
  const prefix = folder.replace(/\/+$/, '') + '/';
  if (!path.startsWith(prefix)) return false;
  return !directChildOnly || !path.slice(prefix.length).includes('/');
}

/**
 * What a load makes from an unchanged snapshot entry, kept with the entry (weakly) so the next
 * load reuses it: a reload after one write otherwise rebuilt every file's highlights, work and
 * garbage in proportion to the study (their anchoring outcomes are mostly the highlights
 * themselves: ./loaded-anchoring.ts). The entry (its parsed value, its anchoring) is replaced when its file changes, so a kept value never outlives its source.
 * Nothing changes these values after a load: edits go through files and a new load.
 */
const highlightsFileOf = new WeakMap<object, HighlightsFile>();

function madeOnce<T>(kept: WeakMap<object, T>, from: object, make: () => T): T {
  const known = kept.get(from);
  if (known !== undefined) return known;
  const made = make();
  kept.set(from, made);
  return made;
}

function isUnchanged(r: AnchorResult, h: Highlight | undefined): boolean {
  return !!h && r.state === 'anchored' && r.start === h.start && r.end === h.end && r.quote === h.quote && r.confidence === 1 && r.reason === UNCHANGED_REASON;
}

/**
 * A parsed value as fresh strings. Readers return substrings of the file's text, and V8 keeps
 * a substring as a slice that holds the whole text alive: after a cold load of 50,000
 * highlights the workspace held every highlights file and every Markdown transcript (72 MB of
 * 139). A JSON round trip copies exactly what a warm load gets from the persisted snapshot,
 * which is JSON too, so the two loads also agree by construction.
 */
function detachedFromText<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function hasBomOrCarriageReturn(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || bytes.indexOf(13) >= 0;
}

/**
 * A function that yields to the host once `sliceMs` of work has passed since the last yield,
 * or, given the host's `clock`, since the host's current slice began (whoever worked in it).
 */
export function slicer(yieldToHost: Yield | undefined, sliceMs: number, clock?: SliceClock): () => Promise<void> {
  let last = Date.now();
  const since = clock ?? (() => last);
  return async () => {
    if (!yieldToHost || Date.now() - since() < sliceMs) return;
    await yieldToHost();
    last = Date.now();
  };
}
