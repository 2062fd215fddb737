/**
 * The affinity board webview. It shows the snapshot the extension sends, asks for the
 * cards it can see a window at a time, and sends intents back; it never changes a file
 * itself. Columns are virtualised both ways (only columns in view mount cards, and only
 * the rows in view), so a 50,000-card study mounts a few dozen cards.
 */
import { DEFAULT_UI_STATE, type CardView, type ColumnView, type HostMessage, type ProposalView, type SnapshotMessage, type TagView, type UiState } from '../../protocol/board';
import { badge, button, dropdown, registerComponents, textField } from '../ui/components';
import { cardElement, setExpanded } from './card';
import type { PanArea } from '../ui/autopan';
import { InsertionLine, startDrag } from '../ui/drag';
import { onMessage, post, savedState, saveState } from './host';
import { COMPACT_FROM, ROWS, type Density, type DropTarget } from './layout';
import { el } from '../ui/dom';
import { Peek } from '../ui/peek';
const OVERSCAN = 4;
const CHUNK = 100;
/** Height of a card slot now (see layout.ts): set by the card size shown. */
let ROW: number = ROWS.roomy;

interface ColumnEls {
  view: ColumnView;
  el: HTMLElement;
  body: HTMLElement;
  /** Mounted card elements by slot. */
  mounted: Map<number, HTMLElement>;
}

let snapshot: SnapshotMessage | undefined;
let ui: UiState = { ...DEFAULT_UI_STATE };
/** Loaded cards per column key, by slot (sparse). */
let loaded = new Map<string, (CardView | undefined)[]>();
const requested = new Set<string>();
let columns: ColumnEls[] = [];
let tags = new Map<string, TagView>();
let proposals: ProposalView[] = [];
/** Where shift-selection extends from. */
let anchor: string | undefined;
let selectionColumn: string | undefined;
/** Cards showing their whole quote. */
const expanded = new Set<string>();

const root = document.getElementById('root')!;
const toolbar = el('header', 'toolbar');
const proposalBar = el('section', 'proposals');
const board = el('main', 'board');
const status = el('div', 'status');
status.setAttribute('role', 'status');
status.setAttribute('aria-live', 'polite');
board.setAttribute('aria-label', 'Affinity board');
// A click on a card shows its passage in context here, over the board, which keeps its layout.
const peek = new Peek({ open: (id) => post({ type: 'reveal', id }), changed: () => scheduleReport(), below: toolbar });
root.append(toolbar, proposalBar, board, status, peek.el);

const restored = savedState();
if (isUiState(restored)) ui = restored as UiState;
registerComponents();
onMessage(receive);
post({ type: 'ready', ...(isUiState(restored) ? { state: ui } : {}) });

board.addEventListener('scroll', () => {
  ui.scroll[''] = board.scrollLeft;
  persist();
  mountAll();
});
// The board's height changes with the window and with the suggestions folded, unfolded or resized above it.
new ResizeObserver(() => mountAll()).observe(board);
board.addEventListener('keydown', onKey);

function isUiState(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'groupBy' in value && 'filter' in value;
}

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'snapshot':
      snapshot = message;
      ui.groupBy = message.groupBy;
      ui.filter = message.filter;
      loaded = new Map();
      requested.clear();
      tags = new Map(message.tags.map((t) => [t.id, t]));
      applyDensity();
      renderToolbar();
      renderColumns();
      return;
    case 'cards': {
      if (message.revision !== snapshot?.revision) return;
      const slots = loaded.get(message.column) ?? [];
      message.cards.forEach((c, i) => (slots[message.start + i] = c));
      loaded.set(message.column, slots);
      const col = columns.find((c) => c.view.key === message.column);
      if (col) mount(col);
      return;
    }
    case 'proposals':
      proposals = message.proposals;
      renderProposals();
      say(proposals.length ? `${proposals.filter((p) => !(ui.dismissed ?? []).includes(p.key)).length} suggested clusters` : 'No clusters to suggest among the unsorted cards.');
      return;
    case 'notice':
      say(message.message);
      return;
    case 'context':
      peek.show(message.context);
      return;
  }
}

// ---------------------------------------------------------------------------------------
// Toolbar: group by, filters, actions

let toolbarKey = '';

function renderToolbar(): void {
  const s = snapshot!;
  const key = JSON.stringify([s.tags, s.participants, s.attributes, s.attributeValues, s.dimensions, s.writable, ui.groupBy, densityShown()]);
  if (key === toolbarKey) return renderCounts();
  toolbarKey = key;
  toolbar.replaceChildren();
  const groupValue = ui.groupBy.kind === 'attribute' ? `attribute:${ui.groupBy.attribute}` : ui.groupBy.kind;
  const groupOptions = [
    { value: 'theme', label: 'Group by theme' },
    { value: 'tag', label: 'Group by tag' },
    { value: 'participant', label: 'Group by participant' },
    ...s.attributes.map((a) => ({ value: `attribute:${a}`, label: `Group by ${a}` })),
    // When and from what kind of source: offered where the study has weeks, phases, kinds.
    ...(s.dimensions.week.length ? [{ value: 'week', label: 'Group by week of the study' }] : []),
    ...(s.dimensions.phase.length ? [{ value: 'phase', label: 'Group by phase' }] : []),
    ...(s.dimensions.kind.length ? [{ value: 'kind', label: 'Group by kind of source' }] : []),
    { value: 'transcript', label: 'Group by transcript' },
  ];
  const group = dropdown({
    label: 'Group cards by',
    options: groupOptions,
    value: groupValue,
    onChange: (v) => view(v.startsWith('attribute:') ? { kind: 'attribute', attribute: v.slice('attribute:'.length) } : ({ kind: v } as UiState['groupBy'])),
  });
  const search = textField({
    label: 'Search quotes and memos',
    placeholder: 'Search quotes and memos…',
    value: ui.filter.text ?? '',
    debounceMs: 200,
    onInput: (text) => view(ui.groupBy, { ...ui.filter, text }),
  });
  search.classList.add('search');
  search.title = 'Words, "phrases", tag:id, participant:P07, an attribute (age-band:65+), week:2, phase:baseline, kind:diary; - before any leaves it out';
  const tagFilter = dropdown({
    label: 'Show cards with tag',
    options: [{ value: '', label: 'All tags' }, ...s.tags.map((t) => ({ value: t.id, label: t.label }))],
    value: ui.filter.tags?.[0] ?? '',
    onChange: (v) => view(ui.groupBy, { ...ui.filter, tags: v ? [v] : [] }),
  });
  const personFilter = dropdown({
    label: 'Show cards from participant',
    options: [{ value: '', label: 'All participants' }, ...s.participants.map((p) => ({ value: p, label: p }))],
    value: ui.filter.participants?.[0] ?? '',
    onChange: (v) => view(ui.groupBy, { ...ui.filter, participants: v ? [v] : [] }),
  });
  // One dropdown for every participant attribute: `age-band: 65+`, … (value: name NUL value).
  const chosen =
    Object.entries(ui.filter.attributes ?? {})
      .find(([, v]) => v.length)
      ?.flatMap((x) => x) ?? [];
  const attributeFilter = dropdown({
    label: 'Show cards from participants with',
    options: [{ value: '', label: 'Any attributes' }, ...s.attributes.flatMap((a) => (s.attributeValues[a] ?? []).map((v) => ({ value: `${a}\u0000${v}`, label: `${a}: ${v}` })))],
    value: chosen.length ? `${chosen[0]}\u0000${chosen[1]}` : '',
    onChange: (v) => {
      const [name, value] = v.split('\u0000');
      view(ui.groupBy, { ...ui.filter, attributes: name && value !== undefined ? { [name]: [value] } : {} });
    },
  });
  const whenFilter = dimensionFilter(s);
  const actions = el('div', 'actions');
  if (s.writable && ui.groupBy.kind === 'theme') {
    actions.append(
      button('Suggest clusters', { title: 'Suggest groups of unsorted cards that share tags and words', onClick: () => post({ type: 'suggest' }) }),
      button('New theme', { appearance: 'primary', title: 'New theme from the selected cards (N)', onClick: () => post({ type: 'createTheme', ids: selectedInOrder() }) }),
    );
  }
  const density = button(densityShown() === 'compact' ? 'Roomy cards' : 'Compact cards', {
    appearance: 'secondary',
    title: densityShown() === 'compact' ? 'Show bigger cards: three lines of each quote, the tags on a line of their own' : 'Show more cards at a time: two lines of each quote (E or ⌄ shows the whole quote)',
    onClick: () => {
      ui.density = densityShown() === 'compact' ? 'roomy' : 'compact';
      persist();
      applyDensity();
      toolbarKey = '';
      renderToolbar();
      renderColumns();
      say(ui.density === 'compact' ? 'Compact cards' : 'Roomy cards');
    },
  });
  density.classList.add('density');
  const counts = el('span', 'counts');
  toolbar.append(group, search, tagFilter, personFilter, attributeFilter, ...(whenFilter ? [whenFilter] : []), density, counts, actions);
  renderCounts();
}

/**
 * One dropdown for when a card is from and what kind of source: a week (`Week 2 · 9–15 Mar`), a
 * phase or a kind (value: dimension NUL key). None when the study has neither dates nor kinds.
 */
function dimensionFilter(s: SnapshotMessage): HTMLElement | undefined {
  const named = { week: '', phase: 'Phase: ', kind: 'Kind: ' } as const;
  const options = (['week', 'phase', 'kind'] as const).flatMap((d) => s.dimensions[d].map((v) => ({ value: `${d}\u0000${v.key}`, label: `${named[d]}${v.label}` })));
  if (options.length === 0) return undefined;
  const chosen = (['week', 'phase', 'kind'] as const).flatMap((d) => (ui.filter.dimensions?.[d] ?? []).map((key) => `${d}\u0000${key}`))[0] ?? '';
  return dropdown({
    label: 'Show cards from a week, phase or kind of source',
    options: [{ value: '', label: 'Any week, phase or kind' }, ...options],
    value: chosen,
    onChange: (v) => {
      const [d, key] = v.split('\u0000') as ['week' | 'phase' | 'kind', string];
      view(ui.groupBy, { ...ui.filter, dimensions: v ? { [d]: [key] } : {} });
    },
  });
}

function renderCounts(): void {
  const s = snapshot!;
  const counts = toolbar.querySelector('.counts');
  if (!counts) return;
  // A card is in one column of every grouping but by tag (a card with two tags is in two), so the shown cards add up.
  const shown = ui.groupBy.kind !== 'tag' ? s.columns.reduce((n, c) => n + c.count, 0) : undefined;
  const themes = ui.groupBy.kind === 'theme' ? ` · ${s.columns.filter((c) => c.kind === 'theme').length} themes` : '';
  counts.textContent = `${s.highlights} highlights${themes}${shown !== undefined && isFiltered() ? ` · ${shown} shown` : ''}${s.writable ? '' : ' · read-only (Restricted Mode)'}`;
}

/**
 * Without a choice, the board turns compact once Unsorted holds COMPACT_FROM cards (an
 * import of comments) and stays so while they are sorted out of it, so cards do not change
 * size under the researcher's hand.
 */
let turnedCompact = false;

/** The card size shown: the researcher's choice, else as above. */
function densityShown(): Density {
  if (ui.density) return ui.density;
  const unsorted = snapshot?.columns.find((c) => c.kind === 'unsorted');
  if ((unsorted?.total ?? 0) >= COMPACT_FROM) turnedCompact = true;
  return turnedCompact ? 'compact' : 'roomy';
}

function applyDensity(): void {
  const density = densityShown();
  ROW = ROWS[density];
  document.documentElement.style.setProperty('--row', `${ROW}px`);
  root.classList.toggle('compact', density === 'compact');
}

function isFiltered(): boolean {
  const f = ui.filter;
  return !!(f.text?.trim() || f.tags?.length || f.participants?.length || Object.values(f.attributes ?? {}).some((v) => v.length) || Object.values(f.dimensions ?? {}).some((v) => v.length));
}

function view(groupBy: UiState['groupBy'], filter = ui.filter): void {
  ui.groupBy = groupBy;
  ui.filter = filter;
  persist();
  post({ type: 'view', groupBy, filter });
}

// ---------------------------------------------------------------------------------------
// Suggested clusters

function renderProposals(): void {
  proposalBar.replaceChildren();
  const dismissed = new Set(ui.dismissed ?? []);
  const shown = proposals.filter((p) => !dismissed.has(p.key));
  const hidden = proposals.length - shown.length;
  if (!proposals.length) return;
  const folded = ui.suggestionsFolded === true;
  proposalBar.classList.toggle('folded', folded);
  const head = el('div', 'proposals-head');
  const heading = el('h2', 'proposals-title');
  // Folding keeps the suggestions a line high, so the board gets the room while cards are sorted.
  const fold = document.createElement('button');
  fold.type = 'button';
  fold.className = 'fold';
  fold.setAttribute('aria-expanded', String(!folded));
  fold.title = folded ? 'Show the suggested clusters' : 'Fold the suggested clusters to this line';
  fold.textContent = `${folded ? '▸' : '▾'} Suggested clusters (${shown.length})`;
  fold.addEventListener('click', () => {
    ui.suggestionsFolded = !folded;
    persist();
    renderProposals();
  });
  const note = el('span', 'proposals-note');
  note.textContent = folded ? '' : ' — proposals only; nothing changes until you accept one';
  heading.append(fold, note);
  head.append(heading);
  if (hidden > 0) head.append(button(`Show ${hidden} dismissed`, { appearance: 'secondary', title: 'Show the suggestions you dismissed again', onClick: () => ((ui.dismissed = []), persist(), renderProposals()) }));
  head.append(button('Close', { appearance: 'secondary', title: 'Hide the suggestions (Suggest clusters brings them back)', onClick: () => ((proposals = []), renderProposals()) }));
  proposalBar.append(head);
  const list = el('div', 'proposal-list');
  for (const p of shown) {
    const row = el('div', 'proposal');
    row.dataset.key = p.key;
    const title = textField({ label: `Title for the suggested cluster ${p.title}`, value: p.title, onInput: (v) => (p.title = v) });
    const reason = el('span', 'reason');
    reason.textContent = p.reason;
    // The tooltip shows what the cards say, so a proposal can be judged without selecting it.
    const quotes = p.ids.flatMap((id) => (loaded.get('') ?? []).find((c) => c?.id === id)?.quote ?? []).slice(0, 6);
    reason.title = [p.reason, ...quotes.map((q) => `“${q.length > 120 ? `${q.slice(0, 119)}…` : q}”`), ...(p.ids.length > quotes.length ? [`… ${p.ids.length - quotes.length} more`] : [])].join('\n');
    const drop = () => {
      proposals = proposals.filter((x) => x !== p);
      renderProposals();
    };
    const dismiss = () => {
      // Remembered in the board's own state (not a file): a dismissal is a view choice, not analysis for git.
      ui.dismissed = [...new Set([...(ui.dismissed ?? []), p.key])].slice(-1000);
      persist();
      renderProposals();
      say(`Dismissed “${p.title}”`);
    };
    row.append(
      title,
      reason,
      button('Accept', {
        appearance: 'primary',
        title: `Create the theme “${p.title}” from ${p.ids.length} cards`,
        onClick: () => (post({ type: 'createTheme', ids: p.ids, title: p.title.trim() || 'Untitled' }), drop(), say(`Theme “${p.title}” created from ${p.ids.length} cards`)),
      }),
      button('Select', { title: 'Select these cards on the board', onClick: () => select(p.ids, '') }),
      button('Dismiss', { title: 'Dismiss this suggestion; it is not suggested again', onClick: dismiss }),
    );
    list.append(row);
  }
  if (folded) return;
  if (ui.suggestionsHeight !== undefined) list.style.height = `${ui.suggestionsHeight}px`;
  proposalBar.append(list, resizeGrip(list));
}

/**
 * The bar under the suggestions: drag it (or focus it and press ↑/↓) to give the list more
 * or less of the board's height; the height is remembered with the board's state.
 */
function resizeGrip(list: HTMLElement): HTMLElement {
  const grip = el('div', 'proposals-grip');
  grip.tabIndex = 0;
  grip.setAttribute('role', 'separator');
  grip.setAttribute('aria-orientation', 'horizontal');
  grip.setAttribute('aria-label', 'Height of the suggested clusters');
  grip.title = 'Drag to resize the suggestions (or ↑/↓)';
  const setHeight = (px: number) => {
    const height = Math.round(Math.max(32, Math.min(window.innerHeight * 0.7, px)));
    list.style.height = `${height}px`;
    ui.suggestionsHeight = height;
  };
  grip.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    grip.setPointerCapture(e.pointerId);
    const startY = e.clientY;
    const startHeight = list.getBoundingClientRect().height;
    const move = (m: PointerEvent) => (setHeight(startHeight + m.clientY - startY), mountAll());
    const up = () => {
      grip.removeEventListener('pointermove', move);
      grip.removeEventListener('pointerup', up);
      persist();
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up);
  });
  grip.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    setHeight(list.getBoundingClientRect().height + (e.key === 'ArrowDown' ? 30 : -30));
    persist();
    mountAll();
  });
  return grip;
}

// ---------------------------------------------------------------------------------------
// Columns and virtualised cards

function renderColumns(): void {
  const s = snapshot!;
  const hadFocus = document.activeElement?.classList.contains('card') ?? false;
  board.replaceChildren();
  columns = s.columns.map((view) => {
    const col = el('section', `column ${view.kind}`);
    col.dataset.key = view.key;
    const head = el('header', 'column-head');
    const title = el('h2', 'column-title');
    title.textContent = view.title;
    title.title = view.title;
    const people = `${view.participants} ${view.participants === 1 ? 'participant' : 'participants'}`;
    const countText = view.count === view.total ? `${view.count}` : `${view.count} of ${view.total}`;
    const stats = el('div', 'column-stats');
    const cards = view.total === 1 ? 'card' : 'cards';
    stats.append(badge(countText, `${countText} ${cards}`), document.createTextNode(` ${cards} · ${people}`));
    head.append(title, stats);
    if (view.summary) {
      const summary = el('p', 'summary');
      summary.textContent = view.summary;
      summary.title = view.summary;
      head.append(summary);
    }
    if (view.kind === 'theme' && s.writable) {
      const actions = el('div', 'column-actions');
      const theme = view.key;
      actions.append(
        button('Rename', { appearance: 'icon', title: `Rename the theme “${view.title}”`, onClick: () => post({ type: 'renameTheme', theme }) }),
        button('Summary', { appearance: 'icon', title: `Edit the summary of “${view.title}”`, onClick: () => post({ type: 'editSummary', theme }) }),
        button('Merge…', { appearance: 'icon', title: `Merge “${view.title}” into another theme`, onClick: () => post({ type: 'mergeTheme', theme }) }),
        button('Delete', { appearance: 'icon', title: `Delete the theme “${view.title}” (its cards return to Unsorted)`, onClick: () => post({ type: 'deleteTheme', theme }) }),
        button('Insight…', { appearance: 'icon', title: `New insight from the theme “${view.title}”: its cards become the evidence`, onClick: () => post({ type: 'newInsight', theme }) }),
      );
      head.append(actions);
    }
    const body = el('div', 'cards');
    body.setAttribute('role', 'listbox');
    body.setAttribute('aria-multiselectable', 'true');
    body.setAttribute('aria-label', `${view.title}: ${countText} cards, ${people}`);
    const spacer = el('div', 'spacer');
    spacer.style.height = `${view.count * ROW}px`;
    body.append(spacer);
    if (view.count === 0) {
      const empty = el('p', 'empty');
      empty.textContent = view.kind === 'theme' ? 'Drag cards here, or select cards and press M.' : isFiltered() ? 'No cards match the filter.' : 'No cards.';
      body.append(empty);
    }
    col.append(head, body);
    board.append(col);
    const c: ColumnEls = { view, el: col, body, mounted: new Map() };
    body.addEventListener('scroll', () => {
      ui.scroll[view.key] = body.scrollTop;
      persist();
      mount(c);
    });
    return c;
  });
  board.scrollLeft = ui.scroll[''] ?? 0;
  for (const c of columns) c.body.scrollTop = ui.scroll[c.view.key] ?? 0;
  // Selection survives as long as its cards still exist somewhere on the board.
  mountAll();
  if (hadFocus && ui.focused) pendingFocus = ui.focused;
  renderCounts();
}

let pendingFocus: string | undefined;

function mountAll(): void {
  for (const c of columns) mount(c);
}

/** Mounts the cards in view of a column (and none when the column is out of view), asking for missing windows. */
function mount(c: ColumnEls): void {
  // Unsorted is pinned to the left edge (media/board.css), so it is always in view.
  const visible = c.view.kind === 'unsorted' || (c.el.offsetLeft + c.el.offsetWidth >= board.scrollLeft - 50 && c.el.offsetLeft <= board.scrollLeft + board.clientWidth + 50);
  const height = c.body.clientHeight || window.innerHeight;
  const first = visible ? Math.max(0, Math.floor(c.body.scrollTop / ROW) - OVERSCAN) : 0;
  const last = visible ? Math.min(c.view.count, Math.ceil((c.body.scrollTop + height) / ROW) + OVERSCAN) : 0;
  const slots = loaded.get(c.view.key) ?? [];
  for (let chunk = Math.floor(first / CHUNK) * CHUNK; chunk < last; chunk += CHUNK) {
    const key = `${c.view.key}\u0000${chunk}`;
    if (slots[chunk] === undefined && !requested.has(key)) {
      requested.add(key);
      post({ type: 'requestCards', revision: snapshot!.revision, column: c.view.key, start: chunk, count: CHUNK });
    }
  }
  for (const [slot, card] of c.mounted) {
    if (slot < first || slot >= last) {
      card.remove();
      c.mounted.delete(slot);
    }
  }
  for (let slot = first; slot < last; slot++) {
    const card = slots[slot];
    if (!card) {
      // A window cut short by the size limit: ask again from its first missing card.
      const key = `${c.view.key}\u0000${slot}`;
      if (slot % CHUNK !== 0 && slots[slot - 1] && !requested.has(key)) {
        requested.add(key);
        post({ type: 'requestCards', revision: snapshot!.revision, column: c.view.key, start: slot, count: CHUNK - (slot % CHUNK) });
      }
      continue;
    }
    if (c.mounted.has(slot)) continue;
    const node = cardElement(card, tags, snapshot!.attributes, `card ${slot + 1} of ${c.view.count} in ${c.view.title}`);
    node.style.top = `${slot * ROW}px`;
    node.dataset.slot = String(slot);
    node.dataset.column = c.view.key;
    decorate(node);
    if (expanded.has(card.id)) setExpanded(node, true);
    node.querySelector('.more')!.addEventListener('pointerdown', (e) => e.stopPropagation());
    node.querySelector('.more')!.addEventListener('click', () => toggleExpanded(card.id));
    node.addEventListener('pointerdown', (e) => onPointerDown(e, c, card.id));
    // A double click opens the transcript itself (the first click showed the peek).
    node.addEventListener('dblclick', () => post({ type: 'reveal', id: card.id }));
    c.body.append(node);
    c.mounted.set(slot, node);
    if (pendingFocus === card.id) {
      pendingFocus = undefined;
      node.focus({ preventScroll: true });
    }
  }
  scheduleReport();
}

function toggleExpanded(id: string): void {
  if (!expanded.delete(id)) expanded.add(id);
  for (const c of columns) for (const node of c.mounted.values()) if (node.dataset.id === id) setExpanded(node, expanded.has(id));
}

function decorate(node: HTMLElement): void {
  const id = node.dataset.id!;
  const selected = ui.selected.includes(id) && node.dataset.column === selectionColumnKey();
  node.classList.toggle('selected', selected);
  node.setAttribute('aria-selected', String(selected));
  node.tabIndex = id === ui.focused ? 0 : -1;
}

function selectionColumnKey(): string | undefined {
  return selectionColumn ?? (ui.selected.length ? findSlot(ui.selected[0]!)?.column.view.key : undefined);
}

function redecorate(): void {
  for (const c of columns) for (const node of c.mounted.values()) decorate(node);
  persist();
  scheduleReport();
}

// ---------------------------------------------------------------------------------------
// Selection, focus and keyboard

function findSlot(id: string, preferred?: string): { column: ColumnEls; slot: number } | undefined {
  const order = preferred !== undefined ? [...columns].sort((a, b) => Number(b.view.key === preferred) - Number(a.view.key === preferred)) : columns;
  for (const column of order) {
    const slot = (loaded.get(column.view.key) ?? []).findIndex((card) => card?.id === id);
    if (slot >= 0) return { column, slot };
  }
  return undefined;
}

function select(ids: string[], column: string): void {
  ui.selected = [...new Set(ids)];
  selectionColumn = column;
  redecorate();
  say(`${ui.selected.length} selected`);
}

/** The selected cards (or the focused one) in the order they stand in their column. */
function selectedInOrder(): string[] {
  const ids = ui.selected.length ? ui.selected : ui.focused ? [ui.focused] : [];
  const key = selectionColumnKey();
  const slots = (key !== undefined ? loaded.get(key) : undefined) ?? [];
  const rank = (id: string) => {
    const i = slots.findIndex((c) => c?.id === id);
    return i < 0 ? Infinity : i;
  };
  return [...ids].sort((a, b) => rank(a) - rank(b));
}

function focusSlot(c: ColumnEls, slot: number): string | undefined {
  if (c.view.count === 0) return undefined;
  slot = Math.max(0, Math.min(slot, c.view.count - 1));
  if (slot * ROW < c.body.scrollTop) c.body.scrollTop = slot * ROW;
  else if ((slot + 1) * ROW > c.body.scrollTop + c.body.clientHeight) c.body.scrollTop = (slot + 1) * ROW - c.body.clientHeight;
  c.el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  mount(c);
  const card = (loaded.get(c.view.key) ?? [])[slot];
  if (!card) return undefined;
  ui.focused = card.id;
  redecorate();
  const node = c.mounted.get(slot);
  if (node) node.focus({ preventScroll: true });
  else pendingFocus = card.id;
  return card.id;
}

/** Where cards of a column come from, for a move: a theme, or null for the pool. */
function placeOf(c: ColumnEls): string | null {
  return c.view.kind === 'theme' ? c.view.key : null;
}

function canMove(): boolean {
  return !!snapshot?.writable && ui.groupBy.kind === 'theme';
}

function onKey(e: KeyboardEvent): void {
  const target = e.target as HTMLElement;
  if (!target.classList.contains('card')) return;
  const id = target.dataset.id!;
  const at = findSlot(id, target.dataset.column);
  if (!at) return;
  const { column, slot } = at;
  const index = columns.indexOf(column);
  const mod = e.ctrlKey || e.metaKey;
  const handled = () => {
    e.preventDefault();
    e.stopPropagation();
  };
  const rangeTo = (to: string | undefined) => {
    if (!to) return;
    const slots = loaded.get(column.view.key) ?? [];
    const from = slots.findIndex((c) => c?.id === (anchor ?? id));
    const end = slots.findIndex((c) => c?.id === to);
    const [a, b] = from <= end ? [from, end] : [end, from];
    select(
      slots.slice(a, b + 1).flatMap((c) => (c ? [c.id] : [])),
      column.view.key,
    );
  };
  switch (e.key) {
    case 'ArrowDown':
    case 'ArrowUp': {
      handled();
      const delta = e.key === 'ArrowDown' ? 1 : -1;
      if (e.altKey && canMove() && column.view.kind === 'theme') return reorder(column, delta);
      if (e.shiftKey) anchor ??= id;
      else anchor = undefined;
      const next = focusSlot(column, slot + delta);
      if (e.shiftKey) rangeTo(next);
      return;
    }
    case 'ArrowLeft':
    case 'ArrowRight': {
      handled();
      const next = columns[index + (e.key === 'ArrowRight' ? 1 : -1)];
      if (!next) return;
      if (e.altKey && canMove()) {
        const ids = selectedInOrder();
        post({ type: 'moveHighlights', ids, from: placeOf(column), to: placeOf(next) });
        say(`Moved ${ids.length} ${ids.length === 1 ? 'card' : 'cards'} to ${next.view.title}`);
        return;
      }
      const near = Math.min(Math.floor(next.body.scrollTop / ROW) + Math.max(0, slot - Math.floor(column.body.scrollTop / ROW)), next.view.count - 1);
      focusSlot(next, near);
      return;
    }
    case 'Home':
    case 'End':
      handled();
      focusSlot(column, e.key === 'Home' ? 0 : column.view.count - 1);
      return;
    case ' ':
      handled();
      selectionColumn = column.view.key;
      anchor = id;
      if (selectionColumnKey() !== column.view.key) ui.selected = [];
      select(ui.selected.includes(id) ? ui.selected.filter((x) => x !== id) : [...ui.selected, id], column.view.key);
      return;
    case 'Enter':
      handled();
      post({ type: 'context', id });
      return;
    case 'e':
    case 'E':
      if (mod) break;
      handled();
      toggleExpanded(id);
      return;
    case 'Escape':
      handled();
      select([], column.view.key);
      return;
    case 'a':
      if (!mod) break;
      handled();
      select(
        (loaded.get(column.view.key) ?? []).flatMap((c) => (c ? [c.id] : [])),
        column.view.key,
      );
      return;
    case 'm':
    case 'M':
      if (mod || !canMove()) break;
      handled();
      post({ type: 'pickTarget', ids: selectedInOrder(), from: placeOf(column) });
      return;
    case 'n':
    case 'N':
      if (mod || !canMove()) break;
      handled();
      post({ type: 'createTheme', ids: selectedInOrder() });
      return;
    case 'Delete':
    case 'Backspace':
      if (!canMove() || column.view.kind !== 'theme') break;
      handled();
      post({ type: 'moveHighlights', ids: selectedInOrder(), from: placeOf(column), to: null });
      say('Returned to Unsorted');
      return;
  }
}

/** Alt+Up/Down: moves the selected cards one place up or down in their theme. */
function reorder(column: ColumnEls, delta: number): void {
  const ids = selectedInOrder();
  const slots = (loaded.get(column.view.key) ?? []).map((c) => c?.id);
  const moving = new Set(ids);
  const positions = ids.map((id) => slots.indexOf(id)).filter((i) => i >= 0);
  if (!positions.length) return;
  const rest = slots.filter((id) => id === undefined || !moving.has(id));
  const firstRest = Math.min(...positions) - (delta < 0 ? 1 : 0) + (delta > 0 ? 1 : 0);
  const before = delta < 0 ? rest[Math.max(0, firstRest)] : rest[firstRest];
  post({ type: 'moveHighlights', ids, from: placeOf(column), to: placeOf(column), ...(before ? { before } : {}) });
}

// ---------------------------------------------------------------------------------------
// Pointer: click to select (and read in context), drag to move

function onPointerDown(e: PointerEvent, c: ColumnEls, id: string): void {
  if (e.button !== 0) return;
  const node = e.currentTarget as HTMLElement;
  startDrag(e, {
    onClick: (ev) => {
      ui.focused = id;
      if (ev.ctrlKey || ev.metaKey) {
        if (selectionColumnKey() !== c.view.key) ui.selected = [];
        select(ui.selected.includes(id) ? ui.selected.filter((x) => x !== id) : [...ui.selected, id], c.view.key);
        anchor = id;
      } else if (ev.shiftKey && anchor) {
        const slots = loaded.get(c.view.key) ?? [];
        const a = slots.findIndex((x) => x?.id === anchor);
        const b = slots.findIndex((x) => x?.id === id);
        select(
          slots.slice(Math.min(a, b), Math.max(a, b) + 1).flatMap((x) => (x ? [x.id] : [])),
          c.view.key,
        );
      } else {
        anchor = id;
        select([id], c.view.key);
        post({ type: 'context', id });
      }
      node.focus({ preventScroll: true });
    },
    canDrag: canMove,
    dragged: () => {
      const ids = ui.selected.includes(id) && selectionColumnKey() === c.view.key ? selectedInOrder() : [id];
      return { ids, label: ids.length === 1 ? '1 card' : `${ids.length} cards` };
    },
    target: (x, y) => dropTarget(x, y),
    panAreas,
    indicate: (target) => (target ? insertion.show(target.column.body, target.slot * ROW - 4) : insertion.hide()),
    drop: (ids, target: DropTarget<ColumnEls>) => {
      post({ type: 'moveHighlights', ids, from: placeOf(c), to: placeOf(target.column), ...(target.before ? { before: target.before } : {}) });
      say(`Moved ${ids.length} ${ids.length === 1 ? 'card' : 'cards'} to ${target.column.view.title}`);
    },
  });
}

const insertion = new InsertionLine();

/**
 * What pans while a card is held near an edge: the board sideways, over the stretch right of
 * the pinned Unsorted column (holding a card over Unsorted is a drop there, not a pan), and
 * the column under the pointer up and down, so a card can go anywhere in a long theme.
 */
function panAreas(x: number, y: number): PanArea[] {
  const rect = board.getBoundingClientRect();
  const pinned = columns.find((c) => c.view.kind === 'unsorted' && getComputedStyle(c.el).position === 'sticky');
  const areas: PanArea[] = [{ el: board, axis: 'x', start: pinned ? pinned.el.getBoundingClientRect().right : rect.left, end: rect.right }];
  const column = columns.find((c) => c.el === document.elementFromPoint(x, y)?.closest('.column'));
  if (column) {
    const body = column.body.getBoundingClientRect();
    if (x >= body.left && x <= body.right) areas.push({ el: column.body, axis: 'y', start: body.top, end: body.bottom });
  }
  return areas;
}

function dropTarget(x: number, y: number): DropTarget<ColumnEls> | undefined {
  const hit = document.elementFromPoint(x, y)?.closest('.column') as HTMLElement | null;
  const column = columns.find((c) => c.el === hit);
  if (!column) return undefined;
  const rect = column.body.getBoundingClientRect();
  const slot = Math.max(0, Math.min(column.view.count, Math.round((y - rect.top + column.body.scrollTop) / ROW)));
  const before = (loaded.get(column.view.key) ?? [])[slot]?.id;
  return { column, slot, ...(before ? { before } : {}) };
}

// ---------------------------------------------------------------------------------------
// Reporting and state

let reportTimer: ReturnType<typeof setTimeout> | undefined;

/** Tells the extension what is on screen (tests and the benchmark read it). */
function scheduleReport(): void {
  if (!SIFT_TEST) return; // test build only (src/protocol/test-build.ts)
  clearTimeout(reportTimer);
  reportTimer = setTimeout(() => {
    const cols: Record<string, string[]> = {};
    let mountedCards = 0;
    for (const c of columns) {
      cols[c.view.key] = [...c.mounted.entries()].sort(([a], [b]) => a - b).map(([, n]) => n.dataset.id!);
      mountedCards += c.mounted.size;
    }
    const injected = root.querySelectorAll('img, script, iframe, a, object, embed').length;
    const shown = peek.report();
    post({ type: 'rendered', report: { revision: snapshot?.revision ?? 0, mountedCards, columns: cols, selected: ui.selected, ...(ui.focused ? { focused: ui.focused } : {}), injected, ...(shown ? { peek: shown } : {}) } });
  }, 60);
}

function persist(): void {
  saveState(ui);
}

function say(text: string): void {
  status.textContent = text;
}
