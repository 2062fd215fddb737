/**
 * Real processes for the fault tests: the bundled `sift` CLI or a child writer, optionally
 * with a fault preloaded (fault-preload.cjs), observed through their output and killed
 * with SIGKILL where a crash is wanted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { REPO } from '../../cli/support';

const PRELOAD = path.join(__dirname, 'fault-preload.cjs');
const CLI = path.join(REPO, 'dist', 'cli.js');
const WRITER = path.join(__dirname, 'tag-writer.ts');

export interface Fault {
  fault: string;
  root: string;
  release?: string;
}

const running = new Set<Child>();

/** Kills every child still running (a failed test must not leave a blocked process behind). */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((c) => c.kill()));
}

export class Child {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: { pattern: RegExp; resolve: () => void }[] = [];

  constructor(readonly process: ChildProcess) {
    process.stdout!.on('data', (d: Buffer) => this.take('stdout', d));
    process.stderr!.on('data', (d: Buffer) => this.take('stderr', d));
    running.add(this);
    this.exited = new Promise((resolve) => process.on('exit', (code, signal) => (running.delete(this), resolve({ code, signal }))));
  }

  /** Resolves when stdout or stderr matches; rejects after ms or when the process ends first. */
  waitFor(pattern: RegExp, ms = 30000): Promise<void> {
    if (pattern.test(this.stdout + this.stderr)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}: ${this.stdout}${this.stderr}`)), ms);
      this.waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
      void this.exited.then(() => setTimeout(() => reject(new Error(`exited before ${pattern}: ${this.stdout}${this.stderr}`)), 50));
    });
  }

  kill(): Promise<unknown> {
    this.process.kill('SIGKILL');
    return this.exited;
  }

  private take(stream: 'stdout' | 'stderr', d: Buffer): void {
    this[stream] += d.toString();
    const all = this.stdout + this.stderr;
    this.waiters = this.waiters.filter((w) => (w.pattern.test(all) ? (w.resolve(), false) : true));
  }
}

function env(fault: Fault | undefined): NodeJS.ProcessEnv {
  return { ...process.env, ...(fault ? { SIFT_FAULT: fault.fault, SIFT_FAULT_ROOT: fault.root, ...(fault.release ? { SIFT_FAULT_RELEASE: fault.release } : {}) } : {}) };
}

/** The real `sift` with a fault preloaded. */
export function siftProcess(args: string[], fault?: Fault): Child {
  return new Child(spawn(process.execPath, ['--require', PRELOAD, CLI, ...args], { env: env(fault), stdio: ['ignore', 'pipe', 'pipe'] }));
}

export function writerProcess(args: string[], fault?: Fault): Child {
  return new Child(spawn(process.execPath, ['--require', 'tsx/cjs', '--require', PRELOAD, WRITER, ...args], { cwd: REPO, env: env(fault), stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** The one JSON line a writer prints. */
export function writerResult(child: Child): { ok: boolean; attempts?: number; error?: string } {
  const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`the writer printed no result: ${child.stdout}${child.stderr}`);
  return JSON.parse(line) as { ok: boolean; attempts?: number; error?: string };
}
