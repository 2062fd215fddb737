/**
 * The editor's personal-data scan on a worker thread (src/node/privacy-worker.ts): the same
 * findings as the scan on the host's thread, the host reading only the files that changed, a
 * superseded scan handing back what it learnt, and a worker that cannot run costing nothing
 * but a fallback.
 *
 * The worker runs a script, not TypeScript (tsx is not inherited by a worker thread), so
 * `before` bundles src/node/privacy-thread.ts with esbuild as scripts/build.mjs does, into a
 * folder inside the project so the bundle finds the given-name lists in node_modules.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { PrivacyScanner, readPrivacySources, scannableFiles, scanOptionsOf } from '../../src/core/privacy/scan';
import { loadWorkspace } from '../../src/core/workspace/load';
import { PrivacyWorker } from '../../src/node/privacy-worker';
import { exampleFileSystem } from '../support/example-fs';
import { realPdfText } from '../support/real-fixtures';

describe('the personal-data scan on a worker thread', function () {
  this.timeout(120_000);
  const dir = path.join(__dirname, '..', '.artifacts', 'privacy-thread');
  const script = path.join(dir, 'privacy-thread.js');
  const workers: PrivacyWorker[] = [];
  const worker = (at = script) => {
    const w = new PrivacyWorker(at);
    workers.push(w);
    return w;
  };

  before(async () => {
    mkdirSync(dir, { recursive: true });
    await build({ entryPoints: [path.join(__dirname, '../../src/node/privacy-thread.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  });
  after(() => {
    for (const w of workers) w.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The example study with two real MAXQDA interviews among its transcripts. */
  async function study() {
    const fs = exampleFileSystem();
    fs.write('transcripts/interviews/maxqda-p1.md', realPdfText('maxqda-pdf/P1.pdf'));
    fs.write('transcripts/interviews/maxqda-p2.md', realPdfText('maxqda-pdf/P2.pdf'));
    const { workspace: ws } = await loadWorkspace(fs);
    const options = scanOptionsOf(ws, await readPrivacySources(fs, ws));
    const files = () => scannableFiles(ws).map((p) => ({ path: p, hash: ws.transcripts.get(p)?.hash ?? ws.versions.get(p) ?? '' }));
    return { fs, ws, options, files };
  }

  it('finds exactly what the scan on the host finds, and then reads nothing unchanged', async () => {
    const { fs, options, files } = await study();
    const here = await new PrivacyScanner().scan(files(), async (p) => fs.text(p), options);
    assert.ok(here.length > 20, `${here.length} findings`);
    const reads: string[] = [];
    const read = async (p: string) => (reads.push(p), fs.text(p));
    const w = worker();
    const first = await w.scan(undefined, files(), options, read, async () => {});
    assert.equal(first.changed, true);
    assert.deepEqual(
      PrivacyScanner.fromSnapshot(first.snapshot)
        .remembered(files().map((f) => f.path))
        .all(),
      here,
    );
    assert.ok(reads.includes('transcripts/interviews/maxqda-p1.md'));

    reads.splice(0);
    const again = await w.scan(first.snapshot, files(), options, read, async () => {});
    assert.deepEqual(reads, [], 'nothing read again');
    assert.equal(again.changed, false);
    assert.deepEqual(
      PrivacyScanner.fromSnapshot(again.snapshot)
        .remembered(files().map((f) => f.path))
        .all(),
      here,
    );
  });

  it('a superseded scan stops, and hands back the memory of the files it finished', async () => {
    const { fs, options, files } = await study();
    let handed = 0;
    const w = worker();
    const stopped = await w
      .scan(
        undefined,
        files(),
        options,
        async (p) => fs.text(p),
        async () => {
          if (++handed > 3) throw new Error('superseded');
        },
      )
      .then(
        () => assert.fail('the scan went on'),
        (e: Error & { snapshot?: Uint8Array }) => e,
      );
    assert.ok(stopped.snapshot, 'memory handed back');
    assert.equal(w.usable, true, 'the worker is still usable');
    // Picked up where it stopped: the three files read are not read again in the first pass.
    const reads: string[] = [];
    const done = await w.scan(
      stopped.snapshot,
      files(),
      options,
      async (p) => (reads.push(p), fs.text(p)),
      async () => {},
    );
    const here = await new PrivacyScanner().scan(files(), async (p) => fs.text(p), options);
    assert.deepEqual(
      PrivacyScanner.fromSnapshot(done.snapshot)
        .remembered(files().map((f) => f.path))
        .all(),
      here,
    );
    assert.equal(reads.length, files().length * 2 - 3);
  });

  it('a worker that cannot start rejects, and says it is not usable (the host then scans itself)', async () => {
    const missing = path.join(dir, 'missing.js');
    const broken = path.join(dir, 'broken.js');
    writeFileSync(broken, 'throw new Error("broken on purpose");\n');
    for (const at of [missing, broken]) {
      const w = worker(at);
      const { options, files } = await study();
      await assert.rejects(
        w.scan(
          undefined,
          files(),
          options,
          async () => '',
          async () => {},
        ),
      );
      assert.equal(w.usable, false, at);
    }
  });
});
