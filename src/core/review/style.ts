/**
 * How review reports (diff, agreement) are written: one set of building blocks, two
 * styles — plain text for the terminal, Markdown for a pull-request comment. Transcript
 * words are always passed through `words`, so a quote can never break the Markdown.
 */
export interface Style {
  heading(level: 1 | 2 | 3, text: string): string;
  strong(text: string): string;
  em(text: string): string;
  code(text: string): string;
  /** User text (quotes, statements, memos), escaped as the style needs. */
  words(text: string): string;
  item(text: string, depth?: number): string;
  /** A long list folded away (Markdown) or shown as is (text). */
  fold(title: string, lines: string[]): string[];
  /** A table; numeric columns right-aligned. */
  table(header: string[], rows: string[][]): string[];
}

/** Lists longer than this are folded in Markdown. */
const FOLD_AFTER = 12;
const QUOTE_LENGTH = 160;

const numericColumns = (header: string[], rows: string[][]) => header.map((_, i) => rows.length > 0 && rows.every((r) => /^[−\-+]?[\d.,]+%?$|^–$/.test(r[i] ?? '')));

export const MARKDOWN: Style = {
  heading: (level, text) => `${'#'.repeat(level + 2)} ${text}`,
  strong: (t) => `**${t}**`,
  em: (t) => `*${t}*`,
  code: (t) => '`' + t.replace(/`/g, "'") + '`',
  words: (t) => t.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]<>|#~])/g, '\\$1'),
  item: (t, depth = 0) => `${'  '.repeat(depth)}- ${t}`,
  fold: (title, lines) => (lines.length <= FOLD_AFTER ? lines : ['<details>', `<summary>${title}</summary>`, '', ...lines, '', '</details>']),
  table: (header, rows) => {
    const numeric = numericColumns(header, rows);
    return [`| ${header.join(' | ')} |`, `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
  },
};

export const TEXT: Style = {
  heading: (level, text) => (level === 1 ? `${text}\n${'='.repeat(text.length)}` : level === 2 ? `\n${text}\n${'-'.repeat(text.length)}` : `\n${text}`),
  strong: (t) => t,
  em: (t) => t,
  code: (t) => t,
  words: (t) => t.replace(/\s*\n\s*/g, ' '),
  item: (t, depth = 0) => `${'  '.repeat(depth + 1)}${depth === 0 ? '•' : '-'} ${t}`,
  fold: (_, lines) => lines,
  table: (header, rows) => {
    const numeric = numericColumns(header, rows);
    const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
    const pad = (c: string, i: number) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!));
    const line = (r: string[]) => '  ' + r.map(pad).join('  ').trimEnd();
    return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  },
};

/** Transcript words in quotation marks, cut to a readable length (claims are shown whole: pass Infinity). */
export function quoted(s: Style, text: string, maxLength = QUOTE_LENGTH): string {
  const chars = [...text];
  const cut =
    chars.length > maxLength
      ? chars
          .slice(0, maxLength - 1)
          .join('')
          .trimEnd() + '…'
      : text;
  return `“${s.words(cut)}”`;
}
