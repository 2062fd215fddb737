/**
 * What the journey map's integration tests share: what the webview reports it shows
 * (through a test command), waiting for it, and the example journey as its file says —
 * stages in order and the low point computed from the sentiments written there.
 */
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { RenderedReport } from '../../src/protocol/journey';
import { read, untilShown } from './support';

export const JOURNEY = 'getting-an-adaptation-fitted';
export const JOURNEY_FILE = `journeys/${JOURNEY}.yaml`;

export interface StageOnDisk {
  id: string;
  title: string;
  /** `sentiment` is absent until the researcher sets or confirms one; `proposal: dismissed` once they dismissed Sift's. */
  highlights: { id: string; sentiment?: number; proposal?: 'dismissed' }[];
}

/** The stages as the file says; none while the file is being written (read empty). */
export async function stagesOnDisk(path = JOURNEY_FILE): Promise<StageOnDisk[]> {
  const doc = parse(await read(path)) as { stages?: StageOnDisk[] } | null;
  return (doc?.stages ?? []).map((s) => ({ ...s, highlights: s.highlights ?? [] }));
}

/**
 * The low point(s) from the file's numbers: the stages with the lowest mean sentiment, when
 * below zero. (The example study has no withdrawn participant, so every sentiment counts;
 * quotes without one do not.)
 */
export function lowPointsOf(stages: readonly StageOnDisk[]): string[] {
  const means = stages.map((s) => {
    const rated = s.highlights.map((h) => h.sentiment).filter((v): v is number => v !== undefined);
    return rated.length ? rated.reduce((a, v) => a + v, 0) / rated.length : undefined;
  });
  const min = Math.min(...means.filter((m): m is number => m !== undefined));
  return min < 0 ? stages.filter((_, i) => means[i] === min).map((s) => s.id) : [];
}

export const rendered = () => vscode.commands.executeCommand<RenderedReport | undefined>('sift.journey.rendered');

/** Waits for the map to show something that satisfies `check`; on failure says what it showed, with a screenshot. */
export const journeyMap = (what: string, check: (r: RenderedReport) => boolean, timeoutMs = 15000) => untilShown('journey', rendered, what, check, timeoutMs);

/** CSS selectors in the webview. */
export const candidate = (id: string) => `.candidate[data-id="${id}"]`;
export const moment = (id: string) => `.moment[data-id="${id}"]`;
export const stageHead = (stage: string) => `.stage[data-stage="${stage}"] .stage-head`;
