/**
 * A fast reader for highlights files in the shape Sift writes them, for loading large
 * studies: the `yaml` package parses at 2–3 MB/s, and a study of 50,000 highlights is
 * ~30 MB of highlights YAML (10–15 s); this reader is 10–30× faster on Sift's own files.
 *
 * It accepts exactly one restricted shape and declines (returns undefined) on anything
 * else, so the caller falls back to the full parser (`parseYaml`). Whenever it returns a
 * value, that value is deep-equal to what `yaml` gives for the same text, that is
 * `parseDocument(text, { uniqueKeys: false, strict: true, merge: false, maxAliasCount: 0 }).toJS()`
 * with the YAML 1.2 core schema; test/unit/fast-highlights.test.ts checks this
 * differentially. When in doubt it declines.
 *
 * The shape (text already normalised to `\n` line endings):
 *
 * ```yaml
 * # full-line comments and blank lines anywhere
 * source: transcripts/p07.md          # top-level keys: source, sourceHash, highlights,
 * sourceHash: 8d1c2f0a9e…             #   each at most once, in any order
 * highlights:                         # or `highlights: []`
 *   - id: h-7f3k2q9m                  # items at indent 2, their keys at indent 4:
 *     quote: plain, "double" or 'single' quoted, on one line
 *     prefix: |-                      # or a literal block scalar (|, |-, |+, |2-…) indented by 2
 *       the occupational therapist
 *     start: 1043                     # plain integers become numbers
 *     tags: [waiting-time, adaptations]
 *   - id: h-2
 *     tags:                           # block form of tags, at indent 6 or 4
 *       - waiting-time
 *     note: "a double-quoted string longer than 40 characters, with a line break:
 *
 *       yaml writes it over several lines (blockQuote: false), each indented by 2"
 *     assisted:                       # the one nested map: its keys at indent 6,
 *       by: autocode                  #   by and rule, each at most once, in any order,
 *       rule: "speaker: P03"          #   each with a value of its own
 * ```
 *
 * Item keys: id, quote, prefix, suffix, start, end, tags, note, speaker, time, timeEnd, date, coder, assisted.
 * Declined, among others: other or repeated keys, anchors, aliases, tags (`!`), flow
 * maps, folded (`>`) scalars, block scalars with an indentation indicator other than 2,
 * multi-line plain or single-quoted scalars, escaped line breaks, plain scalars that the
 * core schema reads as anything but a string, `null`, a boolean or a canonical decimal
 * integer (floats, `0x1F`, `0o17`, `.inf`, `+1`, `007`, `-0`, integers beyond 2^53),
 * tabs outside quoted and block text, and characters YAML does not allow in a stream
 * (C0/C1 controls, lone surrogates) or the BOM.
 *
 * Linear time: every line is scanned a bounded number of times; the regular expressions
 * are one character class (over the text) and anchored tests without nested repetition
 * (on single scalars). It never throws.
 * Pure TypeScript: it runs in the extension host, the CLI and a browser.
 */

export interface CanonicalHighlights {
  source: unknown;
  sourceHash?: unknown;
  highlights: Record<string, unknown>[];
}

/** The plain value of a highlights file in Sift's canonical shape, or undefined to say "use the full parser". */
export function readCanonicalHighlights(text: string): CanonicalHighlights | undefined {
  try {
    if (typeof text !== 'string' || !allCharactersAllowed(text)) return undefined;
    return new Reader(text).read();
  } catch {
    // Decline (thrown internally to leave deep scans early) or anything unexpected.
    return undefined;
  }
}

/** Allowed keys, each with its own bit (for finding repeated keys). */
const TOP_KEYS = bits(['source', 'sourceHash', 'highlights']);
const ITEM_KEYS = bits(['id', 'quote', 'prefix', 'suffix', 'start', 'end', 'tags', 'note', 'speaker', 'time', 'timeEnd', 'date', 'coder', 'assisted']);
/** The keys of an item's `assisted:` map (how assisted coding made the highlight, src/core/model.ts). */
const ASSISTED_KEYS = bits(['by', 'rule']);
const ASSISTED_INDENT = 6;
function bits(keys: string[]): Map<string, number> {
  return new Map(keys.map((k, i) => [k, 1 << i]));
}

const TAB = 9;
const LF = 10;
const SPACE = 32;
const DQUOTE = 34; // "
const HASH = 35; // #
const SQUOTE = 39; // '
const COMMA = 44;
const DASH = 45; // -
const COLON = 58;
const LBRACKET = 91; // [
const RBRACKET = 93; // ]
const LBRACE = 123; // {
const PIPE = 124; // |
const RBRACE = 125; // }

/** Thrown inside the reader to decline; never escapes readCanonicalHighlights. */
const DECLINE: unique symbol = Symbol('decline');
function decline(): never {
  throw DECLINE;
}

/**
 * Characters outside YAML's printable set (C0 controls but tab and line feed — so also
 * `\r` —, DEL, C1 controls, lone surrogates, U+FFFE, U+FFFF) and the byte-order mark,
 * which the `yaml` lexer treats specially. Surrogates are suspects, checked in pairs.
 * A regular expression over one character class finds suspects far faster than a loop.
 */
const SUSPECT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]/g;

function allCharactersAllowed(text: string): boolean {
  SUSPECT.lastIndex = 0;
  while (SUSPECT.test(text)) {
    const i = SUSPECT.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1); // NaN past the end
      if (d >= 0xdc00 && d <= 0xdfff) {
        SUSPECT.lastIndex = i + 2;
        continue;
      }
    }
    return false;
  }
  return true;
}

// The core schema's tests as the `yaml` package (2.x) has them (schema/core, schema/common).
// All are anchored and linear in the length of the scalar.
const NULL_TEST = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_TEST = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NUMBER_TESTS = [
  /^0o[0-7]+$/, // int, octal
  /^[-+]?[0-9]+$/, // int
  /^0x[0-9a-fA-F]+$/, // int, hexadecimal
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, // float, special
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, // float, exponential
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, // float
];
/** Decimal integers written the one way `yaml` writes them (no sign on zero, no leading zeros). */
const CANONICAL_INT = /^(?:0|-?[1-9][0-9]*)$/;

/** The value of a (non-empty) plain scalar under the core schema, declining on numbers other than canonical safe integers. */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Every special form starts with one of ~ n N t T f F + - . or a digit.
  const special = (c >= 48 && c <= 57) || c === DASH || c === 43 /* + */ || c === 46 /* . */ || c === 126 /* ~ */ || c === 110 /* n */ || c === 78 /* N */ || c === 116 /* t */ || c === 84 /* T */ || c === 102 /* f */ || c === 70; /* F */
  if (!special) return s;
  if (s.length <= 17 && CANONICAL_INT.test(s)) {
    const n = Number(s);
    if (Number.isSafeInteger(n)) return n;
    decline();
  }
  if (NULL_TEST.test(s)) return null;
  if (BOOL_TEST.test(s)) return c === 116 || c === 84;
  for (const test of NUMBER_TESTS) if (test.test(s)) decline();
  return s;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** A key whose value was empty on its line: null, unless a block list of tags follows. */
interface Pending {
  target: Record<string, unknown>;
  key: string;
  indent: number;
}

class Reader {
  /** Start of the next line to read. */
  private pos = 0;

  constructor(private readonly text: string) {}

  read(): CanonicalHighlights | undefined {
    const text = this.text;
    const len = text.length;
    const top: Record<string, unknown> = {};
    let highlights: Record<string, unknown>[] | undefined;
    /** True while lines at indent 2 and 4 belong to the `highlights` list. */
    let inList = false;
    /** `highlights:` with an empty value, waiting for its first item. */
    let listPending = false;
    let item: Record<string, unknown> | undefined;
    /** The keys met so far (bits of TOP_KEYS, ITEM_KEYS). */
    let topSeen = 0;
    let itemSeen = 0;
    let pending: Pending | undefined;
    /** The block list of tags being read, and its indentation. */
    let tags: unknown[] | undefined;
    let tagsIndent = -1;
    /** The `assisted:` map being read (its keys at ASSISTED_INDENT), and the keys met in it. */
    let assisted: Record<string, unknown> | undefined;
    let assistedSeen = 0;

    while (this.pos < len) {
      const start = this.pos;
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? len : nl;
      let i = start;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      const indent = i - start;
      if (i === end) {
        this.pos = end + 1; // blank line
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === TAB) decline();
      if (c === HASH) {
        this.pos = end + 1; // full-line comment
        continue;
      }
      const entry = c === DASH && i + 1 < end && text.charCodeAt(i + 1) === SPACE;

      if (listPending) {
        // `highlights:` must be followed by its items; an empty value (null) is declined.
        if (indent !== 2 || !entry) decline();
        listPending = false;
        inList = true;
      }
      if (pending) {
        if (pending.key === 'tags' && entry && (indent === pending.indent + 2 || indent === pending.indent)) {
          tags = [];
          tagsIndent = indent;
          pending.target.tags = tags;
          pending = undefined;
        } else if (pending.key === 'assisted' && indent === ASSISTED_INDENT && !entry) {
          assisted = {};
          assistedSeen = 0;
          pending.target.assisted = assisted;
          pending = undefined;
        } else {
          if (indent > pending.indent) decline(); // a nested value or a continuation
          pending.target[pending.key] = null;
          pending = undefined;
        }
      }
      if (tags) {
        if (indent === tagsIndent && entry) {
          let p = i + 2;
          while (p < end && text.charCodeAt(p) === SPACE) p++;
          if (p === end || text.charCodeAt(p) === HASH) decline(); // an empty entry (null)
          tags.push(this.lineValue(p, end, -1));
          this.pos = end + 1;
          continue;
        }
        if (indent > tagsIndent) decline();
        tags = undefined;
      }
      if (assisted) {
        if (indent === ASSISTED_INDENT) {
          const key = this.keyAt(i, end, ASSISTED_KEYS);
          const bit = ASSISTED_KEYS.get(key)!;
          if (assistedSeen & bit) decline();
          assistedSeen |= bit;
          const p = this.afterKey(i + key.length, end);
          if (p < 0) decline(); // an empty value (null): not what Sift writes
          assisted[key] = this.value(p, end, ASSISTED_INDENT);
          continue;
        }
        if (indent > ASSISTED_INDENT) decline();
        assisted = undefined;
      }

      if (indent === 0) {
        inList = false;
        item = undefined;
        const key = this.keyAt(i, end, TOP_KEYS);
        const bit = TOP_KEYS.get(key)!;
        if (topSeen & bit) decline();
        topSeen |= bit;
        const p = this.afterKey(i + key.length, end);
        if (p < 0) {
          if (key === 'highlights') {
            highlights = [];
            top.highlights = highlights;
            listPending = true;
          } else {
            top[key] = undefined; // reserve the key's place; set when the pending value resolves
            pending = { target: top, key, indent: 0 };
          }
          this.pos = end + 1;
          continue;
        }
        const value = this.value(p, end, 0);
        if (key === 'highlights') {
          // Only `highlights: []`: a list of anything else is not a list of highlights.
          if (!Array.isArray(value) || value.length > 0) decline();
          highlights = [];
          top.highlights = highlights;
        } else {
          top[key] = value;
        }
        continue;
      }

      if (!inList || !highlights) decline();
      let k: number;
      if (indent === 2) {
        // `  - key: value` starts an item.
        if (!entry) decline();
        item = {};
        itemSeen = 0;
        highlights.push(item);
        k = i + 2;
      } else if (indent === 4 && item) {
        k = i;
      } else {
        decline();
      }
      const key = this.keyAt(k, end, ITEM_KEYS);
      const bit = ITEM_KEYS.get(key)!;
      if (itemSeen & bit) decline();
      itemSeen |= bit;
      const p = this.afterKey(k + key.length, end);
      if (p < 0) {
        item[key] = undefined; // keeps key order; resolved by the next content line
        pending = { target: item, key, indent: 4 };
        this.pos = end + 1;
        continue;
      }
      item[key] = this.value(p, end, 4);
    }

    if (listPending) decline();
    if (pending) pending.target[pending.key] = null;
    if (!highlights || !(topSeen & TOP_KEYS.get('source')!)) decline();
    return top as unknown as CanonicalHighlights;
  }

  /** The key (letters only) at p, followed by `:`; declines unless it is one of `allowed`. */
  private keyAt(p: number, end: number, allowed: Map<string, number>): string {
    const text = this.text;
    let q = p;
    for (; q < end; q++) {
      const c = text.charCodeAt(q);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) break;
    }
    if (q === p || q >= end || text.charCodeAt(q) !== COLON) decline();
    const key = text.slice(p, q);
    if (!allowed.has(key)) decline();
    return key;
  }

  /**
   * After `key` ends at p (on its `:`): the position where its value starts, or -1 when
   * the value is empty (end of line, or only a comment).
   */
  private afterKey(colon: number, end: number): number {
    const text = this.text;
    let p = colon + 1;
    if (p === end) return -1;
    if (text.charCodeAt(p) !== SPACE) decline(); // `key:x`, or a tab
    while (p < end && text.charCodeAt(p) === SPACE) p++;
    if (p === end) return -1;
    const c = text.charCodeAt(p);
    if (c === HASH) return -1;
    if (c === TAB) decline();
    return p;
  }

  /**
   * A mapping value starting at p (not a space) on the line ending at `end`, for a key at
   * `keyIndent`. Sets this.pos to the start of the next line to read.
   */
  private value(p: number, end: number, keyIndent: number): unknown {
    if (this.text.charCodeAt(p) === PIPE) return this.blockLiteral(p, end, keyIndent);
    return this.lineValue(p, end, keyIndent);
  }

  /**
   * A plain, quoted or flow-list value on one line — or a quoted mapping value over
   * several lines, when `keyIndent` is that of its key (-1: one line only). Sets this.pos
   * to the next line to read.
   */
  private lineValue(p: number, end: number, keyIndent: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(p);
    let value: unknown;
    let q: number;
    if (c === DQUOTE || c === SQUOTE) {
      if (keyIndent >= 0) return this.blockQuoted(p, end, keyIndent);
      [value, q] = c === DQUOTE ? this.doubleQuoted(p, end) : this.singleQuoted(p, end);
    } else if (c === LBRACKET) {
      [value, q] = this.flowList(p, end);
    } else {
      value = this.blockPlain(p, end);
      q = end;
    }
    this.trailer(q, end);
    this.pos = end + 1;
    return value;
  }

  /** What may follow a value on its line: spaces, then nothing or a ` # comment`. */
  private trailer(q: number, end: number): void {
    const text = this.text;
    let r = q;
    while (r < end && text.charCodeAt(r) === SPACE) r++;
    if (r === end) return;
    if (r > q && text.charCodeAt(r) === HASH) return;
    decline();
  }

  /** A plain scalar in block context, from p to the end of the line or a ` #` comment. */
  private blockPlain(p: number, end: number): unknown {
    const text = this.text;
    if (!plainMayStartWith(text.charCodeAt(p), p + 1 < end ? text.charCodeAt(p + 1) : -1, false)) decline();
    // Searches within the line only (a slice), so the cost stays linear in the line.
    const line = text.slice(p, end);
    const comment = line.indexOf(' #');
    let stop = comment < 0 ? line.length : comment;
    while (stop > 0 && line.charCodeAt(stop - 1) === SPACE) stop--;
    const value = comment < 0 && stop === line.length ? line : line.slice(0, stop);
    // A tab (also a separator before `#`), or `a: b` / `a:` that would make a mapping.
    if (value.indexOf('\t') >= 0 || value.indexOf(': ') >= 0 || value.charCodeAt(value.length - 1) === COLON) decline();
    return resolvePlain(value);
  }

  /** A double-quoted scalar on one line, starting at p (`"`): [value, position after the closing quote]. */
  private doubleQuoted(p: number, end: number): [string, number] {
    const [value, close] = this.doubleQuotedText(p + 1, end);
    if (close < 0) decline(); // unterminated on this line
    return [value, close];
  }

  /** A single-quoted scalar on one line, starting at p (`'`): [value, position after the closing quote]. */
  private singleQuoted(p: number, end: number): [string, number] {
    const [value, close] = this.singleQuotedText(p + 1, end);
    if (close < 0) decline(); // unterminated on this line
    return [value, close];
  }

  /**
   * A quoted mapping value starting at p (`"` or `'`) for a key at `keyIndent`, on one line
   * or — as `yaml` writes strings of more than 40 characters with line breaks when
   * `blockQuote` is false — over several: each further line is empty or indented by exactly
   * keyIndent + 2, and line breaks fold as YAML folds them (one break is a space, n + 1
   * breaks are n newlines; spaces and tabs around a break are dropped). Sets this.pos to
   * the line after the closing quote.
   */
  private blockQuoted(p: number, end: number, keyIndent: number): string {
    const text = this.text;
    const len = text.length;
    const n = keyIndent + 2;
    const double = text.charCodeAt(p) === DQUOTE;
    let [value, close] = double ? this.doubleQuotedText(p + 1, end) : this.singleQuotedText(p + 1, end);
    let lineEnd = end;
    let breaks = 0;
    while (close < 0) {
      if (lineEnd >= len) decline(); // unterminated
      breaks++;
      const start = lineEnd + 1;
      const nl = text.indexOf('\n', start);
      lineEnd = nl < 0 ? len : nl;
      if (lineEnd === start) continue; // an empty line: one more line break
      // A continuation line: exactly n spaces, then neither a space nor a tab.
      if (start + n >= lineEnd) decline();
      for (let i = start; i < start + n; i++) if (text.charCodeAt(i) !== SPACE) decline();
      const c = text.charCodeAt(start + n);
      if (c === SPACE || c === TAB) decline();
      value += breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
      breaks = 0;
      const [more, at] = double ? this.doubleQuotedText(start + n, lineEnd) : this.singleQuotedText(start + n, lineEnd);
      value += more;
      close = at;
    }
    this.trailer(close, lineEnd);
    this.pos = lineEnd + 1;
    return value;
  }

  /**
   * Double-quoted text from `from` (after the opening quote or a line's indentation) to the
   * closing quote or the end of the line, escapes resolved: [text, position after the
   * closing quote — or -1 when the line ended first, and then without the spaces and tabs
   * it ended with (a line break folds them away)]. An escaped line break is declined.
   * Searches a slice of the line, from escape to escape: linear in the line.
   */
  private doubleQuotedText(from: number, end: number): [string, number] {
    const line = this.text.slice(from, end);
    let out = '';
    let run = 0;
    let quote = line.indexOf('"');
    let escape = line.indexOf('\\');
    for (;;) {
      if (escape < 0 || (quote >= 0 && quote < escape)) {
        if (quote >= 0) return [out + line.slice(run, quote), from + quote + 1];
        let t = line.length;
        while (t > run && (line.charCodeAt(t - 1) === SPACE || line.charCodeAt(t - 1) === TAB)) t--;
        return [out + line.slice(run, t), -1];
      }
      out += line.slice(run, escape);
      if (escape + 1 >= line.length) decline(); // an escaped line break
      const e = line[escape + 1]!;
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        run = escape + 2;
      } else {
        const digits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        const at = escape + 2;
        if (digits === 0 || at + digits > line.length) decline();
        for (let h = at; h < at + digits; h++) if (!isHexDigit(line.charCodeAt(h))) decline();
        const code = parseInt(line.slice(at, at + digits), 16);
        if (!(code <= 0x10ffff)) decline();
        out += String.fromCodePoint(code);
        run = at + digits;
      }
      escape = line.indexOf('\\', run);
      if (quote >= 0 && quote < run) quote = line.indexOf('"', run); // that quote was escaped
    }
  }

  /**
   * Single-quoted text from `from` to the closing quote or the end of the line, `''` read
   * as `'`: [text, position after the closing quote — or -1 when the line ended first, and
   * then without the spaces and tabs it ended with].
   */
  private singleQuotedText(from: number, end: number): [string, number] {
    const line = this.text.slice(from, end);
    let out = '';
    let run = 0;
    for (;;) {
      const quote = line.indexOf("'", run);
      if (quote < 0) {
        let t = line.length;
        while (t > run && (line.charCodeAt(t - 1) === SPACE || line.charCodeAt(t - 1) === TAB)) t--;
        return [out + line.slice(run, t), -1];
      }
      if (line.charCodeAt(quote + 1) !== SQUOTE) return [out + line.slice(run, quote), from + quote + 1];
      out += line.slice(run, quote + 1); // `''` is one `'`
      run = quote + 2;
    }
  }

  /** A flow list on one line of plain or quoted scalars, starting at p (`[`): [value, position after `]`]. */
  private flowList(p: number, end: number): [unknown[], number] {
    const text = this.text;
    const out: unknown[] = [];
    let q = p + 1;
    while (q < end && text.charCodeAt(q) === SPACE) q++;
    if (q < end && text.charCodeAt(q) === RBRACKET) return [out, q + 1];
    for (;;) {
      if (q >= end) decline();
      const c = text.charCodeAt(q);
      if (c === DQUOTE) {
        const [v, r] = this.doubleQuoted(q, end);
        out.push(v);
        q = r;
      } else if (c === SQUOTE) {
        const [v, r] = this.singleQuoted(q, end);
        out.push(v);
        q = r;
      } else {
        if (!plainMayStartWith(c, q + 1 < end ? text.charCodeAt(q + 1) : -1, true)) decline();
        const from = q;
        let last = q;
        for (; q < end; q++) {
          const d = text.charCodeAt(q);
          if (d === COMMA || d === RBRACKET) break;
          if (d === SPACE) continue;
          // Declined rather than reasoned about: nested collections, pairs, quotes inside; and
          // a comment (` #`), after which the list would go on on the next line.
          if (d === TAB || d === LBRACKET || d === LBRACE || d === RBRACE || d === COLON || d === DQUOTE || d === SQUOTE) decline();
          if (d === HASH && text.charCodeAt(q - 1) === SPACE) decline();
          last = q;
        }
        out.push(resolvePlain(text.slice(from, last + 1)));
      }
      while (q < end && text.charCodeAt(q) === SPACE) q++;
      if (q >= end) decline();
      const d = text.charCodeAt(q);
      if (d === RBRACKET) return [out, q + 1];
      if (d !== COMMA) decline();
      q++;
      while (q < end && text.charCodeAt(q) === SPACE) q++;
      if (q >= end || text.charCodeAt(q) === RBRACKET || text.charCodeAt(q) === COMMA) decline(); // `[a,]`, `[a,,b]`
    }
  }

  /**
   * A literal block scalar (`|`, `|-`, `|+`, `|2`, `|2-`, `|2+`) whose header is at p,
   * for a key at `keyIndent`: its content is indented by keyIndent + 2. Reads the lines of the
   * scalar and leaves this.pos at the first line after it.
   */
  private blockLiteral(p: number, end: number, keyIndent: number): string {
    const text = this.text;
    const len = text.length;
    // Header: `|`, then `2` (the indentation indicator `yaml` writes when the text starts
    // with a space), then `-` or `+`, then the end of the line (no comment, no spaces).
    let q = p + 1;
    const explicit = q < end && text.charCodeAt(q) === 50; /* 2 */
    if (explicit) q++;
    let chomp = 0; // -1 strip, 0 clip, 1 keep
    if (q < end) {
      const c = text.charCodeAt(q);
      if (c === DASH) chomp = -1;
      else if (c === 43 /* + */) chomp = 1;
      else decline();
      q++;
    }
    if (q !== end) decline();
    const n = keyIndent + 2;
    const body: string[] = [];
    /** Blank lines met since the last content line: their number of spaces. */
    const blanks: number[] = [];
    let content = false;
    let pos = end + 1;
    while (pos < len) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) decline(); // the last line has no line break: `yaml` counts it differently
      let i = pos;
      while (i < nl && text.charCodeAt(i) === SPACE) i++;
      const spaces = i - pos;
      if (i === nl) {
        blanks.push(spaces);
        pos = nl + 1;
        continue;
      }
      if (spaces < n) {
        if (text.charCodeAt(i) === TAB) decline();
        // Before any content, `yaml` takes a line indented more than the key (even a
        // comment) as the first content line, setting the indentation; declined.
        if (!content && spaces > keyIndent) decline();
        break; // a less indented line ends the scalar
      }
      if (!content) {
        // Without an indicator the first content line sets the indentation: exactly n here.
        // With one, it may start with more spaces (kept), but not with a tab.
        if ((!explicit && spaces !== n) || text.charCodeAt(pos + n) === TAB) decline();
        // Leading blank lines may not be more indented than the content (else `yaml` errs).
        for (const s of blanks) if (s > n) decline();
      }
      for (const s of blanks) body.push(s > n ? ' '.repeat(s - n) : '');
      blanks.length = 0;
      body.push(text.slice(pos + n, nl));
      content = true;
      pos = nl + 1;
    }
    if (pos >= len && text.charCodeAt(len - 1) !== LF) decline();
    // Trailing blank lines more indented than the content are content too; declined.
    for (const s of blanks) if (s > n) decline();
    this.pos = pos;
    if (!content) return chomp === 1 ? '\n'.repeat(blanks.length) : '';
    const value = body.join('\n');
    if (chomp === -1) return value;
    if (chomp === 0) return value + '\n';
    return value + '\n' + '\n'.repeat(blanks.length);
  }
}

/**
 * Whether a plain scalar may start with c (followed by `next`, -1 at the end of the line).
 * Indicators are declined, except `-` (and in block context `?`, `:`) before a character
 * that cannot end the scalar (`-1`, `-ish`, `:**`).
 */
function plainMayStartWith(c: number, next: number, inFlow: boolean): boolean {
  switch (c) {
    case DASH:
      if (next === -1 || next === SPACE || next === TAB) return false;
      if (inFlow && (next === COMMA || next === LBRACKET || next === RBRACKET || next === LBRACE || next === RBRACE)) return false;
      return true;
    case 63: // ?
    case COLON:
      // `?x` and `:x` are plain in block context (a suffix can start `:** So`); in flow context, declined.
      return !inFlow && next !== -1 && next !== SPACE && next !== TAB;
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case PIPE:
    case 62: // >
    case SQUOTE:
    case DQUOTE:
    case 37: // %
    case 64: // @
    case 96: // `
    case SPACE:
    case TAB:
      return false;
    default:
      return true;
  }
}
