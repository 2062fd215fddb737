/**
 * Whether a persona is a finding yet, and which set it belongs to.
 *
 * A generated persona is a draft until a researcher reads it and accepts it: clustering
 * proposes groups, it does not know whether they mean anything. A persona written by hand
 * is the researcher's statement, so it counts as accepted unless it says otherwise.
 *
 * A *set* is one way of dividing the sample: the personas of one generation run, or the
 * ones the team wrote by hand. Within a set a participant belongs to one persona, so its
 * shares add up to at most 100 %; two sets are two views of the same people and are never
 * added together.
 */
import type { Persona, PersonaStatus } from '../model';
import type { EditPlan } from '../store/plan';
import type { PointedProblem } from '../workspace/references';
import type { Workspace } from '../workspace/workspace';

/** The set of hand-written personas that name no set. */
export const HAND_WRITTEN_SET = 'hand-written';

export function personaStatus(p: Pick<Persona, 'status' | 'generated'>): PersonaStatus {
  return p.status ?? (p.generated ? 'draft' : 'accepted');
}

export function personaSet(p: Pick<Persona, 'set' | 'generated'>): string {
  return p.set ?? (p.generated ? 'generated' : HAND_WRITTEN_SET);
}

export function isAccepted(p: Pick<Persona, 'status' | 'generated'>): boolean {
  return personaStatus(p) === 'accepted';
}

/**
 * The set a generation run writes: named after what it clustered on, so running it again
 * the same way refreshes the same set (and its files), and a run on other attributes
 * makes another set rather than mixing the two.
 */
export function generationSet(attributes: readonly string[]): string {
  return ['by-coding', ...[...attributes].sort()]
    .join('-and-')
    .replace(/[^a-z0-9-]+/gi, '-')
    .replace(/-+/g, '-')
    .toLowerCase();
}

/** Plans `status: accepted` (or back to draft) in a persona's file, comments and all else kept. */
export async function setPersonaStatus(plan: EditPlan, persona: Persona, status: PersonaStatus): Promise<boolean> {
  return plan.edit('persona', persona.path, (doc) => {
    if (doc.get('status') === status) return;
    // Status sits after the summary, where a reader of the file looks for it.
    doc.set('status', status);
  });
}

/**
 * Participants counted in two personas of one set: the set's shares would add up past
 * 100 %. A warning at the second persona's file, naming the first.
 */
export function overlapsWithinSets(ws: Workspace): PointedProblem[] {
  const problems: PointedProblem[] = [];
  const owner = new Map<string, Map<string, Persona>>();
  for (const p of [...ws.personas.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const set = personaSet(p);
    const members = owner.get(set) ?? new Map<string, Persona>();
    owner.set(set, members);
    const twice = p.participants.filter((id) => members.has(id) && members.get(id) !== p);
    if (twice.length > 0) {
      const first = members.get(twice[0]!)!;
      problems.push({
        path: p.path,
        pointer: ['participants', p.participants.indexOf(twice[0]!)],
        severity: 'warning',
        code: 'persona-overlap',
        message: `${twice.join(', ')} also ${twice.length === 1 ? 'belongs' : 'belong'} to “${first.name}” (${first.path}) in the set “${set}”: a participant belongs to one persona of a set, or its shares add up past 100 %. Give one of them another \`set:\`.`,
      });
    }
    for (const id of p.participants) if (!members.has(id)) members.set(id, p);
  }
  return problems;
}
