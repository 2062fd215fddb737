/**
 * Media times as transcripts write them (`0:12`, `12:31`, `1:02:03`, `00:12:31.500`,
 * `00:12:31,500`) and as Sift stores them: `HH:MM:SS`, milliseconds dropped, so a
 * highlight's time reads the same whatever tool produced the transcript.
 */

/** A clock time inside a larger pattern; bounded digit counts keep every use linear. */
export const CLOCK_SOURCE = String.raw`\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;

/** Minutes and seconds of one digit only in a three-part time: older Teams transcripts write `0:1:2.500`. */
const CLOCK = /^(\d{1,3}):(\d{1,2})(?::(\d{1,2}))?(?:[.,]\d{1,3})?$/;

export interface ClockTime {
  /** `HH:MM:SS` (hours grow past two digits for recordings of 100 hours or more). */
  text: string;
  seconds: number;
}

/**
 * Reads `m:ss`, `mm:ss`, `h:mm:ss` or `hh:mm:ss` (or Teams' unpadded `h:m:s`), each with optional milliseconds.
 * Two-part times are minutes and seconds, since no transcript tool writes hours:minutes
 * without seconds; minutes past 59 there roll over into hours (`75:12` is `01:15:12`).
 */
export function parseClock(text: string): ClockTime | undefined {
  const m = CLOCK.exec(text);
  if (!m) return undefined;
  const first = Number(m[1]);
  const second = Number(m[2]);
  if (m[3] === undefined) return second < 60 && m[2]!.length === 2 ? fromSeconds(first * 60 + second) : undefined;
  const third = Number(m[3]);
  return second < 60 && third < 60 ? fromSeconds(first * 3600 + second * 60 + third) : undefined;
}

function fromSeconds(seconds: number): ClockTime {
  return { text: `${twoDigits(Math.floor(seconds / 3600))}:${twoDigits(Math.floor(seconds / 60) % 60)}:${twoDigits(seconds % 60)}`, seconds };
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
