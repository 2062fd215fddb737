/**
 * Typed participant attributes: whether a value fits the type research.yaml declares for it
 * (enum, number with optional bounds, date, boolean, free text), and if not, a sentence a
 * researcher understands and the values that would fit, nearest first — the editor offers
 * them as quick fixes.
 */
import type { AttributeDefinition } from './model';
import { isIsoDate } from './transcripts/frontmatter';

export interface AttributeValueProblem {
  code: 'bad-attribute-value';
  message: string;
  /** Values that would fit, best first, written as they would appear in YAML. */
  fixes: string[];
}

type Value = string | number | boolean;

export function attributeValueProblem(name: string, def: AttributeDefinition, value: Value): AttributeValueProblem | undefined {
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
