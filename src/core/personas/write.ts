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
 */
import { isMap, type Document } from 'yaml';
import { gitBlobHash } from '../hash';
import type { Persona } from '../model';
import type { Problem } from '../problems';
import { setStringList } from '../store/nodes';
import type { EditPlan } from '../store/plan';
import type { Workspace } from '../workspace/workspace';
import type { PersonaDraft, PersonaGeneration } from './generate';

export const GENERATED_FIELDS = ['name', 'label', 'summary', 'participants', 'share', 'distinguishing', 'quotes', 'goals', 'frustrations', 'behaviours'] as const;
type Field = (typeof GENERATED_FIELDS)[number];
const STRING_LISTS: ReadonlySet<Field> = new Set(['participants', 'quotes', 'goals', 'frustrations', 'behaviours']);
/** Groups sharing less than this of their participants (Jaccard) are different personas. */
const MIN_OVERLAP = 0.3;

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
}

export interface PersonaWriteResult {
  writes: PersonaWrite[];
  /** Generated personas that match no group now: left alone. */
  unmatched: Persona[];
  problems: Problem[];
}

export async function writePersonas(plan: EditPlan, ws: Workspace, generation: PersonaGeneration): Promise<PersonaWriteResult> {
  const folder = ws.project?.paths.personas ?? 'personas';
  const generated = [...ws.personas.values()].filter((p) => p.generated !== undefined);
  const handWritten = [...ws.personas.values()].filter((p) => p.generated === undefined);
  const match = matchByParticipants(generation.personas, generated);
  const writes: PersonaWrite[] = [];
  for (const draft of generation.personas) {
    const existing = match.get(draft);
    const value = fileValue(draft);
    if (!existing) {
      const path = `${folder}/${draft.id}.yaml`;
      await plan.create('persona', path, { ...value, generated: { method: generation.method, fields: fingerprints(value, GENERATED_FIELDS) } });
      const similar = matchByParticipants([draft], handWritten).get(draft);
      const resembles = similar && { path: similar.path, shared: similar.participants.filter((p) => draft.participants.includes(p)).length, of: similar.participants.length };
      writes.push({ id: draft.id, path, draft, action: 'create', refreshed: [...GENERATED_FIELDS], kept: [], ...(resembles ? { resembles } : {}) });
      continue;
    }
    const refreshed: Field[] = [];
    const kept: Field[] = [];
    const changed = await plan.edit('persona', existing.path, (doc) => refresh(doc, value, generation.method, refreshed, kept));
    writes.push({ id: existing.id, path: existing.path, draft, action: changed ? 'update' : 'unchanged', refreshed, kept });
  }
  const used = new Set(match.values());
  return { writes, unmatched: generated.filter((p) => !used.has(p)), problems: plan.result().problems };
}

type FileValue = Record<Field, unknown>;

function fileValue(d: PersonaDraft): FileValue {
  return {
    name: d.name,
    label: d.label,
    summary: d.summary,
    participants: d.participants,
    share: d.share,
    distinguishing: d.distinguishing.map((t) => ({ tag: t.tag, lift: t.lift })),
    quotes: d.quotes,
    goals: d.goals,
    frustrations: d.frustrations,
    behaviours: d.behaviours,
  };
}

/** Applies the rules above to one parsed persona file. */
function refresh(doc: Document, value: FileValue, method: string, refreshed: Field[], kept: Field[]): void {
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
    const map = doc.contents;
    if (!isMap(map)) continue;
    if (STRING_LISTS.has(f)) setStringList(doc, map, f, value[f] as string[]);
    else if (fingerprint(current[f]) !== fields[f]) map.set(f, doc.createNode(value[f]));
  }
  doc.set('generated', doc.createNode({ method, fields }));
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
