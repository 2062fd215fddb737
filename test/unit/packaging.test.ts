/**
 * What the .vsix ships: every bundle the extension loads at run time must survive
 * .vscodeignore (a panel whose script is left out opens blank for users, never in tests,
 * which run from the folder). Lists the package with vsce itself; needs the build in dist/
 * (`npm test` builds first).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const repo = path.join(__dirname, '..', '..');

describe('packaging', () => {
  it('ships the extension, the CLI, the YAML worker, the parts and data loaded on demand, every webview with its stylesheet, and the schemas', async function () {
    this.timeout(60000);
    assert.ok(existsSync(path.join(repo, 'dist', 'extension.js')), 'dist/ is built (npm run build)');
    const vsce = path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = new Set(
      execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repo, encoding: 'utf8' })
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
    const views = readdirSync(path.join(repo, 'src', 'webview'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(repo, 'src', 'webview', d.name, 'main.ts')))
      .map((d) => d.name);
    assert.ok(views.length >= 5, `webviews found: ${views.join(', ')}`);
    const schemas = readdirSync(path.join(repo, 'schemas'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `schemas/${f}`);
    const { runtimeFiles } = (await import(path.join(repo, 'scripts', 'bundles.mjs'))) as { runtimeFiles: string[] };
    assert.ok(runtimeFiles.includes('docx-reader.js') && runtimeFiles.includes('given-names.json'), runtimeFiles.join(', '));
    const expected = [
      ...runtimeFiles.map((f) => `dist/${f}`),
      'package.json',
      'README.md',
      ...schemas,
      ...views.flatMap((v) => [`dist/webview/${v}.js`, ...(existsSync(path.join(repo, 'media', `${v}.css`)) ? [`dist/webview/${v}.css`] : [])]),
    ];
    assert.deepEqual(
      expected.filter((f) => !listed.has(f)),
      [],
      'left out of the .vsix',
    );
    assert.deepEqual(
      [...listed].filter((f) => /^(src|test|node_modules|bench|examples)\//.test(f) || f.endsWith('.map')),
      [],
      'sources, tests or maps in the .vsix',
    );
  });

  it('declares only the workspace capabilities that hold: no virtual workspaces without a web build, Restricted Mode limited', () => {
    const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { browser?: string; capabilities: { virtualWorkspaces: unknown; untrustedWorkspaces: { supported: unknown } } };
    // A virtual workspace (vscode-vfs://, a remote repository browsed in place) has no disk, no git and no
    // worker threads: every load, write and history look-up of the node bundle would fail there.
    assert.equal(manifest.browser, undefined, 'a web build exists: revisit virtualWorkspaces');
    assert.deepEqual(manifest.capabilities.virtualWorkspaces, { supported: false, description: (manifest.capabilities.virtualWorkspaces as { description: string }).description });
    // Restricted Mode is tested by `driver.mjs test --restricted`: views read, nothing writes.
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });
});
