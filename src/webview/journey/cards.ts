/**
 * Quote cards of the journey map: under a stage (with its sentiment marker and a remove
 * button) and in the candidate pool (with its first tags). Words from the study are only
 * ever set as text (textContent, title, aria-label), never as HTML. Where consent does not
 * let the words be shown the card says so and shows who and where only.
 */
import { el } from '../ui/dom';
import { sentimentLabel, signed, type LabelView, type MomentCard, type QuoteCard } from '../../protocol/journey';

const COLOUR = /^#[0-9a-fA-F]{6}$/;
/** How many tags a pool card shows; all are in its tooltip. */
const SHOWN_TAGS = 2;

/** Who said it: the participant, else the transcript's file name. */
function speaker(card: QuoteCard): string {
  return card.participant ?? card.source.replace(/^.*\//, '');
}

function cardBase(card: QuoteCard, className: string): { root: HTMLElement; meta: HTMLElement } {
  const root = el('div', className);
  root.dataset.id = card.id;
  root.tabIndex = 0;
  if (card.quote !== undefined) {
    root.append(el('p', 'quote', card.quote));
    root.title = `${card.quote}\n— ${speaker(card)}, ${card.source}\nClick to open the passage`;
  } else {
    root.append(el('p', 'withheld', 'Words not shown: this participant’s consent does not allow quoting.'));
    root.title = `${speaker(card)}, ${card.source}\nClick to open the passage`;
  }
  const meta = el('div', 'meta');
  // Who said it; the transcript only when there is no participant to name (it is in the tooltip).
  meta.append(el('span', 'who', speaker(card)));
  root.append(meta);
  return { root, meta };
}

export function sentimentClass(value: number): string {
  return ['s-2', 's-1', 's0', 's1', 's2'][value + 2] ?? 's0';
}

export interface MomentActions {
  writable: boolean;
  onSentiment(): void;
  onRemove(): void;
}

export function momentElement(card: MomentCard, stageTitle: string, position: string, actions: MomentActions): HTMLElement {
  const { root, meta } = cardBase(card, `moment ${sentimentClass(card.sentiment)}`);
  root.dataset.sentiment = String(card.sentiment);
  root.setAttribute('role', 'listitem');
  const marker = el('button', `sentiment ${sentimentClass(card.sentiment)}`, signed(card.sentiment));
  marker.type = 'button';
  marker.tabIndex = -1;
  marker.disabled = !actions.writable;
  marker.title = `Sentiment ${signed(card.sentiment)}: ${sentimentLabel(card.sentiment)}${actions.writable ? ' — click to change (S, or + and −)' : ''}`;
  marker.setAttribute('aria-label', marker.title);
  marker.addEventListener('pointerdown', (e) => e.stopPropagation());
  marker.addEventListener('click', (e) => {
    e.stopPropagation();
    actions.onSentiment();
  });
  meta.prepend(marker);
  if (actions.writable) {
    const remove = el('button', 'remove', '×');
    remove.type = 'button';
    remove.tabIndex = -1;
    remove.title = 'Take this quote off the journey (Delete)';
    remove.setAttribute('aria-label', remove.title);
    remove.addEventListener('pointerdown', (e) => e.stopPropagation());
    remove.addEventListener('click', (e) => {
      e.stopPropagation();
      actions.onRemove();
    });
    meta.append(remove);
  }
  root.setAttribute('aria-label', `${card.quote ?? 'Words not shown'} — ${speaker(card)}; sentiment ${signed(card.sentiment)}, ${sentimentLabel(card.sentiment)}; ${position} under ${stageTitle}`);
  return root;
}

export function poolElement(card: QuoteCard, tags: ReadonlyMap<string, LabelView>, position: string): HTMLElement {
  const { root } = cardBase(card, 'candidate');
  root.setAttribute('role', 'listitem');
  const chips = el('div', 'tags');
  for (const id of card.tags.slice(0, SHOWN_TAGS)) {
    const tag = tags.get(id);
    const chip = el('span', 'tag', tag?.label ?? id);
    if (tag?.color && COLOUR.test(tag.color)) chip.style.setProperty('--tag', tag.color);
    chips.append(chip);
  }
  if (card.tags.length > SHOWN_TAGS) chips.append(el('span', 'tag more-tags', `+${card.tags.length - SHOWN_TAGS}`));
  root.append(chips);
  const tagNames = card.tags.map((id) => tags.get(id)?.label ?? id);
  root.setAttribute('aria-label', `${card.quote ?? 'Words not shown'} — ${speaker(card)}${tagNames.length ? `; tags ${tagNames.join(', ')}` : ''}; ${position}`);
  return root;
}
