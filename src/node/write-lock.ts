/**
 * One writer at a time per workspace, across processes: `NodeFileSystem.apply` checks that
 * each file still has the hash its edit was planned against and then replaces it; without
 * a lock, two processes (two `sift` runs, the CLI and an editor) could both pass the check
 * and the second rename would silently drop the first one's update.
 *
 * The lock is a file created exclusively (`wx`) in the git-ignored `.sift/cache/` folder and
 * holding the owner's process id. A lock whose process is gone (a crash, a kill -9) or that
 * is older than a minute is taken over. A writer waits a few seconds for a live lock, then
 * gives up with a sentence: nothing is written.
 */
import { closeSync, mkdirSync, openSync, promises as fsp, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';

const WAIT_MS = 5000;
const RETRY_MS = 15;
const STALE_AFTER_MS = 60_000;

export class WorkspaceBusyError extends Error {}

export function lockPath(root: string): string {
  return path.join(root, '.sift', 'cache', 'write.lock'); // git-ignored, like the cache
}

/**
 * Runs `work` holding the workspace's write lock. The lock file is made and removed with
 * synchronous calls: each is one small system call (no data is synced: a lock left by a crash
 * is taken over, see isAbandoned), where the asynchronous ones each waited for a thread of the
 * pool and then for the event loop again — on a busy extension host, most of a tag's lock time.
 */
export async function withWriteLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const file = lockPath(root);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      takeLock(file);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = await fsp.readFile(file, 'utf8').catch(() => undefined);
    if (owner === undefined) continue; // released between our two calls: try again at once
    if (await isAbandoned(file, owner)) {
      await fsp.rm(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new WorkspaceBusyError(`Another Sift process (${owner.trim()}) is writing in this workspace; nothing was written. Try again in a moment (if no Sift is running, delete ${path.relative(root, file)}).`);
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  try {
    return await work();
  } finally {
    rmSync(file, { force: true });
  }
}

/** Creates the lock file exclusively with the owner's process id (and its folder, the first time); throws EEXIST when held. */
function takeLock(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(path.dirname(file), { recursive: true });
    fd = openSync(file, 'wx');
  }
  try {
    writeSync(fd, `${process.pid} ${hostname()}\n`);
  } finally {
    closeSync(fd);
  }
}

/** A lock left by a process of this machine that no longer runs, or older than a minute. */
async function isAbandoned(file: string, owner: string): Promise<boolean> {
  const [pid, host] = owner.trim().split(' ');
  if (host === hostname() && Number(pid) > 0 && !isRunning(Number(pid))) return true;
  const s = await fsp.stat(file).catch(() => undefined);
  return s !== undefined && Date.now() - s.mtimeMs > STALE_AFTER_MS;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
