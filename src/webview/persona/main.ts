/**
 * The persona card: one persona as a document a design team or a service director can read
 * on screen or on paper. It shows what the extension sends (the persona file, with its quotes
 * placed), and sends back only what the reader asks for: a quote's passage, the Markdown, the
 * file. Study text goes in through textContent only.
 */
import { percent, type HostMessage, type PersonaQuoteView, type PersonaView, type RenderedReport, type WebviewMessage } from '../../protocol/persona';
import { button, registerComponents } from '../ui/components';
import { hostChannel } from '../ui/host';
import { el, onActivate } from '../ui/dom';

const { post, onMessage, saveState } = hostChannel<HostMessage, WebviewMessage, { id: string }>();
const root = document.getElementById('root')!;

registerComponents();
onMessage(receive);
post({ type: 'ready' });

/** What is on screen, so a reload that did not change this persona keeps the reader's focus. */
let shown = '';

function receive(message: HostMessage): void {
  if (message.type === 'persona') {
    saveState({ id: message.persona.id });
    const json = JSON.stringify(message.persona);
    if (json !== shown) render(message.persona);
    shown = json;
  } else {
    shown = '';
    root.replaceChildren(el('main', 'page missing', [el('h1', 'name', 'This persona’s file is gone'), el('p', 'summary', `${message.path} was deleted or renamed. Open the persona again from the Personas view.`)]));
  }
  report();
}

function render(p: PersonaView): void {
  const page = el('main', 'page');
  page.setAttribute('aria-label', `Persona ${p.name}`);
  page.append(masthead(p), figures(p));
  if (p.summary) page.append(el('p', 'summary', p.summary));
  // Who they are, what they need, in their own words, and then how we know: the order a reader asks in.
  const traits = el('div', 'traits', [trait('Goals', 'goals', p.goals), trait('Frustrations', 'frustrations', p.frustrations), trait('Behaviours', 'behaviours', p.behaviours)]);
  if (p.goals.length + p.frustrations.length + p.behaviours.length > 0) page.append(traits);
  page.append(quotes(p));
  if (p.distinguishing.length > 0) page.append(distinguishing(p));
  page.append(colophon(p));
  root.replaceChildren(page);
}

function masthead(p: PersonaView): HTMLElement {
  const actions = el('div', 'actions', [
    button('Open as Markdown', { title: 'Open this persona as a Markdown document, for a wiki, a slide or an email', onClick: () => post({ type: 'openMarkdown' }) }),
    button('Save to Print…', { title: 'Save this persona as a web page to open in a browser and print', onClick: () => post({ type: 'saveHtml' }) }),
    button('Edit File', { title: `Open ${p.path}: edit any field; regenerating keeps what you write`, onClick: () => post({ type: 'openFile' }) }),
  ]);
  const heading = el('div', 'heading', [el('div', 'eyebrow', p.study ? `Persona · ${p.study}` : 'Persona'), el('h1', 'name', p.name)]);
  if (p.label) heading.append(el('p', 'label', p.label));
  // Only on screen: the researcher's to-do, not the reader's.
  if (p.method) heading.append(el('p', 'draft-hint screen-only', 'A draft from the coding: give it a memorable name and edit any field in its file — generating again keeps what you write.'));
  return el('header', 'masthead', [heading, actions]);
}

function figures(p: PersonaView): HTMLElement {
  const share = figure('share', percent(p.share), 'of the sample');
  const meter = el('span', 'meter');
  meter.style.setProperty('--fill', percent(p.share));
  meter.setAttribute('aria-hidden', 'true');
  share.insertBefore(meter, share.querySelector('.caption')!.nextSibling);
  if (p.currentShare !== undefined) share.append(el('span', 'note', `${percent(p.currentShare)} of the sample as it is now`));
  const people = figure('participants', String(p.members.length), p.members.length === 1 ? 'participant' : 'participants');
  people.append(el('span', 'note', p.members.join(', ')));
  // Counted as a reader of the printed card sees them: the quotes consent lets leave the study.
  const shareable = p.quotes.filter((q) => q.quotable).length;
  const held = p.quotes.length - shareable;
  const quoted = figure('quoted', String(shareable), shareable === 1 ? 'quote in their words' : 'quotes in their words');
  if (held > 0) quoted.append(el('span', 'note screen-only', `and ${held} for the research team only (consent)`));
  return el('section', 'figures', [share, people, quoted]);
}

function figure(kind: string, value: string, caption: string, note?: string): HTMLElement {
  const f = el('div', `figure ${kind}`, [el('span', 'value', value), el('span', 'caption', caption)]);
  if (note) f.append(el('span', 'note', note));
  return f;
}

function distinguishing(p: PersonaView): HTMLElement {
  const most = Math.max(...p.distinguishing.map((t) => t.lift), 1);
  const list = el('ul', 'lifts');
  for (const t of p.distinguishing) {
    const bar = el('span', 'bar');
    bar.style.setProperty('--fill', `${Math.round((t.lift / most) * 100)}%`);
    const item = el('li', 'lift', [el('span', 'tag', t.label), bar, el('span', 'times', `×${t.lift.toFixed(1)}`)]);
    item.setAttribute('aria-label', `${t.label}: ${t.lift.toFixed(1)} times as much as the others`);
    list.append(item);
  }
  return section('What sets them apart', 'distinguishing', [list, el('p', 'hint', 'How much more they talk about each code than the whole sample does (lift).')]);
}

function trait(title: string, kind: string, items: string[]): HTMLElement {
  const list = el('ul', 'items');
  for (const item of items) list.append(el('li', '', item));
  if (items.length === 0) list.append(el('li', 'none', 'None recorded'));
  return section(title, `trait ${kind}`, [list]);
}

function quotes(p: PersonaView): HTMLElement {
  const list = el('div', 'quote-list');
  for (const q of p.quotes) list.append(quote(q));
  const held = p.quotes.filter((q) => !q.quotable).length;
  if (p.quotes.length === 0) list.append(el('p', 'none', 'No quotes: none of this persona’s highlights may be quoted, or none is listed in its file.'));
  if (held > 0) list.append(el('p', 'withheld-note', `${held === 1 ? 'One quote' : `${held} quotes`} left out: consent does not allow ${held === 1 ? 'its' : 'their'} words to leave the study.`));
  return section('In their words', 'quotes', [list]);
}

function quote(q: PersonaQuoteView): HTMLElement {
  const who = q.participant ?? 'Unattributed';
  const words = el('blockquote', 'words', `“${q.quote}”`);
  const caption = el('figcaption', 'attribution', `— ${who}`);
  const item = el('figure', q.quotable ? 'quote' : 'quote withheld', [words, caption]);
  if (!q.quotable) caption.append(el('span', 'consent', ' · not for sharing (consent)'));
  item.dataset.id = q.id;
  item.tabIndex = 0;
  item.setAttribute('role', 'button');
  item.setAttribute('aria-label', `Quote from ${who}: open the passage in ${q.source}`);
  item.title = `Open the passage in ${q.source}`;
  onActivate(item, () => post({ type: 'reveal', id: q.id }));
  return item;
}

function colophon(p: PersonaView): HTMLElement {
  const how = p.method ? `Drafted by Sift from the coded transcripts: ${p.method}.` : 'Written by the research team.';
  return el('footer', 'colophon', [el('p', '', how), el('p', '', `Participants are quoted by their study id only. Source: ${p.path}.`)]);
}

function section(title: string, className: string, children: Node[]): HTMLElement {
  const s = el('section', className, [el('h2', '', title), ...children]);
  return s;
}

/** Tells the extension what is on screen, read back from the page itself. */
function report(): void {
  const texts = (css: string) => [...root.querySelectorAll(css)].map((n) => n.textContent ?? '');
  const quoted = [...root.querySelectorAll<HTMLElement>('.quote')];
  const r: RenderedReport = {
    name: root.querySelector('.name')?.textContent ?? '',
    label: root.querySelector('.label')?.textContent ?? '',
    share: root.querySelector('.figure.share .value')?.textContent ?? '',
    participants: Number(root.querySelector('.figure.participants .value')?.textContent ?? 0),
    distinguishing: texts('.lift .tag'),
    quotes: quoted.map((q) => q.dataset.id ?? ''),
    attributions: quoted.map((q) => q.querySelector('.attribution')?.firstChild?.textContent?.replace(/^— /, '') ?? ''),
    goals: texts('.trait.goals li:not(.none)'),
    frustrations: texts('.trait.frustrations li:not(.none)'),
    behaviours: texts('.trait.behaviours li:not(.none)'),
    injected: root.querySelectorAll('img, script, iframe, a, object, embed').length,
  };
  post({ type: 'rendered', report: r });
}
