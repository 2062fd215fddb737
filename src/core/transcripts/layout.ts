/**
 * Lines a tool added to a transcript that nobody said: MAXQDA's paragraph numbers on their
 * own lines, page counters of a PDF export (`3/5`, `Page 3 of 5`), Otter.ai's
 * "Transcribed by https://otter.ai" footer, a chat or call log's timestamp alone on its line
 * (`2021-10-30T08:45:00Z`, whose time goes to the turn below it: labels.ts). They belong to no turn, so a highlight never gets
 * them as a participant's words, and a turn interrupted by a page break continues after it.
 *
 * Numbers are layout only when the file is numbered as a whole: three or more number lines,
 * each the one before or one more (MAXQDA repeats a paragraph's number when a page breaks
 * before it). A lone "3" answering a question stays speech.
 */
import { skipBlanks, type Line } from './lines';
import { timestampLineTime } from './speakers';

// Blanks around include the form feed that text taken from a PDF has before each page's first line.
const NUMBER_LINE = /^\s*(\d{1,6})\s*$/;
const PAGE_LINE = /^\s*(?:page[ \t]+)?(\d{1,4})[ \t]*(?:\/|of)[ \t]*(\d{1,4})\s*$/i;
const OTTER_FOOTER = /^\s*Transcribed by https?:\/\/otter\.ai\/?\s*$/i;
const MIN_NUMBERED = 3;

/** Indexes of the lines (from `from` on) that are layout. */
export function layoutLines(lines: readonly Line[], from: number): Set<number> {
  const layout = new Set<number>();
  const numbers: { index: number; value: number }[] = [];
  const pages = new Map<string, { index: number; page: number }[]>();
  for (let i = from; i < lines.length; i++) {
    const text = lines[i]!.text;
    const first = text.charCodeAt(skipBlanks(text, 0));
    if (first >= 0x30 && first <= 0x39) {
      const n = NUMBER_LINE.exec(text);
      if (n) numbers.push({ index: i, value: Number(n[1]) });
      const p = n ? undefined : PAGE_LINE.exec(text);
      if (p) pushTo(pages, p[2]!, { index: i, page: Number(p[1]) });
      else if (!n && timestampLineTime(text) !== undefined) layout.add(i);
    } else if (first === 0x50 || first === 0x70 /* P p */) {
      const p = PAGE_LINE.exec(text);
      if (p) pushTo(pages, p[2]!, { index: i, page: Number(p[1]) });
    } else if ((first === 0x54 || first === 0x74) /* T t */ && OTTER_FOOTER.test(text)) layout.add(i);
  }
  if (isParagraphNumbering(numbers.map((n) => n.value))) for (const n of numbers) layout.add(n.index);
  for (const [total, counters] of pages) {
    if (counters.length >= 2 && counters.every((c, k) => c.page <= Number(total) && (k === 0 || c.page > counters[k - 1]!.page))) for (const c of counters) layout.add(c.index);
  }
  return layout;
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
