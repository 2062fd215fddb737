/**
 * The candidate pool of a journey map: the highlights that may go on the journey and are
 * not on it yet, narrowed by a tag (with the tags below it), a theme and a text query. In
 * transcript order, so the pool does not reshuffle between loads. Withdrawn participants'
 * highlights are never candidates (the evidence index leaves them out).
 */
import { tagAndDescendants } from '../codebook/hierarchy';
import { indexEvidence, type EvidenceIndex } from '../insights/evidence';
import type { Journey } from '../model';
import type { FullTextIndex } from '../search/fulltext';
import type { Workspace } from '../workspace/workspace';
import type { PoolFilter } from '../../protocol/journey';

export interface PoolOptions {
  evidence?: EvidenceIndex;
  /** Answers the text query; without it the text filter is ignored. */
  search?: FullTextIndex;
}

export function journeyPool(ws: Workspace, journey: Journey, filter: PoolFilter = {}, options: PoolOptions = {}): string[] {
  const evidence = options.evidence ?? indexEvidence(ws);
  const placed = new Set(journey.stages.flatMap((s) => s.highlights.map((h) => h.id)));
  const branch = filter.tag ? tagAndDescendants(ws.codebook, filter.tag) : undefined;
  const theme = filter.theme !== undefined ? new Set(ws.themes.get(filter.theme)?.highlights ?? []) : undefined;
  const text = filter.text?.trim() && options.search ? new Set(options.search.search(filter.text, { limit: evidence.byId.size }).hits.map((h) => h.id)) : undefined;
  const files = [...ws.highlightFiles.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const ids: string[] = [];
  for (const file of files) {
    for (const h of file.highlights) {
      if (placed.has(h.id) || !evidence.byId.has(h.id)) continue;
      if (branch && !h.tags.some((t) => branch.has(t))) continue;
      if (theme && !theme.has(h.id)) continue;
      if (text && !text.has(h.id)) continue;
      ids.push(h.id);
    }
  }
  return ids;
}
