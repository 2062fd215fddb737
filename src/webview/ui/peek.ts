/**
 * The peek: a quote read in its context without leaving the board or the journey map. A
 * click on a card asks the extension for the turns around the passage; they are shown in a
 * panel over the right side of the webview, scrolled to the passage (marked), with "Open in
 * Editor" for the whole transcript. The layout under it stays as it was. Every string is
 * transcript text, set as text. Styles in media/ui/peek.css.
 */
import type { PassageContext, PeekReport } from '../../protocol/context';
import { button } from './components';
import { el } from './dom';

export interface PeekOptions {
  /** "Open in Editor": the transcript, at the passage, in the editor group beside. */
  open(id: string): void;
  /** After the peek was shown, scrolled or closed (the panel reports what it shows). */
  changed(): void;
  /** The peek opens below this element (the toolbar), leaving it in reach. */
  below?: HTMLElement;
}

export class Peek {
  readonly el = el('aside', 'peek');
  private readonly title = el('h2', 'peek-title');
  private readonly body = el('div', 'peek-body');
  private shown: PassageContext | undefined;

  constructor(private readonly options: PeekOptions) {
    this.el.hidden = true;
    this.el.setAttribute('aria-label', 'The quote in context');
    const head = el('header', 'peek-head');
    head.append(
      this.title,
      button('Open in Editor', { title: 'Open the transcript at this passage, in the editor beside', onClick: () => this.openInEditor() }),
      button('Close', { appearance: 'icon', title: 'Close the context (Escape)', onClick: () => this.hide() }),
    );
    this.body.tabIndex = 0; // scrollable with the keyboard
    this.body.addEventListener('scroll', () => this.options.changed());
    this.el.append(head, this.body);
    // Escape closes the peek before it reaches the board (where it clears the selection).
    window.addEventListener(
      'keydown',
      (e) => {
        if (e.key !== 'Escape' || this.el.hidden) return;
        e.stopPropagation();
        e.preventDefault();
        this.hide();
      },
      true,
    );
  }

  get id(): string | undefined {
    return this.shown?.id;
  }

  show(context: PassageContext): void {
    this.shown = context;
    this.title.textContent = context.source;
    this.title.title = context.source;
    this.body.replaceChildren(...(context.missing ? [el('p', 'peek-missing', context.missing)] : context.turns.map(turnElement)));
    const top = (this.options.below?.getBoundingClientRect().bottom ?? 0) + 8;
    this.el.style.top = `${top}px`;
    this.el.style.maxHeight = `calc(100vh - ${top + 12}px)`;
    this.el.hidden = false;
    // In the middle of the peek, so the turns before it are in view too.
    this.body.querySelector('mark')?.scrollIntoView({ block: 'center', inline: 'nearest' });
    this.options.changed();
  }

  /** The editor beside takes over from the peek, which closes so the board is whole again. */
  private openInEditor(): void {
    if (!this.shown) return;
    this.options.open(this.shown.id);
    this.hide();
  }

  hide(): void {
    if (this.el.hidden) return;
    this.el.hidden = true;
    this.shown = undefined;
    this.options.changed();
  }

  /** What the peek shows, and whether the passage is in its view. */
  report(): PeekReport | undefined {
    if (!this.shown || this.el.hidden) return undefined;
    const mark = this.body.querySelector('mark')?.getBoundingClientRect();
    const view = this.body.getBoundingClientRect();
    const passageInView = !!mark && mark.width > 0 && mark.top >= view.top - 1 && mark.bottom <= view.bottom + 1 && mark.left >= view.left - 1 && mark.right <= view.right + 1;
    return { id: this.shown.id, passageInView };
  }
}

function turnElement(turn: PassageContext['turns'][number]): HTMLElement {
  const node = el('section', turn.mark ? 'turn passage' : 'turn');
  const who = [turn.speaker, turn.time, turn.date].filter(Boolean).join(' · ');
  if (who) node.append(el('div', 'turn-who', who));
  const words = el('p', 'turn-text');
  if (turn.mark) {
    const [a, b] = turn.mark;
    words.append(document.createTextNode(turn.text.slice(0, a)), el('mark', '', turn.text.slice(a, b)), document.createTextNode(turn.text.slice(b)));
  } else words.textContent = turn.text;
  node.append(words);
  return node;
}
