/**
 * Building the stored selectors of a highlight from the text it is made on.
 */
import type { StoredAnchor } from '../model';
import { CodePointIndex } from '../text';

/** Code points of context kept on each side of a quote (W3C TextQuoteSelector prefix/suffix). */
export const CONTEXT_LENGTH = 32;

/** The quote, prefix and suffix of the span [start, end) (code points) of a normalised text. */
export function makeAnchor(text: string | CodePointIndex, id: string, start: number, end: number): StoredAnchor {
  const index = typeof text === 'string' ? new CodePointIndex(text) : text;
  return {
    id,
    quote: index.slice(start, end),
    prefix: index.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: index.slice(end, Math.min(index.length, end + CONTEXT_LENGTH)),
    start,
    end,
  };
}
