/**
 * Maps positions in an old version of a transcript to the new one, through a diff.
 *
 * The diff is diff-match-patch's `diff_main`, run the way its `checklines` mode runs, but
 * with words instead of lines as the coarse unit: every word (with the whitespace after
 * it) becomes one character, the short strings are diffed, and each replaced run is then
 * re-diffed character by character. Transcripts are long paragraphs, so after a 10 % word
 * edit nearly every line differs and line mode degrades to a full character diff (about
 * 0.4–0.9 s for 40k characters); the word-level diff of the same texts takes ~15 ms.
 *
 * All offsets here are UTF-16 code units; callers convert code points at the edges.
 */
import { textHunks, type Hunk } from './diff-port';

export type { Hunk } from './diff-port';

/**
 * Work allowed for one comparison, in steps of Myers' algorithm (see {@link DiffBudget}).
 * Measured: a 40k-character transcript with 10 / 20 / 50 % of its words edited takes
 * 0.6 / 2.0 / 12.5 M steps, a 300k-character one 27 / 106 / 662 M (about 30 M steps per
 * CPU second on a loaded machine). Past the budget the stretches left
 * show as deleted and inserted wholesale and the highlights in them go on to quote search
 * (see {@link TextDiff.complete}). A count of steps rather than a clock: the same two
 * texts give the same diff on a busy machine as on a quiet one.
 */
export const DIFF_BUDGET_STEPS = 30_000_000;

export class TextDiff {
  private constructor(
    private readonly oldText: string,
    private readonly newText: string,
    /** In order; equal text lies between consecutive hunks. */
    readonly hunks: readonly Hunk[],
    /**
     * False when the diff ran out of budget: it is still a valid diff, but stretches it
     * could not align show as deleted and inserted wholesale, so "deleted" means little.
     */
    readonly complete: boolean,
  ) {}

  static compute(oldText: string, newText: string, budgetSteps = DIFF_BUDGET_STEPS): TextDiff {
    const { hunks, complete } = textHunks().diffHunks(oldText, newText, budgetSteps);
    return new TextDiff(oldText, newText, hunks, complete);
  }

  /**
   * Where a highlight starting at `old` starts now. Text inserted exactly at the start is
   * outside the highlight; text that replaced its first characters is inside.
   */
  mapStart(old: number): number {
    const { hunk, delta } = this.locate(old);
    if (!hunk) return old + delta;
    if (hunk.oldStart === old) return hunk.oldEnd > old ? hunk.newStart : hunk.newEnd;
    if (hunk.oldEnd === old) return hunk.newEnd;
    return this.withinHunk(hunk, old, 'start');
  }

  /** Where a highlight ending at `old` ends now; the mirror image of {@link mapStart}. */
  mapEnd(old: number): number {
    const { hunk, delta } = this.locate(old);
    if (!hunk) return old + delta;
    if (hunk.oldEnd === old && hunk.oldStart < old) return hunk.newEnd;
    if (hunk.oldStart === old) return hunk.newStart;
    return this.withinHunk(hunk, old, 'end');
  }

  /**
   * Whether a boundary at `old` maps without guessing: it is in unchanged text, or next to
   * text only inserted or only deleted. Where words were replaced right at the boundary
   * ("A second" → "a second"), whether the new words belong to the highlight is a guess.
   */
  mapsCleanly(old: number): boolean {
    const { hunk } = this.locate(old);
    if (!hunk) return true;
    const replaced = hunk.oldEnd > hunk.oldStart && hunk.newEnd > hunk.newStart;
    return !replaced && (old === hunk.oldStart || old === hunk.oldEnd);
  }

  /**
   * An edit distance between old [oldStart, oldEnd) and new [newStart, newEnd) read off the
   * diff: per hunk, the larger of what was deleted and what was inserted inside the spans,
   * as diff-match-patch's `diff_levenshtein` counts.
   */
  editsBetween(oldStart: number, oldEnd: number, newStart: number, newEnd: number): number {
    let edits = 0;
    for (let i = this.firstHunkEndingAfter(oldStart, 'old'); i < this.hunks.length; i++) {
      const h = this.hunks[i]!;
      if (h.oldStart >= oldEnd && h.newStart >= newEnd) break;
      edits += Math.max(overlap(h.oldStart, h.oldEnd, oldStart, oldEnd), overlap(h.newStart, h.newEnd, newStart, newEnd));
    }
    return edits;
  }

  /** The text of old [start, end) that the diff left unchanged, stretches joined. */
  unchangedWithin(start: number, end: number): string {
    let kept = '';
    let at = start;
    for (let i = this.firstHunkEndingAfter(start, 'old'); i < this.hunks.length && at < end; i++) {
      const h = this.hunks[i]!;
      if (h.oldStart > at) kept += this.oldText.slice(at, Math.min(h.oldStart, end));
      at = Math.max(at, h.oldEnd);
    }
    if (at < end) kept += this.oldText.slice(at, end);
    return kept;
  }

  /**
   * The share of the words of old [start, end) that came through whole (0..1; 1 without
   * words). Where a word was replaced, the character diff may still match letters of it
   * ("door" → "for" keeps "or"), so this is the measure of a quote whose words were edited.
   */
  intactWordShare(start: number, end: number): number {
    let words = 0;
    let intact = 0;
    const first = this.firstHunkEndingAfter(start, 'old');
    for (const word of this.oldText.slice(start, end).matchAll(WORDS)) {
      const from = start + word.index;
      const to = from + word[0].length;
      words++;
      let touched = false;
      for (let i = first; i < this.hunks.length; i++) {
        const h = this.hunks[i]!;
        if (h.oldStart >= to) break;
        // A change of any of its letters, or text inserted between them, touches it.
        touched = (h.oldEnd > from && h.oldStart < to) || (h.oldStart === h.oldEnd && h.oldStart > from);
        if (touched) break;
      }
      if (!touched) intact++;
    }
    return words === 0 ? 1 : intact / words;
  }

  /** How much of new [start, end) is text the diff says was inserted (0..1). */
  insertedShare(start: number, end: number): number {
    if (end <= start) return 0;
    let inserted = 0;
    for (let i = this.firstHunkEndingAfter(start, 'new'); i < this.hunks.length; i++) {
      const h = this.hunks[i]!;
      if (h.newStart >= end) break;
      inserted += overlap(h.newStart, h.newEnd, start, end);
    }
    return inserted / (end - start);
  }

  /**
   * Stretches of new text at least `minLength` long, widened by `pad` on each side and
   * merged where they touch: where text pasted in from elsewhere can be.
   */
  insertedRegions(minLength: number, pad: number): { start: number; end: number }[] {
    const regions: { start: number; end: number }[] = [];
    for (const h of this.hunks) {
      if (h.newEnd - h.newStart < minLength) continue;
      const start = Math.max(0, h.newStart - pad);
      const end = Math.min(this.newText.length, h.newEnd + pad);
      const last = regions[regions.length - 1];
      if (last && start <= last.end) last.end = Math.max(last.end, end);
      else regions.push({ start, end });
    }
    return regions;
  }

  /**
   * Maps an offset strictly inside a changed stretch. At a word boundary it goes to the
   * same word boundary of the new text ("a kind" → "know, house": after the first word
   * stays after the first word); elsewhere, proportionally.
   */
  private withinHunk(hunk: Hunk, old: number, edge: 'start' | 'end'): number {
    const before = this.oldText.slice(hunk.oldStart, old);
    const after = this.oldText.slice(old, hunk.oldEnd);
    const replacement = this.newText.slice(hunk.newStart, hunk.newEnd);
    const wordBefore = WORD_END.test(before);
    const wordAfter = WORD_START.test(after);
    if (edge === 'start' ? !wordBefore && wordAfter : wordBefore && !wordAfter) {
      const k = countWords(before) - (edge === 'end' ? 1 : 0);
      const words = [...replacement.matchAll(WORDS)];
      const word = words[k];
      if (word) return hunk.newStart + (edge === 'start' ? word.index : word.index + word[0].length);
    }
    const oldLength = hunk.oldEnd - hunk.oldStart;
    return hunk.newStart + Math.round(((old - hunk.oldStart) * replacement.length) / oldLength);
  }

  /**
   * The hunk touching `old` (containing it or starting or ending at it), if any, and the
   * shift that the hunks before `old` apply to equal text.
   */
  private locate(old: number): { hunk?: Hunk; delta: number } {
    const i = this.firstHunkEndingAfter(old, 'old', true);
    const hunk = this.hunks[i];
    if (hunk && hunk.oldStart <= old) return { hunk, delta: 0 };
    const before = this.hunks[i - 1];
    return { delta: before ? before.newEnd - before.oldEnd : 0 };
  }

  /** Index of the first hunk whose end on the given side is after `at` (or at it, if inclusive). */
  private firstHunkEndingAfter(at: number, side: 'old' | 'new', inclusive = false): number {
    let lo = 0;
    let hi = this.hunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const h = this.hunks[mid]!;
      const end = side === 'old' ? h.oldEnd : h.newEnd;
      if (end < at || (!inclusive && end === at)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const WORDS = /[\p{L}\p{N}\p{M}]+/gu;
const WORD_START = /^[\p{L}\p{N}\p{M}]/u;
const WORD_END = /[\p{L}\p{N}\p{M}]$/u;

function countWords(s: string): number {
  return s.match(WORDS)?.length ?? 0;
}

function overlap(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
}
