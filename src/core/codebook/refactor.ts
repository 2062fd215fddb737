/**
 * Codebook refactors: adding, renaming, merging, moving, deleting and recolouring tags.
 *
 * A tag id is referenced from many files (every highlight that carries it, children's
 * `parent`, personas' `distinguishing`), so each operation is planned as one EditPlan across
 * all of them: the caller applies all of it or nothing. Everything an operation needs is
 * checked before the plan is touched, so a refusal comes back as problems with no edits.
 * Edits change nodes in place, so comments and formatting elsewhere survive, and a file
 * that needs no change is not written.
 *
 * Each operation resolves to the problems that made it refuse; an empty list means the
 * edits are in the plan. The plan itself may still report a file that changed on disk in
 * the meantime, so callers apply `plan.result().edits` only when neither has errors.
 */
import { isInFolder } from '../workspace/load';
import { isMap, isScalar, isSeq, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { SLUG, slugify } from '../ids';
import { DEFAULT_PATHS, type Tag } from '../model';
import { problem, type Problem } from '../problems';
import { itemById, setStringList } from '../store/nodes';
import type { EditPlan } from '../store/plan';
import type { Workspace } from '../workspace/workspace';
import { COLOR, nextTagColor } from './palette';

export interface NewTag {
  label: string;
  /** Defaults to the slug of the label. */
  id?: string;
  parent?: string;
  description?: string;
  /** `#rrggbb`; defaults to a palette colour no tag uses yet. */
  color?: string;
}

export interface TagRename {
  newId?: string;
  label?: string;
}

export interface DeleteTagOptions {
  /** Remove the tag from every highlight that has it, instead of refusing. */
  untag?: boolean;
}

/** Adds a tag; resolves to its id (undefined when refused) and the reasons for a refusal. */
export async function addTag(plan: EditPlan, ws: Workspace, spec: NewTag): Promise<{ id: string | undefined; problems: Problem[] }> {
  const unreadable = unreadableCodebook(ws);
  if (unreadable.length > 0) return { id: undefined, problems: unreadable };
  const label = spec.label.trim();
  const id = spec.id ?? slugify(label);
  const refusals = [
    ...checkLabel(ws, label, spec.parent),
    ...checkNewId(ws, id),
    ...(spec.parent !== undefined && !tagById(ws, spec.parent) ? [refusal(ws, 'unknown-parent', `There is no tag "${spec.parent}" in the codebook to put "${label}" under.`)] : []),
    ...(spec.color !== undefined ? checkColor(ws, spec.color) : []),
  ];
  if (refusals.length > 0) return { id: undefined, problems: refusals };

  const entry: Tag = {
    id,
    label,
    ...(spec.description?.trim() ? { description: spec.description.trim() } : {}),
    color: spec.color?.toLowerCase() ?? nextTagColor(ws.codebook.map((t) => t.color)),
    ...(spec.parent !== undefined ? { parent: spec.parent } : {}),
  };
  // A study starts without a codebook until its first tag.
  if (!ws.versions.has(codebookPath(ws))) {
    await plan.create('codebook', codebookPath(ws), { tags: [entry] });
  } else {
    await editCodebook(plan, ws, (tags, doc) => {
      tags.items.splice(insertionIndex(tags, entry.parent), 0, doc.createNode(entry));
    });
  }
  return { id, problems: [] };
}

/**
 * Changes a tag's label and/or id. A new id is written into every highlight, child and
 * persona that uses the old one, and the old id stays on the tag as an alias, so branches
 * and notes written before the rename still say which tag they meant.
 */
export async function renameTag(plan: EditPlan, ws: Workspace, id: string, change: TagRename): Promise<Problem[]> {
  const tag = tagById(ws, id);
  if (!tag) return missingTag(ws, id);
  const newId = change.newId ?? id;
  const label = change.label?.trim() ?? tag.label;
  const refusals = [...(change.label !== undefined ? checkLabel(ws, label, tag.parent, id) : []), ...(newId !== id ? [...checkNewId(ws, newId, id), ...unreadableReferrers(ws)] : [])];
  if (refusals.length > 0) return refusals;
  if (newId === id && label === tag.label) return [];

  await editCodebook(plan, ws, (tags, doc) => {
    const node = itemById(doc, 'tags', id);
    if (!node) return false;
    if (label !== tag.label) node.set('label', label);
    if (newId === id) return;
    node.set('id', newId);
    // Renaming back to an earlier id takes that id out of the aliases again.
    setAliases(
      doc,
      node,
      unique([...(tag.aliases ?? []), id]).filter((a) => a !== newId),
    );
    for (const child of tagNodes(tags)) if (child.get('parent') === id) child.set('parent', newId);
  });
  if (newId !== id) await retagReferences(plan, ws, (t) => (t === id ? newId : t));
  return [];
}

/**
 * Folds the source tags into the target: their highlights get the target instead (once,
 * where the first of them stood), their children move under the target, their ids, labels
 * and aliases become the target's aliases, and they leave the codebook.
 */
export async function mergeTags(plan: EditPlan, ws: Workspace, sourceIds: readonly string[], targetId: string): Promise<Problem[]> {
  const target = tagById(ws, targetId);
  if (!target) return missingTag(ws, targetId);
  // Selecting the target among the tags to merge is natural in a picker; it merges nothing.
  const ids = unique(sourceIds).filter((s) => s !== targetId);
  const refusals = [
    ...ids.filter((s) => !tagById(ws, s)).map((s) => unknownTag(ws, s)),
    ...(ids.length === 0 ? [refusal(ws, 'nothing-to-merge', `Choose at least one tag other than ${name(target)} to merge into it.`)] : []),
    ...unreadableReferrers(ws),
  ];
  if (refusals.length > 0) return refusals;

  const sources = ids.map((s) => tagById(ws, s)!);
  const merged = new Set(ids);
  const parents = parentsAfterMerge(ws.codebook, merged, targetId);
  const aliases = unique([...(target.aliases ?? []), ...sources.flatMap((s) => [s.id, s.label, ...(s.aliases ?? [])])]).filter((a) => a !== target.id && a !== target.label);

  await editCodebook(plan, ws, (tags, doc) => {
    removeTagNodes(tags, merged);
    for (const node of tagNodes(tags)) {
      const id = String(node.get('id'));
      if (parents.has(id)) setParent(node, parents.get(id));
    }
    const targetNode = itemById(doc, 'tags', targetId);
    if (targetNode) setAliases(doc, targetNode, aliases);
  });
  await retagReferences(plan, ws, (t) => (merged.has(t) ? targetId : t));
  return [];
}

/** Puts a tag under another one, or at the top level when `newParent` is undefined. */
export async function moveTag(plan: EditPlan, ws: Workspace, id: string, newParent: string | undefined): Promise<Problem[]> {
  const tag = tagById(ws, id);
  if (!tag) return missingTag(ws, id);
  if (newParent !== undefined) {
    const parent = tagById(ws, newParent);
    if (!parent) return [refusal(ws, 'unknown-parent', `There is no tag "${newParent}" in the codebook to put ${name(tag)} under.`)];
    if (newParent === id) return [refusal(ws, 'tag-cycle', `${name(tag)} cannot go under itself.`)];
    if (ancestorsOf(ws.codebook, newParent).includes(id)) return [refusal(ws, 'tag-cycle', `${name(tag)} cannot go under ${name(parent)}, which is inside it; tags must form a tree.`)];
  }
  if (tag.parent === newParent) return [];
  await editCodebook(plan, ws, (_, doc) => {
    const node = itemById(doc, 'tags', id);
    if (!node) return false;
    setParent(node, newParent);
  });
  return [];
}

/**
 * Removes a tag from the codebook; its children move up to its parent. Refused while
 * highlights carry it, unless `untag`: then it is taken off them, and a highlight left
 * with no tags is kept (deleting coded evidence is never a side effect). Persona entries
 * distinguishing by the tag go with it, since a lift for a tag that no longer exists
 * means nothing.
 */
export async function deleteTag(plan: EditPlan, ws: Workspace, id: string, options: DeleteTagOptions = {}): Promise<Problem[]> {
  const tag = tagById(ws, id);
  if (!tag) return missingTag(ws, id);
  // Without `untag`, a highlights file we cannot read might be using the tag too.
  const refusals = unreadableReferrers(ws);
  if (refusals.length > 0) return refusals;
  const usage = usageBySource(ws, id);
  if (usage.size > 0 && !options.untag) {
    const total = [...usage.values()].reduce((a, b) => a + b, 0);
    const where = [...usage].map(([source, n]) => `${n} in ${source}`).join(', ');
    const those = total === 1 ? 'that highlight' : 'those highlights';
    return [refusal(ws, 'tag-in-use', `${name(tag)} is still on ${total} highlight${total === 1 ? '' : 's'} (${where}). Merge it into another tag instead, or delete it and take it off ${those} too.`)];
  }

  await editCodebook(plan, ws, (tags) => {
    removeTagNodes(tags, new Set([id]));
    for (const child of tagNodes(tags)) if (child.get('parent') === id) setParent(child, tag.parent);
  });
  await retagReferences(plan, ws, (t) => (t === id ? undefined : t));
  return [];
}

/** Sets a tag's colour (`#rrggbb`, written in lower case). */
export async function recolorTag(plan: EditPlan, ws: Workspace, id: string, color: string): Promise<Problem[]> {
  const tag = tagById(ws, id);
  if (!tag) return missingTag(ws, id);
  const refusals = checkColor(ws, color);
  if (refusals.length > 0) return refusals;
  await editCodebook(plan, ws, (_, doc) => {
    const node = itemById(doc, 'tags', id);
    if (!node) return false;
    node.set('color', color.toLowerCase());
  });
  return [];
}

// ---------------------------------------------------------------------------------------
// Checks. Each returns the refusals it finds (none when fine), so operations can collect
// every reason at once and the researcher fixes them in one go.

/** Labels are unique among siblings, as in NVivo and MAXQDA: `Programming` may sit under two different parents. */
function checkLabel(ws: Workspace, label: string, parent: string | undefined, self?: string): Problem[] {
  if (!label) return [refusal(ws, 'empty-label', 'A tag needs a label.')];
  const same = ws.codebook.find((t) => t.id !== self && t.parent === parent && t.label.toLowerCase() === label.toLowerCase());
  return same ? [refusal(ws, 'tag-exists', `The codebook already has a tag labelled "${same.label}" (${same.id}); choose another label, or merge into that tag.`)] : [];
}

/** A tag id that is well formed and not in use, also not as an earlier id of another tag. */
function checkNewId(ws: Workspace, id: string, self?: string): Problem[] {
  if (!SLUG.test(id)) return [refusal(ws, 'bad-tag-id', `"${id}" cannot be a tag id: tag ids are lower-case words joined by hyphens, e.g. waiting-time.`)];
  const existing = tagById(ws, id);
  if (existing && existing.id !== self) return [refusal(ws, 'tag-exists', `The codebook already has a tag "${id}" (${existing.label}); choose another id, or merge into that tag.`)];
  // Old branches and notes that say this id mean the other tag; reusing it would confuse them.
  const aliased = ws.codebook.find((t) => t.id !== self && t.aliases?.includes(id));
  if (aliased) return [refusal(ws, 'tag-exists', `"${id}" is an earlier name of ${name(aliased)}, kept so older notes still make sense; choose another id.`)];
  return [];
}

function checkColor(ws: Workspace, color: string): Problem[] {
  return COLOR.test(color) ? [] : [refusal(ws, 'bad-color', `"${color}" is not a colour Sift can use; write it as #rrggbb, e.g. #d73a49.`)];
}

/**
 * A codebook that exists but failed to load leaves the workspace with no tags; say so,
 * rather than that the tag is unknown, and never write to it (nothing is silently lost).
 */
function unreadableCodebook(ws: Workspace): Problem[] {
  const path = codebookPath(ws);
  const failed = ws.versions.has(path) && ws.codebook.length === 0 && ws.problems.some((p) => p.path === path && p.severity === 'error');
  return failed ? [refusal(ws, 'edit-refused', `${path} has errors, so Sift will not change it; fix them first (see \`sift check\`).`)] : [];
}

/**
 * Highlights and persona files that were read but failed to load. Tags in them cannot be
 * updated, so operations that must reach every reference refuse instead of leaving them
 * pointing at a tag that no longer exists.
 */
function unreadableReferrers(ws: Workspace): Problem[] {
  const paths = ws.project?.paths ?? DEFAULT_PATHS;
  const loaded = new Set([...ws.highlightFiles.keys(), ...[...ws.personas.values()].map((p) => p.path)]);
  const isReferrer = (path: string) => isInFolder(path, paths.highlights, false) || isInFolder(path, paths.personas, true);
  return [...ws.versions.keys()]
    .filter((path) => !loaded.has(path) && isReferrer(path))
    .sort()
    .map((path) => problem(path, undefined, 'error', 'edit-refused', `${path} has errors, so Sift cannot update the tags in it; fix them first (see \`sift check\`).`));
}

function unknownTag(ws: Workspace, id: string): Problem {
  return refusal(ws, 'unknown-tag', `There is no tag "${id}" in the codebook.`);
}

/** Why there is no tag to operate on: the codebook could not be read, or it lacks the id. */
function missingTag(ws: Workspace, id: string): Problem[] {
  const unreadable = unreadableCodebook(ws);
  return unreadable.length > 0 ? unreadable : [unknownTag(ws, id)];
}

function refusal(ws: Workspace, code: string, message: string): Problem {
  return problem(codebookPath(ws), undefined, 'error', code, message);
}

// ---------------------------------------------------------------------------------------
// The tag tree, as the workspace has it.

function tagById(ws: Workspace, id: string): Tag | undefined {
  return ws.codebook.find((t) => t.id === id);
}

/** Parent, grandparent … upwards; stops at a cycle in a (broken) codebook. */
function ancestorsOf(codebook: readonly Tag[], id: string): string[] {
  const parentOf = new Map(codebook.map((t) => [t.id, t.parent]));
  const out: string[] = [];
  for (let p = parentOf.get(id); p !== undefined && !out.includes(p) && p !== id; p = parentOf.get(p)) out.push(p);
  return out;
}

/**
 * The parents that change when `merged` fold into `target`: their children go under the
 * target. If the target itself sits below a merged tag, it takes the place of the highest
 * one (whose parent is, by being highest, not merged), which keeps the tree a tree.
 */
function parentsAfterMerge(codebook: readonly Tag[], merged: ReadonlySet<string>, target: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const t of codebook) if (t.id !== target && !merged.has(t.id) && t.parent !== undefined && merged.has(t.parent)) out.set(t.id, target);
  const ancestors = ancestorsOf(codebook, target);
  const highest = ancestors.reduce((found, a, i) => (merged.has(a) ? i : found), -1);
  if (highest >= 0) out.set(target, ancestors[highest + 1]);
  return out;
}

/** How many highlights carry the tag, per transcript, in transcript order. */
function usageBySource(ws: Workspace, id: string): Map<string, number> {
  const usage = new Map<string, number>();
  for (const file of [...ws.highlightFiles.values()].sort((a, b) => (a.source < b.source ? -1 : 1))) {
    const n = file.highlights.filter((h) => h.tags.includes(id)).length;
    if (n > 0) usage.set(file.source, n);
  }
  return usage;
}

function name(tag: Tag): string {
  return `"${tag.label}" (${tag.id})`;
}

function codebookPath(ws: Workspace): string {
  return ws.project?.paths.codebook ?? DEFAULT_PATHS.codebook;
}

// ---------------------------------------------------------------------------------------
// Edits.

async function editCodebook(plan: EditPlan, ws: Workspace, mutate: (tags: YAMLSeq, doc: Document) => boolean | void): Promise<void> {
  await plan.edit('codebook', codebookPath(ws), (doc) => {
    const tags = doc.get('tags', true);
    return isSeq(tags) ? mutate(tags, doc) : false;
  });
}

function tagNodes(tags: YAMLSeq): YAMLMap[] {
  return tags.items.filter((i): i is YAMLMap => isMap(i));
}

/** Just after the last tag of the parent's branch, so the file keeps reading as a tree. */
function insertionIndex(tags: YAMLSeq, parent: string | undefined): number {
  if (parent === undefined) return tags.items.length;
  const nodes = tagNodes(tags);
  const branch = new Set([parent]);
  for (let grew = true; grew;) {
    grew = false;
    for (const node of nodes) {
      const id = String(node.get('id'));
      const parentOfNode = node.get('parent');
      if (!branch.has(id) && typeof parentOfNode === 'string' && branch.has(parentOfNode)) {
        branch.add(id);
        grew = true;
      }
    }
  }
  let index = tags.items.length;
  tags.items.forEach((item, i) => {
    if (isMap(item) && branch.has(String(item.get('id')))) index = i + 1;
  });
  return index;
}

function removeTagNodes(tags: YAMLSeq, ids: ReadonlySet<string>): void {
  tags.items = tags.items.filter((item) => !(isMap(item) && ids.has(String(item.get('id')))));
}

function setParent(node: YAMLMap, parent: string | undefined): void {
  if (parent === undefined) node.delete('parent');
  else node.set('parent', parent);
}

function setAliases(doc: Document, node: YAMLMap, aliases: readonly string[]): void {
  if (aliases.length === 0) node.delete('aliases');
  else setStringList(doc, node, 'aliases', aliases);
}

/** What a tag reference becomes: another tag, or undefined to drop the reference. */
type Retag = (tag: string) => string | undefined;

/**
 * Rewrites every reference to a tag outside the codebook: highlights' `tags` and personas'
 * `distinguishing`. Only files with a reference that changes are edited.
 */
async function retagReferences(plan: EditPlan, ws: Workspace, retag: Retag): Promise<void> {
  const changes = (tag: string) => retag(tag) !== tag;
  for (const file of ws.highlightFiles.values()) {
    if (!file.highlights.some((h) => h.tags.some(changes))) continue;
    await plan.edit('highlights', file.path, (doc) => {
      const list = doc.get('highlights', true);
      if (!isSeq(list)) return false;
      for (const item of list.items) {
        const tags = isMap(item) ? item.get('tags', true) : undefined;
        if (isSeq(tags)) retagItems(tags, TAG_IN_LIST, retag);
      }
    });
  }
  for (const persona of ws.personas.values()) {
    if (!persona.distinguishing.some((d) => changes(d.tag))) continue;
    await plan.edit('persona', persona.path, (doc) => {
      const list = doc.get('distinguishing', true);
      if (!isSeq(list)) return false;
      retagItems(list, TAG_IN_ENTRY, retag);
    });
  }
}

/** Where the tag is in a list item: the item itself (`tags: [a, b]`) or its `tag` key. */
interface TagSlot {
  read(item: unknown): string | undefined;
  write(item: unknown, tag: string): void;
}

const TAG_IN_LIST: TagSlot = {
  read: (item) => (isScalar(item) && typeof item.value === 'string' ? item.value : undefined),
  write: (item, tag) => {
    if (isScalar(item)) item.value = tag;
  },
};

const TAG_IN_ENTRY: TagSlot = {
  read: (item) => (isMap(item) && typeof item.get('tag') === 'string' ? (item.get('tag') as string) : undefined),
  write: (item, tag) => {
    if (isMap(item)) item.set('tag', tag);
  },
};

/**
 * Retags a list in place, keeping its nodes (and their comments). Items whose tag is
 * dropped go; an item whose tag repeats an earlier one goes too, so a merge leaves the
 * target once, where the first of the merged tags stood (for personas: the first entry,
 * which lists keep highest-lift first).
 */
function retagItems(list: YAMLSeq, slot: TagSlot, retag: Retag): void {
  const seen = new Set<string>();
  list.items = list.items.filter((item) => {
    const tag = slot.read(item);
    if (tag === undefined) return true;
    const next = retag(tag);
    if (next === undefined || seen.has(next)) return false;
    seen.add(next);
    if (next !== tag) slot.write(item, next);
    return true;
  });
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
