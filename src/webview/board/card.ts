/**
 * One card: quote (clamped to three lines), who said it, tag chips in codebook colours and
 * a memo marker. Everything from the study is set as text (textContent, title), never as
 * HTML, so a transcript or tag name cannot inject markup.
 */
import type { CardView, TagView } from '../../protocol/board';
import { tagChip } from '../ui/tag-chip';

/** Shows or clamps the whole quote of a mounted card (it then overlaps the cards below, above them). */
export function setExpanded(el: HTMLElement, expanded: boolean): void {
  el.classList.toggle('expanded', expanded);
  el.setAttribute('aria-expanded', String(expanded));
  const more = el.querySelector('.more');
  if (more) {
    more.textContent = expanded ? '⌃' : '⌄';
    more.setAttribute('aria-label', expanded ? 'Clamp the quote' : 'Show the whole quote');
  }
}

/** How many participant attributes a card shows (the first ones research.yaml declares); all of them are in the tooltip. */
const SHOWN_ATTRIBUTES = 2;

export function cardElement(card: CardView, tags: ReadonlyMap<string, TagView>, attributes: readonly string[], position: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'card';
  el.id = `card-${card.id}`;
  el.dataset.id = card.id;
  el.setAttribute('role', 'option');
  el.tabIndex = -1;

  const quote = document.createElement('p');
  quote.className = 'quote';
  quote.textContent = card.quote;
  el.append(quote);

  const meta = document.createElement('div');
  meta.className = 'meta';
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = card.participant ?? card.source.replace(/^.*\//, '');
  const named = attributes.filter((a) => card.attributes[a] !== undefined).map((a) => [a, card.attributes[a]!] as const);
  // A bare "yes" or "no" says nothing without the attribute's name.
  const shown = named.slice(0, SHOWN_ATTRIBUTES).map(([a, v]) => (/^(yes|no|true|false)$/i.test(v) ? `${a}: ${v}` : v));
  const attrs = document.createElement('span');
  attrs.className = 'attrs';
  attrs.textContent = [...shown, card.time].filter(Boolean).join(' · ');
  who.title = [card.participant, ...named.map(([a, v]) => `${a}: ${v}`), card.source].filter(Boolean).join('\n');
  meta.append(who, attrs);
  const more = document.createElement('button');
  more.className = 'more';
  more.type = 'button';
  more.tabIndex = -1;
  more.textContent = '⌄';
  more.title = 'Show the whole quote (E)';
  more.setAttribute('aria-label', 'Show the whole quote');
  meta.append(more);
  if (card.note) {
    const memo = document.createElement('span');
    memo.className = 'memo codicon';
    memo.textContent = '✎';
    memo.title = `Memo: ${card.note}`;
    meta.append(memo);
  }
  if (!card.anchored) {
    const lost = document.createElement('span');
    lost.className = 'lost';
    lost.textContent = '⚠';
    lost.title = 'This quote can no longer be found in its transcript.';
    meta.append(lost);
  }
  el.append(meta);

  const chips = document.createElement('div');
  chips.className = 'tags';
  for (const id of card.tags) chips.append(tagChip(id, tags.get(id)));
  el.append(chips);

  const tagNames = card.tags.map((id) => tags.get(id)?.label ?? id);
  el.setAttribute('aria-label', `${card.quote} — ${card.participant ?? card.source}${tagNames.length ? `; tags ${tagNames.join(', ')}` : ''}${card.note ? `; memo: ${card.note}` : ''}; ${position}`);
  el.title = card.quote;
  return el;
}
