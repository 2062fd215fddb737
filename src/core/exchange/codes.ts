/**
 * The codebook both ways: Sift tags (a flat list with `parent`) ↔ REFI codes (nested
 * `Code` elements), shared by project (.qdpx) and codebook (.qdc) exchange.
 *
 * On import, hierarchy comes from nesting and from ATLAS.ti's flattened names
 * (`Coke::diet Coke` is a child of `Coke`; a missing `Coke` is created). Every code becomes
 * a tag: Sift has no folders, so a category (`isCodable="false"`) is a tag nobody has
 * used yet, and a codable parent (MAXQDA, NVivo) is simply a parent tag. Names are kept as
 * they are; codes of the same name in different branches get different ids.
 */
import { slugify } from '../ids';
import type { Draft, Tag } from '../model';
import type { LossReport } from './losses';
import { el, textEl, type XmlElement } from './xml';

export interface TagNode {
  tag: Tag;
  children: TagNode[];
}

/** Tags as a forest, in codebook order; a tag whose parent is unknown (or in a cycle) is a root. */
export function tagChildren(tags: readonly Tag[]): TagNode[] {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const nodes = new Map(tags.map((t) => [t.id, { tag: t, children: [] as TagNode[] }]));
  const roots: TagNode[] = [];
  for (const t of tags) {
    const node = nodes.get(t.id)!;
    if (node.tag !== t) continue; // a duplicate id: the first one wins (sift check reports it)
    const parent = t.parent !== undefined && !reachesItself(byId, t.id) ? nodes.get(t.parent) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function reachesItself(byId: Map<string, Tag>, id: string): boolean {
  const seen = new Set<string>();
  for (let at = byId.get(id)?.parent; at !== undefined; at = byId.get(at)?.parent) {
    if (at === id) return true;
    if (seen.has(at)) return false;
    seen.add(at);
  }
  return false;
}

const RGB = /^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/;

/** `Code` elements (Description, then child codes), the same in project and codebook files. */
export function codeElements(nodes: readonly TagNode[], guidOf: (t: Tag) => string): XmlElement[] {
  return nodes.map(({ tag, children }) =>
    el(
      'Code',
      [
        ['guid', guidOf(tag)],
        ['name', tag.label],
        ['isCodable', true],
        ['color', tag.color && RGB.test(tag.color) ? tag.color : undefined],
      ],
      [tag.description !== undefined && textEl('Description', tag.description), ...codeElements(children, guidOf)],
    ),
  );
}

/** A code as read from REFI XML, GUID already canonical. */
export interface RefiCode {
  guid: string;
  name: string;
  isCodable: boolean;
  color?: string;
  description?: string;
  children: RefiCode[];
}

export interface ImportedCodebook {
  tags: Tag[];
  /** Code GUID → tag id. */
  tagOf: Map<string, string>;
}

/** Tags from REFI codes; `taken` holds ids already in use (merging into an existing codebook). */
export function tagsFromCodes(codes: readonly RefiCode[], losses: LossReport, taken: ReadonlySet<string> = new Set()): ImportedCodebook {
  const tags: Draft<Tag>[] = [];
  const tagOf = new Map<string, string>();
  const byPath = new Map<string, Draft<Tag>>();
  const used = new Set(taken);

  /** The tag at a label path, created (with its missing ancestors) on first sight. */
  const tagAt = (path: string[]): Draft<Tag> => {
    const key = path.join('\u0000');
    const known = byPath.get(key);
    if (known) return known;
    const parent = path.length > 1 ? tagAt(path.slice(0, -1)) : undefined;
    // The code's name is kept as it is, even when another branch has a code of the same name
    // (`programming` under two parents): the tool the project came from allows it, and an
    // export must give the names back. Only ids must be unique, so a repeated name's id says
    // whose it is (`programming-cs-as-programming`).
    const label = path[path.length - 1]!;
    const base = slugify(label);
    const id = used.has(base) && parent ? uniqueId(slugify(`${label} ${parent.label}`), used) : uniqueId(base, used);
    const tag: Draft<Tag> = { id, label };
    if (parent) tag.parent = parent.id;
    byPath.set(key, tag);
    tags.push(tag);
    return tag;
  };

  const visit = (code: RefiCode, parentPath: string[]) => {
    const segments = code.name
      .split('::')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const path = [...parentPath, ...(segments.length > 0 ? segments : ['Untitled code'])];
    const tag = tagAt(path);
    tagOf.set(code.guid, tag.id);
    if (code.description !== undefined && tag.description === undefined) tag.description = code.description;
    const color = sixDigitColor(code.color);
    if (color && tag.color === undefined) tag.color = color;
    if (!code.isCodable) losses.add('code folders', 'Codes marked not codable (categories) become ordinary tags: Sift tags can always be applied.');
    for (const child of code.children) visit(child, path);
  };
  for (const code of codes) visit(code, []);
  return { tags, tagOf };
}

/** `#abc` → `#aabbcc`; anything not an RGB colour → undefined. */
function sixDigitColor(color: string | undefined): string | undefined {
  if (!color || !RGB.test(color)) return undefined;
  const hex = color.slice(1);
  return `#${(hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex).toLowerCase()}`;
}

/** `base`, or `base-2`, `base-3` … whichever is free; the id is then taken. */
export function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}
