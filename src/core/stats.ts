/**
 * Numbers a researcher asks of a study: how much of each transcript is coded, by how many
 * highlights, which tags are used how often, and whether the sample matches its targets.
 */
import { diaryCompletion, type DiaryCompletion } from './diaries/completion';
import type { HighlightsFile, Transcript } from './model';
import { kindLabel, kindOf, orderKinds } from './sources/kinds';
import { countedParticipants, samplingCoverage, type SamplingRow } from './sampling/coverage';
export { samplingCoverage, type SamplingRow } from './sampling/coverage';
import { highlightsPathFor, participantOfHighlight, participantsNamedByTranscripts, participantsOfTranscript, type Workspace } from './workspace/workspace';

export interface TranscriptStats {
  path: string;
  participant?: string;
  kind?: string;
  /** Code points of text. */
  length: number;
  highlights: number;
  /** Share of the text covered by at least one highlight (0–1). */
  coverage: number;
}

export interface TagStats {
  id: string;
  label: string;
  highlights: number;
  participants: number;
  transcripts: number;
}

export interface WorkspaceStats {
  name: string;
  transcripts: TranscriptStats[];
  participants: number;
  /** Participants the transcripts name while participants.yaml lists nobody (0 when it lists anyone): why `participants` is 0. */
  unlisted: number;
  /** Participants the sample counts (those who have not withdrawn consent). */
  counted: number;
  highlights: number;
  orphaned: number;
  fuzzy: number;
  themes: number;
  insights: number;
  personas: number;
  journeys: number;
  tags: TagStats[];
  sampling: SamplingRow[];
  /** Sources, highlights and coding coverage per kind of source, in the study's order of kinds. */
  kinds: KindStats[];
  /** Who wrote in their diary in which week of the study (present when the study has diaries). */
  diaries?: DiaryCompletion;
}

export interface KindStats {
  kind: string;
  label: string;
  sources: number;
  highlights: number;
  /** Share of the kind's text covered by highlights (0–1). */
  coverage: number;
}

export function computeStats(ws: Workspace): WorkspaceStats {
  const fileOf = new Map<string, HighlightsFile>();
  for (const f of ws.highlightFiles.values()) if (!fileOf.has(f.source)) fileOf.set(f.source, f);
  const transcripts = [...ws.transcripts.values()].sort((a, b) => (a.path < b.path ? -1 : 1)).map((t) => statsOf(ws, t, fileOf.get(t.path)));

  const tagAcc = new Map<string, { highlights: number; participants: Set<string>; transcripts: Set<string> }>();
  let highlights = 0;
  for (const f of ws.highlightFiles.values()) {
    for (const h of f.highlights) {
      highlights++;
      for (const tag of new Set(h.tags)) {
        const acc = tagAcc.get(tag) ?? { highlights: 0, participants: new Set(), transcripts: new Set() };
        acc.highlights++;
        acc.transcripts.add(f.source);
        const who = participantOfHighlight(ws, f.source, h.speaker);
        if (who) acc.participants.add(who);
        tagAcc.set(tag, acc);
      }
    }
  }
  const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
  const tags = [...tagAcc]
    .map(([id, a]) => ({ id, label: labels.get(id) ?? id, highlights: a.highlights, participants: a.participants.size, transcripts: a.transcripts.size }))
    .sort((a, b) => b.highlights - a.highlights || (a.id < b.id ? -1 : 1));

  let orphaned = 0;
  let fuzzy = 0;
  for (const r of ws.anchoring.values()) {
    if (r.state === 'orphaned') orphaned++;
    if (r.state === 'fuzzy') fuzzy++;
  }

  return {
    name: ws.project?.name ?? '',
    transcripts,
    participants: ws.participants.length,
    unlisted: ws.participants.length === 0 ? participantsNamedByTranscripts(ws).length : 0,
    counted: countedParticipants(ws).length,
    highlights,
    orphaned,
    fuzzy,
    themes: ws.themes.size,
    insights: ws.insights.size,
    personas: ws.personas.size,
    journeys: ws.journeys.size,
    tags,
    sampling: samplingCoverage(ws),
    kinds: kindStats(ws, transcripts),
    ...diariesOf(ws),
  };
}

function kindStats(ws: Workspace, transcripts: readonly TranscriptStats[]): KindStats[] {
  const byKind = new Map<string, { sources: number; highlights: number; length: number; covered: number }>();
  for (const t of transcripts) {
    const kind = kindOf(ws.transcripts.get(t.path)!);
    const acc = byKind.get(kind) ?? byKind.set(kind, { sources: 0, highlights: 0, length: 0, covered: 0 }).get(kind)!;
    acc.sources++;
    acc.highlights += t.highlights;
    acc.length += t.length;
    acc.covered += t.coverage * t.length;
  }
  return orderKinds(ws.project, byKind.keys()).map((kind) => {
    const acc = byKind.get(kind)!;
    return { kind, label: kindLabel(ws.project, kind), sources: acc.sources, highlights: acc.highlights, coverage: acc.length === 0 ? 0 : acc.covered / acc.length };
  });
}

function diariesOf(ws: Workspace): { diaries?: DiaryCompletion } {
  const diaries = diaryCompletion(ws);
  return diaries.diarists.length > 0 ? { diaries } : {};
}

/**
 * One transcript's figures, without the rest of the study: the status bar asks on every change,
 * and computeStats over 50,000 highlights takes a few hundred milliseconds.
 */
export function transcriptStats(ws: Workspace, path: string): TranscriptStats | undefined {
  const t = ws.transcripts.get(path);
  if (!t) return undefined;
  const file = ws.highlightFiles.get(highlightsPathFor(ws.project, path));
  return statsOf(ws, t, file?.source === path ? file : [...ws.highlightFiles.values()].find((f) => f.source === path));
}

function statsOf(ws: Workspace, t: Transcript, file: HighlightsFile | undefined): TranscriptStats {
  const who = participantsOfTranscript(ws, t.path);
  const spans = (file?.highlights ?? []).map((h) => ws.anchoring.get(h.id) ?? h).filter((r) => !('state' in r) || r.state !== 'orphaned');
  return {
    path: t.path,
    // A sheet of survey comments has a respondent per comment: name the range, not 120 ids.
    ...(who.length > 0 ? { participant: who.length > 4 ? `${who.length}: ${who[0]} … ${who[who.length - 1]}` : who.join(', ') } : {}),
    ...(t.meta.kind ? { kind: t.meta.kind } : {}),
    length: t.length,
    highlights: file?.highlights.length ?? 0,
    coverage: t.length === 0 ? 0 : coveredLength(spans) / t.length,
  };
}

/** Total length of the union of half-open spans. */
function coveredLength(spans: { start: number; end: number }[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let total = 0;
  let curStart = -1;
  let curEnd = -1;
  for (const s of sorted) {
    if (s.start > curEnd) {
      total += curEnd - curStart;
      curStart = s.start;
      curEnd = s.end;
    } else curEnd = Math.max(curEnd, s.end);
  }
  return total + (curEnd - curStart);
}
