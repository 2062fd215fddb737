/**
 * What exports leave out because a participant withdrew consent (participants.yaml,
 * `consent.scope: withdrawn`): transcripts that are theirs alone, and every highlight of
 * their words, wherever it is cited. `sift check` already asks for these to be removed;
 * exports never carry them out of the workspace meanwhile.
 */
import { quotePolicyForHighlight } from '../privacy/consent';
import type { Workspace } from '../workspace/workspace';

export interface Withdrawn {
  participants: Set<string>;
  /** Transcripts whose declared participants all withdrew. */
  transcripts: Set<string>;
  /** Highlights of a withdrawn participant's words. */
  highlights: Set<string>;
}

export function withdrawnData(ws: Workspace): Withdrawn {
  const participants = new Set(ws.participants.filter((p) => p.consent?.scope === 'withdrawn').map((p) => p.id));
  const out: Withdrawn = { participants, transcripts: new Set(), highlights: new Set() };
  if (participants.size === 0) return out;
  for (const t of ws.transcripts.values()) {
    const declared = t.meta.participants ?? (t.meta.participant ? [t.meta.participant] : []);
    if (declared.length > 0 && declared.every((id) => participants.has(id))) out.transcripts.add(t.path);
  }
  for (const f of ws.highlightFiles.values()) {
    for (const h of f.highlights) {
      if (out.transcripts.has(f.source) || !quotePolicyForHighlight(ws, f.source, h.speaker).include) out.highlights.add(h.id);
    }
  }
  return out;
}
