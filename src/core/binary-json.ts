/**
 * JSON values as compact bytes, for caches that are read far more often than written (the
 * loader's snapshot, src/node/snapshot-store.ts). A study's snapshot is mostly its highlights:
 * 4,000 objects with the same ten keys, the same few dozen tags, speakers and coders again and
 * again. Here every distinct string is written once (a table, decoded with one call and cut
 * into pieces) and every distinct set of object keys once (a shape), so a value costs a tag
 * byte and a number or two. Reading 50 such snapshots took most of a library's warm load as
 * JSON (a parser building 11 million strings, half of them repeats); see docs/benchmarks.md.
 *
 * The table is two texts: the strings Latin-1 holds (nearly all of a study's, accents
 * included), one byte a character, and the others as UTF-8. The pieces of a text are slices of
 * it, so one "’" in a single quote made a one-text table, and every string cut from it, two
 * bytes a character in memory: 2 MB a study, 40 % of a 50-study library's heap once loaded.
 *
 * A value reads back as `JSON.parse(JSON.stringify(value))` would: keys whose value is
 * undefined are left out, undefined in an array reads as null, non-finite numbers as null.
 *
 *   const w = new BinaryJsonWriter();  const at = w.add(value);  const bytes = w.finish();
 *   const r = BinaryJsonReader.open(bytes);  r.next() …   // the values in the order added
 */

/** The byte before each value, saying what it is. */
const Tag = { Null: 0, False: 1, True: 2, Uint: 3, NegativeInt: 4, Float: 5, String: 6, Array: 7, Object: 8, Deferred: 9 } as const;

/** A reader found bytes that are not what a writer writes. */
export class BinaryJsonError extends Error {}

export interface BinaryJsonWriterOptions {
  /**
   * Keys whose values (when an array or an object) a reader decodes only when the property is
   * first read: the loader's snapshot defers each transcript's turns, a third of a library's
   * objects, which a load and most commands never look at.
   */
  deferred?: { has(key: string): boolean };
}

export class BinaryJsonWriter {
  private readonly deferred: BinaryJsonWriterOptions['deferred'];
  private readonly strings = new Map<string, number>();
  private readonly shapes = new Map<string, number>();
  private readonly shapeKeys: number[][] = [];
  private bytes = new Uint8Array(1 << 16);
  private length = 0;
  private readonly float = new DataView(new ArrayBuffer(8));
  private values = 0;

  constructor(options: BinaryJsonWriterOptions = {}) {
    this.deferred = options.deferred;
  }

  /** Appends a value; values read back in the order they were added. */
  add(value: unknown): void {
    this.value(value);
    this.values++;
  }

  /**
   * The encoded values: a count of values, the string table (for each string its length in
   * UTF-16 units, doubled, plus one when it is in the UTF-8 text; then the Latin-1 text, one
   * byte a character, and the UTF-8 text, each after its length in bytes), the shapes (key
   * counts and key strings), then the values.
   */
  finish(): Uint8Array {
    const body = this.bytes.subarray(0, this.length);
    const head = new BinaryJsonWriter();
    head.uint(this.values);
    const table = [...this.strings.keys()];
    head.uint(table.length);
    const latin1: string[] = [];
    const wide: string[] = [];
    for (const s of table) {
      const isLatin1 = LATIN1.test(s);
      (isLatin1 ? latin1 : wide).push(s);
      head.uint(s.length * 2 + (isLatin1 ? 0 : 1));
    }
    const oneByte = latin1Bytes(latin1.join(''));
    head.uint(oneByte.length);
    head.raw(oneByte);
    const text = new TextEncoder().encode(wide.join(''));
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
      for (const k of keys) {
        const x = (v as Record<string, unknown>)[k];
        if (this.deferred?.has(k) && typeof x === 'object' && x !== null) this.deferredValue(x);
        else this.value(x);
      }
    }
  }

  /** A value a reader can skip: its tag, its length in bytes, then the value. */
  private deferredValue(v: object): void {
    this.byte(Tag.Deferred);
    const from = this.length;
    this.value(v);
    const length = this.length - from;
    // The length goes before the value, now that it is known: the value moves up to make room.
    const size = new BinaryJsonWriter();
    size.uint(length);
    this.room(size.length);
    this.bytes.copyWithin(from + size.length, from, this.length);
    this.bytes.set(size.bytes.subarray(0, size.length), from);
    this.length += size.length;
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
  /** Each shape's keys, and the function that reads an object of it (see `objectReader`). */
  private shapes: { keys: string[]; read: ObjectReader }[] = [];
  /** Reads the next value: what a shape's object reader calls for each of its values. */
  private readonly valueOf = () => this.value();
  /** Deferred values met so far (see `Deferred`): an object that met one makes it a lazy property. */
  private deferredMet = 0;
  /** Values not yet read. */
  remaining = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    /** Where the bytes this reader may read end (a deferred value's end, for the reader of one). */
    private readonly end = bytes.length,
  ) {}

  /**
   * A reader of what `BinaryJsonWriter.finish` wrote; throws a BinaryJsonError on bytes it did
   * not. `decode` turns the string table's texts into strings: the host's fastest (Node's
   * TextDecoder took as long as reading every value; its Buffer is several times faster).
   */
  static open(bytes: Uint8Array, decode: TextDecoders = {}): BinaryJsonReader {
    const r = new BinaryJsonReader(bytes);
    r.remaining = r.uint();
    const count = r.uint();
    const lengthsAt = r.at;
    for (let i = 0; i < count; i++) r.uint();
    const latin1 = (decode.latin1 ?? latin1Text)(r.take(r.uint()));
    const wide = (decode.utf8 ?? ((b) => new TextDecoder().decode(b)))(r.take(r.uint()));
    const tableEnd = r.at;
    r.at = lengthsAt;
    const strings = new Array<string>(count);
    let fromLatin1 = 0;
    let fromWide = 0;
    for (let i = 0; i < count; i++) {
      const n = r.uint();
      const length = Math.floor(n / 2);
      if (n % 2 === 0) strings[i] = latin1.slice(fromLatin1, (fromLatin1 += length));
      else strings[i] = wide.slice(fromWide, (fromWide += length));
    }
    if (fromLatin1 !== latin1.length || fromWide !== wide.length) throw new BinaryJsonError('the string table does not add up');
    r.strings = strings;
    r.at = tableEnd;
    r.shapes = Array.from({ length: r.uint() }, () => {
      const keys = Array.from({ length: r.uint() }, () => r.string(r.uint()));
      return { keys, read: objectReader(keys) };
    });
    return r;
  }

  /** The next value added. */
  next(): unknown {
    if (this.remaining <= 0) throw new BinaryJsonError('no more values');
    this.remaining--;
    const v = this.value();
    if (v instanceof Deferred) throw new BinaryJsonError('a deferred value outside an object');
    if (this.remaining === 0 && this.at !== this.end) throw new BinaryJsonError('bytes left over after the last value');
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
        for (let i = 0; i < n; i++) if ((out[i] = this.value()) instanceof Deferred) throw new BinaryJsonError('a deferred value in an array');
        return out;
      }
      case Tag.Object: {
        const shape = this.shapes[this.uint()];
        if (!shape) throw new BinaryJsonError('an object of an unknown shape');
        const met = this.deferredMet;
        const out = shape.read(this.valueOf);
        if (this.deferredMet !== met) this.readLater(out);
        return out;
      }
      case Tag.Deferred: {
        const length = this.uint();
        const at = this.at;
        this.take(length);
        this.deferredMet++;
        return new Deferred(at, length);
      }
      default:
        throw new BinaryJsonError(tag === undefined ? 'the values stop short' : `an unknown tag ${tag}`);
    }
  }

  /**
   * Makes each deferred value of `out` a property that reads the value the first time it is
   * used, then holds it as an ordinary property. Its bytes are checked then (the whole file's
   * checksum was checked before anything was read).
   */
  private readLater(out: Record<string, unknown>): void {
    for (const key of Object.keys(out)) {
      const deferred = out[key];
      if (!(deferred instanceof Deferred)) continue;
      const settle = (value: unknown) => Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      Object.defineProperty(out, key, {
        enumerable: true,
        configurable: true,
        get: () => {
          const r = new BinaryJsonReader(this.bytes, deferred.at + deferred.length);
          r.strings = this.strings;
          r.shapes = this.shapes;
          r.at = deferred.at;
          r.remaining = 1;
          const value = r.next();
          settle(value);
          return value;
        },
        set: settle,
      });
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
    if (this.at + n > this.end) throw new BinaryJsonError('the values stop short');
    const b = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return b;
  }
}

/** Where a deferred value's bytes are, until its property is first read. */
class Deferred {
  constructor(
    readonly at: number,
    readonly length: number,
  ) {}
}

/** The host's fastest ways to turn bytes into text (Node's Buffer); the defaults work anywhere. */
export interface TextDecoders {
  utf8?: (bytes: Uint8Array) => string;
  /** Each byte one character, U+0000 to U+00FF (not windows-1252, which TextDecoder calls latin1). */
  latin1?: (bytes: Uint8Array) => string;
}

/** Strings whose every character fits one byte. */
const LATIN1 = /^[\u0000-\u00ff]*$/;

function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function latin1Text(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/** Reads an object of one shape, given the function that reads each next value. */
type ObjectReader = (value: () => unknown) => Record<string, unknown>;

/**
 * The function that reads an object of these keys. Built as one object literal, it makes every
 * object of the shape with all its properties at once, in the object itself: added one key at a
 * time (`out[key] = …`), a highlight's eleven keys went through a generic slow path and spilled
 * into a second, out-of-object array, and that was most of the time spent reading a snapshot.
 * Keys are written as JSON string literals, so no key can be anything but a key. A shape with
 * `__proto__` (which a literal would take for the prototype) is read key by key instead, as an
 * own property as JSON.parse makes it; so is a shape with very many keys.
 */
function objectReader(keys: readonly string[]): ObjectReader {
  if (keys.includes('__proto__') || keys.length > 64) {
    return (value) => {
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        if (k === '__proto__') Object.defineProperty(out, k, { value: value(), enumerable: true, writable: true, configurable: true });
        else out[k] = value();
      }
      return out;
    };
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the body is made of JSON string literals only (see above)
  return new Function('v', `return {${keys.map((k) => `${JSON.stringify(k)}: v()`).join(', ')}};`) as ObjectReader;
}
