/**
 * The scanner keeps its findings packed (src/core/privacy/packed.ts) and its cache as bytes
 * (snapshot.ts): the findings read back must be exactly the ones the detectors made, on real
 * files and on the example study, and a damaged cache must read as no cache.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { detectionContext, detectPersonalData } from '../../src/core/privacy/detect';
import { PII_KINDS, type PiiFinding } from '../../src/core/privacy/findings';
import { FileFindings, findingTables } from '../../src/core/privacy/packed';
import { PrivacyScanner, readPrivacySources, scannableFiles, scanOptionsOf } from '../../src/core/privacy/scan';
import { sharingGuard } from '../../src/core/privacy/share';
import { loadWorkspace } from '../../src/core/workspace/load';
import { exampleFileSystem } from '../support/example-fs';
import { realFixture, realPdfText } from '../support/real-fixtures';

/** Real transcripts nobody on the project wrote: seven MAXQDA interviews, a Zoom export, captions. */
function realTexts(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; i <= 7; i++) out[`transcripts/maxqda-p${i}.md`] = realPdfText(`maxqda-pdf/P${i}.pdf`);
  out['transcripts/zoom.txt'] = readFileSync(realFixture('zoom/zoom-transcript-export.txt'), 'utf8');
  for (const file of ['sample.vtt', 'comments.vtt', 'netflix_chicas_del_cable.vtt', 'sample.srt']) out[`transcripts/${file}`] = readFileSync(realFixture(`captions/${file}`), 'utf8').replace(/\r\n?/g, '\n');
  return out;
}

const options = { participantIds: ['P01', 'P02'], names: [{ name: 'Dan', basis: 'list' as const, participant: 'P01' }], guessNames: true };

describe('packed personal-data findings', () => {
  it('read back exactly as the detectors made them, in every real file', () => {
    const context = detectionContext({ participantIds: options.participantIds, names: options.names });
    let total = 0;
    for (const [file, text] of Object.entries(realTexts())) {
      const found = detectPersonalData(file, text, context);
      total += found.length;
      assert.deepEqual(FileFindings.pack(file, found, findingTables()).all(), found, file);
    }
    assert.ok(total > 100, `only ${total} findings in the real files`);
  });

  it('any findings read back exactly (kinds, bases, participants, confidences, words)', () => {
    const finding = fc.record(
      {
        path: fc.constant('t.md'),
        kind: fc.constantFrom(...PII_KINDS),
        text: fc.string({ minLength: 1, maxLength: 30 }),
        start: fc.nat(1e9),
        end: fc.nat(1e9),
        line: fc.integer({ min: 1, max: 1e8 }),
        column: fc.integer({ min: 1, max: 1e6 }),
        confidence: fc.double({ min: 0, max: 1, noNaN: true }),
        basis: fc.constantFrom('pattern' as const, 'list' as const, 'context' as const),
        participant: fc.constantFrom('P01', 'P02', 'Grace'),
      },
      { requiredKeys: ['path', 'kind', 'text', 'start', 'end', 'line', 'column', 'confidence', 'basis'] },
    );
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 40 }), (found) => {
        const sorted = found.map((f) => ({ ...f, end: Math.max(f.start, f.end) }));
        assert.deepEqual(FileFindings.pack('t.md', sorted, findingTables()).all(), sorted);
      }),
    );
  });

  it('a finding of another file is refused rather than filed under the wrong path', () => {
    const [f] = detectPersonalData('a.md', 'Ring 07700 900123.', detectionContext());
    assert.throws(() => FileFindings.pack('b.md', [f!], findingTables()), /a\.md packed with the findings of b\.md/);
  });
});

describe('the scan cache as bytes', () => {
  const real = realTexts();
  const files = Object.keys(real).map((p) => ({ path: p, hash: String(real[p]!.length) }));

  it('a scanner restored from its bytes gives the same findings on the real files and reads none of them', async () => {
    const first = new PrivacyScanner();
    const found = await first.scan(files, async (p) => real[p], options);
    assert.ok(found.length > 100);
    let reads = 0;
    const again = PrivacyScanner.fromSnapshot(first.snapshot());
    assert.deepEqual(await again.scan(files, async (p) => (reads++, real[p]), options), found);
    assert.equal(reads, 0);
  });

  it('damaged bytes read as no cache: every file is scanned again, with the same findings', async () => {
    const first = new PrivacyScanner();
    const found = await first.scan(files, async (p) => real[p], options);
    const bytes = first.snapshot();
    const damaged = [
      bytes.subarray(0, bytes.length - 4), // cut short
      bytes.subarray(0, 7),
      new Uint8Array(0),
      (() => {
        const b = bytes.slice();
        b[4] = 99; // another version
        return b;
      })(),
      (() => {
        const b = bytes.slice();
        b.fill(0xff, b.length - 28); // the last finding's numbers changed: its word index is out of range
        return b;
      })(),
      (() => {
        const b = bytes.slice();
        b[14] = 0x7b; // the header's JSON broken
        return b;
      })(),
      new TextEncoder().encode(JSON.stringify({ version: 5, learnt: {}, found: {} })), // the old JSON cache
    ];
    for (const [i, b] of damaged.entries()) {
      let reads = 0;
      const scanner = PrivacyScanner.fromSnapshot(b);
      assert.deepEqual(await scanner.scan(files, async (p) => (reads++, real[p]), options), found, `damage ${i}`);
      assert.equal(reads, files.length * 2, `damage ${i}: a cold scan reads every file in both passes`);
    }
  });

  it('an unaligned copy of the bytes (a Buffer from a pool) reads the same', async () => {
    const first = new PrivacyScanner();
    const found = await first.scan(files, async (p) => real[p], options);
    const bytes = first.snapshot();
    const offset = new Uint8Array(bytes.length + 1);
    offset.set(bytes, 1);
    assert.deepEqual(await PrivacyScanner.fromSnapshot(offset.subarray(1)).scan(files, async () => assert.fail('read'), options), found);
  });
});

describe('the sharing guard over packed findings', () => {
  it('masks exactly what the guard over findings as objects masks, in every highlight of the example study', async () => {
    // A transcript line with personal data, and a decision that sets one name aside.
    const source = 'transcripts/interviews/p07.md';
    const fs = exampleFileSystem();
    fs.write(source, fs.text(source)!.replace('Interviewer: Is there anything else', 'Interviewer: Thanks, Priya, ring me on 07700 900123. Is there anything else'));
    fs.write('.sift/private/keys.yaml', 'participants:\n  P07: [Priya Shah]\n');
    fs.write('privacy.yaml', 'decisions:\n  - text: Priya\n    path: transcripts/interviews/p07.md\n    decision: accepted\n');
    const { workspace: ws } = await loadWorkspace(fs);
    const sources = await readPrivacySources(fs, ws);
    const scanned = scannableFiles(ws).map((p) => ({ path: p, hash: ws.transcripts.get(p)?.hash ?? ws.versions.get(p) ?? '' }));
    const packed = await new PrivacyScanner().findings(scanned, async (p) => fs.text(p), scanOptionsOf(ws, sources));
    const objects: PiiFinding[] = packed.all();
    assert.ok(objects.length >= 2, JSON.stringify(objects));
    const a = sharingGuard(ws, packed, sources.decisions);
    const b = sharingGuard(ws, objects, sources.decisions);
    let masked = 0;
    for (const file of ws.highlightFiles.values())
      for (const h of file.highlights) {
        assert.deepEqual(a.maskQuote(file.source, h), b.maskQuote(file.source, h), h.id);
        masked += a.maskQuote(file.source, h).masked.length;
      }
    assert.ok(masked > 0, 'some quote was masked');
    for (const [p, t] of ws.transcripts) assert.deepEqual(a.openFindingsIn(p, 0, t.length), b.openFindingsIn(p, 0, t.length), p);
    // Set aside by the decision: in neither guard.
    assert.deepEqual(
      a.openFindingsIn(source, 0, 1e9).map((f) => f.text),
      ['07700 900123'],
    );
    assert.ok(objects.some((f) => f.text === 'Priya'));
  });
});
