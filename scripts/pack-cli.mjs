// `npm run pack:cli`: the `sift` command line alone as an npm tarball, for CI and for
// machines without VS Code: `npm install --global ./sift-research-cli-<version>.tgz`.
// The bundle (dist/cli.js, the YAML worker dist/yaml-thread.js, and the parts and data files it loads
// on demand, scripts/bundles.mjs) has no dependencies, so
// installing the tarball needs no registry. Not the npm package named `sift` (an unrelated
// library): this tarball is built from this checkout.
//   node scripts/pack-cli.mjs [--out folder] [--no-build]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimeFiles } from './bundles.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = path.resolve(outAt >= 0 ? args[outAt + 1] : root);
if (!args.includes('--no-build')) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], { stdio: 'inherit' });

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const stage = mkdtempSync(path.join(tmpdir(), 'sift-pack-'));
try {
  // dist/webview/site.js: the insight site's search page script, which `sift site` copies into every site.
  const files = ['bin/sift', ...runtimeFiles.filter((f) => f !== 'extension.js').map((f) => `dist/${f}`), 'dist/webview/site.js', 'LICENSE'];
  for (const file of files) {
    mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
    copyFileSync(path.join(root, file), path.join(stage, file));
  }
  const cli = {
    name: 'sift-research-cli',
    version: manifest.version,
    description: `${manifest.description} The sift command line.`,
    license: manifest.license,
    bin: { sift: 'bin/sift' },
    engines: { node: manifest.engines.node },
    files: files.filter((f) => f !== 'LICENSE'),
  };
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(cli, null, 2) + '\n');
  mkdirSync(out, { recursive: true });
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, encoding: 'utf8' }));
  console.log(path.join(out, packed[0].filename));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
