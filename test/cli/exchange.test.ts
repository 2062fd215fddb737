/**
 * `sift export` and `sift import` on real files: the export validates against the REFI-QDA
 * schema with xmllint, a project round-trips through a new folder, bad input writes
 * nothing, and transcripts from Zoom and Word become coded-ready Markdown.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { CodePointIndex } from '../../src/core/text';
import { parseTranscript } from '../../src/core/transcripts';
import { realFixture } from '../support/real-fixtures';
import { cleanupTemps, copyOfExample, fingerprint, REPO, sift, tempDir } from './support';

after(cleanupTemps);

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'refi-qda');

interface Placed {
  source: string;
  start: number;
  end: number;
  state: string;
}

/** Every highlight's place as `sift check --format json` reports it, sorted. */
function places(dir: string): string[] {
  const report = JSON.parse(sift(['check', dir, '--format', 'json', '--no-cache']).stdout) as { highlights: Placed[] };
  return report.highlights.map((h) => `${h.source} ${h.start}-${h.end} ${h.state}`).sort();
}

function xmllint(args: string[]): { code: number | null; output: string } {
  const r = spawnSync('xmllint', args, { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint is not installed (Debian: apt-get install libxml2-utils; scripts/setup.sh does it): ${r.error.message}`);
  return { code: r.status, output: r.stdout + r.stderr };
}

/** A minimal Word document: one paragraph per line. */
function docx(lines: string[]): Uint8Array {
  const paragraphs = lines.map((l) => `<w:p><w:r><w:t xml:space="preserve">${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`),
  });
}

function turnsOfFile(file: string) {
  const text = readFileSync(file, 'utf8');
  const index = new CodePointIndex(text);
  return parseTranscript(file, text).turns.map(({ start, end, ...rest }) => ({ words: index.slice(start, end), ...rest }));
}

describe('sift export / import', () => {
  it('export qdpx writes a project that validates against Project.xsd, the same bytes every time', () => {
    const study = copyOfExample();
    const out = path.join(tempDir(), 'study.qdpx');
    const r = sift(['export', 'qdpx', study, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Wrote .*study\.qdpx: 13 transcripts, 101 highlights/);
    assert.match(r.stdout, /themes \(5\): Each theme becomes a Note/);
    const first = readFileSync(out);
    const qde = path.join(tempDir(), 'project.qde');
    writeFileSync(qde, unzipSync(first)['project.qde']!);
    const lint = xmllint(['--noout', '--schema', path.join(FIXTURES, 'Project.xsd'), qde]);
    assert.equal(lint.code, 0, lint.output);
    assert.match(lint.output, /validates/);
    assert.equal(sift(['export', 'qdpx', study, '--out', out]).code, 0);
    assert.ok(readFileSync(out).equals(first), 'a second export differs');
  });

  it('import qdpx builds a new workspace whose highlights sit on exactly the same places', () => {
    const study = copyOfExample();
    const file = path.join(tempDir(), 'study.qdpx');
    assert.equal(sift(['export', 'qdpx', study, '--out', file]).code, 0);
    const into = path.join(tempDir(), 'imported');
    const r = sift(['import', 'qdpx', file, '--into', into]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /101 highlights, 29 tags, 12 participants/);
    // REFI text sources do not carry the scanned pages of P09's handwritten diary (the export names
    // the loss): the imported study is otherwise clean, and says which scans to copy over.
    const check = sift(['check', into, '--no-cache']);
    assert.deepEqual(
      check.stdout
        .split('\n')
        .filter((l) => / error: /.test(l))
        .map((l) => l.replace(/: error: .*\[/, ' [')),
      [9, 15, 21, 27].map((line) => `transcripts/diaries/p09-diary.md:${line}:29 [missing-page]`),
    );
    assert.deepEqual(places(into), places(study));
    assert.deepEqual(
      readdirSync(path.dirname(into)).filter((n) => n.includes('.sift-')),
      [],
      'a temporary folder was left behind',
    );
  });

  it('import qdpx refuses a folder that is not empty, and a damaged archive, touching nothing', () => {
    const study = copyOfExample();
    const file = path.join(tempDir(), 'study.qdpx');
    sift(['export', 'qdpx', study, '--out', file]);
    const before = fingerprint(study);
    const busy = sift(['import', 'qdpx', file, '--into', study]);
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, /not an empty folder/);
    assert.deepEqual(fingerprint(study), before);

    const damaged = path.join(tempDir(), 'damaged.qdpx');
    writeFileSync(damaged, readFileSync(file).subarray(0, 2000));
    const parent = tempDir();
    const r = sift(['import', 'qdpx', damaged, '--into', path.join(parent, 'new')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /damaged or truncated/);
    assert.deepEqual(readdirSync(parent), []);

    const escaping = path.join(tempDir(), 'escaping.qdpx');
    writeFileSync(escaping, zipSync({ 'project.qde': unzipSync(readFileSync(file))['project.qde']!, '../../outside.txt': strToU8('x') }));
    const e = sift(['import', 'qdpx', escaping, '--into', path.join(parent, 'new')]);
    assert.equal(e.code, 1);
    assert.match(e.stderr, /points outside its folder/);
    assert.deepEqual(readdirSync(parent), []);
  });

  it('export qdc and import qdc carry a codebook into another workspace, once', () => {
    const study = copyOfExample();
    const qdc = path.join(tempDir(), 'codebook.qdc');
    assert.equal(sift(['export', 'qdc', study, '--out', qdc]).code, 0);
    assert.equal(xmllint(['--noout', qdc]).code, 0);
    assert.match(readFileSync(qdc, 'utf8'), /<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Sift">/);
    const fresh = tempDir();
    assert.equal(sift(['init', fresh]).code, 0);
    writeFileSync(path.join(fresh, 'codebook.yaml'), 'tags:\n  - id: workarounds\n    label: Workarounds\n');
    const r = sift(['import', 'qdc', qdc, fresh]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Added 28 tags to the codebook; 1 was already there/);
    const codebook = readFileSync(path.join(fresh, 'codebook.yaml'), 'utf8');
    assert.match(codebook, /id: waiting-time\n\s+label: Waiting time\n(?:.*\n)*?\s+parent: service-access/);
    const again = sift(['import', 'qdc', qdc, fresh]);
    assert.match(again.stdout, /Added no tag to the codebook; 29 were already there/);
    assert.equal(sift(['check', fresh, '--no-cache']).code, 0);
  });

  it('import transcript turns a Zoom .vtt and a Word .docx into transcripts with speakers and times', () => {
    const ws = tempDir();
    assert.equal(sift(['init', ws]).code, 0);
    const inbox = tempDir();
    writeFileSync(path.join(inbox, 'zoom_P07.vtt'), 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nAna Researcher: Thanks for joining.\n\n2\n00:12:31.000 --> 00:12:36.000\nP07: I waited sixteen weeks for the grab rails.\n');
    writeFileSync(path.join(inbox, 'interview P08.docx'), docx(['Interview with P08, 5 March', '[00:00:05] Interviewer: How did the call go?', 'P08 (00:00:09): Nobody rang back, so I rang them.', 'It took three goes.']));
    const r = sift(['import', 'transcript', path.join(inbox, 'zoom_P07.vtt'), path.join(inbox, 'interview P08.docx'), '--into', ws]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(turnsOfFile(path.join(ws, 'transcripts', 'zoom_P07.md')), [
      { words: 'Thanks for joining.', speaker: 'Ana Researcher', time: '00:00:01' },
      { words: 'I waited sixteen weeks for the grab rails.', speaker: 'P07', time: '00:12:31' },
    ]);
    assert.deepEqual(turnsOfFile(path.join(ws, 'transcripts', 'interview P08.md')), [
      { words: 'How did the call go?', speaker: 'Interviewer', time: '00:00:05' },
      { words: 'Nobody rang back, so I rang them.\n\nIt took three goes.', speaker: 'P08', time: '00:00:09' },
    ]);
    assert.equal(sift(['check', ws, '--no-cache']).code, 0);
    // Importing again would overwrite: refused, nothing written.
    const before = fingerprint(ws);
    const again = sift(['import', 'transcript', path.join(inbox, 'zoom_P07.vtt'), '--into', ws]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
    assert.deepEqual(fingerprint(ws), before);
  });

  it('import transcript converts Windows-1252 text with a note, and refuses text in no encoding it knows, writing nothing', () => {
    const ws = tempDir();
    sift(['init', ws]);
    const file = path.join(tempDir(), 'latin1.txt');
    writeFileSync(file, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const r = sift(['import', 'transcript', file, '--into', ws]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^Note: latin1\.txt: read as Windows-1252 \(it is not UTF-8\)/m);
    assert.match(readFileSync(path.join(ws, 'transcripts', 'latin1.md'), 'utf8'), /\n\ncafé\n$/);
    // 0x81 is no character in Windows-1252: the file is in some other encoding, and refused.
    const unknown = path.join(tempDir(), 'other.txt');
    writeFileSync(unknown, Buffer.from([0x63, 0x61, 0x66, 0x81, 0x0a]));
    const before = fingerprint(ws);
    const refused = sift(['import', 'transcript', unknown, '--into', ws]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /other\.txt:1:4: error: This file is not valid UTF-8 text/);
    assert.deepEqual(fingerprint(ws), before);
  });

  it('import transcript refuses a file with no words (an empty export) and exits 1, writing nothing', () => {
    const ws = tempDir();
    sift(['init', ws]);
    const empty = path.join(tempDir(), 'zoom.txt');
    writeFileSync(empty, '\r\n\r\n');
    const before = fingerprint(ws);
    const r = sift(['import', 'transcript', empty, '--into', ws]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^zoom\.txt:1:1: error: This file has no words to import: it is empty, or holds only blank lines, front matter or caption timings\. \[import-no-words\]\nNothing was imported\.\n$/);
    assert.equal(r.stdout, '');
    assert.deepEqual(fingerprint(ws), before);
  });

  it('import transcript makes a caption a clean transcript and keeps the caption under originals/', () => {
    const ws = tempDir();
    sift(['init', ws]);
    const inbox = tempDir();
    const caption = 'WEBVTT\nKind: captions\n\nNOTE from Teams\n\n1\n00:00:09.255 --> 00:00:13.422 align:start\n<v P05>Yes, <i>hello</i>, yes.</v>\n\n2\n00:00:13.500 --> 00:00:15.000\n<v P05>I&apos;ve been sat by the phone.</v>\n';
    writeFileSync(path.join(inbox, 'p05.vtt'), caption);
    const r = sift(['import', 'transcript', path.join(inbox, 'p05.vtt'), '--participant', 'P05', '--into', ws]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /created transcripts\/p05\.md \(1 turn; the original is kept as originals\/p05\.vtt\)/);
    assert.equal(readFileSync(path.join(ws, 'transcripts', 'p05.md'), 'utf8'), "---\nparticipant: P05\nkind: interview\ntitle: p05\nsource: originals/p05.vtt\n---\n\n[00:00:09] P05: Yes, hello, yes. I've been sat by the phone.\n");
    assert.equal(readFileSync(path.join(ws, 'originals', 'p05.vtt'), 'utf8'), caption);
    assert.equal(sift(['check', ws, '--no-cache']).code, 0);
  });

  it('import transcript refuses a caption file it cannot read faithfully: file, line, what is wrong; nothing written', () => {
    const ws = tempDir();
    sift(['init', ws]);
    const inbox = tempDir();
    // A real broken file (a WebVTT/SRT parser's test captions), copied out of ../shared first.
    const broken = path.join(inbox, 'invalid_format4.srt');
    writeFileSync(broken, readFileSync(realFixture('captions/invalid_format4.srt')));
    const before = fingerprint(ws);
    const r = sift(['import', 'transcript', broken, '--into', ws]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^invalid_format4\.srt:1:1: error: "some text" stands where an SRT cue number \(1, 2, 3 …\) should be/m);
    assert.match(r.stderr, /Nothing was imported\./);
    assert.deepEqual(fingerprint(ws), before);
  });

  it('export csv prints long format to stdout, and writes wide format with a BOM for Excel', () => {
    const study = copyOfExample();
    const r = sift(['export', 'csv', study]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^highlight,transcript,participant,age-band,/);
    assert.ok(r.stdout.includes('\r\n'));
    const out = path.join(tempDir(), 'wide.csv');
    assert.equal(sift(['export', 'csv', study, '--format', 'wide', '--bom', '--out', out]).code, 0);
    const bytes = readFileSync(out);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(sift(['export', 'csv', study, '--format', 'tall']).code, 2);
  });

  it('usage errors exit 2', () => {
    assert.equal(sift(['export']).code, 2);
    assert.equal(sift(['import', 'qdpx', path.join(FIXTURES, 'atlas-reference-project.qde')]).code, 2);
    mkdirSync(path.join(tempDir(), 'x'), { recursive: true });
    assert.equal(existsSync(path.join(REPO, 'nope.qdpx')), false);
    assert.equal(sift(['import', 'qdpx', 'nope.qdpx', '--into', 'x']).code, 2);
  });
});
