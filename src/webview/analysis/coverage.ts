/**
 * The Sample coverage tab: one sentence on who was not heard enough, then per attribute a
 * bar per value — the actual share as a bar, the target as a marker — with the numbers and
 * the gap in whole participants ("1 short", "2 over") in words and colour, and what to recruit.
 * Every figure arrives written by the extension (the strings `sift stats` and the report
 * print); this view only lays them out. Without targets, how to add them, with a snippet.
 */
import type { CoverageAttributeView, CoverageMessage, CoverageValueView } from '../../protocol/analysis';
import { el, plural } from './dom';

export function renderCoverage(c: CoverageMessage): HTMLElement {
  const page = el('div', 'coverage');
  const head = el('header', 'coverage-head');
  head.append(el('h1', 'page-title', 'Who we heard from'), el('p', 'muted', `${plural(c.participants, 'participant')} counted (anyone who withdrew consent is left out). ${c.method}`));
  page.append(head);
  if (c.example !== undefined) {
    const hint = el('section', 'callout');
    hint.append(
      el('h2', 'callout-title', 'No sampling targets yet'),
      el(
        'p',
        '',
        'Add targets to research.yaml to compare the sample with the population you mean to hear from — as shares of the sample (30%) or as numbers of people ({count: 3}); `sift sampling import` takes shares from a census table. For example:',
      ),
      el('pre', 'snippet', c.example),
      el('p', 'muted', 'The values must be ones the attribute declares. This view updates as soon as the file is saved.'),
    );
    page.append(hint);
    return page;
  }
  const flagged = c.attributes.some((a) => a.values.some((v) => v.status !== 'on-target'));
  const summary = el('section', `callout ${c.attributes.some((a) => a.values.some((v) => v.status === 'under')) ? 'warn' : flagged ? 'info' : 'ok'}`);
  summary.setAttribute('role', 'status');
  const text = el('p', 'summary');
  for (const sentence of c.summary) {
    if (text.childNodes.length > 0) text.append(el('br'));
    if (sentence.lead) text.append(el('strong', `lead`, `${sentence.lead}: `));
    text.append(document.createTextNode(sentence.text));
  }
  summary.append(text);
  page.append(summary, legend());
  for (const a of c.attributes) page.append(attributeCard(a));
  return page;
}

function legend(): HTMLElement {
  const l = el('div', 'legend');
  l.setAttribute('aria-hidden', 'true');
  const item = (swatch: string, text: string) => {
    const i = el('span', 'legend-item');
    i.append(el('span', `swatch ${swatch}`), document.createTextNode(text));
    return i;
  };
  l.append(item('under', 'under-sampled'), item('on-target', 'on target'), item('over', 'over-sampled'), item('target', 'target'));
  return l;
}

function attributeCard(a: CoverageAttributeView): HTMLElement {
  const card = el('section', 'attribute');
  card.setAttribute('aria-label', `Sample by ${a.attribute}`);
  card.append(el('h2', 'attribute-title', a.attribute));
  // Bars share one scale per attribute, a little beyond its largest share, so small groups stay visible.
  const scale = Math.min(1, Math.max(...a.values.flatMap((v) => [v.target, v.actual])) * 1.15) || 1;
  const table = el('div', 'values');
  table.setAttribute('role', 'list');
  for (const v of a.values) table.append(valueRow(a.attribute, v, scale));
  card.append(table);
  return card;
}

function valueRow(attribute: string, v: CoverageValueView, scale: number): HTMLElement {
  const row = el('div', `value ${v.status}${v.remainder ? ' remainder' : ''}`);
  row.setAttribute('role', 'listitem');
  row.dataset.attribute = attribute;
  row.dataset.value = v.value;
  row.setAttribute('aria-label', `${attribute} ${v.value}: ${v.haveText}, target ${v.targetText} (${v.wantedText}); ${v.gapText}${v.adviceText ? `: ${v.adviceText}` : ''}`);
  const name = el('span', 'value-name', v.value);
  name.title = v.value;
  const track = el('span', 'track');
  const bar = el('span', 'bar');
  bar.style.width = `${(v.actual / scale) * 100}%`;
  const marker = el('span', 'marker');
  marker.style.left = `${(v.target / scale) * 100}%`;
  marker.title = `target ${v.targetText}`;
  track.append(bar, marker);
  const numbers = el('span', 'numbers');
  numbers.append(el('strong', '', v.haveText));
  const target = el('span', 'target', `target ${v.targetText}: ${v.wantedText}`);
  target.title = v.unit === 'share' ? 'A share of the sample, rounded to whole people' : 'A number of people';
  const gap = el('span', `gap ${v.status}`, `${v.status === 'on-target' ? '✓' : v.status === 'under' ? '▼' : '▲'} ${v.gapText}`);
  row.append(name, track, numbers, target, gap);
  if (v.adviceText) row.append(el('span', 'advice', v.adviceText));
  return row;
}
