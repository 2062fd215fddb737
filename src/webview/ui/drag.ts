/**
 * Dragging cards with pointer events (not HTML5 drag and drop, whose data transfer and
 * ghost images behave differently across webview hosts): a press that moves more than a
 * few pixels becomes a drag with a label following the pointer, and the view shows where
 * the cards would land; a press that does not move is a click. Shared by the webviews
 * (the board, the journey map); styles in media/ui/drag.css.
 */

export interface DragHandlers<T> {
  onClick(e: PointerEvent): void;
  canDrag(): boolean;
  dragged(): { ids: string[]; label: string };
  /** What is under the pointer, if the cards can be dropped there. */
  target(x: number, y: number): T | undefined;
  /** Shows where a drop would land (an insertion line, a marked column); undefined clears it. */
  indicate(target: T | undefined): void;
  drop(ids: string[], target: T): void;
}

const THRESHOLD = 5;

export function startDrag<T>(down: PointerEvent, handlers: DragHandlers<T>): void {
  let drag: { ids: string[]; ghost: HTMLElement } | undefined;
  const move = (e: PointerEvent) => {
    if (!drag) {
      if (!handlers.canDrag() || Math.hypot(e.clientX - down.clientX, e.clientY - down.clientY) < THRESHOLD) return;
      const { ids, label } = handlers.dragged();
      const ghost = document.createElement('div');
      ghost.className = 'drag-ghost';
      ghost.textContent = `Moving ${label}`;
      document.body.append(ghost);
      document.body.classList.add('dragging');
      drag = { ids, ghost };
    }
    drag.ghost.style.transform = `translate(${e.clientX + 12}px, ${e.clientY + 12}px)`;
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
