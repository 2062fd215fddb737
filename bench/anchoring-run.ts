/**
 * `npm run bench:anchoring [-- --quick | --report-only]`: re-anchoring on the synthetic and
 * the real transcripts, Sift beside Hypothesis on the same edits, and the time budget on one
 * 300,000-character transcript. Prints the tables and rewrites the re-anchoring section of
 * docs/benchmarks.md (between its markers; `npm run bench` keeps it). The quick run (a fifth
 * of the synthetic corpus, fewer timing runs) writes bench/.work/anchoring-quick.md instead.
 * Exits 0 whatever the numbers: this reports, it does not test.
 */
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { longCase, realCases, syntheticCases } from './anchoring-corpus';
import { measureAnchoring, measureSpeed } from './anchoring';
import { anchoringConsole, anchoringSection, ANCHORING_END, ANCHORING_START, type AnchoringResults } from './anchoring-report';

const SEED = 7;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const repo = repositoryRoot(__dirname);
  const work = path.join(repo, 'bench', '.work');
  const resultsFile = path.join(work, quick ? 'anchoring-quick.json' : 'anchoring.json');
  let results: AnchoringResults;
  if (argv.includes('--report-only')) results = JSON.parse(await fsp.readFile(resultsFile, 'utf8')) as AnchoringResults;
  else {
    const started = performance.now();
    const load = os.loadavg()[0]!;
    const log = (line: string) => console.log(line);
    const synthetic = syntheticCases(quick ? 20 : 100, SEED);
    const real = realCases(SEED);
    log(`Synthetic: ${synthetic.length} transcripts; real: ${real.length} transcripts, ${real.reduce((n, c) => n + c.highlights.length, 0)} highlights`);
    const measurements = [...measureAnchoring('synthetic', synthetic, undefined, log), ...measureAnchoring('real', real, undefined, log)];
    log('Time budget: one long transcript…');
    const speed = measureSpeed(longCase(SEED), 0.1, quick ? 2 : 5);
    results = {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      machine: `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.cpus().length} cores · Node ${process.version}`,
      loadAverage: [load, os.loadavg()[0]!],
      quick,
      realTranscripts: real.map((c) => ({ source: c.source, characters: c.text.length, highlights: c.highlights.length })),
      syntheticTranscripts: synthetic.length,
      syntheticHighlights: synthetic.reduce((n, c) => n + c.highlights.length, 0),
      measurements,
      speed,
      seconds: (performance.now() - started) / 1000,
    };
    await fsp.mkdir(work, { recursive: true });
    await fsp.writeFile(resultsFile, JSON.stringify(results, null, 2));
  }
  console.log(`\n${anchoringConsole(results)}`);
  const section = `${ANCHORING_START}\n${anchoringSection(results)}\n${ANCHORING_END}\n`;
  if (quick) {
    await fsp.writeFile(path.join(work, 'anchoring-quick.md'), section);
    console.log('\nWrote bench/.work/anchoring-quick.md.');
    return;
  }
  const doc = path.join(repo, 'docs', 'benchmarks.md');
  const current = await fsp.readFile(doc, 'utf8').catch(() => '');
  const marked = new RegExp(`\\n?${escape(ANCHORING_START)}[\\s\\S]*${escape(ANCHORING_END)}\\n`);
  await fsp.writeFile(doc, marked.test(current) ? current.replace(marked, `\n${section}`) : `${current.replace(/\n*$/, '\n')}\n${section}`);
  console.log('\nWrote the re-anchoring section of docs/benchmarks.md.');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The folder of Sift's package.json above `from`: the same whether run bundled (bench/.work/) or from source (bench/). */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'sift') return dir;
    if (path.dirname(dir) === dir) throw new Error(`No Sift package.json above ${from}.`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
