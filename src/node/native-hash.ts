/**
 * Imported for its effect: the core hashes with Node's native SHA-1 from then on (see
 * useSha1 in src/core/hash.ts). Every node adapter imports it, so the CLI, the desktop
 * extension and the benchmark all hash natively.
 */
import { createHash } from 'node:crypto';
import { useSha1, type Sha1 } from '../core/hash';

export const nativeSha1: Sha1 = (chunks) => {
  const h = createHash('sha1');
  for (const chunk of chunks) h.update(chunk);
  return h.digest('hex');
};

useSha1(nativeSha1);
