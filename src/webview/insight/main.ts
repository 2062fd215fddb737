/**
 * The insight view: one insight as a page a service director can read — the statement, where
 * it stands in its lifecycle, how strong its evidence is (a single voice is flagged), the
 * quotes with who said them (participant ids only; a quote whose consent keeps it out of
 * reports is marked), and the recommendations with their status. Clicking a quote opens its
 * passage. It changes no file itself: status changes and new recommendations are intents the
 * extension applies. Study text is set as text only (textContent), never as HTML.
 */
import { INSIGHT_STATUS_VALUES, RECOMMENDATION_STATUS_VALUES, type HostMessage, type InsightStatusValue, type InsightView, type QuoteView, type RecommendationView, type StrengthView, type TagView } from '../../protocol/insight';
import { button, dropdown, registerComponents } from '../ui/components';
import { tagChip } from '../ui/tag-chip';
import { onMessage, post, saveState } from './host';
import { el, onActivate, plural } from '../ui/dom';

const STATUS_LABELS: Record<InsightStatusValue, string> = { draft: 'Draft', 'in-review': 'In review', accepted: 'Accepted', actioned: 'Actioned', rejected: 'Rejected' };
/** The way forward; `rejected` stands apart from it. */
const LIFECYCLE: readonly InsightStatusValue[] = INSIGHT_STATUS_VALUES.filter((s) => s !== 'rejected');

const root = document.getElementById('root')!;
const live = el('div', 'sr-only');
live.setAttribute('role', 'status');
live.setAttribute('aria-live', 'polite');
const page = el('main', 'page');
root.append(page, live);
page.append(note('Loading the insight…'));

registerComponents();
onMessage(receive);
post({ type: 'ready' });

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'insight':
      saveState({ id: message.insight.id });
      render(message.insight, new Map(message.tags.map((t) => [t.id, t])), message.writable, message.omitted);
      return;
    case 'gone':
      page.replaceChildren(note(`The insight “${message.id}” is gone: its file was deleted, renamed, or is not on this branch.`));
      report(message.id, 'gone');
      return;
    case 'notice':
      live.textContent = message.message;
      return;
  }
}

function render(insight: InsightView, tags: ReadonlyMap<string, TagView>, writable: boolean, omitted: number): void {
  // Keep the reader's place when the file changes under them.
  const scroll = document.scrollingElement?.scrollTop ?? 0;
  page.replaceChildren(header(insight, writable), strength(insight.strength), evidence(insight.evidence, tags, insight.strength, omitted), recommendations(insight.recommendations, writable), footer(insight, writable));
  if (document.scrollingElement) document.scrollingElement.scrollTop = scroll;
  report(insight.id, insight.status);
}

// ---------------------------------------------------------------------------------------
// Statement, status and lifecycle

function header(insight: InsightView, writable: boolean): HTMLElement {
  const head = el('header', 'head');
  const eyebrow = el('div', 'eyebrow');
  eyebrow.append(el('span', 'kind', 'Insight'), pill(insight.status));
  if (insight.confidence) eyebrow.append(el('span', `confidence confidence-${insight.confidence}`, `${insight.confidence} confidence`));
  const statement = el('h1', 'statement', insight.statement);
  head.append(eyebrow, statement);

  const links = el('dl', 'links');
  const link = (names: string[], one: string, many: string, kind: string) => {
    if (names.length) links.append(el('dt', '', names.length === 1 ? one : many), chips(names, kind));
  };
  link(
    insight.themes.map((t) => t.title),
    'Theme',
    'Themes',
    'theme',
  );
  link(
    insight.personas.map((p) => p.name),
    'Persona',
    'Personas',
    'persona',
  );
  if (links.childElementCount) head.append(links);

  const lifecycle = el('div', 'lifecycle');
  const steps = el('ol', `steps${insight.status === 'rejected' ? ' dimmed' : ''}`);
  steps.setAttribute('aria-label', 'Lifecycle');
  const at = LIFECYCLE.indexOf(insight.status);
  for (const [i, s] of LIFECYCLE.entries()) {
    const step = el('li', `step${i < at ? ' done' : ''}${i === at ? ' current' : ''}`);
    step.append(el('span', 'dot', i < at ? '✓' : String(i + 1)), el('span', 'label', STATUS_LABELS[s]));
    if (i === at) step.setAttribute('aria-current', 'step');
    steps.append(step);
  }
  lifecycle.append(steps);
  if (writable && insight.next.length) {
    const moves = el('div', 'moves');
    for (const s of insight.next) {
      const label = s === 'rejected' ? 'Reject' : insight.status === 'rejected' ? 'Revive as draft' : LIFECYCLE.indexOf(s) > at ? `Move to ${STATUS_LABELS[s]}` : `Back to ${STATUS_LABELS[s]}`;
      moves.append(
        button(label, { appearance: s === 'rejected' || LIFECYCLE.indexOf(s) < at ? 'secondary' : 'primary', title: `${label}: set the status to ${STATUS_LABELS[s].toLowerCase()}`, onClick: () => post({ type: 'setStatus', status: s }) }),
      );
    }
    lifecycle.append(moves);
  }
  head.append(lifecycle);
  return head;
}

function pill(status: InsightStatusValue): HTMLElement {
  return el('span', `pill status-${status}`, STATUS_LABELS[status]);
}

function chips(labels: string[], kind: string): HTMLElement {
  const dd = el('dd', 'chips');
  for (const label of labels) dd.append(el('span', `chip ${kind}`, label));
  return dd;
}

// ---------------------------------------------------------------------------------------
// Evidence strength

const VERDICTS: Record<StrengthView['level'], string> = {
  none: 'No usable evidence: this insight cites no highlight that can be counted.',
  'one-voice': 'One voice: all of the evidence comes from a single participant. One talkative participant is not a pattern — look for others who say the same before acting on it.',
  thin: 'Thin: two participants say this. Worth checking with more before it is relied on.',
  pattern: 'A pattern: several participants, independently, say this.',
};

function strength(s: StrengthView): HTMLElement {
  const section = el('section', `strength level-${s.level}`);
  section.setAttribute('aria-label', 'Evidence strength');
  const figures = el('div', 'figures');
  const figure = (n: number, unit: string, key: string) => {
    const f = el('div', 'figure');
    f.dataset.figure = key;
    f.append(el('span', 'n', String(n)), el('span', 'unit', `${unit}${n === 1 ? '' : 's'}`));
    return f;
  };
  figures.append(figure(s.highlights, 'highlight', 'highlights'), figure(s.participants, 'participant', 'participants'), figure(s.transcripts, 'transcript', 'transcripts'));
  const verdict = el('p', 'verdict');
  const warn = s.level === 'one-voice' || s.level === 'none';
  if (warn) verdict.setAttribute('role', 'note');
  verdict.append(el('span', 'level', warn ? '⚠ ' : ''), document.createTextNode(VERDICTS[s.level]));
  const notes = [
    s.level !== 'one-voice' && s.highlights > 2 && s.topParticipantShare > 0.5 ? `One participant said ${s.topParticipantShareText} of these highlights.` : '',
    s.withdrawn.length ? `${plural(s.withdrawn.length, 'cited highlight')} of a participant who withdrew consent ${s.withdrawn.length === 1 ? 'is' : 'are'} left out and not counted.` : '',
    s.missing.length ? `${plural(s.missing.length, 'cited id')} ${s.missing.length === 1 ? 'is' : 'are'} no highlight any more (see Problems).` : '',
  ].filter(Boolean);
  section.append(figures, verdict, ...notes.map((n) => el('p', 'aside', n)));
  return section;
}

// ---------------------------------------------------------------------------------------
// Quotes

function evidence(quotes: QuoteView[], tags: ReadonlyMap<string, TagView>, s: StrengthView, omitted: number): HTMLElement {
  const section = el('section', 'evidence');
  const heading = el('h2', '');
  heading.append(document.createTextNode('Evidence'), el('span', 'count', plural(quotes.length + omitted, 'quote')));
  section.append(heading);
  const held = quotes.filter((q) => !q.quotable).length;
  if (held) {
    const which = held === quotes.length ? (held === 1 ? 'This quote' : 'None of these quotes') : `${held} of these ${quotes.length} quotes`;
    section.append(el('p', 'aside', `${which} may ${held === quotes.length && held > 1 ? '' : 'not '}appear in reports: the participant's consent keeps ${held === 1 ? 'it' : 'them'} inside this workspace (marked “not for reports”).`));
  }
  if (quotes.length === 0) section.append(note(s.withdrawn.length || s.missing.length ? 'None of the cited highlights can be shown.' : 'No highlights cited yet. Put the cursor in a highlight and run “Sift: Add Evidence to Insight…”.'));
  const list = el('ol', 'quotes');
  for (const q of quotes) list.append(quote(q, tags));
  section.append(list);
  if (omitted) section.append(note(`…and ${plural(omitted, 'more quote')}, too many to show here: the insight's file lists them all (Open YAML).`));
  return section;
}

function quote(q: QuoteView, tags: ReadonlyMap<string, TagView>): HTMLElement {
  const item = el('li', `quote${q.quotable ? '' : ' held'}`);
  item.dataset.id = q.id;
  item.tabIndex = 0;
  item.setAttribute('role', 'button');
  const where = q.source.replace(/^.*\//, '');
  item.setAttribute('aria-label', `${q.quote} — ${q.participant ?? where}. ${q.quotable ? '' : 'Not for reports. '}Open the passage in ${where}.`);
  item.title = `Open the passage in ${q.source}`;
  const words = el('blockquote', 'words', q.quote);
  const meta = el('div', 'meta');
  meta.append(el('span', 'who', q.participant ?? 'unattributed'), el('span', 'where', where));
  const chipRow = el('span', 'tags');
  for (const id of q.tags) chipRow.append(tagChip(id, tags.get(id)));
  meta.append(chipRow);
  if (!q.quotable) {
    const mark = el('span', 'held-mark', 'not for reports');
    mark.title = q.consent;
    meta.append(mark);
  }
  item.append(words, meta);
  onActivate(item, () => post({ type: 'reveal', id: q.id }));
  return item;
}

// ---------------------------------------------------------------------------------------
// Recommendations

const ACTION_LABELS: Record<RecommendationView['status'], string> = { proposed: 'Proposed', agreed: 'Agreed', 'in-progress': 'In progress', done: 'Done', declined: 'Declined' };
const ACTION_MARKS: Record<RecommendationView['status'], string> = { proposed: '', agreed: '', 'in-progress': '◐', done: '✓', declined: '×' };

function recommendations(list: RecommendationView[], writable: boolean): HTMLElement {
  const section = el('section', 'recommendations');
  const heading = el('div', 'section-head');
  const h2 = el('h2', '');
  h2.append(document.createTextNode('Recommendations'), el('span', 'count', list.length ? summary(list) : ''));
  heading.append(h2);
  if (writable) heading.append(button('Add recommendation…', { title: 'Add a recommendation: an action and who owns it', onClick: () => post({ type: 'addRecommendation' }) }));
  section.append(heading);
  if (list.length === 0) section.append(note('No recommendations yet: what should change because of this?'));
  const rows = el('ol', 'recs');
  for (const [index, r] of list.entries()) rows.append(recommendation(r, index, writable));
  section.append(rows);
  return section;
}

/** One recommendation: the action, who owns it and when it is due (overdue marked), why it was declined, and what changed. */
function recommendation(r: RecommendationView, index: number, writable: boolean): HTMLElement {
  const row = el('li', `rec rec-${r.status}${r.overdue ? ' overdue' : ''}`);
  const body = el('div', 'rec-body');
  const facts = el('p', 'owner');
  facts.append(document.createTextNode(r.owner ? `Owner: ${r.owner}` : 'No owner yet'));
  if (r.due) facts.append(document.createTextNode(` · due ${r.due}`));
  if (r.overdue) facts.append(el('span', 'overdue-mark', 'Overdue'));
  body.append(el('p', 'action', r.action), facts);
  if (r.reason) body.append(el('p', 'reason', `Declined: ${r.reason}`));
  if (r.outcome) body.append(outcome(r.outcome, index));
  if (writable) {
    const edits = el('div', 'rec-edits');
    const edit = (label: string, field: 'owner' | 'due' | 'outcome', title: string) => button(label, { appearance: 'icon', title, onClick: () => post({ type: 'editRecommendation', index, field }) });
    edits.append(
      edit('Owner…', 'owner', `Change who owns “${r.action}”`),
      edit(r.due ? 'Due date…' : 'Set due date…', 'due', `Set when “${r.action}” is due`),
      edit(r.outcome ? 'Edit outcome…' : 'Record outcome…', 'outcome', `What changed because of “${r.action}”: a measure before and after, and its evidence`),
    );
    body.append(edits);
  }
  const status = writable
    ? dropdown({
        label: `Status of “${r.action}”`,
        options: RECOMMENDATION_STATUS_VALUES.map((s) => ({ value: s, label: ACTION_LABELS[s] })),
        value: r.status,
        onChange: (v) => post({ type: 'setRecommendationStatus', index, status: v as RecommendationView['status'] }),
      })
    : el('span', `pill rec-status-${r.status}`, ACTION_LABELS[r.status]);
  status.classList.add('rec-status');
  row.append(el('span', `rec-mark rec-status-${r.status}`, ACTION_MARKS[r.status]), body, status);
  return row;
}

/** What changed: the sentence, the measure before → after, and the evidence (each opens: a link, a file, a highlight). */
function outcome(o: NonNullable<RecommendationView['outcome']>, index: number): HTMLElement {
  const box = el('div', 'outcome');
  box.append(el('p', 'outcome-label', 'What changed'), el('p', 'outcome-change', o.change));
  if (o.measure) box.append(el('p', 'measure', o.measure));
  if (o.evidence.length) {
    const list = el('p', 'outcome-evidence');
    list.append(document.createTextNode('Evidence: '));
    for (const [i, e] of o.evidence.entries()) {
      if (i > 0) list.append(document.createTextNode(', '));
      const item = el('span', `evidence-ref evidence-${e.kind}`, e.ref);
      item.tabIndex = 0;
      item.setAttribute('role', 'button');
      item.title = e.kind === 'link' ? `Open ${e.ref} in the browser` : e.kind === 'highlight' ? `Open the passage of ${e.ref}` : `Open ${e.ref}`;
      onActivate(item, () => post({ type: 'openOutcomeEvidence', index, ref: e.ref }));
      list.append(item);
    }
    box.append(list);
  }
  return box;
}

function summary(list: RecommendationView[]): string {
  const counts = RECOMMENDATION_STATUS_VALUES.map((s) => [s, list.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  const overdue = list.filter((r) => r.overdue).length;
  return [...counts.map(([s, n]) => `${n} ${ACTION_LABELS[s].toLowerCase()}`), ...(overdue ? [`${overdue} overdue`] : [])].join(' · ');
}

function footer(insight: InsightView, writable: boolean): HTMLElement {
  const foot = el('footer', 'file');
  foot.append(el('span', 'path', insight.path), button('Open YAML', { appearance: 'secondary', title: `Open ${insight.path}`, onClick: () => post({ type: 'openFile' }) }));
  if (!writable) foot.append(el('span', 'readonly', 'Read-only: Restricted Mode'));
  return foot;
}

// ---------------------------------------------------------------------------------------

/** Tells the extension what is on screen, read from the page itself (integration tests check it). */
function report(id: string, status: string): void {
  if (!SIFT_TEST) return; // test build only (src/protocol/test-build.ts)
  const all = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
  const figures = all('.figure .n').map((n) => Number(n.textContent));
  post({
    type: 'rendered',
    report: {
      id,
      status,
      quotes: all('.quote').map((q) => q.dataset.id ?? ''),
      strength: [figures[0] ?? 0, figures[1] ?? 0, figures[2] ?? 0],
      level: /level-(\S+)/.exec(root.querySelector('.strength')?.className ?? '')?.[1] ?? 'none',
      recommendations: all('.rec').length,
      injected: all('img, script, iframe, a, object, embed').length,
    },
  });
}
function note(message: string): HTMLElement {
  return el('p', 'note', message);
}
