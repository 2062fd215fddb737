/**
 * The prose of Sift's YAML files: the values people write sentences into (notes, summaries,
 * statements, persona traits …), where personal data can slip in. Ids, hashes, offsets and
 * quotes (the transcript's own words) are not prose.
 */
import { isPair, isScalar, visit, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { parseYaml } from '../yaml/parse';

const PROSE_KEYS = new Set(['note', 'summary', 'statement', 'title', 'description', 'label', 'name', 'action', 'owner', 'goals', 'frustrations', 'behaviours', 'speaker']);

/** Calls `visitor` with every string scalar that is (or is in a list that is) the value of a prose key. */
export function forEachProseScalar(doc: Document, visitor: (node: Scalar<string> & { range: NonNullable<Scalar['range']> }) => void): void {
  visit(doc, {
    Scalar(_, node, ancestors) {
      if (typeof node.value !== 'string' || !node.range) return;
      // The nearest pair above says which key this value (or list item) belongs to.
      const pair = [...ancestors].reverse().find((a): a is Pair<Node, Node> => isPair(a));
      if (!pair || pair.key === node || !isScalar(pair.key)) return;
      if (PROSE_KEYS.has(String(pair.key.value))) visitor(node as Scalar<string> & { range: NonNullable<Scalar['range']> });
    },
  });
}

/** UTF-16 ranges of the prose values in a YAML text (their source text, quotes included). */
export function proseRanges(path: string, text: string): [number, number][] {
  const parsed = parseYaml(path, text);
  if (!parsed.doc) return [];
  const out: [number, number][] = [];
  forEachProseScalar(parsed.doc, (node) => out.push([node.range[0], node.range[1]]));
  return out;
}
