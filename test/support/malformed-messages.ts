/**
 * Malformed messages for any webview contract, made from its parser's own field checks (so a
 * message type added later is covered without editing this file): for every message type, the
 * type with an extra key, with a `__proto__` key, and with each field in turn given values its
 * check rejects while the other fields are well-formed where a probe finds a right value.
 */
import type { Check, MessageParser } from '../../src/protocol/validate';

const SCRIPT = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

/** Wrong kinds and sizes: every field check of the contracts rejects some of them. */
const WRONG: unknown[] = [null, 42, -1, 1.5, 'x'.repeat(300), 'x'.repeat(10_001), ['h-1'], { toString: 'x' }, JSON.parse('{"__proto__":{"polluted":true}}'), SCRIPT, ''];
/** Right values for the simple fields (ids, counts, the statuses and kinds of the contracts), to make the rest of a message well-formed. */
const RIGHT: unknown[] = ['h-1', 0, 1, true, 'draft', 'done', 'accepted', 'tag-tag', 'coverage', {}, []];

const withProto = (type: string) => JSON.parse(`{"type":${JSON.stringify(type)},"__proto__":{"isTrusted":true}}`) as unknown;

export function malformedMessages(parse: MessageParser<{ type: string }>, wrongPerField = 4): unknown[] {
  const out: unknown[] = [null, 'ready', 42, [], {}, { type: 'nope' }, { type: '__proto__' }, { type: 'constructor' }, { type: ['ready'] }];
  for (const [type, fields] of Object.entries(parse.fields) as [string, Record<string, Check>][]) {
    const base: Record<string, unknown> = { type };
    for (const [field, check] of Object.entries(fields)) {
      const right = RIGHT.find((v) => check(v));
      if (right !== undefined) base[field] = right;
    }
    out.push({ ...base, extra: SCRIPT }, withProto(type));
    for (const [field, check] of Object.entries(fields)) {
      for (const wrong of WRONG.filter((v) => !check(v)).slice(0, wrongPerField)) out.push({ ...base, [field]: wrong });
      if (!check(undefined)) out.push(Object.fromEntries(Object.entries(base).filter(([k]) => k !== field)));
    }
  }
  return out;
}
