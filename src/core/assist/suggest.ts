/**
 * "Code like this": suggestions from the study's own coding, local and explainable.
 *
 * - For a selection: the tags of the coded passages most like it. The selection's terms are
 *   a BM25 query over every coded passage; the ten nearest passages vote for their tags,
 *   each vote weighted by the passage's share of their summed scores, and every suggestion
 *   says which passages it comes from ("like 3 passages coded waiting-time"). Each tag's
 *   share of the coding is added to its votes: with a few hundred coded passages and
 *   dozens of tags, how often a tag is used says as much as the words do (measured on two
 *   real coded projects, docs/benchmarks.md), and it decides when no passage is alike —
 *   such a suggestion says so ("often used: 27 passages coded government").
 * - For a tag, "find more like this": passages of the transcripts (turns, long turns in
 *   sentences) not yet under the tag, ranked by BM25 against the tag's profile (the terms
 *   its passages share most, weighted by how many passages use them and how rare they are
 *   in the study), each with the coded passage it is most like.
 *
 * The index is kept across changes: `of(study)` re-reads only the highlights files whose
 * content changed (by the hash the load recorded), and candidate passages are re-cut only
 * for transcripts whose text changed. The study service owns one per study.
 */
import type { Highlight, Transcript } from '../model';
import { CodePointIndex } from '../text';
import { highlightsFilesChanged } from '../workspace/changed-files';
import type { Workspace } from '../workspace/workspace';
import { Bm25Index } from './bm25';
import { PassagePlaces } from './passage-places';
import { Analyzer, detectLanguage } from './suggest-terms';

/** A coded passage: a highlight with at least one tag. */
export interface CodedPassage {
  id: string;
  source: string;
  quote: string;
  tags: readonly string[];
}

/** A passage of a transcript that find-more-like-this may offer. */
export interface Passage {
  source: string;
  /** Code points over the transcript's normalised text, half-open. */
  start: number;
  end: number;
  text: string;
  speaker?: string;
}

/**
 * Where a passage is, without its words: what the index keeps of the study's ~190,000 candidate
 * passages at 50,000 highlights (their words would double its heap); the few offered are read back.
 */
export type PassagePlace = Omit<Passage, 'text'>;

export interface TagSuggestion {
  tag: string;
  /** The passages' summed scores (for ordering; not a probability). */
  score: number;
  /** The nearest coded passages carrying the tag, most alike first. */
  like: CodedPassage[];
  /** Why, in words: `like 3 passages coded waiting-time`, or `often used: 27 passages coded government`. */
  reason: string;
}

export interface PassageSuggestion {
  passage: Passage;
  score: number;
  /** The tag's coded passage this one is most like. */
  like: CodedPassage | undefined;
  /** Why, in words: `like "I waited sixteen weeks…" (coded waiting-time)`. */
  reason: string;
}

export interface SuggestOptions {
  /** At most this many tags; default 3. */
  limit?: number;
  /** Tags not to suggest (already on the passage). */
  except?: readonly string[];
  /** Highlights to leave out of the neighbours (the passage's own highlight, when it is one). */
  ignore?: readonly string[];
  /** Whether a tag was turned down for this passage before (it is then not offered). */
  rejected?: (tag: string) => boolean;
}

export interface MoreLikeOptions {
  /** At most this many passages; default 20. */
  limit?: number;
  /** Whether the tag was turned down for a passage before (it is then not offered). */
  rejected?: (passage: Passage) => boolean;
  /** Awaited between transcripts while they are cut into passages (the first call reads them all). */
  pause?: () => Promise<void>;
  /** `moreLikeFirst`: how many uncut transcripts to cut before ranking; default FIRST_TRANSCRIPTS. */
  firstTranscripts?: number;
}

/** What `moreLikeFirst` found, and whether it ranked every transcript's passages. */
export interface FirstPassages {
  found: PassageSuggestion[];
  /** False when transcripts were left uncut: `moreLike` then ranks the whole study. */
  complete: boolean;
}

/**
 * How many transcripts `moreLikeFirst` cuts itself when the background has not cut them yet:
 * about a tenth of a second of work (cutting all 1,000 transcripts of a 50,000-highlight study
 * is about 4 s). A count, not a clock, so what is offered never depends on the machine's speed.
 */
export const FIRST_TRANSCRIPTS = 25;

/** How many nearest coded passages vote for tags. */
export const NEIGHBOURS = 10;
/** How much a tag's share of the coding weighs against the neighbours' votes (which sum to 1). */
const PRIOR_WEIGHT = 1;
/** How many of a tag's commonest distinctive terms make its profile. */
const PROFILE_TERMS = 60;
/** Turns longer than this many words are offered a few sentences at a time. */
const LONG_TURN_WORDS = 80;
const CHUNK_WORDS = 50;

export class SuggestionIndex {
  private analyzer: Analyzer | undefined;
  private readonly coded = new Bm25Index<CodedPassage>();
  /** Per highlights file: the version it was indexed at and its highlight ids. */
  private readonly files = new Map<string, { version: string | undefined; ids: string[] }>();
  /** Coded passages per tag. */
  private readonly tagCounts = new Map<string, number>();
  /** Where the candidate passages are: a row number each, which is also its key in `candidates`. */
  private readonly places = new PassagePlaces();
  /** Candidate passages, per transcript: the hash they were cut from and their rows. */
  private readonly candidates = new Bm25Index<number, number>((a, b) => this.places.key(a) < this.places.key(b));
  private readonly cut = new Map<string, { hash: string; rows: Uint32Array }>();
  /** The cutting under way, which a second caller waits on rather than repeating. */
  private cutting: Promise<void> | undefined;
  private indexedFor: Workspace | undefined;
  private languageSure = false;

  /** The language the study's passages were found to be in (known after the first `of`). */
  get language(): string | undefined {
    return this.analyzer?.language;
  }

  /** Coded passages indexed. */
  get size(): number {
    return this.coded.size;
  }

  /** How many coded passages carry the tag. */
  codedWith(tag: string): number {
    return this.tagCounts.get(tag) ?? 0;
  }

  /** Brings the index up to date with the study, re-reading only highlights files that changed. */
  of(ws: Workspace): this {
    for (const _ of this.update(ws));
    return this;
  }

  /**
   * Like `of`, in slices: `pause` is awaited after every highlights file (a first build over
   * 50,000 highlights is seconds of work, and must not hold up the editor meanwhile).
   */
  async warm(ws: Workspace, pause: () => Promise<void>): Promise<this> {
    for (const _ of this.update(ws)) await pause();
    return this;
  }

  /** Brings the index up to date, yielding after each highlights file read. */
  private *update(ws: Workspace): Generator<void> {
    if (this.indexedFor === ws) return;
    this.chooseLanguage(ws);
    const analyzer = this.analyzer!;
    const { changed, stale } = highlightsFilesChanged(ws, this.files);
    for (const path of stale) {
      // Another update running at the same time may have taken it out already.
      for (const id of this.files.get(path)?.ids ?? []) this.uncount(id);
      this.files.delete(path);
    }
    for (const f of changed) {
      const ids: string[] = [];
      for (const h of f.highlights) {
        if (h.tags.length === 0) continue;
        this.uncount(h.id); // a highlight moved here from a file not yet re-read
        this.coded.add(h.id, analyzer.terms(h.quote), codedPassage(h, f.source));
        for (const tag of new Set(h.tags)) this.tagCounts.set(tag, (this.tagCounts.get(tag) ?? 0) + 1);
        ids.push(h.id);
      }
      this.files.set(f.path, { version: ws.versions.get(f.path), ids });
      yield;
    }
    this.indexedFor = ws;
  }

  /**
   * The study's language, told from its coded passages once they hold words enough; when it
   * turns out other than the one indexed with (a study coded from nothing), all is re-indexed.
   */
  private chooseLanguage(ws: Workspace): void {
    if (this.analyzer && this.languageSure) return;
    const { language, words } = detectLanguage(sampleQuotes(ws));
    this.languageSure = words >= 200;
    if (this.analyzer?.language === language) return;
    this.analyzer = new Analyzer(language);
    for (const known of this.files.values()) for (const id of known.ids) this.uncount(id);
    this.files.clear();
    for (const known of this.cut.values()) this.dropCut(known.rows);
    this.cut.clear();
  }

  /** Takes a coded passage out of the index and its tags out of the counts. */
  private uncount(id: string): void {
    for (const tag of new Set(this.coded.value(id)?.tags ?? [])) {
      const n = this.tagCounts.get(tag)! - 1;
      if (n > 0) this.tagCounts.set(tag, n);
      else this.tagCounts.delete(tag);
    }
    this.coded.remove(id);
  }

  /** The tags of the coded passages most like `text`, best first. Empty when nothing is alike. */
  suggestTags(text: string, options: SuggestOptions = {}): TagSuggestion[] {
    const analyzer = this.analyzer ?? new Analyzer();
    const ignore = new Set(options.ignore ?? []);
    const except = new Set(options.except ?? []);
    const near = this.coded.search(analyzer.terms(text), NEIGHBOURS, (_, id) => !ignore.has(id));
    const total = near.reduce((sum, n) => sum + n.score, 0);
    const byTag = new Map<string, { score: number; like: CodedPassage[] }>();
    for (const { value, score } of near) {
      for (const tag of new Set(value.tags)) {
        const entry = byTag.get(tag) ?? { score: 0, like: [] };
        entry.score += score / total;
        entry.like.push(value);
        byTag.set(tag, entry);
      }
    }
    const coded = this.coded.size - ignore.size;
    for (const [tag, n] of this.tagCounts) {
      const entry = byTag.get(tag) ?? { score: 0, like: [] };
      entry.score += (PRIOR_WEIGHT * n) / Math.max(1, coded);
      byTag.set(tag, entry);
    }
    return [...byTag]
      .filter(([tag]) => !except.has(tag) && !options.rejected?.(tag))
      .sort(([a, x], [b, y]) => y.score - x.score || (a < b ? -1 : 1))
      .slice(0, options.limit ?? 3)
      .map(([tag, { score, like }]) => ({ tag, score, like, reason: reasonFor(tag, like.length, this.tagCounts.get(tag) ?? 0) }));
  }

  /**
   * "Find more like this": passages of the study's transcripts not yet under `tag`, most like
   * its coded passages first. `textOf` reads a transcript's normalised text; it is asked only
   * for transcripts whose text changed since the last call.
   */
  async moreLike(ws: Workspace, tag: string, textOf: (source: string) => Promise<string | undefined>, options: MoreLikeOptions = {}): Promise<PassageSuggestion[]> {
    await this.warmPassages(ws, textOf, options.pause ?? (() => Promise.resolve()));
    return this.offer(ws, tag, textOf, options);
  }

  /**
   * "Find more like this" at once, while the background is still cutting the transcripts: the
   * passages cut so far and those of the FIRST_TRANSCRIPTS transcripts that hold most of the
   * tag's highlights (cut now if not yet) — where passages like them are likeliest — ranked
   * without waiting for the rest. `complete` says whether that was the whole study; when it was
   * not, `moreLike` afterwards ranks everything (and waits for the cutting).
   */
  async moreLikeFirst(ws: Workspace, tag: string, textOf: (source: string) => Promise<string | undefined>, options: MoreLikeOptions = {}): Promise<FirstPassages> {
    const pause = options.pause ?? (() => Promise.resolve());
    await this.warm(ws, pause);
    this.dropStale(ws);
    const used = new Map<string, number>();
    for (const f of ws.highlightFiles.values()) for (const h of f.highlights) if (h.tags.includes(tag)) used.set(f.source, (used.get(f.source) ?? 0) + 1);
    const first = [...used]
      .filter(([source]) => !this.cut.has(source) && ws.transcripts.has(source))
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, options.firstTranscripts ?? FIRST_TRANSCRIPTS);
    for (const [source] of first) {
      await this.cutTranscript(ws.transcripts.get(source)!, textOf);
      await pause();
    }
    const complete = [...ws.transcripts.keys()].every((source) => this.cut.has(source));
    return { found: await this.offer(ws, tag, textOf, options), complete };
  }

  /** The passages cut so far most like `tag`'s, read back, without those turned down. */
  private async offer(ws: Workspace, tag: string, textOf: (source: string) => Promise<string | undefined>, options: MoreLikeOptions): Promise<PassageSuggestion[]> {
    const limit = options.limit ?? 20;
    // Passages turned down are told by their words, read back only for the ones ranked: rank
    // as many as wanted, and again with twice as many while those turned down leave too few.
    for (let wanted = limit; ; wanted *= 2) {
      const ranked = this.ranked(ws, tag, this.candidates, (row) => this.places.place(row), wanted);
      const texts = new Map<string, CodePointIndex | undefined>();
      const offered: PassageSuggestion[] = [];
      for (const found of ranked) {
        const { source } = found.passage;
        if (!texts.has(source)) {
          const text = await textOf(source);
          texts.set(source, text === undefined ? undefined : new CodePointIndex(text));
        }
        const words = texts.get(source);
        if (!words) continue;
        const passage = { ...found.passage, text: words.text.slice(words.toUtf16(found.passage.start), words.toUtf16(found.passage.end)) };
        if (!options.rejected?.(passage)) offered.push({ ...found, passage });
      }
      if (offered.length >= limit || ranked.length < wanted) return offered.slice(0, limit);
    }
  }

  /**
   * Cuts the study's transcripts into the passages find-more-like-this ranks (only those whose
   * text changed since), with `pause` awaited between transcripts: the editor does this in the
   * background once a study is open, so that the first Find More Like This need not.
   */
  async warmPassages(ws: Workspace, textOf: (source: string) => Promise<string | undefined>, pause: () => Promise<void>): Promise<void> {
    // A cutting given up part way (its pause threw: the background work was superseded) is resumed here.
    while (this.cutting) await this.cutting.catch(() => undefined);
    await this.warm(ws, pause);
    this.cutting = this.cutPassages(ws, textOf, pause).finally(() => (this.cutting = undefined));
    await this.cutting;
  }

  /** Like `moreLike`, over the given passages instead of the study's transcripts. */
  rankPassages(ws: Workspace, tag: string, passages: readonly Passage[], options: MoreLikeOptions = {}): PassageSuggestion[] {
    this.of(ws);
    const pool = new Bm25Index<Passage>();
    passages.forEach((p, i) => pool.add(String(i), this.analyzer!.terms(p.text), p));
    return this.ranked(ws, tag, pool, (p) => p, options.limit ?? 20, options.rejected);
  }

  /** Candidate passages cut from the transcripts so far. */
  get candidateCount(): number {
    return this.candidates.size;
  }

  /** The passages of `pool` most like `tag`'s, each read as a place (or passage) by `placeOf`. */
  private ranked<V, K extends string | number, P extends PassagePlace>(
    ws: Workspace,
    tag: string,
    pool: Bm25Index<V, K>,
    placeOf: (value: V) => P,
    limit: number,
    rejected?: (p: P) => boolean,
  ): { passage: P; score: number; like: CodedPassage | undefined; reason: string }[] {
    const analyzer = this.analyzer!;
    const examples: CodedPassage[] = [];
    for (const f of ws.highlightFiles.values()) for (const h of f.highlights) if (h.tags.includes(tag)) examples.push(codedPassage(h, f.source));
    if (examples.length === 0) return [];
    const profile = this.profileOf(examples.map((e) => this.coded.termsOf(e.id) ?? analyzer.terms(e.quote)));
    const under = coveredBy(ws, tag);
    const found = pool.search(profile, limit, (value) => {
      const p = placeOf(value);
      return !overlaps(under.get(p.source), p) && !rejected?.(p);
    });
    const ofTag = new Set(examples.map((e) => e.id));
    return found.map(({ key, value, score }) => {
      const like = this.coded.search(pool.termsOf(key) ?? [], 1, (_, id) => ofTag.has(id))[0]?.value;
      return { passage: placeOf(value), score, like, reason: like ? `like “${snippet(like.quote)}” (coded ${tag})` : `like the passages coded ${tag}` };
    });
  }

  /** A tag's profile: the terms its passages share, by how many use each times its rarity in the study. */
  private profileOf(passages: readonly (readonly string[])[]): Map<string, number> {
    const used = new Map<string, number>();
    for (const terms of passages) for (const term of new Set(terms)) used.set(term, (used.get(term) ?? 0) + 1);
    const weighted = [...used].map(([term, n]) => [term, n * this.coded.idf(term)] as const).filter(([, w]) => w > 0);
    weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = weighted.slice(0, PROFILE_TERMS);
    const max = top[0]?.[1] ?? 1;
    return new Map(top.map(([term, w]) => [term, w / max]));
  }

  /** Cuts the transcripts whose text changed into candidate passages. */
  private async cutPassages(ws: Workspace, textOf: (source: string) => Promise<string | undefined>, pause: () => Promise<void>): Promise<void> {
    this.dropStale(ws);
    for (const t of ws.transcripts.values()) {
      if (this.cut.has(t.path)) continue;
      await this.cutTranscript(t, textOf);
      await pause();
    }
  }

  /** Takes out the passages of transcripts whose text changed (or that are gone). */
  private dropStale(ws: Workspace): void {
    for (const [source, known] of this.cut) {
      if (ws.transcripts.get(source)?.hash === known.hash) continue;
      this.dropCut(known.rows);
      this.cut.delete(source);
    }
  }

  /** Cuts one transcript into candidate passages, unless another caller did while its text was read. */
  private async cutTranscript(t: Transcript, textOf: (source: string) => Promise<string | undefined>): Promise<void> {
    const text = await textOf(t.path);
    if (text === undefined || this.cut.has(t.path)) return;
    const analyzer = this.analyzer!;
    const rows: number[] = [];
    for (const p of passagesOf(t, text)) {
      const terms = analyzer.terms(p.text);
      if (terms.length === 0) continue;
      const row = this.places.add(p);
      this.candidates.add(row, terms, row);
      rows.push(row);
    }
    this.cut.set(t.path, { hash: t.hash, rows: Uint32Array.from(rows) });
  }

  /** Takes a transcript's passages out of the candidates and frees their rows. */
  private dropCut(rows: Uint32Array): void {
    for (const row of rows) this.candidates.remove(row);
    this.places.release(rows);
  }
}

/**
 * The passages find-more-like-this offers from a transcript: its turns, and a long turn a
 * few sentences at a time (a researcher codes a point, not a monologue). A transcript
 * without turns is cut at blank lines.
 */
export function passagesOf(t: Pick<Transcript, 'path' | 'turns'>, text: string): Passage[] {
  // Offsets are code points; the cutting works on UTF-16 offsets, and a passage's text is a
  // slice of the transcript's (no copy of the whole text per turn: this runs over every transcript).
  const index = new CodePointIndex(text);
  const turns: readonly { start: number; end: number; speaker?: string }[] = t.turns.length > 0 ? t.turns : paragraphs(text, index);
  const out: Passage[] = [];
  for (const turn of turns) {
    const speaker = turn.speaker ? { speaker: turn.speaker } : {};
    const [from, to] = [index.toUtf16(turn.start), index.toUtf16(turn.end)];
    if (wordCount(text, from, to) <= LONG_TURN_WORDS) {
      out.push({ source: t.path, start: turn.start, end: turn.end, text: text.slice(from, to), ...speaker });
      continue;
    }
    for (const [s, e] of chunks(text, from, to, CHUNK_WORDS)) out.push({ source: t.path, start: index.toCodePoint(s), end: index.toCodePoint(e), text: text.slice(s, e), ...speaker });
  }
  return out;
}

/** Sentences of text[from, to) grouped up to about `words` words, as UTF-16 ranges. */
function chunks(text: string, from: number, to: number, words: number): [number, number][] {
  const sentences: [number, number][] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (SENTENCE_END.has(text.charCodeAt(i)) && (i + 1 === to || isSpace(text.charCodeAt(i + 1)))) {
      sentences.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < to) sentences.push([start, to]);
  const out: [number, number][] = [];
  let open: [number, number] | undefined;
  let count = 0;
  for (const [s, e] of sentences) {
    const n = wordCount(text, s, e);
    if (open && count + n > words) {
      out.push(trimmed(text, open));
      open = undefined;
      count = 0;
    }
    open = open ? [open[0], e] : [s, e];
    count += n;
  }
  if (open) out.push(trimmed(text, open));
  return out.filter(([s, e]) => e > s);
}

const SENTENCE_END = new Set([...'.!?…'].map((c) => c.charCodeAt(0)));

/** Whether a UTF-16 unit is white space as `\s` reads it (every such character is in the BMP). */
function isSpace(unit: number): boolean {
  return unit <= 0x20 ? unit === 0x20 || (unit >= 0x09 && unit <= 0x0d) : unit >= 0x80 && /\s/.test(String.fromCharCode(unit));
}

/** Runs of non-space characters in text[from, to), counted without cutting the text. */
function wordCount(text: string, from: number, to: number): number {
  let n = 0;
  let inWord = false;
  for (let i = from; i < to; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

function trimmed(text: string, [s, e]: [number, number]): [number, number] {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return [s, e];
}

/** Blank-line-separated blocks of a text without turns, trimmed, as code-point ranges. */
function paragraphs(text: string, index: CodePointIndex): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let at = 0;
  for (const block of text.split(/(\n[ \t]*\n)/)) {
    if (block.trim() && !/^\n[ \t]*\n$/.test(block)) {
      const [s, e] = trimmed(text, [at, at + block.length]);
      out.push({ start: index.toCodePoint(s), end: index.toCodePoint(e) });
    }
    at += block.length;
  }
  return out;
}

function codedPassage(h: Highlight, source: string): CodedPassage {
  return { id: h.id, source, quote: h.quote, tags: h.tags };
}

/** Where the highlights carrying `tag` are, per transcript. */
function coveredBy(ws: Workspace, tag: string): Map<string, { start: number; end: number }[]> {
  const out = new Map<string, { start: number; end: number }[]>();
  for (const f of ws.highlightFiles.values()) {
    for (const h of f.highlights) {
      if (!h.tags.includes(tag)) continue;
      const r = ws.anchoring.get(h.id);
      const place = r && r.state !== 'orphaned' ? r : h;
      const list = out.get(f.source) ?? [];
      list.push({ start: place.start, end: place.end });
      out.set(f.source, list);
    }
  }
  return out;
}

function overlaps(ranges: readonly { start: number; end: number }[] | undefined, p: PassagePlace): boolean {
  return !!ranges?.some((r) => r.start < p.end && p.start < r.end);
}

function reasonFor(tag: string, alike: number, used: number): string {
  if (alike > 0) return `like ${alike} ${alike === 1 ? 'passage' : 'passages'} coded ${tag}`;
  return `often used: ${used} ${used === 1 ? 'passage' : 'passages'} coded ${tag}`;
}

/** The first words of a quote, for a reason. */
export function snippet(quote: string, max = 60): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max
    ? chars
        .slice(0, max - 1)
        .join('')
        .trimEnd() + '…'
    : flat;
}

/** The first 400 coded quotes, to tell the study's language. */
function* sampleQuotes(ws: Workspace): Iterable<string> {
  let n = 0;
  for (const f of ws.highlightFiles.values()) {
    for (const h of f.highlights) {
      yield h.quote;
      if (++n >= 400) return;
    }
  }
}
