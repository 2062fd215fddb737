/**
 * Segments written back: the participants divided into groups (the clustering of
 * personas, run on its own over chosen attributes and/or the coding), and each
 * participant's segment written as an attribute in participants.yaml, declared in
 * research.yaml as an enum. From then on a segment is an attribute like any other:
 * matrices, filters, coverage and the report work by it, as public-service segmentation
 * studies report "% of total sample" per segment.
 *
 * Writing keeps comments and formatting (Document API). A participant left out of this
 * run (withdrawn, or nothing to profile) loses a segment value from an earlier run, so no
 * stale segment lingers. An attribute the researcher declared is never taken over: the
 * attribute Sift writes says in its description that `sift segments` wrote it.
 */
import { formatShare } from '../format';
import { isMap, isSeq, type Document } from 'yaml';
import { slugify } from '../ids';
import { indexEvidence, type EvidenceIndex } from '../insights/evidence';
import { generatePersonas, sentenceList } from '../personas/generate';
import { problem, type Problem } from '../problems';
import type { EditPlan } from '../store/plan';
import { RESEARCH_FILE, type Workspace } from '../workspace/workspace';

export interface SegmentOptions {
  /** Cluster on the coding (tag profiles). */
  tags: boolean;
  /** Participant attributes to cluster on (alone, or beside the coding). */
  attributes: readonly string[];
  /** Number of segments; chosen by silhouette when absent. */
  k?: number;
  /** The attribute to write; `segment` by default. */
  name?: string;
  seed?: number;
}

export interface Segment {
  /** The attribute value: a slug of what sets the segment apart. */
  value: string;
  /** What sets it apart, in words (codes, or attribute values most of its members share). */
  label: string;
  participants: string[];
  /** Of the participants segmented, 0–1. */
  share: number;
}

export interface Segmentation {
  attribute: string;
  segments: Segment[];
  /** Counted participants not segmented (nothing to profile them by). */
  unassigned: string[];
  silhouette: number;
  tried: { k: number; silhouette: number }[];
  /** One sentence: how the segments were made (written into research.yaml). */
  method: string;
}

export const DEFAULT_SEGMENT_ATTRIBUTE = 'segment';
/** The start of the description of an attribute `sift segments` wrote: only such an attribute is rewritten. */
const WRITTEN_BY = 'Segments written by sift segments';

export function segmentParticipants(ws: Workspace, options: SegmentOptions, index: EvidenceIndex = indexEvidence(ws)): Segmentation {
  const attribute = options.name ?? DEFAULT_SEGMENT_ATTRIBUTE;
  // The attribute being written is never an input: a rerun must not cluster on its own output.
  const attributes = options.attributes.filter((a) => a !== attribute);
  const g = generatePersonas(ws, { tags: options.tags, attributes, ...(options.k !== undefined ? { k: options.k } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) }, index);
  const taken = new Set<string>();
  const segments = g.personas.map((p, i): Segment => {
    const label = options.tags ? p.label : (sharedValues(ws, p.participants, attributes) ?? p.label);
    let value = slugify(label, 40) || `segment-${i + 1}`;
    for (let n = 2; taken.has(value); n++) value = `${slugify(label, 40)}-${n}`;
    taken.add(value);
    return { value, label, participants: p.participants, share: p.share };
  });
  return { attribute, segments, unassigned: g.unprofiled, silhouette: g.silhouette, tried: g.tried, method: g.method };
}

/** `age-band 65+ and channel phone`: the values every member shares, or (failing that) most of them. */
function sharedValues(ws: Workspace, members: readonly string[], attributes: readonly string[]): string | undefined {
  const byId = new Map(ws.participants.map((p) => [p.id, p]));
  const parts: string[] = [];
  for (const a of attributes) {
    const tally = new Map<string, number>();
    for (const m of members) {
      const v = byId.get(m)?.attributes[a];
      if (v !== undefined) tally.set(String(v), (tally.get(String(v)) ?? 0) + 1);
    }
    const [top] = [...tally].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    if (top && top[1] / members.length > 0.5) parts.push(`${a} ${top[0]}`);
  }
  return parts.length > 0 ? sentenceList(parts) : undefined;
}

/** The attributes `sift segments` wrote, which the report shows as segments. */
export function segmentAttributes(ws: Workspace): string[] {
  return Object.entries(ws.project?.attributes ?? {})
    .filter(([, a]) => (a.description ?? '').startsWith(WRITTEN_BY))
    .map(([name]) => name);
}

/** Plans the segment of each participant in participants.yaml and the enum in research.yaml. */
export async function writeSegments(plan: EditPlan, ws: Workspace, s: Segmentation): Promise<Problem[]> {
  const declared = ws.project?.attributes[s.attribute];
  if (declared && !(declared.description ?? '').startsWith(WRITTEN_BY)) {
    return [problem(RESEARCH_FILE, undefined, 'error', 'segment-attribute', `research.yaml already declares the attribute “${s.attribute}”, and sift segments did not write it: choose another name for the segments (--name).`)];
  }
  const participantsPath = ws.project?.paths.participants ?? 'participants.yaml';
  if (!ws.versions.has(participantsPath)) return [problem(participantsPath, undefined, 'error', 'no-participants', `${participantsPath} is missing: segments are written there, one attribute per participant.`)];
  const segmentOf = new Map(s.segments.flatMap((g) => g.participants.map((p) => [p, g.value] as const)));
  await plan.edit('research', RESEARCH_FILE, (doc) => declare(doc, s));
  await plan.edit('participants', participantsPath, (doc) => assign(doc, s.attribute, segmentOf));
  return plan.result().problems;
}

function declare(doc: Document, s: Segmentation): void {
  const node = doc.createNode({ type: 'enum', values: s.segments.map((g) => g.value), description: `${WRITTEN_BY} (${s.method}).` });
  const values = node.get('values', true) as unknown;
  if (isSeq(values)) values.flow = true;
  if (!isMap(doc.get('attributes'))) doc.set('attributes', doc.createNode({}));
  const attributes = doc.get('attributes') as import('yaml').YAMLMap;
  attributes.set(s.attribute, node);
}

function assign(doc: Document, attribute: string, segmentOf: ReadonlyMap<string, string>): void {
  const list = doc.get('participants', true);
  if (!isSeq(list)) return;
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const id = String(item.get('id'));
    const value = segmentOf.get(id);
    const attributes = item.get('attributes', true);
    if (value === undefined) {
      if (isMap(attributes)) attributes.delete(attribute);
      continue;
    }
    if (isMap(attributes)) attributes.set(attribute, value);
    else item.set('attributes', doc.createNode({ [attribute]: value }, { flow: true }));
  }
}

/** Each segment's members and share of the total sample (the segmented and the unassigned), written as the CLI, VS Code and the report show it. */
export function segmentShares(s: Segmentation): { value: string; participants: string[]; shareText: string }[] {
  const total = s.segments.reduce((n, g) => n + g.participants.length, 0) + s.unassigned.length;
  return s.segments.map((g) => ({ value: g.value, participants: g.participants, shareText: formatShare(total === 0 ? 0 : g.participants.length / total) }));
}
