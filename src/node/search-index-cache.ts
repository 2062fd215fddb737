/**
 * A study's full-text index kept in `.sift/cache/search-index.bin` (git-ignored, like the
 * loader's snapshot), so that a `sift search` reads the index instead of building it: the
 * file is used only when its key (the content hashes of the study's highlights files and its
 * tag labels) is the study's as loaded now and its checksum holds; otherwise the index is
 * built and the file rewritten. A cache can make searching faster, never change its answer.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { FullTextIndex } from '../core/search/fulltext';
import { decodeSearchIndex, encodeSearchIndex, searchDocsOf, searchIndexKey } from '../core/search/index-file';
import type { Workspace } from '../core/workspace/workspace';
import { writeAtomically } from './node-fs';

export function searchIndexPath(root: string): string {
  return path.join(root, '.sift', 'cache', 'search-index.bin');
}

/** The study's index: from the cache when it was built from exactly these files, else built (and cached). */
export async function cachedSearchIndex(root: string, ws: Workspace, options: { cache?: boolean } = {}): Promise<{ index: FullTextIndex; fromCache: boolean }> {
  const docs = searchDocsOf(ws);
  const key = options.cache === false ? undefined : searchIndexKey(ws);
  if (key !== undefined) {
    const bytes = await fsp.readFile(searchIndexPath(root)).catch(() => undefined);
    const cached = bytes && decodeSearchIndex(bytes, key, docs);
    if (cached) return { index: cached, fromCache: true };
  }
  const index = new FullTextIndex(docs.values());
  const bytes = key !== undefined && ws.project ? encodeSearchIndex(index, key) : undefined;
  // A read-only checkout still searches, just without a cache.
  if (bytes) await writeAtomically(searchIndexPath(root), bytes).catch(() => undefined);
  return { index, fromCache: false };
}
