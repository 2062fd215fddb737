// Bundles the benchmark into one file with esbuild, as Sift itself ships (scripts/build.mjs).
// Run from sources through tsx instead, every import across modules becomes a getter call:
// SHA-1 (@noble/hashes) ran 17× slower and the cold load 1.5× slower than in the real bundle,
// so only the bundle gives numbers that mean something. Beside it, as in dist/, the YAML
// worker's script, the parts loaded on demand and the data files (scripts/bundles.mjs).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dataFiles, nodeOptions, onDemand, onDemandOptions } from '../scripts/bundles.mjs';

const node = {
  ...nodeOptions(),
  // Not minified, so CPU profiles (`--cpu-prof`) name the real functions.
  minify: false,
  outdir: 'bench/.work',
};

await Promise.all([
  build({ ...node, entryPoints: { bench: 'bench/run.ts', library: 'bench/library.ts' }, outExtension: { '.js': '.cjs' } }),
  build({ ...node, entryPoints: { 'yaml-thread': 'src/node/yaml-thread.ts' } }),
  build({ ...node, entryPoints: { 'privacy-thread': 'src/node/privacy-thread.ts' } }),
  ...Object.entries(onDemand).map(([name, entry]) => build({ ...node, ...onDemandOptions(name, entry) })),
]);
mkdirSync('bench/.work', { recursive: true });
for (const [name, text] of Object.entries(dataFiles())) writeFileSync(`bench/.work/${name}`, text);
