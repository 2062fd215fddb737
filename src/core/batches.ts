/**
 * Asynchronous work over many items, a batch at a time. The file-system adapters list a
 * folder this way: a thousand transcripts stat'ed at once were one task of ~20 ms issuing
 * the calls and another of up to ~50 ms taking their answers, a block an editor feels;
 * in batches the event loop runs between them, and the I/O stays just as busy.
 */

/** Calls at a time that keep the I/O busy (node has four I/O threads) in tasks of a few milliseconds. */
export const IO_BATCH = 64;

/** Calls `each` on every item, `size` at a time (concurrently within a batch). */
export async function inBatches<T>(items: readonly T[], each: (item: T) => Promise<void>, size = IO_BATCH): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(each));
}
