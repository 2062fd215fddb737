/**
 * A small XML writer: elements with attributes in the order given, children, or text.
 * Values are escaped for XML 1.0 — including line breaks and tabs in attributes, which a
 * parser would otherwise read as spaces (a quote spanning two paragraphs must survive),
 * and characters XML 1.0 cannot carry at all, which are dropped.
 */

export interface XmlElement {
  name: string;
  attributes?: [string, string | number | boolean | undefined][];
  children?: XmlElement[];
  text?: string;
}

export function el(name: string, attributes: XmlElement['attributes'] = [], children: (XmlElement | undefined | false)[] = []): XmlElement {
  return { name, attributes, children: children.filter((c): c is XmlElement => !!c) };
}

export function textEl(name: string, text: string): XmlElement {
  return { name, text };
}

/** The document: XML declaration, then the root indented by two spaces per level, `\n` line ends. */
export function renderXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  write(root, 0, out);
  return out.join('');
}

function write(e: XmlElement, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  const attrs = (e.attributes ?? [])
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttribute(String(v))}"`)
    .join('');
  if (e.text !== undefined) {
    out.push(`${indent}<${e.name}${attrs}>${escapeText(e.text)}</${e.name}>\n`);
  } else if (!e.children || e.children.length === 0) {
    out.push(`${indent}<${e.name}${attrs}/>\n`);
  } else {
    out.push(`${indent}<${e.name}${attrs}>\n`);
    for (const c of e.children) write(c, depth + 1, out);
    out.push(`${indent}</${e.name}>\n`);
  }
}

/** Code points XML 1.0 forbids (C0 controls other than tab and line breaks, lone surrogates, U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
