/**
 * Whole people from fractional targets, keeping the total: the largest-remainder method
 * (Hamilton's). Each part gets the whole number below its exact value; the people left over
 * go one each to the parts with the largest fractions. Ties go to the larger part, then to
 * the one listed first, so the same targets always give the same counts.
 */
export function largestRemainder(exact: readonly number[], total: number): number[] {
  const counts = exact.map((x) => Math.floor(x + 1e-9));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, fraction: x - counts[i]!, x })).sort((a, b) => b.fraction - a.fraction || b.x - a.x || a.i - b.i);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) {
    const i = order[k]!.i;
    counts[i] = counts[i]! + 1;
  }
  return counts;
}
