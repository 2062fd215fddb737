/**
 * The XLSX reader, bundled on its own as dist/xlsx-reader.js and loaded only when a
 * spreadsheet is imported (src/node/sheet-file.ts), so the extension's start-up never
 * parses it. read-excel-file's universal build reads the workbook's bytes with fflate.
 */
import readXlsxFile from 'read-excel-file/universal';

export type Cell = string | number | boolean | Date | null;

/** The first worksheet's rows of cells. */
export async function readFirstSheet(bytes: Uint8Array): Promise<Cell[][]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const sheets = (await readXlsxFile(buffer)) as unknown as { sheet: string; data: Cell[][] }[] | Cell[][];
  const first = sheets[0];
  if (first && !Array.isArray(first) && 'data' in first) return first.data;
  return sheets as Cell[][];
}
