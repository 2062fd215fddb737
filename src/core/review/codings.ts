/**
 * The codings `compareCodings` compares, taken from loaded workspaces: everything one
 * revision holds (a coder's branch), or the highlights one `coder:` made.
 */
import { participantOfHighlight, type Workspace } from '../workspace/workspace';
import type { AgreementInput, Coding } from './agreement';

/**
 * The highlights of a workspace as a coding; only those by `coder` when given, and only those
 * coded by hand with `handOnly` (assisted ones, `assisted:` on the highlight, left out).
 */
export function codingOf(ws: Workspace, name: string, coder?: string, options: { handOnly?: boolean } = {}): Coding {
  const spans = [...ws.highlightFiles.values()].flatMap((file) =>
    file.highlights
      .filter((h) => (coder === undefined || h.coder === coder) && !(options.handOnly && h.assisted))
      .map((h) => {
        // Where the highlight is now, when the transcript changed since it was stored.
        const r = ws.anchoring.get(h.id);
        const placed = r && r.state !== 'orphaned' ? { start: r.start, end: r.end } : { start: h.start, end: h.end };
        const participant = participantOfHighlight(ws, file.source, h.speaker);
        return { id: h.id, source: file.source, ...placed, tags: h.tags, quote: h.quote, ...(participant ? { participant } : {}) };
      }),
  );
  return { name, spans };
}

/** Coders named on highlights, most highlights first. */
export function codersOf(ws: Workspace): string[] {
  const counts = new Map<string, number>();
  for (const file of ws.highlightFiles.values()) for (const h of file.highlights) if (h.coder) counts.set(h.coder, (counts.get(h.coder) ?? 0) + 1);
  return [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([c]) => c);
}

/**
 * Transcripts two workspaces can be compared on: present in both with the same text (a
 * character-level comparison over different texts would compare different things).
 */
export function sharedTranscripts(a: Workspace, b: Workspace): AgreementInput['transcripts'] {
  return [...a.transcripts.values()].filter((t) => b.transcripts.get(t.path)?.hash === t.hash).map((t) => ({ path: t.path, length: t.length }));
}

export function tagLabels(...workspaces: Workspace[]): Map<string, string> {
  return new Map(workspaces.flatMap((ws) => ws.codebook.map((t) => [t.id, t.label] as [string, string])));
}
