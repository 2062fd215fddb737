#!/usr/bin/env node
// Runs Sift in a real VS Code here: code-server (VS Code's own server and workbench, a genuine Node
// extension host) driven through the system's headless Chromium by playwright-core.
// Install it first: npm run setup (scripts/harness/setup.sh). Recipe: ../shared/reference/vscode-harness.md.
//
//   driver.mjs test  [--tests out/integration/index.js] [--workspace DIR] [--timeout SEC] [--restricted]
//   driver.mjs shot  [--workspace DIR] [--theme dark|light] [--open FILE] [--command TITLE] [--wait-for TEXT] [--shot NAME]...
//   driver.mjs serve [--workspace DIR] [--in-place | --fresh] [--playground DIR] [--port N] [--theme dark|light]
//
// test:  mocha inside the extension host; prints its output and "N passed, N failed"; exit code = result.
//        --restricted opens the folder untrusted (Restricted Mode) and runs the *.restricted.test.ts files.
// shot:  steps run in the order given; PNGs go to test/.artifacts/screenshots/NAME-THEME.png.
// serve: prints a URL that opens the workspace with the extension loaded from this working tree, in the
//        researcher's copy of it, kept between runs in .sift-playground/<name> (git-ignored; --playground DIR
//        elsewhere); --fresh starts from a new copy, keeping the old one aside; --in-place edits the original.
// test, shot: the workspace (default examples/home-adaptations) is copied to a temporary folder.
// Env: SIFT_TEST_GREP=pattern runs only matching tests; SIFT_SKIP_HARNESS=1 makes `test` a no-op where the
// harness is not installed; SIFT_HARNESS_HOME, CHROME_PATH / SIFT_CHROMIUM as in setup.sh.
// Logs of the last run: test/.artifacts/logs/last/ (code-server, VS Code's logs, everything the workbench logged).
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { installedHarness, repoRoot } from './lib/paths.mjs';

const harnessReady = () => {
  try {
    return Boolean(installedHarness());
  } catch {
    return false;
  }
};

const [mode, ...rest] = process.argv.slice(2);
const { values, tokens } = parseArgs({
  args: rest,
  tokens: true,
  options: {
    tests: { type: 'string', default: join(repoRoot, 'out/integration/index.js') },
    workspace: { type: 'string', default: join(repoRoot, 'examples/home-adaptations') },
    timeout: { type: 'string' },
    theme: { type: 'string' },
    open: { type: 'string', multiple: true },
    command: { type: 'string', multiple: true },
    'wait-for': { type: 'string', multiple: true },
    shot: { type: 'string', multiple: true },
    port: { type: 'string' },
    'in-place': { type: 'boolean' },
    fresh: { type: 'boolean' },
    playground: { type: 'string' },
    restricted: { type: 'boolean' },
  },
});
if (values.theme && !['light', 'dark'].includes(values.theme)) {
  console.error(`harness: --theme must be light or dark, not ${values.theme}`);
  process.exit(2);
}
const timeoutSec = values.timeout ? Number(values.timeout) : undefined;

try {
  if (mode === 'test' && process.env.SIFT_SKIP_HARNESS && !harnessReady()) {
    console.log('harness: not installed and SIFT_SKIP_HARNESS is set: integration tests skipped');
  } else if (mode === 'test') {
    const { runTests } = await import('./lib/mode-test.mjs');
    process.exitCode = await runTests({ testsPath: values.tests, workspace: values.workspace, timeoutSec, restricted: values.restricted });
  } else if (mode === 'shot') {
    const { takeShots } = await import('./lib/mode-shot.mjs');
    const key = { open: 'open', command: 'command', 'wait-for': 'waitFor', shot: 'shot' };
    const steps = tokens.filter((t) => t.kind === 'option' && key[t.name]).map((t) => ({ [key[t.name]]: t.value }));
    await takeShots({ workspace: values.workspace, theme: values.theme, steps, timeoutSec });
  } else if (mode === 'serve') {
    const { serve } = await import('./lib/mode-serve.mjs');
    await serve({
      workspace: values.workspace,
      inPlace: values['in-place'],
      fresh: values.fresh,
      playground: values.playground,
      port: values.port ? Number(values.port) : undefined,
      theme: values.theme,
    });
  } else {
    console.error('usage: driver.mjs test|shot|serve [options]  (see the top of scripts/harness/driver.mjs)');
    process.exitCode = 2;
  }
} catch (e) {
  console.error(`harness: ${e.message}`);
  if (mode === 'test') console.log('0 passed, 1 failed');
  process.exitCode = 1;
}
process.exit(); // with process.exitCode; nothing of ours is left running
