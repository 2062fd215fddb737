/**
 * Writing generated personas to `personas/<id>.yaml` without ever destroying what a
 * researcher wrote.
 *
 * How Sift knows which fields are the researcher's: each generated file carries
 * `generated.fields`, a fingerprint (a short hash) of every field's value as Sift last
 * wrote it. On the next run, per field:
 * - absent (never written, or deleted by the researcher): generated;
 * - its value matches the fingerprint: Sift's, refreshed with the new value;
 * - its value differs, or it has no fingerprint: the researcher's, kept as it is, and
 *   its fingerprint dropped so it stays theirs.
 * - its value equals what Sift would write now: Sift's again.
 * So a researcher hands a field back to Sift by deleting it (or, for the required `name`,
 * by writing the placeholder back), and empties one with `[]`. Personas without a
 * `generated:` record (written by hand) are never touched. A regenerated group finds its
 * file by the overlap of participants (Jaccard), so renaming a persona keeps its file;
 * a generated file that matches no group any more is reported, never deleted.
 *
 * A new persona is a draft of the run's set (see status.ts). One that shares most of its
 * participants with a hand-written persona is a twin in the making: the caller chooses
 * (`similar`) to add it anyway, as a draft to compare, or to update the hand-written one
 * instead — its measured fields (participants, share, distinguishing codes) from this
 * run, every word the researcher wrote kept, its status as it was, and the run's set.
 */
import { isMap, type Document } from 'yaml';
import { gitBlobHash } from '../hash';
import type { Persona } from '../model';
import { personaStatus } from './status';
import type { Problem } from '../problems';
import { setStringList, styleCompact } from '../store/nodes';
import type { EditPlan } from '../store/plan';
import type { Workspace } from '../workspace/workspace';
import type { PersonaDraft, PersonaGeneration } from './generate';

export const GENERATED_FIELDS = ['name', 'label', 'summary', 'participants', 'share', 'distinguishing', 'quotes', 'goals', 'frustrations', 'behaviours'] as const;
type Field = (typeof GENERATED_FIELDS)[number];
const STRING_LISTS: ReadonlySet<Field> = new Set(['participants', 'quotes', 'goals', 'frustrations', 'behaviours']);
/** Groups sharing less than this of their participants (Jaccard) are different personas. */
const MIN_OVERLAP = 0.3;
/** What a group measures, rather than says: what updating a hand-written twin takes from the run. */
const MEASURED: readonly Field[] = ['participants', 'share', 'distinguishing'];

export interface WriteOptions {
  /** A new persona resembling a hand-written one: add it as a draft (the default), or update the hand-written one instead. */
  similar?: 'add' | 'update';
}

/** A new group of this run and the hand-written persona it resembles. */
export interface Twin {
  draft: PersonaDraft;
  persona: Persona;
  /** Participants they share, of the hand-written persona's. */
  shared: number;
  of: number;
}

export interface PersonaWrite {
  id: string;
  path: string;
  draft: PersonaDraft;
  action: 'create' | 'update' | 'unchanged';
  /** Fields refreshed from the evidence. */
  refreshed: Field[];
  /** Fields the researcher wrote, kept. */
  kept: Field[];
  /** A hand-written persona sharing most participants with this new one, so the researcher can compare or merge them. */
  resembles?: { path: string; shared: number; of: number };
  /** A hand-written persona updated with this group's measures instead of adding a twin. */
  adopted?: boolean;
}

export interface PersonaWriteResult {
  writes: PersonaWrite[];
  /** Generated personas that match no group now: left alone. */
  unmatched: Persona[];
  problems: Problem[];
}

export async function writePersonas(plan: EditPlan, ws: Workspace, generation: PersonaGeneration, options: WriteOptions = {}): Promise<PersonaWriteResult> {
  const folder = ws.project?.paths.personas ?? 'personas';
  const generated = [...ws.personas.values()].filter((p) => p.generated !== undefined);
  const match = matchByParticipants(generation.personas, generated);
  const twins = new Map(findTwins(ws, generation).map((t) => [t.draft, t]));
  const writes: PersonaWrite[] = [];
  for (const draft of generation.personas) {
    const existing = match.get(draft);
    const value = fileValue(draft);
    const record = { method: generation.method, silhouette: { group: draft.silhouette, set: round2(generation.silhouette) } };
    const twin = existing ? undefined : twins.get(draft);
    if (twin && options.similar === 'update') {
      const refreshed: Field[] = [];
      const changed = await plan.edit('persona', twin.persona.path, (doc) => adopt(doc, twin.persona, value, record, generation.set, refreshed));
      writes.push({ id: twin.persona.id, path: twin.persona.path, draft, action: changed ? 'update' : 'unchanged', refreshed, kept: GENERATED_FIELDS.filter((f) => !refreshed.includes(f)), adopted: true });
      continue;
    }
    if (!existing) {
      const path = `${folder}/${draft.id}.yaml`;
      await plan.create('persona', path, { ...value, status: 'draft', set: generation.set, generated: { ...record, fields: fingerprints(value, GENERATED_FIELDS) } }, undefined, (doc) => styleCompact(doc.get('distinguishing', true)));
      const resembles = twin && { path: twin.persona.path, shared: twin.shared, of: twin.of };
      writes.push({ id: draft.id, path, draft, action: 'create', refreshed: [...GENERATED_FIELDS], kept: [], ...(resembles ? { resembles } : {}) });
      continue;
    }
    const refreshed: Field[] = [];
    const kept: Field[] = [];
    const changed = await plan.edit('persona', existing.path, (doc) => refresh(doc, value, record, generation.set, refreshed, kept));
    writes.push({ id: existing.id, path: existing.path, draft, action: changed ? 'update' : 'unchanged', refreshed, kept });
  }
  const used = new Set(match.values());
  return { writes, unmatched: generated.filter((p) => !used.has(p)), problems: plan.result().problems };
}

/** The new groups of a run (those no generated persona matches) that resemble a hand-written persona. */
export function findTwins(ws: Workspace, generation: PersonaGeneration): Twin[] {
  const generated = [...ws.personas.values()].filter((p) => p.generated !== undefined);
  const handWritten = [...ws.personas.values()].filter((p) => p.generated === undefined);
  const matched = matchByParticipants(generation.personas, generated);
  const fresh = generation.personas.filter((d) => !matched.has(d));
  return [...matchByParticipants(fresh, handWritten)].map(([draft, persona]) => ({ draft, persona, shared: persona.participants.filter((p) => draft.participants.includes(p)).length, of: persona.participants.length }));
}

type GeneratedRecord = { method: string; silhouette: { group: number; set: number } };

type FileValue = Record<Field, unknown>;

function fileValue(d: PersonaDraft): FileValue {
  return {
    name: d.name,
    label: d.label,
    summary: d.summary,
    participants: d.participants,
    share: d.share,
    distinguishing: d.distinguishing.map((t) => ({ tag: t.tag, lift: t.lift, members: t.participants, of: t.size, others: t.others, othersOf: t.othersSize })),
    quotes: d.quotes,
    goals: d.goals,
    frustrations: d.frustrations,
    behaviours: d.behaviours,
  };
}

/** Applies the rules above to one parsed persona file. */
function refresh(doc: Document, value: FileValue, generatedRecord: GeneratedRecord, set: string, refreshed: Field[], kept: Field[]): void {
  const current = (doc.toJS({ maxAliasCount: 0 }) ?? {}) as Record<string, unknown>;
  const generated = current.generated as { fields?: Record<string, string> } | undefined;
  const record = generated?.fields ?? {};
  const fields: Partial<Record<Field, string>> = {};
  for (const f of GENERATED_FIELDS) {
    const present = f in current;
    const now = present ? fingerprint(current[f]) : undefined;
    // A value equal to what Sift would write now is Sift's again (its fingerprint returns).
    const sifts = !present || (f in record && now === record[f]) || now === fingerprint(value[f]);
    if (!sifts) {
      kept.push(f);
      continue;
    }
    refreshed.push(f);
    fields[f] = fingerprint(value[f]);
    setField(doc, f, value[f], current[f]);
  }
  // Files from before sets and statuses say what they are, so a reader of the file knows.
  if (!('set' in current)) doc.set('set', set);
  if (!('status' in current)) doc.set('status', 'draft');
  doc.set('generated', doc.createNode({ ...generatedRecord, fields }));
}

/**
 * A hand-written persona takes the group's measures (participants, share, distinguishing
 * codes) and from now on is refreshed like a generated one in those fields alone; its
 * words stay the researcher's, and its status what it was.
 */
function adopt(doc: Document, persona: Persona, value: FileValue, record: GeneratedRecord, set: string, refreshed: Field[]): void {
  const current = (doc.toJS({ maxAliasCount: 0 }) ?? {}) as Record<string, unknown>;
  for (const f of MEASURED) {
    setField(doc, f, value[f], current[f]);
    refreshed.push(f);
  }
  if (!('status' in current)) doc.set('status', personaStatus(persona));
  // Measured by this run, it belongs to the run's set from now on.
  if (!('set' in current)) doc.set('set', set);
  doc.set('generated', doc.createNode({ ...record, fields: fingerprints(value, MEASURED) }));
}

function setField(doc: Document, f: Field, value: unknown, current: unknown): void {
  const map = doc.contents;
  if (!isMap(map)) return;
  if (STRING_LISTS.has(f)) setStringList(doc, map, f, value as string[]);
  else if (fingerprint(current) !== fingerprint(value)) {
    const node = doc.createNode(value);
    styleCompact(node);
    map.set(f, node);
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function fingerprints(value: FileValue, fields: readonly Field[]): Partial<Record<Field, string>> {
  return Object.fromEntries(fields.map((f) => [f, fingerprint(value[f])]));
}

/** A short hash of a value as YAML reads it back (keys sorted, so key order does not matter). */
export function fingerprint(value: unknown): string {
  return gitBlobHash(stableJson(value)).slice(0, 10);
}

function stableJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Each draft's best existing generated persona by shared participants, best pairs first, each used once. */
function matchByParticipants(drafts: readonly PersonaDraft[], existing: readonly Persona[]): Map<PersonaDraft, Persona> {
  const pairs: { draft: PersonaDraft; persona: Persona; overlap: number }[] = [];
  for (const draft of drafts) {
    const mine = new Set(draft.participants);
    for (const persona of existing) {
      const shared = persona.participants.filter((p) => mine.has(p)).length;
      const overlap = shared / (mine.size + persona.participants.length - shared || 1);
      if (overlap >= MIN_OVERLAP) pairs.push({ draft, persona, overlap });
    }
  }
  pairs.sort((a, b) => b.overlap - a.overlap || (a.persona.id < b.persona.id ? -1 : 1) || (a.draft.id < b.draft.id ? -1 : 1));
  const out = new Map<PersonaDraft, Persona>();
  const taken = new Set<Persona>();
  for (const { draft, persona } of pairs) {
    if (out.has(draft) || taken.has(persona)) continue;
    out.set(draft, persona);
    taken.add(persona);
  }
  return out;
}
