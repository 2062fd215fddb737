/**
 * Content hashes. Transcripts are hashed as git hashes a blob (SHA-1 of
 * `blob <bytes>\0<content>`) over their normalised text (BOM dropped, `\n` line endings),
 * so the hash equals the blob git stores for the file and a CRLF checkout hashes the same.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function gitBlobHash(text: string): string {
  return gitBlobHashOfBytes(utf8ToBytes(text));
}

export function gitBlobHashOfBytes(bytes: Uint8Array): string {
  const header = utf8ToBytes(`blob ${bytes.length}\0`);
  const h = sha1.create();
  h.update(header);
  h.update(bytes);
  return bytesToHex(h.digest());
}
