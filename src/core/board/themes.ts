/**
 * What the board does to theme files: move cards between the Unsorted pool and themes,
 * create, rename, re-summarise, merge and delete themes. Each operation checks what it
 * needs first and returns the problems that made it refuse (an empty list: the edits are
 * in the plan), so a refusal touches no file. Highlights are never deleted: a card taken
 * out of every theme is simply back in the pool.
 */
import { isMap, type Document, type YAMLMap } from 'yaml';
import { slugify } from '../ids';
import { DEFAULT_PATHS, type Theme } from '../model';
import { problem, type Problem } from '../problems';
import { setStringList } from '../store/nodes';
import type { EditPlan } from '../store/plan';
import { findHighlight, type Workspace } from '../workspace/workspace';

/** Where cards come from or go to: a theme id, or null for the Unsorted pool. */
export type Place = string | null;

export interface Move {
  /** Highlight ids, in the order they should stand in the target. */
  ids: readonly string[];
  from: Place;
  to: Place;
  /** Position in the target's list with the moved cards taken out; default: the end. */
  index?: number;
  /**
   * Or: the card to insert before (wins over `index` when it is in the target). What a board
   * knows when it shows a filtered column, where positions differ from the file's.
   */
  before?: string;
}

/**
 * Moves cards. Out of `from` (a theme; the pool has nothing to remove), into `to` at
 * `index`. Within one theme this reorders. A card already in the target moves to the new
 * place rather than appearing twice; the same card may still sit in other themes.
 */
export async function moveHighlights(plan: EditPlan, ws: Workspace, move: Move): Promise<Problem[]> {
  const ids = [...new Set(move.ids)];
  const refusals = [...unknownHighlights(ws, ids), ...[move.from, move.to].flatMap((p) => (p !== null && !ws.themes.has(p) ? [unknownTheme(p)] : []))];
  if (ids.length === 0) refusals.push(refusal('nothing-to-move', 'Select at least one card to move.'));
  if (refusals.length) return refusals;
  const moving = new Set(ids);
  if (move.from !== null && move.from !== move.to) {
    const from = ws.themes.get(move.from)!;
    await setHighlights(
      plan,
      from,
      from.highlights.filter((id) => !moving.has(id)),
    );
  }
  if (move.to !== null) {
    const to = ws.themes.get(move.to)!;
    const rest = to.highlights.filter((id) => !moving.has(id));
    const anchor = move.before !== undefined ? rest.indexOf(move.before) : -1;
    const at = anchor >= 0 ? anchor : Math.max(0, Math.min(move.index ?? rest.length, rest.length));
    await setHighlights(plan, to, [...rest.slice(0, at), ...ids, ...rest.slice(at)]);
  }
  return [];
}

/** Creates `themes/<slug of title>.yaml` holding `ids` in order; resolves to its id. */
export async function createTheme(plan: EditPlan, ws: Workspace, title: string, ids: readonly string[] = []): Promise<{ id: string | undefined; problems: Problem[] }> {
  const clean = title.trim();
  const refusals = unknownHighlights(ws, ids);
  if (!clean) refusals.push(refusal('empty-title', 'A theme needs a title.'));
  if (refusals.length) return { id: undefined, problems: refusals };
  const folder = ws.project?.paths.themes ?? DEFAULT_PATHS.themes;
  const base = slugify(clean);
  let id = base;
  for (let n = 2; ws.themes.has(id) || fileExists(ws, `${folder}/${id}.yaml`); n++) id = `${base}-${n}`;
  const ok = await plan.create('theme', `${folder}/${id}.yaml`, { title: clean, highlights: [...new Set(ids)] });
  return ok ? { id, problems: [] } : { id: undefined, problems: [refusal('exists', `${folder}/${id}.yaml already exists.`)] };
}

/** A new title; the file name (the theme's id, which insights cite) stays. */
export async function renameTheme(plan: EditPlan, ws: Workspace, id: string, title: string): Promise<Problem[]> {
  const theme = ws.themes.get(id);
  if (!theme) return [unknownTheme(id)];
  if (!title.trim()) return [refusal('empty-title', 'A theme needs a title.')];
  await plan.edit('theme', theme.path, (doc) => void root(doc)?.set('title', title.trim()));
  return [];
}

/** Sets the summary; an empty one removes the key. */
export async function editSummary(plan: EditPlan, ws: Workspace, id: string, summary: string): Promise<Problem[]> {
  const theme = ws.themes.get(id);
  if (!theme) return [unknownTheme(id)];
  await plan.edit('theme', theme.path, (doc) => {
    const map = root(doc);
    if (!map) return false;
    if (summary.trim()) map.set('summary', summary.trim());
    else map.delete('summary');
  });
  return [];
}

/**
 * Merges `sourceId` into `targetId`: the target gains the source's cards it lacks (after
 * its own), the source file goes, and insights citing the source cite the target instead.
 */
export async function mergeThemes(plan: EditPlan, ws: Workspace, sourceId: string, targetId: string): Promise<Problem[]> {
  const source = ws.themes.get(sourceId);
  const target = ws.themes.get(targetId);
  const refusals = [...(source ? [] : [unknownTheme(sourceId)]), ...(target ? [] : [unknownTheme(targetId)])];
  if (sourceId === targetId) refusals.push(refusal('merge-into-itself', 'Choose a different theme to merge into.'));
  if (refusals.length) return refusals;
  const have = new Set(target!.highlights);
  await setHighlights(plan, target!, [...target!.highlights, ...source!.highlights.filter((h) => !have.has(h))]);
  await plan.delete(source!.path);
  for (const insight of ws.insights.values()) {
    if (!insight.themes.includes(sourceId)) continue;
    const themes = [...new Set(insight.themes.map((t) => (t === sourceId ? targetId : t)))];
    await plan.edit('insight', insight.path, (doc) => void (root(doc) && setStringList(doc, root(doc)!, 'themes', themes)));
  }
  return [];
}

/**
 * Deletes a theme file; its cards return to the pool (unless other themes hold them).
 * Refused while insights cite the theme, which would leave them citing nothing.
 */
export async function deleteTheme(plan: EditPlan, ws: Workspace, id: string): Promise<Problem[]> {
  const theme = ws.themes.get(id);
  if (!theme) return [unknownTheme(id)];
  const citing = [...ws.insights.values()].filter((i) => i.themes.includes(id));
  if (citing.length) {
    return [
      refusal(
        'theme-cited',
        `${citing.map((i) => i.path).join(', ')} cite${citing.length === 1 ? 's' : ''} the theme “${theme.title}”; merge it into another theme instead, or remove it from ${citing.length === 1 ? 'that insight' : 'those insights'} first.`,
      ),
    ];
  }
  await plan.delete(theme.path);
  return [];
}

function setHighlights(plan: EditPlan, theme: Theme, ids: readonly string[]): Promise<boolean> {
  return plan.edit('theme', theme.path, (doc) => {
    const map = root(doc);
    if (!map) return false;
    setStringList(doc, map, 'highlights', ids);
  });
}

function root(doc: Document): YAMLMap | undefined {
  return isMap(doc.contents) ? doc.contents : undefined;
}

function fileExists(ws: Workspace, path: string): boolean {
  return ws.versions.has(path) || ws.unreadable.has(path);
}

function unknownHighlights(ws: Workspace, ids: readonly string[]): Problem[] {
  return ids.filter((id) => !findHighlight(ws, id)).map((id) => refusal('unknown-highlight', `There is no highlight ${id} (any more); reload the board.`));
}

function unknownTheme(id: string): Problem {
  return refusal('unknown-theme', `There is no theme ${id} (any more); reload the board.`);
}

function refusal(code: string, message: string): Problem {
  return problem('', undefined, 'error', code, message);
}
