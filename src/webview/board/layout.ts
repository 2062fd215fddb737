/** Geometry shared by the board and dragging. */

/**
 * Height of a card slot in pixels, for each card size: cards are clamped to it, so a column
 * can be virtualised by arithmetic. Roomy cards show three lines of quote and their tags on
 * a line of their own; compact ones two lines, with who said it and the tags on one line,
 * so a pile of 120 survey comments shows about twice as many at a time.
 */
export const ROWS = { roomy: 128, compact: 74 } as const;

export type Density = keyof typeof ROWS;

/** Unset, the board turns compact once Unsorted holds this many cards. */
export const COMPACT_FROM = 100;

/** Where a drag would drop: a column (its scrolling body), a slot in it and the card now there. */
export interface DropTarget<C extends { body: HTMLElement } = { body: HTMLElement }> {
  column: C;
  slot: number;
  before?: string;
}
