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

/**
 * The place of a highlight after [start, end) was replaced by `inserted` code points. A
 * highlight whose words were all inside the replaced text cannot be followed: the editor says
 * only that a stretch was replaced (a paste over a passage, a formatter, or the whole text at
 * once), not where its words went, if anywhere. It is marked lost for now rather than stretched
 * over whatever replaced it; saving then leaves its place on disk as it was, and re-anchoring
 * finds its quote in the saved text, or asks.
 */
export function shift(r: AnchorResult, start: number, end: number, inserted: number): AnchorResult {
  if (r.state === 'orphaned') return r;
  if (end > start && r.start >= start && r.end <= end && r.end > r.start) {
    return { ...r, state: 'orphaned', reason: 'its words were replaced in the editor: Sift looks for them again when the transcript is saved' };
  }
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
