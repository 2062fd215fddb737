/**
 * Suggested clusters of unsorted cards: cards that share tags and words end up together.
 * Deterministic (same cards, same proposals) and only ever proposals: the researcher
 * accepts (a new theme), renames or dismisses each one; nothing is written here.
 *
 * Leader clustering: cards in board order join the most similar existing cluster if it is
 * similar enough, else start one. Similarity mixes shared tags (the researcher's own coding,
 * weighted more) and shared distinctive words (Jaccard over words of four letters or more
 * that are in under a fifth of the cards).
 */
import { tokenize } from '../search/fulltext';
import type { BoardCard } from './board';

export interface ClusterProposal {
  /** Stable across runs: the id of the cluster's first card. */
  key: string;
  title: string;
  ids: string[];
  /** Why these cards belong together, for the researcher. */
  reason: string;
}

export interface SuggestOptions {
  /** Minimum similarity in [0, 1] to join a cluster (default 0.3). */
  threshold?: number;
  /** Most cards considered (default 2,000), to bound the work on very large pools. */
  maxCards?: number;
  tagLabel?: (id: string) => string;
}

const TAG_WEIGHT = 0.6;

export function suggestClusters(cards: readonly BoardCard[], options: SuggestOptions = {}): ClusterProposal[] {
  const threshold = options.threshold ?? 0.3;
  const pool = cards.slice(0, options.maxCards ?? 2000);
  const label = options.tagLabel ?? ((id: string) => id);
  const words = pool.map((c) => new Set(tokenize(`${c.quote} ${c.note ?? ''}`).filter((t) => t.length >= 4)));
  const frequency = new Map<string, number>();
  for (const set of words) for (const w of set) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const common = Math.max(2, pool.length / 5);
  const distinctive = words.map((set) => new Set([...set].filter((w) => frequency.get(w)! < common)));

  interface Cluster { members: number[]; tags: Set<string>; words: Set<string> }
  const clusters: Cluster[] = [];
  pool.forEach((card, i) => {
    const tags = new Set(card.tags);
    let best: Cluster | undefined;
    let bestScore = threshold;
    for (const c of clusters) {
      const score = TAG_WEIGHT * jaccard(tags, c.tags) + (1 - TAG_WEIGHT) * jaccard(distinctive[i]!, c.words);
      if (score >= bestScore && (!best || score > bestScore)) [best, bestScore] = [c, score];
    }
    // A cluster is described by its first card (its leader) so it does not drift as it grows.
    if (best) best.members.push(i);
    else clusters.push({ members: [i], tags, words: distinctive[i]! });
  });

  return clusters
    .filter((c) => c.members.length >= 2)
    .map((c) => {
      const members = c.members.map((i) => pool[i]!);
      const sharedTags = mostCommon(members.map((m) => m.tags), 2);
      const sharedWords = mostCommon(c.members.map((i) => [...distinctive[i]!]), 3).filter((w) => c.words.has(w));
      const title = sharedTags.length ? sharedTags.map(label).join(' + ') : sharedWords.slice(0, 2).join(', ') || 'Related cards';
      const reason = [sharedTags.length ? `tagged ${sharedTags.map(label).join(', ')}` : '', sharedWords.length ? `mention ${sharedWords.join(', ')}` : ''].filter(Boolean).join('; ');
      return { key: members[0]!.id, title, ids: members.map((m) => m.id), reason: `${members.length} cards ${reason}`.trim() };
    })
    .sort((a, b) => b.ids.length - a.ids.length || (a.key < b.key ? -1 : 1));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

/** The values found in at least half of the lists, most frequent first (ties by name). */
function mostCommon(lists: readonly (readonly string[])[], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const x of new Set(list)) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n * 2 >= lists.length)
    .sort(([a, n], [b, m]) => m - n || (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([x]) => x);
}
