/**
 * The benchmark's measurements of loading, editing, searching and memory, each through the
 * public APIs the CLI and the extension use, on the generated workspace.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { openWorkspace } from '../src/cli/open';
import { gitBlobHashOfBytes } from '../src/core/hash';
import { NodeFileSystem } from '../src/node/node-fs';
import { readSnapshot, snapshotPath, writeSnapshot } from '../src/node/snapshot-store';
import type { Highlight, HighlightsFile, Tag } from '../src/core/model';
import { FullTextIndex, searchDocOf } from '../src/core/search/fulltext';
import { EditPlan } from '../src/core/store/plan';
import { tagSelection, updateHighlight } from '../src/core/store/highlights';
import { CodePointIndex } from '../src/core/text';
import type { FileEdit } from '../src/core/ports';
import { readYamlOfKind, toHighlightsFile } from '../src/core/workspace/readers';
import { readText, type LoadResult } from '../src/core/workspace/load';
import type { Workspace } from '../src/core/workspace/workspace';
import { highlightQueries, tagQueries, type BenchQuery } from './queries';
import { mulberry32 } from '../src/core/random';
import { Picker } from './sampling';
import { distribution, monitored, timed, type Distribution, type LoopReport } from './stats';

// ---------------------------------------------------------------------------------------
// I/O floor

export interface IoFloor {
  files: number;
  bytes: number;
  ms: number;
}

/** Reads every file of the workspace, 16 at a time: no loader can be faster than this. */
export async function measureIoFloor(root: string): Promise<IoFloor> {
  const files = await listFiles(root);
  let bytes = 0;
  const { ms } = await timed(async () => {
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const content = await fsp.readFile(files[next++]!);
        bytes += content.length;
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
  });
  return { files: files.length, bytes, ms };
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await fsp.readdir(root, { recursive: true, withFileTypes: true });
  // The loader skips the cache folder (.sift), and so does the floor.
  return entries.filter((e) => e.isFile() && !path.relative(root, e.parentPath).split(path.sep).includes('.sift')).map((e) => path.join(e.parentPath, e.name));
}

// ---------------------------------------------------------------------------------------
// Loading

export interface LoadMeasurement {
  ms: number;
  /** CPU time of the process during the load (see `monitored`). */
  cpuMs: number;
  loop: LoopReport;
  stats: LoadResult['stats'];
  problems: number;
}

/**
 * Opens the study with no snapshot, as on its first open: `openWorkspace` from the CLI
 * (src/cli/open.ts), so the benchmark loads exactly as Sift does, options and adapters
 * included. The snapshot is then persisted as the CLI persists it.
 */
export async function measureColdLoad(root: string): Promise<{ measurement: LoadMeasurement; snapshotBytes: number; result: LoadResult }> {
  await fsp.rm(path.join(root, '.sift'), { recursive: true, force: true });
  const run = await monitored(() => openWorkspace(root, { cache: false }));
  await writeSnapshot(root, run.value.snapshot);
  const snapshotBytes = (await fsp.stat(snapshotPath(root))).size;
  return { measurement: loadMeasurement(run, run.value), snapshotBytes, result: run.value };
}

export interface WarmLoadMeasurement extends LoadMeasurement {
  /** Reading and parsing the snapshot file alone (measured separately; it is part of `ms`). */
  snapshotReadMs: number;
}

/** Opens the study again, from the snapshot the cold load left, as every later `sift` command does. */
export async function measureWarmLoad(root: string): Promise<{ measurement: WarmLoadMeasurement; workspace: Workspace }> {
  const run = await monitored(() => openWorkspace(root));
  if (run.value.stats.parsed > 0) throw new Error(`The warm load re-parsed ${run.value.stats.parsed} files: the snapshot did not match.`);
  const snapshotRead = await timed(() => readSnapshot(root));
  return { measurement: { ...loadMeasurement(run, run.value), snapshotReadMs: snapshotRead.ms }, workspace: run.value.workspace };
}

function loadMeasurement(run: { ms: number; cpuMs: number; loop: LoopReport }, result: LoadResult): LoadMeasurement {
  return { ms: run.ms, cpuMs: run.cpuMs, loop: run.loop, stats: result.stats, problems: result.workspace.problems.length };
}

// ---------------------------------------------------------------------------------------
// Editing

export interface EditMeasurement {
  all: Distribution;
  newHighlight: Distribution;
  changeTags: Distribution;
  /** The two halves of every edit: planning it (parse, change, render) and writing it (hash check, fsync, rename). */
  plan: Distribution;
  write: Distribution;
  refused: number;
}

/**
 * Highlight edits from the researcher's action to the file on disk (plan, YAML edit, atomic
 * write with fsync). Half tag a new passage (`tagSelection`), half change tags and memo
 * (`updateHighlight`), round the `files`, several edits each. After each write the
 * file's version is updated from the written bytes, as an editor that wrote the file knows
 * it, instead of reloading the workspace. The caller restores the touched files afterwards.
 */
export async function measureEdits(root: string, loaded: Workspace, files: readonly HighlightsFile[], count: number, seed: number): Promise<EditMeasurement> {
  const fs = new NodeFileSystem(root);
  const picker = new Picker(mulberry32(seed));
  // The transcript is open in the editor: its text is at hand, not read as part of the edit.
  const texts = new Map<string, string>();
  for (const f of files) texts.set(f.source, (await readText(fs, f.source))!);
  let ws = loaded;
  const tagIds = ws.codebook.map((t) => t.id);
  const times = { all: [] as number[], newHighlight: [] as number[], changeTags: [] as number[], plan: [] as number[], write: [] as number[] };
  let refused = 0;
  for (let i = 0; i < count; i++) {
    // Each file gets a new highlight, then a tag change, and so on round the files.
    const file = files[Math.floor(i / 2) % files.length]!;
    const highlight = picker.one(file.highlights);
    const tags = [picker.one(tagIds)];
    const tagNew = i % 2 === 0;
    const planned = await timed(async () => {
      const plan = new EditPlan(fs, ws.versions);
      if (tagNew) await tagSelection(plan, ws, texts.get(file.source)!, { source: file.source, ...shorterSpan(highlight), tags, coder: 'bench' }, picker.random);
      else await updateHighlight(plan, ws, highlight.id, { addTags: tags, note: `Edited by the benchmark, round ${i}.` });
      return plan.result();
    });
    const { edits, problems } = planned.value;
    if (problems.length > 0 || edits.length === 0) {
      refused++;
      continue;
    }
    const written = await timed(async () => {
      await fs.apply(edits);
    });
    ws = reloadWritten(ws, edits);
    const ms = planned.ms + written.ms;
    times.all.push(ms);
    times.plan.push(planned.ms);
    times.write.push(written.ms);
    (tagNew ? times.newHighlight : times.changeTags).push(ms);
  }
  return {
    all: distribution(times.all),
    newHighlight: distribution(times.newHighlight),
    changeTags: distribution(times.changeTags),
    plan: distribution(times.plan),
    write: distribution(times.write),
    refused,
  };
}

/**
 * What the host's reload after a write gives the next edit (not timed: it runs in the
 * background, after the file is on disk): the written highlights files as loaded values,
 * and the new highlights placed where they were just made.
 */
function reloadWritten(ws: Workspace, edits: readonly FileEdit[]): Workspace {
  const highlightFiles = new Map(ws.highlightFiles);
  const anchoring = new Map(ws.anchoring);
  const versions = new Map(ws.versions);
  for (const edit of edits) {
    if (edit.kind !== 'write') continue;
    versions.set(edit.path, gitBlobHashOfBytes(Buffer.from(edit.content, 'utf8')));
    if (!ws.highlightFiles.has(edit.path)) continue;
    const { value } = readYamlOfKind('highlights', edit.path, edit.content);
    if (!value) throw new Error(`The benchmark wrote an invalid ${edit.path}`);
    const file = toHighlightsFile(edit.path, value);
    highlightFiles.set(edit.path, file);
    for (const h of file.highlights) {
      if (!anchoring.has(h.id)) anchoring.set(h.id, { id: h.id, state: 'anchored', start: h.start, end: h.end, quote: h.quote, confidence: 1, reason: 'new' });
    }
  }
  return { ...ws, highlightFiles, anchoring, versions };
}

/** The highlights files the edit benchmark writes to. */
export function editTargets(ws: Workspace, count = 20): HighlightsFile[] {
  return [...ws.highlightFiles.values()].filter((f) => f.highlights.length > 0).slice(0, count);
}

/** A passage inside a highlight but one word shorter: a new selection, not an existing highlight. */
function shorterSpan(h: Highlight): { start: number; end: number } {
  const quote = new CodePointIndex(h.quote);
  const lastSpace = h.quote.lastIndexOf(' ');
  return { start: h.start, end: h.start + quote.toCodePoint(lastSpace) };
}

/** The highlights files the edit benchmark may touch, to restore them byte for byte afterwards. */
export async function backUpHighlightFiles(root: string, files: readonly HighlightsFile[]): Promise<() => Promise<void>> {
  const saved = await Promise.all(files.map(async (f) => ({ abs: path.join(root, f.path), bytes: await fsp.readFile(path.join(root, f.path)) })));
  return async () => {
    for (const { abs, bytes } of saved) await fsp.writeFile(abs, bytes);
  };
}

// ---------------------------------------------------------------------------------------
// Search

export interface SearchMeasurement {
  buildMs: number;
  documents: number;
  postingBytes: number;
  all: Distribution;
  byKind: Record<BenchQuery['kind'], Distribution>;
  /** Queries that found at least one highlight: a check that the queries are realistic. */
  withHits: number;
  tagPicker: Distribution & { buildMs: number };
}

export function buildSearchIndex(ws: Workspace): FullTextIndex {
  const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
  const docs = [...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => searchDocOf(h, f.source, (id) => labels.get(id))));
  return new FullTextIndex(docs);
}

/** Builds the index over every highlight and runs the query mix against it, then the tag picker. */
export function measureSearch(ws: Workspace, seed: number): { measurement: SearchMeasurement; index: FullTextIndex } {
  const started = performance.now();
  const index = buildSearchIndex(ws);
  const buildMs = performance.now() - started;

  const descendantsOf = descendants(ws.codebook);
  const highlights = [...ws.highlightFiles.values()].flatMap((f) => f.highlights);
  const queries = highlightQueries(highlights, ws.codebook, seed);
  const times: number[] = [];
  const byKind = new Map<BenchQuery['kind'], number[]>();
  let withHits = 0;
  for (const query of queries) {
    const t = performance.now();
    const results = index.search(query.text, { limit: 100, descendantsOf });
    const ms = performance.now() - t;
    times.push(ms);
    byKind.set(query.kind, [...(byKind.get(query.kind) ?? []), ms]);
    if (results.total > 0) withHits++;
  }

  // Loaded on demand, as the tag picker loads it (src/extension/features/tagging/tagging.ts):
  // bundled, this is dist/name-search.js beside the benchmark, so its loading is timed too.
  const pickerStarted = performance.now();
  const { NameSearch, tagNames } = require('../src/core/search/names') as typeof import('../src/core/search/names');
  const names = new NameSearch(tagNames(ws.codebook));
  const pickerBuildMs = performance.now() - pickerStarted;
  const pickerTimes = tagQueries(ws.codebook, seed).map((q) => {
    const t = performance.now();
    names.search(q);
    return performance.now() - t;
  });

  const measurement: SearchMeasurement = {
    buildMs,
    documents: index.size,
    postingBytes: index.stats.postingBytes,
    all: distribution(times),
    byKind: Object.fromEntries([...byKind].map(([k, v]) => [k, distribution(v)])) as SearchMeasurement['byKind'],
    withHits,
    tagPicker: { ...distribution(pickerTimes), buildMs: pickerBuildMs },
  };
  return { measurement, index };
}

/** `tag:parent` also finds highlights tagged with any tag below it in the codebook. */
function descendants(codebook: readonly Tag[]): (tagId: string) => Iterable<string> {
  const children = new Map<string, string[]>();
  for (const t of codebook) if (t.parent) children.set(t.parent, [...(children.get(t.parent) ?? []), t.id]);
  return function* below(tagId: string): Iterable<string> {
    for (const child of children.get(tagId) ?? []) {
      yield child;
      yield* below(child);
    }
  };
}
