/**
 * The IFileSystem port over one git revision: the workspace as it was committed, read
 * straight from the object store (`git ls-tree` for the listing, one long-running
 * `git cat-file --batch` for the contents), so the core's loader reads an old revision
 * exactly as it reads the working tree — without a checkout.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { FileEntry, FileStat, IFileSystem } from '../core/ports';
import { loadWorkspace } from '../core/workspace/load';
import type { Workspace } from '../core/workspace/workspace';
import { GitTextHistory } from './git-history';

const run = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;

export class GitError extends Error {}

/** Runs git in `cwd`; a failure becomes a GitError carrying git's own message. */
export async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: MAX_BUFFER });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; code?: string; message: string };
    if (err.code === 'ENOENT') throw new GitError('git is not installed (or not on PATH); Sift needs it for this command.');
    throw new GitError((err.stderr ?? err.message).trim().replace(/^fatal: /, ''));
  }
}

/**
 * Why `revision` cannot be read in `dir`. git's own answer to a folder outside any repository,
 * or a repository with no commit, is the same "unknown revision", which sent a new user looking
 * for a branch when the study simply was not committed yet.
 */
async function whyNoRevision(dir: string, revision: string): Promise<string> {
  const inRepository = await git(dir, ['rev-parse', '--is-inside-work-tree']).then(
    (out) => out.trim() === 'true',
    () => false,
  );
  if (!inRepository) return `${dir} is not in a git repository, so it has no revisions to compare. Put the study under git (\`git init\`, then commit it); then compare what changes.`;
  const hasCommit = await git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']).then(
    () => true,
    () => false,
  );
  if (!hasCommit) return `This git repository has no commit yet, so there is no "${revision}" to compare with. Commit the study first (\`git add -A && git commit\`), then compare what changes.`;
  return `"${revision}" is not a branch, tag or commit in this repository.`;
}

interface TreeEntry {
  blob: string;
  size: number;
}

export class GitRevisionFileSystem implements IFileSystem {
  private reader: BlobReader | undefined;

  private constructor(
    private readonly cwd: string,
    /** The commit read, as given (e.g. `main`) and resolved. */
    readonly revision: string,
    readonly commit: string,
    private readonly tree: Map<string, TreeEntry>,
  ) {}

  /**
   * The workspace folder `dir` (inside a git work tree) at `revision`. Paths are relative
   * to `dir`, as NodeFileSystem's are; a folder that did not exist yet reads as empty.
   */
  static async open(dir: string, revision: string): Promise<GitRevisionFileSystem> {
    const commit = (await git(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]).catch(() => '')).trim();
    if (!commit) throw new GitError(await whyNoRevision(dir, revision));
    const prefix = (await git(dir, ['rev-parse', '--show-prefix'])).trim();
    const tree = new Map<string, TreeEntry>();
    const listing = await git(dir, ['ls-tree', '-r', '-l', '-z', '--full-tree', commit, '--', ...(prefix ? [prefix] : [])]);
    for (const record of listing.split('\0')) {
      // <mode> SP <type> SP <object> SP+ <size> TAB <path>
      const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.*)$/s.exec(record);
      // Regular files only: links and submodules are not part of a workspace's content.
      if (!match || match[2] !== 'blob' || match[1] === '120000') continue;
      const path = match[5]!.slice(prefix.length);
      if (isSkipped(path)) continue;
      tree.set(path, { blob: match[3]!, size: Number(match[4]) });
    }
    return new GitRevisionFileSystem(dir, revision, commit, tree);
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const entry = this.tree.get(path);
    if (!entry) return undefined;
    this.reader ??= new BlobReader(this.cwd);
    return this.reader.read(entry.blob);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const entry = this.tree.get(path);
    // A commit's files never change: mtime 0 is a stable cache key.
    return entry ? { size: entry.size, mtime: 0 } : undefined;
  }

  async listFiles(): Promise<FileEntry[]> {
    return [...this.tree].map(([path, e]) => ({ path, size: e.size, mtime: 0 })).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** Ends the `git cat-file` process; reads after this start a new one. */
  close(): void {
    this.reader?.close();
    this.reader = undefined;
  }
}

/** The same folders NodeFileSystem skips. */
function isSkipped(path: string): boolean {
  return path.split('/').some((s) => s === '.git' || s === 'node_modules' || s === '.sift' || s === '.vscode-test');
}

/**
 * One `git cat-file --batch` process answering blob requests in order: each request is a
 * line with the object name; each answer a header `<name> blob <size>`, the bytes and a
 * newline.
 */
class BlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: { resolve: (b: Uint8Array | undefined) => void; reject: (e: Error) => void }[] = [];
  private buffer: Buffer = Buffer.alloc(0);

  constructor(cwd: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    const fail = (e: Error) => {
      for (const p of this.pending.splice(0)) p.reject(e);
    };
    this.child.on('error', fail);
    this.child.on('exit', (code) => fail(new GitError(`git cat-file ended early (exit code ${code}).`)));
  }

  read(blob: string): Promise<Uint8Array | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(blob + '\n');
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private drain(): void {
    while (this.pending.length > 0) {
      const eol = this.buffer.indexOf(10);
      if (eol < 0) return;
      const header = this.buffer.subarray(0, eol).toString('utf8');
      if (header.endsWith(' missing')) {
        this.buffer = this.buffer.subarray(eol + 1);
        this.pending.shift()!.resolve(undefined);
        continue;
      }
      const size = Number(header.split(' ')[2]);
      if (this.buffer.length < eol + 1 + size + 1) return;
      const bytes = Uint8Array.prototype.slice.call(this.buffer, eol + 1, eol + 1 + size);
      this.buffer = this.buffer.subarray(eol + 1 + size + 1);
      this.pending.shift()!.resolve(bytes);
    }
  }
}

/** The workspace in `dir` as committed at `revision`, loaded by the core as the working tree is. */
export async function loadWorkspaceAt(dir: string, revision: string): Promise<Workspace> {
  const fs = await GitRevisionFileSystem.open(path.resolve(dir), revision);
  try {
    return (await loadWorkspace(fs, { history: new GitTextHistory(path.resolve(dir)) })).workspace;
  } finally {
    fs.close();
  }
}
