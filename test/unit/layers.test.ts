/**
 * The layers import one way (DESIGN.md): the core is pure, only the extension talks to
 * VS Code, the webview knows only the protocol. The core's own tsconfig (no Node or DOM
 * types) enforces the same at type-check time; this test names the offending line.
 */
import * as assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'src');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|(?:^|[^.\w])require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  try {
    statSync(dir);
  } catch {
    return [];
  }
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

function importsOf(file: string): { spec: string; line: number }[] {
  const text = readFileSync(file, 'utf8');
  const out: { spec: string; line: number }[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    out.push({ spec, line: text.slice(0, m.index).split('\n').length + (text[m.index] === '\n' ? 1 : 0) });
  }
  return out;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function violations(layer: string, forbidden: (spec: string, file: string) => boolean): string[] {
  return sourceFiles(path.join(SRC, layer)).flatMap((file) =>
    importsOf(file)
      .filter((i) => forbidden(i.spec, file))
      .map((i) => `${path.relative(SRC, file)}:${i.line} imports '${i.spec}'`),
  );
}

describe('layers', () => {
  it('src/core imports neither vscode nor Node built-ins, nor any other layer', () => {
    const bad = violations('core', (spec, file) => spec === 'vscode' || NODE_BUILTINS.has(spec) || leavesLayer(spec, file, ['core', 'protocol'], ['schemas']));
    assert.deepEqual(bad, []);
  });

  it('only src/extension imports vscode', () => {
    const bad = ['core', 'cli', 'protocol', 'webview'].flatMap((layer) => violations(layer, (spec) => spec === 'vscode'));
    assert.deepEqual(bad, []);
  });

  it('src/webview imports only src/protocol and web packages', () => {
    const bad = violations('webview', (spec, file) => NODE_BUILTINS.has(spec) || leavesLayer(spec, file, ['webview', 'protocol']));
    assert.deepEqual(bad, []);
  });

  it('src/protocol is types only and self-contained', () => {
    const bad = violations('protocol', (spec, file) => !spec.startsWith('.') || leavesLayer(spec, file, ['protocol']));
    assert.deepEqual(bad, []);
  });

  it('catches a forbidden import (the check itself can fail)', () => {
    const sample = 'import { readFile } from "node:fs";\nimport x from "../extension/a";\n';
    const found = [...sample.matchAll(IMPORT)].map((m) => m[1]);
    assert.deepEqual(found, ['node:fs', '../extension/a']);
    assert.ok(NODE_BUILTINS.has('node:fs') && NODE_BUILTINS.has('fs'));
    assert.ok(leavesLayer('../extension/a', path.join(SRC, 'core', 'x.ts'), ['core', 'protocol']));
  });
});

/** True when a relative import lands outside the allowed top-level folders of src/ (or repo folders). */
function leavesLayer(spec: string, file: string, allowedLayers: string[], allowedRepoFolders: string[] = []): boolean {
  if (!spec.startsWith('.')) return false;
  const target = path.resolve(path.dirname(file), spec);
  const fromSrc = path.relative(SRC, target).split(path.sep);
  if (fromSrc[0] === '..') {
    const fromRepo = path.relative(path.join(SRC, '..'), target).split(path.sep);
    return !allowedRepoFolders.includes(fromRepo[0]!);
  }
  return !allowedLayers.includes(fromSrc[0]!);
}
