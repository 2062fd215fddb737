// Bundles Sift with esbuild into dist/: the `sift` CLI and the VS Code extension (node host), the
// worker thread both use to parse large YAML files off their event loop (dist/yaml-thread.js, found next to them),
// and the XLSX reader both load on demand (dist/xlsx-reader.js).
// The webview and web-extension targets join them with the board.
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

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

// The webviews: each src/webview/<view>/main.ts (with media/<view>.css) becomes a browser bundle and its
// stylesheet in dist/webview/, the only folder the panels may load from.
const webview = { outdir: 'dist/webview', bundle: true, platform: 'browser', target: 'chrome120', sourcemap: !production, minify: production, logLevel: 'warning' };
const views = readdirSync('src/webview', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`src/webview/${d.name}/main.ts`))
  .map((d) => d.name);

await Promise.all([
  ...views.map((view) => build({ ...webview, entryPoints: { [view]: `src/webview/${view}/main.ts` }, format: 'iife' })),
  ...views.filter((view) => existsSync(`media/${view}.css`)).map((view) => build({ ...webview, entryPoints: { [view]: `media/${view}.css` } })),
  build({ ...node, entryPoints: { cli: 'src/cli/index.ts' } }),
  build({ ...node, entryPoints: { extension: 'src/extension/extension.ts' }, external: ['vscode'] }),
  build({ ...node, entryPoints: { 'yaml-thread': 'src/node/yaml-thread.ts' } }),
  // The XLSX reader, loaded only when a workbook is imported (src/node/sheet-file.ts).
  build({ ...node, entryPoints: { 'xlsx-reader': 'src/node/xlsx-reader.ts' } }),
]);

// --- Integration tests (owned by the real-VS-Code harness, scripts/harness/) ---
// `--integration` also bundles test/integration/ into out/integration/: index.js (the mocha entry VS Code
// calls) and one bundle per *.test.ts; `vscode` and `mocha` stay external (the host and node_modules).
if (process.argv.includes('--integration')) {
  const { readdirSync, rmSync } = await import('node:fs');
  const tests = readdirSync('test/integration', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => `test/integration/${file}`);
  rmSync('out/integration', { recursive: true, force: true });
  await build({
    ...node,
    entryPoints: ['test/integration/index.ts', ...tests],
    outdir: 'out/integration',
    outbase: 'test/integration',
    sourcemap: true,
    minify: false,
    external: ['vscode', 'mocha'],
  });
}
