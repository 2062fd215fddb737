/**
 * `npm run bench:export-csv -- <study folder> [long|wide]`: what `sift export csv` holds in memory
 * beyond the loaded study, as issue 18 asks (peak ≤ 2× one row batch).
 *
 * The study is loaded as the CLI loads it (openWorkspace), the quote tools made as the CLI makes
 * them (the personal-data guard included), then the batches are made exactly as the CLI makes
 * them and handed to a sink that keeps nothing. The heap is measured after forced collections
 * (`--expose-gc`), so garbage not yet collected does not count: before the export, after the
 * quote tools (and the modules a row loads on demand), and every few batches while rows are made. What the export holds is the
 * largest of those minus the heap with the study and tools alone; the largest batch's size is
 * measured in bytes of UTF-8 and in the heap (n bytes for n Latin-1 characters, 2n for any others).
 * Peak resident memory (the whole process, garbage included) is `/usr/bin/time -f %M` of the CLI.
 */
import { csvBatches, csvRowsOneByOne, type CsvFormat } from '../src/core/exchange/csv';
import { quoteTools } from '../src/core/privacy/quotes';
import { readPrivacySources } from '../src/core/privacy/scan';
import { openWorkspace } from '../src/cli/open';
import { studyGuard } from '../src/node/privacy-scan';

const gc = (globalThis as { gc?: () => void }).gc;

function settledHeap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function main(): Promise<void> {
  if (!gc) throw new Error('run with node --expose-gc');
  const [dir, format = 'long'] = process.argv.slice(2);
  if (!dir) throw new Error('usage: export-csv <study folder> [long|wide]');
  const { workspace: ws, fs, root } = await openWorkspace(dir);
  const highlights = [...ws.highlightFiles.values()].reduce((n, f) => n + f.highlights.length, 0);
  const loaded = settledHeap();
  const tools = quoteTools(ws, await readPrivacySources(fs, ws), await studyGuard(ws, fs, root));
  // One batch made and dropped first: the modules a quote needs are loaded on demand (the
  // personal-data detectors and their name lists), and what they hold is code, not output.
  csvBatches(csvRowsOneByOne(ws, format as CsvFormat, tools)).next();
  const withTools = settledHeap();
  const started = process.cpuUsage();
  let rows = 0;
  let bytes = 0;
  let largestBatch = { units: 0, bytes: 0, heap: 0 };
  let held = 0;
  let heldAtSecond = 0;
  let batches = 0;
  for (const batch of csvBatches(csvRowsOneByOne(ws, format as CsvFormat, tools))) {
    batches++;
    const size = Buffer.byteLength(batch);
    bytes += size;
    rows += batch.split('\r\n').length - 1;
    // V8 keeps a string of Latin-1 characters at one byte a character, any other at two.
    if (batch.length > largestBatch.units) largestBatch = { units: batch.length, bytes: size, heap: batch.length * (/[^\u0000-\u00ff]/.test(batch) ? 2 : 1) };
    // Every 10th batch (and the first two): the heap with this batch alive, garbage collected.
    if (batches <= 2 || batches % 10 === 0) held = Math.max(held, settledHeap() - withTools);
    if (batches === 2) heldAtSecond = held;
  }
  const cpu = process.cpuUsage(started);
  const batchHeap = largestBatch.heap;
  const lines = [
    `study: ${dir} (${highlights} highlights), format ${format}; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
    `heap with the study loaded: ${mb(loaded)}; with the quote tools (personal-data guard) made and the modules a row needs loaded: ${mb(withTools)} (+${mb(withTools - loaded)})`,
    `rows: ${rows} in ${batches} batches, ${mb(bytes)} of CSV; largest batch ${mb(largestBatch.bytes)} UTF-8, ~${mb(batchHeap)} in the heap`,
    `held by the export while writing (heap after collection, beyond the study and tools): ${mb(held)} = ${(held / batchHeap).toFixed(2)}× the largest batch (${mb(heldAtSecond)} at the second batch: the rest is what the rows' making remembers per transcript)`,
    `CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms making the rows (measurement collections included)`,
  ];
  console.log(lines.join('\n'));
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
