/**
 * Replacing spans of a text and following offsets through the replacement, so that a
 * highlight on "the words after Sarah's name" is on the same words after "Sarah" became
 * "[Name-1]". Offsets are code points, as everywhere in Sift.
 */
import { CodePointIndex } from '../text';

export interface SpanEdit {
  /** Code points over the old text, half-open. */
  start: number;
  end: number;
  replacement: string;
}

export interface Replaced {
  text: string;
  /**
   * The new place of an old offset. Outside any edit it shifts with the text; inside an edit
   * a start snaps to the replacement's start and an end to its end, so a highlight that
   * began or ended in the middle of a name still covers all of its pseudonym.
   */
  mapOffset(offset: number, side: 'start' | 'end'): number;
  /** Where each edit's replacement starts in the new text, in the order given. */
  newStarts: number[];
}

/** Applies non-overlapping edits (any order) to a text. */
export function replaceSpans(text: string, edits: readonly SpanEdit[]): Replaced {
  const index = new CodePointIndex(text);
  // At one place, an insertion (empty span) goes before a replacement that starts there.
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.start < sorted[i - 1]!.end) throw new Error('replaceSpans: edits overlap');
  const parts: string[] = [];
  /** Per edit in position order: its old span, and the shift of the text after it. */
  const spans: { start: number; end: number; newStart: number; newEnd: number }[] = [];
  let last = 0;
  let shift = 0;
  for (const e of sorted) {
    parts.push(index.slice(last, e.start), e.replacement);
    const length = new CodePointIndex(e.replacement).length;
    spans.push({ start: e.start, end: e.end, newStart: e.start + shift, newEnd: e.start + shift + length });
    shift += length - (e.end - e.start);
    last = e.end;
  }
  parts.push(index.slice(last, index.length));
  const mapOffset = (offset: number, side: 'start' | 'end'): number => {
    // The last edit starting before the offset (or at it, for an end: an end there is before the edit).
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = spans[mid]!;
      if (side === 'start' ? s.start <= offset : s.start < offset) lo = mid + 1;
      else hi = mid;
    }
    const span = spans[lo - 1];
    if (!span) return offset;
    if (offset >= span.end) return span.newEnd + (offset - span.end);
    return side === 'start' ? span.newStart : span.newEnd;
  };
  const byEdit = new Map(sorted.map((e, i) => [e, spans[i]!.newStart]));
  return { text: parts.join(''), mapOffset, newStarts: edits.map((e) => byEdit.get(e)!) };
}
