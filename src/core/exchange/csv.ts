/**
 * Coded data as CSV for R, pandas and spreadsheets.
 *
 * - `long`: one row per (highlight, tag); a highlight without tags has one row with an empty tag.
 * - `wide`: one row per highlight, then a 0/1 column per tag (codebook order).
 * - `codebook`: one row per tag with its path, description, colour, aliases and use count.
 *
 * Highlights of participants who withdrew consent are left out; the quote column holds the
 * words as each speaker's consent allows (verbatim, pseudonymised, or empty for analysis-only
 * consent), and `quote_shown` says which.
 * For spreadsheets, `guardFormulas` puts a `'` before a cell that starts with `=`, `+`, `-`,
 * `@` or a tab, so a quote like "=HYPERLINK(…)" is read as text, never run (OWASP's advice);
 * R and pandas get the data untouched.
 * Rows follow transcripts by path, highlights by position; offsets are code points,
 * end exclusive, at the highlight's current place. RFC 4180: comma-separated, CRLF line
 * ends, a field quoted when it holds a comma, quote or line break (quotes doubled).
 * A UTF-8 byte-order mark is added on request: Excel needs it to read UTF-8, R and pandas
 * do not want it.
 */
import type { Highlight, HighlightsFile } from '../model';
import { quoteAsAllowed, type QuoteTools } from '../privacy/quotes';
import { participantOfHighlight, type Workspace } from '../workspace/workspace';
import { withdrawnData } from './withdrawn';

export type CsvFormat = 'long' | 'wide' | 'codebook';
export const CSV_FORMATS: readonly CsvFormat[] = ['long', 'wide', 'codebook'];

export type CsvRow = readonly (string | number)[];
export interface CsvOptions {
  bom?: boolean;
  guardFormulas?: boolean;
}

/** Rows per batch when CSV is written as it is made: a few hundred KB of text at most. */
export const CSV_BATCH_ROWS = 1000;

export function renderCsv(rows: readonly CsvRow[], options: CsvOptions = {}): string {
  return (options.bom ? '\ufeff' : '') + rows.map((r) => csvLine(r, options)).join('') + (rows.length === 0 ? '\r\n' : '');
}

/**
 * The same text as renderCsv, in batches of `size` rows, made only as the writer asks for the
 * next: `sift export csv` holds one batch at a time, never the whole table.
 */
export function* csvBatches(rows: Iterable<CsvRow>, options: CsvOptions = {}, size = CSV_BATCH_ROWS): Generator<string> {
  let batch = options.bom ? '\ufeff' : '';
  let count = 0;
  for (const row of rows) {
    batch += csvLine(row, options);
    if (++count === size) {
      yield batch;
      batch = '';
      count = 0;
    }
  }
  if (batch !== '') yield batch;
}

function csvLine(row: CsvRow, options: CsvOptions): string {
  const cell = (c: string | number) => (options.guardFormulas && typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : String(c));
  return row.map((c) => csvField(cell(c))).join(',') + '\r\n';
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `quotes`: for the words of each highlight as its speaker's consent allows (see src/core/privacy/quotes.ts). */
export function csvRows(ws: Workspace, format: CsvFormat, quotes: QuoteTools): (string | number)[][] {
  return [...csvRowsOneByOne(ws, format, quotes)];
}

/** The rows of csvRows, header first, each made only when asked for (for csvBatches). */
export function* csvRowsOneByOne(ws: Workspace, format: CsvFormat, quotes: QuoteTools): Generator<(string | number)[]> {
  if (format === 'codebook') return yield* codebookRows(ws);
  const attributes = attributeNames(ws);
  const tagIds = [...ws.codebook.map((t) => t.id)];
  const known = new Set(tagIds);
  const withdrawn = withdrawnData(ws).highlights;
  // Tags used but missing from the codebook still get their column (sift check reports them).
  for (const f of ws.highlightFiles.values()) {
    for (const h of f.highlights) {
      if (withdrawn.has(h.id)) continue;
      for (const t of h.tags) {
        if (known.has(t)) continue;
        known.add(t);
        tagIds.push(t);
      }
    }
  }
  const rows = placedHighlights(ws, withdrawn);
  const participants = new Map(ws.participants.map((p) => [p.id, p]));
  const describe = (row: PlacedHighlight) => {
    const h = row.highlight;
    const participant = participantOfHighlight(ws, row.source, h.speaker);
    const attrs = attributes.map((a) => valueText(participant ? participants.get(participant)?.attributes[a] : undefined));
    const allowed = quoteAsAllowed(ws, row.source, h, quotes);
    const shown = allowed.policy.quotes === 'none' ? 'withheld' : allowed.policy.quotes;
    return { lead: [h.id, row.source, participant ?? '', ...attrs], tail: [allowed.text ?? '', shown, h.note ?? '', row.start, row.end, h.speaker ?? '', h.time ?? '', h.date ?? '', h.coder ?? '', row.state] };
  };
  const head = ['highlight', 'transcript', 'participant', ...attributes];
  const tailHead = ['quote', 'quote_shown', 'note', 'start', 'end', 'speaker', 'time', 'date', 'coder', 'state'];
  if (format === 'wide') {
    yield [...head, ...tailHead, ...tagIds];
    for (const row of rows) {
      const { lead, tail } = describe(row);
      const tags = new Set(row.highlight.tags);
      yield [...lead, ...tail, ...tagIds.map((t) => (tags.has(t) ? 1 : 0))];
    }
    return;
  }
  const pathOf = tagPaths(ws);
  const labelOf = new Map(ws.codebook.map((t) => [t.id, t.label]));
  yield [...head, 'tag', 'tag_label', 'tag_path', ...tailHead];
  for (const row of rows) {
    const { lead, tail } = describe(row);
    const tags = row.highlight.tags.length > 0 ? row.highlight.tags : [''];
    for (const t of tags) yield [...lead, t, labelOf.get(t) ?? '', t ? pathOf(t) : '', ...tail];
  }
}

function codebookRows(ws: Workspace): (string | number)[][] {
  const uses = new Map<string, number>();
  for (const f of ws.highlightFiles.values()) for (const h of f.highlights) for (const t of h.tags) uses.set(t, (uses.get(t) ?? 0) + 1);
  const pathOf = tagPaths(ws);
  return [
    ['id', 'label', 'parent', 'path', 'description', 'color', 'aliases', 'highlights'],
    ...ws.codebook.map((t) => [t.id, t.label, t.parent ?? '', pathOf(t.id), t.description ?? '', t.color ?? '', (t.aliases ?? []).join('; '), uses.get(t.id) ?? 0]),
  ];
}

interface PlacedHighlight {
  highlight: Highlight;
  source: string;
  start: number;
  end: number;
  state: string;
}

/**
 * Every highlight with its current place and anchoring state, by transcript path then position;
 * none of a participant who withdrew. Made one transcript at a time, as the rows are asked for:
 * the export holds one transcript's highlights, never a list of the whole study's.
 */
function* placedHighlights(ws: Workspace, withdrawn: ReadonlySet<string>): Generator<PlacedHighlight> {
  const filesBySource = new Map<string, HighlightsFile[]>();
  for (const f of ws.highlightFiles.values()) filesBySource.set(f.source, [...(filesBySource.get(f.source) ?? []), f]);
  for (const source of [...filesBySource.keys()].sort(byCodeUnits)) {
    const placed: PlacedHighlight[] = [];
    for (const f of filesBySource.get(source)!) {
      for (const h of f.highlights) {
        if (withdrawn.has(h.id)) continue;
        const r = ws.anchoring.get(h.id);
        placed.push({ highlight: h, source, start: r?.start ?? h.start, end: r?.end ?? h.end, state: r?.state ?? 'orphaned' });
      }
    }
    yield* placed.sort((a, b) => a.start - b.start || a.end - b.end || byCodeUnits(a.highlight.id, b.highlight.id));
  }
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Declared attributes first, then any others participants carry, sorted. */
function attributeNames(ws: Workspace): string[] {
  const declared = Object.keys(ws.project?.attributes ?? {});
  const extra = [...new Set(ws.participants.flatMap((p) => Object.keys(p.attributes)))].filter((a) => !declared.includes(a)).sort();
  return [...declared, ...extra];
}

/** `service-access > waiting-time` as labels: `Service access > Waiting time`. */
function tagPaths(ws: Workspace): (id: string) => string {
  const byId = new Map(ws.codebook.map((t) => [t.id, t]));
  return (id) => {
    const labels: string[] = [];
    const seen = new Set<string>();
    for (let t = byId.get(id); t && !seen.has(t.id); t = t.parent !== undefined ? byId.get(t.parent) : undefined) {
      seen.add(t.id);
      labels.unshift(t.label);
    }
    return labels.length > 0 ? labels.join(' > ') : id;
  };
}

function valueText(v: string | number | boolean | undefined): string {
  return v === undefined ? '' : String(v);
}
