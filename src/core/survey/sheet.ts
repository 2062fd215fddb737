/**
 * A spreadsheet of responses as Sift reads it: a header row and data rows of text cells,
 * each row numbered as the spreadsheet numbers it (the header is row 1), so every problem
 * can name the row and column a researcher sees in Excel.
 *
 * CSV is read here (papaparse, pure JavaScript): UTF-8 with or without a byte-order mark,
 * or Windows-1252 when the bytes are not UTF-8 (Excel's "CSV (Comma delimited)" on Windows);
 * comma, semicolon (Excel in European locales) or tab separators, told apart on the header
 * row; quoted fields with commas, quotes and line breaks. XLSX files arrive already as cells
 * (src/node/xlsx.ts) and become a Sheet through `sheetFromCells`.
 */
import Papa from 'papaparse';
import { problem, type Problem } from '../problems';

export interface SheetRow {
  /** The row number as the spreadsheet shows it (header = 1). */
  row: number;
  cells: string[];
}

export interface Sheet {
  /** The file's name, for messages. */
  name: string;
  headers: string[];
  /** Data rows in order; rows with every cell empty are left out (their numbers are skipped). */
  rows: SheetRow[];
  /** What the reader had to decide, for the researcher (`read as Windows-1252`). */
  notes: string[];
}

export type SheetResult = { ok: true; sheet: Sheet } | { ok: false; problems: Problem[] };

declare const TextDecoder: {
  new (label: string, options?: { fatal?: boolean }): { decode(bytes: Uint8Array): string };
};

const SEPARATORS = [',', ';', '\t'] as const;
const SEPARATOR_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

/** Reads a CSV (or tab-separated) file's bytes. `path` names the file in problems. */
export function readCsv(path: string, bytes: Uint8Array): SheetResult {
  const decoded = decode(bytes);
  const text = decoded.text.replace(/^\ufeff/, '');
  const separator = separatorOf(firstRecordLine(text));
  const parsed = Papa.parse<string[]>(text, { delimiter: separator, skipEmptyLines: false, header: false });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) {
    const row = (broken.row ?? 0) + 1;
    return {
      ok: false,
      problems: [
        problem(path, { line: row, column: 1 }, 'error', 'csv-quotes', `Row ${row} opens a quoted field ("…) that is never closed, so the rest of the file would be read as one cell. Check the quotes in that row; nothing was imported.`),
      ],
    };
  }
  const notes = decoded.note ? [decoded.note] : [];
  if (separator !== ',') notes.push(`columns separated by ${SEPARATOR_NAMES[separator]}`);
  return sheetFromCells(
    path,
    parsed.data.map((cells) => cells.map((c) => c ?? '')),
    notes,
  );
}

/**
 * A Sheet from rows of cells (the first is the header). Rows whose cells are all empty are
 * skipped; the header must name every column that has data, once.
 */
export function sheetFromCells(path: string, rows: readonly (readonly string[])[], notes: string[] = []): SheetResult {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const headerIndex = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) return { ok: false, problems: [problem(path, { line: 1, column: 1 }, 'error', 'sheet-empty', `${name} has no rows: Sift needs a header row naming the columns, then one row per response.`)] };
  const headers = rows[headerIndex]!.map((h) => h.replace(/\s+/g, ' ').trim());
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    if (h === '') return;
    const key = h.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      problems.push(problem(path, { line: headerIndex + 1, column: i + 1 }, 'error', 'sheet-duplicate-column', `Columns ${columnLetter(first)} and ${columnLetter(i)} are both called “${h}”; rename one so Sift knows which you mean.`));
    else seen.set(key, i);
  });
  const data: SheetRow[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cells = rows[i]!.map((c) => c.replace(/\r\n?/g, '\n'));
    if (cells.every((c) => c.trim() === '')) continue;
    const extra = cells.findIndex((c, k) => k >= headers.length && c.trim() !== '');
    if (extra >= 0) problems.push(problem(path, { line: i + 1, column: extra + 1 }, 'error', 'sheet-extra-cell', `Row ${i + 1} has a value in column ${columnLetter(extra)}, which has no header; add a header for it or remove the value.`));
    data.push({ row: i + 1, cells });
  }
  for (let i = 0; i < headers.length; i++) {
    if (headers[i] === '' && data.some((r) => (r.cells[i] ?? '').trim() !== ''))
      problems.push(problem(path, { line: headerIndex + 1, column: i + 1 }, 'error', 'sheet-unnamed-column', `Column ${columnLetter(i)} has values but no header; name it in row ${headerIndex + 1}.`));
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, sheet: { name, headers, rows: data, notes } };
}

/** `A`, `B`, … `Z`, `AA` for a 0-based column index, as spreadsheets label columns. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function decode(bytes: Uint8Array): { text: string; note?: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Not UTF-8: Excel on Windows saves "CSV (Comma delimited)" in the Windows code page.
    // Decoded by hand: some Node versions decode 'windows-1252' as Latin-1, losing “curly quotes”.
    return { text: String.fromCharCode(...[...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? CP1252[b - 0x80]! : b))), note: 'read as Windows-1252 (the file is not UTF-8; Excel on Windows saves CSV this way)' };
  }
}

/** Windows-1252's characters for the bytes 0x80–0x9F (the rest are Latin-1). */
const CP1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** The header row's text: up to the first line break outside quotes. */
function firstRecordLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if ((c === '\n' || c === '\r') && !quoted) return text.slice(0, i);
  }
  return text;
}

/** The separator used most in the header row outside quotes (comma when none is). */
function separatorOf(header: string): string {
  const unquoted = header.replace(/"[^"]*"/g, '');
  let best: string = ',';
  let most = 0;
  for (const s of SEPARATORS) {
    const n = unquoted.split(s).length - 1;
    if (n > most) [best, most] = [s, n];
  }
  return best;
}
