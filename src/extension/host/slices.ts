/**
 * Long work in the extension host runs in slices: `hostSlicer()` gives a pause to call between
 * small pieces of work; once 20 ms have passed since the last return to the event loop it
 * returns there (a timer), so no keystroke or message waits behind the work for long.
 */
import { slicer } from '../../core/workspace/load';

export const SLICE_MS = 20;

export const yieldToHost = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A pause between slices. With `stillWanted`, a pause after which the work is no longer
 * wanted (a newer run of it has started) throws {@link Superseded}: background work that
 * runs on after it is stale costs the host time and keeps an old study alive in memory.
 */
export function hostSlicer(stillWanted?: () => boolean, sliceMs = SLICE_MS): () => Promise<void> {
  const pause = slicer(yieldToHost, sliceMs);
  if (!stillWanted) return pause;
  return async () => {
    await pause();
    if (!stillWanted()) throw new Superseded();
  };
}

/** Thrown by a pause of work that a newer run has made stale; the work's caller drops it quietly. */
export class Superseded extends Error {
  constructor() {
    super('superseded by a newer run');
  }
}

/** The work's result, or undefined when a pause of it found it superseded. */
export async function unlessSuperseded<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof Superseded) return undefined;
    throw e;
  }
}
