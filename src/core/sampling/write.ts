/**
 * Writing an attribute's targets (and the planned sample size) into research.yaml, through
 * the Document API: the rest of the file — comments, other attributes' targets, order — is
 * kept, and the targets are written in the explicit form (`10.3%`, `{count: 3}`) so no one has
 * to guess what a bare number means.
 *
 * A comment on the targets (or the planned sample) that this replaces described the old
 * figures ("Numbers of people, for two groups only"; "the targets below are for 12
 * participants"), so it goes with them: left in place it would be wrong. The new figures get
 * a comment saying where they came from instead. Comments on anything left as it was stay.
 */
import { isMap, isScalar, type Document, type Node } from 'yaml';
import type { SamplingTarget } from '../model';
import type { EditPlan } from '../store/plan';
import { RESEARCH_FILE } from '../workspace/workspace';
import { writtenPercent } from './census';

export interface TargetsOrigin {
  /** The planned sample size to write, when it was given. */
  planned?: number | undefined;
  /** The census table's file name and the column read, for the comment on the targets. */
  table: string;
  column: string;
}

export async function writeTargets(plan: EditPlan, attribute: string, targets: Record<string, SamplingTarget>, origin: TargetsOrigin): Promise<boolean> {
  return plan.edit('research', RESEARCH_FILE, (doc) => {
    const written = Object.fromEntries(Object.entries(targets).map(([value, t]) => [value, t.unit === 'share' ? writtenPercent(t.value) : { count: t.value }]));
    const sampling = doc.get('sampling', true);
    if (isMap(sampling) && sampling.items.length === 0) sampling.flow = false; // `sampling: {}` from sift init grows into a block
    const before = isMap(sampling) ? sampling.get(attribute, true) : undefined;
    if (before !== undefined && sameValue(doc, before, written)) return false;
    doc.setIn(['sampling', attribute], doc.createNode(written, { flow: true }));
    setKeyComment(doc, ['sampling'], attribute, ` Shares of the population in column "${origin.column}" of ${origin.table} (sift sampling import).`);
    if (origin.planned !== undefined) setPlanned(doc, origin.planned);
  });
}

function setPlanned(doc: Document.Parsed, planned: number): void {
  const sample = doc.get('sample', true);
  if (isMap(sample) && sample.get('planned') === planned) return;
  if (isMap(sample)) sample.set('planned', planned);
  else doc.set('sample', doc.createNode({ planned }, { flow: true }));
  setKeyComment(doc, [], 'sample', ` The planned sample (sift sampling import --sample ${planned}).`);
}

/** Puts `comment` above `key` of the map at `path`, in place of what was there. */
function setKeyComment(doc: Document.Parsed, path: string[], key: string, comment: string): void {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(map)) return;
  const pair = map.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
  if (!pair) return;
  if (!isScalar(pair.key)) pair.key = doc.createNode(key);
  (pair.key as Node).commentBefore = comment;
}

function sameValue(doc: Document.Parsed, node: unknown, value: unknown): boolean {
  return JSON.stringify(doc.createNode(value).toJSON()) === JSON.stringify((node as Node).toJSON?.() ?? node);
}
