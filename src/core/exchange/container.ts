/**
 * The `.qdpx` container: a ZIP with one `project.qde` and a flat `sources/` folder
 * (REFI-QDA §8). Pure JavaScript (fflate), so the extension and vscode.dev can use it.
 *
 * Writing is deterministic: entries sorted (`project.qde` first), one fixed timestamp.
 * Reading is defensive: it trusts no entry name or size. Names that are absolute or climb
 * out with `..` make the archive refused; sizes are checked against limits from the
 * central directory before anything is inflated, and inflation never produces more than
 * the declared size, so a zip bomb costs nothing; each inflated entry must match its
 * recorded checksum. Only the `.qde` and plain-text sources
 * are inflated; media, PDF and Word files are listed but left compressed.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { crc32, recordedChecksums } from './zip-checksums';

declare const TextEncoder: { new (): { encode(s: string): Uint8Array } };
const encoder = new TextEncoder();

/** 1 January 1980, local time: the earliest DOS timestamp, written as these fields whatever the time zone. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

export function packQdpx(xml: string, sources: readonly { path: string; text: string }[]): Uint8Array {
  const entries: Zippable = { 'project.qde': [encoder.encode(xml), { mtime: FIXED_TIME }] };
  for (const s of [...sources].sort((a, b) => (a.path < b.path ? -1 : 1))) entries[s.path] = [encoder.encode(s.text), { mtime: FIXED_TIME }];
  return zipSync(entries, { level: 6, mtime: FIXED_TIME });
}

export interface ContainerLimits {
  /** Largest `.qde` inflated, in bytes. */
  project: number;
  /** Largest plain-text source inflated. */
  source: number;
  /** All inflated entries together. */
  total: number;
}

export const DEFAULT_LIMITS: ContainerLimits = { project: 256 * 2 ** 20, source: 64 * 2 ** 20, total: 1024 * 2 ** 20 };

export interface UnpackedQdpx {
  /** The `.qde` bytes. */
  project: Uint8Array;
  /** Plain-text sources by file name, lower-cased (`<guid>.txt`). */
  texts: Map<string, Uint8Array>;
  /** Every file in `sources/` (lower-cased names), inflated or not. */
  sourceNames: Set<string>;
}

export class ContainerError extends Error {}

/** Opens a `.qdpx`; throws ContainerError with a sentence for the researcher when it cannot. */
export function unpackQdpx(bytes: Uint8Array, limits: ContainerLimits = DEFAULT_LIMITS): UnpackedQdpx {
  const sourceNames = new Set<string>();
  const qdeNames: string[] = [];
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        const name = file.name.replace(/\\/g, '/');
        if (name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..')) {
          throw new ContainerError(`The archive contains an entry "${file.name}" that points outside its folder; Sift refuses archives like this.`);
        }
        const kind = entryKind(name);
        if (kind === 'project') qdeNames.push(name);
        if (kind === 'source' || kind === 'text') sourceNames.add(baseName(name).toLowerCase());
        if (kind !== 'project' && kind !== 'text') return false;
        const limit = kind === 'project' ? limits.project : limits.source;
        if (file.originalSize > limit) throw new ContainerError(`The entry "${file.name}" would unpack to ${megabytes(file.originalSize)}, more than the ${megabytes(limit)} Sift accepts.`);
        total += file.originalSize;
        if (total > limits.total) throw new ContainerError(`The archive would unpack to more than ${megabytes(limits.total)}; Sift stops there.`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ContainerError) throw e;
    throw new ContainerError(`This is not a readable REFI-QDA project (.qdpx): the ZIP archive is damaged or truncated (${(e as Error).message}).`);
  }
  if (qdeNames.length === 0) throw new ContainerError('The archive has no project.qde at its top level, so it is not a REFI-QDA project.');
  if (qdeNames.length > 1) throw new ContainerError(`The archive has ${qdeNames.length} .qde files (${qdeNames.join(', ')}); a REFI-QDA project has exactly one.`);
  const checksums = recordedChecksums(bytes);
  const texts = new Map<string, Uint8Array>();
  let project: Uint8Array | undefined;
  for (const [rawName, data] of Object.entries(files)) {
    const recorded = checksums.get(rawName);
    if (recorded !== undefined && recorded !== crc32(data)) throw new ContainerError(`The entry "${rawName}" is damaged: its checksum does not match what the archive recorded.`);
    const name = rawName.replace(/\\/g, '/');
    if (entryKind(name) === 'project') project = data;
    else texts.set(baseName(name).toLowerCase(), data);
  }
  return { project: project!, texts, sourceNames };
}

type EntryKind = 'project' | 'text' | 'source' | 'other';

/** A `.qde` at the top level; files directly in `sources/` (any case), plain text or not. */
function entryKind(name: string): EntryKind {
  const parts = name.split('/').filter((p) => p !== '');
  if (name.endsWith('/')) return 'other';
  if (parts.length === 1 && /\.qde$/i.test(parts[0]!)) return 'project';
  if (parts.length === 2 && parts[0]!.toLowerCase() === 'sources') return /\.txt$/i.test(parts[1]!) ? 'text' : 'source';
  return 'other';
}

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function megabytes(n: number): string {
  return `${Math.round(n / 2 ** 20)} MB`;
}
