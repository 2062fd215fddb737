// Bundles Sift with esbuild into dist/: the `sift` CLI and the VS Code extension (node host), the
// worker thread both use to parse large YAML files off their event loop (dist/yaml-thread.js, found next to them),
// the extension's personal-data scan thread (dist/privacy-thread.js),
// the parts both load on demand (scripts/bundles.mjs) and the data files they read at run time.
// The webview and web-extension targets join them with the board.
//   --instrumented the test build: SIFT_TEST, the instrumentation the integration tests, the load test and the
//                  board benchmark observe (src/protocol/test-build.ts); without it, the product
//   --integration  the test build and the integration tests (out/integration/)
//   --production   the product build (the default; kept as a flag for the scripts that pass it)
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dataFiles, nodeOptions, onDemand, onDemandOptions, webviewOptions } from './bundles.mjs';

const integration = process.argv.includes('--integration');
const instrumented = integration || process.argv.includes('--instrumented');
const node = { ...nodeOptions({ test: instrumented }), outdir: 'dist' };

// The webviews: each src/webview/<view>/main.ts (with media/<view>.css) becomes a browser bundle and its
// stylesheet in dist/webview/, the only folder the panels may load from.
const webview = { ...webviewOptions({ test: instrumented }), outdir: 'dist/webview' };
const views = readdirSync('src/webview', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`src/webview/${d.name}/main.ts`))
  .map((d) => d.name);

await Promise.all([
  ...views.map((view) => build({ ...webview, entryPoints: { [view]: `src/webview/${view}/main.ts` }, format: 'iife' })),
  ...views.filter((view) => existsSync(`media/${view}.css`)).map((view) => build({ ...webview, entryPoints: { [view]: `media/${view}.css` } })),
  build({ ...node, entryPoints: { cli: 'src/cli/index.ts' } }),
  build({ ...node, entryPoints: { extension: 'src/extension/extension.ts' }, external: ['vscode'] }),
  build({ ...node, entryPoints: { 'yaml-thread': 'src/node/yaml-thread.ts' } }),
  build({ ...node, entryPoints: { 'privacy-thread': 'src/node/privacy-thread.ts' } }),
  ...Object.entries(onDemand).map(([name, entry]) => build({ ...node, ...onDemandOptions(name, entry) })),
]);
mkdirSync('dist', { recursive: true });
for (const [name, text] of Object.entries(dataFiles())) writeFileSync(`dist/${name}`, text);

// --- Integration tests (owned by the real-VS-Code harness, scripts/harness/) ---
// `--integration` also bundles test/integration/ into out/integration/: index.js (the mocha entry VS Code
// calls) and one bundle per *.test.ts; `vscode` and `mocha` stay external (the host and node_modules).
if (integration) {
  const { rmSync } = await import('node:fs');
  const tests = readdirSync('test/integration', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => `test/integration/${file}`);
  rmSync('out/integration', { recursive: true, force: true });
  await build({
    ...node,
    plugins: [],
    entryPoints: ['test/integration/index.ts', ...tests],
    outdir: 'out/integration',
    outbase: 'test/integration',
    sourcemap: true,
    minify: false,
    // ffprobe from npm (a test measures a clip with it) finds its platform package at run time.
    external: ['vscode', 'mocha', '@ffprobe-installer/*'],
  });
}
