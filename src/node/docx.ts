/**
 * The text of a Word (.docx) file, paragraph by paragraph, through mammoth. Styling,
 * tables and comments are not transcript text; mammoth's raw-text mode drops them.
 */
import mammoth from 'mammoth';

export async function docxText(bytes: Uint8Array): Promise<string> {
  const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  // mammoth ends every paragraph with a blank line; speaker turns read the same either way.
  return result.value.replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
