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
import type { DetectionContext } from './detect';
import { privacyScan } from './scan-port';
import { Pseudonymiser } from './pseudonyms';
import { replaceSpans } from './remap';
import type { PrivacySources } from './scan';
import { NO_GUARD, type SharingGuard } from './share';
import { CodePointIndex } from '../text';

export interface QuoteTools {
  context: DetectionContext;
  pseudonymiser: Pseudonymiser;
  /** Masks the study's open personal-data findings in any quote shared (see `sharingGuard`). */
  guard: SharingGuard;
}

/** What quoting needs from a workspace and its private files (the key is only read: its pseudonyms are copied). */
export function quoteTools(ws: Workspace, sources: Pick<PrivacySources, 'key' | 'namesList'>, guard: SharingGuard = NO_GUARD): QuoteTools {
  return {
    context: privacyScan().detectionContext({ participantIds: ws.participants.map((p) => p.id), notNames: privacyScan().studyVocabulary(ws), names: privacyScan().knownNames(sources), guessNames: true }),
    pseudonymiser: new Pseudonymiser({ ...(sources.key?.pseudonyms ?? {}) }),
    guard,
  };
}

/** A text with the personal data found in it replaced by pseudonyms. */
export function pseudonymiseText(text: string, tools: QuoteTools): string {
  const raw = privacyScan().detectRaw(text, tools.context);
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

/**
 * The words of a highlight of `source` as its speaker's consent allows them to be shown, with
 * the study's open personal-data findings masked: the one call a shareable output makes.
 */
export function quoteAsAllowed(ws: Workspace, source: string, highlight: Pick<Highlight, 'quote' | 'speaker'> & Partial<Pick<Highlight, 'id' | 'start' | 'end'>>, tools: QuoteTools): AllowedQuote {
  const policy = quotePolicyForHighlight(ws, source, highlight.speaker);
  if (policy.quotes === 'none') return { policy, text: undefined };
  // Words not placed in a transcript (no id) have no findings to mask; pseudonymising still applies.
  const { id, start, end } = highlight;
  const masked = id !== undefined && start !== undefined && end !== undefined ? tools.guard.maskQuote(source, { id, start, end, quote: highlight.quote }).text : highlight.quote;
  return { policy, text: policy.quotes === 'verbatim' ? masked : pseudonymiseText(masked, tools) };
}
