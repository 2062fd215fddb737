/**
 * Dragging cards with pointer events (not HTML5 drag and drop, whose data transfer and
 * ghost images behave differently across webview hosts): a press that moves more than a
 * few pixels becomes a drag with a label following the pointer, and the view shows where
 * the cards would land; a press that does not move is a click. Shared by the webviews
 * (the board, the journey map); styles in media/ui/drag.css.
 */
import { AutoPan, type PanArea } from './autopan';

export interface DragHandlers<T> {
  onClick(e: PointerEvent): void;
  canDrag(): boolean;
  dragged(): { ids: string[]; label: string };
  /** What is under the pointer, if the cards can be dropped there. */
  target(x: number, y: number): T | undefined;
  /** Shows where a drop would land (an insertion line, a marked column); undefined clears it. */
  indicate(target: T | undefined): void;
  drop(ids: string[], target: T): void;
  /** The areas that pan when the pointer is held near their edges during the drag (see ./autopan.ts). */
  panAreas?(x: number, y: number): PanArea[];
}

const THRESHOLD = 5;

export function startDrag<T>(down: PointerEvent, handlers: DragHandlers<T>): void {
  let drag: { ids: string[]; ghost: HTMLElement; pan: AutoPan | undefined } | undefined;
  let last = { x: down.clientX, y: down.clientY };
  const panAreas = handlers.panAreas?.bind(handlers);
  const move = (e: PointerEvent) => {
    if (!drag) {
      if (!handlers.canDrag() || Math.hypot(e.clientX - down.clientX, e.clientY - down.clientY) < THRESHOLD) return;
      const { ids, label } = handlers.dragged();
      const ghost = document.createElement('div');
      ghost.className = 'drag-ghost';
      ghost.textContent = `Moving ${label}`;
      document.body.append(ghost);
      document.body.classList.add('dragging');
      // Panning moves the content under a still pointer: the indicator follows what is now there.
      const pan = panAreas && new AutoPan(panAreas, () => handlers.indicate(handlers.target(last.x, last.y)));
      drag = { ids, ghost, pan };
    }
    last = { x: e.clientX, y: e.clientY };
    drag.ghost.style.transform = `translate(${e.clientX + 12}px, ${e.clientY + 12}px)`;
    drag.pan?.pointerAt(e.clientX, e.clientY);
    handlers.indicate(handlers.target(e.clientX, e.clientY));
  };
  const up = (e: PointerEvent) => {
    stop();
    if (!drag) return handlers.onClick(e);
    const target = handlers.target(e.clientX, e.clientY);
    if (target !== undefined) handlers.drop(drag.ids, target);
  };
  const stop = () => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    window.removeEventListener('pointercancel', stop);
    drag?.pan?.stop();
    drag?.ghost.remove();
    handlers.indicate(undefined);
    document.body.classList.remove('dragging');
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
  window.addEventListener('pointercancel', stop);
}

/** An insertion line inside a scrolling list, `top` pixels from the top of its content. */
export class InsertionLine {
  private readonly line = Object.assign(document.createElement('div'), { className: 'drop-line' });

  show(list: HTMLElement, top: number): void {
    this.line.style.top = `${top}px`;
    if (this.line.parentElement !== list) list.append(this.line);
  }

  hide(): void {
    this.line.remove();
  }
}
