/**
 * "Where else have we heard this?": for a theme or an insight, the passages of the library's
 * other studies that carry the same global tags or use the same meaningful words, best
 * first, each with why it was found. A shared global tag weighs more than a shared word: a
 * researcher coded it so; words find what another study coded differently (or not at all).
 */
import { wordReader } from '../board/words';
import type { ParsedQuery } from '../search/fulltext';
import { participantOfHighlight, type Workspace } from '../workspace/workspace';
import { studyTagsOf } from './codebook';
import { globalTagOf, type Library, type LibraryStudy } from './library';
import { highlightsById, type SearchableStudy } from './search';

/** What the passages are compared with: the theme's or insight's words and its highlights in its own study. */
export interface RelatedSeed {
  /** The study the theme or insight is in; its passages are not "elsewhere". Undefined for a library insight. */
  study: string | undefined;
  /** Title, summary or statement. */
  text: string;
  /** Its highlights, each with the study it is in. */
  highlights: { study: string; id: string }[];
}

export interface RelatedPassage {
  study: string;
  id: string;
  source: string;
  quote: string;
  participant?: string;
  score: number;
  /** Global tags it shares with the seed. */
  tags: string[];
  /** Meaningful words it shares with the seed (as the seed writes them). */
  words: string[];
}

/** Points for a shared global tag; a shared word scores by how rare it is in that study (at most 1). */
const TAG_WEIGHT = 2;
const MAX_WORDS = 8;

export function relatedPassages(library: Library | undefined, studies: readonly SearchableStudy[], seed: RelatedSeed, options: { limit?: number } = {}): RelatedPassage[] {
  const byStudy = new Map(studies.map((s) => [s.study.id, s]));
  const seedIds = new Set(seed.highlights.map((h) => `${h.study}:${h.id}`));
  const globals = library ? seedGlobalTags(library, byStudy, seed) : new Set<string>();
  const words = seedWords(byStudy, seed);
  const found = new Map<string, RelatedPassage>();
  for (const { study, workspace, index } of studies) {
    if (study.id === seed.study) continue;
    const byId = highlightsById(workspace);
    const passage = (id: string): RelatedPassage | undefined => {
      const key = `${study.id}:${id}`;
      if (seedIds.has(key)) return undefined;
      let p = found.get(key);
      const at = byId.get(id);
      if (!p && at) {
        const participant = participantOfHighlight(workspace, at.source, at.highlight.speaker);
        p = { study: study.id, id, source: at.source, quote: at.highlight.quote, ...(participant !== undefined ? { participant } : {}), score: 0, tags: [], words: [] };
        found.set(key, p);
      }
      return p;
    };
    for (const global of globals) {
      const own = new Set(studyTagsOf(library!, study, workspace, global));
      if (own.size === 0) continue;
      for (const f of workspace.highlightFiles.values()) {
        for (const h of f.highlights) {
          if (!h.tags.some((t) => own.has(t))) continue;
          const p = passage(h.id);
          if (p) {
            p.score += TAG_WEIGHT;
            p.tags.push(global);
          }
        }
      }
    }
    for (const { stem, shown } of words) {
      const result = index.search(wordQuery(stem), { limit: Infinity });
      if (result.total === 0) continue;
      // A word every passage uses says little: weigh it by how rare it is in this study.
      const rarity = Math.log(1 + index.size / result.total) / Math.log(1 + index.size);
      for (const hit of result.hits) {
        const p = passage(hit.id);
        if (p) {
          p.score += rarity;
          p.words.push(shown);
        }
      }
    }
  }
  const ranked = [...found.values()].sort((a, b) => b.score - a.score || (a.study < b.study ? -1 : a.study > b.study ? 1 : a.id < b.id ? -1 : 1));
  return ranked.slice(0, options.limit ?? 10).map((p) => ({ ...p, score: Math.round(p.score * 100) / 100 }));
}

/** The global tags the seed's highlights carry (through their study's mappings). */
function seedGlobalTags(library: Library, byStudy: Map<string, SearchableStudy>, seed: RelatedSeed): Set<string> {
  const globals = new Set<string>();
  for (const ref of seed.highlights) {
    const s = byStudy.get(ref.study);
    const h = s && highlightsById(s.workspace).get(ref.id);
    if (!s || !h) continue;
    for (const t of h.highlight.tags) {
      const g = globalTagOf(library, s.study, t);
      if (g !== undefined) globals.add(g);
    }
  }
  return globals;
}

/** The seed's most used meaningful words (statement and quotes), names of its participants left out. */
function seedWords(byStudy: Map<string, SearchableStudy>, seed: RelatedSeed): { stem: string; shown: string }[] {
  const people = [...byStudy.values()].flatMap((s) => s.workspace.participants.map((p) => p.id));
  const reader = wordReader(people);
  const counts = new Map<string, number>();
  const add = (text: string) => new Set(reader.stems(text)).forEach((s) => counts.set(s, (counts.get(s) ?? 0) + 1));
  add(seed.text);
  for (const ref of seed.highlights) {
    const h = byStudy.get(ref.study) && highlightsById(byStudy.get(ref.study)!.workspace).get(ref.id);
    if (h) add(h.highlight.quote);
  }
  return [...counts]
    .sort(([a, n], [b, m]) => m - n || (a < b ? -1 : 1))
    .slice(0, MAX_WORDS)
    .map(([stem]) => ({ stem, shown: reader.shown(stem) }));
}

/** One word, any ending (its stem as a prefix: "wait" finds waiting and waited). */
function wordQuery(stem: string): ParsedQuery {
  return { include: [{ tokens: [stem], prefix: true }], exclude: [], tags: [], excludeTags: [], fields: [], errors: [] };
}

/** The seed of a study's theme or insight, or undefined when it has no such id. */
export function seedOf(study: LibraryStudy, ws: Workspace, id: string): RelatedSeed | undefined {
  const theme = ws.themes.get(id);
  if (theme) return { study: study.id, text: [theme.title, theme.summary ?? ''].join(' '), highlights: theme.highlights.map((h) => ({ study: study.id, id: h })) };
  const insight = ws.insights.get(id);
  if (insight) {
    const themed = insight.themes.flatMap((t) => ws.themes.get(t)?.highlights ?? []);
    return { study: study.id, text: insight.statement, highlights: [...new Set([...insight.evidence, ...themed])].map((h) => ({ study: study.id, id: h })) };
  }
  return undefined;
}
