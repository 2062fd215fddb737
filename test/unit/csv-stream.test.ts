/**
 * `sift export csv` writes its table as it makes it: csvBatches gives the same bytes as
 * renderCsv, a batch at a time, and writeAsMade asks for the next batch only once the stream
 * has taken the last (so a slow reader never makes the whole output pile up in memory).
 */
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { csvBatches, renderCsv, type CsvRow } from '../../src/core/exchange/csv';
import { writeAsMade } from '../../src/cli/stream';

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
