/**
 * The pool of candidate quotes beside the journey map: filters (words, tag, theme) and a
 * virtualised list. Cards are asked for a window at a time and only the rows in view are
 * mounted (cards are clamped to POOL_ROW, so positions are arithmetic), which keeps a
 * 50,000-highlight study as fast as a small one.
 */
import type { LabelView, PoolFilter, PoolMessage, QuoteCard, SnapshotMessage } from '../../protocol/journey';
import { button, dropdown, textField } from '../ui/components';
import { el } from '../ui/dom';
import { poolElement } from './cards';
import { post } from './host';
import { POOL_ROW } from './layout';

const OVERSCAN = 4;
const CHUNK = 100;

export interface PoolHandlers {
  /** A press on a card: a click or the start of a drag. */
  onPointerDown(e: PointerEvent, id: string): void;
  onFilter(filter: PoolFilter): void;
  onHide(): void;
  /** The mounted cards changed (for the rendered report). */
  onMount(): void;
}

export class CandidatePool {
  readonly el = el('aside', 'pool');
  private readonly head = el('div', 'pool-head');
  private readonly list = el('div', 'pool-list');
  private readonly spacer = el('div', 'spacer');
  private readonly hint = el('p', 'pool-hint');
  private snapshot: SnapshotMessage | undefined;
  private filter: PoolFilter = {};
  private tags = new Map<string, LabelView>();
  /** Loaded cards by slot (sparse). */
  private cards: (QuoteCard | undefined)[] = [];
  private readonly requested = new Set<number>();
  private readonly mounted = new Map<number, HTMLElement>();
  private headKey = '';

  constructor(private readonly handlers: PoolHandlers) {
    this.el.setAttribute('aria-label', 'Candidate quotes');
    this.list.setAttribute('role', 'list');
    this.list.setAttribute('aria-label', 'Candidate quotes to put on the journey');
    this.list.append(this.spacer);
    this.el.append(this.head, this.list, this.hint);
    this.list.addEventListener('scroll', () => this.mount());
    window.addEventListener('resize', () => this.mount());
  }

  /** A new snapshot: new filters if the tags or themes changed, and the list from the top of its windows. */
  show(snapshot: SnapshotMessage): void {
    this.snapshot = snapshot;
    this.filter = snapshot.filter;
    this.tags = new Map(snapshot.tags.map((t) => [t.id, t]));
    this.cards = [];
    this.requested.clear();
    this.renderHead();
    for (const node of this.mounted.values()) node.remove();
    this.mounted.clear();
    this.spacer.style.height = `${snapshot.poolSize * POOL_ROW}px`;
    this.mount();
  }

  receive(message: PoolMessage): void {
    if (message.revision !== this.snapshot?.revision) return;
    message.cards.forEach((c, i) => (this.cards[message.start + i] = c));
    this.mount();
  }

  /** The ids of the mounted cards, in order. */
  mountedIds(): string[] {
    return [...this.mounted.entries()].sort(([a], [b]) => a - b).map(([, n]) => n.dataset.id!);
  }

  firstCard(): HTMLElement | null {
    return this.list.querySelector<HTMLElement>('.candidate');
  }

  /** Moves the focus from a card to the one above or below it, scrolling it into view. */
  step(card: HTMLElement, delta: number): void {
    const slot = Number(card.dataset.slot) + delta;
    if (!this.snapshot || slot < 0 || slot >= this.snapshot.poolSize) return;
    if (slot * POOL_ROW < this.list.scrollTop) this.list.scrollTop = slot * POOL_ROW;
    else if ((slot + 1) * POOL_ROW > this.list.scrollTop + this.list.clientHeight) this.list.scrollTop = (slot + 1) * POOL_ROW - this.list.clientHeight;
    this.mount();
    this.mounted.get(slot)?.focus({ preventScroll: true });
  }

  private renderHead(): void {
    const s = this.snapshot!;
    const key = JSON.stringify([s.tags, s.themes]);
    if (key !== this.headKey) {
      this.headKey = key;
      const search = textField({ label: 'Search candidate quotes', placeholder: 'Search quotes…', value: this.filter.text ?? '', debounceMs: 200, onInput: (text) => this.setFilter({ ...this.filter, text }) });
      search.classList.add('search');
      const tag = dropdown({
        label: 'Candidates with tag',
        options: [{ value: '', label: 'All tags' }, ...s.tags.map((t) => ({ value: t.id, label: t.label }))],
        value: this.filter.tag ?? '',
        onChange: (v) => this.setFilter({ ...this.filter, tag: v }),
      });
      const theme = dropdown({
        label: 'Candidates in theme',
        options: [{ value: '', label: 'All themes' }, ...s.themes.map((t) => ({ value: t.id, label: t.label }))],
        value: this.filter.theme ?? '',
        onChange: (v) => this.setFilter({ ...this.filter, theme: v }),
      });
      const titleRow = el('div', 'pool-title-row');
      titleRow.append(el('h2', 'pool-title', 'Candidate quotes'), button('Hide', { appearance: 'icon', title: 'Hide the candidate quotes to see more of the journey', onClick: () => this.handlers.onHide() }));
      this.head.replaceChildren(titleRow, search, tag, theme, el('p', 'pool-count'));
    }
    const filtered = !!(this.filter.text?.trim() || this.filter.tag || this.filter.theme);
    this.head.querySelector('.pool-count')!.textContent = `${s.poolSize} ${s.poolSize === 1 ? 'quote' : 'quotes'} not on the journey${filtered ? ' match' : ''}`;
    this.hint.textContent = s.writable ? 'Drag a quote onto a stage, or focus it and press M. Click a quote to read it in its transcript.' : 'Read-only: trust this folder to change the journey.';
  }

  /** Empty fields are no filter. */
  private setFilter(filter: PoolFilter): void {
    this.filter = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as PoolFilter;
    this.handlers.onFilter(this.filter);
  }

  /** Mounts the cards in view (none while the pool is hidden), asking for missing windows. */
  mount(): void {
    const s = this.snapshot;
    if (!s) return;
    const size = this.el.hidden ? 0 : s.poolSize;
    const height = this.list.clientHeight || window.innerHeight;
    const first = Math.max(0, Math.floor(this.list.scrollTop / POOL_ROW) - OVERSCAN);
    const last = Math.min(size, Math.ceil((this.list.scrollTop + height) / POOL_ROW) + OVERSCAN);
    for (let chunk = Math.floor(first / CHUNK) * CHUNK; chunk < last; chunk += CHUNK) this.ask(chunk, CHUNK);
    for (const [slot, node] of this.mounted) {
      if (slot < first || slot >= last) {
        node.remove();
        this.mounted.delete(slot);
      }
    }
    for (let slot = first; slot < last; slot++) {
      const card = this.cards[slot];
      if (!card) {
        // A window cut short by the size limit: ask again from its first missing card.
        if (slot % CHUNK !== 0 && this.cards[slot - 1]) this.ask(slot, CHUNK - (slot % CHUNK));
        continue;
      }
      if (this.mounted.has(slot)) continue;
      const node = poolElement(card, this.tags, `candidate ${slot + 1} of ${size}`);
      node.style.top = `${slot * POOL_ROW}px`;
      node.dataset.slot = String(slot);
      node.addEventListener('pointerdown', (e) => this.handlers.onPointerDown(e, card.id));
      this.list.append(node);
      this.mounted.set(slot, node);
    }
    this.handlers.onMount();
  }

  private ask(start: number, count: number): void {
    if (this.cards[start] !== undefined || this.requested.has(start)) return;
    this.requested.add(start);
    post({ type: 'requestPool', revision: this.snapshot!.revision, start, count });
  }
}
