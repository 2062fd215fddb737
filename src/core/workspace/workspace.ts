/**
 * The loaded research workspace: a read-only view of its files, with every problem found
 * while reading them. Rebuilt by `loadWorkspace`; never mutated by features, which return
 * file edits instead.
 */
import type { AnchorResult } from '../anchoring/anchor';
import type { HighlightsFile, Insight, Journey, Participant, Persona, Project, Tag, Theme, Transcript } from '../model';
import type { Problem } from '../problems';

export const RESEARCH_FILE = 'research.yaml';

export interface Workspace {
  /** Undefined when research.yaml is missing or unreadable. */
  project: Project | undefined;
  codebook: Tag[];
  participants: Participant[];
  /** By transcript path. */
  transcripts: Map<string, Transcript>;
  /** By the highlights file's own path. */
  highlightFiles: Map<string, HighlightsFile>;
  themes: Map<string, Theme>;
  insights: Map<string, Insight>;
  personas: Map<string, Persona>;
  journeys: Map<string, Journey>;
  /** The anchoring outcome of every highlight, by highlight id. */
  anchoring: Map<string, AnchorResult>;
  /** Hash of the bytes of every YAML file as read: edits are refused if the file changed since. */
  versions: Map<string, string>;
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
