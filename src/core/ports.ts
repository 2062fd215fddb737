/**
 * The ports through which the pure core talks to its host. The CLI implements them over
 * node:fs and git, the extension over vscode.workspace.fs, tests with in-memory fakes.
 * Paths are workspace-relative with forward slashes; the adapter owns the root.
 */
import type { FileKind } from './validate';
import type { ReadResult } from './workspace/readers';

export interface FileStat {
  size: number;
  /** Modification time in milliseconds; used only as a cache key, never for correctness. */
  mtime: number;
}

export interface FileEntry extends FileStat {
  path: string;
}

export interface IFileSystem {
  /** The bytes of a file, or undefined when it does not exist. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  stat(path: string): Promise<FileStat | undefined>;
  /**
   * Every file below the root (recursively), with its stat. Adapters skip `.git`,
   * `node_modules` and `.sift`, and never follow links out of the workspace.
   */
  listFiles(): Promise<FileEntry[]>;
}

/** Gives the old text of a transcript by its content hash, when history knows it (git). */
export interface ITextHistory {
  textAtHash(path: string, hash: string): Promise<string | undefined>;
  /**
   * Keeps a text retrievable by its hash (git: writes the blob into the object store), so a
   * later edit of an uncommitted transcript can still be diffed against what was anchored.
   */
  remember?(text: string): Promise<void>;
}

/**
 * A change the core asks the host to make. The core never writes: it returns edits, and
 * the adapter applies each atomically (temporary file + rename), refusing when the file's
 * current content hash differs from `expectedHash` (it changed since it was read).
 */
export type FileEdit = { kind: 'write'; path: string; content: string; expectedHash: string | null } | { kind: 'delete'; path: string; expectedHash: string };

/** Yields to the host's event loop so long loads never block it for long. */
export type Yield = () => Promise<void>;

/**
 * When the host's current slice of time began (its event loop last came round), shared by every
 * piece of work sliced on that host: several jobs resumed in one turn then share one slice
 * instead of each taking a whole one back to back (one long block to the event loop).
 */
export type SliceClock = () => number;

/**
 * Parses and validates a YAML file of a kind somewhere other than on the host's event loop
 * (node: a worker thread), giving exactly what `readYamlOfKind(kind, path, text)` gives. The
 * full YAML parser runs at ~3 MB/s: a study's participants or codebook file would otherwise
 * block an editor for hundreds of milliseconds in one piece. Rejects when it cannot parse
 * (the worker died or never started): the loader then parses the file itself.
 */
export type ParseYamlElsewhere = (kind: FileKind, path: string, text: string) => Promise<ReadResult<Record<string, unknown>>>;
