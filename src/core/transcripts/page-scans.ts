/**
 * Scanned pages of a handwritten diary, attached to the entry they belong to: a Markdown
 * image alone on its line (`![Page 3](scans/p09-page-3.jpg)`), as Markdown's preview shows
 * it too. The target is relative to the transcript's folder, as in any Markdown file. Such a
 * line is nobody's words: it belongs to no turn, so nothing on it can be coded.
 */
import type { PageScan } from '../model';
import type { Line } from './lines';

/** `![alt](target)` or `![alt](<target with spaces>)`, optionally with a title, alone on its line. */
const IMAGE_LINE = /^[ \t]*!\[[^\]\n]*\]\([ \t]*(<[^>\n]+>|[^\s)]+)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\)[ \t]*$/;

/** The page a line attaches, or undefined when the line is not an image alone on its line. */
export function pageScanOn(transcriptPath: string, line: Line, date: string | undefined): PageScan | undefined {
  if (!line.text.includes('![')) return undefined;
  const m = IMAGE_LINE.exec(line.text);
  if (!m) return undefined;
  const written = m[1]!;
  const target = written.startsWith('<') ? written.slice(1, -1) : written;
  const column = m[0].indexOf(written, line.text.indexOf('](')) + 1;
  const path = resolveInside(transcriptPath, decodeTarget(target));
  return {
    target,
    ...(path !== undefined ? { path } : {}),
    ...(date !== undefined ? { date } : {}),
    at: { line: line.number, column, endLine: line.number, endColumn: column + written.length },
  };
}

function decodeTarget(target: string): string {
  try {
    return decodeURI(target);
  } catch {
    return target;
  }
}

/**
 * `target` relative to the folder of `from`, as a workspace-relative path; undefined when it
 * is absolute, a URL, or climbs out of the workspace (Sift reads nothing outside it).
 */
export function resolveInside(from: string, target: string): string | undefined {
  if (target.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.includes('\\')) return undefined;
  const parts = from.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.length > 0 ? parts.join('/') : undefined;
}
