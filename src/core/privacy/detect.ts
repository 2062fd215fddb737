/**
 * Finding personal data in one text: the shaped patterns and the names, overlaps resolved
 * (the more certain, then the longer finding wins), placed as code-point offsets with
 * lines and columns. Pure: the caller supplies what is known about the study's people.
 */
import { CodePointIndex, computeLineStarts } from '../text';
import type { PiiFinding, RawFinding } from './findings';
import { findContextNames, findUncuedNames, NameMatcher, TITLE_PREFIX, type KnownName, type NameKnowledge } from './names';
import { findPatterns } from './patterns';

export interface DetectionContext extends NameKnowledge {
  /** Participant ids (P07 …): never names. */
  participantIds: ReadonlySet<string>;
  /** Names from the key file and the team's names list, and names learnt from context. */
  names: NameMatcher;
  /**
   * Guesses from context (speaker labels, titles, introductions): off for a workspace marked
   * as pseudonymised, whose transcripts legitimately hold made-up names.
   */
  guessNames: boolean;
  /** Findings below this confidence are left out. */
  minConfidence: number;
}

export function detectionContext(options: { participantIds?: Iterable<string>; notNames?: Iterable<string>; names?: readonly KnownName[]; guessNames?: boolean; minConfidence?: number } = {}): DetectionContext {
  return {
    participantIds: new Set(options.participantIds ?? []),
    notNames: new Set([...(options.notNames ?? [])].map((n) => n.toLowerCase())),
    names: new NameMatcher(options.names ?? []),
    guessNames: options.guessNames ?? true,
    minConfidence: options.minConfidence ?? 0.5,
  };
}

/** Every finding in a text (a file's normalised text), sorted by position, none overlapping. */
export function detectPersonalData(path: string, text: string, context: DetectionContext): PiiFinding[] {
  return placeFindings(path, text, detectRaw(text, context));
}

/**
 * Raw findings (UTF-16 offsets) in a string, overlaps resolved. A name learnt from context
 * here ("Grace Adeyemi:") is also found wherever else it occurs in the same text ("Thanks,
 * Grace"); across files, the workspace scan does the same.
 */
export function detectRaw(text: string, context: DetectionContext): RawFinding[] {
  const guessed = context.guessNames ? findContextNames(text, context) : [];
  const learnt = guessed.length > 0 ? new NameMatcher(guessed.map((f) => ({ name: learntName(text.slice(f.start, f.end)), basis: 'context' as const }))).find(text) : [];
  const uncued = context.guessNames ? findUncuedNames(text, context) : [];
  const all = [...findPatterns(text), ...context.names.find(text), ...guessed, ...learnt, ...uncued];
  return withoutOverlaps(all.filter((f) => f.confidence >= context.minConfidence && !context.participantIds.has(text.slice(f.start, f.end))));
}

/** The name to look for elsewhere: "Mrs Thompson" is found again as "Thompson". */
export function learntName(found: string): string {
  return found.replace(TITLE_PREFIX, '');
}

/**
 * Keeps the more certain (then longer, then earlier) of overlapping findings. The kept ones
 * never overlap, so a new one need only be compared with its neighbours in position order.
 */
function withoutOverlaps(findings: RawFinding[]): RawFinding[] {
  const ranked = [...findings].sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: RawFinding[] = [];
  for (const f of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.start < f.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if ((before && before.end > f.start) || (after && after.start < f.end)) continue;
    kept.splice(lo, 0, f);
  }
  return kept;
}

/** From UTF-16 offsets in `text` to findings with code points, lines and columns. */
export function placeFindings(path: string, text: string, raw: readonly RawFinding[], offset: { index?: CodePointIndex; lineStarts?: number[] } = {}): PiiFinding[] {
  if (raw.length === 0) return [];
  const index = offset.index ?? new CodePointIndex(text);
  const lineStarts = offset.lineStarts ?? computeLineStarts(text);
  let line = 0;
  return raw.map((f) => {
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= f.start) line++;
    return {
      path,
      kind: f.kind,
      text: text.slice(f.start, f.end),
      start: index.toCodePoint(f.start),
      end: index.toCodePoint(f.end),
      line: line + 1,
      column: index.toCodePoint(f.start) - index.toCodePoint(lineStarts[line]!) + 1,
      confidence: f.confidence,
      basis: f.basis,
      ...(f.participant ? { participant: f.participant } : {}),
    };
  });
}
