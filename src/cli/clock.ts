/**
 * Today's date for the commands that compare with it (overdue actions): the machine's local
 * date, as the researcher's calendar says it, or `SIFT_TODAY=YYYY-MM-DD` when set, so tests,
 * CI runs and "what will be overdue at Monday's board?" get the same answer on any day.
 */
import { isIsoDate, localDay } from '../core/actions/recommendation';
import { UsageError } from './open';

export function today(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const given = env.SIFT_TODAY?.trim();
  if (given) {
    if (!isIsoDate(given)) throw new UsageError(`SIFT_TODAY must be a date written YYYY-MM-DD (not "${given}").`);
    return given;
  }
  return localDay(now);
}
