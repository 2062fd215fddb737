/**
 * The postings of the full-text index (fulltext.ts): for each term, where it occurs, as
 * (document number, slot) pairs sorted by document, then slot. A query reads the postings of
 * its own terms only, each term's as one run of two flat arrays ({@link PostingList}), in both
 * of the index's parts:
 * - {@link FrozenPostings}: every term's postings in one pair of arrays, terms sorted;
 * - {@link GrowingPostings}: the documents added since the last compaction, each term's
 *   postings in arrays of its own that grow as it does. (They were kept in the order added, so
 *   every query word read all of them: after twenty tags at 200,000 highlights, 120,000
 *   postings per word of the search box.)
 */

/**
 * A posting's slot packs the field (2 bits) and the token's position in it (14 bits), so a
 * posting is 6 bytes. Positions saturate at 16,383: later tokens are still found by word,
 * but phrases only within a field's first 16,383 tokens (a highlight, not a whole
 * transcript, is what gets indexed).
 */
export const FIELD_SHIFT = 14;
export const MAX_POSITION = (1 << FIELD_SHIFT) - 1;
/** Slots per document: a posting's key, `document × SLOTS + slot`, orders postings as the lists are sorted. */
export const SLOTS = 1 << 16;
export const QUOTE = 0;
export const NOTE = 1;
export const TAGS = 2;
export const META = 3;
/** Rank weight of a match per field: the quote is what the researcher reads in the list. */
export const FIELD_WEIGHT: readonly number[] = [8, 4, 4, 2];

export function slotOf(field: number, position: number): number {
  return (field << FIELD_SHIFT) | Math.min(position, MAX_POSITION);
}

export function fieldOf(slot: number): number {
  return slot >>> FIELD_SHIFT;
}

/** One term's postings: entries `start … end - 1` of `docs` and `slots`, sorted by (document, slot). */
export interface PostingList {
  /** The term is the query token itself, not a longer word it begins. */
  readonly exact: boolean;
  readonly docs: Uint32Array;
  readonly slots: Uint16Array;
  readonly start: number;
  readonly end: number;
}

/** How many postings the lists hold together. */
export function postingCount(lists: readonly PostingList[]): number {
  let count = 0;
  for (const list of lists) count += list.end - list.start;
  return count;
}

/** Whether a posting with this key (`document × SLOTS + slot`) is in the list: a binary search. */
export function listHas(list: PostingList, key: number): boolean {
  const { docs, slots } = list;
  let lo = list.start;
  let hi = list.end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = docs[mid]! * SLOTS + slots[mid]!;
    if (at === key) return true;
    if (at < key) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** First index whose term is ≥ `key`. */
function lowerBound(terms: readonly string[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Postings frozen into flat arrays: term i (sorted) owns entries `starts[i] … starts[i + 1] - 1`. */
export class FrozenPostings {
  static readonly EMPTY = new FrozenPostings([], new Uint32Array(1), new Uint32Array(0), new Uint16Array(0));

  constructor(
    readonly terms: readonly string[],
    readonly starts: Uint32Array,
    readonly docs: Uint32Array,
    readonly slots: Uint16Array,
  ) {}

  get postingCount(): number {
    return this.docs.length;
  }

  get byteLength(): number {
    return this.starts.byteLength + this.docs.byteLength + this.slots.byteLength;
  }

  /** The postings of `token`, or (prefix) of every term starting with it, a list per term. */
  lists(token: string, prefix: boolean): PostingList[] {
    const lists: PostingList[] = [];
    for (let t = lowerBound(this.terms, token); t < this.terms.length; t++) {
      const term = this.terms[t]!;
      const exact = term === token;
      if (!exact && !(prefix && term.startsWith(token))) break;
      lists.push({ exact, docs: this.docs, slots: this.slots, start: this.starts[t]!, end: this.starts[t + 1]! });
      if (!prefix) break;
    }
    return lists;
  }

  /**
   * Merges parts whose documents are numbered in part order into one, renumbering documents
   * through `renumber` and dropping those it maps to -1 (removed ones).
   */
  static merge(parts: readonly FrozenPostings[], renumber: Int32Array): FrozenPostings {
    const union = parts.map((p) => p.terms).reduce(mergeSortedUnique, []);
    const termIndexIn = parts.map((p) => alignTerms(union, p.terms));
    // Two passes, counting then copying, so the arrays are allocated once at their final size.
    const starts = new Uint32Array(union.length + 1);
    let total = 0;
    for (let u = 0; u < union.length; u++) {
      parts.forEach((part, i) => {
        const t = termIndexIn[i]![u]!;
        if (t < 0) return;
        for (let p = part.starts[t]!; p < part.starts[t + 1]!; p++) if (renumber[part.docs[p]!]! >= 0) total++;
      });
      starts[u + 1] = total;
    }
    const docs = new Uint32Array(total);
    const slots = new Uint16Array(total);
    let at = 0;
    for (let u = 0; u < union.length; u++) {
      parts.forEach((part, i) => {
        const t = termIndexIn[i]![u]!;
        if (t < 0) return;
        for (let p = part.starts[t]!; p < part.starts[t + 1]!; p++) {
          const doc = renumber[part.docs[p]!]!;
          if (doc < 0) continue;
          docs[at] = doc;
          slots[at++] = part.slots[p]!;
        }
      });
    }
    return withoutEmptyTerms(new FrozenPostings(union, starts, docs, slots));
  }
}

/** Drops terms left without postings (all of their documents were removed). */
function withoutEmptyTerms(postings: FrozenPostings): FrozenPostings {
  const { terms, starts } = postings;
  const kept: string[] = [];
  const keptStarts: number[] = [0];
  for (let t = 0; t < terms.length; t++) {
    if (starts[t + 1] === starts[t]) continue;
    kept.push(terms[t]!);
    keptStarts.push(starts[t + 1]!);
  }
  return kept.length === terms.length ? postings : new FrozenPostings(kept, Uint32Array.from(keptStarts), postings.docs, postings.slots);
}

function mergeSortedUnique(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) out.push(a[i++]!);
    else if (b[j]! < a[i]!) out.push(b[j++]!);
    else {
      out.push(a[i++]!);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** For each term of the sorted `union`, its index in the sorted `subset`, or -1. */
function alignTerms(union: readonly string[], subset: readonly string[]): Int32Array {
  const at = new Int32Array(union.length).fill(-1);
  for (let u = 0, s = 0; u < union.length && s < subset.length; u++) if (union[u] === subset[s]) at[u] = s++;
  return at;
}

/** Room for a new term's first postings; a term's arrays double when full. */
const FIRST_CAPACITY = 4;
/** Postings copied between two stops of a freeze in steps. */
const FREEZE_STEP = 1 << 16;

/**
 * Postings of documents added since the last compaction, each term's in arrays of its own (in
 * the order added, which is document order): a query reads its terms' postings only, and
 * adding allocates nothing per posting but a doubling now and then.
 */
export class GrowingPostings {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly termDocs: Uint32Array[] = [];
  private readonly termSlots: Uint16Array[] = [];
  private readonly lengths: number[] = [];
  postingCount = 0;

  get termCount(): number {
    return this.terms.length;
  }

  get byteLength(): number {
    let bytes = 0;
    for (let t = 0; t < this.terms.length; t++) bytes += this.termDocs[t]!.byteLength + this.termSlots[t]!.byteLength;
    return bytes;
  }

  add(term: string, doc: number, slot: number): void {
    let t = this.termIds.get(term);
    if (t === undefined) {
      t = this.terms.push(term) - 1;
      this.termIds.set(term, t);
      this.termDocs.push(new Uint32Array(FIRST_CAPACITY));
      this.termSlots.push(new Uint16Array(FIRST_CAPACITY));
      this.lengths.push(0);
    }
    const at = this.lengths[t]!;
    if (at === this.termDocs[t]!.length) this.grow(t);
    this.termDocs[t]![at] = doc;
    this.termSlots[t]![at] = slot;
    this.lengths[t] = at + 1;
    this.postingCount++;
  }

  private grow(t: number): void {
    const docs = new Uint32Array(this.termDocs[t]!.length * 2);
    docs.set(this.termDocs[t]!);
    const slots = new Uint16Array(docs.length);
    slots.set(this.termSlots[t]!);
    this.termDocs[t] = docs;
    this.termSlots[t] = slots;
  }

  /** The postings of `token`, or (prefix) of every term starting with it, a list per term. */
  lists(token: string, prefix: boolean): PostingList[] {
    const listOf = (t: number): PostingList => ({ exact: this.terms[t] === token, docs: this.termDocs[t]!, slots: this.termSlots[t]!, start: 0, end: this.lengths[t]! });
    if (!prefix) {
      const t = this.termIds.get(token);
      return t === undefined ? [] : [listOf(t)];
    }
    const lists: PostingList[] = [];
    for (let t = 0; t < this.terms.length; t++) if (this.terms[t]!.startsWith(token)) lists.push(listOf(t));
    return lists;
  }

  /** The same postings as flat arrays sorted by term, in steps (a yield now and then) for a build in slices. */
  *freezing(): Generator<void, FrozenPostings> {
    const order = this.terms.map((_, t) => t).sort((a, b) => (this.terms[a]! < this.terms[b]! ? -1 : 1));
    yield;
    const starts = new Uint32Array(order.length + 1);
    order.forEach((t, r) => (starts[r + 1] = starts[r]! + this.lengths[t]!));
    const docs = new Uint32Array(this.postingCount);
    const slots = new Uint16Array(this.postingCount);
    let sinceStop = 0;
    for (let r = 0; r < order.length; r++) {
      const t = order[r]!;
      const length = this.lengths[t]!;
      docs.set(this.termDocs[t]!.subarray(0, length), starts[r]);
      slots.set(this.termSlots[t]!.subarray(0, length), starts[r]);
      if ((sinceStop += length) >= FREEZE_STEP) {
        sinceStop = 0;
        yield;
      }
    }
    return new FrozenPostings(
      order.map((t) => this.terms[t]!),
      starts,
      docs,
      slots,
    );
  }
}

/** Runs a generator of steps to its end, in one piece. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
