/**
 * The canonical form of Sift's YAML files: keys in a fixed order, highlights sorted by
 * position, everything else as the researcher wrote it (comments, blank lines, quoting,
 * flow or block style). Applied to every write and by `sift fmt`, so a diff shows only
 * what a person changed and loading + saving an unchanged file changes no byte.
 */
import { isMap, isScalar, isSeq, type Document, type YAMLMap } from 'yaml';
import type { FileKind } from '../validate';

interface KeyOrder {
  keys: readonly string[];
  /** Orders for the values under some keys: a map, or each map in a list. */
  nested?: Record<string, KeyOrder>;
}

const HIGHLIGHT: KeyOrder = { keys: ['id', 'quote', 'prefix', 'suffix', 'start', 'end', 'tags', 'note', 'speaker', 'time', 'timeEnd', 'date', 'coder', 'assisted'], nested: { assisted: { keys: ['by', 'rule'] } } };

const ORDERS: Record<FileKind, KeyOrder> = {
  research: {
    keys: ['name', 'description', 'sources', 'attributes', 'sample', 'period', 'phases', 'kinds', 'sampling', 'paths', 'privacy'],
    nested: { paths: { keys: ['codebook', 'participants', 'highlights', 'themes', 'insights', 'personas', 'journeys'] }, privacy: { keys: ['pseudonymised', 'key', 'names'] } },
  },
  codebook: { keys: ['tags'], nested: { tags: { keys: ['id', 'label', 'description', 'color', 'parent', 'aliases'] } } },
  participants: {
    keys: ['participants'],
    nested: { participants: { keys: ['id', 'attributes', 'consent', 'note'], nested: { consent: { keys: ['by', 'date', 'scope', 'note'] } } } },
  },
  highlights: { keys: ['source', 'sourceHash', 'highlights'], nested: { highlights: HIGHLIGHT } },
  theme: { keys: ['title', 'summary', 'highlights'] },
  insight: {
    keys: ['statement', 'status', 'confidence', 'themes', 'evidence', 'personas', 'recommendations'],
    nested: {
      recommendations: {
        keys: ['action', 'owner', 'status', 'reason', 'due', 'outcome'],
        nested: { outcome: { keys: ['change', 'measure', 'evidence'], nested: { measure: { keys: ['name', 'before', 'after', 'unit'] } } } },
      },
    },
  },
  persona: {
    keys: ['name', 'label', 'status', 'set', 'summary', 'participants', 'share', 'distinguishing', 'quotes', 'goals', 'frustrations', 'behaviours', 'generated'],
    nested: {
      distinguishing: { keys: ['tag', 'lift', 'members', 'of', 'others', 'othersOf'] },
      generated: { keys: ['method', 'silhouette', 'fields'], nested: { fields: { keys: ['name', 'label', 'summary', 'participants', 'share', 'distinguishing', 'quotes', 'goals', 'frustrations', 'behaviours'] } } },
    },
  },
  journey: {
    keys: ['title', 'persona', 'stages'],
    nested: { stages: { keys: ['id', 'title', 'description', 'highlights'], nested: { highlights: { keys: ['id', 'sentiment', 'proposal'] } } } },
  },
  library: {
    keys: ['name', 'description', 'studies', 'codebook'],
    nested: { studies: { keys: ['id', 'path', 'tags'] }, codebook: { keys: ['id', 'label', 'description', 'color'] } },
  },
};

/**
 * Output options shared by every write: never fold long quotes across lines, and write new
 * multi-line strings on one line, double-quoted with `\n` — a block scalar would carry
 * meaningful trailing spaces that editors strip on save, and one line per field keeps diffs
 * small. Scalars as the researcher wrote them keep
 * their style.
 */
export const TO_STRING_OPTIONS = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false, blockQuote: false, doubleQuotedMinMultiLineLength: Infinity } as const;

/** Puts a parsed document of the given kind into canonical form, in place. */
export function canonicalize(kind: FileKind, doc: Document): void {
  if (isMap(doc.contents)) orderMap(doc.contents, ORDERS[kind]);
  if (kind === 'highlights') sortHighlights(doc);
}

export function renderDocument(doc: Document): string {
  return doc.toString(TO_STRING_OPTIONS);
}

function orderMap(map: YAMLMap, order: KeyOrder): void {
  const rank = (key: unknown) => {
    // Keys set through the API (`map.set('note', …)`) are plain strings until the next parse.
    const name = isScalar(key) ? String(key.value) : typeof key === 'string' ? key : '';
    const i = order.keys.indexOf(name);
    return i < 0 ? order.keys.length : i;
  };
  // Array.prototype.sort is stable: unknown keys keep their written order, after the known ones.
  map.items.sort((a, b) => rank(a.key) - rank(b.key));
  for (const [key, nested] of Object.entries(order.nested ?? {})) {
    const value = map.get(key, true);
    if (isMap(value)) orderMap(value, nested);
    else if (isSeq(value)) for (const item of value.items) if (isMap(item)) orderMap(item, nested);
  }
}

/** Highlights by start, then end, then id: the order a reader meets them in the transcript. */
function sortHighlights(doc: Document): void {
  const list = doc.get('highlights', true);
  if (!isSeq(list)) return;
  const key = (item: unknown): [number, number, string] => {
    if (!isMap(item)) return [Infinity, Infinity, ''];
    const n = (k: string) => {
      const v = item.get(k);
      return typeof v === 'number' ? v : Infinity;
    };
    return [n('start'), n('end'), String(item.get('id') ?? '')];
  };
  list.items.sort((a, b) => {
    const [as, ae, ai] = key(a);
    const [bs, be, bi] = key(b);
    return as - bs || ae - be || (ai < bi ? -1 : ai > bi ? 1 : 0);
  });
}
