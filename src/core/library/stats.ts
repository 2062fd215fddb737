/**
 * A library in numbers: each study's own figures (as `sift stats` gives them for the study
 * alone), their totals, how much each global tag is used across studies, and the strength
 * of the library's insights. Participants are counted per study: T01 of one study and T01
 * of another are two people.
 */
import { indexEvidence, type EvidenceIndex } from '../insights/evidence';
import type { Insight, InsightStatus } from '../model';
import { computeStats, type WorkspaceStats } from '../stats';
import { globalTagOf, type Library, type StudyInLibrary } from './library';
import { libraryStrength, type LibraryStrength } from './insights';

export interface LibraryStats {
  name: string;
  studies: { id: string; path: string; stats: WorkspaceStats }[];
  totals: { studies: number; transcripts: number; participants: number; highlights: number; themes: number; insights: number };
  /** Use of each global tag across studies, in codebook order. */
  globalTags: { id: string; label: string; highlights: number; participants: number; studies: number }[];
  insights: { id: string; statement: string; status: InsightStatus; strength: LibraryStrength }[];
}

export function evidenceIndexes(studies: readonly StudyInLibrary[]): Map<string, EvidenceIndex> {
  return new Map(studies.map((s) => [s.study.id, indexEvidence(s.workspace)]));
}

export function libraryStats(library: Library | undefined, studies: readonly StudyInLibrary[], insights: readonly Insight[], name: string): LibraryStats {
  const perStudy = studies.map((s) => ({ id: s.study.id, path: s.study.path, stats: computeStats(s.workspace) }));
  const sum = (f: (s: WorkspaceStats) => number) => perStudy.reduce((n, s) => n + f(s.stats), 0);
  const indexes = evidenceIndexes(studies);
  return {
    name,
    studies: perStudy,
    totals: {
      studies: studies.length,
      transcripts: sum((s) => s.transcripts.length),
      participants: sum((s) => s.participants),
      highlights: sum((s) => s.highlights),
      themes: sum((s) => s.themes),
      insights: sum((s) => s.insights) + insights.length,
    },
    globalTags: library ? globalTagUse(library, studies, indexes) : [],
    insights: insights.map((i) => ({ id: i.id, statement: i.statement, status: i.status, strength: libraryStrength(indexes, i.evidence) })),
  };
}

function globalTagUse(library: Library, studies: readonly StudyInLibrary[], indexes: Map<string, EvidenceIndex>): LibraryStats['globalTags'] {
  return library.codebook.map((tag) => {
    let highlights = 0;
    const participants = new Set<string>();
    const inStudies = new Set<string>();
    for (const { study } of studies) {
      for (const e of indexes.get(study.id)!.byId.values()) {
        if (!e.highlight.tags.some((t) => globalTagOf(library, study, t) === tag.id)) continue;
        highlights++;
        inStudies.add(study.id);
        if (e.participant !== undefined) participants.add(`${study.id}:${e.participant}`);
      }
    }
    return { id: tag.id, label: tag.label, highlights, participants: participants.size, studies: inStudies.size };
  });
}
