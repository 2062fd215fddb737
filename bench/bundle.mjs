// Bundles the benchmark into one file with esbuild, as Sift itself ships (scripts/build.mjs).
// Run from sources through tsx instead, every import across modules becomes a getter call:
// SHA-1 (@noble/hashes) ran 17× slower and the cold load 1.5× slower than in the real bundle,
// so only the bundle gives numbers that mean something.
import { build } from 'esbuild';

await build({
  // With the YAML worker's script next to the bench, as dist/ has it next to the CLI.
  entryPoints: { bench: 'bench/run.ts', 'yaml-thread': 'src/node/yaml-thread.ts' },
  outdir: 'bench/.work',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Not minified, so CPU profiles (`--cpu-prof`) name the real functions.
  sourcemap: true,
  logLevel: 'warning',
});
