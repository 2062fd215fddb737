/**
 * Every Sift context key a menu, keybinding or view in package.json depends on is set by the
 * extension: a key nobody sets is always false, and its menu items silently never appear.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** `sift.*` names used as keys in when clauses (not the values compared against, like `view == sift.insights`). */
function keysUsed(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => keysUsed(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'when' || k === 'enablement') && typeof v === 'string') {
        for (const m of v.matchAll(/(?<![=~]\s*)\bsift\.[\w.]+/g)) out.add(m[0]);
      } else keysUsed(v, out);
    }
  }
  return out;
}

/** The extension's sources that call setContext, joined. */
function contextSetters(): string {
  const dir = path.join(ROOT, 'src', 'extension');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .filter((text) => text.includes("'setContext'"))
    .join('\n');
}

describe('context keys', () => {
  it('every sift.* key in a when clause is set somewhere in the extension', () => {
    const contributes = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes;
    const used = keysUsed(contributes);
    assert.ok(used.has('sift.onHighlight'), 'the parser finds the keys');
    const setters = contextSetters();
    const unset = [...used].filter((key) => !setters.includes(`'${key}'`));
    assert.deepEqual(unset, [], `context keys used in package.json but never set: ${unset.join(', ')}`);
  });
});
