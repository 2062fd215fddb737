/**
 * Small helpers for editing YAML nodes in place. Editing the existing nodes rather than
 * replacing them is what keeps a researcher's comments, quoting and flow or block style
 * through a write, so every edit of a list or an entry in the store goes through these.
 */
import { isMap, isScalar, isSeq, visit, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';

/** The map with the given `id` in the list under `listKey` (a codebook tag, a highlight). */
export function itemById(doc: Document, listKey: string, id: string): YAMLMap | undefined {
  const list = doc.get(listKey, true);
  if (!isSeq(list)) return undefined;
  return list.items.find((i): i is YAMLMap => isMap(i) && i.get('id') === id);
}

/**
 * Sets a list of strings under `key`. Items whose value stays keep their node (and so their
 * comments and quoting), and the list keeps its flow or block style; a new list is written
 * on one line (`[a, b]`).
 */
export function setStringList(doc: Document, map: YAMLMap, key: string, values: readonly string[]): void {
  const old = map.get(key, true);
  if (!isSeq(old)) {
    const node = doc.createNode([...values]) as YAMLSeq;
    node.flow = fitsOnOneLine(node);
    map.set(key, node);
    return;
  }
  const reusable = [...old.items];
  old.items = values.map((value) => {
    const i = reusable.findIndex((item) => isScalar(item) && item.value === value);
    return i >= 0 ? reusable.splice(i, 1)[0] : doc.createNode(value);
  });
}

/**
 * Flow style (`[P01, P02]`, `{tag: x, lift: 2}`) reads well for ids, words and numbers; a
 * list of sentences reads better one item a line.
 */
const SHORT_ITEM = 40;
const ONE_LINE = 100;

/** A list of short scalars (ids, words), or a map of scalars that fits on one line. */
export function fitsOnOneLine(node: YAMLSeq | YAMLMap): boolean {
  const text = (v: unknown) => String((v as { value: unknown }).value);
  if (isSeq(node)) return node.items.every((v) => isScalar(v) && text(v).length <= SHORT_ITEM);
  const values = node.items.map((p) => p.value);
  return values.every((v) => isScalar(v)) && values.reduce((n: number, v) => n + text(v).length + 8, 0) <= ONE_LINE;
}

/** Lists of short scalars, and short maps of scalars inside lists, in flow style. */
export function styleCompact(node: unknown): void {
  visit(node as Node, {
    Seq(_, seq) {
      if (fitsOnOneLine(seq)) seq.flow = true;
      for (const item of seq.items) if (isMap(item) && fitsOnOneLine(item)) item.flow = true;
    },
  });
}
