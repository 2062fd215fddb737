/**
 * A heatmap of counts that stays fast at 300 tags × 500 participants: the counts live in
 * typed arrays, only the non-empty cells in view are elements (redrawn on scroll, once per
 * frame), and the headers stay in place (they move with the scroll by a transform). A cell's
 * shade is one of six levels of the theme's chart colour; its count is always written in it.
 * Keyboard: the grid takes the focus, arrows move the active cell, Enter opens it.
 */
import type { MatrixKindView, MatrixMessage } from '../../protocol/analysis';
import { el, plural } from './dom';

const CELL_H = 26;
const OVERSCAN = 3;
const LEVELS = 6;

export interface HeatmapCallbacks {
  open(row: number, column: number): void;
  rendered(): void;
}

export class Heatmap {
  readonly element = el('div', 'heatmap');
  private readonly corner = el('div', 'corner');
  private readonly colHeads = el('div', 'col-heads');
  private readonly colTrack = el('div', 'col-track');
  private readonly rowHeads = el('div', 'row-heads');
  private readonly rowTrack = el('div', 'row-track');
  private readonly body = el('div', 'cells');
  private readonly sizer = el('div', 'sizer');
  /** The keyboard's place, drawn over empty cells too. */
  private readonly cursor = el('div', 'cursor');
  private head: MatrixMessage | undefined;
  private counts = new Uint32Array(0);
  private people = new Uint32Array(0);
  private cellW = 40;
  private frame = 0;
  /** Cells mounted now, by row × columns + column. */
  private mounted = new Map<number, HTMLElement>();
  selected: { row: number; column: number } | undefined;
  private active = { row: 0, column: 0 };

  constructor(private readonly callbacks: HeatmapCallbacks) {
    this.colHeads.append(this.colTrack);
    this.rowHeads.append(this.rowTrack);
    this.sizer.append(this.cursor);
    this.body.append(this.sizer);
    this.body.addEventListener('focus', () => this.placeCursor());
    this.body.addEventListener('blur', () => this.placeCursor());
    this.body.tabIndex = 0;
    this.body.setAttribute('role', 'grid');
    this.element.append(this.corner, this.colHeads, this.rowHeads, this.body);
    this.body.addEventListener('scroll', () => this.schedule());
    window.addEventListener('resize', () => this.schedule());
    this.body.addEventListener('click', (e) => {
      const cell = (e.target as HTMLElement).closest<HTMLElement>('.cell');
      if (cell) this.open(Number(cell.dataset.row), Number(cell.dataset.col));
    });
    this.body.addEventListener('keydown', (e) => this.onKey(e));
  }

  get mountedCells(): number {
    return this.mounted.size;
  }

  /** A new matrix: its axes now, its cells as they arrive. */
  setMatrix(head: MatrixMessage): void {
    this.head = head;
    const size = head.rows.length * head.columns.length;
    this.counts = new Uint32Array(size);
    this.people = new Uint32Array(size);
    this.cellW = head.kind === 'tag-attribute' ? 112 : 40;
    this.element.dataset.kind = head.kind;
    this.element.style.setProperty('--cell-w', `${this.cellW}px`);
    this.element.style.setProperty('--cell-h', `${CELL_H}px`);
    // Column headings stand upright (except attribute values): as tall as the longest needs, within bounds.
    const longest = Math.max(0, ...head.columns.map(([, label]) => label.length));
    this.element.style.setProperty('--col-head', head.kind === 'tag-attribute' ? '44px' : `${Math.min(160, Math.max(48, longest * 7 + 16))}px`);
    this.body.setAttribute('aria-label', `${head.title}: ${plural(head.rows.length, 'tag')} by ${plural(head.columns.length, columnNoun(head.kind))}. Arrow keys move, Enter lists the quotes.`);
    this.corner.replaceChildren(el('span', 'corner-rows', 'Tags ↓'), el('span', 'corner-columns', `${columnTitle(head)} →`));
    this.sizer.style.width = `${head.columns.length * this.cellW}px`;
    this.sizer.style.height = `${head.rows.length * CELL_H}px`;
    this.colTrack.replaceChildren(
      ...head.columns.map(([id, label], c) => {
        const h = el('div', 'col-head', label);
        h.title = label === id ? label : `${label} (${id})`;
        h.style.left = `${c * this.cellW}px`;
        h.dataset.col = String(c);
        return h;
      }),
    );
    this.colTrack.style.width = `${head.columns.length * this.cellW}px`;
    this.rowTrack.replaceChildren(
      ...head.rows.map(([id, label], r) => {
        const h = el('div', 'row-head', label);
        h.title = label === id ? label : `${label} (${id})`;
        h.style.top = `${r * CELL_H}px`;
        h.dataset.row = String(r);
        return h;
      }),
    );
    this.rowTrack.style.height = `${head.rows.length * CELL_H}px`;
    for (const node of this.mounted.values()) node.remove();
    this.mounted.clear();
    this.sizer.replaceChildren(this.cursor);
    this.active = { row: Math.min(this.active.row, Math.max(0, head.rows.length - 1)), column: Math.min(this.active.column, Math.max(0, head.columns.length - 1)) };
    this.schedule();
  }

  /** Flat quadruples: row, column, highlights, participants. */
  addCells(cells: readonly number[]): void {
    const cols = this.head?.columns.length ?? 0;
    for (let i = 0; i + 3 < cells.length; i += 4) {
      const at = cells[i]! * cols + cells[i + 1]!;
      this.counts[at] = cells[i + 2]!;
      this.people[at] = cells[i + 3]!;
    }
    // Cells already mounted keep their count: redraw them all once.
    for (const node of this.mounted.values()) node.remove();
    this.mounted.clear();
    this.schedule();
  }

  countAt(row: number, column: number): number {
    return this.counts[row * (this.head?.columns.length ?? 0) + column] ?? 0;
  }

  select(cell: { row: number; column: number } | undefined): void {
    this.selected = cell;
    if (cell) this.active = { ...cell };
    this.placeCursor();
    for (const h of this.colTrack.children as HTMLCollectionOf<HTMLElement>) h.classList.toggle('on', Number(h.dataset.col) === cell?.column);
    for (const h of this.rowTrack.children as HTMLCollectionOf<HTMLElement>) h.classList.toggle('on', Number(h.dataset.row) === cell?.row);
    for (const node of this.mounted.values()) this.decorate(node);
  }

  private open(row: number, column: number): void {
    this.select({ row, column });
    this.callbacks.open(row, column);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Mounts the non-empty cells in view (and a few around), unmounts the rest. */
  private draw(): void {
    const head = this.head;
    if (!head) return;
    const { scrollLeft, scrollTop } = this.body;
    this.colTrack.style.transform = `translateX(${-scrollLeft}px)`;
    this.rowTrack.style.transform = `translateY(${-scrollTop}px)`;
    const cols = head.columns.length;
    const r0 = Math.max(0, Math.floor(scrollTop / CELL_H) - OVERSCAN);
    const r1 = Math.min(head.rows.length, Math.ceil((scrollTop + (this.body.clientHeight || window.innerHeight)) / CELL_H) + OVERSCAN);
    const c0 = Math.max(0, Math.floor(scrollLeft / this.cellW) - OVERSCAN);
    const c1 = Math.min(cols, Math.ceil((scrollLeft + (this.body.clientWidth || window.innerWidth)) / this.cellW) + OVERSCAN);
    for (const [at, node] of this.mounted) {
      const r = Math.floor(at / cols);
      const c = at % cols;
      if (r < r0 || r >= r1 || c < c0 || c >= c1) {
        node.remove();
        this.mounted.delete(at);
      }
    }
    const fresh: HTMLElement[] = [];
    for (let r = r0; r < r1; r++) {
      for (let c = c0; c < c1; c++) {
        const at = r * cols + c;
        const n = this.counts[at]!;
        if (n === 0 || this.mounted.has(at)) continue;
        const node = this.cell(r, c, n, this.people[at]!);
        this.mounted.set(at, node);
        fresh.push(node);
      }
    }
    this.sizer.append(...fresh);
    this.callbacks.rendered();
  }

  private cell(row: number, column: number, n: number, people: number): HTMLElement {
    const head = this.head!;
    const level = Math.max(1, Math.ceil((n / Math.max(1, head.max)) * LEVELS));
    const node = el('div', `cell l${level}`, String(n));
    node.dataset.row = String(row);
    node.dataset.col = String(column);
    node.style.left = `${column * this.cellW}px`;
    node.style.top = `${row * CELL_H}px`;
    node.setAttribute('role', 'gridcell');
    // Across people, one voice is not a pattern: such cells are marked (not for tag × participant, where every cell is one).
    if (people === 1 && head.kind !== 'tag-participant') node.classList.add('one-voice');
    if (head.kind === 'tag-tag' && row === column) node.classList.add('diagonal');
    node.title = `${head.rows[row]![1]} × ${head.columns[column]![1]}: ${plural(n, 'highlight')} from ${plural(people, 'participant')}`;
    this.decorate(node);
    return node;
  }

  private decorate(node: HTMLElement): void {
    const row = Number(node.dataset.row);
    const column = Number(node.dataset.col);
    const on = this.selected?.row === row && this.selected.column === column;
    node.classList.toggle('selected', on);
    node.setAttribute('aria-selected', String(on));
  }

  private onKey(e: KeyboardEvent): void {
    const head = this.head;
    if (!head) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      this.active = { row: clamp(this.active.row + move[0], head.rows.length), column: clamp(this.active.column + move[1], head.columns.length) };
      this.scrollIntoView(this.active.row, this.active.column);
      this.placeCursor();
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.open(this.active.row, this.active.column);
    }
  }

  private placeCursor(): void {
    // Not over the open cell, which has its own outline.
    const onSelected = this.selected?.row === this.active.row && this.selected.column === this.active.column;
    const on = document.activeElement === this.body && !!this.head?.rows.length && !onSelected;
    this.cursor.hidden = !on;
    this.cursor.style.left = `${this.active.column * this.cellW}px`;
    this.cursor.style.top = `${this.active.row * CELL_H}px`;
  }

  private scrollIntoView(row: number, column: number): void {
    const b = this.body;
    const top = row * CELL_H;
    const left = column * this.cellW;
    if (top < b.scrollTop) b.scrollTop = top;
    else if (top + CELL_H > b.scrollTop + b.clientHeight) b.scrollTop = top + CELL_H - b.clientHeight;
    if (left < b.scrollLeft) b.scrollLeft = left;
    else if (left + this.cellW > b.scrollLeft + b.clientWidth) b.scrollLeft = left + this.cellW - b.clientWidth;
    this.schedule();
  }
}

function clamp(n: number, size: number): number {
  return Math.max(0, Math.min(size - 1, n));
}

/** What a matrix's columns are: one (`participant`), their heading, and what puts a highlight in one. */
const COLUMNS: Record<MatrixKindView, { noun: string; title: string; placed: string }> = {
  'tag-participant': { noun: 'participant', title: 'Participants', placed: 'from the column’s participant' },
  'tag-attribute': { noun: 'value', title: 'Values', placed: 'from the column’s participants' },
  'tag-tag': { noun: 'tag', title: 'Tags', placed: 'and the column’s tag' },
  'tag-week': { noun: 'week', title: 'Weeks of the study', placed: 'dated in the column’s week (a diary entry’s date, else its source’s)' },
  'tag-phase': { noun: 'phase', title: 'Phases', placed: 'dated in the column’s phase' },
  'tag-kind': { noun: 'kind', title: 'Kinds of source', placed: 'in sources of the column’s kind' },
};

export function columnNoun(kind: MatrixKindView): string {
  return COLUMNS[kind].noun;
}

/** `from the column’s participant`: how a highlight gets into a column, for the note under a matrix. */
export function columnPlacement(kind: MatrixKindView): string {
  return COLUMNS[kind].placed;
}

function columnTitle(head: MatrixMessage): string {
  return head.kind === 'tag-attribute' ? (head.attribute ?? 'Values') : COLUMNS[head.kind].title;
}
