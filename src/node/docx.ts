/**
 * Files researchers bring as transcripts, as text: a Word (.docx) file through mammoth
 * (paragraph by paragraph; styling, tables and comments are not transcript text, and
 * mammoth's raw-text mode drops them), anything else decoded as UTF-8.
 */
import mammoth from 'mammoth';
import { problem, type Problem } from '../core/problems';
import { decodeText } from '../core/text';

export async function docxText(bytes: Uint8Array): Promise<string> {
  const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  // mammoth ends every paragraph with a blank line; speaker turns read the same either way.
  return result.value.replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

/** The text of a transcript file named `name`, or the problem that stops it being read. */
export async function transcriptFileText(name: string, bytes: Uint8Array): Promise<{ text: string } | { problem: Problem }> {
  if (name.toLowerCase().endsWith('.docx')) {
    try {
      return { text: await docxText(bytes) };
    } catch (e) {
      return { problem: problem(name, undefined, 'error', 'docx-unreadable', `This Word file could not be read (${(e as Error).message}). Is it a .docx (not an older .doc)?`) };
    }
  }
  const decoded = decodeText(name, bytes);
  return decoded.ok ? { text: decoded.text } : { problem: decoded.problem };
}
