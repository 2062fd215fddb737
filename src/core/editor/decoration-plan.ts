/**
 * What to paint in a transcript editor: each placed highlight coloured by its first tag's
 * codebook colour, grouped by colour so an editor needs one decoration type per colour;
 * `fuzzy` ones also get a dashed outline, `orphaned` ones are not painted (they are in
 * Problems). Pure, so the benchmark can measure exactly what the extension runs.
 */
import type { AnchorResult } from '../anchoring/anchor';
import type { Highlight } from '../model';
import type { Workspace } from '../workspace/workspace';
import type { EditorRange, TextPositions } from './text-positions';

/** A highlight with where it is now (its anchoring result, when it has one). */
export interface PlacedHighlight {
  readonly highlight: Highlight;
  readonly source: string;
  readonly result: AnchorResult | undefined;
}

/**
 * The highlights of one transcript with their current places, in text order: `placeOf` says
 * where each is now (the study service's live places in an open editor), else as loaded.
 */
export function placedHighlights(ws: Workspace, source: string, placeOf: (id: string) => AnchorResult | undefined = (id) => ws.anchoring.get(id)): PlacedHighlight[] {
  const out: PlacedHighlight[] = [];
  for (const file of ws.highlightFiles.values()) {
    if (file.source !== source) continue;
    for (const h of file.highlights) out.push({ highlight: h, source, result: placeOf(h.id) });
  }
  return out.sort((a, b) => (a.result?.start ?? a.highlight.start) - (b.result?.start ?? b.highlight.start));
}

export interface PaintedRange {
  id: string;
  range: EditorRange;
  state: AnchorResult['state'];
}

export interface DecorationPlan {
  /** Colour (`#rrggbb`, or undefined for a tag without one) → ranges, in text order. */
  byColor: Map<string | undefined, PaintedRange[]>;
  fuzzy: PaintedRange[];
  /** Everything painted, in text order. */
  painted: PaintedRange[];
}

export function planDecorations(placed: readonly PlacedHighlight[], colorOfTag: (tagId: string) => string | undefined, positions: TextPositions): DecorationPlan {
  const plan: DecorationPlan = { byColor: new Map(), fuzzy: [], painted: [] };
  for (const { highlight, result } of placed) {
    if (!result || result.state === 'orphaned') continue;
    const painted: PaintedRange = { id: highlight.id, range: positions.rangeOf(result.start, result.end), state: result.state };
    const color = colorOfTag(highlight.tags[0] ?? '');
    let group = plan.byColor.get(color);
    if (!group) plan.byColor.set(color, (group = []));
    group.push(painted);
    plan.painted.push(painted);
    if (result.state === 'fuzzy') plan.fuzzy.push(painted);
  }
  return plan;
}
