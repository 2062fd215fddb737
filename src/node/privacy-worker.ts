/**
 * The personal-data scan on a worker thread, for the extension host: a study's first scan is
 * seconds of CPU (20 s at 50,000 highlights), and parsing participants.yaml alone to find its
 * prose held the host's thread for 0.5–1.4 s. Here the host only reads files (asynchronously,
 * through the study's own file system, so unsaved-to-disk and remote folders read as they do
 * everywhere else) and hands their text over; the detectors run in the worker.
 *
 * The scanner's memory travels as its snapshot bytes (src/core/privacy/snapshot.ts),
 * transferred, not copied: the host keeps the bytes between scans, so the worker keeps nothing
 * and may stop when idle, like the YAML worker (yaml-worker.ts). When the worker cannot start
 * or dies, `scan` rejects and the caller scans on its own thread in slices, as before.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ScannedFile, ScanOptions } from '../core/privacy/scan';
import type { KnownName } from '../core/privacy/names';

/** What crosses to the worker: plain values (a scan's options as arrays). */
export interface ScanRequestOptions {
  participantIds: string[];
  notNames: string[];
  names: KnownName[];
  guessNames: boolean;
  minConfidence?: number;
}

export type PrivacyRequest = { type: 'scan'; id: number; snapshot: Uint8Array | undefined; files: ScannedFile[]; options: ScanRequestOptions } | { type: 'text'; id: number; path: string; text: string | undefined; cancelled?: boolean };

export type PrivacyReply = { type: 'read'; id: number; path: string } | { type: 'done'; id: number; snapshot: Uint8Array; changed: boolean; error?: string };

export interface WorkerScan {
  /** The scanner's memory after the scan (the caller keeps it for the next one). */
  snapshot: Uint8Array;
  /** Whether any file was read (or forgotten). */
  changed: boolean;
}

/** The worker's script beside the bundle that loads this module (dist/). */
const BUNDLED_SCRIPT = path.join(__dirname, 'privacy-thread.js');
const IDLE_MS = 30_000;

interface Waiting {
  read: (path: string) => Promise<string | undefined>;
  /** Before each file is handed over: rejects when the scan is no longer wanted. */
  pause: () => Promise<void>;
  resolve: (scan: WorkerScan) => void;
  reject: (e: Error) => void;
}

export class PrivacyWorker {
  private worker: Worker | undefined;
  private failure: Error | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  /** The worker of the bundle, or undefined from sources (tsx), where there is no bundled script. */
  static bundled(): PrivacyWorker | undefined {
    return existsSync(BUNDLED_SCRIPT) ? new PrivacyWorker(BUNDLED_SCRIPT) : undefined;
  }

  /** `script`: the bundled privacy-thread.js (the unit test builds one with esbuild). */
  constructor(
    private readonly script: string,
    private readonly idleMs = IDLE_MS,
  ) {}

  /** False once the worker failed: the caller then scans on its own thread. */
  get usable(): boolean {
    return this.failure === undefined;
  }

  /**
   * Scans `files` with the memory in `snapshot` (a copy is handed over, so views of the
   * caller's bytes stay valid), and answers with the memory updated. `read` gives a file's normalised text; `pause` is
   * awaited before each text is handed over, and a rejection stops the scan (superseded) —
   * the memory of the files already scanned still comes back, in the rejection's `snapshot`.
   */
  scan(snapshot: Uint8Array | undefined, files: readonly ScannedFile[], options: ScanOptions, read: (path: string) => Promise<string | undefined>, pause: () => Promise<void>): Promise<WorkerScan> {
    const worker = this.started();
    if (!worker) return Promise.reject(this.failure);
    const id = this.nextId++;
    const plain: ScanRequestOptions = {
      participantIds: [...options.participantIds],
      notNames: [...(options.notNames ?? [])],
      names: options.names,
      guessNames: options.guessNames,
      ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
    };
    return new Promise<WorkerScan>((resolve, reject) => {
      this.waiting.set(id, { read, pause, resolve, reject });
      this.busy(worker);
      try {
        const own = snapshot?.slice();
        worker.postMessage({ type: 'scan', id, snapshot: own, files: [...files], options: plain } satisfies PrivacyRequest, own ? [own.buffer as ArrayBuffer] : []);
      } catch (e) {
        this.waiting.delete(id);
        reject(e as Error);
      }
    });
  }

  dispose(): void {
    this.fail(new Error('The personal-data worker was disposed.'));
  }

  private started(): Worker | undefined {
    if (this.failure) return undefined;
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(this.script);
      worker.on('message', (reply: PrivacyReply) => void this.answer(worker, reply));
      worker.on('error', (e: Error) => this.fail(e));
      worker.on('messageerror', (e: Error) => this.fail(e));
      worker.on('exit', (code: number) => this.fail(new Error(`The personal-data worker stopped (exit code ${code}).`)));
      this.worker = worker;
      return worker;
    } catch (e) {
      this.failure = e as Error;
      return undefined;
    }
  }

  private async answer(worker: Worker, reply: PrivacyReply): Promise<void> {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    if (reply.type === 'done') {
      this.waiting.delete(reply.id);
      if (reply.error) waiter.reject(Object.assign(new Error(reply.error), { snapshot: reply.snapshot }));
      else waiter.resolve({ snapshot: reply.snapshot, changed: reply.changed });
      if (this.waiting.size === 0) this.idle();
      return;
    }
    let message: PrivacyRequest;
    try {
      await waiter.pause();
      message = { type: 'text', id: reply.id, path: reply.path, text: await waiter.read(reply.path) };
    } catch {
      message = { type: 'text', id: reply.id, path: reply.path, text: undefined, cancelled: true };
    }
    if (this.worker === worker) worker.postMessage(message);
  }

  private busy(worker: Worker): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    worker.ref();
  }

  private idle(): void {
    this.worker?.unref();
    this.idleTimer = setTimeout(() => this.stop(), this.idleMs);
    this.idleTimer.unref();
  }

  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    worker.removeAllListeners();
    worker.on('error', () => undefined);
    void worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.stop();
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
