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

  it('writes text that Latin-1 holds one byte a character, and reads every script back', () => {
    // A study's quotes are mostly Latin-1: as UTF-8, "é" took two bytes, and one "’" or "日" anywhere made
    // the whole table two bytes a character in memory once read.
    const latin = 'Ça coûte trop cher, et ôter la baignoire à côté';
    const ascii = 'Ca coute trop cher, et oter la baignoire a cote';
    assert.equal(written([latin]).length, written([ascii]).length);
    const wide = 'it’s 日本 and 🙂';
    assert.deepEqual(readAll(written([[latin, ascii, wide], wide, latin])), [[latin, ascii, wide], wide, latin]);
    const everyLatin1 = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    assert.deepEqual(readAll(written([everyLatin1, `${everyLatin1}\u0100`, '\u0100', ''])), [everyLatin1, `${everyLatin1}\u0100`, '\u0100', '']);
  });

  it('reads objects of many shapes and sizes with their keys in order', () => {
    const keys = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `k${i}` : i % 3 === 1 ? String(i) : `"quoted\\ ${i}'`));
    const objects = keys.map((_, n) => Object.fromEntries(keys.slice(0, n + 1).map((k, i) => [k, i % 2 ? [i, { k }] : `v${i}`])));
    const read = readAll(written(objects)) as Record<string, unknown>[];
    assert.deepEqual(read, objects);
    read.forEach((o, i) => assert.deepEqual(Object.keys(o), Object.keys(objects[i]!)));
  });

  it('writes the values of deferred keys so that they are read only when first used, and read back the same', () => {
    const transcript = {
      path: 'transcripts/p01.vtt',
      meta: { participant: 'P01' },
      turns: [
        { start: 0, end: 40, speaker: 'P01', time: '00:00:04' },
        { start: 41, end: 90, speaker: 'Interviewer' },
      ],
    };
    const w = new BinaryJsonWriter({ deferred: new Set(['turns']) });
    w.add(transcript);
    w.add({ turns: 'a string is written as it is', other: [1] });
    const r = BinaryJsonReader.open(w.finish());
    const read = r.next() as typeof transcript;
    assert.equal(typeof Object.getOwnPropertyDescriptor(read, 'turns')!.get, 'function', 'not read yet');
    assert.deepEqual(Object.keys(read), ['path', 'meta', 'turns']);
    assert.deepEqual(read.turns, transcript.turns);
    assert.equal(read.turns, read.turns, 'read once');
    assert.deepEqual(Object.getOwnPropertyDescriptor(read, 'turns'), { value: transcript.turns, writable: true, enumerable: true, configurable: true });
    assert.deepEqual(r.next(), { turns: 'a string is written as it is', other: [1] });
    assert.equal(r.remaining, 0);
    // As JSON and as a copy, a value not read yet is the same as one read.
    const again = BinaryJsonReader.open(w.finish()).next() as typeof transcript;
    assert.equal(JSON.stringify(again), JSON.stringify(transcript));
    const copy = { ...(BinaryJsonReader.open(w.finish()).next() as typeof transcript) };
    assert.deepEqual(Object.getOwnPropertyDescriptor(copy, 'turns')!.value, transcript.turns);
    const replaced = BinaryJsonReader.open(w.finish()).next() as typeof transcript;
    replaced.turns = [];
    assert.deepEqual(replaced.turns, []);
  });

  it('reads back any JSON values with every key deferred, nested in each other, as JSON.parse would', () => {
    const every = { has: () => true };
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 6 }), (values) => {
        const w = new BinaryJsonWriter({ deferred: every });
        for (const v of values) w.add(v);
        assert.deepEqual(readAll(w.finish()), values.map(asJson));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses deferred values cut short', () => {
    const w = new BinaryJsonWriter({ deferred: new Set(['turns']) });
    w.add({ turns: [{ start: 1, speaker: 'P01' }], path: 'p01.md' });
    const bytes = w.finish();
    for (let n = 0; n < bytes.length; n++) assert.throws(() => readAll(bytes.subarray(0, n)), BinaryJsonError, `cut to ${n} of ${bytes.length} bytes`);
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
