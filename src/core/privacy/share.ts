/**
 * What may leave the study. A report, a CSV export or a persona card is shared beyond the
 * team, so the words it quotes must not carry anyone's personal data that the researcher has
 * not looked at: an open finding (not set aside by a decision, at or above the confidence
 * `sift check` warns at) inside a quote is masked, and the output says how many it masked.
 *
 * The guard is built once from a scan (the caller runs it: scanning reads files, the outputs
 * are pure) and asked per passage, so every shareable output masks the same way. Persona and
 * quote choice can also ask it which passages are clean, to prefer those.
 */
import type { Highlight } from '../model';
import type { IFileSystem } from '../ports';
import { privacyScan } from './scan-port';
import { CodePointIndex } from '../text';
import type { Workspace } from '../workspace/workspace';
import { applyDecisions, type PrivacyDecision } from './decisions';
import { KIND_LABELS, type PiiFinding, type PiiKind } from './findings';
import type { StudyFindings } from './scan';

/** The confidence from which `sift check` warns; shareable outputs mask from the same point. */
export const WARNING_CONFIDENCE = 0.5;

export interface MaskedQuote {
  text: string;
  /** The findings masked in it. */
  masked: PiiFinding[];
}

export interface SharingGuard {
  /** Open findings of a file overlapping the code-point range [start, end). */
  openFindingsIn(path: string, start: number, end: number): PiiFinding[];
  /** Open findings in a highlight's words (where anchoring places it now). */
  openFindingsInHighlight(source: string, highlight: Pick<Highlight, 'id' | 'start' | 'end'>): PiiFinding[];
  /** A highlight's words with every open finding in them replaced by what it was (`[name withheld]`). */
  maskQuote(source: string, highlight: Pick<Highlight, 'id' | 'quote' | 'start' | 'end'>): MaskedQuote;
}

/**
 * A guard over a scan's findings, with the researcher's decisions applied. Packed findings (a
 * whole study's scan) stay packed: only those in a quote asked about become objects.
 */
export function sharingGuard(ws: Workspace, findings: readonly PiiFinding[] | StudyFindings, decisions: readonly PrivacyDecision[]): SharingGuard {
  const openFindingsIn = Array.isArray(findings)
    ? openIn(findings, decisions)
    : (path: string, start: number, end: number) => applyDecisions((findings as StudyFindings).inFile(path)?.overlapping(start, end, WARNING_CONFIDENCE) ?? [], decisions).open;
  const placeOf = (h: Pick<Highlight, 'id' | 'start' | 'end'>) => {
    const r = ws.anchoring.get(h.id);
    return r && r.state !== 'orphaned' ? { start: r.start, end: r.end } : { start: h.start, end: h.end };
  };
  return {
    openFindingsIn,
    openFindingsInHighlight: (source, h) => {
      const { start, end } = placeOf(h);
      return openFindingsIn(source, start, end);
    },
    maskQuote: (source, h) => {
      const at = placeOf(h);
      const found = openFindingsIn(source, at.start, at.end);
      if (found.length === 0) return { text: h.quote, masked: [] };
      return { text: maskSpans(h.quote, at.start, found), masked: found };
    },
  };
}

/** Open findings overlapping a range, from findings as objects. */
function openIn(findings: readonly PiiFinding[], decisions: readonly PrivacyDecision[]): SharingGuard['openFindingsIn'] {
  const { open } = applyDecisions(
    findings.filter((f) => f.confidence >= WARNING_CONFIDENCE),
    decisions,
  );
  const byPath = new Map<string, PiiFinding[]>();
  for (const f of open) {
    const list = byPath.get(f.path);
    if (list) list.push(f);
    else byPath.set(f.path, [f]);
  }
  return (path, start, end) => (byPath.get(path) ?? []).filter((f) => f.start < end && start < f.end);
}

/** The guard of a loaded study, scanned now (a host with a scan cache builds it from its own scan instead). */
export async function studySharingGuard(fs: IFileSystem, ws: Workspace): Promise<SharingGuard> {
  const sources = await privacyScan().readPrivacySources(fs, ws);
  return sharingGuard(ws, await privacyScan().scanWorkspace(fs, ws, sources), sources.decisions);
}

/** A guard that masks nothing: for callers that have not scanned (tests, a study marked pseudonymised and clean). */
export const NO_GUARD: SharingGuard = { openFindingsIn: () => [], openFindingsInHighlight: () => [], maskQuote: (_s, h) => ({ text: h.quote, masked: [] }) };

/** What replaces a masked finding: its kind, never its words. */
export function maskLabel(kind: PiiKind): string {
  return `[${kind === 'name' ? 'name' : KIND_LABELS[kind].replace(/^an? /, '')} withheld]`;
}

/**
 * The quote with each finding's words replaced. A quote normally holds the words at its place
 * in the transcript, so findings are cut out by offset; where it does not (an edited quote),
 * by their words.
 */
function maskSpans(quote: string, quoteStart: number, findings: readonly PiiFinding[]): string {
  const index = new CodePointIndex(quote);
  const length = index.length;
  const byOffset = findings.every((f) => {
    const from = Math.max(0, f.start - quoteStart);
    const to = Math.min(length, f.end - quoteStart);
    return from < to && f.text.includes(index.slice(from, to));
  });
  if (!byOffset) return findings.reduce((text, f) => text.split(f.text).join(maskLabel(f.kind)), quote);
  let out = '';
  let last = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    const from = Math.max(last, f.start - quoteStart);
    const to = Math.min(length, f.end - quoteStart);
    if (to <= from) continue;
    out += index.slice(last, from) + maskLabel(f.kind);
    last = to;
  }
  return out + index.slice(last, length);
}
