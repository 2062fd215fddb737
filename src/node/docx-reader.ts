/**
 * The Word reader, bundled on its own as dist/docx-reader.js (scripts/bundles.mjs) and
 * loaded the first time a .docx transcript is imported: mammoth and what it carries (JSZip,
 * pako, xmldom, underscore) are about 340 KB that no other session should parse.
 */
import mammoth from 'mammoth';

/** A Word file's text, paragraph by paragraph (styling, tables and comments are not transcript text). */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  // mammoth ends every paragraph with a blank line; speaker turns read the same either way.
  return result.value.replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
