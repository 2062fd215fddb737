/**
 * The ITextHistory port over git: the old text of a transcript is the blob whose hash the
 * highlights file recorded (Sift hashes transcripts exactly as git hashes blobs).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ITextHistory } from '../core/ports';
import { decodeText } from '../core/text';

const run = promisify(execFile);

export class GitTextHistory implements ITextHistory {
  private available: Promise<boolean> | undefined;

  constructor(private readonly root: string) {}

  async textAtHash(path: string, hash: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{40}$/.test(hash) || !(await this.isRepository())) return undefined;
    try {
      const { stdout } = await run('git', ['cat-file', 'blob', hash], { cwd: this.root, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
      const decoded = decodeText(path, stdout);
      return decoded.ok ? decoded.text : undefined;
    } catch {
      return undefined; // not in this repository's objects: fall back to quote search
    }
  }

  async remember(text: string): Promise<void> {
    if (!(await this.isRepository())) return;
    await new Promise<void>((resolve) => {
      const child = execFile('git', ['hash-object', '-w', '--stdin'], { cwd: this.root }, () => resolve());
      child.stdin?.end(text, 'utf8');
    });
  }

  private isRepository(): Promise<boolean> {
    this.available ??= run('git', ['rev-parse', '--git-dir'], { cwd: this.root }).then(
      () => true,
      () => false,
    );
    return this.available;
  }
}
