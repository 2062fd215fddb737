/** Geometry shared by the board and dragging. */

/** Height of a card slot in pixels: cards are clamped to it, so a column can be virtualised by arithmetic. */
export const ROW = 128;

/** Where a drag would drop: a column (its scrolling body), a slot in it and the card now there. */
export interface DropTarget<C extends { body: HTMLElement } = { body: HTMLElement }> {
  column: C;
  slot: number;
  before?: string;
}
