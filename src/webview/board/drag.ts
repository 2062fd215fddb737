/**
 * Dragging cards with pointer events (not HTML5 drag and drop, whose data transfer and
 * ghost images behave differently across webview hosts): a press that moves more than a
 * few pixels becomes a drag with a label following the pointer and an insertion line in
 * the column under it; a press that does not move is a click.
 */
import { ROW, type DropTarget } from './layout';

export interface DragHandlers {
  onClick(e: PointerEvent): void;
  canDrag(): boolean;
  dragged(): { ids: string[]; label: string };
  target(x: number, y: number): DropTarget | undefined;
  drop(ids: string[], target: DropTarget): void;
}

const THRESHOLD = 5;

export function startDrag(down: PointerEvent, handlers: DragHandlers): void {
  let drag: { ids: string[]; ghost: HTMLElement; line: HTMLElement; target?: DropTarget } | undefined;
  const move = (e: PointerEvent) => {
    if (!drag) {
      if (!handlers.canDrag() || Math.hypot(e.clientX - down.clientX, e.clientY - down.clientY) < THRESHOLD) return;
      const { ids, label } = handlers.dragged();
      const ghost = document.createElement('div');
      ghost.className = 'drag-ghost';
      ghost.textContent = `Moving ${label}`;
      const line = document.createElement('div');
      line.className = 'drop-line';
      document.body.append(ghost);
      document.body.classList.add('dragging');
      drag = { ids, ghost, line };
    }
    drag.ghost.style.transform = `translate(${e.clientX + 12}px, ${e.clientY + 12}px)`;
    drag.target = handlers.target(e.clientX, e.clientY);
    if (drag.target) {
      drag.line.style.top = `${drag.target.slot * ROW - 4}px`;
      if (drag.line.parentElement !== drag.target.column.body) drag.target.column.body.append(drag.line);
    } else drag.line.remove();
  };
  const up = (e: PointerEvent) => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    window.removeEventListener('pointercancel', cancel);
    if (!drag) return handlers.onClick(e);
    finish();
    const target = handlers.target(e.clientX, e.clientY);
    if (target) handlers.drop(drag.ids, target);
  };
  const finish = () => {
    drag?.ghost.remove();
    drag?.line.remove();
    document.body.classList.remove('dragging');
  };
  const cancel = () => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    window.removeEventListener('pointercancel', cancel);
    finish();
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
  window.addEventListener('pointercancel', cancel);
}
