/**
 * The semantic check the REFI-QDA schema cannot do (it has no keys or key references):
 * GUIDs are unique, every reference resolves, every text source has its text exactly one
 * way, and every selection lies within its text. Sift runs it on its own exports before
 * writing them, and tests run it too.
 */
import { parseGuid } from './guid';
import { attr, child, children, childText, type XmlNode } from './xml-read';

const REFERENCE_ATTRIBUTES = ['targetGUID', 'creatingUser', 'modifyingUser', 'originGUID', 'sourceVertex', 'targetVertex', 'fromSyncPoint', 'toSyncPoint', 'representedGUID'];

/** Sentences naming each fault; empty when the project is sound. `texts` maps internal file names (lower case) to their text. */
export function checkProject(root: XmlNode, texts: ReadonlyMap<string, string>): string[] {
  const faults: string[] = [];
  const guids = new Map<string, number>();
  const references: { attribute: string; guid: string }[] = [];
  walk(root, (node) => {
    const g = parseGuid(attr(node, 'guid'));
    if (g) guids.set(g, (guids.get(g) ?? 0) + 1);
    for (const a of REFERENCE_ATTRIBUTES) {
      const raw = attr(node, a);
      if (raw === undefined) continue;
      const ref = parseGuid(raw);
      if (ref) references.push({ attribute: a, guid: ref });
      else faults.push(`${a}="${raw}" is not a GUID.`);
    }
  });
  for (const [g, n] of guids) if (n > 1) faults.push(`The GUID ${g} is used by ${n} elements.`);
  for (const r of references) if (!guids.has(r.guid)) faults.push(`${r.attribute}="${r.guid}" refers to no element.`);

  for (const source of children(child(root, 'Sources'), 'TextSource')) {
    const name = attr(source, 'name') ?? attr(source, 'guid');
    const path = attr(source, 'plainTextPath');
    const content = childText(source, 'PlainTextContent');
    if ((path === undefined) === (content === undefined)) faults.push(`The text source "${name}" must have either plainTextPath or PlainTextContent, not ${path === undefined ? 'neither' : 'both'}.`);
    const file = path?.replace(/^internal:\/\//i, '').toLowerCase();
    const text = content ?? (file !== undefined ? texts.get(file) : undefined);
    if (path !== undefined && /^internal:\/\//i.test(path) && text === undefined) faults.push(`The text of "${name}" (${path}) is not in sources/.`);
    if (text === undefined) continue;
    const length = [...text].length;
    for (const s of children(source, 'PlainTextSelection')) {
      const start = Number(attr(s, 'startPosition'));
      const end = Number(attr(s, 'endPosition'));
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length)) {
        faults.push(`The selection ${attr(s, 'guid')} of "${name}" (${attr(s, 'startPosition')}–${attr(s, 'endPosition')}) does not fit its text of ${length} characters.`);
      }
    }
  }
  return faults;
}

function walk(node: XmlNode, visit: (node: XmlNode) => void): void {
  visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@') || key === '#text') continue;
    for (const c of Array.isArray(value) ? value : [value]) if (typeof c === 'object' && c !== null) walk(c as XmlNode, visit);
  }
}
