/** Element helpers for the Analysis view (text goes in through textContent only, never as markup). */
export { el, plural } from '../ui/dom';
