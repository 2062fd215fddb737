/**
 * Line-level reading shared by every transcript format. Formats walk lines with their
 * UTF-16 offsets into the whole file (conversion to code points happens once, at the end),
 * so no format ever re-counts characters from the start of the file.
 */

export interface Line {
  /** The line without its `\n`. */
  text: string;
  /** UTF-16 offset of the line's first character in the whole file. */
  start: number;
  /** UTF-16 offset just after the line's last character (before its `\n`). */
  end: number;
  /** 1-based line number, as editors show it. */
  number: number;
}

/** Splits normalised text (`\n` line endings) into lines; a final empty line is kept. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    lines.push({ text: text.slice(start, nl), start, end: nl, number: number++ });
    start = nl + 1;
  }
  lines.push({ text: text.slice(start), start, end: text.length, number });
  return lines;
}

/**
 * Whitespace as a reader sees it: ASCII controls and every character JavaScript's `\s`
 * matches (Unicode spaces, the line and paragraph separators, the BOM). Transcripts pasted
 * from Word or web players often carry U+00A0, U+2028 or thin spaces.
 */
export function isBlankChar(code: number): boolean {
  if (code <= 0x20) return true;
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isBlankChar(text.charCodeAt(i))) return false;
  return true;
}

/** Index of the first non-blank character of `text` at or after `from` (text.length if none). */
export function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length && isBlankChar(text.charCodeAt(i))) i++;
  return i;
}
