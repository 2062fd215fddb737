import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { parseYaml } from '../../src/core/yaml/parse';
import { canonicalize, renderDocument } from '../../src/core/store/canonical';
import { cpuMs } from '../support/cpu-time';

const codes = (text: string) => parseYaml('f.yaml', text).problems.map((p) => `${p.line}:${p.column} ${p.code}`);

describe('yaml: guarded parsing', () => {
  it('accepts ordinary files with brackets inside text', () => {
    const r = parseYaml('f.yaml', '# c\nquote: "he said [ uh"\nx: it\'s [fine\nlit: |\n  [[[[[[\n');
    assert.ok(r.doc);
    assert.deepEqual(r.problems, []);
  });

  it('refuses deep nesting before the parser sees it, at the place it gets too deep', () => {
    assert.deepEqual(codes('a: ' + '['.repeat(1000) + ']'.repeat(1000)), ['1:67 yaml-too-deep']);
    assert.deepEqual(codes('a:\n' + '- '.repeat(100) + 'x'), ['2:1 yaml-too-deep']);
    const deepBlock = Array.from({ length: 70 }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n') + ' 1\n';
    assert.deepEqual(codes(deepBlock), ['65:65 yaml-too-deep']); // the 65th level
  });

  it('survives the 1.6 KB nested document parsed twice (which aborts Node unguarded)', () => {
    // In a child process: if the guard failed, Node would abort and take the test runner with it.
    const script = `require('tsx/cjs'); const { parseYaml } = require(${JSON.stringify(path.join(__dirname, '../../src/core/yaml/parse.ts'))});
      const deep = '['.repeat(800) + ']'.repeat(800);
      for (let i = 0; i < 3; i++) if (parseYaml('d.yaml', deep).problems[0].code !== 'yaml-too-deep') process.exit(4);
      console.log('ok');`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: path.join(__dirname, '../..') });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /ok/);
  });

  it('counts compact nesting separated by tabs or after an empty key (`-\\t-\\t…`, `? \\t? \\t…`, `:  - - …`: parsed twice, each aborted Node 20 or overflowed its stack)', () => {
    // In a child process, as above: Node 20's regular-expression compiler runs out of memory
    // inside the parser on the second such document, which no try/catch survives.
    const script = `require('tsx/cjs'); const { parseYaml } = require(${JSON.stringify(path.join(__dirname, '../../src/core/yaml/parse.ts'))});
      for (const text of ['-\\t'.repeat(3000) + 'a', '- \\t'.repeat(3000) + 'a', '? \\t'.repeat(3000) + 'a', 'k:\\n  ' + '-\\t'.repeat(3000) + 'a', ':  ' + '- '.repeat(3000) + 'a'])
        for (let i = 0; i < 2; i++) if (parseYaml('d.yaml', text).problems[0].code !== 'yaml-too-deep') process.exit(4);
      console.log('ok');`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: path.join(__dirname, '../..') });
    assert.equal(r.status, 0, r.stderr.slice(0, 500));
    assert.match(r.stdout, /ok/);
  });

  it('is not fooled by tags, anchors, `---`, comments or escaped quotes in front of deep nesting (each aborted Node before)', () => {
    const deep = '['.repeat(800) + ']'.repeat(800);
    for (const text of [
      `a: !!seq ${deep}`,
      `a: &x ${deep}`,
      `--- ${deep}`,
      `a: # note: |\n  - ${deep}`,
      `a: ["\\"", ${deep}]`,
      `a: [b"c, ${deep}]`,
      `}${' '.repeat(60)}${deep}`, // found by the fuzzer: a stray closing bracket, then a value
      `a: b ] ${deep}`,
      `@${deep}`,
    ]) {
      assert.deepEqual(
        codes(text).map((c) => c.replace(/^\d+:\d+ /, '')),
        ['yaml-too-deep'],
        text.slice(0, 30),
      );
    }
  });

  it('reports merge-conflict markers at their lines and does not parse', () => {
    const r = parseYaml('f.yaml', 'a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> other\n');
    assert.equal(r.doc, undefined);
    assert.deepEqual(codes('a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> other\n'), ['2:1 merge-conflict', '4:1 merge-conflict', '6:1 merge-conflict']);
  });

  it('refuses aliases (alias bombs), custom tags, __proto__ and duplicate keys', () => {
    const bomb = 'a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n';
    assert.ok(codes(bomb).every((c) => c.endsWith('yaml-alias')) && codes(bomb).length === 6);
    assert.deepEqual(codes('a: !!js/function x\n').filter((c) => c.includes('yaml-tag')).length, 1);
    assert.deepEqual(codes('__proto__: {polluted: true}\n'), ['1:1 yaml-unsafe-key']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(codes('a: 1\nb: 2\na: 3\n'), ['3:1 yaml-duplicate-key']);
  });

  it('reports syntax errors with line and column, and a non-mapping top level', () => {
    const r = parseYaml('f.yaml', 'a: [1, 2\nb: 3\n');
    assert.equal(r.doc, undefined);
    assert.equal(r.problems[0]!.code, 'yaml-syntax');
    assert.deepEqual(codes('- 1\n- 2\n'), ['1:1 yaml-not-mapping']);
    assert.equal(codes('a: 1\n---\nb: 2\n')[0], '2:1 yaml-syntax');
  });

  it("says what the commonest syntax errors mean in a researcher's words, the parser's own message after it", () => {
    const first = (text: string) => {
      const p = parseYaml('f.yaml', text).problems[0]!;
      return `${p.line}:${p.column} ${p.message}`;
    };
    assert.equal(
      first('tags: [waiting-time, silence\nnote: x\n'),
      '2:1 YAML syntax error: a list in [ ] or a mapping in { } above is not closed: check its last item ends with ] or } (the YAML parser says: Flow sequence in block collection must be sufficiently indented and end with a ])',
    );
    assert.equal(first('a:\n\tb: 1\n'), '2:1 YAML syntax error: this line is indented with a tab; YAML allows only spaces (the YAML parser says: Tabs are not allowed as indentation)');
    assert.equal(
      first('quote: He said: no\n'),
      '1:8 YAML syntax error: YAML reads a second "key: value" inside this value: if the value contains ": ", put it in quotes; if a new key begins, do not indent it under a value (the YAML parser says: Nested mappings are not allowed in compact mappings)',
    );
  });

  it('handles a 20,000-key map in linear time', () => {
    const text = Array.from({ length: 20000 }, (_, i) => `k${i}: ${i}`).join('\n') + '\nk5: dup\n';
    const { result, ms } = cpuMs(() => codes(text));
    assert.deepEqual(result, ['20001:1 yaml-duplicate-key']);
    assert.ok(ms < 5000, 'the quadratic duplicate-key check is off');
  });
});

describe('yaml: canonical form', () => {
  const highlight = fc.record({
    id: fc.stringMatching(/^h-[0-9a-z]{8}$/),
    quote: fc.string({ minLength: 1, maxLength: 40 }),
    start: fc.nat(1000),
    end: fc.nat(1000),
    tags: fc.array(fc.constantFrom('a', 'b-c', 'waiting-time'), { maxLength: 3 }),
    note: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
  });

  it('is idempotent: formatting formatted text changes no byte', () => {
    fc.assert(
      fc.property(fc.array(highlight, { maxLength: 8 }), fc.boolean(), (hs, comment) => {
        const doc = parseDocument('{}');
        doc.contents = doc.createNode({ highlights: hs.map((h) => JSON.parse(JSON.stringify(h))), source: 't.md' }) as typeof doc.contents;
        if (comment) doc.commentBefore = ' a comment';
        canonicalize('highlights', doc);
        const once = renderDocument(doc);
        const again = parseDocument(once);
        canonicalize('highlights', again);
        assert.equal(renderDocument(again), once);
        // Loading what was written gives back the same data, in position order.
        const back = again.toJS() as { source: string; highlights: { start: number }[] };
        assert.equal(back.source, 't.md');
        assert.deepEqual(
          back.highlights.map((h) => h.start),
          [...hs.map((h) => h.start)].sort((a, b) => a - b),
        );
      }),
    );
  });

  it('orders keys and sorts highlights but keeps comments and the written style', () => {
    const src = [
      '# Highlights of p07',
      'highlights:',
      '  - start: 50',
      '    id: h-22222222',
      '    end: 60 # after',
      '    quote: "b"',
      '    tags: [x, y]',
      '  - id: h-11111111',
      '    quote: a',
      '    start: 10',
      '    end: 20',
      '    tags:',
      '      - x',
      'source: t.md',
      '',
    ].join('\n');
    const doc = parseDocument(src);
    canonicalize('highlights', doc);
    const out = renderDocument(doc);
    assert.ok(out.indexOf('source: t.md') < out.indexOf('highlights:'));
    assert.ok(out.indexOf('h-11111111') < out.indexOf('h-22222222'));
    assert.match(out, /# Highlights of p07/);
    assert.match(out, /end: 60 # after/);
    assert.match(out, /quote: "b"/);
    assert.match(out, /tags: \[ ?x, y ?\]/);
    assert.ok(/id: h-22222222\n\s+quote: "b"\n\s+start: 50\n\s+end: 60/.test(out), out);
  });
});
