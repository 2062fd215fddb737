// ESLint runs one kind of rule here: boundaries, so that an import across one fails `npm test`
// with the file and line (test/unit/lint-boundaries.test.ts proves each zone reports a violation;
// test/unit/layers.test.ts checks the layers again by text). Formatting is Prettier's job
// (`npm run format`), type errors tsc's.
//
// 1. The layers of DESIGN.md: the core is pure, the webviews know only the protocol, the CLI and
//    the node adapters never reach into the extension.
// 2. Inside the extension, src/extension/features/ is grouped by feature (features/README.md):
//    - a feature folder's modules are its own; another folder imports only its index.ts (its
//      public module: `../board`, never `../board/board`). shared/ is the exception: no feature of
//      its own, each of its modules is public. A require() of another folder's on-demand bundle
//      (scripts/bundles.mjs) names the file: it is that bundle's entry, and ESLint does not see it;
//    - a feature never imports src/node/ nor the adapters' implementations: the entry point makes
//      the adapters and hands them in (SiftContext.adapters); a type import is fine;
//    - the rest of src/extension/ (the context, the research model, the host, the panels' base)
//      never imports a feature: only the entry point, extension.ts, wires features in.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
/** A relative import that climbs out into another top-level folder of src/. */
const into = (...layers) => ({ regex: `^(\\.\\./)+(${layers.join('|')})(/|$)`, message: `crosses a layer boundary (DESIGN.md, "Architecture").` });
const vscode = { name: 'vscode', message: 'only src/extension/ talks to VS Code.' };

const restrict = (files, { paths = [], patterns = [] }, ignores = []) => ({ files, ignores, rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] } });

/** From a feature folder: a module of another folder than shared/, named past its index. */
const intoAnotherFeature = {
  regex: '^\\.\\./(?!shared/)[\\w-]+/',
  message: "is another feature's own module: import that feature's index (`../<feature>`), or move what both need to features/shared/ (eslint.config.mjs, features/README.md).",
};
/** From a feature folder: the node adapters, or the adapters the entry point makes. */
const adapterImplementations = {
  regex: '^(\\.\\./)+(node|adapters)(/|$)',
  allowTypeImports: true,
  message: 'a feature gets its adapters from the entry point (sift.adapters, src/extension/adapters/), never imports or constructs one.',
};

/**
 * Outside the core: `Draft` (src/core/model.ts), which lifts the model's read-only fields for a reader
 * building a value. The loaded study is read-only (test/types/readonly-study.ts); a change to it is a file edit.
 */
const draftOfTheModel = {
  regex: '(^|/)core/model$',
  importNames: ['Draft'],
  message: 'is for a reader building a value in src/core: the loaded study is read-only, and a change is a file edit taken in by the study service.',
};

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
  restrict(['src/cli/**/*.ts', 'src/node/**/*.ts'], { paths: [vscode], patterns: [into('extension', 'webview'), draftOfTheModel] }),
  // A feature imports another only through its index, and no adapter (see the top of this file).
  restrict(['src/extension/features/**/*.ts'], { patterns: [intoAnotherFeature, adapterImplementations, into('cli', 'webview'), draftOfTheModel] }),
  // The extension's own infrastructure never imports a feature: the entry point wires them in.
  restrict(['src/extension/**/*.ts'], { patterns: [{ regex: '^(\\.{1,2}/)+features(/|$)', message: 'only the entry point (extension.ts) wires features in.' }, into('cli', 'webview'), draftOfTheModel] }, [
    'src/extension/features/**',
    'src/extension/extension.ts',
  ]),
);
