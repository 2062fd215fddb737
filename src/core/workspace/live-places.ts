/**
 * Where highlights are while their transcript is edited and not yet saved: the editor says
 * exactly what changed, so every change shifts the places after it (no re-anchoring guesswork).
 */
import type { AnchorResult } from '../anchoring/anchor';

/** One replacement in a transcript's text: [start, end) replaced by `inserted` code points. */
export interface TextChange {
  start: number;
  end: number;
  inserted: number;
}

/** The place of a highlight after [start, end) was replaced by `inserted` code points. */
export function shift(r: AnchorResult, start: number, end: number, inserted: number): AnchorResult {
  if (r.state === 'orphaned') return r;
  const delta = inserted - (end - start);
  const at = (offset: number, isEnd: boolean) => {
    if (offset < start || (offset === start && isEnd)) return offset; // before the change
    if (offset >= end) return offset + delta; // after it: moves with the text
    return isEnd ? start + inserted : start; // inside the replaced text
  };
  const next = { ...r, start: at(r.start, false), end: at(r.end, true) };
  if (next.start === r.start && next.end === r.end) return r;
  return { ...next, state: r.state === 'fuzzy' ? 'fuzzy' : 'moved', reason: 'moved with your edit in the editor' };
}
