/**
 * The fast path for the edits a researcher makes all day — tag a passage, change a highlight's
 * tags or memo, delete one — on a highlights file in the shape Sift writes: only the one item
 * is parsed, changed and rendered (as a one-item document, by the same code as the full path),
 * and spliced into the file's text, instead of the whole file being parsed into a `yaml`
 * Document and rendered again. On a 1,000-highlight file (450 KB) that is the difference
 * between a few milliseconds and half a second (docs/benchmarks.md).
 *
 * The result must be byte for byte what the full path (EditPlan.edit + canonicalize) writes;
 * test/unit/highlight-splice.test.ts checks that differentially. So these functions decline
 * (return undefined) unless the file is plainly in the shape they understand — `\n` line
 * endings, the `highlights:` list last, one item per `  - ` line, no comments or blank lines,
 * items sorted as the canonical form sorts them and matching the loaded values one to one —
 * and the caller then takes the full path.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type YAMLMap } from 'yaml';
import type { Highlight, HighlightsFile } from '../model';
import { PARSE_OPTIONS } from '../yaml/parse';
import { canonicalize, renderDocument } from './canonical';

const ITEM_KEYS = ['id', 'quote', 'prefix', 'suffix', 'start', 'end', 'tags', 'note', 'speaker', 'time', 'timeEnd', 'date', 'coder', 'assisted'] as const;
const LIST_KEY = 'highlights:\n';

/** A highlight as a plain value with the canonical key order and no absent optional keys. */
export function highlightValue(h: Highlight): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ITEM_KEYS) if (h[key] !== undefined) out[key] = key === 'assisted' ? { by: h.assisted!.by, rule: h.assisted!.rule } : h[key];
  return out;
}

/** Adds a new highlight to a parsed highlights list as Sift writes one: tags on one line, a media time quoted. */
export function addHighlightNode(doc: Document, h: Highlight): void {
  const list = doc.get('highlights', true);
  if (!isSeq(list)) throw new Error('a highlights file without a highlights list');
  const item = doc.createNode(highlightValue(h)) as YAMLMap;
  const tags = item.get('tags', true);
  if (isSeq(tags)) tags.flow = true;
  const time = item.get('time', true);
  // isScalar, not instanceof: an on-demand bundle has its own copy of yaml's classes (scripts/bundles.mjs).
  if (isScalar(time)) time.type = Scalar.QUOTE_DOUBLE;
  // An assisted step's rule is words, often with a colon or quotes of its own: always in double quotes.
  const rule = item.getIn(['assisted', 'rule'], true);
  if (isScalar(rule)) rule.type = Scalar.QUOTE_DOUBLE;
  list.add(item);
}

/** The offsets of each item's first line in file order, then the end of the text; undefined unless the plain shape. */
function itemStarts(text: string, file: HighlightsFile): number[] | undefined {
  if (text.includes('\r') || !text.endsWith('\n')) return undefined;
  const list = text.startsWith(LIST_KEY) ? 0 : text.indexOf('\n' + LIST_KEY) + 1;
  if (list === 0 && !text.startsWith(LIST_KEY)) return undefined;
  if (/^[ \t]*(#|$)/m.test(text.slice(0, Math.max(0, list - 1)))) return undefined; // comments or blank lines above the list
  const starts: number[] = [];
  for (let at = list + LIST_KEY.length; at < text.length;) {
    const eol = text.indexOf('\n', at);
    if (text.startsWith('  - ', at)) starts.push(at);
    else if (!text.startsWith('    ', at) || starts.length === 0 || /^\s*#/.test(text.slice(at, eol))) return undefined;
    at = eol + 1;
  }
  const loaded = file.highlights;
  if (starts.length === 0 || starts.length !== loaded.length) return undefined;
  for (let i = 1; i < loaded.length; i++) if (compareHighlights(loaded[i - 1]!, loaded[i]!) > 0) return undefined;
  starts.push(text.length);
  return starts;
}

/** The canonical order of highlights: by start, then end, then id. */
function compareHighlights(a: Pick<Highlight, 'start' | 'end' | 'id'>, b: Pick<Highlight, 'start' | 'end' | 'id'>): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Parses `itemsText` (items at indent 2) as the list of a highlights document, lets `change` edit it, renders the list's lines. */
function renderItems(itemsText: string, change: (doc: Document) => boolean | void): string | undefined {
  const doc = parseDocument(LIST_KEY + itemsText, PARSE_OPTIONS);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  if (change(doc) === false) return undefined;
  canonicalize('highlights', doc);
  const text = renderDocument(doc);
  return text.startsWith(LIST_KEY) ? text.slice(LIST_KEY.length) : undefined;
}

/** `text` with a new highlight in its place, or undefined to take the full path. */
export function spliceNewHighlight(text: string, file: HighlightsFile, h: Highlight): string | undefined {
  const starts = itemStarts(text, file);
  if (!starts) return undefined;
  let index = file.highlights.findIndex((other) => compareHighlights(h, other) < 0);
  if (index < 0) index = file.highlights.length;
  const item = renderItems('', (doc) => {
    doc.set('highlights', doc.createNode([]));
    addHighlightNode(doc, h);
  });
  return item === undefined ? undefined : text.slice(0, starts[index]) + item + text.slice(starts[index]);
}

/**
 * `text` with the highlight `id` changed by `change` — the full path's own change function,
 * applied to a document holding that item alone — or removed (`change` undefined); undefined
 * to take the full path. A change must not move the highlight (its place decides the order).
 */
export function spliceHighlight(text: string, file: HighlightsFile, id: string, change?: (doc: Document, item: YAMLMap) => boolean | void): string | undefined {
  const starts = itemStarts(text, file);
  if (!starts) return undefined;
  const index = file.highlights.findIndex((h) => h.id === id);
  if (index < 0) return undefined;
  const before = text.slice(0, starts[index]);
  const after = text.slice(starts[index + 1]);
  if (!change) return file.highlights.length > 1 ? before + after : undefined; // the last one leaves `highlights: []`
  const loaded = file.highlights[index]!;
  let moved = false;
  const item = renderItems(text.slice(starts[index], starts[index + 1]), (doc) => {
    const node = (doc.get('highlights', true) as { items: unknown[] }).items[0];
    if (!isMap(node) || node.get('id') !== id) return false;
    if (change(doc, node) === false) return false;
    moved = node.get('start') !== loaded.start || node.get('end') !== loaded.end;
  });
  return item === undefined || moved ? undefined : before + item + after;
}
