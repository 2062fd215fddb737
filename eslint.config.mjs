// ESLint runs one kind of rule here: the layer boundaries of DESIGN.md, so that an import across
// a boundary fails `npm test` with the file and line (test/unit/layers.test.ts checks part of the
// same by text). Formatting is Prettier's job (`npm run format`), type errors tsc's.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
/** A relative import that climbs out into another top-level folder of src/. */
const into = (...layers) => ({ regex: `^(\\.\\./)+(${layers.join('|')})(/|$)`, message: `crosses a layer boundary (DESIGN.md, "Architecture").` });
const vscode = { name: 'vscode', message: 'only src/extension/ talks to VS Code.' };

const restrict = (files, { paths = [], patterns = [] }) => ({ files, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } });

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  { ignores: ['dist/', 'out/', 'node_modules/', 'bench/.work/', 'test/.artifacts/', 'test/fixtures/', 'examples/'] },
  // The parser, and the plugin so that its rules named in eslint-disable comments resolve (none is enabled).
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { '@typescript-eslint': tseslint.plugin } },
  // The core is pure: no VS Code, no Node, no other layer (it talks to the world through ports).
  restrict(['src/core/**/*.ts'], {
    paths: [vscode, ...nodeBuiltins.map((name) => ({ name, message: 'the core is pure; use a port (src/core/ports.ts).' }))],
    patterns: [into('extension', 'cli', 'node', 'webview')],
  }),
  // The webviews know only the message contract (and their own folder).
  restrict(['src/webview/**/*.ts'], {
    paths: [vscode, ...nodeBuiltins.map((name) => ({ name, message: 'a webview runs in a browser page.' }))],
    patterns: [into('core', 'extension', 'cli', 'node')],
  }),
  // The contract is types and checks shared by both ends.
  restrict(['src/protocol/**/*.ts'], { paths: [vscode], patterns: [into('extension', 'cli', 'node', 'webview')] }),
  // The node adapters and the CLI never reach into the extension (nor VS Code).
  restrict(['src/cli/**/*.ts', 'src/node/**/*.ts'], { paths: [vscode], patterns: [into('extension', 'webview')] }),
);
