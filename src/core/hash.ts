/**
 * Content hashes. Transcripts are hashed as git hashes a blob (SHA-1 of
 * `blob <bytes>\0<content>`) over their normalised text (BOM dropped, `\n` line endings),
 * so the hash equals the blob git stores for the file and a CRLF checkout hashes the same.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** SHA-1 over the concatenation of some byte chunks, as lowercase hex. */
export type Sha1 = (chunks: readonly Uint8Array[]) => string;

export const pureSha1: Sha1 = (chunks) => {
  const h = sha1.create();
  for (const chunk of chunks) h.update(chunk);
  return bytesToHex(h.digest());
};

let sha1Hex: Sha1 = pureSha1;

/**
 * Hosts with a native SHA-1 install it once at startup (src/node/native-hash.ts): Node's is
 * ~50× faster than the JavaScript one, which matters for the hashes every edit checks (a
 * 450 KB highlights file: ~40 ms in JavaScript). The JavaScript one serves everywhere else.
 */
export function useSha1(impl: Sha1): void {
  sha1Hex = impl;
}

export function gitBlobHash(text: string): string {
  return gitBlobHashOfBytes(utf8ToBytes(text));
}

export function gitBlobHashOfBytes(bytes: Uint8Array): string {
  return sha1Hex([utf8ToBytes(`blob ${bytes.length}\0`), bytes]);
}
