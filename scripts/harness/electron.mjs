#!/usr/bin/env node
// The same integration suite (out/integration/index.js) in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code (or have one: SIFT_VSCODE_EXECUTABLE=/path/to/code).
// Where VS Code cannot be downloaded it fails fast with a clear message; use `npm run test:integration` there.
//   SIFT_VSCODE_VERSION   VS Code to download (default: VSCODE_VERSION of versions.env; or "stable")
//   SIFT_VSCODE_EXECUTABLE  use this VS Code instead of downloading one
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { harnessHome, repoRoot, versions } from './lib/paths.mjs';
import { copyWorkspace, makeTempDir } from './lib/server.mjs';

const testsPath = join(repoRoot, 'out/integration/index.js');
const TOTAL_TIMEOUT_MS = 15 * 60_000;
const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|fetch failed|socket hang up|timeout/i;

function fail(message, code = 1) {
  console.error(`test:electron: ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(code);
}

if (!existsSync(testsPath)) fail(`no ${testsPath}; run npm run build:integration first`);
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.warn('test:electron: no DISPLAY; desktop VS Code needs one (try: xvfb-run -a npm run test:electron)');
}

const dir = makeTempDir();
const cleanup = () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
const watchdog = setTimeout(() => {
  cleanup();
  fail(`no result after ${TOTAL_TIMEOUT_MS / 60_000} min; stopped`);
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

try {
  const folder = copyWorkspace(join(repoRoot, 'examples/home-adaptations'), dir);
  const code = await runTests({
    version: process.env.SIFT_VSCODE_VERSION || versions.VSCODE_VERSION,
    vscodeExecutablePath: process.env.SIFT_VSCODE_EXECUTABLE || undefined,
    cachePath: join(harnessHome, 'vscode-test'), // outside the checkout, like the rest of the harness
    timeout: 20_000, // idle timeout of the download: fail, don't hang, on a network that drops packets
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsPath,
    launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${join(dir, 'ud')}`],
  });
  cleanup();
  process.exit(code);
} catch (error) {
  cleanup();
  const text = String(error?.stack ?? error);
  if (NETWORK.test(text) && !process.env.SIFT_VSCODE_EXECUTABLE) {
    fail(
      `could not download VS Code ${process.env.SIFT_VSCODE_VERSION || versions.VSCODE_VERSION} ` +
        `(no access to Microsoft's VS Code update server from here):\n  ${error?.message ?? error}\n` +
        `Run the same suite in code-server instead: npm run test:integration ` +
        `(or point SIFT_VSCODE_EXECUTABLE at an installed VS Code).`,
    );
  }
  fail(`VS Code did not run the tests: ${error?.message ?? error}`);
}
