/**
 * Open-ended comments and survey answers as a source: a sheet (one row per comment or per
 * respondent: a text column, perhaps an id column, attribute columns) becomes
 *   - `transcripts/<sheet>.md`, one `## R017` section per comment (see document.ts);
 *   - one untagged highlight per comment, so each comment is a card in Unsorted on the board;
 *   - a participant per respondent in participants.yaml, with the attribute columns as
 *     attributes, typed as research.yaml declares them (undeclared ones are declared).
 *
 * Re-importing an edited sheet updates all of this in place and never duplicates:
 *   - a comment is the same comment when its respondent id is (from the id column, or for
 *     generated ids first the same words, then the same row position);
 *   - an edited comment keeps its card, which now holds the new words; highlights made
 *     inside it follow the words through the transcript's diff, or are flagged for review;
 *   - a comment gone from the sheet leaves the transcript, but its highlights are kept
 *     (orphaned, listed by `sift check`), never deleted; the import reports them;
 *   - the same sheet again changes no byte.
 * Nothing is written when a cell is bad: every problem names its row and column.
 */
import { isMap, isSeq, type Document } from 'yaml';
import { anchorHighlights, type AnchorResult } from '../anchoring/anchor';
import { inferDefinition, readAttributeValue, type AttributeValue } from '../attributes';
import { makeAnchor } from '../anchoring/selectors';
import { gitBlobHash } from '../hash';
import { newHighlightId, slugify } from '../ids';
import type { AttributeDefinition, StoredAnchor } from '../model';
import type { IFileSystem } from '../ports';
import { problem, type Problem } from '../problems';
import { addHighlightNode, highlightValue } from '../store/highlight-splice';
import { newHighlight } from '../store/highlights';
import { itemById } from '../store/nodes';
import type { EditPlan } from '../store/plan';
import { CodePointIndex } from '../text';
import { parseTranscript } from '../transcripts';
import { readText } from '../workspace/load';
import { highlightsPathFor, RESEARCH_FILE, type Workspace } from '../workspace/workspace';
import { readSurvey, renderSurvey, type PlacedComment, type SurveyColumns, type SurveyComment } from './document';
import { columnLetter, type Sheet } from './sheet';

export interface SurveyImportOptions {
  /** Where the sheet is kept in the study (`sources/webinar-qa.csv`): the transcript names it. */
  source: string;
  /** Column headers (any case) or letters. Omitted on a re-import: the previous import's columns. */
  text?: string;
  id?: string;
  attributes?: string[];
  random?: () => number;
}

export interface SurveyImport {
  /** The transcript written, e.g. `transcripts/webinar-qa.md`. */
  transcript: string;
  comments: number;
  respondents: number;
  /** Comment keys by what happened to them since the last import. */
  added: string[];
  changed: string[];
  removed: string[];
  /** Highlights kept although their comment left the sheet. */
  keptHighlights: number;
  participantsAdded: number;
  participantsUpdated: number;
  /** Attributes newly declared in research.yaml, with their inferred type. */
  declared: { name: string; type: string }[];
  notes: string[];
  problems: Problem[];
}

interface Respondent {
  id: string;
  attributes: Map<string, AttributeValue>;
  /** The row each attribute came from, to report conflicts. */
  rows: Map<string, number>;
}

export async function planSurveyImport(plan: EditPlan, ws: Workspace, fs: IFileSystem, sheet: Sheet, options: SurveyImportOptions): Promise<SurveyImport> {
  const base = sheet.name.replace(/\.[^.]+$/, '');
  const transcript = `transcripts/${slugify(base, 80)}.md`;
  const out: SurveyImport = { transcript, comments: 0, respondents: 0, added: [], changed: [], removed: [], keptHighlights: 0, participantsAdded: 0, participantsUpdated: 0, declared: [], notes: [...sheet.notes], problems: [] };
  const fail: Fail = (row, column, code, message) => void out.problems.push(problem(options.source, { line: row, column: column + 1 }, 'error', code, message));

  // The previous import, if any: its comments and the columns it used.
  const existing = ws.transcripts.get(transcript);
  const oldText = existing ? await readText(fs, transcript) : undefined;
  const previous = oldText !== undefined ? readSurvey(transcript, oldText) : undefined;
  if (existing && (existing.meta.kind !== 'survey' || !previous?.columns)) {
    out.problems.push(problem(transcript, undefined, 'error', 'survey-name-taken', `${transcript} exists and was not made from a sheet, so Sift will not replace it; rename the sheet (or that transcript) and import again.`));
    return out;
  }
  const wanted = { text: options.text ?? previous?.columns?.text, id: options.id ?? previous?.columns?.id, attributes: options.attributes ?? previous?.columns?.attributes ?? [] };
  if (wanted.text === undefined) {
    out.problems.push(problem(options.source, undefined, 'error', 'survey-no-text-column', `Say which column holds the comments (--text "Column name"); ${sheet.name} has: ${sheet.headers.filter(Boolean).join(', ')}.`));
    return out;
  }
  const find = (name: string, role: string): number | undefined => {
    const i = columnIndex(sheet, name);
    if (i === undefined)
      out.problems.push(problem(options.source, { line: 1, column: 1 }, 'error', 'survey-unknown-column', `${sheet.name} has no column “${name}” (for ${role}); its columns are: ${sheet.headers.filter(Boolean).join(', ')}.`));
    return i;
  };
  const textColumn = find(wanted.text, 'the comments');
  const idColumn = wanted.id !== undefined ? find(wanted.id, 'respondent ids') : undefined;
  const found = wanted.attributes.map((a) => find(a, 'an attribute'));
  if (out.problems.length > 0 || textColumn === undefined) return out;
  const attributeColumns = found.filter((i): i is number => i !== undefined);
  const columns: SurveyColumns = {
    source: options.source,
    text: sheet.headers[textColumn]!,
    ...(idColumn !== undefined ? { id: sheet.headers[idColumn]! } : {}),
    attributes: attributeColumns.map((i) => sheet.headers[i]!),
  };

  // Rows with words; a row without any is reported and left out, never guessed at.
  const rows = sheet.rows.filter((r) => {
    if ((r.cells[textColumn] ?? '').trim() !== '') return true;
    out.notes.push(`row ${r.row} has no text in column ${columnLetter(textColumn)} (“${columns.text}”) and was left out`);
    return false;
  });
  // `## ` at the start of a line opens a comment in the transcript: inside a comment it would split it in two.
  for (const r of rows) {
    if (/^## +\S/m.test(r.cells[textColumn]!))
      fail(
        r.row,
        textColumn,
        'survey-heading-in-comment',
        `Row ${r.row}, column ${columnLetter(textColumn)}: a line of this comment starts with “## ”, which Sift's survey transcripts use to start a new comment. Remove the “## ” or put another character before it, then import again.`,
      );
  }
  const ids =
    idColumn !== undefined
      ? idsFromColumn(rows, idColumn, columns, fail)
      : generatedIds(
          rows.map((r) => r.cells[textColumn]!),
          previous?.comments ?? [],
        );
  if (out.problems.length > 0) return out;

  // Comments, keyed by respondent: a second comment of R017 is `R017 (2)`.
  const seen = new Map<string, number>();
  const comments: SurveyComment[] = rows.map((r, i) => {
    const respondent = ids[i]!;
    const n = (seen.get(respondent) ?? 0) + 1;
    seen.set(respondent, n);
    return { key: n === 1 ? respondent : `${respondent} (${n})`, respondent, text: r.cells[textColumn]! };
  });

  const { respondents, declarations } = respondentsOf(ws, sheet, rows, ids, attributeColumns, out, fail);
  if (out.problems.length > 0) return out;

  // The transcript, and what changed since the last import.
  const rendered = renderSurvey(base, columns, comments);
  const before = new Map((previous?.comments ?? []).map((c) => [c.key, c]));
  for (const c of rendered.comments) {
    const old = before.get(c.key);
    if (!old) out.added.push(c.key);
    else if (old.text !== c.text) out.changed.push(c.key);
  }
  const now = new Set(rendered.comments.map((c) => c.key));
  out.removed = [...before.keys()].filter((k) => !now.has(k));
  out.comments = comments.length;
  out.respondents = respondents.size;

  if (existing) await plan.writeText(transcript, existing.hash, rendered.markdown);
  else await plan.createText(transcript, rendered.markdown);
  await planHighlights(plan, ws, transcript, oldText, previous?.comments ?? [], rendered, out, options.random);
  await planParticipants(plan, ws, fs, respondents, out);
  await declareAttributes(plan, ws, declarations, out);
  return out;
}

type Fail = (row: number, column: number, code: string, message: string) => void;

/**
 * Each respondent with their attributes, typed as research.yaml declares them, or as
 * declared here from the column (reported in `out.declared`). A cell its type refuses, or a
 * second value for the same respondent, is a problem at its row and column.
 */
function respondentsOf(ws: Workspace, sheet: Sheet, rows: Sheet['rows'], ids: readonly string[], columns: readonly number[], out: SurveyImport, fail: Fail) {
  const declarations = new Map<string, AttributeDefinition>();
  const names = columns.map((i) => slugify(sheet.headers[i]!));
  columns.forEach((i, k) => {
    const name = names[k]!;
    const declared = ws.project?.attributes[name];
    if (declared) return void declarations.set(name, declared);
    const def = inferDefinition(rows.map((r) => r.cells[i] ?? ''));
    declarations.set(name, def);
    out.declared.push({ name, type: def.type });
  });
  const respondents = new Map<string, Respondent>();
  rows.forEach((r, i) => {
    const id = ids[i]!;
    const who = respondents.get(id) ?? { id, attributes: new Map(), rows: new Map() };
    respondents.set(id, who);
    columns.forEach((column, k) => {
      const cell = (r.cells[column] ?? '').trim();
      if (cell === '') return;
      const name = names[k]!;
      const typed = readAttributeValue(name, declarations.get(name)!, cell);
      const where = `Row ${r.row}, column ${columnLetter(column)} (“${sheet.headers[column]}”)`;
      if ('problem' in typed) {
        const [fix] = typed.problem.fixes;
        return void fail(r.row, column, 'survey-bad-value', `${where}: ${typed.problem.message} Correct the cell${fix !== undefined ? ` (${fix}?)` : ''}, or change the declaration in research.yaml.`);
      }
      const before = who.attributes.get(name);
      if (before !== undefined && before !== typed.value)
        return void fail(r.row, column, 'survey-conflicting-value', `${where}: ${id} is “${typed.value}” here but “${before}” in row ${who.rows.get(name)}; one respondent has one value per attribute.`);
      who.attributes.set(name, typed.value);
      who.rows.set(name, r.row);
    });
  });
  return { respondents, declarations };
}

/** A column by its header (case and spacing ignored) or its letter (`C`). */
function columnIndex(sheet: Sheet, name: string): number | undefined {
  const want = name.replace(/\s+/g, ' ').trim().toLowerCase();
  const byHeader = sheet.headers.findIndex((h) => h.toLowerCase() === want);
  if (byHeader >= 0) return byHeader;
  if (/^[a-z]{1,2}$/.test(want)) {
    const index = [...want.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
    if (index < sheet.headers.length) return index;
  }
  return undefined;
}

/** Respondent ids from the id column: present, and usable as a participant id (no spaces). */
function idsFromColumn(rows: Sheet['rows'], column: number, columns: SurveyColumns, fail: Fail): string[] {
  return rows.map((r) => {
    const id = (r.cells[column] ?? '').trim();
    if (id === '') fail(r.row, column, 'survey-missing-id', `Row ${r.row} has a comment but no respondent id in column ${columnLetter(column)} (“${columns.id}”).`);
    else if (/\s/.test(id)) fail(r.row, column, 'survey-bad-id', `Row ${r.row}, column ${columnLetter(column)}: the respondent id “${id}” has spaces; participant ids are one word, such as R017.`);
    return id;
  });
}

/**
 * Ids for a sheet without an id column, stable across re-imports: a row whose words were
 * there before keeps their id; a row at the place of a comment that is no longer there is
 * that comment edited; any other row is new and gets the next number (R001, R002, …).
 */
function generatedIds(texts: readonly string[], previous: readonly PlacedComment[]): string[] {
  const width = Math.max(3, String(texts.length).length);
  const ids: (string | undefined)[] = texts.map(() => undefined);
  const used = new Set<number>();
  const words = texts.map((t) => t.replace(/\r\n?/g, '\n').trim());
  words.forEach((w, i) => {
    const k = previous.findIndex((p, j) => !used.has(j) && p.text === w);
    if (k < 0) return;
    ids[i] = previous[k]!.respondent;
    used.add(k);
  });
  words.forEach((_, i) => {
    if (ids[i] !== undefined || !previous[i] || used.has(i)) return;
    ids[i] = previous[i]!.respondent;
    used.add(i);
  });
  let next = Math.max(0, ...previous.map((p) => Number(/^R(\d+)$/.exec(p.respondent)?.[1] ?? 0))) + 1;
  return ids.map((id) => id ?? `R${String(next++).padStart(width, '0')}`);
}

/**
 * One untagged highlight per new comment; an edited comment's card takes its new words;
 * every other highlight follows the text through the diff from the previous transcript
 * (anchored or moved ones are written at their new place; fuzzy or orphaned ones are left
 * as they were, for `sift check` and the editor to show).
 */
async function planHighlights(
  plan: EditPlan,
  ws: Workspace,
  source: string,
  oldText: string | undefined,
  previous: readonly PlacedComment[],
  rendered: ReturnType<typeof renderSurvey>,
  out: SurveyImport,
  random?: () => number,
): Promise<void> {
  const path = highlightsPathFor(ws.project, source);
  const file = ws.highlightFiles.get(path);
  const text = rendered.markdown;
  const index = new CodePointIndex(text);
  const turns = parseTranscript(source, text).turns;
  const taken = new Set([...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => h.id)));
  const fresh = rendered.comments.filter((c) => out.added.includes(c.key)).map((c) => newHighlight(index, { turns }, { source, start: c.start, end: c.end, tags: [] }, newId(random, taken)));
  // The same transcript again: its highlights are where they were (the loader placed them).
  if (text === oldText && fresh.length === 0) return;
  if (!file) {
    if (fresh.length > 0) await plan.create('highlights', path, { source, sourceHash: gitBlobHash(text), highlights: fresh.map(highlightValue) });
    return;
  }
  // Where each highlight is in the previous text (as loaded), then in the new one.
  const current: StoredAnchor[] = file.highlights.map((h) => {
    const r = ws.anchoring.get(h.id);
    return r && r.state !== 'orphaned' && r.state !== 'fuzzy' && oldText !== undefined ? makeAnchor(oldText, h.id, r.start, r.end) : h;
  });
  const newPlace = new Map(rendered.comments.map((c) => [c.key, c]));
  const elsewhere = new Map(anchorHighlights({ text, ...(oldText !== undefined ? { oldText } : {}), highlights: current }).map((r) => [r.id, r]));
  const places = new Map<string, StoredAnchor>();
  let unresolved = 0;
  for (const h of current) {
    const place = placeIn(
      h,
      previous.find((c) => h.start >= c.start && h.end <= c.end),
      newPlace,
      elsewhere,
    );
    if (place) places.set(h.id, makeAnchor(index, h.id, place.start, place.end));
    else unresolved++;
    if (!place && previous.some((c) => out.removed.includes(c.key) && h.start >= c.start && h.end <= c.end)) out.keptHighlights++;
  }
  await plan.edit('highlights', path, (doc) => {
    for (const h of file.highlights) {
      const place = places.get(h.id);
      const item = itemById(doc, 'highlights', h.id);
      if (!place || !item) continue;
      for (const key of ['quote', 'prefix', 'suffix', 'start', 'end'] as const) if (item.get(key) !== place[key]) item.set(key, place[key]);
    }
    for (const h of fresh) addHighlightNode(doc, h);
    if (unresolved === 0) doc.set('sourceHash', gitBlobHash(text));
  });
}

/**
 * Where a highlight goes in the new transcript. Its comment decides: the whole comment (its
 * card) becomes the whole comment again, edited or not; a passage inside an unchanged comment
 * moves with it; inside an edited one it follows that comment's own diff. Outside any comment,
 * the transcript's diff decides. Undefined: the words are gone or uncertain (left for review).
 */
function placeIn(h: StoredAnchor, comment: PlacedComment | undefined, now: ReadonlyMap<string, PlacedComment>, elsewhere: ReadonlyMap<string, AnchorResult>): { start: number; end: number } | undefined {
  const settled = (r: AnchorResult | undefined) => r !== undefined && (r.state === 'anchored' || r.state === 'moved');
  if (!comment) {
    const r = elsewhere.get(h.id);
    return settled(r) ? r : undefined;
  }
  const target = now.get(comment.key);
  if (!target) return undefined;
  if (h.start === comment.start && h.end === comment.end) return target;
  const shift = target.start - comment.start;
  if (target.text === comment.text) return { start: h.start + shift, end: h.end + shift };
  const [r] = anchorHighlights({ text: target.text, oldText: comment.text, highlights: [{ ...h, start: h.start - comment.start, end: h.end - comment.start }] });
  return settled(r) ? { start: r!.start + target.start, end: r!.end + target.start } : undefined;
}

function newId(random: (() => number) | undefined, taken: Set<string>): string {
  const id = newHighlightId(random, taken);
  taken.add(id);
  return id;
}

/** Adds new respondents to participants.yaml and brings the imported attributes of known ones up to date. */
async function planParticipants(plan: EditPlan, ws: Workspace, fs: IFileSystem, respondents: ReadonlyMap<string, Respondent>, out: SurveyImport): Promise<void> {
  const path = ws.project?.paths.participants ?? 'participants.yaml';
  const known = new Map(ws.participants.map((p) => [p.id, p]));
  const entry = (r: Respondent) => ({ id: r.id, ...(r.attributes.size ? { attributes: Object.fromEntries(r.attributes) } : {}) });
  const fresh = [...respondents.values()].filter((r) => !known.has(r.id));
  const updated = [...respondents.values()].filter((r) => {
    const p = known.get(r.id);
    return p && [...r.attributes].some(([k, v]) => p.attributes[k] !== v);
  });
  out.participantsAdded = fresh.length;
  out.participantsUpdated = updated.length;
  if (fresh.length === 0 && updated.length === 0) return;
  if (!(await fs.stat(path))) return void (await plan.create('participants', path, { participants: fresh.map(entry) }));
  await plan.edit('participants', path, (doc) => {
    const list = doc.get('participants', true);
    if (!isSeq(list)) doc.set('participants', doc.createNode([]));
    // `participants: []` as `sift init` writes it: a list of people reads better as a block.
    else if (list.items.length === 0) list.flow = false;
    for (const r of updated) {
      const item = itemById(doc, 'participants', r.id)!;
      for (const [k, v] of r.attributes) item.setIn(['attributes', k], v);
    }
    for (const r of fresh) doc.addIn(['participants'], doc.createNode(entry(r)));
  });
}

/** Declares in research.yaml the attributes it did not know, so filters and coverage can use them. */
async function declareAttributes(plan: EditPlan, ws: Workspace, declarations: ReadonlyMap<string, AttributeDefinition>, out: SurveyImport): Promise<void> {
  const missing = [...declarations].filter(([name]) => !ws.project?.attributes[name]);
  if (missing.length === 0) return;
  await plan.edit('research', RESEARCH_FILE, (doc: Document) => {
    if (!isMap(doc.get('attributes', true))) doc.set('attributes', doc.createNode({}));
    for (const [name, def] of missing) {
      const node = doc.createNode({ type: def.type, ...(def.values ? { values: def.values } : {}) });
      const values = isMap(node) ? node.get('values', true) : undefined;
      if (isSeq(values)) values.flow = true;
      doc.setIn(['attributes', name], node);
    }
  });
}
