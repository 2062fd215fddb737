/**
 * Lines a tool added to a transcript that nobody said: MAXQDA's paragraph numbers on their
 * own lines or before a paragraph (`pdftotext -layout` keeps `24   Dan: …` on one line), page
 * counters of a PDF export (`3/5`, `Page 3 of 5`), Otter.ai's
 * "Transcribed by https://otter.ai" footer, a chat or call log's timestamp alone on its line
 * (`2021-10-30T08:45:00Z`, whose time goes to the turn below it: labels.ts). They belong to no turn, so a highlight never gets
 * them as a participant's words, and a turn interrupted by a page break continues after it (a log's
 * timestamp starts a new record instead: the turn above ends there).
 *
 * Numbers are layout only when the file is numbered as a whole: three or more paragraph
 * numbers, each the one before or one more (MAXQDA repeats a paragraph's number when a page
 * breaks before it). A lone "3" answering a question stays speech.
 */
import { skipBlanks, type Line } from './lines';
import { timestampLineTime } from './speakers';

// Blanks around include the form feed that text taken from a PDF has before each page's first line.
const NUMBER_LINE = /^\s*(\d{1,6})\s*$/;
/** A paragraph number before the paragraph's words, as `pdftotext -layout` sets them: two or more spaces (or a tab) between. */
const NUMBERED_PARAGRAPH = /^\s*(\d{1,6})(?: {2,}|\t)[ \t]*(?=\S)/;
const PAGE_LINE = /^\s*(?:page[ \t]+)?(\d{1,4})[ \t]*(?:\/|of)[ \t]*(\d{1,4})\s*$/i;
const OTTER_FOOTER = /^\s*Transcribed by https?:\/\/otter\.ai\/?\s*$/i;
const MIN_NUMBERED = 3;

export interface PageLayout {
  /** Indexes of the lines (from `from` on) that are layout through and through. */
  lines: Set<number>;
  /** Lines whose words follow a paragraph number: index → where the words start (UTF-16, in the line). */
  numbered: Map<number, number>;
}

/** The layout of the lines from `from` on. */
export function pageLayout(lines: readonly Line[], from: number): PageLayout {
  const layout = new Set<number>();
  const numbers: { index: number; value: number; wordsAt?: number }[] = [];
  const pages = new Map<string, { index: number; page: number }[]>();
  /** Lines that are a paragraph number and a page counter: layout only when both are. */
  const both = new Set<number>();
  for (let i = from; i < lines.length; i++) {
    const text = lines[i]!.text;
    const first = text.charCodeAt(skipBlanks(text, 0));
    if (first >= 0x30 && first <= 0x39) {
      const n = NUMBER_LINE.exec(text);
      if (n) {
        numbers.push({ index: i, value: Number(n[1]) });
        continue;
      }
      const p = PAGE_LINE.exec(text);
      if (p) {
        pushTo(pages, p[2]!, { index: i, page: Number(p[1]) });
        continue;
      }
      if (timestampLineTime(text) !== undefined) {
        layout.add(i);
        continue;
      }
      const numbered = NUMBERED_PARAGRAPH.exec(text);
      // `45          2/5`: a paragraph number whose paragraph the page break moved to the next page, then the page counter.
      const counter = numbered && PAGE_LINE.exec(text.slice(numbered[0].length));
      if (numbered) numbers.push({ index: i, value: Number(numbered[1]), wordsAt: numbered[0].length });
      if (counter) {
        pushTo(pages, counter[2]!, { index: i, page: Number(counter[1]) });
        both.add(i);
      }
    } else if (first === 0x50 || first === 0x70 /* P p */) {
      const p = PAGE_LINE.exec(text);
      if (p) pushTo(pages, p[2]!, { index: i, page: Number(p[1]) });
    } else if ((first === 0x54 || first === 0x74) /* T t */ && OTTER_FOOTER.test(text)) layout.add(i);
  }
  const numbered = new Map<number, number>();
  const isNumbered = isParagraphNumbering(numbers.map((n) => n.value));
  if (isNumbered) {
    for (const n of numbers) {
      if (n.wordsAt === undefined) layout.add(n.index);
      else numbered.set(n.index, n.wordsAt);
    }
  }
  for (const [total, counters] of pages) {
    if (!(counters.length >= 2 && counters.every((c, k) => c.page <= Number(total) && (k === 0 || c.page > counters[k - 1]!.page)))) continue;
    for (const c of counters) if (isNumbered || !both.has(c.index)) layout.add(c.index);
  }
  return { lines: layout, numbered };
}

/** Three or more numbers, each the one before or the next. */
function isParagraphNumbering(values: readonly number[]): boolean {
  if (values.length < MIN_NUMBERED) return false;
  for (let k = 1; k < values.length; k++) {
    const step = values[k]! - values[k - 1]!;
    if (step !== 0 && step !== 1) return false;
  }
  return true;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
