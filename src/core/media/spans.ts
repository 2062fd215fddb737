/**
 * When each passage is heard in the recording. A transcript gives turns a start time (a
 * caption cue's, or a `[00:01:23]` stamp before the speaker); a turn is heard from its time
 * until the next later time. A turn without a time of its own (a paragraph continuing the
 * speaker before it) is heard within the timed turn it follows. A highlight is heard from the
 * start of the turn it starts in to the end of the turn it ends in; a `time` on the highlight
 * that differs from its turn's was set by hand and is where it starts, and a `timeEnd` is always
 * set by hand (a passage ending before its turn does) and is where it ends.
 */
import type { Highlight, Turn } from '../model';
import { CLOCK_SOURCE, parseClock } from '../transcripts/clock';
import { turnAt } from '../transcripts';

/** Seconds into the recording; `end` is unknown for the last passage when the recording's length is. */
export interface TimeSpan {
  start: number;
  end?: number;
}

/** A timed stretch of turns: the timed turn that leads it and the untimed ones after it. */
export interface TimedGroup {
  /** Indexes into the turn list, [first, last). */
  first: number;
  last: number;
  span: TimeSpan;
}

const seconds = (time: string | undefined): number | undefined => (time === undefined ? undefined : parseClock(time)?.seconds);

const END_TIME = /^(\d{2}):([0-5]\d):([0-5]\d(?:\.\d{1,3})?)$/;

/** A hand-set end time (`HH:MM:SS` or `HH:MM:SS.s`, as the highlights schema allows) in seconds. */
export function endSeconds(text: string): number | undefined {
  const m = END_TIME.exec(text);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
}

/**
 * The turns grouped by the timed turn leading them, each with when it is heard; turns before
 * the first time belong to no group. `duration` (seconds), when known, ends the last group.
 */
export function timedGroups(turns: readonly Turn[], duration?: number): TimedGroup[] {
  const groups: TimedGroup[] = [];
  turns.forEach((turn, i) => {
    const start = seconds(turn.time);
    const open = groups.at(-1);
    // A time earlier than or equal to the open group's (a cue's repeated stamp) continues it.
    if (start === undefined || (open && start <= open.span.start)) {
      if (open) open.last = i + 1;
      return;
    }
    if (open) open.span.end = start;
    groups.push({ first: i, last: i + 1, span: { start } });
  });
  const last = groups.at(-1);
  if (last && duration !== undefined && duration > last.span.start) last.span.end = duration;
  return groups;
}

/** The group a turn index lies in. */
export function groupOfTurn(groups: readonly TimedGroup[], turnIndex: number): TimedGroup | undefined {
  return groups.find((g) => g.first <= turnIndex && turnIndex < g.last);
}

/** The group heard at a moment of the recording (the last one started by then), if any. */
export function groupAtTime(groups: readonly TimedGroup[], at: number): TimedGroup | undefined {
  let found: TimedGroup | undefined;
  for (const g of groups) {
    if (g.span.start > at) break;
    found = g;
  }
  return found && (found.span.end === undefined || at < found.span.end) ? found : undefined;
}

/** The index of the turn containing an offset (code points), or of the nearest turn after it when it falls between turns. */
function turnIndexAt(turns: readonly Turn[], offset: number): number {
  const turn = turnAt(turns, offset);
  if (turn) return turns.indexOf(turn);
  const after = turns.findIndex((t) => t.start >= offset);
  return after;
}

/**
 * When a highlight is heard: from the turn it starts in to the end of the turn it ends in,
 * or from its own `time` and to its own `timeEnd` where those were set by hand. Undefined when
 * the transcript has no time there. A `timeEnd` not after the start gives no end at all (never
 * the turn's instead): it is an error the study's check reports (see timeEndProblems).
 */
export function highlightSpan(highlight: Pick<Highlight, 'start' | 'end' | 'time' | 'timeEnd'>, turns: readonly Turn[], duration?: number): TimeSpan | undefined {
  const groups = timedGroups(turns, duration);
  const firstTurn = turnIndexAt(turns, highlight.start);
  const lastTurn = turnIndexAt(turns, Math.max(highlight.start, highlight.end - 1));
  const from = firstTurn < 0 ? undefined : groupOfTurn(groups, firstTurn);
  const to = lastTurn < 0 ? from : (groupOfTurn(groups, lastTurn) ?? from);
  const own = seconds(highlight.time);
  const start = own ?? from?.span.start;
  if (start === undefined) return undefined;
  const end = highlight.timeEnd === undefined ? to?.span.end : endSeconds(highlight.timeEnd);
  return end !== undefined && end > start ? { start, end } : { start };
}

/** The span a turn is heard in (by its index), as the group it lies in gives it. */
export function turnSpan(turns: readonly Turn[], turnIndex: number, duration?: number): TimeSpan | undefined {
  return groupOfTurn(timedGroups(turns, duration), turnIndex)?.span;
}

const CLOCK_IN_TEXT = new RegExp(String.raw`(?<![\d:])(${CLOCK_SOURCE})(?![\d:])`, 'g');

/**
 * A time written in a line at a column (0-based, UTF-16): `[00:01:23]`, `01:23`, as a researcher
 * clicks a timestamp to hear it. Undefined when the column is not on one.
 */
export function clockInLine(line: string, column: number): number | undefined {
  for (const m of line.matchAll(CLOCK_IN_TEXT)) {
    const from = m.index;
    // Brackets around the time count as part of it.
    const to = from + m[0].length;
    if (column >= from - 1 && column <= to) return parseClock(m[1]!)?.seconds;
  }
  return undefined;
}

/** `m:ss` or `h:mm:ss`, as a player shows a moment. */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.floor(total));
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
