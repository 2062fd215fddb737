/**
 * The last row of the edit-distance programme between a pattern and a text, 32 pattern
 * characters at a time (Myers' bit-vector algorithm, in Hyyrö's formulation): the same
 * numbers as the classic cell-by-cell programme, in about a thirty-second of the work.
 *
 * approx-string-match runs the same algorithm, but builds its tables anew on every call and
 * reports only the best match ends; anchoring searches one quote in many short stretches and
 * also needs the distance at every end (to fit a highlight's boundaries and to compare
 * contexts), so the quote is compiled once (`Pattern`) and the whole row is returned.
 *
 * Characters are UTF-16 units compared for equality.
 */

const W = 32;

/**
 * Entry j is the edit distance from the whole `pattern` to text ending at j, the text
 * starting at its beginning (`freeStart` false: distance to text.slice(0, j)) or anywhere
 * (`freeStart` true: the best of text.slice(i, j) over i). The text is text.slice(from, to),
 * read from its end when `backwards` (without copying it). Written into `into` when it is
 * long enough (entries past n are left as they were).
 */
export function lastRow(pattern: string | Pattern, text: string, freeStart: boolean, from = 0, to = text.length, backwards = false, into?: Int32Array): Int32Array {
  const compiled = typeof pattern === 'string' ? compile(pattern) : pattern;
  const m = compiled.length;
  const n = Math.max(0, to - from);
  const row = into && into.length > n ? into : new Int32Array(n + 1);
  if (m === 0) {
    for (let j = 0; j <= n; j++) row[j] = freeStart ? 0 : j;
    return row;
  }
  const { blocks, masks: peq } = compiled;
  const bits = peq.bits;
  if (blocks === 1) return oneBlockRow(compiled, text, freeStart, from, n, backwards, row);
  const { P, M } = blockState(blocks);
  P.fill(~0, 0, blocks);
  M.fill(0, 0, blocks);
  const lastBit = (m - 1) % W;
  const topIn = freeStart ? 0 : 1;
  let score = m;
  row[0] = m;
  // Read forwards from `from` or backwards from `to`, without a branch per unit.
  const step = backwards ? -1 : 1;
  const first = backwards ? to - 1 : from;
  for (let j = 0; j < n; j++) {
    const eqs = peq.offsetOf(text.charCodeAt(first + step * j));
    let hIn = topIn;
    for (let b = 0; b < blocks; b++) hIn = advanceBlock(P, M, b, bits[eqs + b]!, hIn, b === blocks - 1 ? lastBit : 31);
    score += hIn;
    row[j + 1] = score;
  }
  return row;
}

/**
 * One block's step over one text unit (Hyyrö's formulation): updates the block's vertical
 * deltas P[b] and M[b] given the unit's mask `peq` and the horizontal delta coming in from
 * the block above (+1, 0, -1), and returns the one going out at bit `out`.
 */
function advanceBlock(P: Int32Array, M: Int32Array, b: number, peq: number, hIn: number, out: number): number {
  const pV = P[b]!;
  const mV = M[b]!;
  // Without branches (which the data would make unpredictable): hIn's sign as bits.
  const negative = hIn >>> 31;
  const positive = (hIn + 1) >> 1;
  const eq = peq | negative;
  const xV = eq | mV;
  // `| 0`: the sum wraps as in 32-bit arithmetic, and V8 keeps it an integer.
  const xH = ((((eq & pV) + pV) | 0) ^ pV) | eq;
  const pH = mV | ~(xH | pV);
  const mH = pV & xH;
  // (pH and mH never share a bit.)
  const hOut = ((pH >>> out) & 1) - ((mH >>> out) & 1);
  const pShifted = (pH << 1) | positive;
  const mShifted = (mH << 1) | negative;
  P[b] = mShifted | ~(xV | pShifted);
  M[b] = pShifted & xV;
  return hOut;
}

/**
 * lastRow of a search (`freeStart`, forwards over the whole text) where only entries of at
 * most `maxErrors` matter: the others come out as maxErrors + 1 (see {@link budgetedRow}).
 */
export function searchRow(compiled: Pattern, text: string, maxErrors: number, into: Int32Array): Int32Array {
  return budgetedRow(compiled, text, maxErrors, true, 0, text.length, false, into);
}

/**
 * {@link lastRow} where only entries of at most `maxErrors` matter: the others come out as
 * maxErrors + 1. Blocks whose every cell exceeds the budget are not computed (Ukkonen's
 * cut-off, in the block form of Myers 1999 and edlib): a block is added below the last
 * computed one when its top can come within the budget and dropped when its bottom is out
 * of reach, so a quote searched with a small budget costs a block or two per character
 * instead of all of them. Starting at the text's beginning (`freeStart` false), the blocks
 * above are dropped too once out of reach (row i of column j costs at least j − i), so only
 * a band around the diagonal is computed: what finding where a match starts needs. Entries
 * within the budget are the exact distances (checked against the classic programme on
 * random strings).
 */
export function budgetedRow(compiled: Pattern, text: string, maxErrors: number, freeStart: boolean, from: number, to: number, backwards: boolean, into: Int32Array): Int32Array {
  const n = Math.max(0, to - from);
  const row = into.length > n ? into : new Int32Array(n + 1);
  const over = maxErrors + 1;
  const { blocks, length: m, masks: peq } = compiled;
  if (m === 0) {
    for (let j = 0; j <= n; j++) row[j] = Math.min(freeStart ? 0 : j, over);
    return row;
  }
  const bits = peq.bits;
  const rowsOf = (b: number) => (b === blocks - 1 ? m - b * W : W);
  const lastBit = (m - 1) % W;
  const { P, M, score } = blockState(blocks);
  // The blocks computed are top..y. Column 0: row i is i (the empty text).
  let top = 0;
  let y = Math.min(blocks - 1, Math.max(0, Math.ceil(maxErrors / W) - 1));
  for (let b = 0; b <= y; b++) {
    P[b] = ~0;
    M[b] = 0;
    // Entry b: the distance at the bottom row of block b, in the current column.
    score[b] = b * W + rowsOf(b);
  }
  row[0] = y === blocks - 1 ? Math.min(m, over) : over;
  const lastBlock = blocks - 1;
  const topIn = freeStart ? 0 : 1;
  // Read forwards from `from` or backwards from `to`, without a branch per unit.
  const step = backwards ? -1 : 1;
  const first = backwards ? to - 1 : from;
  for (let j = 0; j < n; j++) {
    const eqs = peq.offsetOf(text.charCodeAt(first + step * j));
    // (Into the first block computed: the top row's step, or, once the blocks above it are
    // dropped, a row above it rising by one per column, whose every cell is out of reach as
    // theirs were, so that the cells within the budget below come out the same.)
    let hIn = topIn;
    for (let b = top; b <= y; b++) {
      hIn = advanceBlock(P, M, b, bits[eqs + b]!, hIn, b === lastBlock ? lastBit : 31);
      score[b] = score[b]! + hIn;
    }
    // The next block joins when its top can be within the budget: the bottom of the block
    // above was, in the previous column, and this column's step can lower it.
    while (y < lastBlock && score[y]! - hIn <= maxErrors && ((bits[eqs + y + 1]! & 1) !== 0 || hIn < 0)) {
      const b = y + 1;
      P[b] = ~0;
      M[b] = 0;
      score[b] = score[y]! - hIn + rowsOf(b);
      y = b;
      hIn = advanceBlock(P, M, b, bits[eqs + b]!, hIn, b === lastBlock ? lastBit : 31);
      score[b] = score[b]! + hIn;
    }
    // A block whose bottom is this far over the budget has every cell over it.
    while (y > top && score[y]! >= maxErrors + rowsOf(y)) y--;
    // From the text's beginning, such a block at the top stays out of reach in every later
    // column (any path to a cell below crosses this column in it or above it).
    if (!freeStart) while (top < y && score[top]! >= maxErrors + W) top++;
    row[j + 1] = y === blocks - 1 && score[y]! <= maxErrors ? score[y]! : over;
  }
  return row;
}

/**
 * lastRow for a pattern of at most 32 units (a stored context, a short quote): the same
 * step with the block's vectors in locals, which is most of the calls.
 */
function oneBlockRow(compiled: Pattern, text: string, freeStart: boolean, from: number, n: number, backwards: boolean, row: Int32Array): Int32Array {
  const peq = compiled.masks;
  const m = compiled.length;
  const lastBit = m - 1;
  const topIn = freeStart ? 0 : 1;
  const step = backwards ? -1 : 1;
  const first = backwards ? from + n - 1 : from;
  let pV = ~0;
  let mV = 0;
  let score = m;
  row[0] = m;
  for (let j = 0; j < n; j++) {
    const eq = peq.first(text.charCodeAt(first + step * j)) | 0;
    const xV = eq | mV;
    const xH = ((((eq & pV) + pV) | 0) ^ pV) | eq;
    let pH = mV | ~(xH | pV);
    let mH = pV & xH;
    score += ((pH >>> lastBit) & 1) - ((mH >>> lastBit) & 1);
    pH = (pH << 1) | topIn;
    mH = mH << 1;
    pV = mH | ~(xV | pH);
    mV = pH & xV;
    row[j + 1] = score;
  }
  return row;
}

/**
 * A row read once and dropped (a minimum, the ends of the best matches, the errors at each
 * possible boundary), written into this rather than into a new array per call: anchoring
 * one transcript makes thousands of such rows, and allocating them was a good part of its
 * time. Each user keeps its own, so that no row is overwritten while still read.
 */
export class RowBuffer {
  private row = new Int32Array(1024);

  /** Room for a row of n + 1 entries (the previous row's entries are not kept). */
  for(n: number): Int32Array {
    if (this.row.length <= n) this.row = new Int32Array(Math.max(n + 1, 2 * this.row.length));
    return this.row;
  }
}

const minimumRows = new RowBuffer();
const matchRows = new RowBuffer();
const startRows = new RowBuffer();

/**
 * The vertical deltas and bottom scores of a multi-block pattern's blocks, shared by every
 * row computed (one at a time: none of them calls another while computing).
 */
let blocksState = { P: new Int32Array(16), M: new Int32Array(16), score: new Int32Array(16) };

function blockState(blocks: number): typeof blocksState {
  if (blocksState.P.length < blocks) {
    const size = Math.max(blocks, 2 * blocksState.P.length);
    blocksState = { P: new Int32Array(size), M: new Int32Array(size), score: new Int32Array(size) };
  }
  return blocksState;
}

/** The smallest entry of {@link lastRow}'s row (capped at `cap`), without keeping the row. */
export function fewestInRow(pattern: Pattern, text: string, freeStart: boolean, from: number, to: number, backwards: boolean, cap: number): number {
  const n = Math.max(0, to - from);
  const row = lastRow(pattern, text, freeStart, from, to, backwards, minimumRows.for(n));
  let best = cap;
  for (let j = 0; j <= n; j++) if (row[j]! < best) best = row[j]!;
  return best;
}

/** Patterns compiled lately: the same contexts and quotes are compared at many offsets. */
const recent = new Map<string, Pattern>();
const RECENT_PATTERNS = 4096;

/** The pattern compiled, from the recent ones when it was compiled lately. */
export function compile(text: string): Pattern {
  let p = recent.get(text);
  if (!p) {
    if (recent.size >= RECENT_PATTERNS) recent.clear();
    recent.set(text, (p = new Pattern(text)));
  }
  return p;
}

/** A pattern compiled for searching: its masks, built once for every stretch it is searched in. */
export class Pattern {
  readonly length: number;
  readonly blocks: number;
  readonly masks: PatternMasks;

  /**
   * `backwards`: the pattern is `text` read from its end, unit by unit (built without
   * reversing the string). Surrogate pairs come out split the same way as in a text read
   * backwards, which is all an equality-based distance needs.
   */
  constructor(
    readonly text: string,
    private readonly backwards = false,
  ) {
    this.length = text.length;
    this.blocks = Math.ceil(text.length / W);
    this.masks = new PatternMasks(text, this.blocks, backwards);
  }

  /**
   * The same pattern backwards, for finding where a match ending at a known place starts.
   * Kept by this pattern rather than among the recent ones: it is only reached through it.
   */
  reversed(): Pattern {
    return (this.other ??= new Pattern(this.text, !this.backwards));
  }

  private other?: Pattern;
}

export interface Match {
  start: number;
  end: number;
  errors: number;
}

/**
 * The approximate matches of `pattern` in `text` with the fewest errors, if no more than
 * `maxErrors`: every end with that count, each with the earliest start that keeps it (the
 * longest match). approx-string-match's contract, with a compiled pattern. `likely`: whether
 * a close match is expected there (see below); the matches are the same either way.
 */
export function bestMatches(pattern: Pattern, text: string, maxErrors: number, likely = true): Match[] {
  if (pattern.length === 0) return [];
  const n = text.length;
  let row: Int32Array;
  let fewest: number;
  if (pattern.blocks === 1) {
    row = lastRow(pattern, text, true, 0, n, false, matchRows.for(n));
    fewest = fewestOf(row, n, maxErrors);
  } else {
    // Most quotes searched where they are expected are nearly intact: with a budget of an
    // eighth of the quote the cut-off computes a block or two per character, and what it
    // finds within that budget are the best matches the whole budget would give. Only when
    // nothing is that close is the whole budget spent. (Where a close match is unlikely, as
    // where rivals are looked for, the whole budget straight away costs less.)
    const tight = likely ? Math.min(maxErrors, Math.ceil(pattern.length / 8)) : maxErrors;
    row = searchRow(pattern, text, tight, matchRows.for(n));
    fewest = fewestOf(row, n, tight);
    if (fewest > tight && tight < maxErrors) {
      row = searchRow(pattern, text, maxErrors, matchRows.for(n));
      fewest = fewestOf(row, n, maxErrors);
    }
  }
  if (fewest > maxErrors) return [];
  const ends: number[] = [];
  for (let end = 1; end <= n; end++) if (row[end] === fewest) ends.push(end);
  const out: Match[] = [];
  for (const end of ends) {
    const from = Math.max(0, end - pattern.length - fewest);
    // Entry k: the distance from the pattern to the k units ending at `end` (only `fewest`
    // matters: none is lower, `end` being a best match's end).
    const into = startRows.for(end - from);
    const back = pattern.blocks === 1 ? lastRow(pattern.reversed(), text, false, from, end, true, into) : budgetedRow(pattern.reversed(), text, fewest, false, from, end, true, into);
    let longest = 0;
    for (let k = end - from; k >= 0; k--) {
      if (back[k] === fewest) {
        longest = k;
        break;
      }
    }
    out.push({ start: end - longest, end, errors: fewest });
  }
  return out;
}

/** The smallest of row[1..n], or cap + 1 when none is at most `cap`. */
function fewestOf(row: Int32Array, n: number, cap: number): number {
  let fewest = cap + 1;
  for (let j = 1; j <= n; j++) if (row[j]! < fewest) fewest = row[j]!;
  return fewest;
}

/**
 * For each character of the pattern, the bits of the positions where it occurs, per block:
 * one flat array, a row of `blocks` masks per ASCII unit, then one per other unit the
 * pattern has, then a row of zeros for every unit it does not have (one allocation per
 * pattern: thousands are compiled per transcript).
 */
class PatternMasks {
  readonly bits: Int32Array;
  /** Rows of the non-ASCII units the pattern has (none for most patterns). */
  private readonly otherRows?: Map<number, number>;
  private readonly noneRow: number;

  constructor(
    pattern: string,
    private readonly blocks: number,
    backwards: boolean,
  ) {
    const n = pattern.length;
    for (let i = 0; i < n; i++) {
      const c = pattern.charCodeAt(i);
      if (c < 128) continue;
      this.otherRows ??= new Map();
      if (!this.otherRows.has(c)) this.otherRows.set(c, 128 + this.otherRows.size);
    }
    this.noneRow = 128 + (this.otherRows?.size ?? 0);
    this.bits = new Int32Array((this.noneRow + 1) * blocks);
    for (let i = 0; i < n; i++) {
      const at = this.rowOf(pattern.charCodeAt(backwards ? n - 1 - i : i)) * blocks + (i >> 5);
      this.bits[at] = this.bits[at]! | (1 << (i & 31));
    }
  }

  /** Where the masks of unit `c` begin in {@link bits}. */
  offsetOf(c: number): number {
    return this.rowOf(c) * this.blocks;
  }

  /** The first block's mask (all a one-block pattern has). */
  first(c: number): number {
    return this.bits[this.rowOf(c) * this.blocks]!;
  }

  private rowOf(c: number): number {
    return c < 128 ? c : (this.otherRows?.get(c) ?? this.noneRow);
  }
}
