/**
 * Seeds and mutations for the fuzz tests: the example study's files, hostile tokens, and
 * fast-check arbitraries that mutate a seed text (insert, delete, duplicate, replace) at
 * random places, so inputs are mostly-valid files with something wrong, not just noise.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Problem } from '../../../src/core/problems';
import { EXAMPLE } from '../../cli/support';

/** Every file of the example study, by workspace-relative path. */
export function exampleFiles(): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const rel of readdirSync(EXAMPLE, { recursive: true, encoding: 'utf8' })) {
    const abs = path.join(EXAMPLE, rel);
    if (!rel.startsWith('.sift') && statSync(abs).isFile()) out.set(rel.split(path.sep).join('/'), readFileSync(abs));
  }
  return out;
}

/** Things that break parsers: YAML indicators, conflict markers, unsafe keys, odd characters. */
export const HOSTILE = [
  '\0',
  '\r',
  '\r\n',
  '\ufeff',
  '\t',
  '\u2028',
  '\ud800',
  '\uffff',
  '\x85',
  '\x1b',
  '&a ',
  '*a',
  '*a ',
  '!!binary ',
  '!custom ',
  '!!seq ',
  '<<: ',
  '<<: *a\n',
  '__proto__: ',
  'constructor: ',
  'prototype: ',
  '<<<<<<< HEAD\n',
  '=======\n',
  '>>>>>>> theirs\n',
  '|||||||\n',
  '[',
  ']',
  '{',
  '}',
  ',',
  '---\n',
  '--- ',
  '...\n',
  '? ',
  '- ',
  ': ',
  ':',
  '"',
  "'",
  '|',
  '|-\n',
  '>',
  '#',
  ' #',
  '\\',
  '\\u',
  '%YAML 1.1\n',
  '%TAG ! tag:x,2000:\n',
  '\n',
  '\n\n',
  ' ',
  '    ',
  'null',
  '~',
  '0x1F',
  '1e400',
  '-.inf',
  '2026-03-01',
  'yes',
  '=',
  '@',
  '`',
  '-->',
  'WEBVTT\n',
  '00:00:01.000 --> 00:00:02.000\n',
  '1\n00:00:01,000 --> 00:00:02,000\n',
  '<v P01>',
  '</v>',
  'P01: ',
  'Interviewer: ',
  '## 2026-03-01\n',
  '---\nparticipant: P01\n---\n',
];

/** A hostile token, or a long run of one character (10,000-character lines, deep brackets). */
export const token: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('[', '{', '- ', 'x', ' ', 'a:', '"', '\u00e9', '\ud83d\ude00'), fc.integer({ min: 60, max: 10000 })).map(([c, n]) => c.repeat(n)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

type Edit = { at: number; kind: 'insert' | 'delete' | 'duplicate' | 'replace'; length: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  kind: fc.constantFrom('insert', 'delete', 'duplicate', 'replace'),
  length: fc.integer({ min: 1, max: 80 }),
  text: token,
});

function applyEdit(text: string, e: Edit): string {
  const at = Math.floor(e.at * text.length);
  switch (e.kind) {
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'duplicate':
      return text.slice(0, at + e.length) + text.slice(at, at + e.length) + text.slice(at + e.length);
    case 'replace':
      return text.slice(0, at) + e.text + text.slice(at + e.length);
  }
}

/** A seed text changed by 1–6 edits. */
export function mutated(seeds: readonly string[]): fc.Arbitrary<{ seed: number; text: string }> {
  return fc.tuple(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([seed, edits]) => ({ seed, text: edits.reduce(applyEdit, seeds[seed]!) }));
}

/** Bytes changed by 1–8 byte flips or a truncation: invalid UTF-8, damaged archives. */
export function mutatedBytes(seed: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
      const out = Uint8Array.from(seed);
      for (const [at, value] of flips) out[Math.floor(at * (out.length - 1))] = value;
      return out;
    }),
    fc.double({ min: 0, max: 1, noNaN: true }).map((at) => seed.slice(0, Math.floor(at * seed.length))),
  );
}

/** A problem a researcher can act on: the file, a line and column from 1, a sentence. */
export function assertWellFormed(problems: readonly Problem[], file?: string): void {
  for (const p of problems) {
    if (file !== undefined && p.path !== file) throw new Error(`problem for ${p.path}, expected ${file}: ${p.message}`);
    if (!(Number.isInteger(p.line) && p.line >= 1 && Number.isInteger(p.column) && p.column >= 1)) throw new Error(`bad position ${p.line}:${p.column} in "${p.message}"`);
    if (!(typeof p.message === 'string' && p.message.length >= 10)) throw new Error(`no sentence: ${JSON.stringify(p)}`);
  }
}
