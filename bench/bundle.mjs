// Bundles the benchmark into one file with esbuild, as Sift itself ships (scripts/build.mjs).
// Run from sources through tsx instead, every import across modules becomes a getter call:
// SHA-1 (@noble/hashes) ran 17× slower and the cold load 1.5× slower than in the real bundle,
// so only the bundle gives numbers that mean something.
import { build } from 'esbuild';

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Not minified, so CPU profiles (`--cpu-prof`) name the real functions.
  sourcemap: true,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...node, entryPoints: { bench: 'bench/run.ts' }, outdir: 'bench/.work', outExtension: { '.js': '.cjs' } }),
  // The YAML worker's script next to the bench under the name the CLI looks for, as dist/ has it next to the CLI.
  build({ ...node, entryPoints: ['src/node/yaml-thread.ts'], outfile: 'bench/.work/yaml-thread.js' }),
]);
