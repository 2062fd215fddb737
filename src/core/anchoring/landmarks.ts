/**
 * Highlights already placed without doubt, as landmarks for finding the others: edits keep
 * a transcript's passages in order, so a highlight stored between two landmarks is now
 * between them too, and its distance from the one before it changed only by the edits in
 * between. All offsets are code points; `oldStart`/`oldEnd` are the stored offsets.
 */
export interface Landmark {
  oldStart: number;
  oldEnd: number;
  /** Where it is now. */
  start: number;
  end: number;
}

/** Where a highlight can be, from its landmarks: the stretch they bound and the expected start. */
export interface Neighbourhood {
  start: number;
  end: number;
  expected: number;
  /**
   * How far from `expected` the edits can have moved it: a quarter of the distance from the
   * landmark before it (or the start of the text), and a little more. Random edits add and
   * remove words about equally, so even at 20 % edits the drift stays well inside this.
   */
  drift: number;
}

/** Extra room past the landmark after a highlight, for the highlight's own growth by edits. */
const SLACK = 64;
const MIN_DRIFT = 16;
const DRIFT_SHARE = 0.25;

export class Landmarks {
  /** Sorted by stored start. */
  private readonly sorted: Landmark[];

  constructor(landmarks: readonly Landmark[]) {
    this.sorted = [...landmarks].sort((a, b) => a.oldStart - b.oldStart);
  }

  add(landmark: Landmark): void {
    this.sorted.splice(this.firstAfter(landmark.oldStart), 0, landmark);
  }

  /**
   * The stretch between the last landmark starting at or before the highlight and the first
   * starting after it (highlights may overlap: the bound is that landmark's end, plus as much
   * as the highlight reaches past it, plus slack); the whole text where there is none.
   */
  around(h: { start: number; end: number }): Neighbourhood {
    const next = this.firstAfter(h.start);
    const before = this.sorted[next - 1];
    const after = this.sorted[next];
    // Edits that shifted one landmark but not the other show where the quote can be; without
    // a landmark before it, the stored offset is the best guess.
    const expected = before ? before.start + (h.start - before.oldStart) : h.start;
    const distance = before ? h.start - before.oldStart : h.start;
    return {
      start: before ? before.start : 0,
      end: after ? after.end + Math.max(0, h.end - after.oldEnd) + SLACK : Number.MAX_SAFE_INTEGER,
      expected,
      drift: MIN_DRIFT + distance * DRIFT_SHARE,
    };
  }

  /** Index of the first landmark whose stored start is after `at`. */
  private firstAfter(at: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]!.oldStart <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
