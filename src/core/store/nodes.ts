/**
 * Small helpers for editing YAML nodes in place. Editing the existing nodes rather than
 * replacing them is what keeps a researcher's comments, quoting and flow or block style
 * through a write, so every edit of a list or an entry in the store goes through these.
 */
import { isMap, isScalar, isSeq, type Document, type YAMLMap, type YAMLSeq } from 'yaml';

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
    node.flow = true;
    map.set(key, node);
    return;
  }
  const reusable = [...old.items];
  old.items = values.map((value) => {
    const i = reusable.findIndex((item) => isScalar(item) && item.value === value);
    return i >= 0 ? reusable.splice(i, 1)[0] : doc.createNode(value);
  });
}
