#!/usr/bin/env node
// `npm run test:load [-- 50000 200000] [--doc-only]`: the load measurement in the real VS Code (not part of `npm test`).
// Generates the synthetic studies (test/load/generate.ts, reused when unchanged), bundles test/load/ with
// the integration runner's mocha entry into out/load/, runs it in code-server on each study, and writes
// the figures into the "Load in the real VS Code" section of docs/reliability.md (between its markers).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const repo = join(import.meta.dirname, '..');
// --doc-only: rewrite the doc's section from the last run's figures (test/.artifacts/load-<size>.json).
const docOnly = process.argv.includes('--doc-only');
const given = process.argv.slice(2).filter((a) => a !== '--doc-only');
const sizes = given.length ? given : ['50000', '200000'];
const npx = (args, opts = {}) => execFileSync('npx', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...opts });

const results = [];
let failed = false;
if (docOnly) {
  for (const size of sizes) results.push({ passed: true, ...JSON.parse(readFileSync(join(repo, 'test/.artifacts', `load-${size}.json`), 'utf8')) });
} else {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, stdio: 'inherit' });
  rmSync(join(repo, 'out/load'), { recursive: true, force: true });
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', external: ['vscode', 'mocha'] };
  await build({ ...common, entryPoints: { index: join(repo, 'test/integration/index.ts') }, outdir: join(repo, 'out/load') });
  await build({ ...common, entryPoints: { 'load.test': join(repo, 'test/load/load.test.ts') }, outdir: join(repo, 'out/load') });
}
/** Runs the load test in code-server on a study folder; its figures, or undefined when it wrote none. */
function measure(name, folder, env) {
  const out = join(repo, 'test/.artifacts', `load-${name}.json`);
  rmSync(out, { force: true });
  const run = spawnSync(process.execPath, ['scripts/harness/driver.mjs', 'test', '--tests', 'out/load/index.js', '--workspace', folder, '--timeout', '2400'], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, ...env, SIFT_LOAD_OUT: out },
  });
  failed ||= run.status !== 0;
  if (!existsSync(out)) return undefined;
  const figures = { ...JSON.parse(readFileSync(out, 'utf8')), passed: run.status === 0 };
  writeFileSync(out, JSON.stringify(figures, null, 2));
  return figures;
}

// What the extension host holds with a small study open (VS Code's own code and objects, Sift's code):
// a study's own memory is the heap above it.
let baseline;
if (docOnly) baseline = JSON.parse(readFileSync(join(repo, 'test/.artifacts/load-baseline.json'), 'utf8'));
else {
  const example = mkdtempSync(join(tmpdir(), 'sift-load-example-'));
  cpSync(join(repo, 'examples/home-adaptations'), example, { recursive: true });
  const git = (...args) => execFileSync('git', ['-c', 'user.name=Sift load', '-c', 'user.email=load@sift.invalid', ...args], { cwd: example, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'example study');
  console.log(`load: the example study (baseline) in ${example}`);
  baseline = measure('baseline', example, { SIFT_LOAD_SIZE: '1' });
  rmSync(example, { recursive: true, force: true });
}

for (const size of docOnly ? [] : sizes) {
  const folder = npx(['tsx', 'test/load/generate.ts', size]).trim().split(' ').slice(1).join(' ');
  console.log(`load: ${size} highlights in ${folder}`);
  const figures = measure(size, folder, { SIFT_LOAD_SIZE: size });
  if (figures) results.push(figures);
}

if (results.length) {
  const doc = join(repo, 'docs/reliability.md');
  const text = readFileSync(doc, 'utf8');
  const [begin, end] = ['<!-- load:begin -->', '<!-- load:end -->'];
  const section = `${begin}\n${loadSection(results)}\n${end}`;
  writeFileSync(doc, text.includes(begin) ? text.slice(0, text.indexOf(begin)) + section + text.slice(text.indexOf(end) + end.length) : `${text.trimEnd()}\n\n${section}\n`);
  console.log(`load: figures written to docs/reliability.md`);
}
process.exitCode = failed ? 1 : 0;

/**
 * The study's own heap: the run's heap above the example study's at the same point (VS Code's code and
 * objects, Sift's code, the other built-in extensions), against the benchmark's budget.
 */
function studyMemory(run) {
  const base = baseline?.memory;
  if (!base?.['after load']) return 'No baseline run on the example study: the study\'s own share of the heap is not known.';
  const share = (when, baseWhen) => run.memory[when] && base[baseWhen] ? run.memory[when].heapMB - base[baseWhen].heapMB : undefined;
  const afterLoad = share('after load', 'after load');
  const atEnd = share('end', 'end');
  const worst = Math.max(...[afterLoad, atEnd].filter((x) => x !== undefined));
  // The benchmark's budget is for its own study of 50,000 highlights; a bigger one is measured for how it scales.
  const budget = Number(run.size) <= 50000 ? `The benchmark's budget, 150 MB with its 50,000-highlight study loaded and indexed: ${worst <= 150 ? 'met' : '**not met**'}.` : `(The benchmark's 150 MB budget is for 50,000 highlights; this study is ${Number(run.size) / 50000} times that.)`;
  return (
    `The study's own heap: **${afterLoad} MB** after loading, **${atEnd} MB** at the end (the heap above the example study's: ` +
    `${base['after load'].heapMB} MB after loading it, ${base.end?.heapMB} MB at the end of the same run on it). ${budget}`
  );
}

function loadSection(runs) {
  const row = (cells) => `| ${cells.join(' | ')} |`;
  const lines = [
    '## Load in the real VS Code',
    '',
    'Written by `npm run test:load` (test/load/, scripts/load.mjs): the synthetic study opened in code-server, the',
    "hot paths driven through the real UI (typing through the browser, the board's own message channel), the",
    "extension host's event loop watched by perf_hooks' delay monitor (5 ms resolution). Target: no block over",
    '50 ms on the hot paths (tagging, typing, scrolling the board). A measurement, not a test gate: the machine',
    'is shared (2 cores, other builds running), so the blocks include time the process was not scheduled at all.',
    '',
  ];
  for (const r of runs) {
    const f = r.facts;
    lines.push(
      `### ${Number(r.size).toLocaleString('en')} highlights (${f.transcripts} transcripts) — ${r.passed ? 'works' : '**failed**'}`,
      '',
      `VS Code ${r.vscode}, extension host Node ${r.node}, ${r.when.slice(0, 16)}Z; activate() ${f.activationMs} ms; ${f.problems} problems reported; board first paint ${f.boardFirstPaintMs} ms; whole run ${f.totalSeconds} s.`,
      '',
      row(['Path', 'Wall time', 'Longest block', 'p99 block', 'Longest GC pause', 'What was done']),
      row(['---', '---:', '---:', '---:', '---:', '---']),
      ...r.phases.map((p) => row([p.name, `${Math.round(p.ms)} ms`, `${p.longestBlockMs > 50 ? '**' : ''}${p.longestBlockMs.toFixed(0)} ms${p.longestBlockMs > 50 ? '**' : ''}`, `${p.p99BlockMs.toFixed(0)} ms`, p.gc ? `${p.gc.longestMs.toFixed(0)} ms` : '—', p.detail.replace(/\|/g, '\\|')])),
      '',
      `Extension host memory, heap after a full collection (before it) / RSS: ${Object.entries(r.memory).map(([k, m]) => `${k} ${m.heapMB} (${m.heapBeforeGcMB}) / ${m.rssMB} MB`).join('; ')}.`,
      '',
      studyMemory(r),
      '',
    );
  }
  lines.push(
    '### What blocks, and what was fixed',
    '',
    'Found with CPU profiles of the extension host per phase (`SIFT_LOAD_PROFILE=<folder> npm run test:load`).',
    'Fixed: every change recomputed the whole study\'s statistics for the status bar (3.4 s per tag at 50,000',
    'highlights: `participantsOfTranscript` rebuilt the set of participants once per highlight) — the status bar',
    'now computes its transcript only, who speaks in a transcript is remembered per load, a new highlight id is',
    'checked by one scan instead of a 50,000-id set, the board\'s cards are made once per load, and the search',
    'index is updated with the changed files instead of rebuilt after every write. Tagging went',
    'from a median of 15.8 s with 19 s blocks ("Extension host unresponsive") to under a second at 50,000 highlights.',
    '',
    'Then, each found in the profiles: the search index is built in slices in the background after every load',
    '(`StudyIndex.warm`), so the first filter finds it ready (200,000: a 2.8 s block before); the board is built in',
    'slices (one generator-based `buildBoard`, run whole or with pauses; a newer view or load wins), so opening and',
    'regrouping no longer block for the whole study (200,000, group by tag: 0.7–1.1 s before); a reload keeps the',
    'highlights files and anchoring results it made from unchanged files instead of rebuilding them (work and garbage',
    'per write in proportion to the study); a reload where no file changed (the watcher\'s echo of a write already',
    'reloaded) returns the last load as it is; the personal-data scan pauses between files (a whole-study rescan',
    'after a tag taught it a new name blocked for 1.2 s while the board scrolled); the codebook\'s cycle check makes',
    'its parent map once, not once per tag. CPU time in the extension host over the ten tags at 50,000 halved',
    '(6.9 s to 3.7 s in the profiles).',
    '',
    'Still over 50 ms, with their causes (from the profiles):',
    '- **Tagging** (200–260 ms longest, p99 41–50 ms): full garbage collections of the big heap take 100–200 ms',
    '  each and were the longest block of the profiled tagging run; the first Tag Selection loads a module',
    '  (~180 ms, once). Otherwise each reload lists the folder (a stat per file, 10–20 ms), re-runs the',
    '  cross-reference checks over every highlight (sliced, 20 ms at a time), and VS Code compresses its remote',
    '  messages (the views refreshed after each reload) in the extension host.',
    '- **The rest** (at 50,000: typing 54 ms, opening the board 53 ms, group by tag 62 ms; at 200,000: the first',
    '  filter 129 ms, scrolling 79 ms, the filter after a tag 80 ms, group by tag 54 ms): single blocks, p99 under',
    '  50 ms everywhere — collections, and time the process was not scheduled:',
    '  the machine\'s load average was 5–6 on 2 cores during this run (other builds). Figures vary by 2× between runs.',
    '- **The personal-data scan** still re-reads every transcript when a tag teaches it a new name (by design: the',
    '  name may be anywhere); it is sliced per file now, so one long transcript is the longest piece.',
    '- **Opening the study** (cold): participants.yaml and codebook.yaml parsed by `yaml` in one call (docs/benchmarks.md).',
    '- **Memory** is over the 150 MB heap budget in the extension host: about 220 MB after loading 50,000',
    '  highlights with the search index built (250–280 MB after tagging and the board) and 575 MB for 200,000',
    '  (700–760 MB after tagging and the board; 1.2–1.5 GB after tagging before these changes).',
    '  The benchmark\'s 150 MB is measured in plain Node without VS Code. Next step: keep the parsed',
    '  highlights once (the snapshot keeps each file\'s parsed YAML beside the workspace\'s highlights made from it).',
  );
  return lines.join('\n').trimEnd();
}
