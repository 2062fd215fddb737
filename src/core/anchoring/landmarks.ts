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
  /** How far from `expected` the edits can have moved its start. */
  drift: number;
  /** Whether placed highlights bound the stretch on both sides (else it runs to the text's start or end). */
  between: boolean;
}

/** Extra room past the landmark after a highlight, for the highlight's own growth by edits. */
const SLACK = 64;
const MIN_DRIFT = 16;
/** Drift allowed per unit of distance from the one landmark before. */
const DRIFT_SHARE = 0.25;
/** Drift allowed per unit of distance from the nearer of two landmarks, beyond their own shift. */
const WANDER = 0.1;

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
    // Between two landmarks the quote keeps its share of the stretch, and it can have drifted
    // from there by about what the stretch grew or shrank, plus a little of its length
    // (edits that add and edits that remove words cancel out only on the whole).
    const start = before ? before.start : 0;
    const end = after ? after.end + Math.max(0, h.end - after.oldEnd) + SLACK : Number.MAX_SAFE_INTEGER;
    if (before && after && after.oldStart > before.oldStart) {
      const oldGap = after.oldStart - before.oldStart;
      const newGap = after.start - before.start;
      const into = h.start - before.oldStart;
      const expected = before.start + Math.round((into * newGap) / oldGap);
      const both = { start, end, expected, drift: MIN_DRIFT + Math.abs(newGap - oldGap) + WANDER * Math.min(into, oldGap - into), between: true };
      // A far landmark's shift says little about a highlight next to the other: the distance
      // from each landmark, edited by at most its share, bounds the start as well.
      return narrowest(both, fromOneSide(before, into, start, end), fromOneSide(after, h.start - after.oldStart, start, end));
    }
    // With a landmark on one side only (or none: the start of the text), the stored distance from it.
    const from = before ? before.oldStart : 0;
    const expected = (before ? before.start : 0) + (h.start - from);
    return { start, end, expected, drift: MIN_DRIFT + DRIFT_SHARE * (h.start - from), between: false };
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

/**
 * Where a highlight `offset` (stored code points; negative: before it) from a landmark can
 * start now, from that landmark alone: a share of the distance, plus room for one long
 * insertion next to a close neighbour.
 */
function fromOneSide(landmark: Landmark, offset: number, start: number, end: number): Neighbourhood {
  return { start, end, expected: landmark.start + offset, drift: SLACK + DRIFT_SHARE * Math.abs(offset), between: true };
}

/**
 * The stretch every estimate allows, as one expected start and drift. Estimates that exclude
 * each other mean a landmark's passage moved (text cut and pasted elsewhere): the tightest
 * estimate is then the likeliest, and a place away from it is not taken without review anyway.
 */
function narrowest(first: Neighbourhood, ...others: Neighbourhood[]): Neighbourhood {
  let low = first.expected - first.drift;
  let high = first.expected + first.drift;
  for (const o of others) {
    const [l, h] = [Math.max(low, o.expected - o.drift), Math.min(high, o.expected + o.drift)];
    if (l > h) return [first, ...others].reduce((a, b) => (b.drift < a.drift ? b : a));
    [low, high] = [l, h];
  }
  return { ...first, expected: Math.round((low + high) / 2), drift: Math.max(MIN_DRIFT, Math.ceil((high - low) / 2)) };
}
