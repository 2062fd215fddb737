/**
 * Reading REFI-QDA XML (`.qde`, `.qdc`) into plain objects, tolerant of what vendors write:
 * any `urn:QDA-XML:<kind>:<version>` namespace (1.0, 0:10, 0:4 …), namespace prefixes,
 * attributes in any order. Refused: text that is not well-formed XML (reported with line
 * and column), a root in another namespace, and DOCTYPE declarations, which REFI files
 * never need and which are how entity-expansion attacks arrive.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { problem, type Problem } from '../problems';

/** An element: attributes under `@name`, children by element name (always arrays), text under `#text`. */
export type XmlNode = Record<string, unknown>;

export type XmlReadResult = { ok: true; root: XmlNode; namespace: string } | { ok: false; problem: Problem };

/** Elements that may repeat; everything else is read as a single child. */
const REPEATING = new Set([
  'User',
  'Code',
  'Variable',
  'Case',
  'VariableValue',
  'SourceRef',
  'SelectionRef',
  'CodeRef',
  'TextSource',
  'PictureSource',
  'PDFSource',
  'AudioSource',
  'VideoSource',
  'PlainTextSelection',
  'PictureSelection',
  'PDFSelection',
  'AudioSelection',
  'VideoSelection',
  'Transcript',
  'TranscriptSelection',
  'SyncPoint',
  'Coding',
  'NoteRef',
  'Note',
  'Link',
  'Set',
  'MemberCode',
  'MemberSource',
  'MemberNote',
  'Graph',
  'Vertex',
  'Edge',
  'Representation',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATING.has(name),
});

/** Parses `text` as a REFI document whose root is `rootName` in namespace `urn:QDA-XML:<kind>:…`. */
export function readRefiXml(path: string, text: string, rootName: 'Project' | 'CodeBook', kind: 'project' | 'codebook'): XmlReadResult {
  const doctype = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (doctype) return { ok: false, problem: problem(path, lineColumn(text, doctype.index), 'error', 'refi-doctype', 'This file has a DOCTYPE or ENTITY declaration; REFI-QDA files never do, and Sift does not read them.') };
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return { ok: false, problem: problem(path, { line: valid.err.line, column: valid.err.col }, 'error', 'refi-xml', `This is not well-formed XML: ${valid.err.msg}`) };
  }
  const root = /<(?:([\w.-]+):)?([\w.-]+)([^>]*)>/.exec(text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, (m) => ' '.repeat(m.length)));
  if (!root || root[2] !== rootName) {
    return { ok: false, problem: problem(path, undefined, 'error', 'refi-root', `The document's root element is <${root?.[2] ?? '?'}>, not <${rootName}>: this is not a REFI-QDA ${kind} file.`) };
  }
  const prefix = root[1];
  const ns = new RegExp(`\\sxmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*(["'])(.*?)\\1`).exec(root[3]!)?.[2];
  if (!ns || !new RegExp(`^urn:QDA-XML:${kind}:`, 'i').test(ns)) {
    return {
      ok: false,
      problem: problem(path, lineColumn(text, root.index), 'error', 'refi-namespace', `The <${rootName}> element is in the namespace "${ns ?? '(none)'}", not urn:QDA-XML:${kind}:1.0, so this is not a REFI-QDA ${kind} file.`),
    };
  }
  let parsed: XmlNode;
  try {
    parsed = parser.parse(text) as XmlNode;
  } catch (e) {
    // The validator and the parser disagree on some damaged declarations (`<?xml version="<?xml …`).
    return { ok: false, problem: problem(path, undefined, 'error', 'refi-xml', `This is not well-formed XML: ${(e as Error).message}`) };
  }
  return { ok: true, root: parsed[rootName] as XmlNode, namespace: ns };
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const c = node?.[name];
  if (c === undefined) return [];
  return (Array.isArray(c) ? c : [c]).map((x) => (typeof x === 'object' && x !== null ? (x as XmlNode) : { '#text': String(x) }));
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.[`@${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** The text of a child element (`<Description>…</Description>`), or undefined when absent. */
export function childText(node: XmlNode | undefined, name: string): string | undefined {
  const c = node?.[name];
  const first = Array.isArray(c) ? c[0] : c;
  if (first === undefined) return undefined;
  if (typeof first === 'string') return first;
  const t = (first as XmlNode)['#text'];
  return typeof t === 'string' ? t : '';
}

function lineColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}
