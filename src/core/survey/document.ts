/**
 * The Markdown transcript a sheet of comments becomes: front matter saying which sheet and
 * columns it came from, then one `## R017` section per comment holding the respondent's
 * words exactly as in the cell (line breaks read as `\n`, blank lines around it dropped).
 *
 * Why a generated transcript rather than a new kind of source: every part of Sift already
 * works on transcripts — code-point offsets, anchoring, the editor's decorations, search,
 * REFI-QDA export (one text source per sheet) and git diffs, where an edited comment shows
 * as one changed line under its respondent's heading. The sheet under `sources/` stays the
 * truth; the transcript is regenerated from it on re-import (src/core/survey/import.ts).
 */
import { stringify } from 'yaml';
import { readFrontMatter } from '../transcripts/frontmatter';
import { splitLines } from '../transcripts/lines';
import { parseYaml } from '../yaml/parse';

/** One comment: its section key (`R017`, `R017 (2)`), who wrote it, and the words. */
export interface SurveyComment {
  key: string;
  respondent: string;
  text: string;
}

/** Which sheet and columns a survey transcript came from, so a re-import needs only the file. */
export interface SurveyColumns {
  /** The sheet inside the study, e.g. `sources/webinar-qa.csv`. */
  source: string;
  text: string;
  id?: string;
  attributes: string[];
}

/** A comment placed in the transcript: [start, end) in code points over the whole file. */
export interface PlacedComment extends SurveyComment {
  start: number;
  end: number;
}

export interface SurveyDocument {
  columns: SurveyColumns | undefined;
  comments: PlacedComment[];
}

const HEADING = /^## +(\S+)(.*)$/;

/** The transcript's text and where each comment lies in it. */
export function renderSurvey(title: string, columns: SurveyColumns, comments: readonly SurveyComment[]): { markdown: string; comments: PlacedComment[] } {
  const survey = { text: columns.text, ...(columns.id ? { id: columns.id } : {}), ...(columns.attributes.length ? { attributes: columns.attributes } : {}) };
  let markdown = `---\n${stringify({ kind: 'survey', title, source: columns.source, columns: survey }, { flowCollectionPadding: false })}---\n`;
  // Code points so far: offsets are counted as Sift counts them, not in UTF-16 units.
  let length = [...markdown].length;
  const placed: PlacedComment[] = [];
  for (const c of comments) {
    const head = `\n## ${c.key}\n\n`;
    const words = cleanComment(c.text);
    const start = length + [...head].length;
    const end = start + [...words].length;
    placed.push({ ...c, text: words, start, end });
    markdown += `${head}${words}\n`;
    length = end + 1;
  }
  return { markdown, comments: placed };
}

/** A cell's words as the transcript holds them: `\n` line ends, no blank lines or spaces around them. */
export function cleanComment(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/^\s+|\s+$/g, '');
}

/** Reads a survey transcript back (the previous import), with every comment's place. */
export function readSurvey(path: string, text: string): SurveyDocument {
  const lines = splitLines(text);
  const front = readFrontMatter(path, text, lines);
  const columns = front.bodyLine > 0 ? columnsOf(path, text.slice(lines[1]!.start, lines[front.bodyLine - 1]!.start)) : undefined;
  const comments: PlacedComment[] = [];
  // UTF-16 → code points once, by counting as we go.
  let cp = 0;
  let u16 = 0;
  const toCodePoint = (at: number) => {
    for (; u16 < at; u16++) {
      const c = text.charCodeAt(u16);
      if (c < 0xdc00 || c > 0xdfff) cp++;
    }
    return cp;
  };
  let open: { key: string; respondent: string; from: number; to: number } | undefined;
  const close = () => {
    if (!open) return;
    const raw = text.slice(open.from, open.to);
    const lead = raw.length - raw.trimStart().length;
    const words = raw.trim();
    const start = toCodePoint(open.from + lead);
    const end = toCodePoint(open.from + lead + words.length);
    comments.push({ key: open.key, respondent: open.respondent, text: words, start, end });
    open = undefined;
  };
  for (let i = front.bodyLine; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = HEADING.exec(line.text);
    if (heading) {
      close();
      open = { key: `${heading[1]}${heading[2]!.trimEnd()}`, respondent: heading[1]!, from: line.end, to: line.end };
    } else if (open) open.to = line.end;
  }
  close();
  return { columns, comments };
}

function columnsOf(path: string, yaml: string): SurveyColumns | undefined {
  const data = parseYaml(path, yaml).doc?.toJS() as { source?: unknown; columns?: { text?: unknown; id?: unknown; attributes?: unknown } } | undefined;
  const c = data?.columns;
  if (typeof data?.source !== 'string' || typeof c?.text !== 'string') return undefined;
  const attributes = Array.isArray(c.attributes) ? c.attributes.filter((a): a is string => typeof a === 'string') : [];
  return { source: data.source, text: c.text, ...(typeof c.id === 'string' ? { id: c.id } : {}), attributes };
}
