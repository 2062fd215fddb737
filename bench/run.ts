/**
 * `npm run bench [-- --quick | --report-only]`: generates (or reuses) the synthetic study,
 * measures loading, editing, searching and memory in one process, prints a table and
 * writes docs/benchmarks.md (re-anchoring has its own: `npm run bench:anchoring`) (the quick run writes bench/.work/benchmarks-quick.md,
 * so a try-out never replaces the full results; --report-only rewrites the page from the
 * last run's results). Exits 0 whatever the numbers: this reports, it does not test.
 */
import { fork } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ANCHORING_SECTION } from './anchoring-report';
import { LONG_TRANSCRIPT, measureEditor } from './editor';
import { ensureWorkspace, FULL_CORPUS, QUICK_CORPUS, whileModifying } from './generate';
import { backUpHighlightFiles, editTargets, measureColdLoad, measureEdits, measureIoFloor, measureSearch, measureWarmLoad } from './measure';
import { consoleReport, markdownReport, type BenchResults } from './report';
import { heapAfterGc } from './stats';
import { repositoryRoot } from './repository';

const REPO = repositoryRoot(__dirname);
const WORK = path.join(REPO, 'bench', '.work');

const SEED = 7;

interface RunOptions {
  quick: boolean;
  /** Only rewrite the page from the last run's results (after editing bench/report.ts). */
  reportOnly: boolean;
  edits: number;
}

function options(argv: readonly string[]): RunOptions {
  const quick = argv.includes('--quick');
  return { quick, reportOnly: argv.includes('--report-only'), edits: quick ? 40 : 100 };
}

async function main(): Promise<void> {
  const started = performance.now();
  const opts = options(process.argv.slice(2));
  if (opts.reportOnly) return rewriteReport(opts);
  const corpus = opts.quick ? QUICK_CORPUS : FULL_CORPUS;
  const log = (line: string) => console.log(line);

  log(`Workspace: ${corpus.transcripts} transcripts × ${corpus.highlightsPerTranscript} highlights…`);
  const generated = await ensureWorkspace(WORK, corpus, log);
  const root = generated.root;
  if (generated.generated) {
    // Measure in a fresh process: the generator leaves a big heap and a warmed-up JIT behind.
    log(`  generated in ${generated.seconds.toFixed(0)} s: ${root}; measuring in a fresh process`);
    process.exitCode = await rerunInFreshProcess();
    return;
  }
  log(`  reused ${root}`);

  log('I/O floor…');
  const io = await measureIoFloor(root);
  const loadAverage = os.loadavg()[0]!;
  // Each load starts from a collected heap, so its peak is its own and not the garbage of what ran before.
  const baselineBytes = heapAfterGc();

  log('Cold load…');
  const cold = await coldLoadPhase(root);
  log(`  ${(cold.measurement.ms / 1000).toFixed(2)} s; heap after GC holding the result for ${cold.files} files ${mib(cold.justLoadedBytes)}`);

  log('Warm load…');
  heapAfterGc();
  const warm = await measureWarmLoad(root);
  log(`  ${(warm.measurement.ms / 1000).toFixed(2)} s`);
  const workspace = warm.workspace;

  log('Search…');
  const search = measureSearch(workspace, SEED);
  const loadedBytes = heapAfterGc();
  log(`  index of ${search.index.size} highlights; heap ${mib(loadedBytes)}`);

  log('Edits…');
  const edits = await whileModifying(root, async () => {
    const targets = editTargets(workspace);
    const restore = await backUpHighlightFiles(root, targets);
    try {
      return await measureEdits(root, workspace, targets, opts.edits, SEED);
    } finally {
      await restore();
    }
  });

  log('Editor: decorations and Tag Selection in one long transcript…');
  const longTranscript = await ensureWorkspace(WORK, LONG_TRANSCRIPT, log);
  const editor = await measureEditor(longTranscript.root, SEED);

  const results: BenchResults = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: { ...machine(), loadAverage: [loadAverage, os.loadavg()[0]!] },
    quick: opts.quick,
    corpus,
    io,
    cold: cold.measurement,
    snapshotBytes: cold.snapshotBytes,
    warm: warm.measurement,
    heap: { baselineBytes, justLoadedBytes: cold.justLoadedBytes, loadedBytes },
    edits,
    search: search.measurement,
    editor,
    totalSeconds: (performance.now() - started) / 1000,
  };
  await fsp.writeFile(resultsPath(opts), JSON.stringify(results, null, 2));
  await writeReport(results, opts);
}

function resultsPath(opts: RunOptions): string {
  return path.join(WORK, opts.quick ? 'results-quick.json' : 'results.json');
}

async function rewriteReport(opts: RunOptions): Promise<void> {
  await writeReport(JSON.parse(await fsp.readFile(resultsPath(opts), 'utf8')) as BenchResults, opts);
}

async function writeReport(results: BenchResults, opts: RunOptions): Promise<void> {
  console.log(`\n${consoleReport(results)}`);
  const doc = opts.quick ? path.join(WORK, 'benchmarks-quick.md') : path.join(REPO, 'docs', 'benchmarks.md');
  await fsp.mkdir(path.dirname(doc), { recursive: true });
  // The re-anchoring, affinity board and sentiment sections are written by their own benchmarks
  // (bench/anchoring-run.ts, bench/board.ts, bench/sentiment.ts), the tag-to-disk one from `npm run test:load`,
  // the service one (CSV export, bundle, activation) from `npm run bench:export-csv` and the harness; keep them.
  const current = await fsp.readFile(doc, 'utf8').catch(() => '');
  const kept = [
    ANCHORING_SECTION,
    /\n<!-- board:start -->[\s\S]*<!-- board:end -->\n/,
    /\n<!-- sentiment:start -->[\s\S]*<!-- sentiment:end -->\n/,
    /\n<!-- tag-to-disk:start -->[\s\S]*<!-- tag-to-disk:end -->\n/,
    /\n<!-- service:start -->[\s\S]*<!-- service:end -->\n/,
  ].map((section) => section.exec(current)?.[0] ?? '');
  await fsp.writeFile(doc, markdownReport(results) + kept.join(''));
  console.log(`\nWrote ${path.relative(REPO, doc)}.`);
}

/**
 * The cold load, in a function of its own so that its result is garbage once it returns
 * (a local of main() would stay alive and inflate every later heap measurement).
 */
async function coldLoadPhase(root: string) {
  const { result, measurement, snapshotBytes } = await measureColdLoad(root);
  // What the host holds right after loading: the workspace and the snapshot it is about to persist.
  const justLoadedBytes = heapAfterGc();
  return { measurement, snapshotBytes, justLoadedBytes, files: result.stats.files };
}

function rerunInFreshProcess(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1]!, process.argv.slice(2), { execArgv: process.execArgv, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function machine(): Omit<BenchResults['machine'], 'loadAverage'> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
