/**
 * `sift export csv` writes its table as it makes it: csvBatches gives the same bytes as
 * renderCsv, a batch at a time, and writeAsMade asks for the next batch only once the stream
 * has taken the last (so a slow reader never makes the whole output pile up in memory).
 */
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import * as path from 'node:path';
import { csvBatches, csvRows, csvRowsOneByOne, renderCsv, type CsvRow } from '../../src/core/exchange/csv';
import { quoteTools } from '../../src/core/privacy/quotes';
import { loadWorkspace } from '../../src/core/workspace/load';
import type { Workspace } from '../../src/core/workspace/workspace';
import { NodeFileSystem } from '../../src/node/node-fs';
import { writeAsMade } from '../../src/cli/stream';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'home-adaptations');

const ROWS: CsvRow[] = [
  ['highlight', 'quote', 'start'],
  ['h-1', 'I waited, and waited', 12],
  ['h-2', 'He said "sixteen weeks"\nthen nothing', 40],
  ['h-3', '=HYPERLINK("x")', 0],
  ['h-4', 'Café — ünïcode', 7],
];

describe('CSV written as it is made', () => {
  it('gives exactly renderCsv’s bytes, in batches of the given size, BOM and formula guard included', () => {
    for (const options of [{}, { bom: true, guardFormulas: true }]) {
      for (const size of [1, 2, 3, 1000]) {
        const batches = [...csvBatches(ROWS, options, size)];
        assert.equal(batches.join(''), renderCsv(ROWS, options), `size ${size}`);
        assert.equal(batches.length, Math.ceil(ROWS.length / size));
      }
    }
  });

  it('holds at most two batches at once when the reader is slower than the writer', async () => {
    const batch = 'x'.repeat(1000);
    let made = 0;
    let taken = 0;
    let mostAhead = 0;
    function* chunks(): Generator<string> {
      for (let i = 0; i < 200; i++) {
        made++;
        mostAhead = Math.max(mostAhead, made - taken);
        yield batch;
      }
    }
    // A reader taking one chunk per turn of the event loop, with a buffer of half a batch.
    const slow = new Writable({
      highWaterMark: 500,
      write(_chunk, _encoding, callback) {
        setImmediate(() => {
          taken++;
          callback();
        });
      },
    });
    await writeAsMade(slow, chunks());
    await new Promise<void>((resolve) => slow.end(resolve));
    assert.equal(taken, 200);
    assert.ok(mostAhead <= 2, `${mostAhead} batches were made before the reader took them`);
  });

  it('makes the rows one transcript at a time: the first row is made having placed only its own transcript’s highlights', async () => {
    const loaded = (await loadWorkspace(new NodeFileSystem(EXAMPLE))).workspace;
    // The places the rows are made from, counted as they are looked up.
    let lookedUp = 0;
    const anchoring = { get: (id: string) => (lookedUp++, loaded.anchoring.get(id)) } as Workspace['anchoring'];
    const ws: Workspace = { ...loaded, anchoring };
    const tools = quoteTools(ws, { key: undefined, namesList: [] });
    const files = [...ws.highlightFiles.values()].sort((a, b) => (a.source < b.source ? -1 : 1));
    assert.ok(files.length >= 5, `${files.length} highlights files`);
    for (const format of ['long', 'wide'] as const) {
      lookedUp = 0;
      const rows = csvRowsOneByOne(ws, format, tools);
      rows.next(); // the header
      const first = rows.next().value!;
      assert.equal(first[1], files[0]!.source);
      assert.equal(lookedUp, files[0]!.highlights.length, `${format}: places looked up before the first row`);
      // …and all of them, in the same order as the table made at once.
      assert.deepEqual([...csvRowsOneByOne(ws, format, tools)], csvRows(loaded, format, tools));
    }
  });

  it('stops quietly when the reader has gone', async () => {
    const gone = new Writable({ write: (_c, _e, callback) => callback() });
    gone.destroy();
    let made = 0;
    await writeAsMade(
      gone,
      (function* () {
        for (;;) {
          if (++made > 5) throw new Error('kept making output for nobody');
          yield 'row\r\n';
        }
      })(),
    );
    assert.ok(made <= 1);
  });
});
