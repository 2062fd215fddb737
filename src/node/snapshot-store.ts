/**
 * Keeps the loader's snapshot between runs in `.sift/cache/` (git-ignored), so a second
 * `sift check` parses only the files that changed. A missing, corrupt or foreign cache is
 * simply ignored: it can only make loading faster, never change its result.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Snapshot } from '../core/workspace/load';
import { writeAtomically } from './node-fs';

export function snapshotPath(root: string): string {
  return path.join(root, '.sift', 'cache', 'snapshot.json');
}

export async function readSnapshot(root: string): Promise<Snapshot | undefined> {
  try {
    return JSON.parse(await fsp.readFile(snapshotPath(root), 'utf8')) as Snapshot;
  } catch {
    return undefined;
  }
}

export async function writeSnapshot(root: string, snapshot: Snapshot): Promise<void> {
  try {
    await writeAtomically(snapshotPath(root), JSON.stringify(snapshot));
  } catch {
    // A read-only checkout still works, just without a warm cache.
  }
}
