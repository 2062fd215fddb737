/**
 * Keeps the loader's snapshot between runs in `.sift/cache/` (git-ignored), so a second
 * `sift check` parses only the files that changed. A missing, corrupt or foreign cache is
 * simply ignored: it can only make loading faster, never change its result.
 *
 * The file is JSON lines — a header, then one line per workspace file — so reading it can
 * yield to the event loop between lines: one JSON.parse of a 30 MB document would block an
 * editor for a third of a second.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Snapshot } from '../core/workspace/load';
import { writeAtomically } from './node-fs';

const SLICE_MS = 20;

export function snapshotPath(root: string): string {
  return path.join(root, '.sift', 'cache', 'snapshot.jsonl');
}

export async function readSnapshot(root: string): Promise<Snapshot | undefined> {
  try {
    const text = await fsp.readFile(snapshotPath(root), 'utf8');
    let lineEnd = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, lineEnd)) as { version: number };
    const files: Snapshot['files'] = {};
    let last = Date.now();
    while (lineEnd < text.length - 1) {
      const next = text.indexOf('\n', lineEnd + 1);
      const [file, entry] = JSON.parse(text.slice(lineEnd + 1, next < 0 ? undefined : next)) as [string, Snapshot['files'][string]];
      files[file] = entry;
      lineEnd = next < 0 ? text.length : next;
      if (Date.now() - last > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        last = Date.now();
      }
    }
    return { version: header.version, files };
  } catch {
    return undefined;
  }
}

export async function writeSnapshot(root: string, snapshot: Snapshot): Promise<void> {
  try {
    const lines = [JSON.stringify({ version: snapshot.version })];
    for (const [file, entry] of Object.entries(snapshot.files)) lines.push(JSON.stringify([file, entry]));
    await writeAtomically(snapshotPath(root), lines.join('\n') + '\n');
  } catch {
    // A read-only checkout still works, just without a warm cache.
  }
}
