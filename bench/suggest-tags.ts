/**
 * How well "code like this" suggests tags, on real coding nobody here did, and how fast at
 * 50,000 highlights.
 *
 * Accuracy: the NVivo 12 REFI-QDA export (../shared/fixtures/real/refi/, imported as Sift
 * imports it) and the MAXQDA coded segments of the PDPilot study (maxqda-pdf/, read from the
 * PDFs where they are). 20 % of the coded passages are held out (fixed seed); the index is
 * built from the other 80 %. For each held-out passage: is its tag the first suggestion
 * (top-1), among the first three (top-3)? Beside it, the baseline a picker without
 * suggestions gives: the most frequent tags of the training coding. Find more like this:
 * for each tag with at least 3 training passages, the share of its first 20 results that
 * the researchers coded with it (NVivo: candidate passages cut from the transcripts as Sift
 * offers them, relevant when they overlap a held-out passage of the tag; MAXQDA, which has no
 * transcripts in the export: the held-out passages themselves), beside the share a random
 * pick would get.
 *
 * Latency: the generated 50,000-highlight study of `npm run bench` (bench/generate.ts).
 *
 * `npm run bench:suggest` prints the figures; `-- --write` also writes them into
 * docs/benchmarks.md between the assisted-suggestions markers.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SuggestionIndex, type Passage } from '../src/core/assist/suggest';
import type { Highlight } from '../src/core/model';
import { mulberry32 } from '../src/core/random';
import { readText } from '../src/core/workspace/load';
import type { Workspace } from '../src/core/workspace/workspace';
import { loadStudyFolder } from '../src/node/study-loader';
import { readCodedSegments, readCodeSystem } from '../test/support/maxqda-segments';
import { realFixture } from '../test/support/real-fixtures';
import { ensureWorkspace, FULL_CORPUS } from './generate';

const SEED = 20261207;
const HOLD_OUT = 0.2;
const FIND_MORE_RESULTS = 20;

interface CodedText {
  id: string;
  source: string;
  text: string;
  tags: string[];
  start?: number;
  end?: number;
}

interface Accuracy {
  corpus: string;
  passages: number;
  tags: number;
  heldOut: number;
  language: string;
  top1: number;
  top3: number;
  answered: number;
  baseTop1: number;
  baseTop3: number;
  findMore: { tags: number; precision: number; random: number; ceiling: number };
}

/**
 * Five hold-outs of 20 % each, by a fixed seed: the passages shuffled once, then each fifth
 * held out in turn, so every passage is held out exactly once (one hold-out of a few dozen
 * passages moves the figures by several points from one seed to the next).
 */
function folds<T>(items: readonly T[], seed: number): { train: T[]; test: T[] }[] {
  const random = mulberry32(seed);
  const order = items.map((item) => ({ item, key: random() }));
  order.sort((a, b) => a.key - b.key);
  const n = Math.round(1 / HOLD_OUT);
  return Array.from({ length: n }, (_, k) => {
    const [from, to] = [Math.round((k * items.length) / n), Math.round(((k + 1) * items.length) / n)];
    return { test: order.slice(from, to).map((o) => o.item), train: [...order.slice(0, from), ...order.slice(to)].map((o) => o.item) };
  });
}

/** A study holding only `coded`, on the transcripts (and their places) of `base` when given. */
function studyOf(coded: readonly CodedText[], base?: Workspace): Workspace {
  const files = new Map<string, { path: string; source: string; highlights: Highlight[] }>();
  for (const c of coded) {
    const path = `highlights/${c.source}.yaml`;
    const file = files.get(path) ?? { path, source: c.source, highlights: [] };
    file.highlights.push({ id: c.id, quote: c.text, prefix: '', suffix: '', start: c.start ?? 0, end: c.end ?? 0, tags: c.tags } as Highlight);
    files.set(path, file);
  }
  return {
    project: base?.project,
    codebook: base?.codebook ?? [],
    participants: [],
    transcripts: base?.transcripts ?? new Map(),
    highlightFiles: files,
    themes: new Map(),
    insights: new Map(),
    personas: new Map(),
    journeys: new Map(),
    anchoring: base?.anchoring ?? new Map(),
    versions: new Map([...files.keys()].map((p) => [p, `train-${p}`])),
    unreadable: new Set(),
    problems: [],
  };
}

function frequentTags(coded: readonly CodedText[]): string[] {
  const n = new Map<string, number>();
  for (const c of coded) for (const t of c.tags) n.set(t, (n.get(t) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
}

async function accuracy(
  corpus: string,
  coded: readonly CodedText[],
  findMore: (index: SuggestionIndex, train: Workspace, tag: string, test: readonly CodedText[]) => Promise<{ relevant: number; results: number; pool: number; positives: number }>,
  base?: Workspace,
): Promise<Accuracy> {
  let [top1, top3, answered, baseTop1, baseTop3, heldOut] = [0, 0, 0, 0, 0, 0];
  let [precision, random, ceiling, measured] = [0, 0, 0, 0];
  let language = '?';
  for (const { train, test } of folds(coded, SEED)) {
    const study = studyOf(train, base);
    const index = new SuggestionIndex().of(study);
    language = index.language ?? language;
    const frequent = frequentTags(train);
    heldOut += test.length;
    for (const c of test) {
      const tags = index.suggestTags(c.text, { limit: 3 }).map((s) => s.tag);
      if (tags.length > 0) answered++;
      if (tags[0] !== undefined && c.tags.includes(tags[0])) top1++;
      if (tags.some((t) => c.tags.includes(t))) top3++;
      if (c.tags.includes(frequent[0]!)) baseTop1++;
      if (frequent.slice(0, 3).some((t) => c.tags.includes(t))) baseTop3++;
    }
    const trainCount = new Map<string, number>();
    for (const c of train) for (const t of c.tags) trainCount.set(t, (trainCount.get(t) ?? 0) + 1);
    for (const tag of [...trainCount].filter(([, n]) => n >= 3).map(([t]) => t)) {
      const r = await findMore(index, study, tag, test);
      if (r.positives === 0 || r.results === 0) continue;
      measured++;
      precision += r.relevant / r.results;
      random += r.positives / r.pool;
      ceiling += Math.min(r.positives, r.results) / r.results;
    }
  }
  return {
    corpus,
    passages: coded.length,
    tags: new Set(coded.flatMap((c) => c.tags)).size,
    heldOut,
    language,
    top1: top1 / heldOut,
    top3: top3 / heldOut,
    answered: answered / heldOut,
    baseTop1: baseTop1 / heldOut,
    baseTop3: baseTop3 / heldOut,
    findMore: { tags: measured, precision: precision / measured, random: random / measured, ceiling: ceiling / measured },
  };
}

/** MAXQDA: one passage per coded text of a document (a text coded twice carries both codes). */
async function maxqda(): Promise<Accuracy> {
  const byText = new Map<string, CodedText>();
  for (const s of readCodedSegments(readCodeSystem())) {
    const key = `${s.document}\u0000${s.text}`;
    const c = byText.get(key) ?? { id: `s${byText.size}`, source: s.document, text: s.text, tags: [] };
    if (!c.tags.includes(s.code)) c.tags.push(s.code);
    byText.set(key, c);
  }
  // No transcripts in the export: the held-out passages are the pool find-more-like-this ranks.
  return accuracy('MAXQDA, PDPilot user study (English)', [...byText.values()], async (index, train, tag, test) => {
    const pool: Passage[] = test.map((c) => ({ source: c.source, start: 0, end: 0, text: c.text }));
    const tagsOf = new Map(test.map((c) => [c.text, c.tags]));
    const found = index.rankPassages(train, tag, pool, { limit: FIND_MORE_RESULTS });
    return { relevant: found.filter((f) => tagsOf.get(f.passage.text)!.includes(tag)).length, results: found.length, pool: pool.length, positives: test.filter((c) => c.tags.includes(tag)).length };
  });
}

/** NVivo: imported as `sift import qdpx` imports it, into a temporary folder. */
async function nvivo(): Promise<Accuracy> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sift-suggest-'));
  try {
    const copy = path.join(dir, 'project.qdpx');
    copyFileSync(realFixture('refi/nvivo12-oltas_teszt.qdpx'), copy);
    const study = path.join(dir, 'study');
    execFileSync(process.execPath, [path.join(__dirname, '..', 'dist', 'cli.js'), 'import', 'qdpx', copy, '--into', study], { stdio: 'ignore' });
    const loaded = await loadStudyFolder(study, { cache: false });
    const ws = loaded.workspace;
    // NVivo exports a passage coded with two codes as two selections: one passage here, with both tags.
    const bySpan = new Map<string, CodedText>();
    for (const f of ws.highlightFiles.values()) {
      for (const h of f.highlights) {
        const r = ws.anchoring.get(h.id);
        const [start, end] = [r?.start ?? h.start, r?.end ?? h.end];
        const key = `${f.source}#${start}-${end}`;
        const c = bySpan.get(key) ?? { id: h.id, source: f.source, text: h.quote, tags: [], start, end };
        for (const t of h.tags) if (!c.tags.includes(t)) c.tags.push(t);
        if (c.tags.length > 0) bySpan.set(key, c);
      }
    }
    const coded = [...bySpan.values()];
    return await accuracy(
      'NVivo 12 REFI-QDA export (Hungarian)',
      coded,
      async (index, train, tag, test) => {
        const held = test.filter((c) => c.tags.includes(tag));
        const found = await index.moreLike(train, tag, (source) => readText(loaded.fs, source), { limit: FIND_MORE_RESULTS });
        const relevant = found.filter((f) => held.some((c) => c.source === f.passage.source && c.start! < f.passage.end && f.passage.start < c.end!)).length;
        // The pool: every candidate passage not under the tag in the training coding.
        const pool = index.candidateCount;
        const positives = held.length;
        return { relevant, results: found.length, pool, positives };
      },
      ws,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Timed {
  /** Wall clock, ms. */
  wall: number;
  /** CPU time of this process, ms: what the work costs, whatever else the machine runs. */
  cpu: number;
}

interface Latency {
  highlights: number;
  load: number;
  build: Timed;
  suggest: { p50: Timed; p95: Timed };
  moreLikeCold: Timed;
  moreLike: { p50: Timed; max: Timed };
  /** The editor's background warming (10 ms slices), its longest slice, and the first call after it. */
  warm: Timed;
  warmSlices: number;
  slice: { p99: Timed; max: Timed };
  firstAfterWarm: Timed;
  /** The editor's first call on a study not warmed at all (coded index not built either): moreLikeFirst, and what it offered. */
  firstUnwarmed: Timed;
  firstUnwarmedFound: number;
  firstUnwarmedComplete: boolean;
  /** Loading dist/suggestions.js in a fresh node. */
  moduleLoad: Timed;
  heapMb: { coded: number; candidates: number };
  candidates: number;
}

async function timed(work: () => unknown): Promise<Timed> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
}

function percentile(values: readonly Timed[], p: number): Timed {
  const at = (key: keyof Timed) => [...values].map((v) => v[key]).sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
  return { wall: at('wall'), cpu: at('cpu') };
}

async function latency(): Promise<Latency> {
  const generated = await ensureWorkspace(path.join(__dirname, '.work'), FULL_CORPUS, (line) => console.log(`  ${line}`));
  const loaded = await loadStudyFolder(generated.root, { cache: false });
  const ws = loaded.workspace;
  const highlights = [...ws.highlightFiles.values()].flatMap((f) => f.highlights);
  const index = new SuggestionIndex();
  const build = await timed(() => index.of(ws));
  const random = mulberry32(SEED);
  const suggest: Timed[] = [];
  for (let i = 0; i < 300; i++) {
    const h = highlights[Math.floor(random() * highlights.length)]!;
    suggest.push(await timed(() => index.suggestTags(h.quote, { ignore: [h.id], limit: 3 })));
  }
  const tags = ws.codebook.map((c) => c.id);
  const more: Timed[] = [];
  let cold: Timed | undefined;
  for (let i = 0; i < 11; i++) {
    const tag = tags[Math.floor(random() * tags.length)]!;
    const t = await timed(() => index.moreLike(ws, tag, (source) => readText(loaded.fs, source), { limit: FIND_MORE_RESULTS }));
    if (cold) more.push(t);
    else cold = t;
  }
  const max = { wall: Math.max(...more.map((m) => m.wall)), cpu: Math.max(...more.map((m) => m.cpu)) };
  // As the editor does it: the index warmed in the background, in slices of 10 ms between which
  // the event loop runs; then the researcher's first Find More Like This.
  const warmed = new SuggestionIndex();
  let slice = { wall: performance.now(), cpu: process.cpuUsage() };
  const slices: Timed[] = [];
  const pause = async () => {
    if (performance.now() - slice.wall < 10) return;
    const used = process.cpuUsage(slice.cpu);
    slices.push({ wall: performance.now() - slice.wall, cpu: (used.user + used.system) / 1000 });
    await new Promise((resolve) => setImmediate(resolve));
    slice = { wall: performance.now(), cpu: process.cpuUsage() };
  };
  // As the editor does it when asked within 3 s of opening a study: nothing warmed, not even the coded passages.
  const unwarmed = new SuggestionIndex();
  let first: Awaited<ReturnType<SuggestionIndex['moreLikeFirst']>> | undefined;
  const firstUnwarmed = await timed(async () => (first = await unwarmed.moreLikeFirst(ws, tags[0]!, (source) => readText(loaded.fs, source), { limit: FIND_MORE_RESULTS })));
  const heapBefore = heapMb();
  const warm = await timed(() => warmed.warmPassages(ws, (source) => readText(loaded.fs, source), pause));
  const firstAfterWarm = await timed(() => warmed.moreLike(ws, tags[0]!, (source) => readText(loaded.fs, source), { limit: FIND_MORE_RESULTS }));
  const heapWarm = heapMb();
  const codedOnly = new SuggestionIndex().of(ws);
  const heapCoded = heapMb();
  void codedOnly;
  const slice99 = percentile(slices, 99);
  const sliceMax = { wall: Math.max(...slices.map((t) => t.wall)), cpu: Math.max(...slices.map((t) => t.cpu)) };
  return {
    highlights: highlights.length,
    load: os.loadavg()[0]!,
    build,
    suggest: { p50: percentile(suggest, 50), p95: percentile(suggest, 95) },
    moreLikeCold: cold!,
    moreLike: { p50: percentile(more, 50), max },
    warm,
    warmSlices: slices.length,
    slice: { p99: slice99, max: sliceMax },
    firstAfterWarm,
    firstUnwarmed,
    firstUnwarmedFound: first!.found.length,
    firstUnwarmedComplete: first!.complete,
    moduleLoad: loadModule(),
    heapMb: { candidates: heapWarm - heapBefore - (heapCoded - heapWarm), coded: heapCoded - heapWarm },
    candidates: warmed.candidateCount,
  };
}

/** heapUsed after a full collection (node --expose-gc), in MB; NaN without it. */
function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return NaN;
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

/** Loading the on-demand module the editor requires on first use, in a fresh node: how long it blocks. */
function loadModule(): Timed {
  const file = path.join(__dirname, '..', 'dist', 'suggestions.js');
  const script = `const c=process.cpuUsage(),w=performance.now();require(${JSON.stringify(file)});const u=process.cpuUsage(c);console.log(JSON.stringify({wall:performance.now()-w,cpu:(u.user+u.system)/1000}))`;
  const runs = Array.from({ length: 5 }, () => JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Timed);
  return percentile(runs, 50);
}

const pct = (x: number) => `${(100 * x).toFixed(x < 0.01 ? 2 : 1)} %`;
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);

function section(results: readonly Accuracy[], l: Latency): string {
  const rows = results.map(
    (r) =>
      `| ${r.corpus} | ${r.passages} passages, ${r.tags} tags (${r.language}) | ${r.heldOut} | **${pct(r.top1)}** | ${pct(r.baseTop1)} | **${pct(r.top3)}** | ${pct(r.baseTop3)} | ${pct(r.answered)} | **${pct(r.findMore.precision)}** (${r.findMore.tags} tags) | ${pct(r.findMore.random)} | ${pct(r.findMore.ceiling)} |`,
  );
  return `<!-- assisted-suggestions:start -->
## Assisted coding: tag suggestions ("code like this") and find more like this

<!-- Written by \`npm run bench:suggest -- --write\` (bench/suggest-tags.ts). Date: ${new Date().toISOString().slice(0, 10)}. -->

Real coding nobody on the project did; 20 % of the coded passages held out, the index built from the rest, five times over\n(seed ${SEED}: shuffled once, each fifth held out in turn, so every passage is held out once; figures over all of them).
BM25 over the coded passages (Snowball stemming and stop words from @orama/stemmers and @orama/stopwords, the language told
from the coding, accents and case folded); the ${NEIGHBOURS_TEXT} nearest passages vote for their tags, and each tag's share of the
coding is added to its votes (with a few hundred passages and dozens of tags, how often a tag is used says as much as the
words do). The baseline is what a picker without suggestions offers: the most frequent tags of the training coding.

| corpus | coding | held out (5 × 20 %) | top-1 | baseline top-1 | top-3 | baseline top-3 | answered | find more: precision in the first 20 | random pick | best possible |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

"answered": held-out passages given at least one suggestion. Find more like
this, per tag with at least 3 training passages in a hold-out: the share of its first 20 results coded with the tag by the researchers,
averaged over tags; "random pick" is the share of such passages in the pool, "best possible" what a perfect ranking gets
when a tag has fewer than 20 held-out passages. NVivo: candidates are the transcripts' passages as Sift offers them (turns;
long turns a few sentences at a time), relevant when they overlap a held-out passage of the tag. MAXQDA's export has no
transcripts, so the pool is the held-out passages.

What it says: the first suggestion is right more often than the most frequent tag on both projects; the first three hold
the researchers' tag more often than the three most frequent tags on the English study, and about as often on the
Hungarian comments, whose codes name arguments more than words. Find more like this ranks far above a random pick (on
NVivo's thousands of candidate passages by two orders of magnitude) but well below the best possible: lexical similarity
finds the passages that use a tag's words, not those that make its point in other words. Sentence embeddings would be the
next step, if a model shipped in an npm package ran offline on CPU and beat these figures (issue 21).

Latency on the generated study (${l.highlights.toLocaleString('en')} highlights): CPU time of the one thread doing the work, then the wall
clock on this shared 2-core machine (load average ${l.load.toFixed(0)} while it ran).

| step | CPU | wall clock |
|---|---|---|
| build the index (once, on first use, in slices between which the editor runs; later changes re-index only the highlights files that changed) | ${ms(l.build.cpu)} | ${ms(l.build.wall)} |
| suggestions for a selection, p50 | ${ms(l.suggest.p50.cpu)} | ${ms(l.suggest.p50.wall)} |
| suggestions for a selection, p95 (target ≤ 50 ms) | **${ms(l.suggest.p95.cpu)}** | ${ms(l.suggest.p95.wall)} |
| find more like this, first call on a study not yet warmed, the whole study (reads every transcript and cuts it into passages, in slices; what the CLI does) | ${ms(l.moreLikeCold.cpu)} | ${ms(l.moreLikeCold.wall)} |
| find more like this in the editor before any warming (within 3 s of opening: builds the coded index, cuts the 25 transcripts holding most of the tag, ranks; ${l.firstUnwarmedFound} passages offered, ${l.firstUnwarmedComplete ? 'the whole study' : 'the rest of the study ranked after them'}) (target ≤ 1 s) | **${ms(l.firstUnwarmed.cpu)}** | ${ms(l.firstUnwarmed.wall)} |
| find more like this, later calls, p50 | ${ms(l.moreLike.p50.cpu)} | ${ms(l.moreLike.p50.wall)} |
| find more like this, later calls, slowest of 10 (target ≤ 1 s) | **${ms(l.moreLike.max.cpu)}** | ${ms(l.moreLike.max.wall)} |
| warming in the background, as the editor does 3 s after a study opens or changes (${l.warmSlices.toLocaleString('en')} slices of 10 ms, the event loop runs between them) | ${ms(l.warm.cpu)} | ${ms(l.warm.wall)} |
| warming: a slice, p99 (the editor's budget: 20 ms) | **${ms(l.slice.p99.cpu)}** | ${ms(l.slice.p99.wall)} |
| warming: its longest slice (see below) | ${ms(l.slice.max.cpu)} | ${ms(l.slice.max.wall)} |
| find more like this, first call once warmed (target ≤ 1 s) | **${ms(l.firstAfterWarm.cpu)}** | ${ms(l.firstAfterWarm.wall)} |
| loading dist/suggestions.js (the stemmers of 23 languages), median of 5 fresh node processes (budget: 50 ms) | **${ms(l.moduleLoad.cpu)}** | ${ms(l.moduleLoad.wall)} |

A slice's CPU is the whole process's (node 20 has no per-thread figure), so it counts the garbage collector's helper threads
too. The longest slice is an outlier far above the p99: warming one index alone in a fresh process (the study and nothing
else in the heap, load average 15) had its longest slice at 23 ms CPU, 34 ms wall; here the bench's heap also holds a first
warmed index and, since issue 21's second pass, the partly warmed one of the "before any warming" row (the longest slice went
from 221 ms to 843 ms CPU with it), and the outlier is most likely a full garbage collection of them (not confirmed: GC pauses
are not recorded).

Heap kept by a warmed index (after a full collection): ${l.heapMb.coded.toFixed(0)} MB for the coded passages, ${l.heapMb.candidates.toFixed(0)} MB for the
${l.candidates.toLocaleString('en')} candidate passages (their places and terms; a passage's words are read back from its transcript when it is offered).
A study not yet warmed when Find More Like This is asked for (within 3 s of opening it) is not read whole first: the passages
already cut and those of the 25 transcripts that hold most of the tag's highlights are ranked at once (a count of transcripts,
not a time budget, so what is offered does not depend on the machine), the researcher reviews them, and the whole study is
ranked after them (the warming goes on meanwhile).
<!-- assisted-suggestions:end -->`;
}

const NEIGHBOURS_TEXT = 'ten';

async function main(): Promise<void> {
  const results = [await nvivo(), await maxqda()];
  for (const r of results) console.log(JSON.stringify(r));
  if (process.argv.includes('--accuracy-only')) return;
  const l = await latency();
  console.log(JSON.stringify(l));
  const text = section(results, l);
  console.log(text);
  if (process.argv.includes('--write')) {
    const file = path.join(__dirname, '..', 'docs', 'benchmarks.md');
    const doc = readFileSync(file, 'utf8');
    const marked = /<!-- assisted-suggestions:start -->[\s\S]*<!-- assisted-suggestions:end -->/;
    writeFileSync(file, marked.test(doc) ? doc.replace(marked, text) : `${doc.trimEnd()}\n\n${text}\n`);
    console.log('wrote docs/benchmarks.md');
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
