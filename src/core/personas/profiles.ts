/**
 * A participant's coded profile: what share of their coded highlights carries each tag.
 * Shares, not counts, so a talkative participant and a terse one with the same concerns
 * look alike; the vector is then scaled to unit length, which makes the Euclidean
 * distance of k-means behave like the cosine distance usual for such profiles. Selected
 * participant attributes join as one-hot columns that together weigh half as much as the
 * codes: the codes lead (attitudes and behaviour, not demographics), attributes nudge.
 */
import type { EvidenceIndex } from '../insights/evidence';
import type { Workspace } from '../workspace/workspace';

export interface Profiles {
  /** Profiled participants (not withdrawn, with at least one tagged highlight), in participants.yaml order. */
  participants: string[];
  /** Participants left out for having no tagged highlight. */
  unprofiled: string[];
  /** Tag ids, one per tag column (codebook order, then tags used but missing from it). */
  tags: string[];
  /** Per participant, per tag column: share of their tagged highlights carrying that tag (0–1). */
  shares: Float64Array[];
  /** Per participant, per tag column: number of their highlights carrying that tag. */
  counts: Int32Array[];
  /** The vectors clustered: unit-length tag shares, then the weighted one-hot attributes. */
  vectors: Float64Array[];
  /** The attribute columns after the tag columns: `attribute=value`. */
  attributeColumns: string[];
}

/**
 * `tags: false` profiles participants by the chosen attributes alone (a segmentation by
 * who people are): every counted participant with a value for one of them is profiled,
 * coded or not, and the tag columns are kept only to describe the groups afterwards.
 */
export function buildProfiles(ws: Workspace, index: EvidenceIndex, attributes: readonly string[] = [], options: { tags?: boolean } = {}): Profiles {
  const byTags = options.tags ?? true;
  const tags = ws.codebook.map((t) => t.id);
  const column = new Map(tags.map((t, i) => [t, i]));
  const byParticipant = new Map<string, Map<number, number>>();
  const tagged = new Map<string, number>();
  for (const e of index.byId.values()) {
    if (e.participant === undefined || e.highlight.tags.length === 0) continue;
    tagged.set(e.participant, (tagged.get(e.participant) ?? 0) + 1);
    let row = byParticipant.get(e.participant);
    if (!row) byParticipant.set(e.participant, (row = new Map()));
    for (const t of new Set(e.highlight.tags)) {
      let c = column.get(t);
      if (c === undefined) {
        c = tags.length;
        tags.push(t);
        column.set(t, c);
      }
      row.set(c, (row.get(c) ?? 0) + 1);
    }
  }
  const known = new Map(ws.participants.map((p) => [p.id, p]));
  const profiled = (p: string) => (byTags ? byParticipant.has(p) : attributes.some((a) => known.get(p)?.attributes[a] !== undefined));
  const participants = index.participants.filter(profiled);
  const unprofiled = index.participants.filter((p) => !profiled(p));
  const attributeColumns = attributeColumnsOf(ws, participants, attributes);
  // Beside the codes, attributes weigh half as much as them; alone, they are the whole profile.
  const attributeWeight = attributes.length === 0 ? 0 : Math.sqrt((byTags ? 0.25 : 1) / attributes.length);
  const counts: Int32Array[] = [];
  const shares: Float64Array[] = [];
  const vectors: Float64Array[] = [];
  for (const p of participants) {
    const row = byParticipant.get(p) ?? new Map<number, number>();
    const n = tagged.get(p) ?? 1;
    const count = new Int32Array(tags.length);
    const share = new Float64Array(tags.length);
    const vector = new Float64Array(tags.length + attributeColumns.length);
    let norm = 0;
    for (const [c, x] of row) {
      count[c] = x;
      share[c] = x / n;
      norm += share[c]! * share[c]!;
    }
    norm = Math.sqrt(norm);
    if (byTags) for (const [c] of row) vector[c] = share[c]! / norm;
    const attrs = known.get(p)?.attributes ?? {};
    attributeColumns.forEach((col, i) => {
      const [a, v] = splitColumn(col);
      if (attrs[a] !== undefined && String(attrs[a]) === v) vector[tags.length + i] = attributeWeight;
    });
    counts.push(count);
    shares.push(share);
    vectors.push(vector);
  }
  return { participants, unprofiled, tags, shares, counts, vectors, attributeColumns };
}

/** `attribute=value` for every value the profiled participants hold, declared values first. */
function attributeColumnsOf(ws: Workspace, participants: readonly string[], attributes: readonly string[]): string[] {
  const byId = new Map(ws.participants.map((p) => [p.id, p]));
  return attributes.flatMap((a) => {
    const held = new Set(
      participants
        .map((p) => byId.get(p)?.attributes[a])
        .filter((v) => v !== undefined)
        .map(String),
    );
    const declared = ws.project?.attributes[a]?.values ?? [];
    return [...declared.filter((v) => held.has(v)), ...[...held].filter((v) => !declared.includes(v)).sort()].map((v) => `${a}=${v}`);
  });
}

function splitColumn(col: string): [string, string] {
  const i = col.indexOf('=');
  return [col.slice(0, i), col.slice(i + 1)];
}
