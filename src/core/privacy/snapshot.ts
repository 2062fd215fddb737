/**
 * What the personal-data scanner remembers, as bytes a host keeps between runs (the CLI in
 * `.sift/cache/privacy.bin`, the editor between scans in its worker thread): a small JSON
 * header (each file's hash and the names it taught, the study's distinct found words) and then every
 * file's packed findings (packed.ts) as one run of 32-bit numbers. Reading it makes views of
 * those numbers, not an object per finding. As JSON, the same memory was 58 MB at 50,000
 * highlights and 136 MB at 200,000, and parsing it was most of a warm `sift site`.
 *
 * Anything that is not a sound snapshot of this version (another version, cut short, bytes
 * changed) reads as nothing: the scan is then cold, never wrong.
 */
import { FIELDS, FileFindings, findingTables, soundNumbers, type FindingTables } from './packed';

/** Bumped whenever the detectors or this layout change, so memory of an older version is not reused. */
export const SCANNER_SNAPSHOT_VERSION = 7;

const MAGIC = 0x49495053; // "SPII", little-endian
/** Magic, version, header length (bytes), then the header, padded to 4 bytes, then the numbers. */
const PREAMBLE = 12;

export interface LearntEntry {
  hash: string;
  names: string[];
}

export interface FoundEntry {
  hash: string;
  /** The detection context the findings were made in (a hash). */
  context: string;
  findings: FileFindings;
}

export interface ScannerMemory {
  learnt: Map<string, LearntEntry>;
  found: Map<string, FoundEntry>;
  tables: FindingTables;
}

interface Header {
  words: string[];
  confidences: number[];
  learnt: [path: string, hash: string, names: string[]][];
  found: [path: string, hash: string, context: string, count: number][];
}

export function encodeSnapshot(memory: ScannerMemory): Uint8Array {
  const found = [...memory.found];
  const header: Header = {
    words: [...memory.tables.words.all],
    confidences: [...memory.tables.confidences.all],
    learnt: [...memory.learnt].map(([path, e]) => [path, e.hash, e.names]),
    found: found.map(([path, e]) => [path, e.hash, e.context, e.findings.length]),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const body = PREAMBLE + Math.ceil(json.length / 4) * 4;
  const numbers = found.reduce((n, [, e]) => n + e.findings.numbers.length, 0);
  const bytes = new Uint8Array(body + numbers * 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, SCANNER_SNAPSHOT_VERSION, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, PREAMBLE);
  const out = new Uint32Array(bytes.buffer, body, numbers);
  let at = 0;
  for (const [, e] of found) {
    out.set(e.findings.numbers, at);
    at += e.findings.numbers.length;
  }
  return bytes;
}

/** The memory in a snapshot, or undefined when the bytes are not a sound snapshot of this version. */
export function decodeSnapshot(bytes: Uint8Array | undefined): ScannerMemory | undefined {
  if (!bytes || bytes.length < PREAMBLE || !littleEndian()) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== SCANNER_SNAPSHOT_VERSION) return undefined;
  const jsonLength = view.getUint32(8, true);
  const body = PREAMBLE + Math.ceil(jsonLength / 4) * 4;
  if (body > bytes.length || (bytes.length - body) % 4 !== 0) return undefined;
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREAMBLE, PREAMBLE + jsonLength))) as Header;
  } catch {
    return undefined;
  }
  if (!soundHeader(header)) return undefined;
  const count = (bytes.length - body) / 4;
  if (header.found.reduce((n, f) => n + f[3] * FIELDS, 0) !== count) return undefined;
  // A view needs its numbers 4-byte aligned in memory; a Buffer read from disk may start anywhere.
  const aligned = (bytes.byteOffset + body) % 4 === 0 ? bytes : bytes.slice();
  const numbers = new Uint32Array(aligned.buffer, aligned.byteOffset + body, count);
  if (!soundNumbers(numbers, header.words.length, header.confidences.length)) return undefined;
  const tables = findingTables(header.words, header.confidences, false);
  if (tables.words.size !== header.words.length || tables.confidences.size !== header.confidences.length) return undefined; // a word twice: not written by us
  const memory: ScannerMemory = { learnt: new Map(), found: new Map(), tables };
  for (const [path, hash, names] of header.learnt) memory.learnt.set(path, { hash, names });
  let at = 0;
  for (const [path, hash, context, n] of header.found) {
    memory.found.set(path, { hash, context, findings: new FileFindings(path, numbers.subarray(at, at + n * FIELDS), tables) });
    at += n * FIELDS;
  }
  return memory;
}

function soundHeader(h: Header): boolean {
  const strings = (a: unknown): a is string[] => Array.isArray(a) && a.every((s) => typeof s === 'string');
  return (
    typeof h === 'object' &&
    h !== null &&
    strings(h.words) &&
    Array.isArray(h.confidences) &&
    h.confidences.every((c) => typeof c === 'number') &&
    Array.isArray(h.learnt) &&
    h.learnt.every((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string' && strings(e[2])) &&
    Array.isArray(h.found) &&
    h.found.every((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string' && typeof e[2] === 'string' && Number.isInteger(e[3]) && e[3] >= 0)
  );
}

/** Numbers are stored little-endian, as every machine Sift runs on reads them; a big-endian one scans cold. */
function littleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}
