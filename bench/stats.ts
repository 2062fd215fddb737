/**
 * Small measuring tools shared by the benchmark phases: percentiles, a timer, forced GC,
 * and a monitor of how long the event loop is kept from running (what an editor feels).
 */
import { getHeapStatistics } from 'node:v8';

/** The p-th percentile (0–100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Distribution {
  p50: number;
  p95: number;
  max: number;
  count: number;
}

export function distribution(values: readonly number[]): Distribution {
  return { p50: percentile(values, 50), p95: percentile(values, 95), max: percentile(values, 100), count: values.length };
}

/** Milliseconds `work` took, with its result. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Runs a full collection (needs `node --expose-gc`) and returns the heap in use. */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run the benchmark with `node --expose-gc` (npm run bench does).');
  // Two passes: the first can leave objects that only become unreachable in finalisers.
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export interface LoopReport {
  /** Longest time the event loop could not run a 5 ms timer, beyond its due time. */
  longestBlockMs: number;
  /** How many times it was blocked for more than 50 ms. */
  blocksOver50ms: number;
  /** Highest heapUsed seen between tasks (a lower bound: samples are taken only when the loop runs). */
  peakHeapBytes: number;
}

/**
 * Watches the event loop while something runs on it: a 5 ms interval timer notes how late
 * each tick comes (a tick cannot run while a task blocks the thread) and samples the heap.
 */
export class LoopMonitor {
  private static readonly INTERVAL_MS = 5;
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private readonly report: LoopReport = { longestBlockMs: 0, blocksOver50ms: 0, peakHeapBytes: 0 };

  start(): this {
    this.last = performance.now();
    this.timer = setInterval(() => this.tick(), LoopMonitor.INTERVAL_MS);
    return this;
  }

  stop(): LoopReport {
    this.tick();
    clearInterval(this.timer);
    return { ...this.report };
  }

  private tick(): void {
    const now = performance.now();
    const blocked = Math.max(0, now - this.last - LoopMonitor.INTERVAL_MS);
    this.last = now;
    if (blocked > this.report.longestBlockMs) this.report.longestBlockMs = blocked;
    if (blocked > 50) this.report.blocksOver50ms++;
    // Cheaper than process.memoryUsage(), which also reads the RSS from the OS on every call.
    const heap = getHeapStatistics().used_heap_size;
    if (heap > this.report.peakHeapBytes) this.report.peakHeapBytes = heap;
  }
}

/**
 * Runs `work` under a LoopMonitor. Also returns the CPU time the process used meanwhile
 * (user + system, all threads): on a shared machine wall time grows with other people's
 * work, CPU time much less, so the two together tell a slow Sift from a busy machine.
 */
export async function monitored<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T; loop: LoopReport }> {
  const monitor = new LoopMonitor().start();
  const cpu = process.cpuUsage();
  const { ms, value } = await timed(work);
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value, loop: monitor.stop() };
}
