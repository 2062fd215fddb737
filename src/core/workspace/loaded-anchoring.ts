/**
 * The anchoring outcome of every highlight, as a load makes it (`Workspace.anchoring`). Nearly
 * every highlight of a study that was loaded before is simply anchored where it was stored: its
 * outcome says nothing the highlight does not, so the highlight itself is kept and the outcome
 * made when asked for. A warm load of 200,000 highlights made and kept 200,000 such outcomes,
 * for the checks to find the few that were not anchored.
 */
import type { AnchorResult } from '../anchoring/anchor';
import type { Highlight } from '../model';

export const UNCHANGED_REASON = 'unchanged at its position';

export class LoadedAnchoring implements ReadonlyMap<string, AnchorResult> {
  /** By highlight id, in the order set: an outcome, or the highlight when it is simply anchored where stored. */
  private readonly byId = new Map<string, AnchorResult | Highlight>();

  set(result: AnchorResult): void {
    this.byId.set(result.id, result);
  }

  /** The highlight is anchored where it was stored, unchanged. */
  setUnchanged(highlight: Highlight): void {
    this.byId.set(highlight.id, highlight);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): AnchorResult | undefined {
    const v = this.byId.get(id);
    return v === undefined ? undefined : outcome(v);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  *entries(): MapIterator<[string, AnchorResult]> {
    for (const [id, v] of this.byId) yield [id, outcome(v)];
  }

  keys(): MapIterator<string> {
    return this.byId.keys();
  }

  *values(): MapIterator<AnchorResult> {
    for (const v of this.byId.values()) yield outcome(v);
  }

  forEach(visit: (value: AnchorResult, key: string, map: ReadonlyMap<string, AnchorResult>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) visit.call(thisArg, v, k, this);
  }

  [Symbol.iterator](): MapIterator<[string, AnchorResult]> {
    return this.entries();
  }
}

function isOutcome(v: AnchorResult | Highlight): v is AnchorResult {
  return 'state' in v;
}

function outcome(v: AnchorResult | Highlight): AnchorResult {
  return isOutcome(v) ? v : { id: v.id, state: 'anchored', start: v.start, end: v.end, quote: v.quote, confidence: 1, reason: UNCHANGED_REASON };
}
