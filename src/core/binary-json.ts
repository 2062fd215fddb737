/**
 * JSON values as compact bytes, for caches that are read far more often than written (the
 * loader's snapshot, src/node/snapshot-store.ts). A study's snapshot is mostly its highlights:
 * 4,000 objects with the same ten keys, the same few dozen tags, speakers and coders again and
 * again. Here every distinct string is written once (a table, decoded with one call and cut
 * into pieces) and every distinct set of object keys once (a shape), so a value costs a tag
 * byte and a number or two. Reading 50 such snapshots took most of a library's warm load as
 * JSON (a parser building 11 million strings, half of them repeats); see docs/benchmarks.md.
 *
 * A value reads back as `JSON.parse(JSON.stringify(value))` would: keys whose value is
 * undefined are left out, undefined in an array reads as null, non-finite numbers as null.
 *
 *   const w = new BinaryJsonWriter();  const at = w.add(value);  const bytes = w.finish();
 *   const r = BinaryJsonReader.open(bytes);  r.next() …   // the values in the order added
 */

/** The byte before each value, saying what it is. */
const Tag = { Null: 0, False: 1, True: 2, Uint: 3, NegativeInt: 4, Float: 5, String: 6, Array: 7, Object: 8 } as const;

/** A reader found bytes that are not what a writer writes. */
export class BinaryJsonError extends Error {}

export class BinaryJsonWriter {
  private readonly strings = new Map<string, number>();
  private readonly shapes = new Map<string, number>();
  private readonly shapeKeys: number[][] = [];
  private bytes = new Uint8Array(1 << 16);
  private length = 0;
  private readonly float = new DataView(new ArrayBuffer(8));
  private values = 0;

  /** Appends a value; values read back in the order they were added. */
  add(value: unknown): void {
    this.value(value);
    this.values++;
  }

  /**
   * The encoded values: a count of values, the string table (each string's length in UTF-16
   * units, then all of them as one UTF-8 text), the shapes (key counts and key strings), then
   * the values.
   */
  finish(): Uint8Array {
    const body = this.bytes.subarray(0, this.length);
    const head = new BinaryJsonWriter();
    head.uint(this.values);
    const table = [...this.strings.keys()];
    head.uint(table.length);
    for (const s of table) head.uint(s.length);
    const text = new TextEncoder().encode(table.join(''));
    head.uint(text.length);
    head.raw(text);
    head.uint(this.shapeKeys.length);
    for (const keys of this.shapeKeys) {
      head.uint(keys.length);
      for (const k of keys) head.uint(k);
    }
    head.raw(body);
    return head.bytes.slice(0, head.length);
  }

  private value(v: unknown): void {
    if (typeof v === 'string') {
      this.byte(Tag.String);
      this.uint(this.string(v));
    } else if (typeof v === 'number') {
      if (Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) {
        this.byte(v < 0 ? Tag.NegativeInt : Tag.Uint);
        this.uint(Math.abs(v));
      } else if (Number.isFinite(v)) {
        this.byte(Tag.Float);
        this.float.setFloat64(0, v, true);
        this.raw(new Uint8Array(this.float.buffer));
      } else this.byte(Tag.Null);
    } else if (typeof v === 'boolean') this.byte(v ? Tag.True : Tag.False);
    else if (v === null || v === undefined || typeof v !== 'object') this.byte(Tag.Null);
    else if (typeof (v as { toJSON?: unknown }).toJSON === 'function') this.value((v as { toJSON(): unknown }).toJSON());
    else if (Array.isArray(v)) {
      this.byte(Tag.Array);
      this.uint(v.length);
      for (const item of v) this.value(typeof item === 'function' || typeof item === 'symbol' ? null : item);
    } else {
      const keys = Object.keys(v).filter((k) => {
        const x = (v as Record<string, unknown>)[k];
        return x !== undefined && typeof x !== 'function' && typeof x !== 'symbol';
      });
      this.byte(Tag.Object);
      this.uint(this.shape(keys));
      for (const k of keys) this.value((v as Record<string, unknown>)[k]);
    }
  }

  private string(s: string): number {
    let at = this.strings.get(s);
    if (at === undefined) {
      at = this.strings.size;
      this.strings.set(s, at);
    }
    return at;
  }

  private shape(keys: string[]): number {
    const name = JSON.stringify(keys);
    let at = this.shapes.get(name);
    if (at === undefined) {
      at = this.shapeKeys.length;
      this.shapes.set(name, at);
      this.shapeKeys.push(keys.map((k) => this.string(k)));
    }
    return at;
  }

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  private byte(b: number): void {
    this.room(1);
    this.bytes[this.length++] = b;
  }

  /** A non-negative integer up to 2^53, seven bits a byte, low first. */
  private uint(n: number): void {
    this.room(8);
    while (n >= 0x80) {
      this.bytes[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.bytes[this.length++] = n;
  }

  private raw(b: Uint8Array): void {
    this.room(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }
}

export class BinaryJsonReader {
  private at = 0;
  private strings: string[] = [];
  private shapes: string[][] = [];
  /** Values not yet read. */
  remaining = 0;

  private constructor(private readonly bytes: Uint8Array) {}

  /**
   * A reader of what `BinaryJsonWriter.finish` wrote; throws a BinaryJsonError on bytes it did
   * not. `decodeUtf8` turns the string table into text: the host's fastest (Node's TextDecoder
   * took as long as reading every value; its Buffer is several times faster).
   */
  static open(bytes: Uint8Array, decodeUtf8: (bytes: Uint8Array) => string = (b) => new TextDecoder().decode(b)): BinaryJsonReader {
    const r = new BinaryJsonReader(bytes);
    r.remaining = r.uint();
    const count = r.uint();
    const lengthsAt = r.at;
    for (let i = 0; i < count; i++) r.uint();
    const text = decodeUtf8(r.take(r.uint()));
    const tableEnd = r.at;
    r.at = lengthsAt;
    const strings = new Array<string>(count);
    let from = 0;
    for (let i = 0; i < count; i++) {
      const to = from + r.uint();
      strings[i] = text.slice(from, to);
      from = to;
    }
    if (from !== text.length) throw new BinaryJsonError('the string table does not add up');
    r.strings = strings;
    r.at = tableEnd;
    r.shapes = Array.from({ length: r.uint() }, () => Array.from({ length: r.uint() }, () => r.string(r.uint())));
    return r;
  }

  /** The next value added. */
  next(): unknown {
    if (this.remaining <= 0) throw new BinaryJsonError('no more values');
    this.remaining--;
    const v = this.value();
    if (this.remaining === 0 && this.at !== this.bytes.length) throw new BinaryJsonError('bytes left over after the last value');
    return v;
  }

  private value(): unknown {
    const tag = this.bytes[this.at++];
    switch (tag) {
      case Tag.Null:
        return null;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Uint:
        return this.uint();
      case Tag.NegativeInt:
        return -this.uint();
      case Tag.Float: {
        const b = this.take(8);
        return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
      }
      case Tag.String:
        return this.string(this.uint());
      case Tag.Array: {
        const n = this.uint();
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = this.value();
        return out;
      }
      case Tag.Object: {
        const keys = this.shapes[this.uint()];
        if (!keys) throw new BinaryJsonError('an object of an unknown shape');
        const out: Record<string, unknown> = {};
        for (const k of keys) {
          // An own property, as JSON.parse makes it, never the object's prototype.
          if (k === '__proto__') Object.defineProperty(out, k, { value: this.value(), enumerable: true, writable: true, configurable: true });
          else out[k] = this.value();
        }
        return out;
      }
      default:
        throw new BinaryJsonError(tag === undefined ? 'the values stop short' : `an unknown tag ${tag}`);
    }
  }

  private string(i: number): string {
    const s = this.strings[i];
    if (s === undefined) throw new BinaryJsonError('a string not in the table');
    return s;
  }

  private uint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.bytes[this.at++];
      if (b === undefined) throw new BinaryJsonError('the values stop short');
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new BinaryJsonError('a number too long');
    }
  }

  private take(n: number): Uint8Array {
    if (this.at + n > this.bytes.length) throw new BinaryJsonError('the values stop short');
    const b = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return b;
  }
}
