/**
 * The diff behind TextDiff (diff-map.ts): diff-match-patch's `diff_main`, run the way its
 * `checklines` mode runs, but with words instead of lines as the coarse unit, then each
 * replaced run re-diffed character by character; collapsed into hunks. With diff-match-patch
 * it is about 25 KB of code that only the git-history path of re-anchoring needs, so the
 * extension loads it on demand (dist/text-diff.js, through diff-port.ts).
 */
import type DiffMatchPatch from 'diff-match-patch';
import { BoundedDiff, DiffBudget } from './bounded-diff';
import type { Hunk } from './diff-port';

const DIFF_DELETE = -1;
const DIFF_INSERT = 1;
const DIFF_EQUAL = 0;

/** The hunks turning `oldText` into `newText`; `complete` is false when the budget of work ran out. */
export function diffHunks(oldText: string, newText: string, budgetSteps: number): { hunks: Hunk[]; complete: boolean } {
  const budget = new DiffBudget(budgetSteps);
  const hunks = hunksOf(wordDiff(new BoundedDiff(budget), oldText, newText));
  return { hunks, complete: !budget.exhausted };
}

/** Collapses a diff into hunks with their offsets in both texts. */
function hunksOf(diffs: readonly DiffMatchPatch.Diff[]): Hunk[] {
  const hunks: Hunk[] = [];
  let oldAt = 0;
  let newAt = 0;
  let open: Hunk | undefined;
  for (const [op, text] of diffs) {
    if (op === DIFF_EQUAL) {
      if (open) hunks.push(open);
      open = undefined;
      oldAt += text.length;
      newAt += text.length;
      continue;
    }
    open ??= { oldStart: oldAt, oldEnd: oldAt, newStart: newAt, newEnd: newAt };
    if (op === DIFF_DELETE) open.oldEnd = oldAt += text.length;
    else open.newEnd = newAt += text.length;
  }
  if (open) hunks.push(open);
  return hunks;
}

// ---------------------------------------------------------------------------------------
// Word-mode diff

/** Tokens: a run of non-space characters with the whitespace after it, or leading whitespace. */
const TOKEN = /\s+|\S+\s*/g;

/** Share of a replaced run that must survive for its character diff to be used. */
const MIN_REFINED_KEPT = 0.5;

/** One UTF-16 unit per distinct token; past this many, the rest of a text is one token. */
const MAX_TOKENS = 65_535;

function wordDiff(differ: BoundedDiff, oldText: string, newText: string): DiffMatchPatch.Diff[] {
  const vocabulary = new TokenVocabulary();
  const coarse = differ.diff(vocabulary.encode(oldText), vocabulary.encode(newText));
  return refineReplacements(differ, vocabulary.decode(coarse));
}

class TokenVocabulary {
  private readonly codes = new Map<string, number>();
  private readonly tokens: string[] = [];

  encode(text: string): string {
    const units: number[] = [];
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
      if (this.tokens.length >= MAX_TOKENS && !this.codes.has(m[0])) {
        units.push(this.codeOf(text.slice(m.index)));
        break;
      }
      units.push(this.codeOf(m[0]));
    }
    let encoded = '';
    // Chunked, as fromCharCode's argument count is limited.
    for (let i = 0; i < units.length; i += 8192) encoded += String.fromCharCode(...units.slice(i, i + 8192));
    return encoded;
  }

  decode(diffs: readonly DiffMatchPatch.Diff[]): DiffMatchPatch.Diff[] {
    return diffs.map(([op, units]) => {
      let text = '';
      for (let i = 0; i < units.length; i++) text += this.tokens[units.charCodeAt(i)]!;
      return [op, text] as DiffMatchPatch.Diff;
    });
  }

  private codeOf(token: string): number {
    let code = this.codes.get(token);
    if (code === undefined) {
      code = this.tokens.length;
      this.tokens.push(token);
      this.codes.set(token, code);
    }
    return code;
  }
}

/**
 * Re-diffs each run of deleted-and-inserted words character by character (as checklines
 * mode does for lines), so a word that only gained a comma still maps exactly.
 */
function refineReplacements(differ: BoundedDiff, diffs: readonly DiffMatchPatch.Diff[]): DiffMatchPatch.Diff[] {
  const out: DiffMatchPatch.Diff[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted && inserted) out.push(...characterDiff(differ, deleted, inserted));
    else if (deleted) out.push([DIFF_DELETE, deleted] as DiffMatchPatch.Diff);
    else if (inserted) out.push([DIFF_INSERT, inserted] as DiffMatchPatch.Diff);
    deleted = inserted = '';
  };
  for (const [op, text] of diffs) {
    if (op === DIFF_DELETE) deleted += text;
    else if (op === DIFF_INSERT) inserted += text;
    else {
      flush();
      out.push([op, text] as DiffMatchPatch.Diff);
    }
  }
  flush();
  return out;
}

/**
 * A character diff of a replaced run, kept only when the run was mostly edited rather than
 * replaced ("bar," → "bar.", a typo fixed). Otherwise letters a word happens to share with
 * its replacement ("we" → "slow" keeps a "w") would count as kept text and pull boundaries
 * into the middle of the new word; the run then stays one hunk, mapped word by word.
 */
function characterDiff(differ: BoundedDiff, deleted: string, inserted: string): DiffMatchPatch.Diff[] {
  const diffs = differ.diff(deleted, inserted);
  const kept = diffs.reduce((n, [op, text]) => (op === DIFF_EQUAL ? n + text.length : n), 0);
  if (kept >= MIN_REFINED_KEPT * Math.max(deleted.length, inserted.length)) return diffs;
  return [[DIFF_DELETE, deleted] as DiffMatchPatch.Diff, [DIFF_INSERT, inserted] as DiffMatchPatch.Diff];
}
