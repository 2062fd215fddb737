/**
 * Today, for what is overdue: the local calendar day, or `SIFT_TODAY` (YYYY-MM-DD) from the
 * environment when the extension host has one, as for the CLI (src/cli/clock.ts).
 */
import { isIsoDate, localDay } from '../core/actions/recommendation';

export function today(): string {
  const given = typeof process !== 'undefined' ? process.env.SIFT_TODAY?.trim() : undefined;
  return given && isIsoDate(given) ? given : localDay(new Date());
}
