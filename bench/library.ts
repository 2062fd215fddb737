/**
 * The library benchmark at the scale of an organisation: 50 generated studies of 4,000
 * highlights each (200,000 in all), listed in one library.yaml. Measures, through the code
 * `sift` runs: loading the library cold (no cache) and warm (each study's .sift/cache),
 * building the studies' search indexes and reading them from .sift/cache, `searchStudies` per query warm (the index built),
 * and the whole `sift search` command as a researcher runs it. Targets (issue 20): search
 * p95 ≤ 100 ms warm, library load warm ≤ 2 s. Prints a Markdown section for docs/benchmarks.md.
 *
 *   npm run bench:library                      everything, cold load included (deletes the studies' caches first)
 *   npm run bench:library -- --load-only       only warm loads, each in a new process
 *   npm run bench:library -- --search-only     only searching, the caches warm: per query, and sift search end to end
 *
 * Bundled first (bench/bundle.mjs), as Sift ships: from sources through tsx every import
 * across modules is a getter call, and the load is measured slower than the CLI runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fsp, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { libraryYaml, searchStudies, type SearchableStudy } from '../src/core/library';
import { loadLibrary, type LoadedLibrary } from '../src/node/library';
import { searchable } from '../src/cli/library-open';
import { ensureWorkspace, FULL_CORPUS, type CorpusParams } from './generate';
import { highlightQueries } from './queries';
import { repositoryRoot } from './repository';
import { distribution, monitored, timed } from './stats';

const STUDIES = 50;
const STUDY: Omit<CorpusParams, 'seed'> = { ...FULL_CORPUS, transcripts: 40, highlightsPerTranscript: 100, participants: 40, tags: 120 };
const WARM_RUNS = 5;
/** Warm loads each in a new process, as a researcher's `sift` command meets them (JIT cold, heap empty). */
const FRESH_RUNS = 10;
const CLI_RUNS = 5;

/** One warm load in this process, reported to the parent as JSON on stdout (`--load-once DIR`). */
async function loadOnce(dir: string): Promise<void> {
  const run = await monitored(() => loadLibrary(dir));
  const report: FreshLoad = { ms: run.ms, cpuMs: run.cpuMs, studies: run.value.studies.length };
  console.log(JSON.stringify(report));
}

interface FreshLoad {
  ms: number;
  cpuMs: number;
  studies: number;
}

function freshLoad(dir: string): FreshLoad {
  const r = spawnSync(process.execPath, ['--enable-source-maps', __filename, '--load-once', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the warm load in a new process failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as FreshLoad;
}

async function main(): Promise<void> {
  const once = process.argv.indexOf('--load-once');
  if (once > 0) return loadOnce(process.argv[once + 1]!);
  const repo = repositoryRoot(__dirname);
  const work = path.join(repo, 'bench', '.work', 'library');
  await fsp.mkdir(work, { recursive: true });
  const started = performance.now();
  const folders: string[] = [];
  for (let i = 0; i < STUDIES; i++) {
    // One folder per study (the generator names a folder by its size, not its seed).
    const ws = await ensureWorkspace(path.join(work, `study-${String(i + 1).padStart(2, '0')}`), { ...STUDY, seed: 20260401 + i }, () => undefined);
    folders.push(path.relative(work, ws.root).split(path.sep).join('/'));
  }
  await fsp.writeFile(path.join(work, 'library.yaml'), libraryYaml('Bench library', folders));
  console.error(`library ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  if (process.argv.includes('--load-only')) {
    // Only the warm load, each in a new process: for trying a change to the loader quickly.
    freshLoad(work); // the caches, in case they are missing or stale
    const runs = Array.from({ length: FRESH_RUNS }, () => freshLoad(work));
    const ms = distribution(runs.map((r) => r.ms));
    const cpu = distribution(runs.map((r) => r.cpuMs));
    console.log(
      `warm load in a new process, ${FRESH_RUNS} runs (load average ${os.loadavg()[0]!.toFixed(1)}): wall p50 ${Math.round(ms.p50)} max ${Math.round(ms.max)} ms; CPU p50 ${Math.round(cpu.p50)} max ${Math.round(cpu.max)} ms; CPU runs ${runs.map((r) => Math.round(r.cpuMs)).join(' ')}`,
    );
    return;
  }
  if (process.argv.includes('--search-only')) {
    // Only searching, the caches warm: per query in this process, and \`sift search\` as a new process.
    const loaded = await loadLibrary(work);
    const studies = await searchable(loaded);
    const q = searchTimes(loaded, studies);
    const c = cliSearchTimes(repo, work, q.queries);
    console.log(
      `search (load average ${os.loadavg()[0]!.toFixed(1)}): per query, ${q.queries.length} queries, CPU p50 ${q.cpu.p50.toFixed(1)} p95 ${q.cpu.p95.toFixed(1)} max ${q.cpu.max.toFixed(1)} ms, wall p95 ${q.wall.p95.toFixed(1)} ms; sift search end to end, ${CLI_RUNS} runs: wall p50 ${Math.round(c.wall.p50)} max ${Math.round(c.wall.max)} ms, CPU ${c.cpu ? `p50 ${Math.round(c.cpu.p50)} max ${Math.round(c.cpu.max)} ms` : 'not measured'}`,
    );
    return;
  }
  for (const f of folders) rmSync(path.join(work, f, '.sift'), { recursive: true, force: true });
  const cold = await timed(() => loadLibrary(work));
  const highlights = cold.value.studies.reduce((n, s) => n + [...s.workspace.highlightFiles.values()].reduce((m, f) => m + f.highlights.length, 0), 0);
  const warm: number[] = [];
  const warmCpu: number[] = [];
  let loaded = cold.value;
  for (let i = 0; i < WARM_RUNS; i++) {
    const run = await monitored(() => loadLibrary(work));
    warm.push(run.ms);
    warmCpu.push(run.cpuMs);
    loaded = run.value;
  }
  const fresh = Array.from({ length: FRESH_RUNS }, () => freshLoad(work));
  const indexed = await monitored(() => searchable(loaded, { cache: false }));
  await searchable(loaded); // writes each study's .sift/cache/search-index.bin
  const fromCache = await monitored(() => searchable(loaded));
  const studies = indexed.value;
  const { queries, found, wall: q, cpu: qc } = searchTimes(loaded, studies);
  const { wall: c, cpu: cc } = cliSearchTimes(repo, work, queries);
  const w = distribution(warm);
  const wc = distribution(warmCpu);
  const f = distribution(fresh.map((r) => r.ms));
  const fc = distribution(fresh.map((r) => r.cpuMs));
  const load = os.loadavg()[0]!.toFixed(1);
  const ms = (n: number) => `${Math.round(n)} ms`;
  console.log(
    [
      '## Library (50 studies, 200,000 highlights)',
      '',
      `\`npm run bench:library\` (bundled as Sift ships): ${STUDIES} generated studies of ${STUDY.transcripts} transcripts × ${STUDY.highlightsPerTranscript} highlights (${highlights.toLocaleString('en-GB')} highlights, ${STUDY.participants} participants and ${STUDY.tags} tags each), listed in one library.yaml. Timings through the code \`sift\` runs; ${queries.length} queries of the search benchmark's mix (words, two words, prefixes, phrases, tag filters, exclusions; ${found} found something).`,
      '',
      `Wall-clock time depends on what else the machine runs (load average ${load} on ${os.cpus().length} cores at the end of this run); CPU time is this process's own work.`,
      '',
      '| measure | wall clock | CPU time | target |',
      '| --- | ---: | ---: | ---: |',
      `| library load, cold (no .sift/cache) | ${ms(cold.ms)} | – | – |`,
      `| library load, warm, again in one process (median of ${WARM_RUNS}; max) | ${ms(w.p50)}; ${ms(w.max)} | ${ms(wc.p50)}; ${ms(wc.max)} | ≤ 2 s |`,
      `| library load, warm, each in a new process as \`sift\` runs it (median of ${FRESH_RUNS}; max) | ${ms(f.p50)}; ${ms(f.max)} | ${ms(fc.p50)}; ${ms(fc.max)} | ≤ 2 s |`,
      `| search indexes of all studies, built (no cache) | ${ms(indexed.ms)} | ${ms(indexed.cpuMs)} | – |`,
      `| search indexes of all studies, read from .sift/cache | ${ms(fromCache.ms)} | ${ms(fromCache.cpuMs)} | – |`,
      `| search per query, warm (p50 / p95 / max) | ${ms(q.p50)} / ${ms(q.p95)} / ${ms(q.max)} | ${ms(qc.p50)} / ${ms(qc.p95)} / ${ms(qc.max)} | p95 ≤ 100 ms |`,
      `| \`sift search\` end to end, a new process each time (median / max of ${CLI_RUNS}) | ${ms(c.p50)} / ${ms(c.max)} | ${cc ? `${ms(cc.p50)} / ${ms(cc.max)}` : '–'} | – |`,
    ].join('\n'),
  );
}

/** Each query of the search benchmark's mix, searched in every study with its index in memory. */
function searchTimes(loaded: LoadedLibrary, studies: SearchableStudy[]) {
  const sample = studies.flatMap((s) => [...s.workspace.highlightFiles.values()].flatMap((f) => f.highlights)).filter((_, i) => i % 50 === 0);
  const queries = highlightQueries(sample, studies[0]!.workspace.codebook, 7);
  const wall: number[] = [];
  const cpu: number[] = [];
  let found = 0;
  for (const q of queries) {
    const started = process.cpuUsage();
    const t0 = performance.now();
    const r = searchStudies(loaded.library, studies, q.text, { limit: 50, asTyped: true });
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(started);
    cpu.push((used.user + used.system) / 1000);
    if (r.total > 0) found++;
  }
  return { queries, found, wall: distribution(wall), cpu: distribution(cpu) };
}

/** \`sift search\` as a researcher runs it, a new process each time; its CPU time through /usr/bin/time where there is one (user + system seconds on its last stderr line). */
function cliSearchTimes(repo: string, work: string, queries: readonly { text: string }[]) {
  const timeTool = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const t0 = performance.now();
    const command = [process.execPath, path.join(repo, 'dist', 'cli.js'), 'search', queries[i]!.text.trim(), work, '--format', 'json'];
    const r = timeTool ? spawnSync(timeTool, ['-f', 'cpu %U %S', ...command], { encoding: 'utf8', maxBuffer: 1 << 28 }) : spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
    wall.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`sift search failed: ${r.stderr}`);
    const used = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    if (used) cpu.push((Number(used[1]) + Number(used[2])) * 1000);
  }
  return { wall: distribution(wall), cpu: cpu.length > 0 ? distribution(cpu) : undefined };
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
