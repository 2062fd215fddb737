/** Element helpers for the Analysis view (text goes in through textContent only, never as markup). */
export { el, plural } from '../ui/dom';

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
