/**
 * A worker thread started on the first request and stopped after a while without any, so an
 * idle extension host keeps no second V8 isolate around, and nothing keeps a CLI process alive
 * (the worker is unreferenced whenever no request waits). Requests are numbered; each waits
 * with its `Waiter` until the protocol on top (yaml-worker.ts, privacy-worker.ts) says it is
 * answered. When the worker cannot start or dies, waiting and later requests are rejected at
 * once: the caller then does the work on its own thread, and never waits for a dead worker.
 */
import { Worker, type Transferable } from 'node:worker_threads';

/** What a request waits with: anything that can be rejected when the worker fails. */
export interface Waiter {
  reject(error: Error): void;
}

export class OnDemandWorker<Reply, W extends Waiter> {
  private worker: Worker | undefined;
  /** Why the worker failed, once it has: every later request is declined at once. */
  private failure: Error | undefined;
  private readonly waiting = new Map<number, W>();
  private nextId = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** The bundled script the thread runs. */
    private readonly script: string,
    /** What the worker does, for its errors ("The YAML worker stopped…"). */
    private readonly name: string,
    /** Idle time after which the worker is stopped (it starts again on the next request). */
    private readonly idleMs: number,
    /** Each message of the worker, with the worker it came from. */
    private readonly onMessage: (reply: Reply, from: Worker) => void,
  ) {}

  /** True while a worker thread is up (started, not yet stopped for idleness or failure). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** False once the worker failed (or was disposed). */
  get usable(): boolean {
    return this.failure === undefined;
  }

  /**
   * Sends a request made by `message` from its id, starting the worker if need be; `waiter` waits
   * until `answered`. Rejected at once when the worker cannot start or the message cannot be posted.
   */
  send(waiter: W, message: (id: number) => { value: unknown; transfer?: readonly Transferable[] }): void {
    const worker = this.started();
    if (!worker) return waiter.reject(this.failure!);
    const id = this.nextId++;
    this.waiting.set(id, waiter);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    // While a request waits, the worker keeps the process alive: its caller awaits the answer.
    worker.ref();
    try {
      const { value, transfer } = message(id);
      worker.postMessage(value, transfer);
    } catch (e) {
      this.answered(id);
      waiter.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** The waiter of a request still waiting, or undefined. */
  waiterOf(id: number): W | undefined {
    return this.waiting.get(id);
  }

  /** A request is answered: its waiter (to settle), forgotten here; the worker idles once none waits. */
  answered(id: number): W | undefined {
    const waiter = this.waiting.get(id);
    if (!waiter) return undefined;
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.idle();
    return waiter;
  }

  /** Posts to the worker a message that answers its own (`from`), unless that worker has stopped since. */
  reply(from: Worker, message: unknown): void {
    if (this.worker === from) from.postMessage(message);
  }

  /** Stops the worker for good; waiting requests are rejected. */
  dispose(): void {
    this.fail(new Error(`The ${this.name} worker was disposed.`));
  }

  private started(): Worker | undefined {
    if (this.failure) return undefined;
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(this.script);
      worker.on('message', (reply: Reply) => this.onMessage(reply, worker));
      worker.on('error', (e: Error) => this.fail(e));
      worker.on('messageerror', (e: Error) => this.fail(e));
      worker.on('exit', (code: number) => this.fail(new Error(`The ${this.name} worker stopped (exit code ${code}).`)));
      this.worker = worker;
      return worker;
    } catch (e) {
      this.failure = e as Error;
      return undefined;
    }
  }

  private idle(): void {
    this.worker?.unref();
    if (this.idleTimer) clearTimeout(this.idleTimer);
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
