/**
 * The report's and the site's links to clips on disk: a study file under `root` is there when the
 * file is, and is linked to relatively from the folder the page is read in, so the link works
 * opened from disk and served alike (forward slashes, as URLs have them).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { ClipLinks } from '../core/report/build';

export function clipLinks(root: string, readFrom: string): ClipLinks {
  const abs = (p: string) => path.join(root, ...p.split('/'));
  return {
    exists: (p) => existsSync(abs(p)),
    href: (p) => path.relative(readFrom, abs(p)).split(path.sep).join('/'),
  };
}
