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
    return [problem(path, { line: deep.line + lineOffset, column: deep.column }, 'error', 'yaml-too-deep', `This file nests collections more than ${YAML_LIMITS.maxDepth} levels deep here; Sift's files never need that. Is it the right file?`)];
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
 * brackets open. Block-scalar bodies (`|`, `>`) are text and skipped.
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
    const compact = /^(?:[-?] +)*/.exec(content)![0].replace(/ +/g, '').length;
    let depth = indents.length + compact + flowDepth;
    if (depth > YAML_LIMITS.maxDepth) return { line: n + 1, column: indent + 1 };
    let quote: string | undefined;
    for (let i = 0; i < content.length; i++) {
      const c = content[i]!;
      if (quote) {
        if (c === quote) quote = undefined;
        continue;
      }
      if (c === '#' && (i === 0 || content[i - 1] === ' ')) break;
      if ((c === '"' || c === "'") && (flowDepth > 0 || startsValue(content, i))) quote = c;
      else if ((c === '[' || c === '{') && (flowDepth > 0 || startsValue(content, i))) {
        flowDepth++;
        depth++;
        if (depth > YAML_LIMITS.maxDepth) return { line: n + 1, column: indent + i + 1 };
      } else if ((c === ']' || c === '}') && flowDepth > 0) {
        flowDepth--;
        depth--;
      }
    }
    if (flowDepth === 0 && /(?:^|[:\-] )[|>][-+0-9]*\s*(?:#.*)?$/.test(content)) blockScalarIndent = indent;
  }
  return undefined;
}

/** True when position i begins a value: the line start, or after `: `, `- `, `? `. */
function startsValue(content: string, i: number): boolean {
  const before = content.slice(0, i).trimEnd();
  return before === '' || /(?:^|\s)[-?]$/.test(before) || before.endsWith(':');
}
