// Mocha entry for the real VS Code extension host (the `extensionTestsPath` of code-server via
// scripts/harness/driver.mjs, or of @vscode/test-electron). VS Code calls run(); when it settles the
// extension host exits with 0 (resolved) or 1 (rejected).
// Built by `npm run build:integration`: every test/integration/**/*.test.ts becomes
// out/integration/**/*.test.js next to this file (bundled, with `vscode` and `mocha` left external).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { SiftTestApi } from '../../src/extension/extension';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30_000, rootHooks: failuresFailTheRun() });
  // An untrusted folder (the harness's --restricted run) gets the Restricted Mode tests; a trusted one all others.
  const restricted = !vscode.workspace.isTrusted;
  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js') && file.endsWith('.restricted.test.js') === restricted)
    .sort();
  for (const file of files) mocha.addFile(join(__dirname, file));
  const grep = process.env.SIFT_TEST_GREP; // e.g. SIFT_TEST_GREP=smoke npm run test:integration
  if (grep) mocha.grep(grep);

  // The harness (scripts/harness/lib/mode-test.mjs) shows the output from this line on.
  console.log(`sift-integration: ${files.length} test file(s), VS Code ${vscode.version}${restricted ? ', Restricted Mode' : ''}`);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        // The plain closing line CI reads (alone on its line).
        console.log(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? failures} failed`);
        if (files.length === 0) reject(new Error(`no *.test.js next to ${__filename}`));
        else if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (error) {
      console.error(error);
      console.log('0 passed, 1 failed');
      reject(error);
    }
  });
}

/**
 * A failure of Sift's work that nobody awaited (src/extension/host/failures.ts: the checks and indexes
 * after a change, a feature told of one; with each study frozen, a write into it) fails the run: each
 * is said after the test it happened in, and the run ends with a failure listing them all. Not the
 * test itself (a failing afterEach would skip every test after it).
 */
function failuresFailTheRun(): Mocha.RootHookObject {
  const seen: string[] = [];
  const take = () => {
    const sift = vscode.extensions.all.find((e) => e.packageJSON?.name === 'sift');
    return sift?.isActive ? (sift.exports as SiftTestApi).failures.splice(0) : [];
  };
  return {
    afterEach(this: Mocha.Context) {
      const failures = take();
      if (failures.length === 0) return;
      const during = `during "${this.currentTest?.fullTitle() ?? 'a test'}"`;
      console.error(`sift-integration: ${failures.length} failure(s) of Sift's background work ${during}:\n${failures.join('\n')}`);
      seen.push(...failures.map((f) => `${during}: ${f}`));
    },
    afterAll() {
      seen.push(...take().map((f) => `after the last test: ${f}`));
      if (seen.length > 0) throw new Error(`${seen.length} failure(s) of Sift's work that nobody awaited:\n${seen.join('\n')}`);
    },
  };
}
