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
const utf16 = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

export type DecodeResult = { ok: true; text: string } | { ok: false; problem: Problem };

/**
 * Decodes a text file: UTF-8 (with or without a BOM), or UTF-16 when a byte-order mark
 * says so (Windows tools and some caption exporters write it). Binary files (NUL bytes)
 * and text in a legacy encoding are reported with their place; a file whose bytes read as
 * Windows-1252 is named as such, with how to convert it.
 */
export function decodeText(path: string, bytes: Uint8Array): DecodeResult {
  const order = utf16ByteOrder(bytes);
  if (order) return decodeUtf16(path, bytes, order);
  const document = documentFormat(bytes);
  if (document) return { ok: false, problem: problem(path, undefined, 'error', 'binary-file', document) };
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const unmarked = unmarkedUtf16(bytes);
    const message = unmarked
      ? `This file looks like ${unmarked} text without a byte-order mark, which Sift cannot tell from binary for sure. Re-save it as UTF-8 (in VS Code: Reopen with Encoding › ${unmarked}, then Save with Encoding › UTF-8), or bring it in with "sift import transcript", which converts it.`
      : 'This file contains a NUL byte: it looks binary, not text. Sift reads UTF-8 text files, and UTF-16 ones that start with a byte-order mark.';
    return { ok: false, problem: problem(path, unmarked ? undefined : lineColumnOfByte(bytes, nul), 'error', unmarked ? 'not-utf8' : 'binary-file', message) };
  }
  try {
    return { ok: true, text: normalizeText(decoder.decode(bytes)) };
  } catch {
    const bad = firstInvalidUtf8Byte(bytes);
    const message = isWindows1252(bytes)
      ? `This file is not UTF-8: its bytes read as Windows-1252 (Western European, as older Windows programs save text; here "${windows1252Sample(bytes, bad)}"). Re-save it as UTF-8 (in VS Code: Reopen with Encoding › Western (Windows 1252), then Save with Encoding › UTF-8), or bring it in with "sift import transcript", which converts it.`
      : 'This file is not valid UTF-8 text. Re-save it as UTF-8 (most editors offer "Save with Encoding").';
    return { ok: false, problem: problem(path, lineColumnOfByte(bytes, bad), 'error', 'not-utf8', message) };
  }
}

/**
 * Documents researchers are handed instead of text (a CAQDAS tool's PDF export, a Word file
 * listed among the sources), named with what to do, rather than called "binary".
 */
function documentFormat(bytes: Uint8Array): string | undefined {
  const starts = (magic: string) => bytes.length >= magic.length && [...magic].every((c, i) => bytes[i] === c.charCodeAt(0));
  if (starts('%PDF-')) {
    return 'This is a PDF document, not text: Sift codes the words of a transcript, and a PDF keeps them as page drawings. Export the transcript as Word (.docx) or plain text from the program that made the PDF (MAXQDA, NVivo and ATLAS.ti all can), or copy its text into a .txt file, then bring it in with "sift import transcript".';
  }
  if (starts('PK\u0003\u0004')) {
    return 'This is a Word document or another zip archive, not text. Bring a .docx in with "sift import transcript" (it becomes a Markdown transcript), and a REFI-QDA project (.qdpx) with "sift import qdpx".';
  }
  return undefined;
}

function utf16ByteOrder(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return undefined;
}

function decodeUtf16(path: string, bytes: Uint8Array, order: 'le' | 'be'): DecodeResult {
  const body = bytes.subarray(2);
  // Big-endian is read by swapping each pair, since not every JavaScript host decodes UTF-16BE.
  const little = order === 'le' ? body : swapPairs(body);
  try {
    if (little.length % 2 !== 0) throw new Error('odd length');
    return { ok: true, text: normalizeText(utf16.decode(little)) };
  } catch {
    const name = order === 'le' ? 'UTF-16 LE' : 'UTF-16 BE';
    return { ok: false, problem: problem(path, undefined, 'error', 'not-utf16', `This file starts with a ${name} byte-order mark but is not valid ${name} text (it is cut short or has a broken character). Re-save it as UTF-8.`) };
  }
}

/**
 * UTF-16 without a BOM, as some Windows exports write it: text mostly in ASCII has a NUL
 * as every other byte (the second of each pair in LE, the first in BE), and no NUL elsewhere.
 */
function unmarkedUtf16(bytes: Uint8Array): 'UTF-16 LE' | 'UTF-16 BE' | undefined {
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const pairs = sample / 2;
  if (odd >= pairs * 0.6 && even === 0) return 'UTF-16 LE';
  if (even >= pairs * 0.6 && odd === 0) return 'UTF-16 BE';
  return undefined;
}

/**
 * The text of a UTF-16 file without a byte-order mark (see {@link unmarkedUtf16}), for an
 * import, which converts what it is given: undefined when the bytes do not look like it or
 * do not decode.
 */
export function decodeUnmarkedUtf16(bytes: Uint8Array): { text: string; encoding: 'UTF-16 LE' | 'UTF-16 BE' } | undefined {
  const encoding = unmarkedUtf16(bytes);
  if (!encoding || bytes.length % 2 !== 0) return undefined;
  try {
    return { text: normalizeText(utf16.decode(encoding === 'UTF-16 LE' ? bytes : swapPairs(bytes))), encoding };
  } catch {
    return undefined;
  }
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!;
    out[i + 1] = bytes[i]!;
  }
  if (bytes.length % 2 !== 0) out[bytes.length - 1] = bytes[bytes.length - 1]!;
  return out;
}

/** Windows-1252's characters for bytes 0x80–0x9F (Latin-1 has control codes there); 0 where the byte is undefined. */
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Whether every byte is a Windows-1252 character (its five undefined bytes make a file something else). */
function isWindows1252(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80 && b <= 0x9f && WINDOWS_1252_HIGH[b - 0x80] === 0) return false;
  return true;
}

/**
 * Text in Windows-1252 (the encoding of text files from older Windows programs, and of
 * many SRT files), for an import that converts it; undefined if the bytes are not that.
 */
export function decodeWindows1252(bytes: Uint8Array): string | undefined {
  if (!isWindows1252(bytes)) return undefined;
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    text += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : b)));
  }
  return normalizeText(text);
}

/** A few characters around a byte, as Windows-1252 reads them, so the researcher recognises the place. */
function windows1252Sample(bytes: Uint8Array, at: number): string {
  const from = Math.max(0, at - 10);
  return (decodeWindows1252(bytes.subarray(from, Math.min(bytes.length, at + 30))) ?? '').replace(/\s+/g, ' ').trim();
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
