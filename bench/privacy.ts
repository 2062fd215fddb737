/**
 * `npm run bench:privacy [-- --study]`: the personal-data benchmark (issue 15).
 *
 * - The labelled set (test/support/pii-benchmark.ts): precision and recall per speaker
 *   convention and per kind, with every miss and false alarm, as Markdown for docs/privacy.md.
 * - With --study: `sift check` (cold and warm personal-data cache) against `sift stats` on the
 *   50,000-highlight synthetic study of `npm run bench` (generated into bench/.work/ if absent).
 *   Figures, not a test: a slow machine fails nothing.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import '../src/node/core-libraries';
import { PII_KINDS } from '../src/core/privacy/findings';
import { runBenchmark } from '../test/support/pii-benchmark';
import { scoreFindings } from '../test/support/pii-labelled';
import { ensureWorkspace, FULL_CORPUS } from './generate';

const f3 = (n: number) => n.toFixed(3);

async function labelled(): Promise<void> {
  const r = await runBenchmark();
  console.log('| convention | documents | labelled | found | precision | recall |\n|---|---:|---:|---:|---:|---:|');
  for (const { convention, evaluation: e } of r.byConvention) {
    console.log(`| ${convention} | ${r.documents.filter((d) => d.convention === convention).length} | ${e.overall.labelled} | ${e.overall.found} | ${f3(e.overall.precision)} | ${f3(e.overall.recall)} |`);
  }
  console.log(`| **all** | ${r.documents.length} | ${r.overall.overall.labelled} | ${r.overall.overall.found} | **${f3(r.overall.overall.precision)}** | **${f3(r.overall.overall.recall)}** |\n`);
  const all = scoreFindings(new Map(r.documents.map((d) => [d.path, d])), r.findings);
  console.log('| kind | labelled | found | precision | recall |\n|---|---:|---:|---:|---:|');
  for (const k of all.perKind) if (PII_KINDS.includes(k.kind) && (k.labelled > 0 || k.found > 0)) console.log(`| ${k.kind} | ${k.labelled} | ${k.found} | ${f3(k.precision)} | ${f3(k.recall)} |`);
  console.log('\nMisses:');
  for (const m of all.misses) console.log(`- ${m.path}: ${m.kind} "${m.text}"`);
  console.log('\nFalse alarms:');
  for (const f of all.falseAlarms) console.log(`- ${f.path}:${f.line}: ${f.kind} "${f.text}"`);
}

function timed(args: string[]): number {
  const cli = path.join(__dirname, '..', 'dist', 'cli.js');
  const started = performance.now();
  spawnSync(process.execPath, [cli, ...args], { stdio: 'ignore' });
  return (performance.now() - started) / 1000;
}

async function study(): Promise<void> {
  const { root } = await ensureWorkspace(path.join(__dirname, '.work'), FULL_CORPUS, (l) => console.error(l));
  const best = (args: string[], runs = 3) => Math.min(...Array.from({ length: runs }, () => timed(args)));
  timed(['check', root]); // the loader's own cache, warm for both
  rmSync(path.join(root, '.sift', 'cache', 'privacy.bin'), { force: true });
  const cold = timed(['check', root]);
  const warm = best(['check', root]);
  const stats = best(['stats', root]);
  const cacheMB = statSync(path.join(root, '.sift', 'cache', 'privacy.bin')).size / 1e6;
  console.log(
    `\n| 50,000 highlights (1,000 transcripts) | seconds |\n|---|---:|\n| sift stats | ${stats.toFixed(2)} |\n| sift check, personal-data cache cold | ${cold.toFixed(2)} |\n| sift check, warm | ${warm.toFixed(2)} (${(warm / stats).toFixed(2)}× stats) |\n\nThe personal-data cache (.sift/cache/privacy.bin): ${cacheMB.toFixed(1)} MB.`,
  );
}

void (async () => {
  await labelled();
  if (process.argv.includes('--study')) await study();
})();
