/**
 * The core's IFileSystem over `vscode.workspace.fs`, rooted at a workspace folder. Paths are
 * workspace-relative with forward slashes. A folder on this machine's disk is read through the
 * node adapter the entry point hands in: in a remote or browser-hosted VS Code (code-server,
 * Codespaces) every `vscode.workspace.fs` call is a round trip to the workbench, and a tag
 * reads its highlights file, the file again to check it and the written bytes back.
 */
import * as vscode from 'vscode';
import { inBatches } from '../../core/batches';
import type { FileEntry, FileStat, IFileSystem } from '../../core/ports';

const SKIPPED = new Set(['.git', 'node_modules', '.sift', '.vscode-test']);

export class VscodeFileSystem implements IFileSystem {
  constructor(
    readonly root: vscode.Uri,
    /** Reads the same folder without the workbench (a `file:` folder), when given. */
    private readonly local?: Pick<IFileSystem, 'readFile' | 'stat'>,
  ) {}

  uri(path: string): vscode.Uri {
    return vscode.Uri.joinPath(this.root, ...path.split('/'));
  }

  /** The workspace-relative path of a URI, or undefined when it is outside this root. */
  relative(uri: vscode.Uri): string | undefined {
    const root = this.root.path.replace(/\/$/, '') + '/';
    if (uri.scheme !== this.root.scheme || uri.authority !== this.root.authority || !uri.path.startsWith(root)) return undefined;
    return uri.path.slice(root.length);
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    if (this.local) return this.local.readFile(path);
    try {
      return await vscode.workspace.fs.readFile(this.uri(path));
    } catch (e) {
      if (e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound')) return undefined;
      throw e;
    }
  }

  async stat(path: string): Promise<FileStat | undefined> {
    if (this.local) return this.local.stat(path);
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { size: s.size, mtime: s.mtime };
    } catch {
      return undefined;
    }
  }

  async listFiles(): Promise<FileEntry[]> {
    const out: FileEntry[] = [];
    const walk = async (dir: string): Promise<void> => {
      const entries = dir ? await this.entriesOf(dir) : await vscode.workspace.fs.readDirectory(this.root);
      // A batch at a time: stat'ing a folder of thousands at once blocks the extension host.
      await inBatches(entries, async ([name, type]) => {
        if (SKIPPED.has(name)) return;
        const path = dir ? `${dir}/${name}` : name;
        // Symbolic links are not followed: a link could lead out of the workspace.
        if (type & vscode.FileType.SymbolicLink) return;
        if (type & vscode.FileType.Directory) return walk(path);
        if (type & vscode.FileType.File) {
          const s = await this.stat(path);
          if (s) out.push({ path, ...s });
        }
      });
    };
    await walk('');
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /**
   * A folder's entries; none when it was removed after its parent was listed (a `git checkout`, a
   * study folder deleted while the watcher's reload lists the study): what is on disk now.
   */
  private async entriesOf(dir: string): Promise<[string, vscode.FileType][]> {
    try {
      return await vscode.workspace.fs.readDirectory(this.uri(dir));
    } catch (e) {
      if (e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound')) return [];
      throw e;
    }
  }
}
