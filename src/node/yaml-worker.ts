/**
 * The loader's `parseYamlElsewhere` port over one worker thread: a large participants or
 * codebook file (hundreds of milliseconds of YAML parsing) is parsed there while the event
 * loop stays free for the editor. One worker is plenty: the loader asks for a file at a time,
 * and there are few large YAML files in a study. Requests queue in the worker's message port.
 *
 * The worker starts on the first request and stops after a while without any, so an idle
 * extension host keeps no second V8 isolate around, and nothing keeps a CLI process alive
 * (the worker is unreferenced whenever no request waits). When the worker cannot start or
 * dies, waiting and later requests are rejected, and the loader parses them inline: a file
 * is never lost and a load never waits for a dead worker.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParseYamlElsewhere } from '../core/ports';
import type { FileKind } from '../core/validate';
import type { ReadResult } from '../core/workspace/readers';

export interface YamlRequest {
  id: number;
  kind: FileKind;
  path: string;
  text: string;
}

export type YamlReply = { id: number; result: ReadResult<Record<string, unknown>> } | { id: number; error: string };

/** The worker's script in the bundles: both dist/extension.js and dist/cli.js have it next to them. */
const BUNDLED_SCRIPT = path.join(__dirname, 'yaml-thread.js');

/** Idle time after which the worker is stopped (it starts again on the next request, in ~30 ms). */
const IDLE_MS = 30_000;

export class YamlWorker {
  private worker: Worker | undefined;
  /** Why the worker failed, once it has: every later request is declined at once. */
  private failure: Error | undefined;
  private readonly waiting = new Map<number, { resolve: (r: ReadResult<Record<string, unknown>>) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * The worker of a bundle, or undefined when running from sources (tsx), where there is no
   * bundled script: the loader then parses everything inline, as without the port.
   */
  static bundled(): YamlWorker | undefined {
    return existsSync(BUNDLED_SCRIPT) ? new YamlWorker(BUNDLED_SCRIPT) : undefined;
  }

  /** `script`: the bundled yaml-thread.js (tests build one with esbuild; see test/unit/yaml-worker.test.ts). */
  constructor(
    private readonly script: string,
    private readonly idleMs = IDLE_MS,
  ) {}

  /** True while a worker thread is up (started, not yet stopped for idleness or failure). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  readonly parse: ParseYamlElsewhere = (kind, path, text) => {
    const worker = this.started();
    if (!worker) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.busy(worker);
      try {
        worker.postMessage({ id, kind, path, text } satisfies YamlRequest);
      } catch (e) {
        this.settle({ id, error: String(e) });
      }
    });
  };

  /** Stops the worker for good; waiting requests are rejected (and parsed inline by the loader). */
  dispose(): void {
    this.fail(new Error('The YAML worker was disposed.'));
  }

  private started(): Worker | undefined {
    if (this.failure) return undefined;
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(this.script);
      worker.on('message', (reply: YamlReply) => this.settle(reply));
      worker.on('error', (e: Error) => this.fail(e));
      worker.on('messageerror', (e: Error) => this.fail(e));
      worker.on('exit', (code: number) => this.fail(new Error(`The YAML worker stopped (exit code ${code}).`)));
      this.worker = worker;
      return worker;
    } catch (e) {
      this.failure = e as Error;
      return undefined;
    }
  }

  private settle(reply: YamlReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if ('error' in reply) waiter.reject(new Error(reply.error));
    else waiter.resolve(reply.result);
    if (this.waiting.size === 0) this.idle();
  }

  /** While a request waits, the worker keeps the process alive: the loader awaits its answer. */
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

  /** Stops an idle worker on purpose: not a failure, the next request starts another. */
  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    worker.removeAllListeners();
    worker.on('error', () => undefined); // an error while it stops would otherwise be thrown as unhandled
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
