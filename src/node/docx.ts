/**
 * Files researchers bring as transcripts, as text: a Word (.docx) file through mammoth
 * (paragraph by paragraph; styling, tables and comments are not transcript text, and
 * mammoth's raw-text mode drops them), anything else decoded as UTF-8 or UTF-16 (with a
 * byte-order mark), or else as UTF-16 without one or Windows-1252, with a note.
 */
import { problem, type Problem } from '../core/problems';
import { decodeText, decodeUnmarkedUtf16, decodeWindows1252 } from '../core/text';

/** A Word file's text, through the reader loaded on demand (src/node/docx-reader.ts). */
export function docxText(bytes: Uint8Array): Promise<string> {
  const reader = require('./docx-reader') as typeof import('./docx-reader');
  return reader.docxText(bytes);
}

/** The text of a transcript file named `name`, or the problem that stops it being read. */
export async function transcriptFileText(name: string, bytes: Uint8Array): Promise<{ text: string; note?: string } | { problem: Problem }> {
  if (name.toLowerCase().endsWith('.docx')) {
    try {
      return { text: await docxText(bytes) };
    } catch (e) {
      return { problem: problem(name, undefined, 'error', 'docx-unreadable', `This Word file could not be read (${(e as Error).message}). Is it a .docx (not an older .doc)?`) };
    }
  }
  const decoded = decodeText(name, bytes);
  if (decoded.ok) return { text: decoded.text };
  if (decoded.problem.code !== 'not-utf8') return { problem: decoded.problem };
  // Importing is converting: UTF-16 without a byte-order mark (a NUL in every other byte, which
  // Windows-1252 would keep as characters) and Windows-1252 (common for SRT) are read as such, and the researcher told.
  const utf16 = decodeUnmarkedUtf16(bytes);
  if (utf16) return { text: utf16.text, note: `read as ${utf16.encoding} (it has no byte-order mark) and written as UTF-8; check that its words came out right.` };
  const legacy = decodeWindows1252(bytes);
  return legacy !== undefined ? { text: legacy, note: 'read as Windows-1252 (it is not UTF-8) and written as UTF-8; check that accented letters and quotation marks came out right.' } : { problem: decoded.problem };
}
