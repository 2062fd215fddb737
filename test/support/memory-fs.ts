/**
 * An in-memory IFileSystem for unit tests of the core, with `apply` doing what a host
 * adapter does with FileEdits (including refusing stale writes), so tests exercise the
 * same contract as the CLI and the extension.
 */
import { gitBlobHashOfBytes } from '../../src/core/hash';
import type { FileEdit, FileEntry, FileStat, IFileSystem } from '../../src/core/ports';

export class MemoryFileSystem implements IFileSystem {
  private readonly files = new Map<string, { bytes: Uint8Array; mtime: number }>();
  private clock = 1;

  constructor(initial: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(initial)) this.write(path, content);
  }

  write(path: string, content: string | Uint8Array): void {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.files.set(path, { bytes, mtime: this.clock++ });
  }

  remove(path: string): void {
    this.files.delete(path);
  }

  text(path: string): string | undefined {
    const f = this.files.get(path);
    return f && new TextDecoder().decode(f.bytes);
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    return this.files.get(path)?.bytes;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const f = this.files.get(path);
    return f && { size: f.bytes.length, mtime: f.mtime };
  }

  async listFiles(): Promise<FileEntry[]> {
    return [...this.files].map(([path, f]) => ({ path, size: f.bytes.length, mtime: f.mtime }));
  }

  /** Applies edits as an adapter must: all-or-nothing per file, refusing stale ones. */
  apply(edits: readonly FileEdit[]): void {
    for (const edit of edits) {
      const current = this.files.get(edit.path);
      const currentHash = current ? gitBlobHashOfBytes(current.bytes) : null;
      if (currentHash !== edit.expectedHash) throw new Error(`stale edit of ${edit.path}`);
    }
    for (const edit of edits) {
      if (edit.kind === 'write') this.write(edit.path, edit.content);
      else this.files.delete(edit.path);
    }
  }
}
