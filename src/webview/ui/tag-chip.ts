/**
 * A tag as a chip: its label, and its codebook colour as a stripe. The colour is used only
 * when it is a plain `#rrggbb`, so a codebook cannot slip other CSS in; the label is text.
 */
import type { TagView } from '../../protocol/board';

const COLOUR = /^#[0-9a-fA-F]{6}$/;

export function tagChip(id: string, tag: TagView | undefined): HTMLElement {
  const chip = document.createElement('span');
  chip.className = 'tag';
  chip.textContent = tag?.label ?? id;
  if (tag?.color && COLOUR.test(tag.color)) chip.style.setProperty('--tag', tag.color);
  return chip;
}
