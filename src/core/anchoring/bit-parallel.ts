/**
 * The last row of the edit-distance programme between a pattern and a text, 32 pattern
 * characters at a time (Myers' bit-vector algorithm, in Hyyrö's formulation): the same
 * numbers as the classic cell-by-cell programme, in about a thirty-second of the work.
 *
 * approx-string-match runs the same algorithm, but only to report the best match ends below
 * an error budget; anchoring also needs the distance at every end (to fit a highlight's
 * boundaries and to compare contexts), which no library offers.
 *
 * Characters are UTF-16 units compared for equality.
 */

const W = 32;

/**
 * Entry j is the edit distance from the whole `pattern` to text ending at j, the text
 * starting at its beginning (`freeStart` false: distance to text.slice(0, j)) or anywhere
 * (`freeStart` true: the best of text.slice(i, j) over i).
 */
export function lastRow(pattern: string, text: string, freeStart: boolean): Int32Array {
  const m = pattern.length;
  const n = text.length;
  const row = new Int32Array(n + 1);
  if (m === 0) {
    if (!freeStart) for (let j = 0; j <= n; j++) row[j] = j;
    return row;
  }
  const blocks = Math.ceil(m / W);
  const peq = new PatternMasks(pattern, blocks);
  const P = new Int32Array(blocks).fill(~0);
  const M = new Int32Array(blocks);
  const lastBit = 1 << ((m - 1) % W);
  const topIn = freeStart ? 0 : 1;
  let score = m;
  row[0] = m;
  for (let j = 0; j < n; j++) {
    const eqs = peq.of(text.charCodeAt(j));
    let hIn = topIn;
    for (let b = 0; b < blocks; b++) {
      const pV = P[b]!;
      const mV = M[b]!;
      const negative = hIn < 0 ? 1 : 0;
      const eq = (eqs === undefined ? 0 : eqs[b]!) | negative;
      const xV = eq | mV;
      const xH = (((eq & pV) + pV) ^ pV) | eq;
      let pH = mV | ~(xH | pV);
      let mH = pV & xH;
      const out = b === blocks - 1 ? lastBit : 1 << 31;
      const hOut = (pH & out) !== 0 ? 1 : (mH & out) !== 0 ? -1 : 0;
      pH = (pH << 1) | (hIn > 0 ? 1 : 0);
      mH = (mH << 1) | negative;
      P[b] = mH | ~(xV | pH);
      M[b] = pH & xV;
      hIn = hOut;
    }
    score += hIn;
    row[j + 1] = score;
  }
  return row;
}

/** For each character of the pattern, the bits of the positions where it occurs, per block. */
class PatternMasks {
  private readonly ascii: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(128);
  private readonly other = new Map<number, Int32Array>();

  constructor(pattern: string, blocks: number) {
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let masks = c < 128 ? this.ascii[c] : this.other.get(c);
      if (!masks) {
        masks = new Int32Array(blocks);
        if (c < 128) this.ascii[c] = masks;
        else this.other.set(c, masks);
      }
      masks[i >> 5] = masks[i >> 5]! | (1 << (i & 31));
    }
  }

  of(c: number): Int32Array | undefined {
    return c < 128 ? this.ascii[c] : this.other.get(c);
  }
}
