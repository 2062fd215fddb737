/**
 * Geometry shared by the sentiment line and the stage columns: the line's point for a
 * stage sits over the middle of its column, so both are laid out from one Layout (the
 * stylesheet gets the column width as a CSS variable). Columns shrink to fit the whole
 * journey in view when they can — the low point must be seen without scrolling — down to
 * a width a quote still reads at; past that the map scrolls sideways.
 */

/** Room left of the first column for the scale's labels. */
export const GUTTER = 38;
export const GAP = 10;
const MIN_COLUMN = 160;
const MAX_COLUMN = 270;
/** Height of a pool card: pool cards are clamped to it, so the pool is virtualised by arithmetic. */
export const POOL_ROW = 100;

export interface Layout {
  column: number;
  left(index: number): number;
  center(index: number): number;
  /** Width of the chart and the row of columns. */
  width: number;
}

export function layoutFor(available: number, stages: number): Layout {
  const n = Math.max(stages, 1);
  const fit = Math.floor((available - GUTTER - 8) / n) - GAP;
  const column = Math.max(MIN_COLUMN, Math.min(MAX_COLUMN, fit));
  const left = (i: number) => GUTTER + i * (column + GAP);
  return { column, left, center: (i) => left(i) + column / 2, width: left(n) + 8 - GAP };
}

export function applyLayout(root: HTMLElement, layout: Layout): void {
  root.style.setProperty('--gutter', `${GUTTER}px`);
  root.style.setProperty('--column', `${layout.column}px`);
  root.style.setProperty('--gap', `${GAP}px`);
  root.style.setProperty('--pool-row', `${POOL_ROW}px`);
}
