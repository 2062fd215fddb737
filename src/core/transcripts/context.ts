/**
 * The context of a passage: the turns around it, as a researcher reads them to check what a
 * quote meant, without cue numbers, timing lines or front matter (the turns cover speech
 * only). Used by the peek of the board and the journey map, which show it in place instead of
 * opening the transcript beside them.
 */
import type { ContextTurnView as ContextTurn } from '../../protocol/context';
import type { Turn } from '../model';
import { CodePointIndex } from '../text';

/** How many turns are shown before and after the passage. */
export const CONTEXT_TURNS = 2;
/** Transcripts without turns (plain notes): characters shown either side of the passage. */
const CONTEXT_CHARS = 600;

/**
 * The turns around [start, end) (code points over the whole normalised text): those the
 * passage touches, with `around` more on each side. A text without turns there gives one
 * stretch of text around the passage, cut at line breaks.
 */
export function passageContext(text: string, turns: readonly Turn[], start: number, end: number, around = CONTEXT_TURNS): ContextTurn[] {
  const index = new CodePointIndex(text);
  const touched = turns.flatMap((t, i) => (t.start < Math.max(end, start + 1) && t.end > start ? [i] : []));
  if (touched.length === 0) return [stretchAround(text, index, start, end)];
  const from = Math.max(0, touched[0]! - around);
  const to = Math.min(turns.length, touched.at(-1)! + 1 + around);
  return turns.slice(from, to).map((turn) => {
    const a = index.toUtf16(turn.start);
    const b = index.toUtf16(turn.end);
    const markStart = Math.max(index.toUtf16(start), a);
    const markEnd = Math.min(index.toUtf16(end), b);
    return {
      ...(turn.speaker ? { speaker: turn.speaker } : {}),
      ...(turn.time ? { time: turn.time } : {}),
      ...(turn.date ? { date: turn.date } : {}),
      text: text.slice(a, b),
      ...(markStart < markEnd ? { mark: [markStart - a, markEnd - a] as [number, number] } : {}),
    };
  });
}

function stretchAround(text: string, index: CodePointIndex, start: number, end: number): ContextTurn {
  const a = index.toUtf16(start);
  const b = index.toUtf16(end);
  // Whole lines, as far as CONTEXT_CHARS reaches on each side.
  const lineStart = (at: number) => (at <= 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1);
  const lineEnd = (at: number) => (text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at));
  const from = Math.min(a, lineStart(Math.max(0, a - CONTEXT_CHARS)));
  const to = Math.max(b, lineEnd(Math.min(text.length, b + CONTEXT_CHARS)));
  return { text: text.slice(from, to), mark: [a - from, b - from] };
}
