/**
 * A writer outside VS Code, from inside the extension host: the reliability suite's tag
 * writer (test/reliability/support/tag-writer.ts — the core plus the CLI's NodeFileSystem,
 * which takes the workspace write lock), optionally with a fault preloaded into node:fs.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.join(__dirname, '..', '..'); // out/integration/ or test/integration/
const SUPPORT = path.join(REPO, 'test', 'reliability', 'support');

export interface Writer {
  readonly exited: Promise<number | null>;
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  /** The one JSON line the writer prints. */
  result(): { ok: boolean; attempts?: number; error?: string };
  output(): string;
  kill(): void;
}

export function writer(args: string[], fault?: { fault: string; root: string; release?: string }): Writer {
  const env = { ...process.env, ...(fault ? { SIFT_FAULT: fault.fault, SIFT_FAULT_ROOT: fault.root, SIFT_FAULT_RELEASE: fault.release ?? '' } : {}) };
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', '--require', path.join(SUPPORT, 'fault-preload.cjs'), path.join(SUPPORT, 'tag-writer.ts'), ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const take = (d: Buffer) => {
    out += d.toString();
    listeners.forEach((l) => l());
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    exited,
    output: () => out,
    kill: () => child.kill('SIGKILL'),
    result() {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) throw new Error(`the writer printed no result: ${out}`);
      return JSON.parse(line) as { ok: boolean; attempts?: number; error?: string };
    },
    waitFor(pattern, ms = 60000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(out)) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}: ${out}`)), ms);
        listeners.add(check);
        void exited.then(() => setTimeout(() => reject(new Error(`the writer exited before ${pattern}: ${out}`)), 50));
        check();
      });
    },
  };
}
