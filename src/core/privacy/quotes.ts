/**
 * A highlight's words as a report, an export or a persona card may show them, by the
 * consent of whoever said them (see `quotePolicyFor`): verbatim, pseudonymised, or not at
 * all. Pseudonymising a quote here is best effort — the patterns, the key's names and the
 * names list, with the pseudonyms the key already gave — and writes nothing; `sift redact`
 * on the transcripts is the thorough way.
 */
import type { Highlight } from '../model';
import type { Workspace } from '../workspace/workspace';
import { quotePolicyForHighlight, type QuotePolicy } from './consent';
import { detectionContext, detectRaw, type DetectionContext } from './detect';
import { Pseudonymiser } from './pseudonyms';
import { replaceSpans } from './remap';
import { knownNames, type PrivacySources } from './scan';
import { CodePointIndex } from '../text';

export interface QuoteTools {
  context: DetectionContext;
  pseudonymiser: Pseudonymiser;
}

/** What quoting needs from a workspace and its private files (the key is only read: its pseudonyms are copied). */
export function quoteTools(ws: Workspace, sources: Pick<PrivacySources, 'key' | 'namesList'>): QuoteTools {
  return {
    context: detectionContext({ participantIds: ws.participants.map((p) => p.id), names: knownNames(sources), guessNames: true }),
    pseudonymiser: new Pseudonymiser({ ...(sources.key?.pseudonyms ?? {}) }),
  };
}

/** A text with the personal data found in it replaced by pseudonyms. */
export function pseudonymiseText(text: string, tools: QuoteTools): string {
  const raw = detectRaw(text, tools.context);
  if (raw.length === 0) return text;
  const index = new CodePointIndex(text);
  const edits = raw.map((f) => {
    const original = text.slice(f.start, f.end);
    const pseudonym = tools.pseudonymiser.pseudonymFor({ path: '', kind: f.kind, text: original, start: 0, end: 0, line: 1, column: 1, confidence: f.confidence, basis: f.basis, ...(f.participant ? { participant: f.participant } : {}) });
    return { start: index.toCodePoint(f.start), end: index.toCodePoint(f.end), replacement: pseudonym };
  });
  return replaceSpans(text, edits).text;
}

export interface AllowedQuote {
  policy: QuotePolicy;
  /** The words to show, or undefined when they may not be shown (analysis only, withdrawn). */
  text: string | undefined;
}

/** The words of a highlight of `source` as its speaker's consent allows them to be shown. */
export function quoteAsAllowed(ws: Workspace, source: string, highlight: Pick<Highlight, 'quote' | 'speaker'>, tools: QuoteTools): AllowedQuote {
  const policy = quotePolicyForHighlight(ws, source, highlight.speaker);
  const text = policy.quotes === 'verbatim' ? highlight.quote : policy.quotes === 'pseudonymised' ? pseudonymiseText(highlight.quote, tools) : undefined;
  return { policy, text };
}
