/**
 * fast-check properties whose counterexamples are never lost. A property over random seeds
 * can fail once in many runs (a rare edit pattern), and a failure whose input scrolled away
 * cannot be fixed or kept as a regression case. So a failing run:
 *   - throws with the counterexample first, ready to paste into the test's fixed list, and
 *     the command that replays exactly that run (fast-check's seed and path);
 *   - appends the same to test/.artifacts/property-failures.jsonl (kept by CI with the other
 *     artifacts), one JSON line per failure.
 * `SIFT_PROPERTY_SEED` (and `SIFT_PROPERTY_PATH`) replay a failure; `SIFT_PROPERTY_RUNS`
 * runs every property N times as often, to look for new counterexamples (with mocha's
 * `--timeout 0`: mocha cannot stop a synchronous run, only report it late).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';

export const PROPERTY_FAILURES = path.join(__dirname, '..', '.artifacts', 'property-failures.jsonl');

export interface PropertyFailure {
  property: string;
  seed: number;
  path: string;
  counterexample: unknown;
  error: string;
}

export function assertProperty<Ts>(name: string, property: fc.IProperty<Ts>, params: fc.Parameters<Ts> = {}, keepIn = PROPERTY_FAILURES): void {
  const details = fc.check(property, { ...params, ...replayParameters(params) });
  if (!details.failed) return;
  const failure: PropertyFailure = {
    property: name,
    seed: details.seed,
    path: details.counterexamplePath ?? '',
    counterexample: details.counterexample,
    error: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
  };
  mkdirSync(path.dirname(keepIn), { recursive: true });
  appendFileSync(keepIn, `${JSON.stringify(failure)}\n`);
  throw new Error(
    [
      `Property "${name}" failed on ${JSON.stringify(failure.counterexample)}: add it to the fixed cases.`,
      `Replay: SIFT_PROPERTY_SEED=${failure.seed} SIFT_PROPERTY_PATH=${JSON.stringify(failure.path)} (kept in ${path.relative(process.cwd(), keepIn)})`,
      fc.defaultReportMessage(details) ?? failure.error,
    ].join('\n'),
  );
}

function replayParameters<Ts>(params: fc.Parameters<Ts>): fc.Parameters<Ts> {
  const seed = process.env.SIFT_PROPERTY_SEED;
  if (seed) return { seed: Number(seed), ...(process.env.SIFT_PROPERTY_PATH ? { path: process.env.SIFT_PROPERTY_PATH } : {}) };
  const runs = Number(process.env.SIFT_PROPERTY_RUNS);
  return runs > 0 ? { numRuns: runs * (params.numRuns ?? 100) } : {};
}
