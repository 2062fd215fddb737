/**
 * Scrolling while dragging: holding a card near the edge of a scrolling area pans it, faster
 * the closer the pointer is to the edge, so every theme of a wide board and every slot of a
 * long column can be reached without letting go or turning the mouse wheel mid-drag.
 */

/**
 * A strip along which dragging pans one element on one axis: `start` and `end` are the
 * viewport coordinates of the visible stretch (for the board: from the right edge of the
 * pinned Unsorted column to the board's right edge).
 */
export interface PanArea {
  el: HTMLElement;
  axis: 'x' | 'y';
  start: number;
  end: number;
}

/** How far from an edge panning starts, in pixels. */
export const PAN_EDGE = 56;
/** The fastest pan, in pixels per frame (at or past the edge). */
export const PAN_MAX = 22;

/**
 * Pixels to pan this frame with the pointer at `at` on an axis whose visible stretch is
 * [start, end]: negative towards the start, positive towards the end, 0 away from the edges.
 * Speed grows linearly from nothing at PAN_EDGE pixels from an edge to PAN_MAX at it.
 */
export function panSpeed(at: number, start: number, end: number, edge = PAN_EDGE, max = PAN_MAX): number {
  const zone = Math.min(edge, (end - start) / 3); // a narrow area keeps a middle where nothing pans
  if (zone <= 0) return 0;
  const ramp = (distance: number) => Math.ceil(max * Math.min(1, Math.max(0, (zone - distance) / zone)));
  if (at < start + zone) return -ramp(at - start);
  if (at > end - zone) return ramp(end - at);
  return 0;
}

/**
 * Pans the areas under the pointer on every animation frame while a drag lasts; `moved` runs
 * after a frame that scrolled something, so the drop indicator follows the content.
 */
export class AutoPan {
  private frame: number | undefined;
  private x = 0;
  private y = 0;

  constructor(
    private readonly areas: (x: number, y: number) => PanArea[],
    private readonly moved: () => void,
  ) {}

  pointerAt(x: number, y: number): void {
    this.x = x;
    this.y = y;
    this.frame ??= requestAnimationFrame(this.tick);
  }

  stop(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  private readonly tick = (): void => {
    let scrolled = false;
    for (const area of this.areas(this.x, this.y)) {
      const speed = panSpeed(area.axis === 'x' ? this.x : this.y, area.start, area.end);
      if (speed === 0) continue;
      const before = area.axis === 'x' ? area.el.scrollLeft : area.el.scrollTop;
      if (area.axis === 'x') area.el.scrollLeft += speed;
      else area.el.scrollTop += speed;
      scrolled ||= (area.axis === 'x' ? area.el.scrollLeft : area.el.scrollTop) !== before;
    }
    if (scrolled) this.moved();
    this.frame = requestAnimationFrame(this.tick);
  };
}
