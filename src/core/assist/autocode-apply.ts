/**
 * Writing an auto-code plan (./autocode.ts) as one change: the tags it needs added to the
 * codebook, then each transcript's new highlights in one edit of its highlights file, every
 * one recording how it came to be (`assisted: {by: autocode, rule: …}`), so coder agreement and
 * the report can tell assisted coding from hand coding. The caller applies the edits at once,
 * which is what makes the whole auto-code one undoable step.
 */
import { addTag } from '../codebook/refactor';
import { gitBlobHash } from '../hash';
import type { Tag } from '../model';
import type { IFileSystem } from '../ports';
import { problem, type Problem } from '../problems';
import { addHighlights } from '../store/highlights';
import type { EditPlan } from '../store/plan';
import { readText } from '../workspace/load';
import { DEFAULT_PATHS } from '../model';
import type { Workspace } from '../workspace/workspace';
import type { AutocodePlan } from './autocode';

/**
 * The normalised text of every transcript of the study as it was loaded: one changed on disk
 * since (its turns would no longer be its text's) is left out, with a problem saying so.
 */
export async function loadedTranscriptTexts(fs: IFileSystem, ws: Workspace): Promise<{ texts: Map<string, string>; problems: Problem[] }> {
  const texts = new Map<string, string>();
  const problems: Problem[] = [];
  for (const [path, transcript] of ws.transcripts) {
    const text = await readText(fs, path);
    if (text === undefined) continue;
    if (gitBlobHash(text) !== transcript.hash) {
      problems.push(problem(path, undefined, 'warning', 'stale', `${path} changed on disk since the study was loaded, so it was left out; run again to include it.`));
      continue;
    }
    texts.set(path, text);
  }
  return { texts, problems };
}

/** Plans the writes of `plan` into `edits`; returns the refusals (then nothing should be applied). */
export async function applyAutocode(edits: EditPlan, ws: Workspace, texts: ReadonlyMap<string, string>, plan: AutocodePlan, random: () => number = Math.random): Promise<Problem[]> {
  const problems = await addNewTags(edits, ws, plan.newTags);
  if (problems.length > 0) return problems;
  const bySource = new Map<string, AutocodePlan['passages']>();
  for (const p of plan.passages) bySource.set(p.source, [...(bySource.get(p.source) ?? []), p]);
  const assisted = { by: 'autocode' as const, rule: plan.rule };
  for (const [source, passages] of bySource) {
    const text = texts.get(source);
    if (text === undefined) return [problem(source, undefined, 'error', 'missing-file', `${source} could not be read, so nothing was coded.`)];
    const selections = passages.map((p) => ({ start: p.start, end: p.end, tags: p.tags, ...(p.note !== undefined ? { note: p.note } : {}), assisted }));
    const ids = await addHighlights(edits, ws, text, source, selections, random);
    if (!ids) return edits.result().problems;
  }
  return edits.result().problems;
}

/**
 * Adds the plan's new tags through the codebook refactor (its checks, colours and placement),
 * one after another: each sees the ones added before it (a question tag's parent may be new).
 */
async function addNewTags(edits: EditPlan, ws: Workspace, tags: readonly Tag[]): Promise<Problem[]> {
  let view: Workspace = ws;
  const codebook = ws.project?.paths.codebook ?? DEFAULT_PATHS.codebook;
  for (const tag of tags) {
    const added = await addTag(edits, view, { id: tag.id, label: tag.label, ...(tag.parent !== undefined ? { parent: tag.parent } : {}) });
    if (added.problems.length > 0) return added.problems;
    // The next tag sees this one, and a codebook that now exists (created by this plan when the study had none).
    view = { ...view, codebook: [...view.codebook, tag], versions: view.versions.has(codebook) ? view.versions : new Map([...view.versions, [codebook, '']]) };
  }
  return [];
}
