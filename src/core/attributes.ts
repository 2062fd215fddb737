/**
 * Typed participant attributes, the one place that decides what a value of each type is:
 * whether a value fits the type research.yaml declares for it (enum, number with optional
 * bounds, date, boolean, free text), and if not, a sentence a researcher understands and the
 * values that would fit, nearest first — the editor offers them as quick fixes. Values
 * written as text (a survey sheet's cells) are read by the same rules and refused with the
 * same words, and an undeclared column's type is inferred here too.
 */
import type { AttributeDefinition } from './model';
import { isIsoDate } from './transcripts/frontmatter';

export interface AttributeValueProblem {
  code: 'bad-attribute-value';
  message: string;
  /** Values that would fit, best first, written as they would appear in YAML. */
  fixes: string[];
}

export type AttributeValue = string | number | boolean;

export function attributeValueProblem(name: string, def: AttributeDefinition, value: AttributeValue): AttributeValueProblem | undefined {
  const wrong = (message: string, fixes: string[] = []): AttributeValueProblem => ({ code: 'bad-attribute-value', message, fixes });
  switch (def.type) {
    case 'enum': {
      const values = def.values ?? [];
      if (values.includes(String(value))) return undefined;
      return wrong(`"${value}" is not one of the values of ${name}: ${values.join(', ')}.`, nearestFirst(String(value), values));
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : undefined;
      if (n === undefined) return wrong(`${name} is a number; "${value}" is not one (write it in digits, like ${def.min ?? 42}).`);
      if (typeof value === 'string') return wrong(`${name} is a number; write "${value}" without quotes.`, [String(n)]);
      if (def.min !== undefined && n < def.min) return wrong(`${name} is at least ${def.min}; ${n} is below that.`, [String(def.min)]);
      if (def.max !== undefined && n > def.max) return wrong(`${name} is at most ${def.max}; ${n} is above that.`, [String(def.max)]);
      return undefined;
    }
    case 'date': {
      if (typeof value === 'string' && isIsoDate(value)) return undefined;
      return wrong(`${name} is a date written YYYY-MM-DD (like 2026-03-02); "${value}" is not a calendar date.`, dateFixes(String(value)));
    }
    case 'boolean': {
      if (typeof value === 'boolean') return undefined;
      const text = String(value).trim().toLowerCase();
      const fixes = YES.has(text) ? ['true'] : NO.has(text) ? ['false'] : ['true', 'false'];
      return wrong(`${name} is true or false; "${value}" is neither.`, fixes);
    }
    case 'text':
      return undefined;
  }
}

const YES = new Set(['yes', 'y', 'true', 't', '1', 'on']);
const NO = new Set(['no', 'n', 'false', 'f', '0', 'off']);
/** A number as people type it in a sheet: digits, an optional sign, a decimal point or comma. */
const NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
/** Most distinct values an inferred enum may have: beyond that a column is free text. */
const MAX_ENUM_VALUES = 12;

/**
 * A value written as text (a sheet's cell) read as the type `def` declares: digits as a
 * number (`3,5` too), yes/no words as a boolean, an enum's value in any case as the declared
 * spelling. What it is then is checked as a value in participants.yaml would be, bounds
 * included, with the same sentence and fixes when it does not fit.
 */
export function readAttributeValue(name: string, def: AttributeDefinition, text: string): { value: AttributeValue } | { problem: AttributeValueProblem } {
  const value = valueOfText(def, text.trim());
  const wrong = attributeValueProblem(name, def, value);
  return wrong ? { problem: wrong } : { value };
}

function valueOfText(def: AttributeDefinition, cell: string): AttributeValue {
  switch (def.type) {
    case 'number':
      return NUMBER.test(cell) ? Number(cell.replace(',', '.')) : cell;
    case 'boolean': {
      const lower = cell.toLowerCase();
      return YES.has(lower) ? true : NO.has(lower) ? false : cell;
    }
    case 'enum': {
      const values = def.values ?? [];
      return values.find((v) => v === cell) ?? values.find((v) => v.toLowerCase() === cell.toLowerCase()) ?? cell;
    }
    default:
      return cell;
  }
}

/**
 * A declaration for an undeclared attribute from its column's non-empty cells: number,
 * boolean or date when every cell reads as one; an enum of the values (in natural order)
 * when there are few; otherwise text.
 */
export function inferDefinition(cells: readonly string[]): AttributeDefinition {
  const values = [...new Set(cells.map((c) => c.trim()).filter(Boolean))];
  const every = (def: AttributeDefinition) => values.length > 0 && values.every((v) => 'value' in readAttributeValue('', def, v));
  for (const def of [{ type: 'number' }, { type: 'boolean' }, { type: 'date' }] as const) if (every(def)) return { type: def.type };
  if (values.length <= MAX_ENUM_VALUES) return { type: 'enum', values: values.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })) };
  return { type: 'text' };
}

/**
 * A date a person may have written another way, as YYYY-MM-DD: day first (`13/03/2026`,
 * `13-03-2026`), or the month and day swapped (`2026-13-03`). Only calendar dates are offered.
 */
function dateFixes(text: string): string[] {
  const pad = (n: string) => n.padStart(2, '0');
  const candidates: string[] = [];
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (dayFirst) candidates.push(`${dayFirst[3]}-${pad(dayFirst[2]!)}-${pad(dayFirst[1]!)}`);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (iso) candidates.push(`${iso[1]}-${pad(iso[2]!)}-${pad(iso[3]!)}`, `${iso[1]}-${pad(iso[3]!)}-${pad(iso[2]!)}`);
  return [...new Set(candidates)].filter(isIsoDate);
}

/** The allowed values, the one nearest to what was written first (case and punctuation aside). */
function nearestFirst(written: string, values: readonly string[]): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const w = norm(written);
  return values
    .map((v, i) => ({ v, i, d: editDistance(w, norm(v)) - (w.length > 0 && norm(v).startsWith(w) ? 0.5 : 0) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.v);
}

/** Levenshtein distance (insertions, deletions, substitutions), in code units. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
