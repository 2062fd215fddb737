/**
 * The prose of Sift's YAML files: the values people write sentences into (notes, summaries,
 * statements, persona traits …), where personal data can slip in. Ids, hashes, offsets and
 * quotes (the transcript's own words) are not prose.
 */
import { isPair, isScalar, visit, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { readCanonicalHighlights } from '../yaml/fast-highlights';
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

/**
 * UTF-16 ranges of the prose values in a YAML text (their source text, quotes included).
 * Highlights files — most of a study's YAML — in the shape Sift writes them are read line
 * by line (a study's scan parsed 30 MB of YAML twice, ~15 s); anything else is parsed.
 */
export function proseRanges(path: string, text: string): [number, number][] {
  return canonicalHighlightsProse(text) ?? parsedProseRanges(path, text);
}

/** The prose of a YAML text through the full parser. */
export function parsedProseRanges(path: string, text: string): [number, number][] {
  const parsed = parseYaml(path, text);
  if (!parsed.doc) return [];
  const out: [number, number][] = [];
  forEachProseScalar(parsed.doc, (node) => out.push([node.range[0], node.range[1]]));
  return out;
}

/** In a highlights item (keys at indent 4), the keys whose values are prose. */
const HIGHLIGHT_PROSE_KEY = /^ {4}(?:note|speaker): /;

/**
 * Prose ranges of a highlights file in the canonical shape (see yaml/fast-highlights.ts):
 * a `note` or `speaker` value starts after its key and runs to the end of its line and of any
 * deeper-indented continuation lines (a quoted scalar over several lines, a block scalar).
 * Undefined for any other text. test/unit/privacy.test.ts checks it against the parser.
 */
function canonicalHighlightsProse(text: string): [number, number][] | undefined {
  if (!/^(source|sourceHash|highlights):/m.test(text) || text.includes('\r') || readCanonicalHighlights(text) === undefined) return undefined;
  const out: [number, number][] = [];
  let open: [number, number] | undefined;
  for (let at = 0; at < text.length;) {
    const eol = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    const line = text.slice(at, eol);
    const continues = open !== undefined && (line.startsWith('      ') || line.trim() === '');
    // A trailing comment (` #`) ends a plain value early: left to the parser, as is anything unusual.
    if ((continues || HIGHLIGHT_PROSE_KEY.test(line)) && line.includes(' #')) return undefined;
    if (continues) {
      if (line.trim() !== '') open![1] = at + line.trimEnd().length;
    } else {
      if (open) out.push(close(open));
      open = undefined;
      const key = HIGHLIGHT_PROSE_KEY.exec(line);
      if (key && !line.trimStart().startsWith('#')) open = [at + key[0].length, at + line.trimEnd().length];
    }
    at = eol + 1;
  }
  if (open) out.push(close(open));
  return out;

  /** A block scalar's source text ends with its last line break, as the parser counts it. */
  function close(range: [number, number]): [number, number] {
    return text[range[0]] === '|' && text[range[1]] === '\n' ? [range[0], range[1] + 1] : range;
  }
}
