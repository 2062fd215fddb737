/**
 * Geometry shared by the sentiment line and the stage columns: the line's point for a
 * stage sits over the middle of its column, so both are laid out from these numbers (the
 * stylesheet gets them as CSS variables).
 */

/** Room left of the first column for the scale's labels. */
export const GUTTER = 44;
export const COLUMN = 248;
export const GAP = 14;
/** Height of a pool card: pool cards are clamped to it, so the pool is virtualised by arithmetic. */
export const POOL_ROW = 100;

export function stageLeft(index: number): number {
  return GUTTER + index * (COLUMN + GAP);
}

export function stageCenter(index: number): number {
  return stageLeft(index) + COLUMN / 2;
}

export function trackWidth(stages: number): number {
  return stageLeft(Math.max(stages, 1)) + 8;
}

export function applyLayout(root: HTMLElement): void {
  root.style.setProperty('--gutter', `${GUTTER}px`);
  root.style.setProperty('--column', `${COLUMN}px`);
  root.style.setProperty('--gap', `${GAP}px`);
  root.style.setProperty('--pool-row', `${POOL_ROW}px`);
}
