/**
 * Writing an attribute's targets (and the planned sample size) into research.yaml, through
 * the Document API: the rest of the file — comments, other attributes' targets, order — is
 * kept, and the targets are written in the explicit form (`10.3%`, `{count: 3}`) so no one has
 * to guess what a bare number means.
 */
import { isMap, type Document } from 'yaml';
import type { SamplingTarget } from '../model';
import type { EditPlan } from '../store/plan';
import { RESEARCH_FILE } from '../workspace/workspace';
import { writtenPercent } from './census';

export async function writeTargets(plan: EditPlan, attribute: string, targets: Record<string, SamplingTarget>, planned?: number): Promise<boolean> {
  return plan.edit('research', RESEARCH_FILE, (doc) => {
    const written = Object.fromEntries(Object.entries(targets).map(([value, t]) => [value, t.unit === 'share' ? writtenPercent(t.value) : { count: t.value }]));
    const sampling = doc.get('sampling', true);
    if (isMap(sampling) && sampling.items.length === 0) sampling.flow = false; // `sampling: {}` from sift init grows into a block
    doc.setIn(['sampling', attribute], doc.createNode(written, { flow: true }));
    if (planned !== undefined) setPlanned(doc, planned);
  });
}

function setPlanned(doc: Document.Parsed, planned: number): void {
  const sample = doc.get('sample', true);
  if (isMap(sample)) sample.set('planned', planned);
  else doc.set('sample', doc.createNode({ planned }, { flow: true }));
}
