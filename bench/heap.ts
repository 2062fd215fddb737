/**
 * `npm run bench:heap -- <folder> [snapshot-folder]`: what the study's long-lived indexes hold
 * on the heap, in Node, without the editor: the study loaded by a study service (as the
 * extension does), then the full-text index, the board's cards and Find More Like This's warmed
 * passages made one after the other, the heap measured after a full collection at each step.
 * With a snapshot folder, a heap snapshot is written at the end (open it in Chrome's DevTools).
 * The figures are in MB of V8 heap (what `npm run test:load` budgets) and of array buffers
 * (typed arrays' contents live outside the V8 heap).
 */
import * as path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { SuggestionIndex } from '../src/core/assist/suggest';
import { boardCards } from '../src/core/board/cards';
import { readText } from '../src/core/workspace/load';
import { createStudyService } from '../src/core/workspace/study-service';
import { NodeFileSystem } from '../src/node/node-fs';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function heap(): { heapMB: number; buffersMB: number } {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { heapMB: m.heapUsed / 1048576, buffersMB: m.arrayBuffers / 1048576 };
}

async function main(): Promise<void> {
  const [folder, snapshots] = process.argv.slice(2);
  if (!folder) throw new Error('usage: bench/heap.ts <study folder> [snapshot folder]');
  const root = path.resolve(folder);
  const fs = new NodeFileSystem(root);
  const study = createStudyService({ fs, warmSearchIndex: false, yieldToHost: () => new Promise((r) => setImmediate(r)) });
  const rows: [string, { heapMB: number; buffersMB: number }, number][] = [];
  let last = heap();
  const step = async (name: string, work: () => unknown): Promise<void> => {
    const cpu0 = process.cpuUsage();
    await work();
    const cpu = process.cpuUsage(cpu0);
    const now = heap();
    rows.push([name, { heapMB: now.heapMB - last.heapMB, buffersMB: now.buffersMB - last.buffersMB }, (cpu.user + cpu.system) / 1000]);
    last = now;
  };
  const kept: unknown[] = [];
  await step('the study loaded', async () => kept.push(await study.reload()));
  await step('the full-text index', () => kept.push(study.search()));
  await step('the board’s cards', () => kept.push(study.derived(boardCards)));
  await step('Find More Like This: coded passages', async () => kept.push(await study.suggestions(() => new SuggestionIndex())));
  await step('Find More Like This: warmed passages', async () => {
    const idx = (await study.suggestions(() => new SuggestionIndex()))!;
    await idx.warmPassages(
      study.study!,
      (source) => readText(fs, source),
      () => Promise.resolve(),
    );
  });
  for (const [name, d, cpuMs] of rows) console.log(`${name.padEnd(40)} heap ${d.heapMB.toFixed(1).padStart(7)} MB  buffers ${d.buffersMB.toFixed(1).padStart(6)} MB  cpu ${cpuMs.toFixed(0).padStart(6)} ms`);
  console.log(`${'total'.padEnd(40)} heap ${last.heapMB.toFixed(1).padStart(7)} MB  buffers ${last.buffersMB.toFixed(1).padStart(6)} MB`);
  if (snapshots) console.log(`snapshot: ${writeHeapSnapshot(path.join(snapshots, 'study.heapsnapshot'))}`);
  if (kept.length === 0) throw new Error('nothing kept');
}

void main().catch((e: unknown) => (console.error(e), (process.exitCode = 1)));
