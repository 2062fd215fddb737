/**
 * Quote cards of the journey map: under a stage (with its sentiment marker and a remove
 * button, and Sift's sentiment proposal with Confirm / Change / Dismiss while the researcher
 * has set none) and in the candidate pool (with its first tags). Words from the study are only
 * ever set as text (textContent, title, aria-label), never as HTML. Where consent does not
 * let the words be shown the card says so and shows who and where only.
 */
import { el } from '../ui/dom';
import { sentimentLabel, signed, type LabelView, type MomentCard, type ProposalView, type QuoteCard } from '../../protocol/journey';

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

/** The class of a sentiment's colour; `unrated` for a card the researcher has not given one. */
export function sentimentClass(value: number | undefined): string {
  return value === undefined ? 'unrated' : (['s-2', 's-1', 's0', 's1', 's2'][value + 2] ?? 's0');
}

export interface MomentActions {
  writable: boolean;
  onSentiment(): void;
  onRemove(): void;
  /** Writes the proposed value. */
  onConfirm(value: number): void;
  onDismiss(): void;
}

export function momentElement(card: MomentCard, stageTitle: string, position: string, actions: MomentActions): HTMLElement {
  const rated = card.sentiment !== undefined;
  const { root, meta } = cardBase(card, `moment ${sentimentClass(card.sentiment)}`);
  if (rated) root.dataset.sentiment = String(card.sentiment);
  root.setAttribute('role', 'listitem');
  const marker = el('button', `sentiment ${sentimentClass(card.sentiment)}`, rated ? signed(card.sentiment!) : '?');
  marker.type = 'button';
  marker.tabIndex = -1;
  marker.disabled = !actions.writable;
  marker.title = rated ? `Sentiment ${signed(card.sentiment!)}: ${sentimentLabel(card.sentiment!)}${actions.writable ? ' — click to change (S, or + and −)' : ''}` : `No sentiment yet${actions.writable ? ' — click to set one (S)' : ''}`;
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
  if (card.proposal) root.append(proposalElement(card.proposal, actions, root));
  const feeling = rated ? `sentiment ${signed(card.sentiment!)}, ${sentimentLabel(card.sentiment!)}` : 'no sentiment yet';
  root.setAttribute('aria-label', `${card.quote ?? 'Words not shown'} — ${speaker(card)}; ${feeling}; ${position} under ${stageTitle}`);
  return root;
}

/**
 * Sift's proposal under a card's quote: "Proposed −1 negative — 'frightening'" with Confirm
 * (writes −1), Change (the quick pick) and Dismiss (not offered again); or, for a passage in a
 * language Sift has no lexicon for, why it proposes nothing.
 */
function proposalElement(proposal: ProposalView, actions: MomentActions, card: HTMLElement): HTMLElement {
  const box = el('div', 'proposal');
  const stop = (b: HTMLElement) => b.addEventListener('pointerdown', (e) => e.stopPropagation());
  if ('declined' in proposal) {
    card.dataset.proposal = 'declined';
    box.classList.add('declined');
    box.append(el('span', 'why', `No proposal: ${proposal.declined}`));
    return box;
  }
  card.dataset.proposal = proposal.label;
  box.classList.add(sentimentClass(proposal.value));
  const head = el('div', 'what');
  head.append(el('span', 'label', 'Proposed'), el('span', `value ${sentimentClass(proposal.value)}`, `${signed(proposal.value)} ${proposal.label}`));
  box.append(head, el('span', 'why', proposal.reason));
  box.title = `Sift proposes ${proposal.label} (${signed(proposal.value)}) from the words ${proposal.reason}. Nothing is written until you confirm.`;
  if (actions.writable) {
    const buttons = el('div', 'actions');
    const button = (label: string, className: string, title: string, run: () => void) => {
      const b = el('button', className, label);
      b.type = 'button';
      b.tabIndex = -1;
      b.title = title;
      stop(b);
      b.addEventListener('click', (e) => {
        e.stopPropagation();
        run();
      });
      buttons.append(b);
    };
    button('Confirm', 'confirm', `Write sentiment ${signed(proposal.value)} (${sentimentLabel(proposal.value)}) for this quote`, () => actions.onConfirm(proposal.value));
    button('Change…', 'change', 'Choose another sentiment for this quote', actions.onSentiment);
    button('Dismiss', 'dismiss', 'Dismiss this proposal: Sift will not propose a sentiment for this quote again', actions.onDismiss);
    box.append(buttons);
  }
  return box;
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
