/**
 * CRC-32 checksums of a ZIP's entries, as its central directory records them, so an entry
 * damaged in the archive (or one whose declared size lies, which the inflater cuts short)
 * is caught instead of becoming a transcript with shifted text. fflate does not check them.
 */

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

declare const TextDecoder: { new (label: string): { decode(bytes: Uint8Array): string } };
const utf8 = new TextDecoder('utf-8');

/**
 * Entry name → recorded CRC-32, read from the central directory. Empty when the directory
 * cannot be read simply (ZIP64 archives): the checks are then skipped, never failed.
 */
export function recordedChecksums(zip: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) return out;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) return out;
  for (let i = 0; i < count && at + 46 <= zip.length && view.getUint32(at, true) === 0x02014b50; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const name = utf8.decode(zip.subarray(at + 46, at + 46 + nameLength));
    out.set(name, view.getUint32(at + 16, true));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}
