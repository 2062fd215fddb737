/**
 * Keeps the loader's snapshot between runs in `.sift/cache/` (git-ignored), so a second
 * `sift check` parses only the files that changed. A missing, damaged, foreign or outdated
 * cache is simply ignored (and rewritten by the load that follows): it can only make loading
 * faster, never change its result.
 *
 *   line 1   {"sift":"snapshot","format":2,"checksum":…}
 *   then     compact JSON values (src/core/binary-json.ts): the snapshot's version, then path, entry, path, entry…
 *
 * The checksum (SHA-1 of everything after line 1) is checked before anything is read, so a
 * file cut short or overwritten is never half used. Entries are decoded one at a time with
 * yields between them: a library of 50 studies reads 50 snapshots.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { BinaryJsonReader, BinaryJsonWriter } from '../core/binary-json';
import { gitBlobHashOfBytes } from '../core/hash';
import type { Snapshot } from '../core/workspace/load';
import './native-hash';
import { writeAtomically } from './node-fs';

const SLICE_MS = 20;
const MAGIC = 'snapshot';
/** Bump when the file's layout changes (the snapshot's own shape has SNAPSHOT_VERSION, kept in the header). */
const FORMAT = 2;

interface Header {
  sift: string;
  format: number;
  checksum: string;
}

export function snapshotPath(root: string): string {
  return path.join(root, '.sift', 'cache', 'snapshot.bin');
}

/** The JSON-lines snapshot of earlier versions, removed when the new one is written. */
function formerSnapshotPath(root: string): string {
  return path.join(root, '.sift', 'cache', 'snapshot.jsonl');
}

export async function readSnapshot(root: string): Promise<Snapshot | undefined> {
  try {
    return await decodeSnapshot(await fsp.readFile(snapshotPath(root)), () => new Promise((resolve) => setImmediate(resolve)));
  } catch {
    return undefined;
  }
}

export async function writeSnapshot(root: string, snapshot: Snapshot): Promise<void> {
  try {
    await writeAtomically(snapshotPath(root), encodeSnapshot(snapshot));
    await fsp.rm(formerSnapshotPath(root), { force: true });
  } catch {
    // A read-only checkout still works, just without a warm cache.
  }
}

/**
 * A transcript's turns, pages and diary entries: a third of a library's objects, which a load
 * never reads (the checks look at highlights and references), decoded when a command first
 * asks for them (src/core/binary-json.ts, deferred values).
 */
const READ_WHEN_USED = new Set(['turns', 'pages', 'entries']);

export function encodeSnapshot(snapshot: Snapshot): Uint8Array {
  const values = new BinaryJsonWriter({ deferred: READ_WHEN_USED });
  values.add(snapshot.version);
  for (const [file, entry] of Object.entries(snapshot.files)) {
    values.add(file);
    values.add(entry);
  }
  const body = values.finish();
  const header: Header = { sift: MAGIC, format: FORMAT, checksum: gitBlobHashOfBytes(body) };
  const head = new TextEncoder().encode(JSON.stringify(header) + '\n');
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head);
  bytes.set(body, head.length);
  return bytes;
}

/** The snapshot in `bytes`, or undefined when they are not a whole, undamaged one of this format; `pause` is awaited between entries. */
export async function decodeSnapshot(bytes: Uint8Array, pause?: () => Promise<void>): Promise<Snapshot | undefined> {
  try {
    const newline = bytes.indexOf(0x0a);
    if (newline < 0) return undefined;
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline))) as Partial<Header>;
    if (header.sift !== MAGIC || header.format !== FORMAT) return undefined;
    const body = bytes.subarray(newline + 1);
    if (gitBlobHashOfBytes(body) !== header.checksum) return undefined;
    const buffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    const values = BinaryJsonReader.open(body, { utf8: (b) => buffer(b).toString('utf8'), latin1: (b) => buffer(b).toString('latin1') });
    const version = values.remaining > 0 ? values.next() : undefined;
    if (typeof version !== 'number' || values.remaining % 2 !== 0) return undefined;
    const files: Snapshot['files'] = {};
    let last = Date.now();
    while (values.remaining > 0) {
      const file = values.next();
      const entry = values.next();
      if (typeof file !== 'string' || typeof entry !== 'object' || entry === null) return undefined;
      files[file] = entry as Snapshot['files'][string];
      if (pause && Date.now() - last > SLICE_MS) {
        await pause();
        last = Date.now();
      }
    }
    return { version, files };
  } catch {
    return undefined;
  }
}
