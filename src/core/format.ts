/**
 * Every figure Sift shows a person — in the CLI, the editor's panels and the report — is
 * turned into text here, so the same number reads the same everywhere: a stage's mean
 * sentiment of −0.75 is "−0.8" on the journey map and in the report, a share of 0.3 is "30%"
 * in `sift stats`, the coverage panel and the HTML page.
 *
 * Rules, decided once:
 * - Rounding is half away from zero, on the decimal the reader sees (0.15 → 0.2, −0.75 →
 *   −0.8), not on the binary fraction JavaScript stores (where 0.15 is 0.1499…).
 * - Negative numbers carry a true minus sign (−, U+2212), which reads better than a hyphen.
 * - Shares are whole percentages; a share that is not zero never reads "0%" ("<1%").
 * - Gaps in a sample are whole people ("1 short", "2 over"), never fractions of a person.
 *
 * Webviews do not import this module (they see only src/protocol/): the extension sends
 * them the strings made here.
 */

const MINUS = '\u2212';

/** `x` rounded half away from zero to `digits` decimals, as a person rounds the written number. */
export function roundHalfAway(x: number, digits = 0): number {
  const scale = 10 ** digits;
  // The nudge puts 0.15 (stored as 0.1499…) on the side its decimal form is on.
  const r = Math.round(Math.abs(x) * scale * (1 + 4 * Number.EPSILON) + 1e-9) / scale;
  return x < 0 && r !== 0 ? -r : r;
}

/** `2.4`, `−0.8`, `0.0`: a number with a fixed count of decimals and a true minus sign. */
export function formatDecimal(x: number, digits = 1): string {
  const r = roundHalfAway(x, digits);
  const text = Math.abs(r).toFixed(digits);
  return r < 0 ? `${MINUS}${text}` : text;
}

/** `+0.3`, `−0.8`, `0.0`: a difference or a position on a scale around zero. */
export function formatSigned(x: number, digits = 1): string {
  const r = roundHalfAway(x, digits);
  return r > 0 ? `+${r.toFixed(digits)}` : formatDecimal(r, digits);
}

/** A mean sentiment on the −2 … +2 scale of journeys: `−0.8`, `+1.5`, `0.0`. */
export function formatSentiment(mean: number): string {
  return formatSigned(mean, 1);
}

/**
 * A share (0–1) as a percentage, whole unless `digits` asks for decimals (agreement between
 * coders reads `87.5%`): `30%`, and `<1%` for a share above 0 that would round to 0.
 */
export function formatShare(share: number, digits = 0): string {
  const percent = roundHalfAway(share * 100, digits);
  if (percent === 0 && share > 0) return `<${(1 / 10 ** digits).toFixed(digits)}%`;
  return `${percent < 0 ? MINUS : ''}${Math.abs(percent).toFixed(digits)}%`;
}

/** A silhouette (−1 … 1, how clearly people fall into groups): `0.42`, `−0.05`. */
export function formatSilhouette(x: number): string {
  return formatDecimal(x, 2);
}

/** A lift or ratio: `×2.4`. */
export function formatLift(ratio: number): string {
  return `×${formatDecimal(ratio, 1)}`;
}

/** `1 participant`, `3 participants`; irregular plurals given (`person`, `people`). */
export function formatCount(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** `1 person`, `3 people`. */
export function formatPeople(n: number): string {
  return formatCount(n, 'person', 'people');
}

/** `3 of 12`. */
export function formatOf(count: number, total: number): string {
  return `${count} of ${total}`;
}

/**
 * A gap in whole people, short (negative) or over (positive): `2 short`, `1 over`, `on target`.
 * A fraction is rounded half away from zero, so a gap never reads as part of a person.
 */
export function formatGap(people: number): string {
  const whole = roundHalfAway(people);
  return whole === 0 ? 'on target' : whole < 0 ? `${-whole} short` : `${whole} over`;
}

/** `183`, `3.5`, `−2.25`: a measured value with the decimals it has (at most two), a true minus sign. */
export function formatMeasured(x: number): string {
  const digits = Number.isInteger(x) ? 0 : roundHalfAway(x, 1) === x ? 1 : 2;
  return formatDecimal(x, digits);
}

/**
 * A measure before and after a change, with its unit and the relative change where the
 * before is not zero: `183 → 52 days (−72%)`. The unit follows the after figure (`1 → 3 weeks`),
 * as it is said aloud; a `%` unit sticks to each number (`40% → 25%`), which the relative
 * change then leaves out, since a change of a percentage in percent reads ambiguously.
 */
export function formatMeasure(m: { before: number; after: number; unit?: string }): string {
  const percent = m.unit === '%';
  const value = (x: number) => `${formatMeasured(x)}${percent ? '%' : ''}`;
  const unit = m.unit && !percent ? ` ${m.unit}` : '';
  const relative = !percent && m.before !== 0 && m.after !== m.before ? ` (${formatSignedShare((m.after - m.before) / Math.abs(m.before))})` : '';
  return `${value(m.before)} → ${value(m.after)}${unit}${relative}`;
}

/** `+15%`, `−72%`: a relative change as a whole percentage with its sign. */
export function formatSignedShare(share: number): string {
  const text = formatShare(Math.abs(share));
  return share > 0 ? `+${text}` : share < 0 ? `${MINUS}${text}` : text;
}
