/**
 * What the exchange commands (`sift export`, `sift import`) share: their output channel,
 * argument parsing with one subcommand, and how data loss is reported.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatLoss, type Loss } from '../core/exchange/losses';
import { UsageError } from './open';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** `<subcommand> [positionals…] --options`, the subcommand checked against `allowed`. */
export function subcommandArgs<T extends string>(rest: string[], allowed: readonly T[], options: ParseArgsConfig['options'], verb: string) {
  const parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  const [sub, ...positionals] = parsed.positionals;
  if (!sub || !(allowed as readonly string[]).includes(sub)) throw new UsageError(`sift ${verb} needs one of: ${allowed.join(', ')}${sub ? ` (not "${sub}")` : ''}.`);
  return { sub: sub as T, positionals, values: parsed.values as Record<string, string | boolean | undefined> };
}

export function reportLosses(losses: readonly Loss[], heading: string, print: (line: string) => void): void {
  if (losses.length === 0) return;
  print(heading);
  for (const l of losses) print(`  - ${formatLoss(l)}`);
}
