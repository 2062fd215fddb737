/**
 * Suggested clusters of unsorted cards: cards that share meaningful words or tags end up
 * together. Deterministic (same cards, same proposals) and only ever proposals: the
 * researcher accepts (a new theme), renames or dismisses each one; nothing is written here.
 *
 * Each card is a TF-IDF vector of its meaningful words (words.ts: no stop words, fillers or
 * participant ids; words met in one card only or in over half of them say nothing about a
 * group) plus its tags, which weigh more (they are the researcher's own coding). Cards are
 * grouped by average-linkage agglomerative clustering over cosine similarity, cut where
 * groups stop sharing much: uncoded comments group by their words alone. How this agrees
 * with a human grouping, beside k-means on TF-IDF: docs/suggestions.md (npm run bench:clusters).
 */
import type { Workspace } from '../workspace/workspace';
import { buildBoard, type BoardCard } from './board';
import { wordReader, type WordReader } from './words';

export interface ClusterProposal {
  /** Stable across runs: the cluster's first card and its size (`h-7f3k2q9m:12`), so a changed cluster is a new proposal. */
  key: string;
  title: string;
  ids: string[];
  /** Why these cards belong together, naming the words and tags they share. */
  reason: string;
}

export interface SuggestOptions {
  /** Average cosine similarity two groups need to be merged, in [0, 1] (default 0.1). */
  threshold?: number;
  /** Most cards considered (default 2,000), to bound the work on very large pools. */
  maxCards?: number;
  tagLabel?: (id: string) => string;
  /** Words never used as reasons or features: participant ids, speaker names. */
  ignoreWords?: Iterable<string>;
}

/** A tag counts as much as this many shared distinctive words. */
const TAG_WEIGHT = 2;
const DEFAULT_THRESHOLD = 0.1;

/** Sparse, L2-normalised feature vectors of cards; features are word stems and `#tag`. */
export interface Features {
  vectors: Map<string, number>[];
  words: WordReader;
  /** Per feature, how many cards have it. */
  frequency: Map<string, number>;
}

export function cardFeatures(cards: readonly Pick<BoardCard, 'quote' | 'note' | 'tags'>[], ignoreWords: Iterable<string> = []): Features {
  const words = wordReader(ignoreWords);
  const terms = cards.map((c) => words.stems(`${c.quote} ${c.note ?? ''}`));
  const frequency = new Map<string, number>();
  terms.forEach((list, i) => {
    for (const t of new Set([...list, ...cards[i]!.tags.map((tag) => `#${tag}`)])) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  });
  const n = cards.length;
  const vectors = terms.map((list, i) => {
    const v = new Map<string, number>();
    for (const t of list) {
      const df = frequency.get(t)!;
      // A word in one card cannot group it; one in every card, or in most of a larger pool, cannot tell groups apart.
      if (df < 2 || df >= n || df > Math.max(3, n / 2)) continue;
      v.set(t, (v.get(t) ?? 0) + 1);
    }
    for (const [t, tf] of v) v.set(t, (1 + Math.log(tf)) * Math.log((1 + n) / frequency.get(t)!));
    for (const tag of cards[i]!.tags) v.set(`#${tag}`, TAG_WEIGHT * Math.log((1 + n) / frequency.get(`#${tag}`)!) + TAG_WEIGHT);
    const norm = Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));
    if (norm > 0) for (const [t, x] of v) v.set(t, x / norm);
    return v;
  });
  return { vectors, words, frequency };
}

export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, x] of small) dot += x * (large.get(t) ?? 0);
  return dot;
}

/**
 * The proposals **Suggest clusters** shows on the board: over the cards in Unsorted, tags
 * named by their labels, and participant ids and speaker names never a reason to group.
 */
export function suggestUnsorted(ws: Workspace): ClusterProposal[] {
  const pool = buildBoard(ws);
  const unsorted = pool.columns[0]!.cards.map((id) => pool.cards.get(id)!);
  const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
  const people = [...ws.participants.map((p) => p.id), ...[...ws.transcripts.values()].flatMap((t) => t.turns.flatMap((turn) => (turn.speaker ? [turn.speaker] : [])))];
  return suggestClusters(unsorted, { tagLabel: (id) => labels.get(id) ?? id, ignoreWords: new Set(people) });
}

export function suggestClusters(cards: readonly BoardCard[], options: SuggestOptions = {}): ClusterProposal[] {
  const pool = cards.slice(0, options.maxCards ?? 2000);
  const label = options.tagLabel ?? ((id: string) => id);
  const features = cardFeatures(pool, [...(options.ignoreWords ?? []), ...pool.flatMap((c) => (c.participant ? [c.participant] : []))]);
  const groups = averageLinkage(features.vectors, options.threshold ?? DEFAULT_THRESHOLD);
  return groups
    .filter((g) => g.length >= 2)
    .map((g) =>
      describe(
        g.map((i) => pool[i]!),
        g.map((i) => features.vectors[i]!),
        features,
        label,
      ),
    )
    .sort((a, b) => b.ids.length - a.ids.length || (a.ids[0]! < b.ids[0]! ? -1 : 1));
}

/**
 * Average-linkage clustering by the nearest-neighbour chain (O(n²) time and memory): merges
 * two groups while their average similarity is at least `threshold`. Average linkage never
 * merges at a higher similarity later, so the groups are those of the full dendrogram cut
 * at the threshold. Returns groups of indices, each in input order, by first member.
 */
export function averageLinkage(vectors: readonly ReadonlyMap<string, number>[], threshold: number): number[][] {
  const n = vectors.length;
  const sim = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sim[i * n + j] = sim[j * n + i] = cosine(vectors[i]!, vectors[j]!);
  const size = new Array<number>(n).fill(1);
  const members: number[][] = vectors.map((_, i) => [i]);
  const active = new Set(members.keys());
  const chain: number[] = [];
  const merges: [number, number, number][] = [];
  while (active.size > 1) {
    if (chain.length === 0) chain.push(Math.min(...active));
    const top = chain[chain.length - 1]!;
    let best = -1;
    let bestSim = -Infinity;
    for (const j of active) {
      if (j === top) continue;
      const s = sim[top * n + j]!;
      // Ties go to the previous link of the chain, then the lowest index: deterministic, and the chain always ends.
      if (s > bestSim || (s === bestSim && j === chain[chain.length - 2])) [best, bestSim] = [j, s];
    }
    if (chain.length >= 2 && best === chain[chain.length - 2]) {
      chain.length -= 2;
      merges.push([Math.min(top, best), Math.max(top, best), bestSim]);
      // Lance–Williams for average linkage: the merged group keeps the lower index.
      const [keep, drop] = [Math.min(top, best), Math.max(top, best)];
      for (const k of active) {
        if (k === keep || k === drop) continue;
        const s = (size[keep]! * sim[keep * n + k]! + size[drop]! * sim[drop * n + k]!) / (size[keep]! + size[drop]!);
        sim[keep * n + k] = sim[k * n + keep] = s;
      }
      size[keep] = size[keep]! + size[drop]!;
      active.delete(drop);
    } else chain.push(best);
  }
  // Cut: apply the merges that were similar enough, by union-find over the original indices.
  const parent = [...Array(n).keys()];
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const [a, b, s] of merges) if (s >= threshold) parent[find(b)] = find(a);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) groups.set(find(i), [...(groups.get(find(i)) ?? []), i]);
  return [...groups.values()].sort((a, b) => a[0]! - b[0]!);
}

/** A proposal's title and reason: the tags and words most of its cards share, most telling first. */
function describe(members: readonly BoardCard[], vectors: readonly ReadonlyMap<string, number>[], features: Features, label: (id: string) => string): ClusterProposal {
  const weight = new Map<string, number>();
  const count = new Map<string, number>();
  // Map order is the order words appear in (tags last): equal weights read in the texts' order.
  const firstSeen = new Map<string, number>();
  for (const v of vectors) {
    for (const [t, x] of v) {
      if (!firstSeen.has(t)) firstSeen.set(t, firstSeen.size);
      weight.set(t, (weight.get(t) ?? 0) + x);
      count.set(t, (count.get(t) ?? 0) + 1);
    }
  }
  // Shared by at least two cards and a third of the group; ranked by weight in the group.
  const shared = [...weight]
    .filter(([t]) => count.get(t)! >= 2 && count.get(t)! * 3 >= members.length)
    .sort(([a, x], [b, y]) => (Math.abs(y - x) > 1e-9 ? y - x : firstSeen.get(a)! - firstSeen.get(b)!))
    .map(([t]) => t);
  const tags = shared
    .filter((t) => t.startsWith('#'))
    .slice(0, 2)
    .map((t) => t.slice(1));
  const words = shared.filter((t) => !t.startsWith('#')).slice(0, 3);
  const n = members.length;
  const said = words.map((w) => `“${features.words.shown(w)}” (${count.get(w)} of ${n})`);
  const reason = [tags.length ? `tagged ${tags.map(label).join(', ')}` : '', said.length ? `mention ${said.join(', ')}` : ''].filter(Boolean).join('; ');
  const titleWords = words.slice(0, 2).map((w) => features.words.shown(w));
  const title = tags.length ? tags.map(label).join(' + ') : titleWords.length ? capitalise(titleWords.join(', ')) : 'Related cards';
  return { key: `${members[0]!.id}:${n}`, title, ids: members.map((m) => m.id), reason: `${n} cards ${reason || 'with similar words'}` };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
