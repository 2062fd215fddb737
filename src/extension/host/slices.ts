/**
 * Long work in the extension host runs in slices: `hostSlicer()` gives a pause to call between
 * small pieces of work; once 20 ms have passed since the last return to the event loop it
 * returns there (see `yieldToHost`), so no keystroke or message waits behind the work for long.
 *
 * Background work (the personal-data scan, the board's rebuild, the checks and indexes that
 * follow a write) also gives way to a change the researcher is waiting for: while one is in
 * flight (`inForeground`), a background pause waits for it to end. A tag is a chain of short
 * steps (plan, lock, write, take in); without this, each step that returned to the event loop
 * queued behind another 20 ms slice of background work, and a tag at 50,000 highlights spent
 * more time waiting than working. It also waits while the researcher types or works on the board
 * (`noteActivity`).
 */
import { slicer } from '../../core/workspace/load';

export const SLICE_MS = 20;

/**
 * Every pause of the extension host's sliced work returns to the event loop through one queue,
 * released together once per turn of the loop (setImmediate: after the I/O it polled, so a
 * keystroke or a message from a webview is taken between two rounds of work). The slice of
 * each round counts from that release, shared by every job in it.
 *
 * Each job used to count 20 ms from its own last yield and yield with a timer: the personal-data
 * scan, the suggestions' warming and the search index, resumed by timers of one turn, ran 20 ms
 * each back to back, and with two or more such timer chains Node ran round after round of them
 * in one timers phase: blocks of 60–100 ms and more to the keystroke waiting behind them.
 */
let turnStartedAt = Date.now();
let waiting: (() => void)[] = [];

/** The shared slice clock (core/ports.ts SliceClock) of the extension host: when the current round of work began. */
export const sliceClock = (): number => turnStartedAt;

function releaseRound(): void {
  turnStartedAt = Date.now();
  const round = waiting;
  waiting = [];
  // The job that had the slice of the last round first (it yielded first) goes last: the slice goes round.
  if (round.length > 1) round.push(round.shift()!);
  for (const resume of round) resume();
}

export const yieldToHost = (): Promise<void> =>
  new Promise((resolve) => {
    if (waiting.push(resolve) === 1) setImmediate(releaseRound);
  });

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

/**
 * How long the researcher must stop typing (or scrolling, filtering, dragging on the board) before
 * background work goes on: each slice of it (and the garbage it leaves, whose collection at
 * 200,000 highlights took 70 ms in the middle of a word, and 160 ms while the board scrolled
 * at 50,000) would otherwise land between two keystrokes or two windows of cards.
 */
export const ACTIVITY_PAUSE_MS = 500;
let lastActivity = -Infinity;

/** The researcher typed in a transcript or worked on the board: background work waits for a pause (at most LONGEST_GIVE_WAY_MS). */
export function noteActivity(): void {
  lastActivity = Date.now();
}

/** A return to the event loop for background work: after it, after any change in flight has ended and after a pause in the researcher's activity. */
export async function yieldInBackground(): Promise<void> {
  await yieldToHost();
  const started = Date.now();
  if (idle) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([idle.promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, LONGEST_GIVE_WAY_MS)))]);
    clearTimeout(timer);
  }
  for (let now = Date.now(); now - lastActivity < ACTIVITY_PAUSE_MS && now - started < LONGEST_GIVE_WAY_MS; now = Date.now()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(ACTIVITY_PAUSE_MS - (now - lastActivity), LONGEST_GIVE_WAY_MS - (now - started))));
  }
}

/**
 * A pause between slices of background work. With `stillWanted`, a pause after which the work
 * is no longer wanted (a newer run of it has started) throws {@link Superseded}: background work
 * that runs on after it is stale costs the host time and keeps an old study alive in memory.
 * `asked`: work the researcher asked for and is waiting on (the board they just filtered) returns
 * to the event loop between slices but does not give way to their activity, which it is.
 */
export function hostSlicer(stillWanted?: () => boolean, sliceMs = SLICE_MS, { asked = false } = {}): () => Promise<void> {
  const pause = slicer(asked ? yieldToHost : yieldInBackground, sliceMs, sliceClock);
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
