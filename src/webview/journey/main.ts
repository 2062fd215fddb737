/**
 * The journey map webview. It shows the snapshot the extension sends — the stages in order
 * as columns of quote cards, the sentiment line above them with the low point marked — and
 * a pool of candidate quotes it asks for a window at a time (only the rows in view are
 * mounted, so a 50,000-highlight study stays fast). Cards are dragged into and between
 * stages, or moved with the keyboard; every change is an intent sent to the extension,
 * which writes journeys/<id>.yaml. The webview never changes a file itself.
 */
import { signed, type HostMessage, type SnapshotMessage, type StageView, type UiState } from '../../protocol/journey';
import { button, registerComponents } from '../ui/components';
import { el } from '../ui/dom';
import { startDrag } from '../ui/drag';
import { Peek } from '../ui/peek';
import { momentElement, sentimentClass } from './cards';
import { sentimentChart } from './chart';
import { onMessage, post, savedState, saveState } from './host';
import { applyLayout, layoutFor, type Layout } from './layout';
import { CandidatePool } from './pool';

let snapshot: SnapshotMessage | undefined;
let ui: UiState = { filter: {} };

const root = document.getElementById('root')!;
const header = el('header', 'toolbar');
const map = el('main', 'map');
map.setAttribute('aria-label', 'Journey map');
const track = el('div', 'track');
const chartSlot = el('div', 'chart-slot');
const stagesEl = el('div', 'stages');
stagesEl.setAttribute('role', 'list');
track.append(chartSlot, stagesEl);
map.append(track);
const pool = new CandidatePool({
  onPointerDown: (e, id) => onPointerDown(e, id, null),
  onFilter: (filter) => {
    ui.filter = filter;
    persist();
    post({ type: 'filter', filter });
  },
  onHide: () => showPool(false),
  onMount: () => scheduleReport(),
});
const poolEl = pool.el;
const body = el('div', 'body');
body.append(map, poolEl);
const status = el('div', 'status');
status.setAttribute('role', 'status');
status.setAttribute('aria-live', 'polite');
// A click on a quote shows its passage in context here, over the map, which keeps its layout.
const peek = new Peek({ open: (id) => post({ type: 'reveal', id }), changed: () => scheduleReport(), below: header });
root.append(header, body, status, peek.el);

const restored = savedState();
if (typeof restored === 'object' && restored !== null && 'filter' in restored) ui = restored as UiState;
registerComponents();
onMessage(receive);
post({ type: 'ready', ...(ui.journey ? { state: ui } : {}) });

root.addEventListener('keydown', onKey);
root.addEventListener('focusin', () => scheduleReport());

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'snapshot': {
      const focused = focusedId();
      snapshot = message;
      ui.journey = message.journey.id;
      ui.filter = message.filter;
      persist();
      poolEl.hidden = !!ui.poolHidden;
      renderHeader();
      renderStages();
      pool.show(message);
      if (focused) focusCard(focused);
      return;
    }
    case 'pool':
      pool.receive(message);
      return;
    case 'gone':
      snapshot = undefined;
      header.replaceChildren(el('h1', 'title', 'This journey’s file was removed.'));
      stagesEl.replaceChildren();
      chartSlot.replaceChildren();
      poolEl.hidden = true;
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
// Header: title, persona, the low point in words, actions

function renderHeader(): void {
  const s = snapshot!;
  header.replaceChildren();
  const titles = el('div', 'titles');
  titles.append(el('h1', 'title', s.journey.title));
  const sub = [s.journey.persona ? `Persona: ${s.journey.persona}` : undefined, `${s.stages.length} stages`, `${s.stages.reduce((n, x) => n + x.moments.length, 0)} quotes`];
  if (s.withdrawn) sub.push(`${s.withdrawn} left out (consent withdrawn)`);
  if (s.missing) sub.push(`${s.missing} missing (see journeys file)`);
  if (!s.writable) sub.push('read-only (Restricted Mode)');
  titles.append(el('p', 'subtitle', sub.filter(Boolean).join(' · ')));
  header.append(titles);
  const low = s.stages.filter((x) => x.lowest);
  const verdict = el('p', low.length ? 'verdict low' : 'verdict');
  if (low.length) {
    verdict.append(el('span', 'verdict-mark', '▼'), document.createTextNode(` Low point: `));
    verdict.append(el('strong', '', low.map((x) => `${x.title} (${x.meanText})`).join(', ')));
  } else verdict.textContent = s.stages.some((x) => x.mean !== undefined) ? 'No stage is below neutral.' : 'No quotes on the journey yet: drag some from the pool.';
  header.append(verdict);
  const actions = el('div', 'actions');
  if (ui.poolHidden) actions.append(button('Candidate quotes', { title: 'Show the quotes that can go on the journey', onClick: () => showPool(true) }));
  if (s.writable) actions.append(button('Add stage', { title: 'Add a stage after the last one', onClick: () => post({ type: 'addStage' }) }));
  header.append(actions);
}

// ---------------------------------------------------------------------------------------
// Stages and the sentiment line

let layout: Layout | undefined;
let shownLowPoint = false;

function renderStages(): void {
  const s = snapshot!;
  const focused = focusedId();
  layout = layoutFor(map.clientWidth, s.stages.length);
  applyLayout(root, layout);
  track.style.width = `${layout.width}px`;
  chartSlot.replaceChildren(sentimentChart(s.stages, layout));
  stagesEl.replaceChildren(...s.stages.map((stage, i) => stageElement(stage, i, s.stages.length)));
  // The first time, the low point comes into view if the map is too wide to show it all.
  const low = s.stages.findIndex((x) => x.lowest);
  // The focused card keeps the focus, and stays in view when the columns change width.
  if (focused) focusCard(focused)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  if (!shownLowPoint && low >= 0) {
    shownLowPoint = true;
    const right = layout.left(low) + layout.column + 8;
    if (right > map.scrollLeft + map.clientWidth) map.scrollLeft = right - map.clientWidth;
  }
  scheduleReport();
}

/** Columns follow the width of the map (a resized panel, the pool shown or hidden). */
new ResizeObserver(() => {
  if (snapshot && layout && layoutFor(map.clientWidth, snapshot.stages.length).column !== layout.column) renderStages();
}).observe(map);

function stageElement(stage: StageView, index: number, count: number): HTMLElement {
  const col = el('section', `stage${stage.lowest ? ' low' : ''}${stage.dip ? ' dip' : ''}`);
  col.dataset.stage = stage.id;
  col.setAttribute('role', 'listitem');
  const head = el('header', 'stage-head');
  const top = el('div', 'stage-top');
  top.append(el('span', 'step', String(index + 1)));
  const title = el('h2', 'stage-title', stage.title);
  title.title = stage.title;
  top.append(title);
  head.append(top);
  const quotes = stage.moments.length;
  const stats = el('p', 'stage-stats');
  if (stage.mean !== undefined) {
    const mean = el('span', `mean ${sentimentClass(Math.round(stage.mean))}`, stage.meanText);
    mean.title = `Mean sentiment ${stage.meanText} (from −2 to +2)`;
    stats.append(mean);
  }
  const people = `${stage.participants} ${stage.participants === 1 ? 'person' : 'people'}`;
  stats.append(el('span', '', quotes ? `${quotes} ${quotes === 1 ? 'quote' : 'quotes'} · ${people}` : 'No quotes yet'));
  stats.title = quotes ? `${quotes} quotes from ${stage.participants} participants` : '';
  head.append(stats);
  if (stage.lowest) head.append(el('p', 'low-badge', '▼ Low point of the journey'));
  if (stage.description) {
    const d = el('p', 'description', stage.description);
    d.title = stage.description;
    head.append(d);
  }
  const list = el('div', 'stage-cards');
  list.setAttribute('role', 'list');
  const describe = `${stage.title}, stage ${index + 1} of ${count}${stage.mean !== undefined ? `, mean sentiment ${stage.meanText}` : ''}${stage.lowest ? ', the low point' : ''}`;
  list.setAttribute('aria-label', describe);
  stage.moments.forEach((m, i) => {
    const card = momentElement(m, stage.title, `${i + 1} of ${quotes}`, {
      writable: !!snapshot?.writable,
      onSentiment: () => post({ type: 'pickSentiment', highlight: m.id, stage: stage.id }),
      onRemove: () => remove(m.id),
      onConfirm: (value) => assign(m.id, stage.id, value),
      onDismiss: () => {
        post({ type: 'dismissProposal', highlight: m.id });
        say('Proposal dismissed: Sift will not propose a sentiment for this quote again');
      },
    });
    card.dataset.stage = stage.id;
    card.addEventListener('pointerdown', (e) => onPointerDown(e, m.id, stage.id));
    list.append(card);
  });
  if (!quotes) list.append(el('p', 'empty', snapshot?.writable ? 'Drag quotes here from the pool, or focus a quote and press M.' : 'No quotes.'));
  col.append(head, list);
  return col;
}

function showPool(shown: boolean): void {
  ui.poolHidden = !shown;
  poolEl.hidden = !shown;
  persist();
  renderHeader();
  pool.mount();
}

// ---------------------------------------------------------------------------------------
// Pointer: click to read the passage, drag into or between stages (onto the pool: take off)

type Drop = { stage: string } | { pool: true };

function onPointerDown(e: PointerEvent, id: string, from: string | null): void {
  if (e.button !== 0) return;
  const node = e.currentTarget as HTMLElement;
  startDrag<Drop>(e, {
    onClick: () => {
      node.focus({ preventScroll: true });
      post({ type: 'context', id });
    },
    canDrag: () => !!snapshot?.writable,
    dragged: () => ({ ids: [id], label: '1 quote' }),
    target: (x, y) => {
      const hit = document.elementFromPoint(x, y);
      const stage = hit?.closest<HTMLElement>('.stage')?.dataset.stage;
      if (stage !== undefined) return stage === from ? undefined : { stage };
      return from !== null && hit?.closest('.pool') ? { pool: true } : undefined;
    },
    indicate: (target) => {
      for (const s of stagesEl.querySelectorAll('.stage')) s.classList.toggle('drop-target', !!target && 'stage' in target && (s as HTMLElement).dataset.stage === target.stage);
      poolEl.classList.toggle('drop-target', !!target && 'pool' in target);
    },
    drop: (_ids, target) => ('stage' in target ? assign(id, target.stage) : remove(id)),
    // A wide journey scrolls sideways: held near an edge, the map pans to the far stages.
    panAreas: () => {
      const r = map.getBoundingClientRect();
      return [{ el: map, axis: 'x', start: r.left, end: r.right }];
    },
  });
}

function assign(id: string, stage: string, sentiment?: number): void {
  post({ type: 'assign', highlight: id, stage, ...(sentiment !== undefined ? { sentiment } : {}) });
  say(`${sentiment !== undefined ? `Sentiment ${signed(sentiment)}` : 'Quote put'} under ${snapshot?.stages.find((s) => s.id === stage)?.title ?? stage}`);
}

function remove(id: string): void {
  post({ type: 'remove', highlight: id });
  say('Quote taken off the journey');
}

// ---------------------------------------------------------------------------------------
// Keyboard: arrows move the focus; M picks a stage (the keyboard path of a drag), S or + and −
// change a sentiment, Delete takes a quote off, Enter opens the passage

function onKey(e: KeyboardEvent): void {
  const card = (e.target as HTMLElement).closest<HTMLElement>('.moment, .candidate');
  if (!card || !snapshot) return;
  const id = card.dataset.id!;
  const stage = card.dataset.stage ?? null;
  const handled = () => {
    e.preventDefault();
    e.stopPropagation();
  };
  const writable = snapshot.writable;
  switch (e.key) {
    case 'ArrowDown':
    case 'ArrowUp':
      handled();
      if (stage !== null) stepIn(card, e.key === 'ArrowDown' ? 1 : -1);
      else pool.step(card, e.key === 'ArrowDown' ? 1 : -1);
      return;
    case 'ArrowLeft':
    case 'ArrowRight': {
      handled();
      const order = [...snapshot.stages.map((s) => s.id), null];
      const next = order[order.indexOf(stage) + (e.key === 'ArrowRight' ? 1 : -1)];
      if (next === undefined) return;
      const target = next === null ? pool.firstCard() : stagesEl.querySelector<HTMLElement>(`.stage[data-stage="${CSS.escape(next)}"] .moment`);
      target?.focus();
      return;
    }
    case 'Enter':
      handled();
      post({ type: 'context', id });
      return;
    case 'm':
    case 'M':
      if (!writable || e.ctrlKey || e.metaKey) return;
      handled();
      post({ type: 'pickStage', highlight: id, from: stage });
      return;
    case 's':
    case 'S':
      if (!writable || stage === null || e.ctrlKey || e.metaKey) return;
      handled();
      post({ type: 'pickSentiment', highlight: id, stage });
      return;
    case '+':
    case '=':
    case '-':
    case '_': {
      if (!writable || stage === null) return;
      handled();
      // A card without a sentiment starts from neutral: the first press sets −1 or +1.
      const now = card.dataset.sentiment === undefined ? 0 : Number(card.dataset.sentiment);
      const next = Math.max(-2, Math.min(2, now + (e.key === '+' || e.key === '=' ? 1 : -1)));
      if (next !== now || card.dataset.sentiment === undefined) assign(id, stage, next);
      return;
    }
    case 'Delete':
    case 'Backspace':
      if (!writable || stage === null) return;
      handled();
      stepIn(card, 1) || stepIn(card, -1);
      remove(id);
      return;
  }
}

/** Focuses the next (or previous) card under the same stage; false when there is none. */
function stepIn(card: HTMLElement, delta: number): boolean {
  const next = (delta > 0 ? card.nextElementSibling : card.previousElementSibling) as HTMLElement | null;
  if (!next?.classList.contains('moment')) return false;
  next.focus();
  return true;
}

function focusedId(): string | undefined {
  return document.activeElement instanceof HTMLElement ? document.activeElement.dataset.id : undefined;
}

function focusCard(id: string): HTMLElement | undefined {
  const node = root.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`) ?? undefined;
  node?.focus({ preventScroll: true });
  return node;
}

// ---------------------------------------------------------------------------------------
// Reporting and state

let reportTimer: ReturnType<typeof setTimeout> | undefined;

/** Tells the extension what is on screen (the integration tests read it). */
function scheduleReport(): void {
  if (!SIFT_TEST) return; // test build only (src/protocol/test-build.ts)
  clearTimeout(reportTimer);
  reportTimer = setTimeout(() => {
    const stages = [...stagesEl.querySelectorAll<HTMLElement>('.stage')].map((s) => ({ id: s.dataset.stage!, cards: [...s.querySelectorAll<HTMLElement>('.moment')].map((c) => c.dataset.id!) }));
    const marked = new Set([...chartSlot.querySelectorAll<SVGElement>('.point.low')].map((p) => p.dataset.stage));
    const lowPoints = [...stagesEl.querySelectorAll<HTMLElement>('.stage.low')].map((s) => s.dataset.stage!).filter((id) => marked.has(id));
    const moments = [...stagesEl.querySelectorAll<HTMLElement>('.moment')];
    const sentiments = Object.fromEntries(moments.filter((c) => c.dataset.sentiment !== undefined).map((c) => [c.dataset.id!, Number(c.dataset.sentiment)]));
    const proposals = Object.fromEntries(moments.filter((c) => c.dataset.proposal !== undefined).map((c) => [c.dataset.id!, c.dataset.proposal!]));
    const focused = focusedId();
    const injected = root.querySelectorAll('img, script, iframe, a, object, embed').length;
    const subtitle = header.querySelector('.subtitle')?.textContent ?? '';
    const shown = peek.report();
    post({
      type: 'rendered',
      report: {
        revision: snapshot?.revision ?? 0,
        stages,
        lowPoints,
        sentiments,
        proposals,
        pool: pool.mountedIds(),
        poolSize: snapshot?.poolSize ?? 0,
        ...(focused ? { focused } : {}),
        subtitle,
        injected,
        ...(shown ? { peek: shown } : {}),
      },
    });
  }, 60);
}

function persist(): void {
  saveState(ui);
}

function say(text: string): void {
  status.textContent = text;
}
