/**
 * The boundaries eslint.config.mjs enforces (`npm run lint`, part of `npm test`) report a
 * violation: each zone is given one import across it and one allowed, as a file at that place
 * in src/ would hold them, and ESLint must flag exactly the first.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const repo = path.join(__dirname, '..', '..');
const RULE = '@typescript-eslint/no-restricted-imports';

/** The specifiers ESLint refuses in `code`, as if it were the file at `file`. */
async function refused(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repo });
  const [result] = await eslint.lintText(code, { filePath: path.join(repo, file) });
  assert.ok(result, `ESLint linted ${file}`);
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `${file} parses`);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => code.split('\n')[m.line - 1]!.match(/['"]([^'"]+)['"]/)![1]!);
}

describe('lint boundaries (eslint.config.mjs)', function () {
  this.timeout(60000);

  it('a feature imports another feature through its index only, and any module of shared/', async () => {
    const code = [
      "import { report } from '../tagging/tagging';",
      "import { registerTagging } from '../tagging';",
      "import { ask } from '../shared/prompts';",
      "import { firstModel } from './board';",
      "export { reveal } from '../navigation/navigation';",
      "import type { SiftContext } from '../../context';",
    ].join('\n');
    assert.deepEqual(await refused('src/extension/features/board/example.ts', code), ['../tagging/tagging', '../navigation/navigation']);
  });

  it('a feature neither imports nor constructs an adapter: the entry point hands them in (types are fine)', async () => {
    const code = [
      "import { NodeFileSystem } from '../../../node/node-fs';",
      "import { machineAdapters } from '../../adapters';",
      "import { git } from '../../adapters/git';",
      "import type { Adapters } from '../../adapters';",
      "import type { MediaResult } from '../../../node/media';",
      "import { codePointAt } from '../../positions';",
    ].join('\n');
    assert.deepEqual(await refused('src/extension/features/review/example.ts', code), ['../../../node/node-fs', '../../adapters', '../../adapters/git']);
  });

  it("only the entry point wires features in: the extension's infrastructure imports none", async () => {
    const code = ["import { report } from './features/tagging';", "import { SiftContext } from './context';"].join('\n');
    assert.deepEqual(await refused('src/extension/research-model.ts', code), ['./features/tagging']);
    assert.deepEqual(await refused('src/extension/host/example.ts', "import { painted } from '../features/editor';"), ['../features/editor']);
    assert.deepEqual(await refused('src/extension/extension.ts', code), []);
  });

  it('only the core builds model values field by field (Draft): the extension and the CLI get the study read-only', async () => {
    const code = ["import type { Draft, Highlight } from '../../../core/model';", "import type { Highlight } from '../../../core/model';"].join('\n');
    assert.deepEqual(await refused('src/extension/features/editor/example.ts', code), ['../../../core/model']);
    assert.deepEqual(await refused('src/extension/host/example.ts', "import type { Draft } from '../../core/model';"), ['../../core/model']);
    assert.deepEqual(await refused('src/cli/example.ts', "import { type Draft } from '../core/model';"), ['../core/model']);
    assert.deepEqual(await refused('src/core/transcripts/example.ts', "import type { Draft } from '../model';"), []);
  });

  it('the core is pure: no vscode, no node:*, no other layer', async () => {
    const code = ["import * as vscode from 'vscode';", "import { readFileSync } from 'node:fs';", "import * as path from 'path';", "import { SiftContext } from '../extension/context';", "import type { Problem } from './problems';"].join(
      '\n',
    );
    assert.deepEqual(await refused('src/core/example.ts', code), ['vscode', 'node:fs', 'path', '../extension/context']);
  });

  it('a webview knows only the protocol', async () => {
    const code = ["import { snapshotOf } from '../../core/board/messages';", "import * as vscode from 'vscode';", "import type { HostMessage } from '../../protocol/board';"].join('\n');
    assert.deepEqual(await refused('src/webview/board/example.ts', code), ['../../core/board/messages', 'vscode']);
  });

  it('the CLI and the node adapters never import the extension', async () => {
    const code = ["import { SiftContext } from '../extension/context';", "import { loadWorkspace } from '../core/workspace/load';"].join('\n');
    assert.deepEqual(await refused('src/cli/example.ts', code), ['../extension/context']);
    assert.deepEqual(await refused('src/node/example.ts', code), ['../extension/context']);
  });
});
