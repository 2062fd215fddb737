/**
 * REFI-QDA codebook exchange (.qdc, plain XML, namespace `urn:QDA-XML:codebook:1.0`).
 * Export writes the codebook's tags as nested codes. Import adds the file's codes to an
 * existing codebook: a code whose label path (its label and its parents') matches a tag
 * already there (any case), or whose label only one tag has in both, is that tag; the others are added with ids made from their labels, parents before children.
 */
import { addTag } from '../codebook/refactor';
import { problem, type Problem } from '../problems';
import type { EditPlan } from '../store/plan';
import type { Tag } from '../model';
import type { Workspace } from '../workspace/workspace';
import { codeElements, tagChildren, tagsFromCodes, uniqueId } from './codes';
import { guidsFor } from './guid';
import { LossReport, type Loss } from './losses';
import { decodeUtf8 } from './qdpx';
import { readCodes } from './read-project';
import { el, renderXml } from './xml';
import { child, children, readRefiXml } from './xml-read';

export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

export function exportQdc(ws: Workspace): { xml: string; losses: Loss[] } {
  const guid = guidsFor(ws.project?.name ?? 'Sift project').of;
  const losses = new LossReport();
  losses.add('tag aliases', 'REFI codes have no aliases; they are left out.', ws.codebook.filter((t) => t.aliases?.length).length);
  const root = el(
    'CodeBook',
    [
      ['xmlns', CODEBOOK_NAMESPACE],
      ['origin', 'Sift'],
    ],
    [
      el(
        'Codes',
        [],
        codeElements(tagChildren(ws.codebook), (t) => guid('code', t.id)),
      ),
    ],
  );
  return { xml: renderXml(root), losses: losses.list() };
}

export interface CodebookImport {
  added: string[];
  matched: string[];
  problems: Problem[];
  losses: Loss[];
}

/** Adds the codes of a `.qdc` (or of a `.qde`'s codebook) to the workspace's codebook, as edits in `plan`. */
export async function importQdc(plan: EditPlan, ws: Workspace, bytes: Uint8Array, label: string): Promise<CodebookImport> {
  const losses = new LossReport();
  const none = (p: Problem): CodebookImport => ({ added: [], matched: [], problems: [p], losses: [] });
  const xml = decodeUtf8(bytes);
  if (xml === undefined) return none(problem(label, undefined, 'error', 'refi-encoding', 'This file is not UTF-8 text, as REFI-QDA requires.'));
  const isProject = /<(?:[\w.-]+:)?Project[\s>]/.test(xml.slice(0, 4096));
  const read = isProject ? readRefiXml(label, xml, 'Project', 'project') : readRefiXml(label, xml, 'CodeBook', 'codebook');
  if (!read.ok) return none(read.problem);
  const codes = readCodes(child(isProject ? child(read.root, 'CodeBook') : read.root, 'Codes'));
  losses.add('Sets', 'Sets of codes are left out.', children(child(read.root, 'Sets'), 'Set').length);
  const { tags } = tagsFromCodes(codes, losses);

  // A tag a code already is: the one at the same path of labels (labels are unique among
  // siblings, any case); failing that, the one with the same label when neither codebook
  // has that label twice (a codebook that files "Pain points" elsewhere still means it).
  const existingPath = labelPaths(ws.codebook);
  const byPath = new Map(ws.codebook.map((t) => [existingPath(t), t.id]));
  const byLabel = uniqueLabels(ws.codebook);
  const incomingPath = labelPaths(tags);
  const incomingLabels = uniqueLabels(tags);
  const existingTag = (t: Tag) => byPath.get(incomingPath(t)) ?? (incomingLabels.has(key(t)) ? byLabel.get(key(t)) : undefined);
  const idFor = new Map<string, string>();
  // The codebook as this import grows it (each tag's parent may be one added just before); the loaded study is not changed.
  const codebook = [...ws.codebook];
  const working: Workspace = { ...ws, codebook };
  const result: CodebookImport = { added: [], matched: [], problems: [], losses: [] };
  for (const t of tags) {
    const existing = existingTag(t);
    if (existing) {
      idFor.set(t.id, existing);
      result.matched.push(existing);
      continue;
    }
    const parent = t.parent !== undefined ? idFor.get(t.parent) : undefined;
    const added = await addTag(plan, working, {
      label: t.label,
      id: uniqueId(t.id, new Set(working.codebook.map((w) => w.id))),
      ...(parent ? { parent } : {}),
      ...(t.description ? { description: t.description } : {}),
      ...(t.color ? { color: t.color } : {}),
    });
    result.problems.push(...added.problems);
    if (!added.id) continue;
    idFor.set(t.id, added.id);
    byPath.set(incomingPath(t), added.id);
    codebook.push({ id: added.id, label: t.label, ...(parent ? { parent } : {}) });
    result.added.push(added.id);
  }
  result.losses = losses.list();
  return result;
}

const key = (t: { label: string }) => t.label.trim().toLowerCase();

/** The path of lower-cased labels from the top of the codebook down to a tag. */
function labelPaths(codebook: readonly Tag[]): (t: Tag) => string {
  const byId = new Map(codebook.map((t) => [t.id, t]));
  return (t) => {
    const labels: string[] = [];
    const seen = new Set<string>();
    for (let at: Tag | undefined = t; at; at = at.parent !== undefined ? byId.get(at.parent) : undefined) {
      labels.unshift(key(at));
      if (at.parent === undefined || seen.has(at.parent)) break; // the top, or a cycle
      seen.add(at.parent);
    }
    return labels.join('\u0000');
  };
}

/** Tag ids by label, for the labels only one tag has. */
function uniqueLabels(codebook: readonly Tag[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const t of codebook) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
  return new Map(codebook.filter((t) => counts.get(key(t)) === 1).map((t) => [key(t), t.id]));
}
