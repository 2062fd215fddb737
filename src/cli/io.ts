/**
 * What the review commands (diff, agreement, merge-driver) share with main.ts: where output
 * goes, and how an option with a fixed set of values is read.
 */
import { UsageError } from './open';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export function choice<T extends string>(value: string | boolean | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of: ${allowed.join(', ')}.`);
}
