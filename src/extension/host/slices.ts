/**
 * Long work in the extension host runs in slices: `hostSlicer()` gives a pause to call between
 * small pieces of work; once 20 ms have passed since the last return to the event loop it
 * returns there (a timer), so no keystroke or message waits behind the work for long.
 *
 * Background work (the personal-data scan, the board's rebuild, the checks and indexes that
 * follow a write) also gives way to a change the researcher is waiting for: while one is in
 * flight (`inForeground`), a background pause waits for it to end. A tag is a chain of short
 * steps (plan, lock, write, take in); without this, each step that returned to the event loop
 * queued behind another 20 ms slice of background work, and a tag at 50,000 highlights spent
 * more time waiting than working.
 */
import { slicer } from '../../core/workspace/load';

export const SLICE_MS = 20;

export const yieldToHost = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The longest a background pause waits for foreground changes: background work is postponed
 * while a researcher works, never starved (a change stuck on a dialog must not stop the checks).
 */
const LONGEST_GIVE_WAY_MS = 2000;

/** Changes in flight, and the promise their end resolves. */
let inFlight = 0;
let idle: { promise: Promise<void>; resolve: () => void } | undefined;

/** Runs a change the researcher waits for: background work pauses until it (and any other in flight) ends. */
export async function inForeground<T>(work: () => Promise<T>): Promise<T> {
  if (inFlight++ === 0) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    idle = { promise, resolve };
  }
  try {
    return await work();
  } finally {
    if (--inFlight === 0) {
      idle?.resolve();
      idle = undefined;
    }
  }
}

/** A return to the event loop for background work: after it, and after any change in flight has ended. */
export async function yieldInBackground(): Promise<void> {
  await yieldToHost();
  if (!idle) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([idle.promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, LONGEST_GIVE_WAY_MS)))]);
  clearTimeout(timer);
}

/**
 * A pause between slices of background work. With `stillWanted`, a pause after which the work
 * is no longer wanted (a newer run of it has started) throws {@link Superseded}: background work
 * that runs on after it is stale costs the host time and keeps an old study alive in memory.
 */
export function hostSlicer(stillWanted?: () => boolean, sliceMs = SLICE_MS): () => Promise<void> {
  const pause = slicer(yieldInBackground, sliceMs);
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
