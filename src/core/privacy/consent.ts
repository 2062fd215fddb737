/**
 * Consent: what a participant agreed to, as `participants.yaml` records it, and what that
 * allows. Reports, exports and persona quotes ask {@link quotePolicyFor} before showing a
 * participant's words; `sift check` lists every place that still refers to a participant
 * who withdrew.
 */
import type { Participant } from '../model';
import type { PointedProblem } from '../workspace/references';
import { highlightsPathFor, participantOfHighlight, type Workspace } from '../workspace/workspace';

export interface QuotePolicy {
  /** May the participant's words, analysis or mere presence appear at all? False only when they withdrew. */
  include: boolean;
  /**
   * How their words may be shown: `verbatim` as said; `pseudonymised` only after names
   * and details are replaced (run the text through `sift redact`'s pseudonyms); `none`
   * never quoted (their highlights count in the analysis, but no quote is shown).
   */
  quotes: 'verbatim' | 'pseudonymised' | 'none';
  /** A sentence saying why, for a report's footnote or a warning. */
  reason: string;
}

/**
 * What a participant's consent allows. No recorded consent is read cautiously: quotes
 * only pseudonymised, until the team records what was agreed.
 */
export function quotePolicyFor(participant: Participant | undefined): QuotePolicy {
  const consent = participant?.consent;
  const who = participant?.id ?? 'an unknown participant';
  if (!consent) return { include: true, quotes: 'pseudonymised', reason: `No consent is recorded for ${who}, so their words are shown only pseudonymised.` };
  const by = consent.by === 'participant' ? '' : ` (consent given by their ${consent.by})`;
  switch (consent.scope) {
    case 'verbatim':
      return { include: true, quotes: 'verbatim', reason: `${who} agreed to be quoted verbatim${by}.` };
    case 'anonymised':
      return { include: true, quotes: 'pseudonymised', reason: `${who} agreed to be quoted only anonymised${by}.` };
    case 'analysis-only':
      return { include: true, quotes: 'none', reason: `${who} agreed to their interview being analysed but not quoted${by}.` };
    case 'withdrawn':
      return { include: false, quotes: 'none', reason: `${who} withdrew consent${consent.date ? ` on ${consent.date}` : ''}: nothing of theirs may be used.` };
  }
}

/** The policy for a highlight's words: its speaker's, or its transcript's participant's. */
export function quotePolicyForHighlight(ws: Workspace, source: string, speaker: string | undefined): QuotePolicy {
  const id = participantOfHighlight(ws, source, speaker);
  return quotePolicyFor(ws.participants.find((p) => p.id === id) ?? (id ? { id, attributes: {} } : undefined));
}

/**
 * Every place that still refers to a participant who withdrew: their transcripts, the
 * highlights of their words, and themes, insights, personas and journeys citing those
 * highlights or the participant. Each with the fix.
 */
export function withdrawnReferences(ws: Workspace): PointedProblem[] {
  const withdrawn = new Set(ws.participants.filter((p) => p.consent?.scope === 'withdrawn').map((p) => p.id));
  if (withdrawn.size === 0) return [];
  const out: PointedProblem[] = [];
  const report = (path: string, pointer: (string | number)[], message: string) => out.push({ path, pointer, severity: 'error', code: 'withdrawn-consent', message });
  /** Highlight id → the withdrawn participant whose words it holds. */
  const theirs = new Map<string, string>();
  for (const t of ws.transcripts.values()) {
    const only = t.meta.participants ?? (t.meta.participant ? [t.meta.participant] : []);
    const gone = only.filter((id) => withdrawn.has(id));
    if (gone.length > 0 && gone.length === only.length)
      report(
        t.path,
        [],
        `This transcript is ${gone.join(' and ')}'s, who withdrew consent. Delete it (and ${highlightsPathFor(ws.project, t.path)}), or move it out of the workspace to wherever your ethics approval says withdrawn data goes.`,
      );
  }
  for (const file of ws.highlightFiles.values()) {
    file.highlights.forEach((h, i) => {
      const who = participantOfHighlight(ws, file.source, h.speaker);
      if (!who || !withdrawn.has(who)) return;
      theirs.set(h.id, who);
      report(file.path, ['highlights', i], `Highlight ${h.id} holds the words of ${who}, who withdrew consent. Delete this highlight (and remove ${h.id} wherever it is cited).`);
    });
  }
  const cites = (path: string, key: string, ids: readonly string[], what: string) =>
    ids.forEach((id, i) => {
      const who = theirs.get(id);
      if (who) report(path, [key, i], `This ${what} cites highlight ${id}, the words of ${who}, who withdrew consent. Remove ${id} from ${key}.`);
    });
  for (const t of ws.themes.values()) cites(t.path, 'highlights', t.highlights, 'theme');
  for (const ins of ws.insights.values()) cites(ins.path, 'evidence', ins.evidence, 'insight');
  for (const p of ws.personas.values()) {
    cites(p.path, 'quotes', p.quotes, 'persona');
    p.participants.forEach((id, i) => {
      if (withdrawn.has(id)) report(p.path, ['participants', i], `This persona is based partly on ${id}, who withdrew consent. Remove ${id} from participants and review the persona's share and traits without them.`);
    });
  }
  for (const j of ws.journeys.values())
    j.stages.forEach((s, si) =>
      s.highlights.forEach((h, hi) => {
        const who = theirs.get(h.id);
        if (who) report(j.path, ['stages', si, 'highlights', hi], `This journey stage cites highlight ${h.id}, the words of ${who}, who withdrew consent. Remove it from the stage.`);
      }),
    );
  return out;
}
