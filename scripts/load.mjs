#!/usr/bin/env node
// `npm run test:load [-- 50000 200000] [--doc-only]`: the load measurement in the real VS Code (not part of `npm test`).
// Generates the synthetic studies (test/load/generate.ts, reused when unchanged), bundles test/load/ with
// the integration runner's mocha entry into out/load/, runs it in code-server on each study, and writes
// the figures into the "Load in the real VS Code" section of docs/reliability.md (between its markers).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';

const cpus = availableParallelism();
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
  // The test build: the load test reads the panels' `rendered` reports (src/protocol/test-build.ts).
  execFileSync(process.execPath, ['scripts/build.mjs', '--instrumented'], { cwd: repo, stdio: 'inherit' });
  rmSync(join(repo, 'out/load'), { recursive: true, force: true });
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, define: { SIFT_TEST: 'true' }, logLevel: 'warning', external: ['vscode', 'mocha'] };
  await build({ ...common, entryPoints: { index: join(repo, 'test/integration/index.ts') }, outdir: join(repo, 'out/load') });
  await build({ ...common, entryPoints: { 'load.test': join(repo, 'test/load/load.test.ts') }, outdir: join(repo, 'out/load') });
}
/** Runs the load test in code-server on a study folder; its figures, or undefined when it wrote none. */
function measure(name, folder, env) {
  const out = join(repo, 'test/.artifacts', `load-${name}.json`);
  rmSync(out, { force: true });
  // The machine is shared: its load average says how much of a wall-clock figure is waiting to be scheduled.
  const loadBefore = loadavg()[0];
  const run = spawnSync(process.execPath, ['scripts/harness/driver.mjs', 'test', '--tests', 'out/load/index.js', '--workspace', folder, '--timeout', '2400'], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, ...env, SIFT_LOAD_OUT: out },
  });
  failed ||= run.status !== 0;
  if (!existsSync(out)) return undefined;
  const figures = { ...JSON.parse(readFileSync(out, 'utf8')), passed: run.status === 0, loadAverage: [loadBefore, loadavg()[0]].map((x) => Number(x.toFixed(1))) };
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
  if (!base?.['after load']) return "No baseline run on the example study: the study's own share of the heap is not known.";
  const share = (when, baseWhen) => (run.memory[when] && base[baseWhen] ? run.memory[when].heapMB - base[baseWhen].heapMB : undefined);
  const afterLoad = share('after load', 'after load');
  const atEnd = share('end', 'end');
  const worst = Math.max(...[afterLoad, atEnd].filter((x) => x !== undefined));
  // Issue 18's budgets: 150 MB at 50,000 highlights, 400 MB at 200,000.
  const budgetMB = Number(run.size) <= 50000 ? 150 : Number(run.size) <= 200000 ? 400 : undefined;
  const budget =
    budgetMB === undefined
      ? '(No budget is set for a study of this size.)'
      : `The budget, ${budgetMB} MB with a study of ${Number(run.size) <= 50000 ? '50,000' : '200,000'} highlights loaded and indexed: ${worst <= budgetMB ? 'met' : '**not met**'}.`;
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
      `VS Code ${r.vscode}, extension host Node ${r.node}, ${r.when.slice(0, 16)}Z${r.loadAverage ? ` (load average ${r.loadAverage.join(' at the start, ')} at the end, on ${cpus} cores)` : ''}; activate() ${f.activationMs} ms; ${f.problems} problems reported; board first paint ${f.boardFirstPaintMs} ms; whole run ${f.totalSeconds} s.`,
      '',
      row(['Path', 'Wall time', 'CPU time', 'Longest block', 'p99 block', 'Longest GC pause', 'What was done']),
      row(['---', '---:', '---:', '---:', '---:', '---:', '---']),
      ...r.phases.map((p) =>
        row([
          p.name,
          `${Math.round(p.ms)} ms`,
          p.cpuMs === undefined ? '—' : `${Math.round(p.cpuMs)} ms`,
          `${p.longestBlockMs > 50 ? '**' : ''}${p.longestBlockMs.toFixed(0)} ms${p.longestBlockMs > 50 ? '**' : ''}`,
          `${p.p99BlockMs.toFixed(0)} ms`,
          p.gc ? `${p.gc.longestMs.toFixed(0)} ms${p.gc.longestKind ? ` (${p.gc.longestKind})` : ''}` : '—',
          p.detail.replace(/\|/g, '\\|'),
        ]),
      ),
      '',
      `Extension host memory, heap after a full collection (before it) / RSS: ${Object.entries(r.memory)
        .map(([k, m]) => `${k} ${m.heapMB} (${m.heapBeforeGcMB}) / ${m.rssMB} MB`)
        .join('; ')}.`,
      '',
      studyMemory(r),
      '',
    );
  }
  lines.push(
    '### What blocks, and what was fixed',
    '',
    'Found with CPU profiles (`SIFT_LOAD_PROFILE=<folder> npm run test:load`) and heap snapshots',
    '(`SIFT_LOAD_HEAP=<folder>`) of the extension host per phase. The GC column is the longest collection V8 reported',
    "during the phase: a long block beside a short collection is not the collector's.",
    '',
    "Fixed in earlier rounds: every change recomputed the whole study's statistics for the status bar (15.8 s per tag",
    'at 50,000, "Extension host unresponsive"); the search index, the board and the personal-data scan run in slices;',
    'a reload reuses what it made from unchanged files, and a reload where nothing changed costs the listing only.',
    '',
    'Fixed in an earlier round:',
    '- **Memory.** V8 keeps a substring as a slice of the whole string it came from, so every value read from a',
    '  highlights file or a Markdown transcript held that whole file alive: after a cold load of 50,000 highlights the',
    '  workspace held 139 MB, 72 MB of it file texts. Parsed values are now copied out (a JSON round trip, as a warm load',
    '  gets them): 58 MB. A heap snapshot also showed a superseded personal-data scan still re-reading every transcript',
    '  and holding the previous study; background work now stops at its next pause once a newer run has started.',
    "  The extension host's heap after loading went from 217 to about 139 MB at 50,000 highlights, and from 575 to",
    '  about 330 MB at 200,000.',
    '- **Opening a study.** participants.yaml, codebook.yaml and any other YAML file of 16 KB or more parse in a worker',
    "  thread (`dist/yaml-thread.js`), and folders are listed in batches: the cold load's longest block went from",
    '  about 230–400 ms to under 70 ms here (29.7 ms in `npm run bench` on a quiet machine).',
    "- **Tagging.** The phase's longest block (150–270 ms) was VS Code activating its built-in Markdown and TypeScript",
    '  extensions when the first transcript opened, in this same extension host; the run now opens a transcript first,',
    '  as a researcher does. Each tag spawns `git hash-object` (10–40 ms of the spawn call in the profiles).',
    '',
    '',
    'The study service (issue 18): where each highlight is has one owner (src/core/workspace/study-service.ts); a',
    'write is taken in from the bytes written (the highlights file parsed and anchored in place, the anchoring map',
    "layered instead of copied); the watcher's echo of Sift's own write sets off no reload; the checks across files run",
    "again in slices after the write; decorations repaint on the service's event (the 30 ms wait is gone). The tagging",
    'phase now times each passage to its new highlight **painted** in the editor (20 passages, p95 reported), not only to',
    'the file on disk. In the profile of the tagging phase at 50,000 before this change, per tag: the post-write reload',
    '(listing 2,000 files ~100 ms, rebuilding every map and every check ~110 ms); after it, copying the 50,000-entry',
    'anchoring map (77 ms, now layered) and the same echo reload (now skipped).',
    '',
    '**Tags go straight to disk** (session 8, src/core/workspace/disk-writes.ts): a highlights file no editor has',
    'unsaved edits in is written by the node adapter (temporary file, data synced, rename) inside the write lock the CLI',
    'takes, refused if its bytes are not the ones the study holds; VS Code no longer opens, edits and saves it.',
    '',
    '**A tag no longer waits behind background work** (session 9). The profile of twenty tags at 50,000 showed the',
    "tag's own CPU small and its steps waiting: each of its ~35 returns to the event loop (a file call through the thread",
    "pool, a promise) could queue behind a 20 ms slice of background work — the personal-data scan's first pass over",
    'the study, the checks after the last write. Now:',
    '- a change the researcher waits for runs "in the foreground" (src/extension/host/slices.ts): background slices',
    '  (personal-data scan, board, the checks and indexes after a write) wait until no change is in flight (at most 2 s);',
    '- the checks across files after a write start after the change is painted, not in its time;',
    '- the index of which file holds each highlight (a tag asks it whether a new id is taken) is made in slices after',
    '  the load, not in one piece at the first tag (~100 ms at 200,000);',
    '- the lock file, the check read, the temporary file and the rename are synchronous system calls (each a few',
    '  microseconds on a quiet disk); only the data sync is awaited; a read no longer resolves every folder of its path.',
    '',
    '**What durability a tag needs** (src/node/node-fs.ts, writeSmallTemporary): a crash or power cut may lose the last',
    'change (a tag is made again in seconds) but must never leave a highlights file empty or half-written (every',
    "highlight of that transcript would be gone). The rename makes the replacement atomic for every program; the file's",
    'data is synced (fdatasync) before the rename so that this holds after a power cut on every file system (ext4 flushes',
    'a file renamed over another by itself, XFS and others do not); the folder is not synced, which would only make the',
    'rename itself — the last tag — survive a power cut. The lock file is never synced: one left by a crash is taken',
    'over. Measured here under load: write + fsync + rename 13.5 ms median, with fdatasync 8.5, with no sync 3.7.',
    '',
    'The same shared machine in every run below (load average 13–26 on 2 cores: the wall times are mostly waiting for',
    'a core; the CPU the extension host spent per tag is in brackets):',
    '',
    '| Tag → painted, median / p95 (extension host CPU median / p95) | session 8 start | session 8 end | now |',
    '| --- | ---: | ---: | ---: |',
    '| example study (101 highlights) | 424 / 1,035 ms (44 / 124) | 69 / 128 ms (17 / 42) | 30 / 46 ms |',
    '| 50,000 highlights | 1,135 / 3,213 ms (358 / 1,411) | 261 / 624 ms (91 / 123)¹ | **51 / 145 ms (22 / 34)** |',
    '| 200,000 highlights | 2,372 / 4,574 ms | 1,669 / 7,426 ms (397 / 1,564) | **96 / 364 ms (32 / 69)** |',
    '',
    "¹ Re-measured at the start of session 9, load average 13 (session 8's own figure was 187 / 565 ms).",
    '',
    'A second run after the last change (the search index compacted in steps after its build), with this machine',
    "also running Sift's unit and CLI tests (load average 21–23 on 2 cores): 89 / 215 ms at 50,000 and 419 / 1,089 ms",
    'at 200,000 (extension host CPU median 29 and 107 ms): the wall time follows what else the 2 cores run; the',
    'tables above are from the first run.',
    '',
    'Median ms per step, 50,000 / 200,000: planned 12.9 / 30.4, locked 0.3 / 0.6 (was 18.8 / 48), written to disk',
    '6.1 / 10.1 (was 60.6 / 347), unlocked 0.3 / 0.2, study updated 6.2 / 6.7 (was 17.8 / 84), features told 3.3 / 7.1.',
    'Outside VS Code (the same steps in plain Node on the 200,000 study, load average 17): median 19 ms, p95 35 ms, CPU',
    '11 ms. **Targets:** p95 ≤ 50 ms at 50,000 and ≤ 100 ms at 200,000 are not shown met on this machine: the medians are',
    'there (51 and 96 ms with a load average of 20–26 on 2 cores), the CPU per tag is well under them (22 / 32 ms), the',
    "p95 is the waiting of a shared machine and the other work of the extension host (VS Code's Markdown extension",
    'parsing each transcript as it opens, in the same process). Run `npm run test:load` on a quiet machine for the',
    "targets' verdict.",
    '',
    '**Background work shares one slice per turn of the event loop** (session 10, src/extension/host/slices.ts). The',
    'profiles of the tagging, typing and board phases at 50,000 (load average ~19) showed their long blocks made of',
    "several background jobs back to back: the personal-data scan, Find More Like This's warming, the board's cards.",
    'Each job counted its 20 ms slice from its own last yield and yielded with `setTimeout(0)`; with two or more such',
    'timer chains Node runs round after round of them in one timers phase without polling I/O (in plain Node, three',
    'chains of 2 ms steps: 120 steps in 14 turns of the loop). Every pause of sliced work in the extension host now',
    'goes through one queue released once per turn (setImmediate, after the I/O the loop polled), and the slice is',
    'counted from that release for all jobs together (the `SliceClock` port, handed to the study service): a turn holds',
    'at most 20 ms plus one step per job (unit test: 112 steps of 2 ms in one turn before, at most 13 now).',
    '',
    "**The board's cards are an index the study service keeps** (src/core/board/cards.ts): made once (in slices, on the",
    "board's first use), then after Sift's own write only the touched files' cards are made again, instead of",
    "50,000–200,000 cards made by the board feature for every new version of the study. The board's search box asks the",
    'full-text index for the matching ids only (`matchingIds`), not a ranked search with bold ranges for every hit:',
    '"manage" over the 50,000 study (2,200 matches) 19–26 ms CPU before, 1.3–6.5 ms after. Grouping and filtering',
    'the cards run in steps of 500 cards (each under 5 ms of CPU at 50,000, measured outside VS Code).',
    '',
    '**The personal-data scan runs in a worker thread** (session 10, src/node/privacy-thread.ts): the host reads the',
    'files and hands their text over; the findings come back packed (seven 32-bit numbers a finding, in one typed array',
    "per file; words and confidences in tables the study shares) and become objects only when read. The scanner's memory",
    'at 50,000 (381,710 findings) went from +217 MB of heap to 10.7 MB of array buffers; its longest block on the host',
    'from 0.5–1.4 s to ≤ 12.6 ms (docs/benchmarks.md, "privacy-memory"). For a file no editor shows, Problems lists its',
    'first 20 warnings and one "N more…" line; opening the file shows them all.',
    '',
    "Session 10's runs on a quiet machine (load average 2–4.5, no other work): 2026-12-07 11:16–11:18Z with all of",
    "session 10's changes, against the same machine and conditions at 09:31–09:37Z before them:",
    '',
    '| Quiet machine | 50,000 before | 50,000 now | 200,000 before | 200,000 now | target |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    '| Tag → painted, median / p95 | 37 / 76 ms | 24 / 42 ms | 28 / 57 ms | 25 / 73 ms | p95 ≤ 50 / ≤ 100 ms: **met** |',
    '| Longest block: tagging | 172 ms | 45 ms | 460 ms | 54 ms | ≤ 50 ms |',
    '| Longest block: typing | 24 ms | 21 ms | 98 ms | 80 ms (a 71 ms GC pause in the phase) | ≤ 50 ms |',
    '| Longest block: board open | 23 ms | 237 ms | 50 ms | 44 ms | ≤ 50 ms |',
    '| Longest block: board scrolling | 1,681 ms | 11 ms | 120 ms | 35 ms | ≤ 50 ms |',
    '| Longest block: filter / filter after a tag | 46 / 53 ms | 45 / 37 ms | 79 / 83 ms | 38 / 54 ms | ≤ 50 ms |',
    '| Longest block: group by tag | 475 ms | 22 ms | 48 ms | 40 ms | ≤ 50 ms |',
    '| Study heap at the end of the run | 529 MB | 150 MB | 736 MB | 416 MB | ≤ 150 / ≤ 400 MB |',
    '',
    '**Typing gives background work the way** (session 11, src/extension/host/slices.ts, features/editor/). The CPU',
    'profile of the typing phase at 200,000 (44 keys, main at 616522f, load average 14–18) was 4.3 s of Find More Like',
    "This's warming (cutting transcripts into passages, started 3 s after the last tag), 2.9 s of garbage collection",
    '(pauses of 84–793 ms between keys) and 0.8 s of tracking and decorations: the warming ran in 10 ms slices, but',
    'between keystrokes, and its garbage was collected in the middle of a word. Now:',
    '- every edit of a transcript notes the typing (`noteTyping`), and a background pause waits until the researcher',
    '  has stopped typing for 500 ms (at most 2 s, as for a change in flight: never starved);',
    '- a repaint sends only the decoration types whose ranges changed in that editor: each keystroke used to send one',
    '  message to the window per colour of the codebook, used in the transcript or not, plus the fuzzy outline; the',
    '  decoration settings are read once, not at every repaint;',
    "- a change is read against the version's positions the decorations already built, not a second index of the text.",
    '',
    'The typing phase at 200,000, same shared machine: longest block 1,109 → **44 ms**, p99 199 → 22 ms, longest GC',
    'pause 159 ms (mark-compact) → 23 ms (a scavenge), wall 12.6 → 3.1 s, at load averages 14–18 before and 19 after.',
    '',
    "The board's search box takes the index's hits as the cards shown (no walk over every card to filter them), and",
    'the Unsorted column is picked in the same walk that makes it (it was a list of ~199,000 cards made, then walked',
    'again): in plain Node on the 200,000 study, a tag then the board filtered by a word, CPU 173–250 → 131–185 ms.',
    '',
    '**A tag no longer reloads the study** (session 12, src/core/workspace/study-service.ts `changedOnDisk`). Each atomic',
    'write of a highlights file leaves a temporary file beside it for a moment (`.name.xxxx.tmp`); the watcher reported',
    'it as a file the study did not know, and at 200,000 highlights 5 of 20 tags reloaded the study and rebuilt every',
    'index. A file that came and went unknown to the study now changes nothing, and a reload where only highlights',
    "files changed (a pull of a colleague's coding, `sift anchor`) takes in those files as Sift's own writes are taken",
    "in. The reload phase above therefore now changes one highlights file's content (it only touched its time before,",
    'which now costs the listing alone): its figures do not compare with earlier runs.',
    '',
    "**The board's search box** (session 12, src/core/search/postings.ts): a search reads only its own words' postings",
    '(documents re-indexed after tags were scanned in full), a phrase starts from its rarest word (75 → 3 ms CPU for',
    '"the council" at 200,000 in plain Node), matches are asked about by id without a set of every matching id (59 → 11',
    'ms for "t"), and the board walks its cards an array per file (1.6–7.7 MB allocated per build instead of 18–24 MB).',
    '',
    '**The board gives background work the way, as typing does** (session 12): the profile of the scrolling phase at',
    "50,000 showed Find More Like This's warming running between windows of cards and a collection of its garbage as",
    "one block of 157–169 ms (three runs); every message from the board now notes the researcher's activity",
    '(`noteActivity`), and a board the researcher asked for (opened, filtered, grouped) is built in slices that do not',
    'wait for that pause. Scrolling at 50,000: longest block 157 → 16 ms.',
    '',
    "The tables at the top are session 12's quiet run (2026-12-07 17:17–17:19Z, load average 2.7–4.3, no other work),",
    "with all of session 12's changes. At 200,000 highlights every path of the target is under 50 ms: tagging 39 ms",
    "(54 in session 11's quiet run), typing 22 (19), opening the board 43 (54), scrolling 11 (60), the full-text filter",
    '45 (83), the filter after a tag 33 (77), grouping by tag 23 (30). Study heap 100 MB at 50,000 and about 300 MB at',
    '200,000 (budgets 150 / 400: met). Tag to painted p95 73 ms at 200,000 (≤ 100: met); at 50,000 p95 60 ms in this',
    'run against ≤ 50 (median 27 ms): over four quiet runs today 53, 37, 53 and 60 ms, the slowest one or two of twenty',
    'tags (their extension-host CPU 60–80 ms, against a median of 21).',
    '',
    'What remains:',
    '- **Tag p95 at 50,000** is at the edge of its 50 ms: the slowest of twenty tags spends 60–80 ms of CPU, not yet',
    '  profiled apart from the rest.',
    '- **Opening the study** (a background load, not one of the target paths) still has one block of about 100 ms at',
    '  both sizes, and the reload after a pull 31–51 ms.',
    "- **Filtering or grouping the board by week, phase or kind** rebuilds each highlight's dimensions in one piece",
    '  (407 ms CPU at 200,000 on a loaded machine; src/core/sources/dimensions.ts): not in the load test yet.',
    "- **Single outliers** move between phases from run to run (other extensions' work in the same host, the",
    '  collector); one quiet run per size is in the tables.',
  );
  return lines.join('\n').trimEnd();
}
