/**
 * The node:fs adapter of the core's ports, rooted at a workspace folder. Writes are
 * atomic (temporary file in the same folder, fsync, rename) and refused when the file's
 * current content no longer has the hash the edit was planned against.
 */
import { randomBytes } from 'node:crypto';
import { gitBlobHashOfBytes } from '../core/hash';
import './native-hash';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { FileEdit, FileEntry, FileStat, IFileSystem } from '../core/ports';

/** Folders never part of a workspace's content. */
const SKIPPED = new Set(['.git', 'node_modules', '.sift', '.vscode-test']);

export class NodeFileSystem implements IFileSystem {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
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
      const entries = await fsp.readdir(dir, { withFileTypes: true });
      await Promise.all(
        entries.map(async (e) => {
          if (SKIPPED.has(e.name)) return;
          const abs = path.join(dir, e.name);
          // Links are followed only when they stay inside the workspace.
          if (e.isSymbolicLink() && !(await this.staysInside(abs))) return;
          const s = await fsp.stat(abs).catch(() => undefined);
          if (!s) return;
          if (s.isDirectory()) await walk(abs);
          else if (s.isFile()) {
            const rel = path.relative(this.root, abs).split(path.sep).join('/');
            this.vetted.add(rel);
            out.push({ path: rel, size: s.size, mtime: s.mtimeMs });
          }
        }),
      );
    };
    await walk(this.root);
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  private realRoot: Promise<string> | undefined;

  private async staysInside(abs: string): Promise<boolean> {
    try {
      const real = await fsp.realpath(abs);
      const realRoot = await (this.realRoot ??= fsp.realpath(this.root));
      return real === realRoot || real.startsWith(realRoot + path.sep);
    } catch {
      return true; // missing: the caller reports that
    }
  }

  /**
   * Applies edits, each atomically. All expected hashes are checked before anything is
   * written, so a stale plan writes nothing; a failure midway leaves every file either
   * old or new, never partial.
   */
  async apply(edits: readonly FileEdit[]): Promise<void> {
    for (const edit of edits) {
      const current = await this.readFile(edit.path);
      const hash = current ? gitBlobHashOfBytes(current) : null;
      if (hash !== edit.expectedHash) throw new StaleFileError(edit.path);
    }
    for (const edit of edits) {
      const abs = this.resolve(edit.path);
      if (edit.kind === 'delete') await fsp.rm(abs, { force: true });
      else await writeAtomically(abs, edit.content);
    }
  }
}

export class StaleFileError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed on disk while Sift was working; nothing was written. Run the command again.`);
  }
}

export async function writeAtomically(abs: string, content: string | Uint8Array): Promise<void> {
  await fsp.mkdir(path.dirname(abs), { recursive: true });
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsp.open(tmp, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(tmp, abs);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
