/**
 * Fuzzing the YAML loader: readYamlOfKind on generated and mutated files of every kind,
 * loadWorkspace on a mutated copy of the example study (with `sift fmt`'s plan on top),
 * and the hostile inputs the issue names, each once. Every input must end in a value or
 * clear problems, within a bound; a document the guard lets through to the parser too
 * deep would abort Node here (the run would fail loudly, not quietly).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { formatWorkspace } from '../../src/core/store/format-files';
import { hasErrors } from '../../src/core/problems';
import type { FileKind } from '../../src/core/validate';
import { loadWorkspace } from '../../src/core/workspace/load';
import { readYamlOfKind } from '../../src/core/workspace/readers';
import { MemoryFileSystem } from '../support/memory-fs';
import { FUZZ_RUNS, FuzzMeter } from './figures';
import { assertWellFormed, exampleFiles, mutated, mutatedBytes } from './support/corpus';

const files = exampleFiles();
const decoder = new TextDecoder();
const KIND_OF: [RegExp, FileKind][] = [
  [/^research\.yaml$/, 'research'],
  [/^codebook\.yaml$/, 'codebook'],
  [/^participants\.yaml$/, 'participants'],
  [/^highlights\//, 'highlights'],
  [/^themes\//, 'theme'],
  [/^insights\//, 'insight'],
  [/^personas\//, 'persona'],
  [/^journeys\//, 'journey'],
];
const yamlSeeds = [...files].filter(([p]) => p.endsWith('.yaml')).map(([p, b]) => ({ path: p, kind: KIND_OF.find(([re]) => re.test(p))![1], text: decoder.decode(b) }));

/** One file through the loader's reader: a value without errors, or no value and an error. */
function readOne(kind: FileKind, path: string, text: string): void {
  const r = readYamlOfKind(kind, path, text);
  assertWellFormed(r.problems, path);
  if (r.value === undefined) assert.ok(hasErrors(r.problems), 'no value, and no error saying why');
  else assert.ok(!hasErrors(r.problems), 'a value despite errors');
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'prototype polluted');
}

describe('fuzz: the YAML loader', () => {
  it('readYamlOfKind on mutated files of every kind: a value or a clear problem, never a throw', async () => {
    const meter = new FuzzMeter('YAML reader, mutated study files', 1000);
    await meter.around(async () => {
      fc.assert(
        fc.property(mutated(yamlSeeds.map((s) => s.text)), ({ seed, text }) => {
          const { kind, path } = yamlSeeds[seed]!;
          meter.measure(`${path} mutated`, () => readOne(kind, path, text));
          // The parse that aborted Node was always the second one: parse everything twice.
          meter.measure(`${path} mutated, again`, () => readOne(kind, path, text));
        }),
        { numRuns: FUZZ_RUNS * 4, seed: Number(process.env.SIFT_FUZZ_SEED) || undefined },
      );
    });
  });

  it('readYamlOfKind on arbitrary text', async () => {
    const meter = new FuzzMeter('YAML reader, arbitrary text', 1000);
    await meter.around(async () => {
      const kinds = yamlSeeds.map((s) => s.kind);
      fc.assert(
        fc.property(fc.constantFrom(...kinds), fc.string({ unit: 'binary', maxLength: 400 }), (kind, text) => meter.measure('arbitrary', () => readOne(kind, `x/${kind}.yaml`, text))),
        { numRuns: FUZZ_RUNS * 4 },
      );
    });
  });

  it('deep nesting behind every prefix the guard must see through, parsed twice', async () => {
    const meter = new FuzzMeter('YAML reader, deep nesting', 1000);
    await meter.around(async () => {
      const prefixes = ['', 'a: ', '- ', '? ', '--- ', 'a: !!seq ', 'a: &x ', '- &x !!seq ', 'a: # b: |\n  - ', 'a: ["\\"", ', 'a: [b"c, ', 'a:\n  b: ', '"k": ', "'k': "];
      fc.assert(
        fc.property(fc.constantFrom(...prefixes), fc.integer({ min: 65, max: 5000 }), fc.constantFrom('[', '{', '[{', '- [', '{a: '), (prefix, depth, open) => {
          const closer = open
            .replace(/[^[{]/g, '')
            .split('')
            .reverse()
            .map((c) => (c === '[' ? ']' : '}'))
            .join('');
          const text = prefix + open.repeat(depth) + closer.repeat(depth) + '\n';
          for (const round of [1, 2]) {
            meter.measure(`${JSON.stringify(prefix)} + ${depth} × ${open} (${round})`, () => {
              const r = readYamlOfKind('theme', 'themes/deep.yaml', text);
              assert.equal(r.value, undefined);
              assertWellFormed(r.problems, 'themes/deep.yaml');
            });
          }
        }),
        { numRuns: FUZZ_RUNS * 2 },
      );
    });
  });

  it('the named hostile inputs, each once', async () => {
    const meter = new FuzzMeter('YAML reader, named hostile inputs', 5000);
    await meter.around(async () => {
      const highlights = yamlSeeds.find((s) => s.kind === 'highlights')!.text;
      const cases: [string, FileKind, string, RegExp | undefined][] = [
        ['alias bomb', 'theme', 'title: x\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n', /aliases/],
        ['merge key bomb', 'theme', 'title: x\nbase: &b {a: 1}\nm:\n  <<: *b\n', /aliases/],
        ['20,000-key map', 'theme', 'title: x\nextra:\n' + Array.from({ length: 20000 }, (_, i) => `  k${i}: ${i}`).join('\n') + '\n', undefined],
        ['20,000-key map with one duplicate', 'theme', 'title: x\n' + Array.from({ length: 20000 }, (_, i) => `k${i}: ${i}`).join('\n') + '\nk7: again\n', /appears twice/],
        ['__proto__ key', 'participants', 'participants:\n  - id: P01\n    attributes: {__proto__: {polluted: true}}\n', /"__proto__" cannot be used/],
        ['constructor key', 'theme', 'title: x\nconstructor: {prototype: {polluted: true}}\n', /"constructor" cannot be used/],
        ['NUL byte in the text', 'theme', 'title: x\u0000y\n', undefined],
        ['BOM', 'highlights', '\ufeff' + highlights, undefined],
        ['CR-only line endings', 'highlights', highlights.replace(/\n/g, '\r'), undefined],
        ['a 10,000-character line', 'theme', `title: ${'word '.repeat(2000)}\n`, undefined],
        ['a 10,000-character key', 'theme', `${'k'.repeat(10000)}: 1\ntitle: x\n`, undefined],
        ['a 4 MB + 1 file', 'highlights', 'source: x.md\n#' + 'x'.repeat(4 * 1024 * 1024), /up to 4 MB/],
        ['custom tags', 'theme', 'title: !!js/function "function(){}"\n', /Custom YAML tags/],
        ['two documents', 'theme', 'title: a\n---\ntitle: b\n', /more than one YAML document/],
      ];
      for (const [name, kind, text, expected] of cases) {
        meter.measure(name, () => {
          const r = readYamlOfKind(kind, `f/${kind}.yaml`, text);
          assertWellFormed(r.problems);
          if (expected) assert.match(r.problems.map((p) => p.message).join('\n'), expected, name);
        });
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });

  it('loadWorkspace and the fmt plan on a mutated study (bytes: invalid UTF-8, NULs, truncation): no throw; fmt never rewrites a broken file and never changes data', async () => {
    const meter = new FuzzMeter('loadWorkspace + fmt plan, mutated study', 20000);
    await meter.around(async () => {
      const paths = [...files.keys()].filter((p) => /\.(ya?ml|md|txt|vtt|srt)$/.test(p));
      const texts = paths.map((p) => decoder.decode(files.get(p)!));
      const change = fc.oneof(
        mutated(texts).map(({ seed, text }) => ({ path: paths[seed]!, bytes: new TextEncoder().encode(text) as Uint8Array })),
        fc.integer({ min: 0, max: paths.length - 1 }).chain((i) => mutatedBytes(files.get(paths[i]!)!).map((bytes) => ({ path: paths[i]!, bytes }))),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 3 }), async (changes) => {
          const fs = new MemoryFileSystem(Object.fromEntries(files));
          for (const c of changes) fs.write(c.path, c.bytes);
          const label = changes.map((c) => c.path).join(', ');
          await meter.measureAsync(label, async () => {
            const { workspace } = await loadWorkspace(fs);
            assertWellFormed(workspace.problems);
            if (!workspace.project) return;
            const { edits } = await formatWorkspace(fs, workspace);
            for (const e of edits) {
              assert.ok(!workspace.unreadable.has(e.path), `fmt rewrote ${e.path}, which has errors`);
              assert.equal(e.kind, 'write');
              if (e.kind === 'write') assert.deepEqual(comparable(e.content), comparable(fs.text(e.path)!), `fmt changed the data of ${e.path}`);
            }
          });
        }),
        { numRuns: Math.max(10, Math.round(FUZZ_RUNS / 5)) },
      );
    });
  });
});

/** A file's data as fmt may not change it: highlights in any order (fmt sorts them by position). */
function comparable(text: string): unknown {
  const value = parseDocument(text, { uniqueKeys: false }).toJS() as Record<string, unknown>;
  if (Array.isArray(value?.highlights)) value.highlights = [...(value.highlights as { id?: string }[])].sort((a, b) => String(a?.id ?? '').localeCompare(String(b?.id ?? '')));
  return value;
}
