/**
 * The one way the core parses YAML: guarded (see guard.ts), as a Document so edits keep
 * comments and formatting, with positions for every problem. Aliases, custom tags and
 * `__proto__` keys are refused; duplicate keys are found in linear time.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type ErrorCode, type Node, type ParsedNode } from 'yaml';
import { hasErrors, problem, type Problem } from '../problems';
import { guardYamlText } from './guard';

export interface ParsedYaml {
  /** Undefined when the text could not be parsed at all. */
  doc: Document.Parsed | undefined;
  lineCounter: LineCounter;
  /** Added to every reported line (front matter sits below the `---` line). */
  lineOffset: number;
  problems: Problem[];
}

export const PARSE_OPTIONS = {
  prettyErrors: false,
  // Checked by findDuplicateKeys instead: the library's check is quadratic in map size.
  uniqueKeys: false,
  strict: true,
  merge: false,
  maxAliasCount: 0,
  keepSourceTokens: false,
} as const;

export function parseYaml(path: string, text: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const guarded = guardYamlText(path, text, lineOffset);
  if (guarded.length > 0) return { doc: undefined, lineCounter, lineOffset, problems: guarded };

  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  const problems: Problem[] = [];
  // After the first syntax error the parser's further errors mostly follow from it: report
  // the first at its place, and say how many more there are.
  const [first, ...more] = doc.errors;
  if (first) {
    const rest = more.length > 0 ? ` (${more.length} more error${more.length === 1 ? '' : 's'} may follow from this one)` : '';
    problems.push(problem(path, at(first.pos[0]), 'error', 'yaml-syntax', `YAML syntax error: ${friendlyYamlMessage(first.message, first.code)}${rest}`));
  }
  for (const w of doc.warnings) problems.push(problem(path, at(w.pos[0]), 'warning', 'yaml-warning', `YAML: ${friendlyYamlMessage(w.message)}`));
  if (doc.errors.length === 0) problems.push(...structuralProblems(path, doc, at));
  // A document with any error is never handed on: nothing may be read from or written to it.
  return { doc: hasErrors(problems) ? undefined : doc, lineCounter, lineOffset, problems };
}

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * What the commonest syntax errors mean, in a researcher's words: the parser's own message is
 * precise but speaks of flow sequences and implicit keys, so it follows in brackets.
 */
const PLAIN_SYNTAX_ERRORS: Partial<Record<ErrorCode, string>> = {
  MISSING_CHAR: 'a bracket, brace or quote opened here is not closed',
  BAD_INDENT: "this line's indentation does not line up with the lines around it (YAML reads the structure from the spaces at the start of each line)",
  TAB_AS_INDENT: 'this line is indented with a tab; YAML allows only spaces',
  BLOCK_AS_IMPLICIT_KEY: 'YAML reads a second "key: value" inside this value: if the value contains ": ", put it in quotes; if a new key begins, do not indent it under a value',
  MULTILINE_IMPLICIT_KEY: 'a key here runs over more than one line: a colon is probably missing, or a value with a colon needs quotes',
  UNEXPECTED_TOKEN: 'unexpected text here: often a missing colon after a key, or a value containing ": " or " #" that needs quotes',
  BAD_SCALAR_START: 'a value cannot begin with this character unless it is in quotes',
  BAD_DQ_ESCAPE: 'an unknown backslash escape inside double quotes: use single quotes, or write \\\\ for a backslash',
};

const UNCLOSED_BRACKETS = 'a list in [ ] or a mapping in { } above is not closed: check its last item ends with ] or }';

function friendlyYamlMessage(message: string, code?: ErrorCode): string {
  if (message.startsWith('Source contains multiple documents')) return 'this file holds more than one YAML document (a `---` line in the middle); Sift expects one.';
  // The library's messages are precise but terse; the line and column are reported separately.
  const own = message
    .replace(/ at line \d+, column \d+.*$/s, '')
    .replace(/\s+/g, ' ')
    .trim();
  // A list or map in brackets left open is reported where the parser gave up, as bad indentation.
  const plain = /^Flow (sequence|mapping)/.test(own) ? UNCLOSED_BRACKETS : code === undefined ? undefined : PLAIN_SYNTAX_ERRORS[code];
  return plain === undefined ? own : `${plain} (the YAML parser says: ${own})`;
}

/** Aliases, custom tags, unsafe or duplicate keys: things the parser accepts but Sift must not. */
function structuralProblems(path: string, doc: Document.Parsed, at: (offset: number) => { line: number; column: number }): Problem[] {
  const problems: Problem[] = [];
  const report = (node: Node | null | undefined, code: string, message: string) => problems.push(problem(path, at((node as ParsedNode | undefined)?.range?.[0] ?? 0), 'error', code, message));
  visit(doc, {
    Alias(_, node) {
      report(node, 'yaml-alias', `YAML aliases (*${node.source}) are not supported in Sift files; write the value out in full.`);
    },
    Node(_, node) {
      if (node.tag && !CORE_TAGS.has(node.tag)) report(node, 'yaml-tag', `Custom YAML tags (${node.tag}) are not supported in Sift files.`);
    },
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) {
          report(pair.key as Node, 'yaml-complex-key', 'Keys must be plain text in Sift files.');
          continue;
        }
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') report(pair.key as Node, 'yaml-unsafe-key', `"${key}" cannot be used as a key.`);
        if (seen.has(key)) report(pair.key as Node, 'yaml-duplicate-key', `The key "${key}" appears twice in the same mapping; keep one.`);
        seen.add(key);
      }
    },
  });
  if (doc.contents && !isMap(doc.contents)) {
    report(doc.contents, 'yaml-not-mapping', 'The top level of this file must be a mapping of keys to values (key: value).');
  }
  return problems;
}

/** The 1-based position of the node at `path` in the document, or of its deepest existing ancestor. */
export function positionOf(parsed: ParsedYaml, path: readonly (string | number)[], preferKey = false): { line: number; column: number; endLine: number; endColumn: number } {
  let node: unknown = parsed.doc?.contents;
  let keyNode: unknown;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      keyNode = undefined;
      node = node.items[segment];
    } else break;
  }
  const target = (preferKey && keyNode ? keyNode : node) as ParsedNode | undefined;
  const [start, , end] = target?.range ?? [0, 0, 0];
  const a = parsed.lineCounter.linePos(start);
  const b = parsed.lineCounter.linePos(Math.max(start, end));
  return { line: a.line + parsed.lineOffset, column: a.col, endLine: b.line + parsed.lineOffset, endColumn: b.col };
}

export { isAlias };
