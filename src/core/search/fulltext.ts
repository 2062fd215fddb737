/**
 * Full-text search over highlights: quote, note, tags (ids and labels), speaker, source.
 *
 * Sized for 50k–200k highlights. Fuzzy matching over ~200-character quotes costs seconds at
 * that size (perf note §A3), so this is a positional inverted index instead: each token
 * maps to a posting list of (document, field + position), kept in flat typed arrays, which
 * answers a query word in well under a millisecond and a phrase by comparing positions.
 *
 * Text is compared folded: lower case, compatibility-decomposed (NFKD) with combining marks
 * dropped, so "Café", "cafe" and "CAFÉ" are one token. Tokens are runs of Unicode letters and
 * digits; Han, Hiragana and Katakana characters are single-character tokens, because those
 * scripts do not separate words by spaces, and a query word in them becomes a phrase.
 *
 * Updates go to a small appendable segment and removals leave tombstones; both are folded
 * into the frozen arrays by a compaction once they grow past a fraction of the index.
 */
import type { Highlight } from '../model';
import { FIELD_SHIFT, FIELD_WEIGHT, FrozenPostings, GrowingPostings, listHas, MAX_POSITION, META, NOTE, postingCount, QUOTE, runToEnd, SLOTS, slotOf, fieldOf, TAGS, type PostingList } from './postings';

// ---------------------------------------------------------------------------------------
// Folding and tokenising

/** Letters that NFKD leaves whole but a reader treats as a base letter (or two letters). */
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  ŧ: 't',
  ς: 'σ',
};
const EXTRA_FOLD = new RegExp(`[${Object.keys(EXTRA_FOLDS).join('')}]`, 'gu');

/**
 * Dropped inside words: combining marks (what NFKD splits off accented letters), the soft
 * hyphen and zero-width joiners, which editors and PDFs leave inside words.
 */
const IGNORABLE = /[\p{M}\u00AD\u200C\u200D\u2060\uFEFF]/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SINGLE_CHAR_WORD = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;

/** Not part of a word; letters or digits; a character that is a word by itself (CJK). */
const SEPARATOR = 0;
const WORD = 1;
const SINGLE = 2;
type PieceKind = typeof SEPARATOR | typeof WORD | typeof SINGLE;

/** What one code point folds to, split where the folded text changes between word and not. */
interface FoldPiece {
  kind: PieceKind;
  text: string;
}

/** Folds of the non-ASCII code points seen so far; a corpus uses a few thousand at most. */
const foldCache = new Map<number, readonly FoldPiece[]>();

function foldPieces(codePoint: number): readonly FoldPiece[] {
  let pieces = foldCache.get(codePoint);
  if (pieces === undefined) {
    pieces = splitPieces(foldString(String.fromCodePoint(codePoint)));
    foldCache.set(codePoint, pieces);
  }
  return pieces;
}

/** The fold of a short string; callers go through the per-code-point cache. */
function foldString(text: string): string {
  // Lower-casing after NFKD catches the capitals some compatibility forms decompose to (ℕ → N).
  return text
    .normalize('NFKD')
    .replace(IGNORABLE, '')
    .toLowerCase()
    .replace(EXTRA_FOLD, (c) => EXTRA_FOLDS[c]!);
}

function splitPieces(folded: string): FoldPiece[] {
  const pieces: FoldPiece[] = [];
  for (const char of folded) {
    const kind: PieceKind = SINGLE_CHAR_WORD.test(char) ? SINGLE : WORD_CHAR.test(char) ? WORD : SEPARATOR;
    const last = pieces[pieces.length - 1];
    if (last && last.kind === kind && kind !== SINGLE) last.text += char;
    else pieces.push({ kind, text: char });
  }
  return pieces;
}

function isAsciiWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
}

/** Receives a folded token and its UTF-16 span `[start, end)` in the original text. */
export type TokenVisitor = (token: string, start: number, end: number) => void;

/**
 * Calls `visit` for each search token of `text`, in order. ASCII (nearly all transcript
 * text) takes a fast path that slices and lower-cases whole tokens; other characters are
 * folded one code point at a time, which equals folding the whole string once marks are
 * dropped, and lets every token keep its exact span in the original text.
 */
export function forEachToken(text: string, visit: TokenVisitor): void {
  // Hot: runs over every character indexed, so it avoids allocating closures and strings.
  /** Start of the open token, or -1. */
  let start = -1;
  let end = 0;
  /** The folded token so far; null while it is still a plain ASCII slice of `text`. */
  let folded: string | null = null;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (isAsciiWordCode(c)) {
        if (start < 0) start = i;
        else if (folded !== null) folded += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
        end = i + 1;
      } else if (start >= 0) {
        emitToken(text, start, end, folded, visit);
        start = -1;
        folded = null;
      }
      i++;
      continue;
    }
    const codePoint = text.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const pieces = foldPieces(codePoint);
    // A mark that follows a letter belongs to that letter's token and its span.
    if (pieces.length === 0 && start >= 0) {
      folded ??= text.slice(start, end).toLowerCase();
      end = i + width;
    }
    for (const piece of pieces) {
      if (piece.kind === WORD) {
        if (start < 0) {
          start = i;
          folded = piece.text;
        } else folded = (folded ?? text.slice(start, end).toLowerCase()) + piece.text;
        end = i + width;
      } else {
        if (start >= 0) emitToken(text, start, end, folded, visit);
        start = -1;
        folded = null;
        if (piece.kind === SINGLE) visit(piece.text, i, i + width);
      }
    }
    i += width;
  }
  if (start >= 0) emitToken(text, start, end, folded, visit);
}

function emitToken(text: string, start: number, end: number, folded: string | null, visit: TokenVisitor): void {
  visit(folded ?? text.slice(start, end).toLowerCase(), start, end);
}

/** The folded search tokens of `text`. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachToken(text, (token) => tokens.push(token));
  return tokens;
}

/** How many folded word characters a code point contributes to its token. */
function foldedLength(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  let length = 0;
  for (const piece of foldPieces(codePoint)) if (piece.kind !== SEPARATOR) length += piece.text.length;
  return length;
}

/**
 * Where, in the original text, the first `length` folded characters of the token at
 * `[start, end)` end: the span to bold for a prefix match ("caf" in "Café" → "Caf").
 */
function endOfFoldedPrefix(text: string, start: number, end: number, length: number): number {
  let i = start;
  for (let seen = 0; i < end && seen < length;) {
    const codePoint = text.codePointAt(i)!;
    seen += foldedLength(codePoint);
    i += codePoint > 0xffff ? 2 : 1;
  }
  // Take trailing combining marks along, so the bolding never splits a letter from its accent.
  while (i < end) {
    const codePoint = text.codePointAt(i)!;
    if (foldedLength(codePoint) !== 0) break;
    i += codePoint > 0xffff ? 2 : 1;
  }
  return i;
}

// ---------------------------------------------------------------------------------------
// Queries

/** One query word or phrase. More than one token means the tokens must be adjacent. */
export interface QueryClause {
  tokens: string[];
  /** The last token may also be the start of a longer word (the word being typed). */
  prefix: boolean;
}

export interface ParsedQuery {
  /** Every clause must match (AND). */
  include: QueryClause[];
  /** No clause may match. Exclusions match whole words only. */
  exclude: QueryClause[];
  /** Tag ids every result must carry (a descendant tag counts when the caller says so). */
  tags: string[];
  excludeTags: string[];
  /**
   * `name:value` filters other than tags (`participant:P07`, `age-band:65+`, `study:id`),
   * names lower-cased; the host decides what each name means (see filters.ts).
   */
  fields: FieldFilter[];
  /** What could not be read (an unclosed quote, a filter without a value): the search box ignores these while typing; the CLI refuses them. */
  errors: string[];
}

export interface FieldFilter {
  name: string;
  value: string;
  negated: boolean;
}

/** `name:` before a filter's value: a word starting with a letter, so "10:30" stays text. */
const FIELD_FILTER = /^([a-z][a-z0-9_-]*):/i;
const SPACE = /\s/u;

/**
 * Reads a search-box query: words (all must match), `"exact phrases"`, `tag:some-id`,
 * `name:value` filters (`participant:P07`, an attribute such as `age-band:65+`, a value with
 * spaces quoted: `channel:"face to face"`), and `-word`, `-"phrase"`, `-tag:id`, `-name:value`
 * to exclude. The last word matches as a prefix while it is being typed, that is until a
 * space follows it; quoting a single word makes it whole. A word with inner punctuation
 * ("don't", "e-mail") is a phrase of its parts.
 */
export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { include: [], exclude: [], tags: [], excludeTags: [], fields: [], errors: [] };
  let i = 0;
  while (i < query.length) {
    if (SPACE.test(query[i]!)) {
      i++;
      continue;
    }
    const negated = query[i] === '-';
    if (negated) i++;
    const field = query[i] === '"' ? null : FIELD_FILTER.exec(query.slice(i));
    if (field) {
      i += field[0].length;
      const value = readTerm(query, i);
      i = value.end;
      if (!value.closed) parsed.errors.push(`The quote after ${field[0]} is not closed.`);
      const name = field[1]!.toLowerCase();
      const text = value.text.trim();
      if (text === '') parsed.errors.push(`${field[0]} needs a value, e.g. ${name === 'tag' ? 'tag:waiting-time' : `${name}:something`}.`);
      else if (name === 'tag') (negated ? parsed.excludeTags : parsed.tags).push(text.toLowerCase());
      else parsed.fields.push({ name, value: text, negated });
      continue;
    }
    const quoted = query[i] === '"';
    const term = readTerm(query, i);
    const { text, closed } = term;
    i = term.end;
    if (!closed) parsed.errors.push(`The quote "${text} is not closed.`);
    const tokens = tokenize(text);
    if (tokens.length === 0) continue;
    const beingTyped = i === query.length && (quoted ? !closed && !SPACE.test(text.slice(-1)) : true);
    (negated ? parsed.exclude : parsed.include).push({ tokens, prefix: beingTyped && !negated });
  }
  return parsed;
}

/** A word (up to a space or a quote) or a `"quoted phrase"` starting at `i`. */
function readTerm(query: string, i: number): { text: string; end: number; closed: boolean } {
  if (query[i] === '"') {
    const close = query.indexOf('"', i + 1);
    return close >= 0 ? { text: query.slice(i + 1, close), end: close + 1, closed: true } : { text: query.slice(i + 1), end: query.length, closed: false };
  }
  let end = i;
  while (end < query.length && query[end] !== '"' && !SPACE.test(query[end]!)) end++;
  return { text: query.slice(i, end), end, closed: true };
}

function isEmptyQuery(q: ParsedQuery): boolean {
  return q.include.length + q.exclude.length + q.tags.length + q.excludeTags.length + q.fields.length === 0;
}

// ---------------------------------------------------------------------------------------
// Documents

/** No quote match in a document: its rank by position goes after every quote match. */
const NO_POSITION = 0xffff;

/** A tag id as an index term; the NUL prefix keeps it apart from every text token. */
function tagTerm(tagId: string): string {
  return '\u0000' + tagId.toLowerCase();
}

export interface SearchDoc {
  id: string;
  /** Transcript path, e.g. `transcripts/p07.md`. */
  source: string;
  quote: string;
  note?: string;
  /** Tag ids. */
  tags: readonly string[];
  /** Labels of those tags, so a search for "waiting" finds a highlight tagged "Waiting time". */
  tagLabels?: readonly string[];
  speaker?: string;
}

/**
 * The search document of a highlight; `tagLabel` looks up codebook labels. The index keeps a
 * document per highlight: the labels are an array of exactly their number (`filter` leaves
 * room for 17, which made them 8.7 MB of a 50,000-highlight index), none when there are none.
 */
export function searchDocOf(highlight: Highlight, source: string, tagLabel?: (tagId: string) => string | undefined): SearchDoc {
  const labels = tagLabel && highlight.tags.length > 0 ? highlight.tags.map(tagLabel) : undefined;
  const tagLabels = labels?.includes(undefined) ? labels.filter((l): l is string => l !== undefined).slice() : (labels as string[] | undefined);
  return { id: highlight.id, source, quote: highlight.quote, note: highlight.note, tags: highlight.tags, tagLabels, speaker: highlight.speaker };
}

/**
 * Adds documents' postings: tokens go in ascending slot order (field by field), which, with
 * documents numbered in the order added, keeps each term's postings sorted by (document,
 * slot). Values of one field are a skipped position apart, so no phrase spans two.
 */
class DocumentWriter {
  /** Where the writer is: one token callback for all fields, not a closure per value. */
  private doc = 0;
  private slot = 0;
  private readonly addToken = (token: string): void => {
    this.postings.add(token, this.doc, this.slot);
    this.advancePosition();
  };

  constructor(private readonly postings: GrowingPostings) {}

  add(doc: SearchDoc, docNumber: number): void {
    this.doc = docNumber;
    this.addField(QUOTE, [doc.quote]);
    this.addField(NOTE, [doc.note]);
    this.addField(TAGS, doc.tagLabels ? [...doc.tags, ...doc.tagLabels] : doc.tags);
    this.addField(META, [doc.speaker, doc.source]);
    for (const tag of new Set(doc.tags)) this.postings.add(tagTerm(tag), docNumber, slotOf(TAGS, 0));
  }

  /** Adds the tokens of a field's values, numbering positions from 0 with a gap between values. */
  private addField(field: number, values: readonly (string | undefined)[]): void {
    this.slot = slotOf(field, 0);
    for (const value of values) {
      if (!value) continue;
      forEachToken(value, this.addToken);
      this.advancePosition();
    }
  }

  /** Positions saturate at MAX_POSITION rather than spill into the field bits. */
  private advancePosition(): void {
    if ((this.slot & MAX_POSITION) < MAX_POSITION) this.slot++;
  }
}

// ---------------------------------------------------------------------------------------
// The index

export interface SearchOptions {
  /** Most hits to return (default 100); `total` still counts all of them. */
  limit?: number;
  /** Sub-tags of a tag, so `tag:parent` also finds highlights tagged with a child. */
  descendantsOf?: (tagId: string) => Iterable<string>;
  /** Whether a document passes the query's `name:value` filters (see filters.ts); all pass without it. */
  accept?: (doc: SearchDoc) => boolean;
  /**
   * False: hits come without their matched spans (`ranges` empty), for a caller that keeps only
   * some of them and marks those itself ({@link matchRanges}): finding the spans tokenises the quote.
   */
  ranges?: boolean;
}

export interface SearchHit {
  id: string;
  /** Higher is better; comparable within one query only. */
  score: number;
  /** Matched spans in the quote, UTF-16 `[start, end)`, sorted and non-overlapping. */
  ranges: [number, number][];
}

export interface SearchResults {
  hits: SearchHit[];
  /** How many highlights matched, before `limit`. */
  total: number;
  /** The query as understood: for showing filters, or {@link matchRanges} over notes. */
  query: ParsedQuery;
}

export interface IndexStats {
  documents: number;
  terms: number;
  postings: number;
  /** Bytes held in posting arrays (frozen and appended); strings and documents not counted. */
  postingBytes: number;
}

const DEFAULT_LIMIT = 100;
/** Compact when appended postings exceed this (about a thousand highlights) … */
const MIN_GROWING_POSTINGS = 1 << 16;
/** … or this many removals, and in both cases also a quarter of the index. */
const MIN_TOMBSTONES = 1024;

/**
 * Full-text index over {@link SearchDoc}s. Documents are held by reference (the strings are
 * shared with the caller, not copied) and must not be mutated; call {@link update} instead.
 */
export class FullTextIndex {
  /** Document by internal number; undefined marks a removed one (a tombstone). */
  private docs: (SearchDoc | undefined)[] = [];
  private readonly numberOf = new Map<string, number>();
  private frozen = FrozenPostings.EMPTY;
  private growing = new GrowingPostings();
  private writer = new DocumentWriter(this.growing);
  private tombstones = 0;
  /** Counts the changes of documents and their numbers: {@link MatchedIds} are of one version. */
  private version = 0;

  constructor(docs?: Iterable<SearchDoc>) {
    if (!docs) return;
    for (const doc of docs) this.append(doc);
    this.compact();
  }

  /**
   * Builds an index as the constructor does, calling `pause` between documents so a host can
   * return to its event loop (the pause decides when enough time has passed). Only the final
   * compaction is one call (about 0.1 s at 50,000 highlights).
   */
  static async built(docs: Iterable<SearchDoc>, pause: () => Promise<void>): Promise<FullTextIndex> {
    const index = new FullTextIndex();
    for (const doc of docs) {
      index.append(doc);
      await pause();
    }
    // The compaction in steps too: in one piece it blocked for ~0.3 s at 200,000 highlights (1.1 s on a busy machine).
    const steps = index.compacting();
    while (!steps.next().done) await pause();
    return index;
  }

  /** Number of documents in the index. */
  get size(): number {
    return this.numberOf.size;
  }

  has(id: string): boolean {
    return this.numberOf.has(id);
  }

  /** The document indexed under this id: what a hit shows (its quote, tags, transcript) without looking the highlight up. */
  document(id: string): SearchDoc | undefined {
    const n = this.numberOf.get(id);
    return n === undefined ? undefined : this.docs[n];
  }

  /** Adds a document, replacing any with the same id. */
  add(doc: SearchDoc): void {
    this.append(doc);
    this.compactIfDue();
  }

  update(doc: SearchDoc): void {
    this.add(doc);
  }

  /** Removes a document; false if there was none with this id. */
  remove(id: string): boolean {
    if (!this.bury(id)) return false;
    this.compactIfDue();
    return true;
  }

  /**
   * Folds appended documents into the frozen arrays and drops removed ones. Runs by itself
   * when due; linear in the size of the index (about 0.1 s at 50k highlights, 0.3 s at 200k).
   */
  compact(): void {
    runToEnd(this.compacting());
  }

  /** As compact, in steps (a yield now and then), for a build in slices; nothing else may change the index meanwhile. */
  private *compacting(): Generator<void, void> {
    const renumber = new Int32Array(this.docs.length);
    const live: SearchDoc[] = [];
    for (let n = 0; n < this.docs.length; n++) {
      const doc = this.docs[n];
      renumber[n] = doc ? live.push(doc) - 1 : -1;
      if (doc) this.numberOf.set(doc.id, renumber[n]!);
      if ((n & 0xfff) === 0xfff) yield;
    }
    const appended = yield* this.growing.freezing();
    // Right after a bulk build there is nothing to merge with.
    const alone = this.frozen.postingCount === 0 && this.tombstones === 0;
    this.frozen = alone ? appended : FrozenPostings.merge([this.frozen, appended], renumber);
    this.growing = new GrowingPostings();
    this.writer = new DocumentWriter(this.growing);
    this.docs = live;
    this.tombstones = 0;
    this.version++;
  }

  search(query: string | ParsedQuery, options: SearchOptions = {}): SearchResults {
    const parsed = typeof query === 'string' ? parseQuery(query) : query;
    const none: SearchResults = { hits: [], total: 0, query: parsed };
    const matched = this.match(parsed, options, true);
    if (!matched) return none;
    const { score, passes, total } = matched;
    const firstQuotePosition = matched.firstQuotePosition!;
    const ranksBefore = (a: number, b: number): boolean => (score[a] !== score[b] ? score[a]! > score[b]! : firstQuotePosition[a] !== firstQuotePosition[b] ? firstQuotePosition[a]! < firstQuotePosition[b]! : a < b);
    const top = new TopK(options.limit ?? DEFAULT_LIMIT, ranksBefore);
    for (let d = 0; d < passes.length; d++) if (passes[d] === 1) top.offer(d);
    const hits = top.sorted().map((d) => {
      const doc = this.docs[d]!;
      return { id: doc.id, score: score[d]!, ranges: options.ranges === false ? [] : matchRanges(doc.quote, parsed.include) };
    });
    return { hits, total, query: parsed };
  }

  /**
   * The documents the query matches, unranked and without match ranges: what a filter needs
   * (the board's search box), asked about by id. Ranking and bolding every hit of a common word
   * cost a search over 200,000 highlights several times the match itself, and a set of their
   * ids as much again (a word being typed, "t", matches all 200,000: 60 ms for the set).
   */
  matchingIds(query: string | ParsedQuery, options: Pick<SearchOptions, 'descendantsOf' | 'accept'> = {}): MatchedIds {
    const matched = this.match(typeof query === 'string' ? parseQuery(query) : query, options, false);
    const version = this.version;
    return new Matches(matched?.total ?? 0, matched?.passes ?? new Uint8Array(0), this.docs, this.numberOf, () => this.version === version);
  }

  /**
   * Every clause and tag of the query matched against the postings: which documents pass, how
   * many, their scores and (`ranked`) where each first matches in its quote. Undefined: none can.
   * The work is the postings of the query's terms and a few passes over flat arrays of one entry
   * per document; a function is called per document only for those that pass (`accept`).
   */
  private match(parsed: ParsedQuery, options: SearchOptions, ranked: boolean): Matched | undefined {
    if (isEmptyQuery(parsed)) return undefined;
    const n = this.docs.length;
    const score = new Uint32Array(n);
    const firstQuotePosition = ranked ? new Uint16Array(n).fill(NO_POSITION) : undefined;
    /** How many required clauses and tag filters each document has met. */
    const met = new Uint16Array(n);
    const marks = new Uint8Array(n);
    for (const clause of parsed.include) {
      marks.fill(0);
      this.matchClause(clause, marks, firstQuotePosition);
      if (tally(marks, met, score) === 0) return undefined;
    }
    for (const tag of parsed.tags) {
      marks.fill(0);
      this.matchTag(tag, options.descendantsOf, marks);
      if (tally(marks, met, score) === 0) return undefined;
    }
    const excluded = marks.fill(0);
    for (const clause of parsed.exclude) this.matchClause(clause, excluded);
    for (const tag of parsed.excludeTags) this.matchTag(tag, options.descendantsOf, excluded);
    const required = parsed.include.length + parsed.tags.length;
    const passes = new Uint8Array(n);
    let total = 0;
    for (let d = 0; d < n; d++) {
      if (met[d] !== required || excluded[d] !== 0) continue;
      const doc = this.docs[d];
      if (doc === undefined || (options.accept && !options.accept(doc))) continue;
      passes[d] = 1;
      total++;
    }
    return total === 0 ? undefined : { passes, total, score, firstQuotePosition };
  }

  /**
   * The index as flat arrays (compacted first), for a cache to keep between processes: the
   * documents are given by id only, since the caller holds them (they are its highlights).
   */
  image(): SearchIndexImage {
    if (this.growing.postingCount > 0 || this.tombstones > 0) this.compact();
    const { terms, starts, docs, slots } = this.frozen;
    return { ids: this.docs.map((d) => d!.id), terms, starts, docs, slots };
  }

  /**
   * The index an {@link image} was taken of, with each id's document from `docOf`; undefined
   * when the image is not one this code could have made (a term out of order, a posting
   * outside its arrays or of no document, an id that is unknown or twice): a damaged cache is
   * rebuilt, never searched.
   */
  static fromImage(image: SearchIndexImage, docOf: (id: string) => SearchDoc | undefined): FullTextIndex | undefined {
    const { ids, terms, starts, docs, slots } = image;
    if (!imageIsWellFormed(image)) return undefined;
    const index = new FullTextIndex();
    for (let n = 0; n < ids.length; n++) {
      const doc = docOf(ids[n]!);
      if (!doc || doc.id !== ids[n] || index.numberOf.has(doc.id)) return undefined;
      index.docs.push(doc);
      index.numberOf.set(doc.id, n);
    }
    index.frozen = new FrozenPostings(terms, starts, docs, slots);
    return index;
  }

  get stats(): IndexStats {
    const postings = this.frozen.postingCount + this.growing.postingCount;
    return { documents: this.size, terms: this.frozen.terms.length + this.growing.termCount, postings, postingBytes: this.frozen.byteLength + this.growing.byteLength };
  }

  private append(doc: SearchDoc): void {
    this.bury(doc.id);
    const n = this.docs.push(doc) - 1;
    this.numberOf.set(doc.id, n);
    this.writer.add(doc, n);
    this.version++;
  }

  private bury(id: string): boolean {
    const n = this.numberOf.get(id);
    if (n === undefined) return false;
    this.docs[n] = undefined;
    this.numberOf.delete(id);
    this.tombstones++;
    this.version++;
    return true;
  }

  private compactIfDue(): void {
    const growingTooBig = this.growing.postingCount > Math.max(MIN_GROWING_POSTINGS, this.frozen.postingCount / 4);
    const tooManyTombstones = this.tombstones > Math.max(MIN_TOMBSTONES, this.docs.length / 4);
    if (growingTooBig || tooManyTombstones) this.compact();
  }

  /** The postings of `token`, or (prefix) of every term starting with it: frozen documents first, as they are numbered below appended ones. */
  private lists(token: string, prefix: boolean): PostingList[] {
    return [...this.frozen.lists(token, prefix), ...this.growing.lists(token, prefix)];
  }

  /**
   * Sets `best[doc]` to the best match code of the clause in each document (0: none) and
   * lowers `firstQuotePosition[doc]` to where it first matches in the quote.
   */
  private matchClause(clause: QueryClause, best: Uint8Array, firstQuotePosition?: Uint16Array): void {
    if (clause.tokens.length === 1) {
      for (const list of this.lists(clause.tokens[0]!, clause.prefix)) markMatches(list, best, firstQuotePosition);
      return;
    }
    for (const key of this.phraseStarts(clause)) {
      const doc = Math.floor(key / SLOTS);
      const slot = key - doc * SLOTS;
      const code = MATCH_CODE[fieldOf(slot)]! + 1;
      if (code > best[doc]!) best[doc] = code;
      if (firstQuotePosition && fieldOf(slot) === QUOTE && slot < firstQuotePosition[doc]!) firstQuotePosition[doc] = slot;
    }
  }

  /**
   * Where each phrase occurrence starts, as keys `doc × 2¹⁶ + slot`: "token i follows the start"
   * is key + i being a posting of token i. The rarest token's postings give the candidate starts;
   * each other token keeps those it follows, by a merge with its postings or, when it is much
   * more common ("the" in "the council"), by looking each one up in them: the work follows the
   * rarest token, not the commonest (a phrase with "the" read 800,000 postings, 80 ms, at 200,000
   * highlights).
   */
  private phraseStarts(clause: QueryClause): Float64Array {
    const last = clause.tokens.length - 1;
    const tokens = clause.tokens.map((token, i) => {
      const lists = this.lists(token, clause.prefix && i === last);
      return { offset: i, lists, count: postingCount(lists) };
    });
    tokens.sort((a, b) => a.count - b.count || a.offset - b.offset);
    const [rarest, ...others] = tokens;
    let starts = phraseStartsOf(keysOf(rarest!.lists), rarest!.offset, last);
    for (const token of others) {
      if (starts.length === 0) break;
      const lookUps = starts.length * token.lists.length * Math.log2(token.count + 2);
      starts = lookUps < token.count ? startsFollowedIn(starts, token.lists, token.offset) : keysFollowedBy(starts, keysOf(token.lists), token.offset);
    }
    return starts;
  }

  private matchTag(tagId: string, descendantsOf: SearchOptions['descendantsOf'], marks: Uint8Array): void {
    const ids = new Set([tagId, ...(descendantsOf?.(tagId) ?? [])]);
    for (const id of ids) for (const { docs, start, end } of this.lists(tagTerm(id), false)) for (let p = start; p < end; p++) marks[docs[p]!] = 1;
  }
}

/** What a query matched: which documents pass (1) and how many, their scores and (when ranked) where each first matches in its quote. */
interface Matched {
  passes: Uint8Array;
  total: number;
  score: Uint32Array;
  firstQuotePosition: Uint16Array | undefined;
}

/**
 * The documents a query matched, asked about by id. Many matches are valid while the index is
 * unchanged: asked after a change (documents renumbered since), they throw rather than answer wrongly.
 */
export interface MatchedIds extends Iterable<string> {
  /** How many documents matched. */
  readonly size: number;
  has(id: string): boolean;
}

/** At most one document in this many matched: {@link Matches} keeps a set of their ids. */
const FEW = 8;

/** {@link MatchedIds} of the documents as numbered when they were matched (`passes[number]` is 1). */
class Matches implements MatchedIds {
  /**
   * The ids, when few matched: a small set answers `has` quicker than the index's map of every
   * id (the board asks it for each of 200,000 cards), holds whatever the index does next, and
   * costs little to make. Many matches are asked about through the map: a set of 200,000 ids
   * took 60 ms to make in one piece.
   */
  private readonly few: ReadonlySet<string> | undefined;

  constructor(
    readonly size: number,
    private readonly passes: Uint8Array,
    private readonly docs: readonly (SearchDoc | undefined)[],
    private readonly numberOf: ReadonlyMap<string, number>,
    private readonly numbersHold: () => boolean,
  ) {
    this.few = size * FEW <= passes.length ? new Set(this.byNumber()) : undefined;
  }

  has(id: string): boolean {
    if (this.few) return this.few.has(id);
    this.checkNumbers();
    const n = this.numberOf.get(id);
    return n !== undefined && this.passes[n] === 1;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.few ? this.few.values() : this.byNumber();
  }

  private *byNumber(): Generator<string> {
    const { passes, docs } = this;
    this.checkNumbers();
    for (let d = 0; d < passes.length; d++) {
      if (passes[d] !== 1) continue;
      yield docs[d]!.id;
      // The iteration may have gone on after a change.
      this.checkNumbers();
    }
  }

  private checkNumbers(): void {
    if (!this.numbersHold()) throw new Error('The index changed since these matches were made: match the query again.');
  }
}

/** Twice the field weight, plus one for a whole word: "time" ranks above "timeline". */
const MATCH_CODE: readonly number[] = FIELD_WEIGHT.map((w) => w * 2);

/** {@link FullTextIndex.matchClause} for one term's postings, in one loop over its arrays. */
function markMatches({ exact, docs, slots, start, end }: PostingList, best: Uint8Array, firstQuotePosition?: Uint16Array): void {
  const whole = exact ? 1 : 0;
  for (let p = start; p < end; p++) {
    const doc = docs[p]!;
    const slot = slots[p]!;
    const code = MATCH_CODE[slot >>> FIELD_SHIFT]! + whole;
    if (code > best[doc]!) best[doc] = code;
    if (firstQuotePosition && fieldOf(slot) === QUOTE && slot < firstQuotePosition[doc]!) firstQuotePosition[doc] = slot;
  }
}

/** The keys (`doc × SLOTS + slot`) of the lists' postings, ascending. */
function keysOf(lists: readonly PostingList[]): Float64Array {
  const keys = new Float64Array(postingCount(lists));
  let at = 0;
  let sorted = true;
  for (const { docs, slots, start, end } of lists) {
    // Each list is sorted; one after another they are too unless a list starts below where the last ended (terms of a prefix).
    if (at > 0 && start < end && docs[start]! * SLOTS + slots[start]! < keys[at - 1]!) sorted = false;
    for (let p = start; p < end; p++) keys[at++] = docs[p]! * SLOTS + slots[p]!;
  }
  return sorted ? keys : keys.sort();
}

/**
 * The phrase starts the keys of the token at `offset` in it give: each key moved back by the
 * offset, where the whole phrase (`last + 1` tokens) fits before positions saturate in its field.
 * A saturated position says nothing about adjacency.
 */
function phraseStartsOf(keys: Float64Array, offset: number, last: number): Float64Array {
  const out = new Float64Array(keys.length);
  let count = 0;
  for (const key of keys) {
    const position = (key % SLOTS) & MAX_POSITION;
    if (position >= offset && position - offset + last < MAX_POSITION) out[count++] = key - offset;
  }
  return out.subarray(0, count);
}

/** The starts (ascending) for which `start + offset` is a posting of one of the lists, each looked up. */
function startsFollowedIn(starts: Float64Array, lists: readonly PostingList[], offset: number): Float64Array {
  const out = new Float64Array(starts.length);
  let count = 0;
  for (const start of starts) if (lists.some((list) => listHas(list, start + offset))) out[count++] = start;
  return out.subarray(0, count);
}

/** What {@link FullTextIndex.image} gives: the frozen postings and the ids of the documents by number. */
export interface SearchIndexImage {
  ids: readonly string[];
  /** Sorted (UTF-16 order), unique. */
  terms: readonly string[];
  /** Term i's postings are `starts[i] … starts[i + 1] - 1`. */
  starts: Uint32Array;
  docs: Uint32Array;
  slots: Uint16Array;
}

/** Every invariant a search relies on, checked in one pass over the postings. */
function imageIsWellFormed({ ids, terms, starts, docs, slots }: SearchIndexImage): boolean {
  if (starts.length !== terms.length + 1 || starts[0] !== 0 || starts[terms.length] !== docs.length || slots.length !== docs.length) return false;
  for (let t = 0; t < terms.length; t++) {
    if (typeof terms[t] !== 'string' || (t > 0 && !(terms[t - 1]! < terms[t]!))) return false;
    const end = starts[t + 1]!;
    if (end < starts[t]!) return false;
    // Within a term, postings ascend by (document, slot): phrase matching merges them in order.
    let previous = -1;
    for (let p = starts[t]!; p < end; p++) {
      if (docs[p]! >= ids.length || fieldOf(slots[p]!) >= FIELD_WEIGHT.length) return false;
      const key = docs[p]! * SLOTS + slots[p]!;
      if (key < previous) return false;
      previous = key;
    }
  }
  return true;
}

/**
 * Counts a clause as met by each document it marked, adding the mark (the match code; 1 for
 * a tag filter, the same for every hit) to its score. Returns how many documents it marked.
 */
function tally(marks: Uint8Array, met: Uint16Array, score: Uint32Array): number {
  let marked = 0;
  for (let d = 0; d < marks.length; d++) {
    if (marks[d] === 0) continue;
    marked++;
    met[d]!++;
    score[d]! += marks[d]!;
  }
  return marked;
}

/** The starts for which `start + offset` is in `next`, both sorted ascending (a merge); starts leave room for the offset in their field. */
function keysFollowedBy(starts: Float64Array, next: Float64Array, offset: number): Float64Array {
  const out = new Float64Array(Math.min(starts.length, next.length));
  let count = 0;
  for (let i = 0, j = 0; i < starts.length && j < next.length; i++) {
    const key = starts[i]!;
    const wanted = key + offset;
    while (j < next.length && next[j]! < wanted) j++;
    if (next[j] === wanted) out[count++] = key;
  }
  return out.subarray(0, count);
}

/** The `limit` best items under `better`, kept in a heap with the worst of them on top. */
class TopK<T> {
  private readonly heap: T[] = [];

  constructor(
    private readonly limit: number,
    private readonly better: (a: T, b: T) => boolean,
  ) {}

  offer(item: T): void {
    if (this.heap.length < this.limit) {
      this.heap.push(item);
      this.siftUp(this.heap.length - 1);
    } else if (this.heap.length > 0 && this.better(item, this.heap[0]!)) {
      this.heap[0] = item;
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.better(heap[parent]!, heap[i]!)) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && this.better(heap[worst]!, heap[left]!)) worst = left;
      if (right < heap.length && this.better(heap[worst]!, heap[right]!)) worst = right;
      if (worst === i) return;
      [heap[worst], heap[i]] = [heap[i]!, heap[worst]!];
      i = worst;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Match ranges

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokensWithSpans(text: string): Token[] {
  const tokens: Token[] = [];
  forEachToken(text, (token, start, end) => tokens.push({ text: token, start, end }));
  return tokens;
}

/**
 * The spans of `text` (a hit's quote, or its note) to bold for the query's clauses. Worked out
 * from the text for the hits shown only, which keeps offsets out of the index; a prefix
 * match bolds just the typed part.
 */
export function matchRanges(text: string, clauses: readonly QueryClause[]): [number, number][] {
  const tokens = tokensWithSpans(text);
  const ranges: [number, number][] = [];
  for (const clause of clauses) {
    const last = clause.tokens.length - 1;
    for (let i = 0; i + last < tokens.length; i++) {
      const matches = clause.tokens.every((t, k) => (clause.prefix && k === last ? tokens[i + k]!.text.startsWith(t) : tokens[i + k]!.text === t));
      if (!matches) continue;
      const lastToken = tokens[i + last]!;
      const end = clause.prefix ? endOfFoldedPrefix(text, lastToken.start, lastToken.end, clause.tokens[last]!.length) : lastToken.end;
      ranges.push([tokens[i]!.start, end]);
    }
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const previous = merged[merged.length - 1];
    if (previous && range[0] <= previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
