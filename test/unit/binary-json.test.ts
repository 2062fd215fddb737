import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { BinaryJsonError, BinaryJsonReader, BinaryJsonWriter } from '../../src/core/binary-json';

const written = (values: unknown[]): Uint8Array => {
  const w = new BinaryJsonWriter();
  for (const v of values) w.add(v);
  return w.finish();
};
const readAll = (bytes: Uint8Array): unknown[] => {
  const r = BinaryJsonReader.open(bytes);
  const out: unknown[] = [];
  while (r.remaining > 0) out.push(r.next());
  return out;
};
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null');

describe('binary JSON (the snapshot cache’s values)', () => {
  it('reads back any JSON values, in order, exactly as JSON.parse would', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 6 }), (values) => {
        assert.deepEqual(readAll(written(values)), values.map(asJson));
      }),
      { numRuns: 300 },
    );
  });

  it('writes a repeated string and a repeated set of keys once', () => {
    const highlight = (i: number) => ({ id: `h-${i}`, quote: 'I waited three months for someone to look at the roof', tags: ['waiting-time', 'repairs'], speaker: 'P01', start: i * 100, end: i * 100 + 54 });
    const one = written([highlight(1)]).length;
    const hundred = written(Array.from({ length: 100 }, (_, i) => highlight(i))).length;
    // Each further highlight costs its id and a few numbers (about 25 bytes), not its quote, tags and keys again (120 more as JSON).
    assert.ok(hundred - one < 99 * 30, `${hundred - one} bytes for 99 more`);
    assert.deepEqual(readAll(written([highlight(7), highlight(8)])), [highlight(7), highlight(8)]);
  });

  it('keeps what JSON keeps: no undefined keys, null for undefined and non-finite in arrays, numbers of every kind, text of every script', () => {
    const value = { a: undefined, b: [undefined, NaN, Infinity, -0.5, 2 ** 53, -(2 ** 40), 1796615504940.886], c: 'café “quoted” 🙂 日本', d: { toJSON: () => 'as JSON' }, e: new Date(0) };
    assert.deepEqual(readAll(written([value])), [asJson(value)]);
  });

  it('reads a __proto__ key as an own property, as JSON.parse does, never as the prototype', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Record<string, unknown>;
    const [read] = readAll(written([value])) as [Record<string, unknown>];
    assert.equal(Object.getPrototypeOf(read), Object.prototype);
    assert.equal((read as { polluted?: boolean }).polluted, undefined);
    assert.deepEqual(Object.keys(read), ['__proto__', 'x']);
    assert.deepEqual(read['__proto__'], { polluted: true });
  });

  it('refuses bytes cut short, values asked for past the end, and bytes left over', () => {
    const bytes = written([{ quote: 'the long wait', start: 12 }, ['a', 'b']]);
    for (let n = 0; n < bytes.length; n++) {
      assert.throws(() => readAll(bytes.subarray(0, n)), BinaryJsonError, `cut to ${n} of ${bytes.length} bytes`);
    }
    const r = BinaryJsonReader.open(bytes);
    r.next();
    r.next();
    assert.throws(() => r.next(), BinaryJsonError);
    assert.throws(() => readAll(new Uint8Array([...bytes, 0])), BinaryJsonError);
  });
});
