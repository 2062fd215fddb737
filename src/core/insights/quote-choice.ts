/**
 * Which passages Sift may pick by itself to quote (a persona's quotes and statements, the
 * report's quotes): consent allows it (see evidence.ts), the words name no third party or
 * other personal data — "a woman called Precious" at the council must not reach a
 * stakeholder's slide — and, where there is a choice, a complete sentence reads better
 * than a fragment.
 *
 * `quoteIsShareable` is the one place that asks the privacy detectors about a quote; they
 * find third parties introduced by name ("a woman called Precious") as well as cue words.
 */
import type { DetectionContext } from '../privacy/detect';
import { privacyScan } from '../privacy/scan-port';
import type { Evidence, EvidenceIndex } from './evidence';

const contexts = new WeakMap<EvidenceIndex, DetectionContext>();
const shareable = new WeakMap<Evidence, boolean>();

/**
 * True when the privacy detectors find nothing in the quote but, at most, the speaker's
 * own participant id or name (which pseudonymisation already handles).
 */
export function quoteIsShareable(index: EvidenceIndex, e: Evidence): boolean {
  let known = shareable.get(e);
  if (known === undefined) {
    let context = contexts.get(index);
    if (!context) contexts.set(index, (context = privacyScan().detectionContext({ participantIds: index.participants })));
    known = privacyScan()
      .detectRaw(e.highlight.quote, context)
      .every((f) => f.participant !== undefined && f.participant === e.participant);
    shareable.set(e, known);
  }
  return known;
}

/**
 * A whole sentence (or several): begins with a capital letter or a digit (after an opening
 * quotation mark) and ends with . ! or ? (before a closing one), without a trailing "…".
 */
export function isCompleteSentence(text: string): boolean {
  const t = text.trim();
  return /^["“‘'(]?[\p{Lu}\d]/u.test(t) && /[.!?]["”’')]?$/u.test(t) && !/(\.\.\.|…)["”’')]?$/u.test(t);
}

/**
 * Quotable, shareable passages only, complete sentences first; otherwise in the order given.
 * `shareable` is how to tell: by default the detectors on the quote alone; a shareable output
 * that has the study's scan and the researchers' decisions (a SharingGuard) asks those instead,
 * so a name the team accepted can be quoted again.
 */
export function preferQuotes(index: EvidenceIndex, list: readonly Evidence[], shareable: (e: Evidence) => boolean = (e) => quoteIsShareable(index, e)): Evidence[] {
  const usable = list.filter((e) => e.quotable && shareable(e));
  return [...usable.filter((e) => isCompleteSentence(e.highlight.quote)), ...usable.filter((e) => !isCompleteSentence(e.highlight.quote))];
}
