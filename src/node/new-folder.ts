/**
 * Creating a whole folder or nothing: the files are written into a temporary folder beside
 * the target, then renamed into place in one step. An import that fails halfway leaves
 * no half-written workspace, and an existing folder is never written into unless empty.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fsp, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export class FolderNotEmptyError extends Error {}

export async function createFolder(target: string, files: readonly { path: string; content: string }[]): Promise<void> {
  const abs = path.resolve(target);
  if (existsSync(abs) && (!statSync(abs).isDirectory() || readdirSync(abs).length > 0)) {
    throw new FolderNotEmptyError(`${target} already exists and is not an empty folder; Sift imports only into a new or empty folder.`);
  }
  const temp = path.join(path.dirname(abs), `.${path.basename(abs)}.sift-${randomBytes(4).toString('hex')}`);
  try {
    for (const f of files) {
      const file = path.resolve(temp, f.path);
      if (!file.startsWith(temp + path.sep)) throw new Error(`${f.path} is outside the folder being created`);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      await fsp.writeFile(file, f.content, { encoding: 'utf8', flag: 'wx' });
    }
    if (existsSync(abs)) await fsp.rmdir(abs); // empty, checked above
    await fsp.rename(temp, abs);
  } catch (e) {
    await fsp.rm(temp, { recursive: true, force: true });
    throw e;
  }
}
