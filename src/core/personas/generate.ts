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
import { mulberry32 } from '../random';
import type { Workspace } from '../workspace/workspace';
import { clusterProfiles, type ChosenClustering } from './kmeans';
import { buildProfiles, type Profiles } from './profiles';

export interface PersonaOptions {
  /** Number of personas; chosen by silhouette when absent. */
  k?: number;
  /** Participant attributes to cluster on besides the codes. */
  attributes?: readonly string[];
  seed?: number;
}

export const DEFAULT_SEED = 1;
const MAX_DISTINGUISHING = 5;
const MAX_QUOTES = 5;
/** A tag distinguishes a persona when its members use it this many times as much as everyone … */
const MIN_LIFT = 1.2;
/** … and at least this share of the members use it (one member's habit is not a persona's). */
const MIN_PREVALENCE = 0.5;

export interface DistinguishingTag {
  tag: string;
  label: string;
  /** Mean share of members' highlights with the tag, over the same mean for all profiled participants. */
  lift: number;
  /** Members who used the tag. */
  participants: number;
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
  distinguishing: DistinguishingTag[];
  /** Highlight ids: the most typical quotable highlight of each member, most typical first. */
  quotes: string[];
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
  profiled: number;
  unprofiled: string[];
  /** One sentence saying how the personas were made, written into each file. */
  method: string;
}

export function generatePersonas(ws: Workspace, options: PersonaOptions = {}, index: EvidenceIndex = indexEvidence(ws)): PersonaGeneration {
  const seed = options.seed ?? DEFAULT_SEED;
  const attributes = [...(options.attributes ?? [])];
  const profiles = buildProfiles(ws, index, attributes);
  const clustering = clusterProfiles(profiles.vectors, mulberry32(seed), options.k);
  const members: number[][] = Array.from({ length: clustering.k }, () => []);
  clustering.assignment.forEach((c, i) => members[c]!.push(i));
  const overall = meanShares(profiles, profiles.participants.map((_, i) => i));
  const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
  const branches = traitBranches(ws);
  // Ids of persona files that exist, readable or not: a new persona never takes one.
  const folder = ws.project?.paths.personas ?? 'personas';
  const taken = new Set([...ws.personas.keys(), ...[...ws.unreadable].filter((p) => p.startsWith(`${folder}/`)).map(idFromPath)]);
  const personas = members
    .filter((m) => m.length > 0)
    .map((m) => describe(ws, index, profiles, m, overall, labels, branches, taken))
    .sort((a, b) => b.participants.length - a.participants.length || (a.id < b.id ? -1 : 1))
    // Placeholder names in order of size, for the researcher to replace with memorable ones.
    .map((p, i) => ({ ...p, name: `Persona ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) + 1 : ''}` }));
  const how =
    clustering.chosenBy === 'given'
      ? `k = ${clustering.k} as asked`
      : clustering.chosenBy === 'silhouette'
        ? `k = ${clustering.k} chosen by silhouette (${clustering.silhouette.toFixed(2)})`
        : 'one group: too few participants to cluster';
  const on = attributes.length > 0 ? `tag shares and ${attributes.join(', ')}` : 'tag shares';
  return {
    personas,
    k: clustering.k,
    chosenBy: clustering.chosenBy,
    silhouette: clustering.silhouette,
    tried: clustering.tried,
    seed,
    attributes,
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
): PersonaDraft {
  const mean = meanShares(profiles, rows);
  const users = new Int32Array(profiles.tags.length);
  for (const r of rows) profiles.counts[r]!.forEach((c, t) => c > 0 && users[t]!++);
  const tags = profiles.tags.map((tag, t) => ({ tag, label: labels.get(tag) ?? tag, lift: overall[t]! > 0 ? mean[t]! / overall[t]! : 0, participants: users[t]!, prevalence: users[t]! / rows.length }));
  const byLift = tags.filter((t) => t.participants > 0).sort((a, b) => b.lift - a.lift || b.participants - a.participants || (a.tag < b.tag ? -1 : 1));
  const distinct = byLift.filter((t) => t.lift >= MIN_LIFT && t.prevalence >= MIN_PREVALENCE);
  const distinguishing = distinct.slice(0, MAX_DISTINGUISHING).map(({ tag, label, lift, participants }) => ({ tag, label, lift: Math.round(lift * 10) / 10, participants }));
  const trait = (branch: Set<string>) =>
    byLift.filter((t) => branch.has(t.tag) && (t.prevalence >= MIN_PREVALENCE || (t.lift >= MIN_LIFT && t.prevalence >= 1 / 3))).map((t) => t.label);
  const participants = rows.map((r) => profiles.participants[r]!);
  const liftOf = new Map(distinct.map((t) => [t.tag, t.lift]));
  const quotes = typicalQuotes(index, new Set(participants), liftOf);
  const label = distinguishing.length > 0 ? distinguishing.slice(0, 2).map((t, i) => (i === 0 ? t.label : lowerFirst(t.label))).join(' and ') : 'No distinguishing codes';
  const id = uniqueId(slugify(`persona ${label}`, 50), taken);
  taken.add(id);
  const share = Math.round((rows.length / profiles.participants.length) * 100) / 100;
  const about = distinguishing.length > 0 ? ` More than the others, they talk about ${sentenceList(distinguishing.map((t) => lowerFirst(t.label)))}.` : '';
  const mostly = commonAttributes(ws, participants);
  return {
    id,
    name: '',
    label,
    summary: `${rows.length} of ${profiles.participants.length} participants (${Math.round(share * 100)}%).${about}${mostly ? ` Common to most of them — ${mostly}.` : ''}`,
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
 * The most typical highlight of each member: the quotable one whose tags add up to the
 * most lift among the persona's distinguishing tags; members ordered by that score.
 */
function typicalQuotes(index: EvidenceIndex, members: Set<string>, liftOf: Map<string, number>): string[] {
  const best = new Map<string, { e: Evidence; score: number }>();
  for (const e of index.byId.values()) {
    if (!e.quotable || e.participant === undefined || !members.has(e.participant)) continue;
    let score = 0;
    for (const t of new Set(e.highlight.tags)) score += liftOf.get(t) ?? 0;
    if (score === 0) continue;
    const current = best.get(e.participant);
    if (!current || score > current.score || (score === current.score && e.highlight.id < current.e.highlight.id)) best.set(e.participant, { e, score });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || (a.e.highlight.id < b.e.highlight.id ? -1 : 1))
    .slice(0, MAX_QUOTES)
    .map((x) => x.e.highlight.id);
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
