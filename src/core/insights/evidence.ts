/**
 * Highlights as evidence: who said each one, in which transcript, whether their consent
 * lets it be used and quoted, and how strong a set of them is. One talkative participant
 * is not a pattern, so strength counts distinct participants and transcripts, not only
 * highlights. Withdrawn participants are left out here, once, so nothing built on this
 * index (insights, personas, matrices, reports) can count or quote them.
 */
import type { StrengthView } from '../../protocol/insight';
import { formatShare } from '../format';
import type { Highlight } from '../model';
import { quotePolicyFor, type QuotePolicy } from '../privacy/consent';
import { preferQuotes } from './quote-choice';
import { PerFileMap, type DerivedIndex } from '../workspace/derived';
import { participantsOfTranscript, type Workspace } from '../workspace/workspace';
import type { HighlightsFile } from '../model';

export interface Evidence {
  readonly highlight: Highlight;
  /** The transcript it is in. */
  readonly source: string;
  /** Whose words: the speaker when a participant, else the transcript's only participant. */
  readonly participant?: string;
  readonly policy: Readonly<QuotePolicy>;
  /** May the words be shown in a report or on a card (see {@link mayQuote}). */
  readonly quotable: boolean;
}

export interface EvidenceIndex {
  /** Usable highlights by id (withdrawn participants' highlights are not in it), in the study's order. */
  readonly byId: ReadonlyMap<string, Evidence>;
  /** Ids of highlights left out because their participant withdrew consent. */
  readonly withdrawn: ReadonlySet<string>;
  /** Participants who may be counted (all but the withdrawn), in participants.yaml order. */
  readonly participants: readonly string[];
}

/**
 * Whether words under this policy may be shown. Verbatim consent: yes. Anonymised consent
 * (or none recorded): only when research.yaml says the transcripts are already
 * pseudonymised (`privacy: {pseudonymised: true}`, e.g. after `sift redact`), because
 * Sift cannot be sure on its own that a quote gives nobody away. Analysis only: never.
 */
export function mayQuote(ws: Workspace, policy: QuotePolicy): boolean {
  return policy.quotes === 'verbatim' || (policy.quotes === 'pseudonymised' && ws.project?.privacy.pseudonymised === true);
}

export function indexEvidence(ws: Workspace): EvidenceIndex {
  return evidenceIndex.build(ws);
}

/**
 * The evidence index as the study service keeps it (src/core/workspace/derived.ts): made file
 * by file, so a change of one highlights file makes that file's evidence again and no other's.
 */
export const evidenceIndex: DerivedIndex<EvidenceIndex> = {
  name: 'evidence',
  build(ws) {
    const evidenceOf = fileEvidence(ws);
    const files = [...ws.highlightFiles.values()].map((file) => [file.path, evidenceOf(file)] as const);
    return {
      byId: PerFileMap.of(
        evidenceId,
        files.map(([path, e]) => [path, e.usable] as const),
      ),
      withdrawn: new Set(files.flatMap(([, e]) => e.withdrawn)),
      participants: ws.participants.filter((p) => p.consent?.scope !== 'withdrawn').map((p) => p.id),
    };
  },
  update(index, ws, changes) {
    if (!(index.byId instanceof PerFileMap)) return this.build(ws);
    const evidenceOf = fileEvidence(ws);
    const withdrawn = new Set(index.withdrawn);
    const made = changes.map((c) => {
      for (const h of c.before?.highlights ?? []) withdrawn.delete(h.id);
      const e = c.after && evidenceOf(c.after);
      for (const id of e?.withdrawn ?? []) withdrawn.add(id);
      return [c.path, e?.usable] as const;
    });
    return { byId: index.byId.with(made, ws.highlightFiles.keys()), withdrawn, participants: index.participants };
  },
};

const evidenceId = (e: Evidence): string => e.highlight.id;

/** The evidence of one highlights file: its usable highlights, and the ids of those left out (withdrawn consent). */
function fileEvidence(ws: Workspace): (file: HighlightsFile) => { usable: Evidence[]; withdrawn: string[] } {
  const participants = new Map(ws.participants.map((p) => [p.id, p]));
  const policies = new Map<string, { policy: QuotePolicy; quotable: boolean }>();
  const policyOf = (id: string | undefined) => {
    const key = id ?? '';
    let found = policies.get(key);
    if (!found) {
      const policy = quotePolicyFor(id === undefined ? undefined : (participants.get(id) ?? { id, attributes: {} }));
      found = { policy, quotable: mayQuote(ws, policy) };
      policies.set(key, found);
    }
    return found;
  };
  return (file) => {
    const usable: Evidence[] = [];
    const withdrawn: string[] = [];
    // Who speaks in a transcript is worked out once per file, not once per highlight.
    const speakers = participantsOfTranscript(ws, file.source);
    for (const h of file.highlights) {
      const participant = h.speaker !== undefined && speakers.includes(h.speaker) ? h.speaker : speakers.length === 1 ? speakers[0] : undefined;
      const { policy, quotable } = policyOf(participant);
      if (!policy.include) withdrawn.push(h.id);
      else usable.push({ highlight: h, source: file.source, ...(participant !== undefined ? { participant } : {}), policy, quotable });
    }
    return { usable, withdrawn };
  };
}

/** Highlights, distinct participants and transcripts, and a level: what the insight view's messages carry (src/protocol/insight.ts). */
export type EvidenceStrength = StrengthView;

/** How strong the evidence behind an insight or a theme is. Duplicate ids count once. */
export function evidenceStrength(index: EvidenceIndex, ids: readonly string[]): EvidenceStrength {
  const participants = new Map<string, number>();
  const transcripts = new Set<string>();
  const missing: string[] = [];
  const withdrawn: string[] = [];
  let highlights = 0;
  for (const id of new Set(ids)) {
    const e = index.byId.get(id);
    if (!e) {
      (index.withdrawn.has(id) ? withdrawn : missing).push(id);
      continue;
    }
    highlights++;
    transcripts.add(e.source);
    if (e.participant !== undefined) participants.set(e.participant, (participants.get(e.participant) ?? 0) + 1);
  }
  const top = Math.max(0, ...participants.values());
  const n = participants.size;
  return {
    highlights,
    participants: n,
    transcripts: transcripts.size,
    topParticipantShare: highlights === 0 ? 0 : top / highlights,
    topParticipantShareText: formatShare(highlights === 0 ? 0 : top / highlights),
    level: highlights === 0 ? 'none' : n <= 1 ? 'one-voice' : n === 2 ? 'thin' : 'pattern',
    missing,
    withdrawn,
  };
}

/** `1 highlight`, `9 highlights`. */
export function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `9 highlights from 6 participants in 5 transcripts`. */
export function describeStrength(s: EvidenceStrength): string {
  const count = countOf;
  return `${count(s.highlights, 'highlight')} from ${count(s.participants, 'participant')} in ${count(s.transcripts, 'transcript')}`;
}

/**
 * Up to `max` quotable highlights, at most one per participant first (so a quote list is
 * not one voice), in the order given, but complete sentences first and never one naming a
 * third party (see quote-choice.ts).
 */
export function pickQuotes(index: EvidenceIndex, ids: readonly string[], max: number, shareable?: (e: Evidence) => boolean): Evidence[] {
  const quotable = preferQuotes(
    index,
    [...new Set(ids)].map((id) => index.byId.get(id)).filter((e): e is Evidence => e !== undefined),
    shareable,
  );
  const seen = new Set<string>();
  const first: Evidence[] = [];
  const rest: Evidence[] = [];
  for (const e of quotable) {
    const who = e.participant ?? `?${e.source}`;
    (seen.has(who) ? rest : first).push(e);
    seen.add(who);
  }
  return [...first, ...rest].slice(0, max);
}
