/**
 * Sampling targets from a census table: a CSV of a population as statistics offices publish
 * it (ONS-style: a title and notes above, a header row, a row per category, a column per area
 * holding counts or percentages, a total row). One column is read; each category is mapped to
 * a value of the attribute — by its label (`Asian, Asian British or Asian Welsh` →
 * `asian-or-asian-british`, when the value's words are all in the label and no other value's
 * are), or as the researcher says (`--map "Label=value"`) — and the shares of the mapped
 * categories become the attribute's targets. Categories left unmapped are not lost: their
 * share is what the coverage calls "everyone else".
 *
 * Shares are written as percentages with one decimal, rounded by largest remainder over the
 * whole table so that they never add up to more than 100%.
 */
import Papa from 'papaparse';
import type { SamplingTarget } from '../model';
import { largestRemainder } from './apportion';

export interface CensusTable {
  /** The header cell above the categories, and the area (or measure) columns after it. */
  header: string[];
  /** One row per category, in the table's order: its label and a number per column (undefined when blank or not a number). */
  rows: { label: string; line: number; values: (number | undefined)[] }[];
}

export class CensusError extends Error {
  constructor(
    message: string,
    readonly line = 1,
  ) {
    super(message);
  }
}

/** Reads the table: skips the title and notes above the header, and total rows ("Total", "All usual residents"). */
export function readCensusTable(csv: string): CensusTable {
  const parsed = Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { skipEmptyLines: false });
  const lines = parsed.data.map((cells) => cells.map((c) => c.trim()));
  const numeric = (row: string[] | undefined) => (row ?? []).slice(1).some((c) => parseFigure(c) !== undefined);
  // The header is the first row naming two or more columns whose next row carries figures.
  const at = lines.findIndex((row, i) => row.filter((c) => c !== '').length >= 2 && !numeric(row) && numeric(lines[i + 1]));
  if (at < 0) throw new CensusError('No table found: expected a header row (a label column, then one or more area columns) followed by rows of figures.');
  const header = lines[at]!;
  const rows: CensusTable['rows'] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const row = lines[i]!;
    const label = row[0] ?? '';
    if (label === '' && row.every((c) => c === '')) {
      if (rows.length > 0) break; // a blank line ends the table; notes may follow
      continue;
    }
    if (!numeric(row)) break;
    if (isTotal(label)) continue;
    rows.push({ label, line: i + 1, values: header.slice(1).map((_, k) => parseFigure(row[k + 1] ?? '')) });
  }
  return { header, rows };
}

/** `1,234`, `12.5`, `12.5%`, `1 234` → a number; anything else (blank, `..`, `c`, `x`) → undefined. */
function parseFigure(cell: string): number | undefined {
  const text = cell.replace(/[,\s\u00a0]/g, '').replace(/%$/, '');
  return /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : undefined;
}

function isTotal(label: string): boolean {
  return /^(?:total\b|all (?:usual residents|residents|people|persons|households)\b)/i.test(label);
}

/** Lower-case words, for comparing labels: `Asian, Asian British` → [asian, asian, british]. */
function words(label: string): string[] {
  return label
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !FILLERS.has(w));
}
const FILLERS = new Set(['or', 'and', 'of', 'the', 'a', 'an', 'group', 'groups']);

export function normaliseLabel(label: string): string {
  return words(label).join('-');
}

export interface CategoryMapping {
  label: string;
  /** The attribute value it counts towards, or undefined: left to "everyone else". */
  value?: string;
  how: 'given' | 'label' | 'unmapped';
  /** Its share of the column (0–1). */
  share: number;
}

export interface CensusTargets {
  column: string;
  mapping: CategoryMapping[];
  /** The targets to write: per value, a share as a percentage with one decimal. */
  targets: Record<string, SamplingTarget>;
}

/**
 * The attribute's targets from one column of the table. `given` maps category labels (as
 * written, or normalised) to values; the rest are mapped by label where exactly one value fits.
 */
export function censusTargets(table: CensusTable, column: string, values: readonly string[], given: ReadonlyMap<string, string>): CensusTargets {
  const k = findColumn(table, column);
  const rows = table.rows.filter((r) => r.values[k] !== undefined);
  if (rows.length === 0) throw new CensusError(`The column "${table.header[k + 1]}" has no figures.`);
  const total = rows.reduce((a, r) => a + r.values[k]!, 0);
  if (total <= 0) throw new CensusError(`The column "${table.header[k + 1]}" adds up to 0.`);
  const givenByLabel = new Map([...given].map(([label, value]) => [normaliseLabel(label), value]));
  for (const [label, value] of given) {
    if (!rows.some((r) => normaliseLabel(r.label) === normaliseLabel(label))) throw new CensusError(`--map names "${label}", which is not a category of the table. Its categories: ${rows.map((r) => r.label).join('; ')}.`);
    if (!values.includes(value)) throw new CensusError(`--map maps "${label}" to "${value}", which is not a value of the attribute: ${values.join(', ')}.`);
  }
  // Tenths of a percent, by largest remainder over every category, so the written shares never pass 100%.
  const tenths = largestRemainder(
    rows.map((r) => (r.values[k]! / total) * 1000),
    1000,
  );
  const mapping: CategoryMapping[] = rows.map((r, i) => {
    const chosen = givenByLabel.get(normaliseLabel(r.label));
    const auto = chosen === undefined ? valueByLabel(r.label, values) : undefined;
    return { label: r.label, ...((chosen ?? auto) ? { value: chosen ?? auto } : {}), how: chosen ? 'given' : auto ? 'label' : 'unmapped', share: tenths[i]! / 1000 };
  });
  const byValue = new Map<string, number>();
  mapping.forEach((m, i) => m.value !== undefined && byValue.set(m.value, (byValue.get(m.value) ?? 0) + tenths[i]!));
  const targets: Record<string, SamplingTarget> = {};
  for (const value of values) if (byValue.has(value)) targets[value] = { unit: 'share', value: byValue.get(value)! / 1000 };
  return { column: table.header[k + 1]!, mapping, targets };
}

function findColumn(table: CensusTable, column: string): number {
  const areas = table.header.slice(1);
  const exact = areas.findIndex((h) => h === column);
  const k = exact >= 0 ? exact : areas.findIndex((h) => normaliseLabel(h) === normaliseLabel(column));
  if (k < 0) throw new CensusError(`The table has no column "${column}". Its columns: ${areas.join(', ')}.`);
  return k;
}

/**
 * The value a category label names: the same words, or else the one value all of whose words
 * are in the label (the most specific, if several) — none when two fit equally.
 */
function valueByLabel(label: string, values: readonly string[]): string | undefined {
  const norm = normaliseLabel(label);
  const same = values.find((v) => normaliseLabel(v) === norm);
  if (same) return same;
  const have = new Set(words(label));
  const fits = values.map((v) => ({ v, n: words(v).length })).filter(({ v, n }) => n > 0 && words(v).every((w) => have.has(w)));
  const best = Math.max(0, ...fits.map((f) => f.n));
  const top = fits.filter((f) => f.n === best);
  return top.length === 1 ? top[0]!.v : undefined;
}

/** A share written as research.yaml keeps it: `10.3%`. */
export function writtenPercent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
