/**
 * The personal-data scan on a worker thread, for the extension host: a study's first scan is
 * seconds of CPU (20 s at 50,000 highlights), and parsing participants.yaml alone to find its
 * prose held the host's thread for 0.5–1.4 s. Here the host only reads files (asynchronously,
 * through the study's own file system, so unsaved-to-disk and remote folders read as they do
 * everywhere else) and hands their text over; the detectors run in the worker.
 *
 * The scanner's memory travels as its snapshot bytes (src/core/privacy/snapshot.ts),
 * transferred, not copied: the host keeps the bytes between scans, so the worker keeps nothing
 * and may stop when idle (./on-demand-worker.ts). When the worker cannot start
 * or dies, `scan` rejects and the caller scans on its own thread in slices, as before.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { ScannedFile, ScanOptions } from '../core/privacy/scan';
import type { KnownName } from '../core/privacy/names';
import { OnDemandWorker } from './on-demand-worker';

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
  private readonly thread: OnDemandWorker<PrivacyReply, Waiting>;

  /** The worker of the bundle, or undefined from sources (tsx), where there is no bundled script. */
  static bundled(): PrivacyWorker | undefined {
    return existsSync(BUNDLED_SCRIPT) ? new PrivacyWorker(BUNDLED_SCRIPT) : undefined;
  }

  /** `script`: the bundled privacy-thread.js (the unit test builds one with esbuild). */
  constructor(script: string, idleMs = IDLE_MS) {
    this.thread = new OnDemandWorker(script, 'personal-data', idleMs, (reply, from) => void this.answer(from, reply));
  }

  /** False once the worker failed: the caller then scans on its own thread. */
  get usable(): boolean {
    return this.thread.usable;
  }

  /**
   * Scans `files` with the memory in `snapshot` (a copy is handed over, so views of the
   * caller's bytes stay valid), and answers with the memory updated. `read` gives a file's normalised text; `pause` is
   * awaited before each text is handed over, and a rejection stops the scan (superseded) —
   * the memory of the files already scanned still comes back, in the rejection's `snapshot`.
   */
  scan(snapshot: Uint8Array | undefined, files: readonly ScannedFile[], options: ScanOptions, read: (path: string) => Promise<string | undefined>, pause: () => Promise<void>): Promise<WorkerScan> {
    const plain: ScanRequestOptions = {
      participantIds: [...options.participantIds],
      notNames: [...(options.notNames ?? [])],
      names: options.names,
      guessNames: options.guessNames,
      ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
    };
    return new Promise<WorkerScan>((resolve, reject) =>
      this.thread.send({ read, pause, resolve, reject }, (id) => {
        const own = snapshot?.slice();
        return { value: { type: 'scan', id, snapshot: own, files: [...files], options: plain } satisfies PrivacyRequest, transfer: own ? [own.buffer as ArrayBuffer] : [] };
      }),
    );
  }

  dispose(): void {
    this.thread.dispose();
  }

  /** The worker's answer (the scan is done) or its question (a file's text, handed over after the pause). */
  private async answer(from: Worker, reply: PrivacyReply): Promise<void> {
    if (reply.type === 'done') {
      const waiter = this.thread.answered(reply.id);
      if (!waiter) return;
      if (reply.error) waiter.reject(Object.assign(new Error(reply.error), { snapshot: reply.snapshot }));
      else waiter.resolve({ snapshot: reply.snapshot, changed: reply.changed });
      return;
    }
    const waiter = this.thread.waiterOf(reply.id);
    if (!waiter) return;
    let message: PrivacyRequest;
    try {
      await waiter.pause();
      message = { type: 'text', id: reply.id, path: reply.path, text: await waiter.read(reply.path) };
    } catch {
      message = { type: 'text', id: reply.id, path: reply.path, text: undefined, cancelled: true };
    }
    this.thread.reply(from, message);
  }
}
