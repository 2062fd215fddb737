/**
 * A sheet of responses from a file: CSV and tab-separated text through the core's reader,
 * Excel workbooks (.xlsx, first worksheet) through read-excel-file, loaded on demand from
 * its own bundle (dist/xlsx-reader.js, scripts/bundles.mjs) so that neither the CLI's nor
 * the extension's start-up pays for it.
 */
import * as path from 'node:path';
import { problem } from '../core/problems';
import { readCsv, sheetFromCells, type SheetResult } from '../core/survey/sheet';
import type { Cell } from './xlsx-reader';

const XLSX = ['.xlsx', '.xlsm'];

/** `name` is the sheet's path as the researcher knows it (used in problems). */
export async function readSheetFile(name: string, bytes: Uint8Array): Promise<SheetResult> {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.xls' || ext === '.ods' || ext === '.numbers') {
    return { ok: false, problems: [problem(name, undefined, 'error', 'sheet-format', `Sift reads .csv and .xlsx sheets; save ${path.basename(name)} as an Excel Workbook (.xlsx) or as CSV UTF-8 and import that.`)] };
  }
  if (!XLSX.includes(ext)) return readCsv(name, bytes);
  try {
    const reader = require('./xlsx-reader') as typeof import('./xlsx-reader');
    const rows = await reader.readFirstSheet(bytes);
    return sheetFromCells(
      name,
      rows.map((r) => r.map(cellText)),
    );
  } catch (e) {
    return { ok: false, problems: [problem(name, undefined, 'error', 'sheet-unreadable', `This workbook could not be read (${(e as Error).message}). Is it an .xlsx file? Saving it again from Excel, or as CSV UTF-8, usually helps.`)] };
  }
}

/** A cell as text: dates as YYYY-MM-DD (with the time when it has one), numbers as written by JavaScript. */
function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  }
  return String(cell);
}
