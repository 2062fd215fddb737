/**
 * A journey map as plain data for a report or the journey tab: its stages in order, the
 * quotes under each with their sentiment (−2 … +2), the mean sentiment per stage, and the
 * low points a service should redesign first.
 */
import { indexEvidence, type EvidenceIndex } from '../insights/evidence';
import { formatSentiment } from '../format';
import type { Journey } from '../model';
import type { Workspace } from '../workspace/workspace';

export interface JourneyMoment {
  id: string;
  /** The researcher's value; absent until they set or confirm one. */
  sentiment?: number;
  /** They dismissed Sift's proposal for it. */
  dismissed: boolean;
  participant?: string;
  source: string;
  /** The words, when consent allows them to be shown. */
  quote?: string;
}

export interface JourneyStageView {
  id: string;
  title: string;
  description?: string;
  moments: JourneyMoment[];
  /** Mean sentiment of the stage's highlights that have one (set or confirmed); undefined when none has. */
  mean?: number;
  /** The mean as every view writes it (`−0.8`), from src/core/format.ts. */
  meanText?: string;
  participants: number;
  /** The stage with the lowest mean sentiment (below 0); ties all marked. */
  lowest: boolean;
  /** Below 0 and no higher than the stages either side: a dip in the line. */
  dip: boolean;
}

export interface JourneyView {
  id: string;
  path: string;
  title: string;
  persona?: string;
  stages: JourneyStageView[];
  /** Ids of the lowest stages (empty when no stage is below 0). */
  lowPoints: string[];
  /** Cited highlight ids that do not exist (any more). */
  missing: string[];
  /** Cited highlights left out because their participant withdrew. */
  withdrawn: string[];
}

export function journeyView(ws: Workspace, journey: Journey, index: EvidenceIndex = indexEvidence(ws)): JourneyView {
  const missing: string[] = [];
  const withdrawn: string[] = [];
  const stages = journey.stages.map((stage) => {
    const moments: JourneyMoment[] = [];
    for (const { id, sentiment, proposal } of stage.highlights) {
      const e = index.byId.get(id);
      if (!e) {
        (index.withdrawn.has(id) ? withdrawn : missing).push(id);
        continue;
      }
      moments.push({
        id,
        ...(sentiment !== undefined ? { sentiment } : {}),
        dismissed: proposal === 'dismissed',
        source: e.source,
        ...(e.participant !== undefined ? { participant: e.participant } : {}),
        ...(e.quotable ? { quote: e.highlight.quote } : {}),
      });
    }
    const rated = moments.map((m) => m.sentiment).filter((v): v is number => v !== undefined);
    const mean = rated.length > 0 ? rated.reduce((a, v) => a + v, 0) / rated.length : undefined;
    const participants = new Set(moments.map((m) => m.participant ?? `?${m.source}`)).size;
    return {
      id: stage.id,
      title: stage.title,
      ...(stage.description !== undefined ? { description: stage.description } : {}),
      moments,
      ...(mean !== undefined ? { mean, meanText: formatSentiment(mean) } : {}),
      participants,
      lowest: false,
      dip: false,
    };
  });
  const means = stages.map((s) => s.mean).filter((m): m is number => m !== undefined);
  const min = Math.min(...means);
  stages.forEach((s, i) => {
    if (s.mean === undefined || s.mean >= 0) return;
    s.lowest = s.mean === min;
    const neighbour = (j: number) => stages[j]?.mean;
    const before = neighbour(i - 1);
    const after = neighbour(i + 1);
    s.dip = (before === undefined || s.mean <= before) && (after === undefined || s.mean <= after);
  });
  return {
    id: journey.id,
    path: journey.path,
    title: journey.title,
    ...(journey.persona !== undefined ? { persona: journey.persona } : {}),
    stages,
    lowPoints: stages.filter((s) => s.lowest).map((s) => s.id),
    missing,
    withdrawn,
  };
}
