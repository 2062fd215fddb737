// Bundles Sift with esbuild: `cli` now; `extension`, `web` and `webview` targets join with the UI.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

await build({
  entryPoints: { cli: 'src/cli/index.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  define: { SIFT_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
