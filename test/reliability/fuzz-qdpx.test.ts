/**
 * Fuzzing the REFI-QDA importer: a real export of the example study, damaged (bytes
 * flipped, truncated), with its project.qde mutated and re-packed, and with entries that
 * climb out of the archive. Every input gives files to create or problems saying why not;
 * no file may be planned outside the new workspace.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { exportQdpx, importQdpx } from '../../src/core/exchange/qdpx';
import { hasErrors } from '../../src/core/problems';
import { loadWorkspace } from '../../src/core/workspace/load';
import { isSafeRelativePath } from '../../src/core/workspace/references';
import { MemoryFileSystem } from '../support/memory-fs';
import { FUZZ_RUNS, FuzzMeter } from './figures';
import { assertWellFormed, exampleFiles, mutated, mutatedBytes } from './support/corpus';

async function exampleQdpx(): Promise<Uint8Array> {
  const fs = new MemoryFileSystem(Object.fromEntries(exampleFiles()));
  const { workspace } = await loadWorkspace(fs);
  const out = await exportQdpx(workspace, fs);
  assert.deepEqual(
    out.problems.filter((p) => p.severity === 'error'),
    [],
  );
  return out.bytes;
}

/** Imports, checking the outcome: files inside the new workspace, or an error saying why there are none. */
async function importOne(bytes: Uint8Array): Promise<{ edits: number; codes: string[] }> {
  const r = await importQdpx(bytes, 'study.qdpx');
  assertWellFormed(r.problems, 'study.qdpx');
  for (const e of r.edits) assert.ok(isSafeRelativePath(e.path), `planned outside the workspace: ${e.path}`);
  if (r.edits.length === 0) assert.ok(hasErrors(r.problems), 'nothing imported, and no error saying why');
  return { edits: r.edits.length, codes: r.problems.map((p) => p.code) };
}

describe('fuzz: the QDPX importer', () => {
  let qdpx: Uint8Array;
  let entries: Record<string, Uint8Array>;
  before(async () => {
    qdpx = await exampleQdpx();
    entries = unzipSync(qdpx);
    assert.ok((await importOne(qdpx)).edits > 10, 'the unharmed export imports');
  });

  it('damaged archives (bytes flipped, truncated): a clear problem, never a throw', async () => {
    const meter = new FuzzMeter('QDPX importer, damaged archives', 5000);
    await meter.around(async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constant(null).chain(() => mutatedBytes(qdpx)),
          async (bytes) => {
            await meter.measureAsync('damaged', () => importOne(bytes));
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
    });
  });

  it('a mutated project.qde, re-packed', async () => {
    const meter = new FuzzMeter('QDPX importer, mutated project.qde', 5000);
    await meter.around(async () => {
      const qde = new TextDecoder().decode(entries['project.qde']);
      await fc.assert(
        fc.asyncProperty(mutated([qde]), async ({ text }) => {
          const bytes = zipSync({ ...entries, 'project.qde': new TextEncoder().encode(text) });
          await meter.measureAsync('mutated qde', () => importOne(bytes));
        }),
        { numRuns: FUZZ_RUNS * 2 },
      );
    });
  });

  it('entries that leave the archive (../, absolute, drive letters) make it refused', async () => {
    const meter = new FuzzMeter('QDPX importer, escaping entry names', 5000);
    await meter.around(async () => {
      const names = ['../evil.txt', '../../etc/cron.d/x', '/etc/passwd', 'sources/../../x.txt', 'C:/Windows/x.txt', 'c:\\x.txt', '..\\..\\x.txt', 'sources/../../../x.qde'];
      for (const name of names) {
        const r = await meter.measureAsync(name, () => importOne(zipSync({ ...entries, [name]: new TextEncoder().encode('pwned') })));
        assert.equal(r.edits, 0, name);
        assert.deepEqual(r.codes, ['qdpx-container'], name);
      }
    });
  });
});
