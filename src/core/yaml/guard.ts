/**
 * Checks made on YAML text *before* the parser sees it. The `yaml` package is safe against
 * most hostile input, but two things are not: a deeply nested document (≥ ~800 levels, a
 * 1.6 KB file) can abort Node on its second parse, and a map with tens of thousands of keys
 * makes its duplicate-key check quadratic. Merge-conflict markers are caught here too, so
 * the researcher gets a clear sentence instead of a parser error.
 */
import { problem, type Problem } from '../problems';

export const YAML_LIMITS = {
  /** Largest YAML file Sift parses; a highlights file of 4 MB holds ~6,000 highlights. */
  maxBytes: 4 * 1024 * 1024,
  /** Deepest nesting of collections; Sift's own files need fewer than 8 levels. */
  maxDepth: 64,
};

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |$)/;

/** Problems that forbid parsing this text at all (empty when it may be parsed). */
export function guardYamlText(path: string, text: string, lineOffset = 0): Problem[] {
  if (text.length > YAML_LIMITS.maxBytes) {
    return [problem(path, { line: 1, column: 1 }, 'error', 'yaml-too-large', `This file is ${(text.length / 1048576).toFixed(1)} MB; Sift reads YAML files up to ${YAML_LIMITS.maxBytes / 1048576} MB. Split it into smaller files.`)];
  }
  const conflicts = conflictMarkers(path, text, lineOffset);
  if (conflicts.length > 0) return conflicts;
  const deep = firstTooDeep(text);
  if (deep) {
    return [
      problem(path, { line: deep.line + lineOffset, column: deep.column }, 'error', 'yaml-too-deep', `This file nests collections more than ${YAML_LIMITS.maxDepth} levels deep here; Sift's files never need that. Is it the right file?`),
    ];
  }
  return [];
}

function conflictMarkers(path: string, text: string, lineOffset: number): Problem[] {
  const problems: Problem[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (CONFLICT_MARKER.test(line)) {
      const what = line.startsWith('<') ? 'start of "our" side' : line.startsWith('=') ? 'divider between the two sides' : line.startsWith('>') ? 'end of "their" side' : 'common ancestor';
      problems.push(problem(path, { line: i + 1 + lineOffset, column: 1 }, 'error', 'merge-conflict', `Unresolved git merge conflict (${what}). Resolve the conflict and remove the markers; Sift will not change this file until then.`));
    }
  });
  return problems;
}

/**
 * A conservative estimate of the parser's nesting depth, line by line: the block levels
 * open (by indentation), compact nested sequences on one line (`- - - x`), and flow
 * brackets open. Block-scalar bodies (`|`, `>`) are text and skipped. Where it is unsure
 * whether a bracket opens a collection it counts it, and it takes a quote as opening a
 * string only where YAML certainly does: over-counting costs a false alarm at 64 levels,
 * under-counting would let a deep document reach the parser (which can abort Node).
 */
function firstTooDeep(text: string): { line: number; column: number } | undefined {
  const indents: number[] = [];
  let flowDepth = 0;
  let blockScalarIndent = -1;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const indent = line.length - line.trimStart().length;
    const content = line.slice(indent);
    if (blockScalarIndent >= 0) {
      if (content === '' || indent > blockScalarIndent) continue;
      blockScalarIndent = -1;
    }
    if (content === '' || content.startsWith('#')) continue;
    if (flowDepth === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    const compact = longestIndicatorRun(content);
    let depth = indents.length + compact + flowDepth;
    if (depth > YAML_LIMITS.maxDepth) return { line: n + 1, column: indent + 1 };
    const scan = scanLine(
      content,
      flowDepth,
      (i) => {
        depth++;
        return depth > YAML_LIMITS.maxDepth ? { line: n + 1, column: indent + i + 1 } : undefined;
      },
      () => depth--,
    );
    if ('line' in scan) return scan;
    flowDepth = scan.flowDepth;
    // The block-scalar indicator is looked for in the code only: `a: # note: |` is not one.
    if (flowDepth === 0 && /(?:^|[:\-] )[|>][-+0-9]*\s*$/.test(content.slice(0, scan.codeEnd))) blockScalarIndent = indent;
  }
  return undefined;
}

/**
 * The most block indicators in a row on a line (`- - - x`, `? - x`, `:  - - x` after an
 * empty key), each opening a collection. Tabs separate too (`-\t-\tx`): a long run of
 * those also crashed Node 20's regular-expression compiler inside the parser, on the
 * second such file, beyond any try/catch. Counted wherever the run starts: 64 indicators
 * in a row are never prose.
 */
function longestIndicatorRun(content: string): number {
  let longest = 0;
  for (const run of content.matchAll(/(?<![^ \t])(?:[-?:][ \t]+)+/g)) longest = Math.max(longest, run[0].replace(/[ \t]+/g, '').length);
  return longest;
}

/**
 * Characters that cannot start a plain scalar outside brackets (`}`, `]`, `,`, `@`, `` ` ``):
 * the parser reports them and goes on looking for a value, so a bracket after them may open
 * a collection (`} [[[[…` reached the parser 3,800 levels deep).
 */
const STRAY_INDICATORS = /^[\]},@`]+$/;

/**
 * Walks one line's content (after its indentation) word by word, calling `open` for every
 * bracket that may open a flow collection and `close` for every closing one. A value may
 * start at the line's start, after `key:`, `-`, `?`, `---`, or a flow indicator, and after
 * node properties (`!tag`, `&anchor`) that follow those. Linear in the line.
 */
function scanLine(content: string, flowDepth: number, open: (i: number) => { line: number; column: number } | undefined, close: () => void): { flowDepth: number; codeEnd: number } | { line: number; column: number } {
  let expectValue = true;
  let wordStart = -1;
  let quote: string | undefined;
  const endWord = (i: number) => {
    if (wordStart < 0) return;
    const word = content.slice(wordStart, i);
    if (word[0] !== '!' && word[0] !== '&') expectValue = word === '-' || word === '?' || word === '---' || word.endsWith(':') || (flowDepth > 0 && /[[{,]$/.test(word)) || (flowDepth === 0 && STRAY_INDICATORS.test(word));
    wordStart = -1;
  };
  for (let i = 0; i < content.length; i++) {
    const c = content[i]!;
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord(i);
      continue;
    }
    if (c === '#' && (i === 0 || wordStart < 0)) return { flowDepth, codeEnd: i };
    const atStart = wordStart < 0;
    if (atStart) wordStart = i;
    const previous = content[i - 1];
    // Inside a word a value starts only right after `:` or a flow indicator (`key:[`, `[[`, `,{`).
    const valueHere = atStart ? expectValue : previous === ':' || (flowDepth > 0 ? previous === '[' || previous === '{' || previous === ',' : STRAY_INDICATORS.test(previous!));
    if ((c === '"' || c === "'") && valueHere) quote = c;
    else if ((c === '[' || c === '{') && (flowDepth > 0 || valueHere)) {
      flowDepth++;
      const tooDeep = open(i);
      if (tooDeep) return tooDeep;
    } else if ((c === ']' || c === '}') && flowDepth > 0) {
      flowDepth--;
      close();
    }
  }
  return { flowDepth, codeEnd: content.length };
}
