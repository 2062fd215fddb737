/**
 * The real files nobody on the project wrote, read where they are: `../shared/fixtures/real/` beside the
 * project (see its README for sources and licences). Never copy them into the project; a test that
 * imports or rewrites one copies it to a temporary folder first (CI's copy of shared/ is read-only).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const REAL_FIXTURES = path.resolve(__dirname, '..', '..', '..', 'shared', 'fixtures', 'real');

/** The absolute path of a real fixture, e.g. `realFixture('captions/sample.vtt')`; throws if it is missing. */
export function realFixture(relative: string): string {
  const abs = path.join(REAL_FIXTURES, relative);
  if (!existsSync(abs)) throw new Error(`real fixture missing: ${abs} (is ../shared beside the project?)`);
  return abs;
}

export function realFixtureBytes(relative: string): Uint8Array {
  return readFileSync(realFixture(relative));
}

/**
 * The text of a real PDF (MAXQDA exports), through poppler's pdftotext in reading order, or with
 * `layout` in its physical layout (table columns kept side by side on each line). Installed by
 * scripts/setup.sh; the product does not read PDFs, only these tests and benchmarks do.
 */
export function realPdfText(relative: string, options: { layout?: boolean } = {}): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : []), realFixture(relative), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
