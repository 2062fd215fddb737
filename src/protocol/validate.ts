/**
 * What every webview message contract shares: the size limit, and small runtime checks for
 * what a webview sends. The extension trusts nothing that crosses the boundary (a webview is
 * web content), so each contract describes its incoming messages with these checks and a
 * malformed message is logged and ignored. No DOM or Node globals: the core may import this.
 */

/** No message in either direction may exceed this many bytes of JSON. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

export type Check = (value: unknown) => boolean;

export const isString: Check = (v) => typeof v === 'string' && v.length <= 10_000;
export const isId: Check = (v) => typeof v === 'string' && v.length <= 200;
export const isCount: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1e9;
export const isBoolean: Check = (v) => typeof v === 'boolean';
export const oneOf =
  (...values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);
export const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
export const nullable =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
export const listOf =
  (check: Check, max = 100_000): Check =>
  (v) =>
    Array.isArray(v) && v.length <= max && v.every(check);
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const recordOf =
  (check: Check): Check =>
  (v) =>
    isRecord(v) && Object.entries(v).every(([k, x]) => k.length <= 200 && check(x));
/** An object with exactly these keys (optional ones may be missing), each passing its check. */
export const shape =
  (fields: Record<string, Check>): Check =>
  (v) =>
    isRecord(v) && Object.keys(v).every((k) => Object.hasOwn(fields, k)) && Object.entries(fields).every(([k, check]) => check(v[k]));

/** A message parser; it carries its field checks so tests can enumerate and fuzz every message type. */
export type MessageParser<M extends { type: string }> = ((value: unknown) => M | undefined) & { readonly fields: { readonly [K in M['type']]: Record<string, Check> } };

/**
 * A parser for a union of `{ type: … }` messages, from the fields each type carries. Unknown
 * types, extra keys and wrong shapes give undefined.
 */
export function messageParser<M extends { type: string }, T extends { type: string } = never>(
  product: { [K in M['type']]: Record<string, Check> },
  /** The test build's own messages (`SIFT_TEST ? {…} : undefined`, so the product leaves them out). */
  testOnly?: { [K in T['type']]: Record<string, Check> },
): MessageParser<M | T> {
  const fields = { ...product, ...testOnly } as { [K in (M | T)['type']]: Record<string, Check> };
  const parse = (value: unknown): M | T | undefined => {
    if (!isRecord(value) || typeof value.type !== 'string' || !Object.hasOwn(fields, value.type)) return undefined;
    const own = fields[value.type as (M | T)['type']];
    return shape({ type: isString, ...own })(value) ? (value as unknown as M | T) : undefined;
  };
  return Object.assign(parse, { fields });
}

/** A check built on first use: the product build drops one that only test-build code uses. */
export function lazyCheck(make: () => Check): Check {
  let check: Check | undefined;
  return (v) => (check ??= make())(v);
}

/** Byte size of a message as JSON (UTF-8), to keep every message under MAX_MESSAGE_BYTES. */
export function messageBytes(message: unknown): number {
  return utf8Length(JSON.stringify(message));
}

/** UTF-8 length without TextEncoder (the protocol runs in the core, which has no DOM or Node globals). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff)
      ((bytes += 4), i++); // a surrogate pair: one 4-byte character
    else bytes += 3;
  }
  return bytes;
}

/**
 * Fills `into` (a list inside `message`) from `items` while the message stays under
 * MAX_MESSAGE_BYTES. The first item always goes, so a reader asking again from where a
 * window ends always makes progress.
 */
export function fillWithin<T>(message: unknown, into: T[], items: Iterable<T>): void {
  let bytes = messageBytes(message);
  for (const item of items) {
    const size = messageBytes(item) + 1;
    if (into.length > 0 && bytes + size > MAX_MESSAGE_BYTES) break;
    into.push(item);
    bytes += size;
  }
}
