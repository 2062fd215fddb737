// Bundles Sift with esbuild into dist/: the `sift` CLI and the VS Code extension (node host).
// The webview and web-extension targets join them with the board.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

const node = {
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  define: { SIFT_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

await Promise.all([
  build({ ...node, entryPoints: { cli: 'src/cli/index.ts' } }),
  build({ ...node, entryPoints: { extension: 'src/extension/extension.ts' }, external: ['vscode'] }),
]);
