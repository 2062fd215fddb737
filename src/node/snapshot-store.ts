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
  // Read whole (asynchronously), then decoded and parsed a line at a time with yields between:
  // neither decoding the whole file nor parsing it blocks the event loop. (A readline stream
  // did the same at twice the CPU: a library of 50 studies reads 100 MB of snapshots.)
  try {
    const bytes = await fsp.readFile(snapshotPath(root));
    let version: number | undefined;
    const files: Snapshot['files'] = {};
    let last = Date.now();
    for (let start = 0; start < bytes.length;) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline < 0 ? bytes.length : newline;
      const line = bytes.toString('utf8', start, end);
      start = end + 1;
      if (line === '' || line === '\r') continue;
      if (version === undefined) {
        version = (JSON.parse(line) as { version: number }).version;
        continue;
      }
      const [file, entry] = JSON.parse(line) as [string, Snapshot['files'][string]];
      files[file] = entry;
      if (Date.now() - last > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        last = Date.now();
      }
    }
    return version === undefined ? undefined : { version, files };
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
