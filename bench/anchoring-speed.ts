/**
 * `npm run bench:anchoring-speed [-- runs]`: only the time budget of the re-anchoring bench
 * (one 300,000-character transcript, 1,000 highlights, 10 % word edits, from the quotes
 * only), CPU and wall milliseconds per run with the load average: quick to rerun while
 * working on speed, and to profile (`--cpu-prof` on the bundled script).
 */
import * as os from 'node:os';
import { anchorHighlights } from '../src/core/anchoring/anchor';
import { longCase } from './anchoring-corpus';
import { editsFor } from './anchoring';

const runs = Number(process.argv[2] ?? 7);
const c = longCase(7);
const edit = editsFor(c, 0.1, 0);
const cpu: number[] = [];
const wall: number[] = [];
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  const before = process.cpuUsage();
  anchorHighlights({ text: edit.newText, highlights: c.highlights });
  const used = process.cpuUsage(before);
  wall.push(performance.now() - started);
  cpu.push((used.user + used.system) / 1000);
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
console.log(`${c.text.length} characters, ${c.highlights.length} highlights, 10 % edits, ${runs} runs, load ${os.loadavg()[0]!.toFixed(1)}`);
console.log(`CPU ms: best ${sorted(cpu)[0]!.toFixed(0)}, median ${median(cpu).toFixed(0)}  (${cpu.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`wall ms: best ${sorted(wall)[0]!.toFixed(0)}, median ${median(wall).toFixed(0)}`);
