/**
 * A file's personal-data findings, packed: seven 32-bit numbers a finding in one typed array
 * (start, end, line, column, its words and its participant as indexes into a table of words
 * shared by the whole study, and its kind, basis and confidence as one code), instead of an
 * object a finding. A synthetic study of 50,000 highlights has 380,000 findings; as objects the
 * scanner's memory of them took the heap from 70 to 290 MB. A `PiiFinding` is made only when
 * someone asks for one (`at`, `all`, `overlapping`).
 *
 * The same numbers are what the scan cache stores (snapshot.ts), so reading a cache makes
 * views of its bytes, not objects.
 */
import { PII_KINDS, type PiiBasis, type PiiFinding } from './findings';

/** Numbers a finding. */
export const FIELDS = 7;
const START = 0;
const END = 1;
const LINE = 2;
const COLUMN = 3;
const TEXT = 4;
/** 0 for none, else the participant id's index in the words table + 1. */
const PARTICIPANT = 5;
/** Kind (bits 0–7), basis (8–15), confidence (16–31, an index into the confidences table). */
const CODE = 6;

const BASES: readonly PiiBasis[] = ['pattern', 'list', 'context'];

/** Values stored once and referred to by index: a study's found words, its distinct confidences. */
export class ValueTable<T> {
  private readonly values: T[] = [];
  private readonly index = new Map<T, number>();

  constructor(
    values: readonly T[] = [],
    /** How a value is stored (a string is copied, so it keeps no longer text it was cut from alive). */
    public own: (value: T) => T = (v) => v,
  ) {
    for (const v of values) this.indexOf(v);
  }

  indexOf(value: T): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      const owned = this.own(value);
      this.values.push(owned);
      this.index.set(owned, i);
    }
    return i;
  }

  valueAt(i: number): T {
    return this.values[i]!;
  }

  get size(): number {
    return this.values.length;
  }

  get all(): readonly T[] {
    return this.values;
  }
}

/** The tables a study's packed findings refer to. */
export interface FindingTables {
  words: ValueTable<string>;
  confidences: ValueTable<number>;
}

/** `ownWords: false` for words that are strings of their own already (parsed from a cache's JSON). */
export function findingTables(words: readonly string[] = [], confidences: readonly number[] = [], ownWords = true): FindingTables {
  const table = new ValueTable(words, ownWords ? ownString : undefined);
  if (!ownWords) table.own = ownString; // words found later are cut from texts
  return { words: table, confidences: new ValueTable(confidences) };
}

/** A copy of `s` that holds no reference to a longer string it was cut from (V8 slices share their parent's characters). */
export function ownString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** One file's findings, in the order the scan found them. */
export class FileFindings {
  constructor(
    readonly path: string,
    /** FIELDS numbers a finding. */
    readonly numbers: Uint32Array,
    private readonly tables: FindingTables,
  ) {}

  get length(): number {
    return this.numbers.length / FIELDS;
  }

  /** The i-th finding, as an object (made now: nothing keeps it). */
  at(i: number): PiiFinding {
    const n = this.numbers;
    const o = i * FIELDS;
    const code = n[o + CODE]!;
    const finding: PiiFinding = {
      path: this.path,
      kind: PII_KINDS[code & 0xff]!,
      text: this.tables.words.valueAt(n[o + TEXT]!),
      start: n[o + START]!,
      end: n[o + END]!,
      line: n[o + LINE]!,
      column: n[o + COLUMN]!,
      confidence: this.tables.confidences.valueAt(code >>> 16),
      basis: BASES[(code >>> 8) & 0xff]!,
    };
    const participant = n[o + PARTICIPANT]!;
    if (participant !== 0) finding.participant = this.tables.words.valueAt(participant - 1);
    return finding;
  }

  /** Every finding, as objects. */
  all(): PiiFinding[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }

  /** Findings overlapping the code-point range [start, end), with a confidence of at least `minConfidence`. */
  overlapping(start: number, end: number, minConfidence = 0): PiiFinding[] {
    const n = this.numbers;
    const out: PiiFinding[] = [];
    for (let o = 0, i = 0; o < n.length; o += FIELDS, i++) {
      if (n[o + START]! < end && start < n[o + END]! && this.tables.confidences.valueAt(n[o + CODE]! >>> 16) >= minConfidence) out.push(this.at(i));
    }
    return out;
  }

  /** Packs a file's findings (all of `path`) against the study's tables. */
  static pack(path: string, findings: readonly PiiFinding[], tables: FindingTables): FileFindings {
    const numbers = new Uint32Array(findings.length * FIELDS);
    findings.forEach((f, i) => {
      if (f.path !== path) throw new Error(`A finding of ${f.path} packed with the findings of ${path}.`);
      const o = i * FIELDS;
      numbers[o + START] = f.start;
      numbers[o + END] = f.end;
      numbers[o + LINE] = f.line;
      numbers[o + COLUMN] = f.column;
      numbers[o + TEXT] = tables.words.indexOf(f.text);
      numbers[o + PARTICIPANT] = f.participant === undefined ? 0 : tables.words.indexOf(f.participant) + 1;
      const confidence = tables.confidences.indexOf(f.confidence);
      if (confidence > 0xffff) throw new Error('More than 65,536 distinct confidences: the packed findings cannot hold them.');
      numbers[o + CODE] = PII_KINDS.indexOf(f.kind) | (BASES.indexOf(f.basis) << 8) | (confidence << 16);
    });
    return new FileFindings(path, numbers, tables);
  }
}

/** Whether packed numbers are sound against tables of these sizes (a damaged cache's are not). */
export function soundNumbers(numbers: Uint32Array, words: number, confidences: number): boolean {
  if (numbers.length % FIELDS !== 0) return false;
  for (let o = 0; o < numbers.length; o += FIELDS) {
    const code = numbers[o + CODE]!;
    if (numbers[o + START]! > numbers[o + END]! || numbers[o + LINE]! === 0 || numbers[o + COLUMN]! === 0) return false;
    if (numbers[o + TEXT]! >= words || numbers[o + PARTICIPANT]! > words) return false;
    if ((code & 0xff) >= PII_KINDS.length || ((code >>> 8) & 0xff) >= BASES.length || code >>> 16 >= confidences) return false;
  }
  return true;
}
