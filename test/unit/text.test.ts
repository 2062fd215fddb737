import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CodePointIndex, computeLineStarts, decodeText, lineAndCharacter, normalizeText } from '../../src/core/text';
import { gitBlobHash } from '../../src/core/hash';
import { execFileSync } from 'node:child_process';
import { realFixtureBytes } from '../support/real-fixtures';

const enc = (s: string) => new TextEncoder().encode(s);

describe('text: decoding and normalisation', () => {
  it('drops a BOM and reads CRLF and lone CR as \\n', () => {
    assert.equal(normalizeText('\uFEFFa\r\nb\rc\n'), 'a\nb\nc\n');
    const d = decodeText('t.md', enc('\uFEFFone\r\ntwo'));
    assert.deepEqual(d, { ok: true, text: 'one\ntwo' });
  });

  it('reports invalid UTF-8 with its line and column', () => {
    const bytes = new Uint8Array([...enc('ok line\nab'), 0xff, ...enc('c')]);
    const d = decodeText('t.md', bytes);
    assert.equal(d.ok, false);
    if (!d.ok) {
      assert.equal(d.problem.code, 'not-utf8');
      assert.deepEqual([d.problem.line, d.problem.column], [2, 3]);
    }
  });

  it('reports binary files (NUL bytes)', () => {
    const d = decodeText('x.md', new Uint8Array([0x61, 0x0a, 0x00]));
    assert.ok(!d.ok && d.problem.code === 'binary-file' && d.problem.line === 2);
  });

  it('hashes as git hashes a blob', () => {
    const text = 'Zoë said 🙂\nthen left\n';
    const git = execFileSync('git', ['hash-object', '--stdin'], { input: text }).toString().trim();
    assert.equal(gitBlobHash(text), git);
  });
});

describe('text: code points and UTF-16', () => {
  const alphabet = fc.constantFrom('a', 'é', 'e\u0301', '😀', '👩‍👩‍👧', '\n', ' ', '中', '𝄞');
  const texts = fc.array(alphabet, { maxLength: 60 }).map((a) => a.join(''));

  it('converts both ways, consistently with the string iterator', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const idx = new CodePointIndex(text);
        const cps = [...text];
        assert.equal(idx.length, cps.length);
        let u = 0;
        for (let cp = 0; cp <= cps.length; cp++) {
          assert.equal(idx.toUtf16(cp), u);
          assert.equal(idx.toCodePoint(u), cp);
          u += cps[cp]?.length ?? 0;
        }
      }),
    );
  });

  it('slices by code points, and a UTF-16 offset inside a surrogate pair rounds down', () => {
    const idx = new CodePointIndex('a😀b');
    assert.equal(idx.slice(1, 2), '😀');
    assert.equal(idx.toCodePoint(2), 1);
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (text, a, b) => {
        const idx = new CodePointIndex(text);
        const [s, e] = [a % (idx.length + 1), b % (idx.length + 1)].sort((x, y) => x - y) as [number, number];
        assert.equal(idx.slice(s, e), [...text].slice(s, e).join(''));
      }),
    );
  });

  it('CRLF, BOM and lone CR give the same offsets as the \\n text', () => {
    fc.assert(
      fc.property(texts, fc.constantFrom('\r\n', '\r', '\n'), fc.boolean(), (text, eol, bom) => {
        const raw = (bom ? '\uFEFF' : '') + text.replace(/\n/g, eol);
        assert.equal(normalizeText(raw), text);
      }),
    );
  });

  it('gives VS Code line/character positions', () => {
    const text = 'ab\n😀c\n';
    const starts = computeLineStarts(text);
    assert.deepEqual(lineAndCharacter(text, 5, starts), { line: 1, character: 2 });
    assert.deepEqual(lineAndCharacter(text, 0, starts), { line: 0, character: 0 });
    assert.deepEqual(lineAndCharacter(text, 7, starts), { line: 2, character: 0 });
  });
});

describe('text: documents handed in instead of text', () => {
  it('names a real PDF export (MAXQDA) as a PDF and says how to bring the transcript in', () => {
    const r = decodeText('P1.pdf', realFixtureBytes('maxqda-pdf/P1.pdf'));
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.problem.code, 'binary-file');
    assert.match(r.problem.message, /^This is a PDF document, not text/);
    assert.match(r.problem.message, /sift import transcript/);
  });

  it('names a zip archive (a .docx among the sources) and points to the import', () => {
    const r = decodeText('notes.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    assert.ok(!r.ok && /Word document or another zip archive/.test(r.problem.message));
  });

  it('still reads text that merely starts with the letters PK or %PD', () => {
    const r = decodeText('p.txt', new TextEncoder().encode('PK: hello\n%PD is not a PDF'));
    assert.ok(r.ok && r.text.startsWith('PK: hello'));
  });
});
