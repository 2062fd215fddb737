/**
 * Turns the measurements into a verdict per target: a table on the console and
 * `docs/benchmarks.md`. A benchmark reports, it never fails: a missed target is stated with
 * the measured gap and, where the cause is known from profiling, what causes it.
 */
import type { EditorMeasurement } from './editor';
import type { CorpusParams } from './generate';
import type { EditMeasurement, IoFloor, LoadMeasurement, SearchMeasurement, WarmLoadMeasurement } from './measure';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1-minute load averages when the measurements began and ended: other work on the machine skews timings. */
  loadAverage: [number, number];
}

export interface BenchResults {
  date: string;
  machine: Machine;
  quick: boolean;
  corpus: CorpusParams;
  io: IoFloor;
  cold: LoadMeasurement;
  snapshotBytes: number;
  warm: WarmLoadMeasurement;
  heap: { baselineBytes: number; justLoadedBytes: number; loadedBytes: number };
  edits: EditMeasurement;
  search: SearchMeasurement;
  /** Absent in results from before this measurement existed. */
  editor?: EditorMeasurement;
  totalSeconds: number;
}

interface Row {
  metric: string;
  value: string;
  target: string;
  /** undefined: informational, no target. */
  met: boolean | undefined;
  note: string;
}

/**
 * Why a target is missed, from profiling (`node --cpu-prof`) of this benchmark. Shown only
 * while the target is missed; update when the cause changes.
 */
const GAP_NOTES: Record<string, string> = {
  cold:
    'Profiled (~3.6 s of CPU): ~0.7 s idle, as files are read one at a time; transcript parsing 0.75 s; `yaml` parsing codebook, participants, themes and insights 0.6 s; GC 0.5 s; ' +
    'the fast highlights reader 0.35 s; a CodePointIndex built twice per transcript (loader and anchoring) 0.3 s.',
  coldBlock:
    "YAML files from 16 KB (participants.yaml, codebook.yaml) are parsed in a worker thread; what remains as single tasks: compiling the first schema with ajv (~35 ms, ~90 ms with the machine's load, while reading research.yaml); " +
    'the cross-reference and anchoring checks over all highlights at the end (~30–70 ms).',
  warm: 'About half is reading the snapshot (streamed and parsed line by line); the rest is the loader rebuilding the workspace and running the cross-reference checks.',
  warmBlock: 'Profile it: the cross-reference and anchoring checks at the end of the load now yield between files.',
  edit: 'Planning, not writing, is the cost (see the split): the whole 21 KB file is parsed with positions and checks (~13 ms) and re-rendered (~5 ms) for every edit.',
  heap: 'The index holds every document and posting list; see the heap right after the load for the workspace alone.',
  heapPeak:
    'After a cold load the workspace alone holds ~170 MB, against ~55 MB after a warm one: strings sliced out of file texts keep the whole texts alive (V8 sliced strings) — the values the fast reader ' +
    'takes from each highlights file (1,000 files, 37 MB in a heap snapshot) and the `quote` of each anchoring result, sliced from its transcript (1,000 transcripts, 64 MB).',
  heapPeakWarm: "The snapshot's entries and the workspace built from them are alive together.",
};

const MB = 1024 * 1024;

export function summaryRows(r: BenchResults): Row[] {
  const rows: Row[] = [];
  const row = (key: string, metric: string, value: string, target: string, met: boolean | undefined, extra = '') => {
    const gap = met === false ? (GAP_NOTES[key] ?? '') : '';
    rows.push({ metric, value, target, met, note: [extra, gap].filter(Boolean).join(' ') });
  };
  row('io', `I/O floor: read all ${count(r.io.files)} files (${mb(r.io.bytes)}), 16 at a time`, ms(r.io.ms), '—', undefined, 'Page cache warm.');
  row(
    'cold',
    'Cold load (no snapshot)',
    s(r.cold.ms),
    '≤ 5 s',
    r.cold.ms <= 5000,
    `CPU ${s(r.cold.cpuMs)}. ${count(r.cold.stats.parsed)} files parsed, ${count(r.cold.stats.anchored)} highlights anchored, ${r.cold.problems} problems; ${(r.cold.ms / r.io.ms).toFixed(0)}× the I/O floor.`,
  );
  row('coldBlock', 'Cold load: longest event-loop block', ms(r.cold.loop.longestBlockMs), '≤ 50 ms', r.cold.loop.longestBlockMs <= 50, `${plural(r.cold.loop.blocksOver50ms, 'block')} over 50 ms.`);
  row('warm', 'Warm load (snapshot read + parse included)', s(r.warm.ms), '≤ 1 s', r.warm.ms <= 1000, `CPU ${s(r.warm.cpuMs)}. Snapshot ${mb(r.snapshotBytes)}, read + parsed alone in ${ms(r.warm.snapshotReadMs)}.`);
  row('warmBlock', 'Warm load: longest event-loop block', ms(r.warm.loop.longestBlockMs), '≤ 50 ms', r.warm.loop.longestBlockMs <= 50, `${plural(r.warm.loop.blocksOver50ms, 'block')} over 50 ms.`);
  row(
    'edit',
    `Highlight edit → on disk (${r.edits.all.count} edits), p50 / p95`,
    `${ms(r.edits.all.p50)} / ${ms(r.edits.all.p95)}`,
    'p95 ≤ 50 ms',
    r.edits.all.p95 <= 50,
    `New highlight p95 ${ms(r.edits.newHighlight.p95)}, tag + memo change p95 ${ms(r.edits.changeTags.p95)}, max ${ms(r.edits.all.max)}; ` +
      `planning p50 / p95 ${ms(r.edits.plan.p50)} / ${ms(r.edits.plan.p95)}, writing (fsync) ${ms(r.edits.write.p50)} / ${ms(r.edits.write.p95)}${r.edits.refused ? `; ${r.edits.refused} refused` : ''}.`,
  );
  row(
    'search',
    `Full-text search, ${r.search.all.count} queries over ${count(r.search.documents)} highlights, p50 / p95`,
    `${ms(r.search.all.p50)} / ${ms(r.search.all.p95)}`,
    'p95 ≤ 100 ms',
    r.search.all.p95 <= 100,
    `Slowest kind: ${slowestKind(r.search)}; ${r.search.withHits} queries had hits.`,
  );
  row(
    'searchBuild',
    'Search index build (one synchronous call)',
    ms(r.search.buildMs),
    '—',
    undefined,
    `Posting arrays ${mb(r.search.postingBytes)}. One call here; the extension builds it in slices in the background after each load (\`StudyIndex.warm\`), so no filter waits for it.`,
  );
  row('tagPicker', `Tag picker (NameSearch over ${r.corpus.tags} tags), ${r.search.tagPicker.count} queries, p50 / p95`, `${ms(r.search.tagPicker.p50)} / ${ms(r.search.tagPicker.p95)}`, 'p95 ≤ 100 ms', r.search.tagPicker.p95 <= 100);
  if (r.editor) {
    const e = r.editor;
    const where = `${count(e.characters)}-character transcript with ${count(e.highlights)} highlights`;
    row(
      'decorations',
      `Decorations of the visible editor, ${where}, p50 / p95`,
      `${ms(e.decorationsAfterEdit.p50)} / ${ms(e.decorationsAfterEdit.p95)}`,
      'p95 ≤ 16 ms',
      e.decorationsAfterEdit.p95 <= 16,
      `Right after a keystroke (position index rebuilt for the new text); with the index already built p50 / p95 ${ms(e.decorations.p50)} / ${ms(e.decorations.p95)}.`,
    );
    row(
      'tagSelection',
      `Tag Selection → file on disk, ${where}, p50 / p95`,
      `${ms(e.tagging.newHighlight.p50)} / ${ms(e.tagging.newHighlight.p95)}`,
      'p95 ≤ 50 ms',
      e.tagging.newHighlight.p95 <= 50,
      `${e.tagging.newHighlight.count} new highlights; tag + memo changes p95 ${ms(e.tagging.changeTags.p95)}; planning p95 ${ms(e.tagging.plan.p95)}, writing (fsync) p95 ${ms(e.tagging.write.p95)}.`,
    );
  }
  row('heap', 'Heap after GC: workspace loaded + search index built', mb(r.heap.loadedBytes), '≤ 150 MB', r.heap.loadedBytes <= 150 * MB, `Of which ${mb(r.heap.baselineBytes)} before loading (code, libraries).`);
  row('heapJustLoaded', 'Heap after GC right after the cold load (workspace + snapshot held)', mb(r.heap.justLoadedBytes), '—', undefined);
  row(
    'heapPeak',
    'Peak heap during the cold load',
    mb(r.cold.loop.peakHeapBytes),
    '≤ 150 MB',
    r.cold.loop.peakHeapBytes <= 150 * MB,
    'heapUsed sampled between tasks: it includes garbage not yet collected, so it varies with GC timing from run to run, and it misses peaks inside a task.',
  );
  row('heapPeakWarm', 'Peak heap during the warm load', mb(r.warm.loop.peakHeapBytes), '≤ 150 MB', r.warm.loop.peakHeapBytes <= 150 * MB, 'Sampled the same way.');
  return rows;
}

export function consoleReport(r: BenchResults): string {
  const summary = summaryRows(r).map((row) => [row.metric, row.value, row.target, verdict(row.met)]);
  return [textTable(['Metric', 'Measured', 'Target', 'Verdict'], summary), '', `Measuring took ${(r.totalSeconds / 60).toFixed(1)} min (the workspace is generated once, then reused).`].join('\n');
}

export function markdownReport(r: BenchResults): string {
  const rows = summaryRows(r);
  const lines = [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts). To change the text, edit bench/report.ts and run `npm run bench -- --report-only`. -->',
    '',
    '`npm run bench` generates a synthetic study of the size in the performance goals',
    '(../shared/reference/performance-and-safety.md), measures Sift on it through the same public',
    'APIs the CLI and the extension use, and rewrites this page. It never fails on slowness: a',
    'missed target is reported here with its gap. `npm run bench -- --quick` runs on a tenth of',
    'the corpus and writes to `bench/.work/benchmarks-quick.md` instead. The workspace is generated',
    'once (seeded, deterministic) into the git-ignored `bench/.work/` and reused.',
    '',
    `**Run:** ${r.date} · ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB · Node ${r.machine.node} (${r.machine.platform}) · ` +
      `load average ${r.machine.loadAverage.map((l) => l.toFixed(1)).join(' → ')} (1 min, start → end) · measuring took ${(r.totalSeconds / 60).toFixed(1)} min${r.quick ? ' · **quick corpus**' : ''}`,
    '',
    `**Corpus:** ${count(r.corpus.transcripts)} transcripts of ~${count(r.corpus.wordsPerTranscript)} words (55 % Markdown with front matter and speaker turns, 15 % WebVTT, 15 % SRT, 15 % Otter-style text), ` +
      `${count(r.corpus.transcripts * r.corpus.highlightsPerTranscript)} highlights (${r.corpus.highlightsPerTranscript} per transcript, 12–45 words, 1–5 tags, half with a memo) in one YAML file per transcript ` +
      `written by Sift's own writer, ${r.corpus.tags} tags in a hierarchy, ${count(r.corpus.participants)} participants, 40 themes, 15 insights; ${count(r.io.files)} files, ${mb(r.io.bytes)}.`,
    '',
    '## Results',
    '',
    markdownTable(
      ['Metric', 'Measured', 'Target', 'Verdict', 'Notes'],
      rows.map((row) => [row.metric, row.value, row.target, verdict(row.met), row.note]),
    ),
    '',
    '## Search by query kind',
    '',
    markdownTable(
      ['Kind', 'Queries', 'p50', 'p95', 'max'],
      Object.entries(r.search.byKind).map(([kind, d]) => [kind, String(d.count), ms(d.p50), ms(d.p95), ms(d.max)]),
    ),
    '',
    '## How it is measured',
    '',
    '- **I/O floor**: `fs.promises.readFile` of every workspace file with 16 reads in flight; the page cache is warm (the files were just generated or read), as it is when an editor reopens a folder.',
    '- **Cold load**: `openWorkspace(root, { cache: false })` from src/cli/open.ts, so loading runs exactly as in the CLI (node adapters, git history, native hashing, `setImmediate` yields), with no snapshot. ' +
      "A 5 ms interval timer runs alongside; the longest delay of its ticks is the longest time the event loop was blocked, and it samples `heapUsed` for the peak. CPU time is the process's user + system time meanwhile.",
    "- **Warm load**: the cold load's snapshot persisted with `writeSnapshot` (`.sift/cache/`), then `openWorkspace(root)` again, which reads it back and re-parses nothing; the time includes reading and parsing the snapshot, which is also timed alone.",
    '- **Edit → disk**: on the warm-loaded workspace, `tagSelection` (a new highlight, one word shorter than an existing one) and `updateHighlight` (add a tag, set the memo) alternate over 20 highlights files; ' +
      "each edit is an `EditPlan` applied by `NodeFileSystem.apply` (hash check, temporary file, fsync, rename), after which `workspace.versions` gets the written content's hash, as an editor would. The files are restored afterwards.",
    "- **Editor**: a one-transcript study (a Markdown interview of ~50,000 words, 1,000 highlights written by Sift's writer). Decorations: `placedHighlights` + `planDecorations` (src/core/editor/), exactly what the extension computes for a visible editor before handing ranges to VS Code, 200 times; " +
      'measured both right after an edit (the `TextPositions` index of the new text built first) and with the index cached. Tag Selection: `tagSelection` planned and applied to disk as in **Edit → disk**, 50 new highlights alternating with 50 tag changes in that one 1,000-highlight file.',
    '- **Search**: `FullTextIndex` over every highlight (quote, memo, tags with labels, speaker, source); queries are drawn from the corpus: single words, two words, prefixes being typed, quoted phrases, `tag:` filters (with sub-tags) alone or with a word, and `-word` exclusions; `limit` 100. The tag picker is `NameSearch` over the codebook.',
    '- **Noise**: timings on a shared VM vary by ±25 % between runs even at a low load average (shown above); CPU time next to wall time tells a slow Sift from a busy machine.',
    '- **Heap**: `heapUsed` after two forced collections (`--expose-gc`) while the warm-loaded workspace and the search index are alive; the load snapshot itself is released first.',
    '',
  ];
  return lines.join('\n');
}

function slowestKind(search: SearchMeasurement): string {
  const [kind, d] = Object.entries(search.byKind).sort((x, y) => y[1].p95 - x[1].p95)[0] ?? ['none', { p95: 0 }];
  return `${kind} (p95 ${ms(d.p95)})`;
}

function verdict(met: boolean | undefined): string {
  return met === undefined ? '—' : met ? 'met' : '**not met**';
}

function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function percent(value: number): string {
  return `${value.toFixed(value < 1 && value > 0 ? 2 : 1)} %`;
}

export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

function s(value: number): string {
  return `${(value / 1000).toFixed(2)} s`;
}

function mb(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

export function markdownTable(header: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map(escape).join(' | ')} |`).join('\n');
}

export function textTable(header: string[], rows: string[][]): string {
  const plain = (cell: string) => cell.replace(/\*\*/g, '');
  const all = [header, ...rows].map((cells) => cells.map(plain));
  const widths = header.map((_, i) => Math.max(...all.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
