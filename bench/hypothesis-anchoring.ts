/**
 * The peer baseline: Hypothesis's quote anchoring (hypothesis/client,
 * src/annotator/anchoring/match-quote.ts), rewritten here for the benchmark only, so that
 * Sift's figures stand beside the best-known open quote anchoring on exactly the same edits.
 *
 * Its rules, as Hypothesis has them:
 *   - every exact occurrence of the quote is a candidate; only when there is none, the
 *     approximate matches (approx-string-match, Myers' algorithm) with at most
 *     min(256, quote length / 2) errors, the fewest-error ones only;
 *   - each candidate is scored 50 × quote + 20 × prefix + 20 × suffix + 2 × position
 *     (similarities 0..1, the context sides compared by the same approximate search against
 *     the text of the stored context's length next to the candidate; the position is
 *     1 − distance to the stored offset / text length), and the best one is taken.
 *
 * Hypothesis never asks for review: whatever it places, it places silently (state `moved`),
 * and what it cannot find is orphaned. Offsets in and out are code points, as in Sift.
 */
import search from 'approx-string-match';
import type { AnchorResult } from '../src/core/anchoring/anchor';
import type { StoredAnchor } from '../src/core/model';
import { CodePointIndex } from '../src/core/text';

interface Match {
  start: number;
  end: number;
  errors: number;
}

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const MAX_ERRORS = 256;

export function hypothesisAnchor(text: string, highlights: readonly StoredAnchor[]): AnchorResult[] {
  const index = new CodePointIndex(text);
  return highlights.map((h) => {
    const hint = index.toUtf16(Math.max(0, Math.min(h.start, index.length)));
    const found = matchQuote(text, h, hint);
    if (!found) return { id: h.id, state: 'orphaned', start: Math.min(h.start, index.length), end: Math.min(h.end, index.length), quote: '', confidence: 0, reason: 'no match' };
    const start = index.toCodePoint(found.start);
    const end = index.toCodePoint(found.end);
    return { id: h.id, state: 'moved', start, end, quote: index.slice(start, end), confidence: found.score, reason: 'best-scored match' };
  });
}

/** Exact occurrences if there are any, else the approximate matches within the budget. */
function candidates(text: string, pattern: string, maxErrors: number): Match[] {
  const exact: Match[] = [];
  for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) exact.push({ start: at, end: at + pattern.length, errors: 0 });
  return exact.length > 0 ? exact : search(text, pattern, maxErrors);
}

/** 1 − errors / length of the best match of `pattern` anywhere in `text`; 0 when either is empty. */
function similarity(text: string, pattern: string): number {
  if (pattern.length === 0 || text.length === 0) return 0;
  const best = candidates(text, pattern, pattern.length)[0];
  return best ? 1 - best.errors / pattern.length : 0;
}

function matchQuote(text: string, h: StoredAnchor, hint: number): { start: number; end: number; score: number } | undefined {
  const quote = h.quote;
  if (quote.length === 0) return undefined;
  const matches = candidates(text, quote, Math.min(MAX_ERRORS, quote.length / 2));
  let best: { start: number; end: number; score: number } | undefined;
  const total = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;
  for (const m of matches) {
    const quoteScore = 1 - m.errors / quote.length;
    const prefixScore = h.prefix ? similarity(text.slice(Math.max(0, m.start - h.prefix.length), m.start), h.prefix) : 1;
    const suffixScore = h.suffix ? similarity(text.slice(m.end, m.end + h.suffix.length), h.suffix) : 1;
    const positionScore = 1 - Math.abs(m.start - hint) / text.length;
    const score = (WEIGHTS.quote * quoteScore + WEIGHTS.prefix * prefixScore + WEIGHTS.suffix * suffixScore + WEIGHTS.position * positionScore) / total;
    // A stable sort on score keeps the first of equals, as Hypothesis's does.
    if (!best || score > best.score) best = { start: m.start, end: m.end, score };
  }
  return best;
}
