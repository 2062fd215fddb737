/**
 * diff-match-patch's `diff_main` (without its line mode) with a budget of work instead of
 * a wall-clock deadline, so a diff depends only on its two texts, never on how busy the
 * machine is. The steps are diff-match-patch's own (common prefix and suffix, one text
 * inside the other, half match, Myers' bisection with the middle snake), so with a budget
 * to spare the result is the diff `diff_main` returns without a deadline. Where the budget
 * runs out, the stretch being bisected becomes one deletion and one insertion, as
 * diff-match-patch does at its deadline: a coarser diff, still a valid one.
 */
import DiffMatchPatch from 'diff-match-patch';

const DIFF_DELETE = -1;
const DIFF_INSERT = 1;
const DIFF_EQUAL = 0;

type Diff = DiffMatchPatch.Diff;

/**
 * Work shared by every diff of one comparison, counted in steps of Myers' algorithm (one
 * diagonal advanced by one edit, or one character compared along a snake).
 */
export class DiffBudget {
  private spent = 0;
  /** Whether some stretch was left coarse because the budget ran out. */
  exhausted = false;

  constructor(readonly steps: number) {}

  spend(steps: number): void {
    this.spent += steps;
  }

  get left(): boolean {
    return this.spent < this.steps;
  }
}

export class BoundedDiff {
  // Timeout > 0 only enables diff-match-patch's half-match speedup (`diff_halfMatch_` is off
  // without it); nothing here reads the clock.
  private readonly dmp = Object.assign(new DiffMatchPatch(), { Diff_Timeout: 1 });

  constructor(private readonly budget: DiffBudget) {}

  diff(text1: string, text2: string): Diff[] {
    if (text1 === text2) return text1 ? [[DIFF_EQUAL, text1] as Diff] : [];
    const prefixLength = this.dmp.diff_commonPrefix(text1, text2);
    const prefix = text1.slice(0, prefixLength);
    text1 = text1.slice(prefixLength);
    text2 = text2.slice(prefixLength);
    const suffixLength = this.dmp.diff_commonSuffix(text1, text2);
    const suffix = text1.slice(text1.length - suffixLength);
    text1 = text1.slice(0, text1.length - suffixLength);
    text2 = text2.slice(0, text2.length - suffixLength);
    const diffs = this.compute(text1, text2);
    if (prefix) diffs.unshift([DIFF_EQUAL, prefix] as Diff);
    if (suffix) diffs.push([DIFF_EQUAL, suffix] as Diff);
    this.dmp.diff_cleanupMerge(diffs);
    return diffs;
  }

  /** Two texts with no common prefix or suffix. */
  private compute(text1: string, text2: string): Diff[] {
    if (!text1) return [[DIFF_INSERT, text2] as Diff];
    if (!text2) return [[DIFF_DELETE, text1] as Diff];
    const longer = text1.length > text2.length ? text1 : text2;
    const shorter = text1.length > text2.length ? text2 : text1;
    const at = longer.indexOf(shorter);
    if (at !== -1) {
      const op = text1.length > text2.length ? DIFF_DELETE : DIFF_INSERT;
      return [[op, longer.slice(0, at)] as Diff, [DIFF_EQUAL, shorter] as Diff, [op, longer.slice(at + shorter.length)] as Diff];
    }
    if (shorter.length === 1) return [[DIFF_DELETE, text1] as Diff, [DIFF_INSERT, text2] as Diff];
    const half = this.dmp.diff_halfMatch_(text1, text2);
    if (half) {
      const [text1A, text1B, text2A, text2B, common] = half as [string, string, string, string, string];
      return [...this.diff(text1A, text2A), [DIFF_EQUAL, common] as Diff, ...this.diff(text1B, text2B)];
    }
    return this.bisect(text1, text2);
  }

  /**
   * Myers' middle snake, walked from both ends at once (diff-match-patch's `diff_bisect_`,
   * the budget checked where it checks the clock), then each half diffed on its own.
   */
  private bisect(text1: string, text2: string): Diff[] {
    const length1 = text1.length;
    const length2 = text2.length;
    const maxD = Math.ceil((length1 + length2) / 2);
    const offset = maxD;
    const vLength = 2 * maxD;
    const v1 = new Int32Array(vLength).fill(-1);
    const v2 = new Int32Array(vLength).fill(-1);
    v1[offset + 1] = 0;
    v2[offset + 1] = 0;
    const delta = length1 - length2;
    // With an odd total length the forward path meets the reverse one, else the reverse meets the forward.
    const front = delta % 2 !== 0;
    let k1start = 0;
    let k1end = 0;
    let k2start = 0;
    let k2end = 0;
    for (let d = 0; d < maxD; d++) {
      if (!this.budget.left) {
        this.budget.exhausted = true;
        break;
      }
      let steps = 0;
      for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        const k1Offset = offset + k1;
        let x1 = k1 === -d || (k1 !== d && v1[k1Offset - 1]! < v1[k1Offset + 1]!) ? v1[k1Offset + 1]! : v1[k1Offset - 1]! + 1;
        let y1 = x1 - k1;
        const x1Before = x1;
        while (x1 < length1 && y1 < length2 && text1.charCodeAt(x1) === text2.charCodeAt(y1)) {
          x1++;
          y1++;
        }
        steps += 1 + x1 - x1Before;
        v1[k1Offset] = x1;
        if (x1 > length1) k1end += 2;
        else if (y1 > length2) k1start += 2;
        else if (front) {
          const k2Offset = offset + delta - k1;
          if (k2Offset >= 0 && k2Offset < vLength && v2[k2Offset] !== -1 && x1 >= length1 - v2[k2Offset]!) {
            this.budget.spend(steps);
            return this.split(text1, text2, x1, y1);
          }
        }
      }
      for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        const k2Offset = offset + k2;
        let x2 = k2 === -d || (k2 !== d && v2[k2Offset - 1]! < v2[k2Offset + 1]!) ? v2[k2Offset + 1]! : v2[k2Offset - 1]! + 1;
        let y2 = x2 - k2;
        const x2Before = x2;
        while (x2 < length1 && y2 < length2 && text1.charCodeAt(length1 - x2 - 1) === text2.charCodeAt(length2 - y2 - 1)) {
          x2++;
          y2++;
        }
        steps += 1 + x2 - x2Before;
        v2[k2Offset] = x2;
        if (x2 > length1) k2end += 2;
        else if (y2 > length2) k2start += 2;
        else if (!front) {
          const k1Offset = offset + delta - k2;
          if (k1Offset >= 0 && k1Offset < vLength && v1[k1Offset] !== -1) {
            const x1 = v1[k1Offset]!;
            const y1 = offset + x1 - k1Offset;
            if (x1 >= length1 - x2) {
              this.budget.spend(steps);
              return this.split(text1, text2, x1, y1);
            }
          }
        }
      }
      this.budget.spend(steps);
    }
    // Out of budget, or nothing in common.
    return [[DIFF_DELETE, text1] as Diff, [DIFF_INSERT, text2] as Diff];
  }

  private split(text1: string, text2: string, x: number, y: number): Diff[] {
    return [...this.diff(text1.slice(0, x), text2.slice(0, y)), ...this.diff(text1.slice(x), text2.slice(y))];
  }
}
