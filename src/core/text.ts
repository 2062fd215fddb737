/**
 * Text as Sift counts it: UTF-8 decoded, BOM dropped, every line ending read as `\n`.
 * Offsets are Unicode code points over that text (REFI-QDA's unit), so CRLF checkouts,
 * BOMs and emoji never shift a highlight. Conversions to UTF-16 (JavaScript strings,
 * VS Code positions) happen only at the edge, through {@link CodePointIndex}.
 */
import { problem, type Problem } from './problems';

declare const TextDecoder: {
  new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): { decode(bytes: Uint8Array): string };
};

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export type DecodeResult = { ok: true; text: string } | { ok: false; problem: Problem };

/** Decodes a text file; binary (NUL bytes) and invalid UTF-8 are reported with their place. */
export function decodeText(path: string, bytes: Uint8Array): DecodeResult {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { ok: false, problem: problem(path, lineColumnOfByte(bytes, nul), 'error', 'binary-file', 'This file contains a NUL byte: it looks binary, not text. Sift reads UTF-8 text files only.') };
  }
  try {
    return { ok: true, text: normalizeText(decoder.decode(bytes)) };
  } catch {
    const bad = firstInvalidUtf8Byte(bytes);
    return {
      ok: false,
      problem: problem(path, lineColumnOfByte(bytes, bad), 'error', 'not-utf8', 'This file is not valid UTF-8 text. Re-save it as UTF-8 (most editors offer "Save with Encoding").'),
    };
  }
}

/** Drops a leading BOM and reads CRLF and lone CR as `\n`. */
export function normalizeText(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.indexOf('\r') < 0 ? noBom : noBom.replace(/\r\n?/g, '\n');
}

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

/** 1-based line and column (in characters) of a byte offset, counting only valid lead bytes. */
function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      line++;
      column = 1;
    } else if ((b & 0xc0) !== 0x80) column++;
  }
  return { line, column };
}

/**
 * Converts between code-point offsets and UTF-16 offsets of one string. For text without
 * astral characters (most transcripts) both are the same and conversion is free; otherwise
 * a sorted list of the astral characters' UTF-16 positions gives O(log n) conversions.
 */
export class CodePointIndex {
  /** UTF-16 offsets of the high surrogates of astral characters, ascending. */
  private readonly astral: number[] = [];
  readonly length: number;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
    this.length = text.length - this.astral.length;
  }

  /** UTF-16 offset of a code-point offset (clamped to the text). */
  toUtf16(cp: number): number {
    const c = Math.max(0, Math.min(cp, this.length));
    if (this.astral.length === 0) return c;
    // The k-th astral character (0-based) sits at code point astral[k] - k.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid]! - mid < c) lo = mid + 1;
      else hi = mid;
    }
    return c + lo;
  }

  /** Code-point offset of a UTF-16 offset; an offset inside a surrogate pair rounds down. */
  toCodePoint(u16: number): number {
    const u = Math.max(0, Math.min(u16, this.text.length));
    if (this.astral.length === 0) return u;
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    // lo astral characters start before u and each took one extra unit. When u falls on the
    // low half of the last of them, u - lo is that character's own start: it rounds down.
    return u - lo;
  }

  /** The text between two code-point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** 0-based line and UTF-16 character of a UTF-16 offset (what VS Code's Position holds). */
export function lineAndCharacter(text: string, u16: number, lineStarts = computeLineStarts(text)): { line: number; character: number } {
  const line = lastAtOrBefore(lineStarts, u16);
  return { line, character: u16 - lineStarts[line]! };
}

/** Index of the last of ascending `starts` that is ≤ `at` (0 when none is). */
export function lastAtOrBefore(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
