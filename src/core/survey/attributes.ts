/**
 * Attribute cells of a sheet as participant attribute values: typed as research.yaml
 * declares the attribute (enum, number, boolean, date, text), or, for an attribute it does
 * not declare yet, a declaration inferred from the column so that filters, coverage and
 * matrices can use it at once. A cell that does not fit its declared type is refused with a
 * sentence saying what would fit; it is never coerced silently.
 */
import type { AttributeDefinition } from '../model';
import { isIsoDate } from '../transcripts/frontmatter';

export type AttributeValue = string | number | boolean;

export type Typed = { ok: true; value: AttributeValue } | { ok: false; expected: string };

const TRUE = new Set(['true', 'yes', 'y']);
const FALSE = new Set(['false', 'no', 'n']);
const NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
/** Most distinct values an inferred enum may have: beyond that a column is free text. */
const MAX_ENUM_VALUES = 12;

/** A non-empty cell (trimmed) as a value of an attribute declared `def`. */
export function typedValue(cell: string, def: AttributeDefinition): Typed {
  switch (def.type) {
    case 'enum': {
      const values = def.values ?? [];
      const match = values.find((v) => v === cell) ?? values.find((v) => v.toLowerCase() === cell.toLowerCase());
      return match !== undefined ? { ok: true, value: match } : { ok: false, expected: `one of ${values.join(', ')}` };
    }
    case 'number':
      return NUMBER.test(cell) ? { ok: true, value: Number(cell.replace(',', '.')) } : { ok: false, expected: 'a number' };
    case 'boolean': {
      const lower = cell.toLowerCase();
      return TRUE.has(lower) ? { ok: true, value: true } : FALSE.has(lower) ? { ok: true, value: false } : { ok: false, expected: 'yes or no (true or false)' };
    }
    case 'date':
      return isIsoDate(cell) ? { ok: true, value: cell } : { ok: false, expected: 'a date written YYYY-MM-DD' };
    default:
      return { ok: true, value: cell };
  }
}

/**
 * A declaration for an undeclared attribute from its column's non-empty cells: number,
 * boolean or date when every cell is one; an enum of the values (in natural order) when
 * there are few; otherwise text.
 */
export function inferDefinition(cells: readonly string[]): AttributeDefinition {
  const values = [...new Set(cells)];
  if (values.length > 0 && values.every((v) => NUMBER.test(v))) return { type: 'number' };
  if (values.length > 0 && values.every((v) => TRUE.has(v.toLowerCase()) || FALSE.has(v.toLowerCase()))) return { type: 'boolean' };
  if (values.length > 0 && values.every(isIsoDate)) return { type: 'date' };
  if (values.length <= MAX_ENUM_VALUES) return { type: 'enum', values: values.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })) };
  return { type: 'text' };
}
