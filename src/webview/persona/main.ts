/**
 * The persona card: one persona as a document a design team or a service director can read
 * on screen or on paper. It shows what the extension sends (the persona file, with its quotes
 * placed), and sends back only what the reader asks for: a quote's passage, the Markdown, the
 * file. Study text goes in through textContent only.
 */
import { cssPercent, type HostMessage, type PersonaQuoteView, type PersonaView, type RenderedMessage, type RenderedReport, type WebviewMessage } from '../../protocol/persona';
import { button, registerComponents } from '../ui/components';
import { hostChannel } from '../ui/host';
import { el, onActivate } from '../ui/dom';

const { post, onMessage, saveState } = hostChannel<HostMessage, WebviewMessage | RenderedMessage, { id: string }>();
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
  if (p.distinguishing.length > 0 || p.separation) page.append(distinguishing(p));
  page.append(colophon(p));
  root.replaceChildren(page);
}

function masthead(p: PersonaView): HTMLElement {
  const accept = p.status === 'draft' ? [button('Accept Persona', { appearance: 'primary', title: 'Accept this persona: the team has reviewed it, and reports include it', onClick: () => post({ type: 'accept' }) })] : [];
  const actions = el('div', 'actions', [
    ...accept,
    button('Open as Markdown', { title: 'Open this persona as a Markdown document, for a wiki, a slide or an email', onClick: () => post({ type: 'openMarkdown' }) }),
    button('Save to Print…', { title: 'Save this persona as a web page to open in a browser and print', onClick: () => post({ type: 'saveHtml' }) }),
    button('Edit File', { title: `Open ${p.path}: edit any field; regenerating keeps what you write`, onClick: () => post({ type: 'openFile' }) }),
  ]);
  const status = el('span', `status ${p.status}`, p.status === 'draft' ? 'Draft' : 'Accepted');
  const heading = el('div', 'heading', [el('div', 'eyebrow', [document.createTextNode(p.study ? `Persona · ${p.study}` : 'Persona'), status]), el('h1', 'name', p.name)]);
  if (p.label) heading.append(el('p', 'label', p.label));
  // A draft says so on paper too: a printed card must not pass for an agreed finding.
  if (p.status === 'draft')
    heading.append(el('p', 'draft-hint', 'Draft from the coding, not yet accepted by the team: reports leave it out until it is. Give it a memorable name and edit any field in its file — generating again keeps what you write.'));
  return el('header', 'masthead', [heading, actions]);
}

function figures(p: PersonaView): HTMLElement {
  const share = figure('share', p.shareText, 'of the sample');
  const meter = el('span', 'meter');
  meter.style.setProperty('--fill', cssPercent(p.share));
  meter.setAttribute('aria-hidden', 'true');
  share.insertBefore(meter, share.querySelector('.caption')!.nextSibling);
  if (p.currentShare !== undefined) share.append(el('span', 'note', `${p.currentShareText ?? ''} of the sample as it is now`));
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
  const counted = p.distinguishing.every((t) => t.members !== undefined && t.of && t.others !== undefined && t.othersOf !== undefined);
  const most = Math.max(...p.distinguishing.map((t) => t.lift), 1);
  const list = el('ul', counted ? 'lifts counted' : 'lifts');
  for (const t of p.distinguishing) {
    const bar = el('span', 'bar');
    let figure: string;
    let spoken: string;
    if (counted) {
      // Who in this persona uses the code (the bar), against the share of everyone else (the tick).
      bar.style.setProperty('--fill', `${Math.round((t.members! / t.of!) * 100)}%`);
      const tick = el('span', 'others-tick');
      tick.style.left = `${Math.round((t.others! / t.othersOf!) * 100)}%`;
      bar.append(tick);
      figure = `${t.members} of ${t.of} vs ${t.others} of ${t.othersOf} others`;
      spoken = `${t.label}: ${t.members} of ${t.of} in this persona, ${t.others} of ${t.othersOf} other participants`;
    } else {
      bar.style.setProperty('--fill', `${Math.round((t.lift / most) * 100)}%`);
      figure = t.liftText;
      spoken = `${t.label}: ${t.liftText.replace('×', '')} times as much as the others`;
    }
    const item = el('li', 'lift', [el('span', 'tag', t.label), bar, el('span', 'times', figure)]);
    item.setAttribute('aria-label', spoken);
    list.append(item);
  }
  const hint = counted
    ? 'Participants who used each code: the bar is this persona’s members, the tick the other participants. Codes with the largest difference first.'
    : 'How much more they talk about each code than the whole sample does (lift).';
  const children: Node[] = [list, el('p', 'hint', hint)];
  if (p.separation) children.push(el('p', `separation ${p.separation.words.replace(/ /g, '-')}`, [el('strong', '', 'How distinct: '), document.createTextNode(p.separation.sentence)]));
  return section('What sets them apart', 'distinguishing', children);
}

function trait(title: string, kind: string, items: readonly string[]): HTMLElement {
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
  if (!SIFT_TEST) return; // test build only (src/protocol/test-build.ts)
  const texts = (css: string) => [...root.querySelectorAll(css)].map((n) => n.textContent ?? '');
  const quoted = [...root.querySelectorAll<HTMLElement>('.quote')];
  const r: RenderedReport = {
    name: root.querySelector('.name')?.textContent ?? '',
    label: root.querySelector('.label')?.textContent ?? '',
    share: root.querySelector('.figure.share .value')?.textContent ?? '',
    participants: Number(root.querySelector('.figure.participants .value')?.textContent ?? 0),
    status: root.querySelector('.status')?.textContent ?? '',
    distinguishing: texts('.lift .tag'),
    distinguishingFigures: texts('.lift .times'),
    separation: root.querySelector('.separation')?.textContent ?? '',
    quotes: quoted.map((q) => q.dataset.id ?? ''),
    attributions: quoted.map((q) => q.querySelector('.attribution')?.firstChild?.textContent?.replace(/^— /, '') ?? ''),
    goals: texts('.trait.goals li:not(.none)'),
    frustrations: texts('.trait.frustrations li:not(.none)'),
    behaviours: texts('.trait.behaviours li:not(.none)'),
    injected: root.querySelectorAll('img, script, iframe, a, object, embed').length,
  };
  post({ type: 'rendered', report: r });
}
