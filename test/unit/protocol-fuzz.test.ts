/**
 * Every webview message parser of every contract in src/protocol/ (found by listing the folder,
 * so contracts added later are covered too), fuzzed with fast-check: generated wrong shapes —
 * unknown or prototype type names, a field of the wrong kind, a missing field, an extra or
 * `__proto__` key, any JSON at all — are rejected, and well-formed messages are accepted.
 *
 * A parser's field checks are opaque functions, so well-formed values are found by probing
 * each check with a pool of candidates (generated JSON plus the shapes the contracts use);
 * a message type whose fields no candidate satisfies is still fuzzed with wrong shapes.
 */
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseWebviewMessage } from '../../src/protocol/board';
import type { Check, MessageParser } from '../../src/protocol/validate';
import { MALFORMED_BOARD_MESSAGES, typesOf } from '../support/malformed-board-messages';

const PROTOCOL = path.join(__dirname, '..', '..', 'src', 'protocol');

interface Contract {
  module: string;
  name: string;
  parse: MessageParser<{ type: string }>;
}

function contracts(): Contract[] {
  return readdirSync(PROTOCOL)
    .filter((f) => f.endsWith('.ts') && f !== 'validate.ts')
    .flatMap((f) =>
      Object.entries(require(path.join(PROTOCOL, f)) as Record<string, unknown>)
        .filter((e): e is [string, Contract['parse']] => typeof e[1] === 'function' && typeof (e[1] as Partial<Contract['parse']>).fields === 'object')
        .map(([name, parse]) => ({ module: f, name, parse })),
    );
}

const own = (entries: [string, unknown][]) => Object.fromEntries(entries); // keeps a "__proto__" key as data
const report = { revision: 1, mountedCards: 2, columns: { '': ['h-1'], t: [] }, selected: ['h-1'], injected: 0 };
const groupBys = [{ kind: 'theme' }, { kind: 'tag' }, { kind: 'participant' }, { kind: 'attribute', attribute: 'age' }];
const filters = [{}, { text: 'lift' }, { tags: ['a'], participants: ['P01'], attributes: { age: ['70+'] } }];

/** Values the checks of the contracts are probed with: right and wrong ones of every kind they use. */
const CANDIDATES: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  1,
  7,
  200,
  -1,
  1.5,
  1e12,
  Number.NaN,
  '',
  'x',
  'h-1',
  'a-theme',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'x'.repeat(201),
  'x'.repeat(10_001),
  [],
  ['h-1'],
  ['h-1', 'h-2'],
  [1],
  [null],
  Array.from({ length: 10_001 }, (_, i) => `h-${i}`),
  {},
  { a: 1 },
  own([['__proto__', { polluted: true }]]),
  ...groupBys,
  { kind: 'nope' },
  { kind: 'attribute' },
  ...filters,
  { text: 5 },
  { groupBy: { kind: 'theme' }, filter: {}, selected: [], scroll: {} },
  { groupBy: { kind: 'tag' }, filter: { text: 'x' }, selected: ['h-1'], scroll: { '': 10 }, focused: 'h-1' },
  report,
  { ...report, injected: -1 },
  { ...report, extra: 1 },
  ...fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed: 9, numRuns: 200 }),
];

/** For one check: the candidates it accepts and those it rejects. */
function probe(check: Check): { right: unknown[]; wrong: unknown[] } {
  const right: unknown[] = [];
  const wrong: unknown[] = [];
  for (const c of CANDIDATES) (check(c) ? right : wrong).push(c);
  return { right, wrong };
}

const found = contracts();

describe('every webview message parser in src/protocol/ (fast-check)', () => {
  it('finds the contracts (the enumeration itself can fail)', () => {
    assert.ok(
      found.some((c) => c.module === 'board.ts' && c.name === 'parseWebviewMessage'),
      found.map((c) => `${c.module}:${c.name}`).join(', '),
    );
  });

  it('the board rejects each hand-made malformed message (wrong values too: negative or fractional counts, ids over 200 characters, oversized lists)', () => {
    const types = Object.keys(parseWebviewMessage.fields);
    assert.deepEqual(
      types.filter((t) => !typesOf(MALFORMED_BOARD_MESSAGES).has(t)),
      [],
      'every message type has malformed examples',
    );
    assert.deepEqual(
      MALFORMED_BOARD_MESSAGES.filter((m) => parseWebviewMessage(m) !== undefined),
      [],
    );
  });

  for (const { module, name, parse } of found) {
    describe(`${module} ${name}`, () => {
      const types = Object.keys(parse.fields);

      it('rejects anything that is not a message, and never throws', () => {
        fc.assert(
          fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.record({ type: fc.string() }, { requiredKeys: [] })), (value) => {
            const parsed = parse(value);
            return parsed === undefined || (types.includes(parsed.type) && parsed === value);
          }),
          { numRuns: 2000 },
        );
      });

      it('rejects unknown and prototype type names', () => {
        for (const type of ['', 'nope', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 7, null, ['ready']]) {
          assert.equal(parse({ type }), undefined, String(type));
        }
        fc.assert(
          fc.property(
            fc.string().filter((t) => !types.includes(t)),
            (type) => parse({ type }) === undefined,
          ),
        );
      });

      for (const type of types) {
        const fields = Object.entries(parse.fields[type as keyof typeof parse.fields] as Record<string, Check>).map(([field, check]) => ({ field, optional: check(undefined), ...probe(check) }));
        const buildable = fields.every((f) => f.right.length > 0);
        // A well-formed message: each field one of the values its check accepts (an `undefined` one left out).
        const wellFormed = fc
          .tuple(...fields.map((f) => fc.constantFrom(...(f.right.length ? f.right : [undefined]))))
          .map((values) => own([['type', type], ...fields.flatMap((f, i) => (values[i] === undefined ? [] : [[f.field, values[i]] as [string, unknown]]))]));

        it(`${type}: well-formed messages are accepted${buildable ? '' : ' (no candidate fits every field: skipped)'}`, function () {
          if (!buildable) this.skip();
          fc.assert(
            fc.property(wellFormed, (m) => parse(m) === m),
            { numRuns: 300 },
          );
        });

        it(`${type}: a field of the wrong shape, a missing field, an extra or __proto__ key are rejected`, () => {
          const base = buildable ? wellFormed : fc.constant(own([['type', type]]));
          const wrongField = fields.filter((f) => f.wrong.length > 0);
          const mutation = fc.oneof(
            ...(wrongField.length
              ? [
                  fc.tuple(fc.constantFrom(...wrongField), fc.nat()).map(
                    ([f, i]) =>
                      (m: Record<string, unknown>) =>
                        own([...Object.entries(m), [f.field, f.wrong[i % f.wrong.length]]]),
                  ),
                ]
              : []),
            ...(fields.some((f) => !f.optional) && buildable ? [fc.constantFrom(...fields.filter((f) => !f.optional)).map((f) => (m: Record<string, unknown>) => own(Object.entries(m).filter(([k]) => k !== f.field)))] : []),
            fc
              .string({ minLength: 1 })
              .filter((k) => k !== 'type' && !fields.some((f) => f.field === k))
              .map((k) => (m: Record<string, unknown>) => own([...Object.entries(m), [k, 1]])),
            fc.constant((m: Record<string, unknown>) => own([...Object.entries(m), ['__proto__', { type }]])),
          );
          fc.assert(
            fc.property(base, mutation, (m, mutate) => parse(mutate(m)) === undefined),
            { numRuns: 500 },
          );
        });
      }
    });
  }
});
