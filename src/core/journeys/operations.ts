/**
 * Journey edits as plans: create a journey with its stages, add a stage, put a highlight
 * under a stage with a sentiment (moving it if it sits under another stage of the same
 * journey), dismiss Sift's sentiment proposal for one, and take it out again. Sentiment is
 * a whole number from −2 (very negative) to +2 (very positive), and only ever the
 * researcher's: a quote put on a stage without one has none (not 0) until they set or
 * confirm it.
 */
import { isMap, isSeq, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { slugify } from '../ids';
import { indexEvidence } from '../insights/evidence';
import { uniqueId } from '../insights/operations';
import { problem, type Problem } from '../problems';
import type { EditPlan } from '../store/plan';
import type { Workspace } from '../workspace/workspace';

export async function createJourney(plan: EditPlan, ws: Workspace, journey: { title: string; stages: readonly string[]; persona?: string }): Promise<{ id?: string; problems: Problem[] }> {
  const folder = ws.project?.paths.journeys ?? 'journeys';
  const title = journey.title.trim();
  const problems: Problem[] = [];
  if (!title) problems.push(problem(folder, undefined, 'error', 'journey-refused', 'A journey needs a title.'));
  if (journey.persona !== undefined && !ws.personas.has(journey.persona)) problems.push(problem(folder, undefined, 'error', 'journey-refused', `There is no persona ${journey.persona}.`));
  if (problems.length > 0) return { problems };
  const taken = new Set<string>();
  const stages = journey.stages
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => {
      const id = uniqueId(slugify(t), taken);
      taken.add(id);
      return { id, title: t, highlights: [] };
    });
  const id = uniqueId(slugify(title), new Set(ws.journeys.keys()));
  await plan.create('journey', `${folder}/${id}.yaml`, { title, ...(journey.persona ? { persona: journey.persona } : {}), stages });
  return { id, problems: [] };
}

export async function addStage(plan: EditPlan, ws: Workspace, journeyId: string, title: string): Promise<{ id?: string; problems: Problem[] }> {
  const journey = ws.journeys.get(journeyId);
  if (!journey) return { problems: [missing(ws, 'journey', journeyId)] };
  const id = uniqueId(slugify(title), new Set(journey.stages.map((s) => s.id)));
  await plan.edit('journey', journey.path, (doc) => {
    stagesOf(doc)?.add(doc.createNode({ id, title: title.trim(), highlights: [] }));
  });
  return { id, problems: [] };
}

/**
 * Puts a highlight under a stage with a sentiment. Already under that stage: its
 * sentiment changes. Under another stage of the journey: it moves (keeping its sentiment
 * unless one is given). New: added at the end of the stage, without a sentiment unless
 * given. Setting a sentiment clears a dismissed proposal (there is nothing left to propose).
 */
export async function assignToStage(plan: EditPlan, ws: Workspace, journeyId: string, highlightId: string, stageId: string, sentiment?: number): Promise<Problem[]> {
  const journey = ws.journeys.get(journeyId);
  if (!journey) return [missing(ws, 'journey', journeyId)];
  const refuse = (message: string) => [problem(journey.path, undefined, 'error', 'journey-refused', message)];
  if (sentiment !== undefined && !(Number.isInteger(sentiment) && sentiment >= -2 && sentiment <= 2)) return refuse(`Sentiment is a whole number from -2 to 2, not ${sentiment}.`);
  if (!journey.stages.some((s) => s.id === stageId)) return refuse(`Journey ${journeyId} has no stage ${stageId}; its stages are ${journey.stages.map((s) => s.id).join(', ')}.`);
  const index = indexEvidence(ws);
  if (index.withdrawn.has(highlightId)) return refuse(`Highlight ${highlightId} holds the words of a participant who withdrew consent, so it cannot go on a journey.`);
  if (!index.byId.has(highlightId)) return refuse(`There is no highlight ${highlightId}.`);
  const previous = journey.stages.flatMap((s) => s.highlights).find((h) => h.id === highlightId)?.sentiment;
  const value = sentiment ?? previous;
  await plan.edit('journey', journey.path, (doc) => {
    for (const stage of stageMaps(doc)) {
      const list = stage.get('highlights', true);
      if (stage.get('id') === stageId) {
        const existing = isSeq(list) ? list.items.find((i): i is YAMLMap => isMap(i) && i.get('id') === highlightId) : undefined;
        if (existing) {
          if (value !== undefined) {
            existing.set('sentiment', value);
            existing.delete('proposal');
          }
        } else {
          const node = doc.createNode({ id: highlightId, ...(value !== undefined ? { sentiment: value } : {}) }) as YAMLMap;
          node.flow = true;
          if (isSeq(list)) list.add(node);
          else stage.set('highlights', doc.createNode([node]));
        }
      } else if (isSeq(list)) removeFrom(list, highlightId);
    }
  });
  return [];
}

/**
 * Records that the researcher dismissed the sentiment proposal for a quote on a journey
 * (`proposal: dismissed` on its moment), so it is not offered again. A quote that already has
 * a sentiment has no proposal to dismiss.
 */
export async function dismissSentimentProposal(plan: EditPlan, ws: Workspace, journeyId: string, highlightId: string): Promise<Problem[]> {
  const journey = ws.journeys.get(journeyId);
  if (!journey) return [missing(ws, 'journey', journeyId)];
  const moment = journey.stages.flatMap((s) => s.highlights).find((h) => h.id === highlightId);
  if (!moment) return [problem(journey.path, undefined, 'error', 'journey-refused', `Highlight ${highlightId} is not on journey ${journeyId}.`)];
  if (moment.sentiment !== undefined) return [problem(journey.path, undefined, 'error', 'journey-refused', `Highlight ${highlightId} already has a sentiment (${moment.sentiment}) on journey ${journeyId}; there is no proposal to dismiss.`)];
  if (moment.proposal === 'dismissed') return [];
  await plan.edit('journey', journey.path, (doc) => {
    for (const stage of stageMaps(doc)) {
      const list = stage.get('highlights', true);
      const node = isSeq(list) ? list.items.find((i): i is YAMLMap => isMap(i) && i.get('id') === highlightId) : undefined;
      node?.set('proposal', 'dismissed');
    }
  });
  return [];
}

/** Takes a highlight off every stage of a journey. */
export async function removeFromJourney(plan: EditPlan, ws: Workspace, journeyId: string, highlightId: string): Promise<Problem[]> {
  const journey = ws.journeys.get(journeyId);
  if (!journey) return [missing(ws, 'journey', journeyId)];
  await plan.edit('journey', journey.path, (doc) => {
    let removed = false;
    for (const stage of stageMaps(doc)) {
      const list = stage.get('highlights', true);
      if (isSeq(list)) removed = removeFrom(list, highlightId) || removed;
    }
    return removed;
  });
  return [];
}

function stagesOf(doc: Document): YAMLSeq | undefined {
  const stages = doc.get('stages', true);
  return isSeq(stages) ? stages : undefined;
}

function stageMaps(doc: Document): YAMLMap[] {
  return (stagesOf(doc)?.items ?? []).filter((i): i is YAMLMap => isMap(i));
}

function removeFrom(list: YAMLSeq, highlightId: string): boolean {
  const before = list.items.length;
  list.items = list.items.filter((i) => !(isMap(i) && i.get('id') === highlightId));
  return list.items.length !== before;
}

function missing(ws: Workspace, kind: 'journey', id: string): Problem {
  return problem(`${ws.project?.paths.journeys ?? 'journeys'}/${id}.yaml`, undefined, 'error', `no-${kind}`, `There is no ${kind} ${id}.`);
}
