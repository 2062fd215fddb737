/**
 * The node:fs adapter of the core's ports, rooted at a workspace folder. Writes are
 * atomic (temporary file in the same folder, fsync, rename) and refused when the file's
 * current content no longer has the hash the edit was planned against.
 */
import { randomBytes } from 'node:crypto';
import { inBatches } from '../core/batches';
import { gitBlobHashOfBytes } from '../core/hash';
import './core-libraries';
import './native-hash';
import { closeSync, type Dirent, fdatasync, lstatSync, mkdirSync, openSync, promises as fsp, readdirSync, readFileSync, renameSync, rmSync, type Stats, statSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import * as path from 'node:path';
import type { FileEdit, FileEntry, FileStat, IFileSystem } from '../core/ports';
import { WorkspaceBusyError, withWriteLock } from './write-lock';

/** Folders never part of a workspace's content. */
const SKIPPED = new Set(['.git', 'node_modules', '.sift', '.vscode-test']);

export interface NodeFileSystemOptions {
  /**
   * List the folder with blocking calls: for a command-line process, where nothing else waits
   * on the event loop. Stat'ing a library's 7,000 files that way costs a quarter of the CPU
   * time (no promise and no hop to an I/O thread each); the editor lists without blocking.
   */
  blockingListing?: boolean;
}

export class NodeFileSystem implements IFileSystem {
  readonly root: string;
  private readonly listing: { readdir(dir: string): Promise<Dirent[]>; stat(abs: string): Promise<Stats | undefined> };

  constructor(root: string, options: NodeFileSystemOptions = {}) {
    this.root = path.resolve(root);
    this.listing = options.blockingListing
      ? { readdir: async (dir) => readdirSync(dir, { withFileTypes: true }), stat: async (abs) => statSync(abs, { throwIfNoEntry: false }) }
      : { readdir: (dir) => fsp.readdir(dir, { withFileTypes: true }), stat: (abs) => fsp.stat(abs) };
  }

  /** The absolute path of a workspace-relative one, refusing anything that leaves the root. */
  resolve(relative: string): string {
    const abs = path.resolve(this.root, relative);
    if (abs !== this.root && !abs.startsWith(this.root + path.sep)) throw new Error(`${relative} is outside the workspace`);
    return abs;
  }

  /** Paths listFiles reached without leaving the workspace: no need to resolve their links again. */
  private readonly vetted = new Set<string>();

  async readFile(relative: string): Promise<Uint8Array | undefined> {
    try {
      const abs = this.resolve(relative);
      if (!this.vetted.has(relative) && !(await this.staysInside(abs))) return undefined;
      return await fsp.readFile(abs);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async stat(relative: string): Promise<FileStat | undefined> {
    try {
      const s = await fsp.stat(this.resolve(relative));
      return { size: s.size, mtime: s.mtimeMs };
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async listFiles(): Promise<FileEntry[]> {
    const out: FileEntry[] = [];
    const walk = async (dir: string): Promise<void> => {
      const entries = await this.listing.readdir(dir);
      // A batch at a time: stat'ing a folder of thousands at once blocks the event loop.
      await inBatches(entries, async (e) => {
        if (SKIPPED.has(e.name)) return;
        const abs = path.join(dir, e.name);
        // Links are followed only when they stay inside the workspace.
        if (e.isSymbolicLink() && !(await this.staysInside(abs))) return;
        const s = await this.listing.stat(abs).catch(() => undefined);
        if (!s) return;
        if (s.isDirectory()) await walk(abs);
        else if (s.isFile()) {
          const rel = path.relative(this.root, abs).split(path.sep).join('/');
          this.vetted.add(rel);
          out.push({ path: rel, size: s.size, mtime: s.mtimeMs });
        }
      });
    };
    await walk(this.root);
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  private realRoot: Promise<string> | undefined;

  /** Folders whose real place is inside the workspace: a file in one that is not a link is inside too. */
  private readonly insideFolders = new Set<string>();

  private async staysInside(abs: string): Promise<boolean> {
    // One lstat instead of resolving every folder of the path again: each read of a tag resolved it.
    const folder = path.dirname(abs);
    if (this.insideFolders.has(folder) && isPlainEntry(abs)) return true;
    try {
      const real = await fsp.realpath(abs);
      const realRoot = await (this.realRoot ??= fsp.realpath(this.root));
      const inside = real === realRoot || real.startsWith(realRoot + path.sep);
      if (inside && isPlainEntry(abs)) this.insideFolders.add(folder);
      return inside;
    } catch {
      return true; // missing: the caller reports that
    }
  }

  /**
   * Applies edits, one writer per workspace at a time (see write-lock.ts). All expected
   * hashes are checked before anything is written, so a stale plan writes nothing; every
   * new content is then written to a temporary file beside its target and synced, and only
   * when all of them are on disk are they renamed into place. A full disk or a read-only
   * folder therefore fails before any file changes, and no file is ever left half-written.
   */
  async apply(edits: readonly FileEdit[]): Promise<void> {
    if (edits.length === 0) return;
    try {
      await withWriteLock(this.root, () => this.applyLocked(edits).then(() => undefined));
    } catch (e) {
      // The lock itself could not be made (a read-only folder): say so like any other refused write.
      if (e instanceof WriteFailure || e instanceof WorkspaceBusyError || !(e as NodeJS.ErrnoException).code) throw e;
      throw new WriteError(edits[0]!.path, reasonOf(e), []);
    }
  }

  /**
   * As `apply`, for a caller that holds the workspace's write lock already (the extension's
   * writes). Returns each file as it was before (null: it did not exist), read for the check.
   *
   * The study's files are small (a highlights file is tens of kilobytes): they are checked,
   * written and renamed with synchronous calls, each a short system call, and only the sync of
   * the data to the disk, which can take milliseconds, is waited for asynchronously. A tag used
   * to make some twenty trips through the thread pool, each then waiting for the event loop.
   */
  async applyLocked(edits: readonly FileEdit[]): Promise<{ path: string; before: Uint8Array | null }[]> {
    const replaced: { path: string; before: Uint8Array | null }[] = [];
    for (const edit of edits) {
      const current = await this.readFileNow(edit.path);
      const hash = current ? gitBlobHashOfBytes(current) : null;
      if (hash !== edit.expectedHash) throw new StaleFileError(edit.path);
      if (!(await this.parentStaysInside(this.resolve(edit.path)))) throw new WriteError(edit.path, 'its folder is a link to a place outside the workspace', []);
      replaced.push({ path: edit.path, before: current ?? null });
    }
    const staged = new Map<string, string>(); // target → its temporary file
    for (const edit of edits) {
      if (edit.kind !== 'write') continue;
      const abs = this.resolve(edit.path);
      try {
        staged.set(abs, await writeSmallTemporary(abs, edit.content));
      } catch (e) {
        for (const tmp of staged.values()) rmSync(tmp, { force: true });
        throw new WriteError(edit.path, reasonOf(e), []);
      }
    }
    const done: string[] = [];
    for (const edit of edits) {
      const abs = this.resolve(edit.path);
      try {
        if (edit.kind === 'delete') rmSync(abs, { force: true });
        else renameSync(staged.get(abs)!, abs);
        done.push(edit.path);
      } catch (e) {
        for (const tmp of staged.values()) rmSync(tmp, { force: true });
        throw new WriteError(edit.path, reasonOf(e), done);
      }
    }
    return replaced;
  }

  /** The bytes of a file read at once (a small study file, for the check before a write), as readFile. */
  private async readFileNow(relative: string): Promise<Uint8Array | undefined> {
    try {
      const abs = this.resolve(relative);
      if (!this.vetted.has(relative) && !(await this.staysInside(abs))) return undefined;
      return readFileSync(abs);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  /** Whether the nearest existing folder above abs is inside the workspace once links are resolved. */
  private async parentStaysInside(abs: string): Promise<boolean> {
    let dir = path.dirname(abs);
    while (dir !== this.root && !exists(dir)) dir = path.dirname(dir);
    return this.staysInside(dir);
  }
}

/** A write Sift refused or could not make; the CLI prints its message and exits with 1. */
export class WriteFailure extends Error {}

export class StaleFileError extends WriteFailure {
  constructor(readonly path: string) {
    super(`${path} changed on disk while Sift was working; nothing was written. Run the command again.`);
  }
}

/** The operating system refused a write (disk full, read-only folder, no permission). */
export class WriteError extends WriteFailure {
  constructor(
    readonly path: string,
    reason: string,
    /** Files already replaced when the failure came (only a failing rename leaves any). */
    readonly written: readonly string[],
  ) {
    super(`Could not write ${path}: ${reason}. ${written.length === 0 ? 'Nothing was changed.' : `Already written: ${written.join(', ')}; the other files were not changed.`}`);
  }
}

export { WorkspaceBusyError };

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the folder is on a read-only file system',
  EACCES: 'there is no permission to write there',
  EPERM: 'there is no permission to write there',
  EISDIR: 'a folder has that name',
  ENOTDIR: 'a file stands where a folder is needed',
  EIO: 'the disk reported an input/output error',
};

function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && REASONS[code] ? `${REASONS[code]} (${code})` : undefined) ?? (e as Error).message;
}

/** Writes a file atomically: a temporary file beside it, synced, then renamed over it. */
/** `content` may come in chunks (made as they are written: one is held at a time). */
export async function writeAtomically(abs: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  const tmp = await writeTemporary(abs, content);
  try {
    await fsp.rename(tmp, abs);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}

const syncData = promisify(fdatasync);

/**
 * A small content in a new temporary file beside abs, its data synced to the disk before it
 * is renamed over the file (removed again if that fails).
 *
 * What durability a write of the study needs: a crash or power cut may lose the last change (a
 * tag is made again in seconds), but must never leave a file empty or half-written, which
 * would lose every highlight of a transcript. The rename makes the replacement atomic for
 * every program; syncing the data before it makes it so after a power cut too, on every file
 * system (ext4 flushes a file renamed over another by itself, XFS and others do not). Only the
 * data is synced (fdatasync: the size with it, not the times), and not the folder: syncing the
 * folder would make the rename itself survive a power cut, which is the part that may be lost.
 */
async function writeSmallTemporary(abs: string, content: string): Promise<string> {
  mkdirSync(path.dirname(abs), { recursive: true });
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx');
  try {
    const bytes = Buffer.from(content, 'utf8');
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    await syncData(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  return tmp;
}

/** Whether abs exists and is not a symbolic link. */
function isPlainEntry(abs: string): boolean {
  try {
    return !lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

function exists(abs: string): boolean {
  try {
    lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}

/** The content in a new, synced temporary file beside abs (removed again if that fails). */
async function writeTemporary(abs: string, content: string | Uint8Array | Iterable<string>): Promise<string> {
  await fsp.mkdir(path.dirname(abs), { recursive: true });
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsp.open(tmp, 'wx');
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) await handle.writeFile(content);
    else for (const chunk of content) await handle.write(chunk);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  return tmp;
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
