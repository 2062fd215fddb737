/**
 * Writing a built site to its folder: all at once (built beside it, then swapped in), so a
 * reader never sees half a site and a failed build leaves the last one in place; and never
 * over a folder Sift did not make, so `--out` pointing at the wrong place loses nothing.
 */
import { existsSync, promises as fsp, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const GENERATOR = /<meta name="generator" content="Sift">/;
/** Files written at once: enough to keep the disk busy, few enough to stay far from the open-file limit. */
const WRITES_AT_ONCE = 32;

export class NotASiteFolderError extends Error {}

/** Replaces `out` with exactly these files, and `copies` of files on disk (`from`, absolute) at their paths `to` in it. */
export async function writeSiteFolder(out: string, files: readonly { path: string; content: string }[], copies: readonly { from: string; to: string }[] = []): Promise<void> {
  const target = path.resolve(out);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new NotASiteFolderError(`${out} is a file; give a folder for the site.`);
    const entries = await fsp.readdir(target);
    const index = path.join(target, 'index.html');
    if (entries.length > 0 && !(existsSync(index) && GENERATOR.test(readFileSync(index, 'utf8').slice(0, 4096))))
      throw new NotASiteFolderError(`${out} already holds files that are not a site Sift made, so nothing was written; give an empty or new folder.`);
  }
  const parent = path.dirname(target);
  await fsp.mkdir(parent, { recursive: true });
  const staging = await fsp.mkdtemp(path.join(parent, `.${path.basename(target)}.sift-`));
  try {
    const placed = files.map((f) => ({ abs: path.join(staging, ...f.path.split('/')), content: f.content }));
    for (const folder of new Set(placed.map((f) => path.dirname(f.abs)))) await fsp.mkdir(folder, { recursive: true });
    for (let i = 0; i < placed.length; i += WRITES_AT_ONCE) await Promise.all(placed.slice(i, i + WRITES_AT_ONCE).map((f) => fsp.writeFile(f.abs, f.content)));
    for (const c of copies) {
      const abs = path.join(staging, ...c.to.split('/'));
      await fsp.mkdir(path.dirname(abs), { recursive: true });
      await fsp.copyFile(c.from, abs);
    }
    const old = existsSync(target) ? `${staging}.old` : undefined;
    if (old) await fsp.rename(target, old);
    await fsp.rename(staging, target);
    if (old) await fsp.rm(old, { recursive: true, force: true });
  } catch (error) {
    await fsp.rm(staging, { recursive: true, force: true });
    throw error;
  }
}
