/**
 * Personas drawn from the coded evidence: participants clustered by their coded profile,
 * and each cluster described by what sets it apart — its share of the sample, the tags it
 * uses more than the others (lift), its most typical quotes, and goals, frustrations and
 * behaviours from the codebook branches of those names. Plain data, for the CLI, the
 * persona card and the files alike.
 */
import { slugify } from '../ids';
import { idFromPath } from '../workspace/readers';
import { indexEvidence, type Evidence, type EvidenceIndex } from '../insights/evidence';
import { uniqueId } from '../insights/operations';
import { isCompleteSentence, preferQuotes } from '../insights/quote-choice';
import { mulberry32 } from '../random';
import type { Workspace } from '../workspace/workspace';
import { clusterProfiles, distanceMatrix, silhouettes, type ChosenClustering } from './kmeans';
import { buildProfiles, type Profiles } from './profiles';
import { generationSet } from './status';
import { formatShare, formatSilhouette } from '../format';

export interface PersonaOptions {
  /** Number of personas; chosen by silhouette when absent. */
  k?: number;
  /** Participant attributes to cluster on besides the codes. */
  attributes?: readonly string[];
  /** Cluster on the codes (the default); false: on the attributes alone (segments by who people are). */
  tags?: boolean;
  seed?: number;
}

export const DEFAULT_SEED = 1;
const MAX_DISTINGUISHING = 5;
const MAX_QUOTES = 5;
/** Statements per trait (goals, frustrations, behaviours): a card is read, not scrolled. */
const MAX_STATEMENTS = 3;
/** A quote longer than this reads as a paragraph on a card: chosen only when nothing shorter says it. */
const LONG_QUOTE = 240;
/** A tag distinguishes a persona when its members use it this many times as much as everyone … */
const MIN_LIFT = 1.2;
/** … and at least this share of the members use it (one member's habit is not a persona's). */
const MIN_PREVALENCE = 0.5;

export interface DistinguishingTag {
  tag: string;
  label: string;
  /** Mean share of members' highlights with the tag, over the same mean for all profiled participants. */
  lift: number;
  /** Members who used the tag, of how many. */
  participants: number;
  size: number;
  /** Other profiled participants who used it, of how many. */
  others: number;
  othersSize: number;
}

export interface PersonaDraft {
  /** Suggested file id (slug). */
  id: string;
  name: string;
  label: string;
  summary: string;
  participants: string[];
  /** Of the profiled participants, 0–1 (two decimals). */
  share: number;
  /** Mean silhouette of the members: how clearly they stand apart from the other groups. */
  silhouette: number;
  distinguishing: DistinguishingTag[];
  /** Highlight ids: the most typical quotable highlight of each member, most typical first. */
  quotes: string[];
  /** Statements drawn from the members' passages coded under the codebook's branches of these names. */
  goals: string[];
  frustrations: string[];
  behaviours: string[];
}

export interface PersonaGeneration {
  personas: PersonaDraft[];
  k: number;
  chosenBy: ChosenClustering['chosenBy'];
  silhouette: number;
  tried: { k: number; silhouette: number }[];
  seed: number;
  attributes: string[];
  /** The set the personas form (see status.ts): named after what was clustered on. */
  set: string;
  profiled: number;
  unprofiled: string[];
  /** One sentence saying how the personas were made, written into each file. */
  method: string;
}

export function generatePersonas(ws: Workspace, options: PersonaOptions = {}, index: EvidenceIndex = indexEvidence(ws)): PersonaGeneration {
  const seed = options.seed ?? DEFAULT_SEED;
  const attributes = [...(options.attributes ?? [])];
  const byTags = options.tags ?? true;
  const profiles = buildProfiles(ws, index, attributes, { tags: byTags });
  const clustering = clusterProfiles(profiles.vectors, mulberry32(seed), options.k);
  const pointSilhouettes = silhouettes(distanceMatrix(profiles.vectors), clustering.assignment, clustering.k);
  const members: number[][] = Array.from({ length: clustering.k }, () => []);
  clustering.assignment.forEach((c, i) => members[c]!.push(i));
  const overall = meanShares(
    profiles,
    profiles.participants.map((_, i) => i),
  );
  const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
  const branches = traitBranches(ws);
  // Ids of persona files that exist, readable or not: a new persona never takes one.
  const folder = ws.project?.paths.personas ?? 'personas';
  const taken = new Set([...ws.personas.keys(), ...[...ws.unreadable].filter((p) => p.startsWith(`${folder}/`)).map(idFromPath)]);
  const personas = members
    .filter((m) => m.length > 0)
    .map((m) => ({ ...describe(ws, index, profiles, m, overall, labels, branches, taken), silhouette: round2(mean(m.map((i) => pointSilhouettes[i]!))) }))
    .sort((a, b) => b.participants.length - a.participants.length || (a.id < b.id ? -1 : 1))
    // Placeholder names in order of size, for the researcher to replace with memorable ones.
    .map((p, i) => ({ ...p, name: `Persona ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) + 1 : ''}` }));
  const how =
    clustering.chosenBy === 'given'
      ? `k = ${clustering.k} as asked`
      : clustering.chosenBy === 'silhouette'
        ? `k = ${clustering.k} chosen by silhouette (${formatSilhouette(clustering.silhouette)})`
        : clustering.chosenBy === 'alike'
          ? "one group: every participant's coding is alike"
          : 'one group: too few participants to cluster';
  const on = !byTags ? attributes.join(', ') : attributes.length > 0 ? `tag shares and ${attributes.join(', ')}` : 'tag shares';
  return {
    personas,
    k: clustering.k,
    chosenBy: clustering.chosenBy,
    silhouette: clustering.silhouette,
    tried: clustering.tried,
    seed,
    attributes,
    set: generationSet(attributes),
    profiled: profiles.participants.length,
    unprofiled: profiles.unprofiled,
    method: `k-means++ on ${on} of ${profiles.participants.length} participants, ${how}, seed ${seed}`,
  };
}

function meanShares(profiles: Profiles, rows: readonly number[]): Float64Array {
  const mean = new Float64Array(profiles.tags.length);
  for (const r of rows) {
    const s = profiles.shares[r]!;
    for (let t = 0; t < mean.length; t++) mean[t]! += s[t]!;
  }
  for (let t = 0; t < mean.length; t++) mean[t]! /= rows.length || 1;
  return mean;
}

function describe(
  ws: Workspace,
  index: EvidenceIndex,
  profiles: Profiles,
  rows: number[],
  overall: Float64Array,
  labels: Map<string, string>,
  branches: Record<'goals' | 'frustrations' | 'behaviours', Set<string>>,
  taken: Set<string>,
): Omit<PersonaDraft, 'silhouette'> {
  const meanShare = meanShares(profiles, rows);
  const size = rows.length;
  const othersSize = profiles.participants.length - size;
  const inGroup = new Set(rows);
  const users = new Int32Array(profiles.tags.length);
  const otherUsers = new Int32Array(profiles.tags.length);
  profiles.counts.forEach((row, r) => row.forEach((c, t) => c > 0 && (inGroup.has(r) ? users[t]!++ : otherUsers[t]!++)));
  const tags = profiles.tags.map((tag, t) => {
    const prevalence = users[t]! / size;
    // The difference that matters to a reader: how many more of this group use the tag than of the rest.
    const difference = prevalence - (othersSize > 0 ? otherUsers[t]! / othersSize : 0);
    return { tag, label: labels.get(tag) ?? tag, lift: overall[t]! > 0 ? meanShare[t]! / overall[t]! : 0, participants: users[t]!, size, others: otherUsers[t]!, othersSize, prevalence, difference };
  });
  const ranked = tags.filter((t) => t.participants > 0).sort((a, b) => b.difference - a.difference || b.lift - a.lift || b.participants - a.participants || (a.tag < b.tag ? -1 : 1));
  const distinct = ranked.filter((t) => t.lift >= MIN_LIFT && t.prevalence >= MIN_PREVALENCE && t.difference > 0);
  const distinguishing = distinct.slice(0, MAX_DISTINGUISHING).map(({ tag, label, lift, participants, others }) => ({ tag, label, lift: Math.round(lift * 10) / 10, participants, size, others, othersSize }));
  const participants = rows.map((r) => profiles.participants[r]!);
  const members = new Set(participants);
  const weight = new Map(distinct.map((t) => [t.tag, t.difference]));
  const quotes = typicalQuotes(index, members, weight);
  const used = new Set(quotes);
  const trait = (branch: Set<string>) =>
    ranked
      .filter((t) => branch.has(t.tag) && t.difference >= 0 && (t.prevalence >= MIN_PREVALENCE || (t.lift >= MIN_LIFT && t.prevalence >= 1 / 3)))
      .slice(0, MAX_STATEMENTS)
      .map((t) => statement(index, members, t, weight, used));
  const label =
    distinguishing.length > 0
      ? distinguishing
          .slice(0, 2)
          .map((t, i) => (i === 0 ? t.label : lowerFirst(t.label)))
          .join(' and ')
      : 'No distinguishing codes';
  const id = uniqueId(slugify(`persona ${label}`, 50), taken);
  taken.add(id);
  const share = Math.round((size / profiles.participants.length) * 100) / 100;
  const about = distinguishing.length > 0 ? ` More than the others, they talk about ${sentenceList(distinguishing.map((t) => lowerFirst(t.label)))}.` : '';
  const mostly = commonAttributes(ws, participants);
  return {
    id,
    name: '',
    label,
    summary: `${size} of ${profiles.participants.length} participants (${formatShare(share)}).${about}${mostly ? ` Common to most of them — ${mostly}.` : ''}`,
    participants,
    share,
    distinguishing,
    quotes,
    goals: trait(branches.goals),
    frustrations: trait(branches.frustrations),
    behaviours: trait(branches.behaviours),
  };
}

/**
 * A trait as the evidence says it: the code, how many members it covers, and the words of
 * its most characteristic passage from a member — the one also carrying most of what sets
 * the group apart — with who said it. `Passed around (4 of 6): “…” — P04`. Without a
 * passage that may be quoted, the code and the count alone.
 */
function statement(index: EvidenceIndex, members: ReadonlySet<string>, t: { tag: string; label: string; participants: number; size: number }, weight: ReadonlyMap<string, number>, used: Set<string>): string {
  const passages = [...index.byId.values()].filter((e) => e.participant !== undefined && members.has(e.participant) && e.highlight.tags.includes(t.tag) && !used.has(e.highlight.id));
  const best = rankPassages(index, passages, weight)[0];
  const head = `${t.label} (${t.participants} of ${t.size})`;
  if (!best) return head;
  used.add(best.highlight.id);
  return `${head}: “${best.highlight.quote.trim()}” — ${best.participant}`;
}

/** Shareable passages, best first: complete sentences of a readable length, then the most distinguishing, then by id. */
function rankPassages(index: EvidenceIndex, passages: readonly Evidence[], weight: ReadonlyMap<string, number>): Evidence[] {
  const score = (e: Evidence) => [...new Set(e.highlight.tags)].reduce((sum, t) => sum + (weight.get(t) ?? 0), 0);
  const readable = (e: Evidence) => (isCompleteSentence(e.highlight.quote) ? 2 : 0) + (e.highlight.quote.length <= LONG_QUOTE ? 1 : 0);
  return preferQuotes(index, passages).sort((a, b) => readable(b) - readable(a) || score(b) - score(a) || (a.highlight.id < b.highlight.id ? -1 : 1));
}

/**
 * The most typical passage of each member: a shareable one whose tags weigh most among
 * the persona's distinguishing tags (complete sentences of a readable length first);
 * members ordered by that weight.
 */
export function typicalQuotes(index: EvidenceIndex, members: ReadonlySet<string>, weight: ReadonlyMap<string, number>, max = MAX_QUOTES): string[] {
  const byMember = new Map<string, Evidence[]>();
  for (const e of index.byId.values()) {
    if (e.participant === undefined || !members.has(e.participant) || !e.highlight.tags.some((t) => weight.has(t))) continue;
    byMember.set(e.participant, [...(byMember.get(e.participant) ?? []), e]);
  }
  const score = (e: Evidence) => [...new Set(e.highlight.tags)].reduce((sum, t) => sum + (weight.get(t) ?? 0), 0);
  return [...byMember.values()]
    .map((list) => rankPassages(index, list, weight)[0])
    .filter((e): e is Evidence => e !== undefined)
    .sort((a, b) => score(b) - score(a) || (a.highlight.id < b.highlight.id ? -1 : 1))
    .slice(0, max)
    .map((e) => e.highlight.id);
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / (values.length || 1);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Tags under the codebook branches named goals, frustrations and behaviours (by id or label; "behaviors" too). */
function traitBranches(ws: Workspace): Record<'goals' | 'frustrations' | 'behaviours', Set<string>> {
  const children = new Map<string, string[]>();
  for (const t of ws.codebook) if (t.parent !== undefined) children.set(t.parent, [...(children.get(t.parent) ?? []), t.id]);
  const below = (root: string) => {
    const out = new Set<string>();
    const stack = [...(children.get(root) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return out;
  };
  const root = (...names: string[]) => ws.codebook.find((t) => names.includes(t.id.toLowerCase()) || names.includes(t.label.toLowerCase()));
  const of = (...names: string[]) => {
    const r = root(...names);
    return r ? below(r.id) : new Set<string>();
  };
  return { goals: of('goals'), frustrations: of('frustrations', 'pain points'), behaviours: of('behaviours', 'behaviors') };
}

/** Attribute values at least two thirds of the members share and that are commoner among them than in the sample: `age-band 65+, channel phone`. */
function commonAttributes(ws: Workspace, members: readonly string[]): string {
  const byId = new Map(ws.participants.map((p) => [p.id, p]));
  const sample = ws.participants.filter((p) => p.consent?.scope !== 'withdrawn');
  const out: string[] = [];
  for (const attribute of Object.keys(ws.project?.attributes ?? {})) {
    const tally = new Map<string, number>();
    for (const m of members) {
      const v = byId.get(m)?.attributes[attribute];
      if (v !== undefined) tally.set(String(v), (tally.get(String(v)) ?? 0) + 1);
    }
    for (const [value, n] of tally) {
      const inSample = sample.filter((p) => String(p.attributes[attribute]) === value).length / (sample.length || 1);
      if (n / members.length >= 2 / 3 && n / members.length > inSample) out.push(`${attribute} ${value}`);
    }
  }
  return out.join(', ');
}

/** `a`, `a and b`, `a, b and c`. */
export function sentenceList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `Know where I stand` → `know where I stand` (an acronym stays as it is). */
function lowerFirst(s: string): string {
  return /^[A-Z][^A-Z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
