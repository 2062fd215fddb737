/**
 * What a research report says, as plain data: findings with their evidence and
 * recommendations, themes, personas, journeys, who was heard, and how the study was done.
 * Rendered as Markdown or HTML by the sibling modules, and usable by any view as is.
 *
 * Consent is applied here, once: a withdrawn participant is in nothing; words are
 * included only where consent allows them to be shown (see `mayQuote`), so no renderer
 * can leak them. Quotes are attributed by participant id only.
 */
import { studyReach, type StudyReach } from './reach';
import { evidenceStrength, indexEvidence, pickQuotes, type Evidence, type EvidenceIndex, type EvidenceStrength } from '../insights/evidence';
import { journeyView, type JourneyView } from '../journeys/journey';
import type { InsightStatus, Persona, PersonaStatus, Recommendation, Transcript } from '../model';
import { describeSeparation } from '../personas/kmeans';
import { typicalQuotes } from '../personas/generate';
import { isAccepted, personaSet, personaStatus } from '../personas/status';
import { segmentAttributes } from '../segments/segment';
import { samplingCoverage, type SamplingRow } from '../stats';
import { participantsNamedByTranscripts, participantsOfTranscript, type Workspace } from '../workspace/workspace';
import { NO_GUARD, type SharingGuard } from '../privacy/share';
import { reportActions, type ReportActions } from './outcomes';
import { kindLabel } from '../sources/kinds';
import { linkableClip } from '../media/clips';

const mapDefined = <T, U>(value: T | undefined, f: (v: T) => U): U | undefined => (value === undefined ? undefined : f(value));

export interface ReportQuote {
  id: string;
  text: string;
  /** Participant id, or undefined when the speaker is unknown. */
  participant?: string;
  /** A link to the quote's clip, where one was made and consent allows it (see ReportOptions.clips). */
  clip?: string;
}

export interface ReportEvidence {
  strength: EvidenceStrength;
  quotes: ReportQuote[];
  /** Cited highlights whose words consent does not let the report show. */
  withheld: number;
}

export interface ReportTheme extends ReportEvidence {
  id: string;
  title: string;
  summary?: string;
}

export interface ReportInsight extends ReportEvidence {
  id: string;
  statement: string;
  status: InsightStatus;
  confidence?: string;
  themes: string[];
  recommendations: readonly Recommendation[];
}

export interface ReportPersona {
  id: string;
  name: string;
  label?: string;
  summary?: string;
  /** Participants (withdrawn ones left out) and their share of the sample. */
  participants: number;
  share: number;
  /** Drafts are left out of reports; a card or a page of one draft says it is one. */
  status: PersonaStatus;
  /** The set it belongs to (see personas/status.ts): shares add up within a set only. */
  set: string;
  /** With, where generated, how many members use the code against how many of the others. */
  distinguishing: { label: string; lift: number; members?: number; of?: number; others?: number; othersOf?: number }[];
  goals: readonly string[];
  frustrations: readonly string[];
  behaviours: readonly string[];
  quotes: ReportQuote[];
  /** How it was generated, when Sift generated it. */
  method?: string;
  /** How separable the groups were when generated: silhouettes of the group and of its set, and the group's in words. */
  separation?: { group: number; set: number; words: string };
}

/** One segmentation written back by `sift segments`: each segment's share of the total sample and its typical quotes. */
export interface ReportSegmentation {
  attribute: string;
  segments: { value: string; participants: number; share: number; quotes: ReportQuote[] }[];
  /** Counted participants with no segment. */
  unassigned: number;
}

export interface ReportStage {
  id: string;
  title: string;
  description?: string;
  mean?: number;
  highlights: number;
  participants: number;
  lowest: boolean;
  quotes: ReportQuote[];
}

export interface ReportJourney {
  id: string;
  title: string;
  persona?: string;
  stages: ReportStage[];
  lowPoints: string[];
}

export interface ReportMethod {
  /** Transcripts by kind, e.g. `{kind: 'interview', count: 6}`, commonest first. */
  /** Sources per kind; `label` is how the study names the kind (its declared label, in lower case). */
  sources: { kind: string; label: string; count: number }[];
  participants: number;
  /** Participants the transcripts name while participants.yaml lists nobody (0 when it lists anyone): said instead of "0 participants". */
  unlisted: number;
  withdrawn: number;
  /** Participants by what their consent allows: verbatim, anonymised, analysis-only, not recorded. */
  consent: { scope: string; count: number }[];
  highlights: number;
  /** Highlights with at least one tag: survey comments arrive as untagged highlights. */
  tagged: number;
  tags: number;
  coders: { name: string; highlights: number }[];
  /** Highlights written by assisted coding (auto-code rules, accepted suggestions), by how and rule; the rest were coded by hand. */
  assisted: { by: string; rule: string; highlights: number }[];
  /** Cited highlights whose words were not shown because of consent. */
  withheldQuotes: number;
  /** Possible personal data masked in the quotes shown (open findings of \`sift pii\`), by kind. */
  maskedPersonalData: { kind: string; count: number }[];
  /** Dates of the transcripts, first and last (YYYY-MM-DD), when recorded. */
  period?: { from: string; to: string };
}

export interface ReportData {
  title: string;
  /** Findings, or only who was heard so far (said at the top), or nothing (no report is made). */
  reach: StudyReach;
  description?: string;
  date?: string;
  findings: ReportInsight[];
  emerging: ReportInsight[];
  setAside: ReportInsight[];
  themes: ReportTheme[];
  /** Accepted personas only. */
  personas: ReportPersona[];
  /** Draft personas left out of the report, until the team accepts them. */
  draftPersonas: number;
  segmentations: ReportSegmentation[];
  journeys: ReportJourney[];
  sampling: SamplingRow[];
  method: ReportMethod;
  /** What changed as a result: outcomes of recommendations, and the roll-up (see outcomes.ts). */
  actions: ReportActions;
}

const QUOTES_PER_ITEM = 3;
const STATUS_ORDER: InsightStatus[] = ['actioned', 'accepted', 'in-review', 'draft', 'rejected'];

export interface ReportOptions {
  date?: string;
  /** Masks possible personal data in quotes (see `sharingGuard`); without one, quotes are shown as consent allows. */
  guard?: SharingGuard;
  /**
   * Links quotes to their clips: `exists` answers whether a study file (`.sift/clips/<id>.mp4`)
   * is there, `href` gives the link to it from where the report is read. Without it, no links.
   */
  clips?: ClipLinks;
}

export interface ClipLinks {
  exists: (path: string) => boolean;
  href: (path: string) => string;
}

export function buildReport(ws: Workspace, options: ReportOptions = {}): ReportData {
  const index = indexEvidence(ws);
  const guard = options.guard ?? NO_GUARD;
  const clips = options.clips;
  // Which clip a quote links to is the media core's decision (consent now, the file there), as `sift clip` makes them.
  const masking = new QuoteMasking(guard, clips && ((id) => mapDefined(linkableClip(ws, id, clips.exists, guard), clips.href)));
  const toQuote = (e: Evidence) => masking.quote(e);
  const withheld = new Set<string>();
  const evidence = (ids: readonly string[]): ReportEvidence => {
    const quotes = pickQuotes(index, ids, QUOTES_PER_ITEM, masking.shareable).map(toQuote);
    const hidden = [...new Set(ids)].filter((id) => index.byId.has(id) && !index.byId.get(id)!.quotable);
    for (const id of hidden) withheld.add(id);
    return { strength: evidenceStrength(index, ids), quotes, withheld: hidden.length };
  };
  const themeTitle = (id: string) => ws.themes.get(id)?.title ?? id;

  const insights = [...ws.insights.values()]
    .map((i): ReportInsight => ({
      id: i.id,
      statement: i.statement,
      status: i.status,
      ...(i.confidence ? { confidence: i.confidence } : {}),
      themes: i.themes.map(themeTitle),
      recommendations: i.recommendations,
      ...evidence(i.evidence),
    }))
    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || b.strength.participants - a.strength.participants || b.strength.highlights - a.strength.highlights || (a.id < b.id ? -1 : 1));

  const themes = [...ws.themes.values()]
    .map((t): ReportTheme => ({ id: t.id, title: t.title, ...(t.summary ? { summary: t.summary } : {}), ...evidence(t.highlights) }))
    .sort((a, b) => b.strength.participants - a.strength.participants || b.strength.highlights - a.strength.highlights || (a.title < b.title ? -1 : 1));

  // Generated personas are proposals until the team accepts them: a report states findings.
  const accepted = [...ws.personas.values()].filter(isAccepted);
  const personas = accepted.map((p) => reportPersona(ws, p, index, masking)).sort((a, b) => (a.set < b.set ? -1 : a.set > b.set ? 1 : 0) || b.participants - a.participants || (a.name < b.name ? -1 : 1));

  const journeys = [...ws.journeys.values()].map((j) => reportJourney(journeyView(ws, j, index), index, ws.personas.get(j.persona ?? '')?.name, masking));
  const actions = reportActions(ws, index, masking, withheld, options.date ?? '');

  return {
    title: ws.project?.name ?? 'Research report',
    reach: studyReach(ws),
    ...(ws.project?.description ? { description: ws.project.description } : {}),
    ...(options.date ? { date: options.date } : {}),
    findings: insights.filter((i) => i.status === 'accepted' || i.status === 'actioned'),
    emerging: insights.filter((i) => i.status === 'in-review' || i.status === 'draft'),
    setAside: insights.filter((i) => i.status === 'rejected'),
    themes,
    personas,
    draftPersonas: ws.personas.size - accepted.length,
    segmentations: segmentAttributes(ws).map((a) => reportSegmentation(ws, index, a, toQuote)),
    journeys,
    sampling: samplingCoverage(ws),
    actions,
    method: { ...method(ws, index, withheld.size), maskedPersonalData: masking.summary() },
  };
}

/** A persona as the report (or a Markdown card) shows it: withdrawn participants left out, quotes consent allows. */
export function reportPersona(ws: Workspace, p: Persona, index: EvidenceIndex = indexEvidence(ws), masking = new QuoteMasking(NO_GUARD)): ReportPersona {
  const counted = new Set(index.participants);
  const members = p.participants.filter((id) => counted.has(id));
  return {
    id: p.id,
    name: p.name,
    ...(p.label ? { label: p.label } : {}),
    ...(p.summary ? { summary: p.summary } : {}),
    participants: members.length,
    share: counted.size === 0 ? 0 : members.length / counted.size,
    status: personaStatus(p),
    set: personaSet(p),
    distinguishing: p.distinguishing.map(({ tag, ...counts }) => ({ label: ws.codebook.find((t) => t.id === tag)?.label ?? tag, ...counts })),
    goals: p.goals,
    frustrations: p.frustrations,
    behaviours: p.behaviours,
    quotes: pickQuotes(index, p.quotes, QUOTES_PER_ITEM, masking.shareable).map((e) => masking.quote(e)),
    ...(p.generated?.method ? { method: p.generated.method } : {}),
    ...(p.generated?.silhouette ? { separation: { ...p.generated.silhouette, words: describeSeparation(p.generated.silhouette.group) } } : {}),
  };
}

/** Quotes as a shareable output shows them: open personal-data findings masked, and counted once per highlight. */
export class QuoteMasking {
  private readonly masked = new Map<string, string[]>();

  /** Which passages the report may choose to quote: with the study's scan, those without open findings (decisions count). */
  readonly shareable: ((e: Evidence) => boolean) | undefined;

  constructor(
    private readonly guard: SharingGuard,
    private readonly clipOf: (id: string) => string | undefined = () => undefined,
  ) {
    this.shareable = guard === NO_GUARD ? undefined : (e) => guard.openFindingsInHighlight(e.source, e.highlight).length === 0;
  }

  quote(e: Evidence): ReportQuote {
    const { text, masked } = this.guard.maskQuote(e.source, e.highlight);
    if (masked.length > 0)
      this.masked.set(
        e.highlight.id,
        masked.map((f) => f.kind),
      );
    const clip = this.clipOf(e.highlight.id);
    return { id: e.highlight.id, text, ...(e.participant !== undefined ? { participant: e.participant } : {}), ...(clip ? { clip } : {}) };
  }

  /** How many pieces of personal data were masked, by kind, commonest first. */
  summary(): { kind: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const kinds of this.masked.values()) for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
    return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
  }
}

/**
 * A segmentation as the report shows it: every value of the attribute with its members'
 * share of the total sample (all counted participants, segmented or not), and the
 * passages most typical of it — those coded with what its members say more than the others.
 */
function reportSegmentation(ws: Workspace, index: EvidenceIndex, attribute: string, toQuote: (e: Evidence) => ReportQuote): ReportSegmentation {
  const counted = new Set(index.participants);
  const valueOf = new Map(ws.participants.filter((p) => counted.has(p.id) && p.attributes[attribute] !== undefined).map((p) => [p.id, String(p.attributes[attribute])]));
  const values = ws.project?.attributes[attribute]?.values ?? [];
  const users = new Map<string, Set<string>>();
  for (const e of index.byId.values()) if (e.participant !== undefined) for (const t of e.highlight.tags) users.set(t, (users.get(t) ?? new Set()).add(e.participant));
  const segments = values.map((value) => {
    const members = new Set([...valueOf].filter(([, v]) => v === value).map(([id]) => id));
    const others = counted.size - members.size;
    // What the members say more than the others: the share of them using a tag, less the others' share.
    const weight = new Map<string, number>();
    for (const [tag, who] of users) {
      const inside = [...who].filter((p) => members.has(p)).length;
      const difference = inside / (members.size || 1) - (who.size - inside) / (others || 1);
      if (difference > 0) weight.set(tag, difference);
    }
    const quotes = typicalQuotes(index, members, weight, QUOTES_PER_ITEM).map((id) => toQuote(index.byId.get(id)!));
    return { value, participants: members.size, share: counted.size === 0 ? 0 : members.size / counted.size, quotes };
  });
  return { attribute, segments, unassigned: counted.size - valueOf.size };
}

/** A journey's stages with, for each, the quotable moments nearest its mean sentiment (two at a low point). */
function reportJourney(v: JourneyView, index: EvidenceIndex, personaName: string | undefined, masking: QuoteMasking): ReportJourney {
  const stages = v.stages.map((s): ReportStage => {
    const quotable = s.moments.filter((m) => m.quote !== undefined);
    const mean = s.mean ?? 0;
    const distance = (m: { sentiment?: number }) => (m.sentiment === undefined ? Infinity : Math.abs(m.sentiment - mean));
    const nearest = [...quotable].sort((a, b) => distance(a) - distance(b));
    const ids = nearest.map((m) => m.id);
    return {
      id: s.id,
      title: s.title,
      ...(s.description ? { description: s.description } : {}),
      ...(s.mean !== undefined ? { mean: s.mean } : {}),
      highlights: s.moments.length,
      participants: s.participants,
      lowest: s.lowest,
      quotes: pickQuotes(index, ids, s.lowest ? 2 : 1, masking.shareable).map((e) => masking.quote(e)),
    };
  });
  return { id: v.id, title: v.title, ...(personaName ? { persona: personaName } : {}), stages, lowPoints: v.lowPoints.map((id) => v.stages.find((s) => s.id === id)!.title) };
}

function method(ws: Workspace, index: EvidenceIndex, withheldQuotes: number): Omit<ReportMethod, 'maskedPersonalData'> {
  const withdrawn = new Set(ws.participants.filter((p) => p.consent?.scope === 'withdrawn').map((p) => p.id));
  const transcripts = [...ws.transcripts.values()].filter((t) => {
    const who = participantsOfTranscript(ws, t.path);
    return !(who.length > 0 && who.every((p) => withdrawn.has(p)));
  });
  const coders = new Map<string, number>();
  const assisted = new Map<string, { by: string; rule: string; highlights: number }>();
  const tags = new Set<string>();
  for (const e of index.byId.values()) {
    if (e.highlight.coder) coders.set(e.highlight.coder, (coders.get(e.highlight.coder) ?? 0) + 1);
    const how = e.highlight.assisted;
    if (how) {
      const key = `${how.by}\0${how.rule}`;
      assisted.set(key, { by: how.by, rule: how.rule, highlights: (assisted.get(key)?.highlights ?? 0) + 1 });
    }
    for (const t of e.highlight.tags) tags.add(t);
  }
  // The fieldwork research.yaml declares, else the days the sources are dated (diary entries included).
  const declared = ws.project?.period;
  const dates =
    declared?.start && declared.end
      ? [declared.start, declared.end]
      : transcripts
          .flatMap((t) => [t.meta.date, ...(t.entries ?? []).map((e) => e.date)])
          .filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d))
          .sort();
  const scopes = new Map<string, number>();
  for (const p of ws.participants) if (!withdrawn.has(p.id)) scopes.set(p.consent?.scope ?? 'not recorded', (scopes.get(p.consent?.scope ?? 'not recorded') ?? 0) + 1);
  return {
    sources: tally(transcripts.map(kindOf)).map((s) => ({ ...s, label: kindLabel(ws.project, s.kind).toLowerCase() })),
    participants: index.participants.length,
    unlisted: ws.participants.length === 0 ? participantsNamedByTranscripts(ws).length : 0,
    withdrawn: withdrawn.size,
    consent: ['verbatim', 'anonymised', 'analysis-only', 'not recorded'].filter((s) => scopes.has(s)).map((scope) => ({ scope, count: scopes.get(scope)! })),
    highlights: index.byId.size,
    tagged: [...index.byId.values()].filter((e) => e.highlight.tags.length > 0).length,
    tags: tags.size,
    coders: [...coders].map(([name, highlights]) => ({ name, highlights })).sort((a, b) => b.highlights - a.highlights || (a.name < b.name ? -1 : 1)),
    assisted: [...assisted.values()].sort((a, b) => b.highlights - a.highlights || (a.rule < b.rule ? -1 : 1)),
    withheldQuotes,
    ...(dates.length > 0 ? { period: { from: dates[0]!.slice(0, 10), to: dates[dates.length - 1]!.slice(0, 10) } } : {}),
  };
}

/**
 * A transcript's kind as its front matter says, else what the file shows for sure (labelled by
 * the study's kinds: sources/kinds.ts): captions, or a text export whose turns are timed (Zoom,
 * Otter), are a recorded call's; any other text file can be anything (comments, notes), so it is
 * only a transcript.
 */
function kindOf(t: Transcript): string {
  if (t.meta.kind) return t.meta.kind;
  const recorded = t.format === 'vtt' || t.format === 'srt' || (t.format === 'text' && t.turns.some((turn) => turn.time !== undefined));
  return recorded ? 'call transcript' : 'transcript';
}

function tally(values: readonly string[]): { kind: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
}
