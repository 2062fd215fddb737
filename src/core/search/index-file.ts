/**
 * A study's full-text index as bytes, for a cache between processes: a `sift search` over a
 * library of 50 studies would otherwise index 200,000 highlights again every time it runs
 * (seconds of work), for a query that takes milliseconds.
 *
 * The file says what it was built from: a key made of the content hash of every highlights
 * file and the codebook's labels (all a search document is made of), so any edit, in any
 * study, gives another key and the index is rebuilt; nothing else (a date, a size) decides
 * it. It also carries a checksum of its contents: a file cut short, overwritten or written
 * by another version is rebuilt, never searched.
 *
 *   line 1   {"sift":"search-index","version":1,"key":…,"checksum":…,"terms":T,"postings":P}
 *   line 2   {"ids":[…],"terms":[…]}                  documents by number, sorted terms
 *   then     starts (T + 1 × uint32), docs (P × uint32), slots (P × uint16), little-endian
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { gitBlobHash, gitBlobHashOfBytes } from '../hash';
import type { Workspace } from '../workspace/workspace';
import { FullTextIndex, searchDocOf, type SearchDoc, type SearchIndexImage } from './fulltext';

/** Bump when the file's layout or the index's postings change. */
const VERSION = 1;
const MAGIC = 'search-index';
/** Typed arrays are written as the machine lays them out; only little-endian ones (all current ones) use the cache. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Header {
  sift: string;
  version: number;
  key: string;
  checksum: string;
  terms: number;
  postings: number;
}

/** Every search document of a study, in the order an index of it numbers them, by id (a later duplicate wins, as in the index). */
export function searchDocsOf(ws: Workspace): Map<string, SearchDoc> {
  const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
  const label = (id: string) => labels.get(id);
  const docs = new Map<string, SearchDoc>();
  for (const f of ws.highlightFiles.values()) for (const h of f.highlights) docs.set(h.id, searchDocOf(h, f.source, label));
  return docs;
}

/**
 * What a study's index is built from, as one hash: each highlights file's content hash and
 * the tag labels. Undefined when a highlights file has no recorded hash (then nothing says it
 * is unchanged, and the index is built, not cached).
 */
export function searchIndexKey(ws: Workspace): string | undefined {
  const files: [string, string][] = [];
  for (const path of ws.highlightFiles.keys()) {
    const version = ws.versions.get(path);
    if (version === undefined) return undefined;
    files.push([path, version]);
  }
  files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return gitBlobHash(JSON.stringify({ version: VERSION, labels: ws.codebook.map((t) => [t.id, t.label]), files }));
}

/** The bytes of an index, or undefined where the cache is not used (a big-endian machine). */
export function encodeSearchIndex(index: FullTextIndex, key: string): Uint8Array | undefined {
  if (!LITTLE_ENDIAN) return undefined;
  const image = index.image();
  const names = utf8ToBytes(JSON.stringify({ ids: image.ids, terms: image.terms }) + '\n');
  const body = concat([names, bytesOf(image.starts), bytesOf(image.docs), bytesOf(image.slots)]);
  const header: Header = { sift: MAGIC, version: VERSION, key, checksum: gitBlobHashOfBytes(body), terms: image.terms.length, postings: image.docs.length };
  return concat([utf8ToBytes(JSON.stringify(header) + '\n'), body]);
}

/**
 * The index in `bytes` if they are a whole, undamaged index built for `key`, with the study's
 * documents (`searchDocsOf`); otherwise undefined, and the caller builds the index anew.
 */
export function decodeSearchIndex(bytes: Uint8Array, key: string, docs: ReadonlyMap<string, SearchDoc>): FullTextIndex | undefined {
  if (!LITTLE_ENDIAN) return undefined;
  try {
    const headerEnd = bytes.indexOf(0x0a);
    if (headerEnd < 0) return undefined;
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, headerEnd))) as Partial<Header>;
    if (header.sift !== MAGIC || header.version !== VERSION || header.key !== key || !Number.isInteger(header.terms) || !Number.isInteger(header.postings)) return undefined;
    const body = bytes.subarray(headerEnd + 1);
    if (gitBlobHashOfBytes(body) !== header.checksum) return undefined;
    const namesEnd = body.indexOf(0x0a);
    if (namesEnd < 0) return undefined;
    const names = JSON.parse(new TextDecoder().decode(body.subarray(0, namesEnd))) as { ids?: unknown; terms?: unknown };
    if (!isStringArray(names.ids) || !isStringArray(names.terms) || names.ids.length !== docs.size) return undefined;
    const terms = header.terms!;
    const postings = header.postings!;
    const arrays = body.subarray(namesEnd + 1);
    if (arrays.length !== (terms + 1) * 4 + postings * 6) return undefined;
    const startsEnd = (terms + 1) * 4;
    const docsEnd = startsEnd + postings * 4;
    const starts = new Uint32Array(copied(arrays, 0, startsEnd));
    const docIds = new Uint32Array(copied(arrays, startsEnd, docsEnd));
    const slots = new Uint16Array(copied(arrays, docsEnd, arrays.length));
    const image: SearchIndexImage = { ids: names.ids, terms: names.terms, starts, docs: docIds, slots };
    return FullTextIndex.fromImage(image, (id) => docs.get(id));
  } catch {
    return undefined;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Bytes `[start, end)` in a buffer of their own: a Uint32Array needs an offset that is a
 * multiple of 4, and a Node Buffer's `slice` is a view into a shared pool, not a copy.
 */
function copied(bytes: Uint8Array, start: number, end: number): ArrayBuffer {
  const out = new ArrayBuffer(end - start);
  new Uint8Array(out).set(bytes.subarray(start, end));
  return out;
}

function bytesOf(array: Uint32Array | Uint16Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
