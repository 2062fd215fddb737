/**
 * The loaded research workspace: a read-only view of its files, with every problem found
 * while reading them. Made by `loadWorkspace` and the study service, which publishes a new
 * one for each change; never changed in place: features return file edits instead. Its type
 * is read-only all the way down (src/core/model.ts), so a write into it does not compile
 * (test/types/readonly-study.ts), and the tests and the test build freeze it (./freeze.ts).
 */
import type { AnchorResult } from '../anchoring/anchor';
import type { HighlightsFile, Insight, Journey, Participant, Persona, Project, Tag, Theme, Transcript } from '../model';
import type { Problem } from '../problems';
import type { LoadedAnchoring } from './loaded-anchoring';

export const RESEARCH_FILE = 'research.yaml';

export interface Workspace {
  /** Undefined when research.yaml is missing or unreadable. */
  readonly project: Project | undefined;
  readonly codebook: readonly Tag[];
  readonly participants: readonly Participant[];
  /** By transcript path. */
  readonly transcripts: ReadonlyMap<string, Transcript>;
  /** By the highlights file's own path. */
  readonly highlightFiles: ReadonlyMap<string, HighlightsFile>;
  readonly themes: ReadonlyMap<string, Theme>;
  readonly insights: ReadonlyMap<string, Insight>;
  readonly personas: ReadonlyMap<string, Persona>;
  readonly journeys: ReadonlyMap<string, Journey>;
  /**
   * The anchoring outcome of every highlight, by highlight id, as loaded. Where a highlight is
   * now in an open editor (moved by unsaved edits) is the study service's, not this map's.
   */
  readonly anchoring: ReadonlyMap<string, AnchorResult>;
  /** Hash of the bytes of every YAML file as read: edits are refused if the file changed since. */
  readonly versions: ReadonlyMap<string, string>;
  /** Files that exist but could not be read (errors reported): checks that depend on them are skipped. */
  readonly unreadable: ReadonlySet<string>;
  readonly problems: readonly Problem[];
}

/** A workspace while the loader builds it; published as the read-only `Workspace`. */
export interface WorkspaceUnderConstruction {
  project: Project | undefined;
  codebook: Tag[];
  participants: Participant[];
  transcripts: Map<string, Transcript>;
  highlightFiles: Map<string, HighlightsFile>;
  themes: Map<string, Theme>;
  insights: Map<string, Insight>;
  personas: Map<string, Persona>;
  journeys: Map<string, Journey>;
  anchoring: LoadedAnchoring;
  versions: Map<string, string>;
  unreadable: Set<string>;
  problems: Problem[];
}

/** Where the highlights of a transcript live: `highlights/` + its path + `.yaml`. */
export function highlightsPathFor(project: Project | undefined, source: string): string {
  return `${project?.paths.highlights ?? 'highlights'}/${source}.yaml`;
}

export function findHighlight(ws: Workspace, id: string): { file: HighlightsFile; index: number } | undefined {
  for (const file of ws.highlightFiles.values()) {
    const index = file.highlights.findIndex((h) => h.id === id);
    if (index >= 0) return { file, index };
  }
  return undefined;
}

/**
 * The participant ids the transcripts' front matter names (`participant:`, `participants:`),
 * each once, in natural order (P2 before P10): who the study's counts would include once
 * participants.yaml lists them.
 */
export function participantsNamedByTranscripts(ws: Workspace): string[] {
  const named = new Set<string>();
  for (const t of ws.transcripts.values()) for (const id of [t.meta.participant, ...(t.meta.participants ?? [])]) if (id) named.add(id);
  return [...named].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * Who speaks in a transcript: its front matter's participant(s), or else the speakers of
 * its turns that are participant ids (a Zoom .vtt has no front matter, but `<v P05>`).
 */
export function participantsOfTranscript(ws: Workspace, source: string): readonly string[] {
  const t = ws.transcripts.get(source);
  if (!t) return [];
  const declared = t.meta.participants ?? (t.meta.participant ? [t.meta.participant] : []);
  if (declared.length > 0) return declared;
  // Asked once per highlight (stats, the board, matrices): remembered per transcript, or a
  // 50,000-highlight study spends seconds rebuilding the set of participants each time.
  let memo = speakers.get(ws);
  if (memo?.participants !== ws.participants) speakers.set(ws, (memo = { participants: ws.participants, known: new Set(ws.participants.map((p) => p.id)), of: new WeakMap() }));
  let found = memo.of.get(t);
  if (!found) memo.of.set(t, (found = [...new Set(t.turns.map((turn) => turn.speaker).filter((s): s is string => s !== undefined && memo.known.has(s)))]));
  return found;
}

const speakers = new WeakMap<Workspace, { participants: Workspace['participants']; known: Set<string>; of: WeakMap<object, readonly string[]> }>();

/** The participant a highlight's words are from: its speaker when that is a participant, else the transcript's only participant. */
export function participantOfHighlight(ws: Workspace, source: string, speaker: string | undefined): string | undefined {
  const candidates = participantsOfTranscript(ws, source);
  if (speaker && candidates.includes(speaker)) return speaker;
  return candidates.length === 1 ? candidates[0] : undefined;
}
