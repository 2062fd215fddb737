/**
 * REFI-QDA exchange (src/core/exchange): deterministic export, the example study's round
 * trip on exactly the same characters, the semantic check, tolerant import of vendor
 * files, and refusal of bad archives.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { checkProject } from '../../src/core/exchange/check';
import { csvRows } from '../../src/core/exchange/csv';
import { quoteTools } from '../../src/core/privacy/quotes';
import { DEFAULT_LIMITS, packQdpx, unpackQdpx } from '../../src/core/exchange/container';
import { exportProject } from '../../src/core/exchange/export-project';
import { parseGuid, uuidV5 } from '../../src/core/exchange/guid';
import { exportQdpx, importQde, importQdpx } from '../../src/core/exchange/qdpx';
import { readRefiXml } from '../../src/core/exchange/xml-read';
import { readProject } from '../../src/core/exchange/read-project';
import { tagsFromCodes } from '../../src/core/exchange/codes';
import { LossReport } from '../../src/core/exchange/losses';
import { escapeAttribute } from '../../src/core/exchange/xml';
import type { Workspace } from '../../src/core/workspace/workspace';
import { loadWorkspace } from '../../src/core/workspace/load';
import { NodeFileSystem } from '../../src/node/node-fs';
import { MemoryFileSystem } from '../support/memory-fs';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'home-adaptations');
const ATLAS = path.join(__dirname, '..', 'fixtures', 'refi-qda', 'atlas-reference-project.qde');

async function example(): Promise<{ ws: Workspace; fs: NodeFileSystem }> {
  const fs = new NodeFileSystem(EXAMPLE);
  return { ws: (await loadWorkspace(fs)).workspace, fs };
}

/** The workspace a set of imported files makes, loaded as Sift would load it. */
async function loaded(edits: { path: string; content?: string }[]): Promise<{ ws: Workspace; fs: MemoryFileSystem }> {
  const fs = new MemoryFileSystem(Object.fromEntries(edits.map((e) => [e.path, e.content ?? ''])));
  return { ws: (await loadWorkspace(fs)).workspace, fs };
}

/** A highlight as a researcher would compare it: where, which words, what it says. Tags by label, since REFI has no tag ids. */
function highlightFacts(ws: Workspace): string[] {
  const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
  return [...ws.highlightFiles.values()]
    .flatMap((f) =>
      f.highlights.map((h) => JSON.stringify([f.source, h.start, h.end, h.quote, h.prefix, h.suffix, h.tags.map((t) => labels.get(t)).sort(), h.note ?? null, h.speaker ?? null, h.time ?? null, h.date ?? null, h.coder ?? null])),
    )
    .sort();
}

const NS = 'urn:QDA-XML:project:1.0';
const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A small vendor-style project: one text source with the given selections. */
function vendorProject(options: { ns?: string; selections?: string; codes?: string; sourceName?: string } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="${options.ns ?? NS}" name="Vendor study">
  <Users><User guid="{${G(1).toUpperCase()}}" name="Ana"/></Users>
  <CodeBook><Codes>${options.codes ?? `<Code guid="${G(2).toUpperCase()}" name="Feelings" isCodable="true"><Code guid="${G(3)}" name="joy" isCodable="true" color="#0a0"/></Code>`}</Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(4)}" name="${options.sourceName ?? 'Interview 1.docx'}" plainTextPath="internal://${G(5).toUpperCase()}.txt" richTextPath="internal://${G(6)}.docx">
      ${options.selections ?? ''}
    </TextSource>
  </Sources>
</Project>`;
}

function selection(guid: number, start: number, end: number, code = G(3)): string {
  return `<PlainTextSelection guid="${G(guid)}" startPosition="${start}" endPosition="${end}" creatingUser="${G(1)}"><Coding guid="${G(guid + 100)}" creatingUser="{${G(1)}}"><CodeRef targetGUID="{${code.toUpperCase()}}"/></Coding></PlainTextSelection>`;
}

describe('REFI-QDA exchange', () => {
  describe('GUIDs', () => {
    it('makes RFC 9562 version-5 UUIDs (the RFC test vector)', () => {
      assert.equal(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
    });
    it('reads GUIDs in upper case and braces as the same GUID', () => {
      assert.equal(parseGuid('{2ED6657D-E927-568B-95E1-2665A8AEA6A2}'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
      assert.equal(parseGuid('2ed6657d-e927-568b'), undefined);
    });
  });

  describe('XML writing', () => {
    it('keeps line breaks and tabs in attributes as character references, and drops characters XML cannot carry', () => {
      assert.equal(escapeAttribute('a "b" & <c>\n\td\u0001'), 'a &quot;b&quot; &amp; &lt;c&gt;&#10;&#9;d');
    });
  });

  describe('export', () => {
    it('gives identical bytes when an unchanged workspace is exported twice', async () => {
      const { ws, fs } = await example();
      const a = await exportQdpx(ws, fs);
      const b = await exportQdpx((await loadWorkspace(fs)).workspace, fs);
      assert.deepEqual(a.problems, []);
      assert.ok(a.bytes.length > 1000);
      assert.deepEqual(Buffer.from(a.bytes), Buffer.from(b.bytes));
    });

    it('writes a flat archive: project.qde first, then sources/<guid>.txt holding each transcript exactly', async () => {
      const { ws, fs } = await example();
      const files = unzipSync((await exportQdpx(ws, fs)).bytes);
      const names = Object.keys(files);
      assert.equal(names[0], 'project.qde');
      assert.equal(names.length, 1 + ws.transcripts.size);
      for (const n of names.slice(1)) assert.match(n, /^sources\/[0-9a-f-]{36}\.txt$/);
      const xml = Buffer.from(files['project.qde']!).toString('utf8');
      const p01 = /<TextSource guid="([^"]+)" name="transcripts\/interviews\/p01.md"/.exec(xml)![1]!;
      assert.equal(Buffer.from(files[`sources/${p01}.txt`]!).toString('utf8'), readFileSync(path.join(EXAMPLE, 'transcripts/interviews/p01.md'), 'utf8').replace(/\r\n/g, '\n'));
    });

    it('passes its semantic check: every reference resolves and every selection fits its text', async () => {
      const { ws, fs } = await example();
      const project = await exportProject(ws, fs);
      const read = readRefiXml('project.qde', project.xml, 'Project', 'project');
      assert.ok(read.ok);
      const texts = new Map(project.sources.map((s) => [s.path.slice('sources/'.length), s.text]));
      assert.deepEqual(checkProject(read.root, texts), []);
      // …and the check does catch faults: a dangling reference and a selection past the end.
      const broken = project.xml.replace(/<CodeRef targetGUID="[^"]+"/, `<CodeRef targetGUID="${G(999)}"`).replace(/endPosition="(\d+)"/, 'endPosition="999999"');
      const brokenRead = readRefiXml('x', broken, 'Project', 'project');
      assert.ok(brokenRead.ok);
      const faults = checkProject(brokenRead.root, texts);
      assert.equal(faults.length, 2, faults.join('\n'));
      assert.match(faults.join('\n'), /refers to no element/);
      assert.match(faults.join('\n'), /does not fit its text/);
    });

    it('leaves out the transcripts, highlights and case of a participant who withdrew consent (REFI and CSV)', async () => {
      const fs = new MemoryFileSystem({
        'research.yaml': 'name: Consent\n',
        'codebook.yaml': 'tags:\n  - id: home\n    label: Home\n',
        'participants.yaml': 'participants:\n  - id: P01\n    attributes: {}\n    consent: {by: participant, scope: verbatim}\n  - id: P02\n    attributes: {}\n    consent: {by: participant, scope: withdrawn}\n',
        'transcripts/p01.md': '---\nparticipant: P01\n---\n\nP01: My home.\n',
        'transcripts/p02.md': '---\nparticipant: P02\n---\n\nP02: Their home.\n',
        'transcripts/fg.md': '---\nparticipants: [P01, P02]\n---\n\nP01: Mine.\nP02: Theirs.\n',
        'highlights/transcripts/p01.md.yaml': 'source: transcripts/p01.md\nhighlights:\n  - {id: h-aaaaaaaa, quote: My home., start: 31, end: 39, tags: [home]}\n',
        'highlights/transcripts/p02.md.yaml': 'source: transcripts/p02.md\nhighlights:\n  - {id: h-bbbbbbbb, quote: Their home., start: 31, end: 42, tags: [home]}\n',
        'highlights/transcripts/fg.md.yaml':
          'source: transcripts/fg.md\nhighlights:\n  - {id: h-cccccccc, quote: Mine., start: 39, end: 44, tags: [home], speaker: P01}\n  - {id: h-dddddddd, quote: Theirs., start: 50, end: 57, tags: [home], speaker: P02}\n',
      });
      const ws = (await loadWorkspace(fs)).workspace;
      assert.deepEqual(
        [...ws.anchoring.values()].map((r) => r.state),
        ['anchored', 'anchored', 'anchored', 'anchored'],
      );
      const project = await exportProject(ws, fs);
      assert.doesNotMatch(project.xml, /Their|Theirs|name="P02"|p02\.md/);
      assert.deepEqual(
        [...project.xml.matchAll(/<PlainTextSelection [^>]*name="([^"]+)"/g)].map((m) => m[1]),
        ['Mine.', 'My home.'],
      );
      assert.equal(project.losses.find((l) => l.what === 'withdrawn consent')?.count, 4);
      assert.deepEqual(
        csvRows(ws, 'long', quoteTools(ws, { key: undefined, namesList: [] }))
          .slice(1)
          .map((r) => r[0]),
        ['h-cccccccc', 'h-aaaaaaaa'],
      );
    });

    it('reports what REFI cannot hold, naming each kind', async () => {
      const { ws, fs } = await example();
      const { losses } = await exportQdpx(ws, fs);
      const byWhat = new Map(losses.map((l) => [l.what, l.count]));
      assert.equal(byWhat.get('themes'), ws.themes.size);
      assert.equal(byWhat.get('personas'), ws.personas.size);
      assert.equal(byWhat.get('journeys'), ws.journeys.size);
      assert.equal(byWhat.get('insights'), ws.insights.size);
    });
  });

  describe('round trip', () => {
    it('brings every highlight of the example study back on exactly the same characters, with its tags, memo, speaker, time and coder', async () => {
      const { ws, fs } = await example();
      const exported = await exportQdpx(ws, fs);
      const imported = await importQdpx(exported.bytes, 'study.qdpx');
      assert.deepEqual(imported.problems, []);
      const back = await loaded(imported.edits.map((e) => ({ path: e.path, content: e.kind === 'write' ? e.content : '' })));
      // The scanned pages of P09's diary are images, which REFI text sources do not carry (a loss the export names).
      assert.deepEqual(
        back.ws.problems.filter((p) => p.severity !== 'info').map((p) => `${p.path}:${p.line} ${p.code}`),
        [9, 15, 21, 27].map((line) => `transcripts/diaries/p09-diary.md:${line} missing-page`),
      );
      assert.equal(exported.losses.find((l) => l.what === 'scanned diary pages')?.count, 4);
      assert.equal(imported.counts.highlights, 101);
      assert.deepEqual(highlightFacts(back.ws), highlightFacts(ws));
      for (const r of back.ws.anchoring.values()) assert.equal(r.state, 'anchored');
      // Transcripts byte-identical (after Sift's normalisation), so the offsets mean the same.
      for (const t of ws.transcripts.values()) assert.equal(back.ws.transcripts.get(t.path)?.hash, t.hash, t.path);
    });

    it('round-trips a transcript with a BOM, CRLF line ends, emoji and combining accents on the same characters', async () => {
      const transcript = '\ufeff---\r\nparticipant: P01\r\n---\r\n\r\nP01: Le café 🏠 était froid, cafe\u0301 aussi.\r\nP01: 👍🏽 Fine.\r\n';
      const normalised = transcript.slice(1).replace(/\r\n/g, '\n');
      const at = (quote: string) => {
        const u16 = normalised.indexOf(quote);
        return { start: [...normalised.slice(0, u16)].length, end: [...normalised.slice(0, u16)].length + [...quote].length };
      };
      const h1 = at('🏠 était froid, cafe\u0301');
      const h2 = at('👍🏽 Fine.');
      const fs = new MemoryFileSystem({
        'research.yaml': 'name: Emoji\n',
        'codebook.yaml': 'tags:\n  - id: home\n    label: Home\n',
        'participants.yaml': 'participants:\n  - id: P01\n    attributes: {}\n',
        'transcripts/p01.md': transcript,
        'highlights/transcripts/p01.md.yaml': `source: transcripts/p01.md\nhighlights:\n  - id: h-aaaaaaaa\n    quote: "🏠 était froid, cafe\u0301"\n    start: ${h1.start}\n    end: ${h1.end}\n    tags: [home]\n  - id: h-bbbbbbbb\n    quote: "👍🏽 Fine."\n    start: ${h2.start}\n    end: ${h2.end}\n    tags: [home]\n`,
      });
      const ws = (await loadWorkspace(fs)).workspace;
      assert.deepEqual(
        [...ws.anchoring.values()].map((r) => r.state),
        ['anchored', 'anchored'],
      );
      const imported = await importQdpx((await exportQdpx(ws, fs)).bytes, 'emoji.qdpx');
      const back = (await loaded(imported.edits.map((e) => ({ path: e.path, content: e.kind === 'write' ? e.content : '' })))).ws;
      assert.deepEqual(
        [...back.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => [h.quote, h.start, h.end, h.speaker])),
        [
          ['🏠 était froid, cafe\u0301', h1.start, h1.end, 'P01'],
          ['👍🏽 Fine.', h2.start, h2.end, 'P01'],
        ],
      );
    });

    it('keeps the codebook (labels, hierarchy, colours, descriptions) and participants with their attributes', async () => {
      const { ws, fs } = await example();
      const imported = await importQdpx((await exportQdpx(ws, fs)).bytes, 'study.qdpx');
      const back = (await loaded(imported.edits.map((e) => ({ path: e.path, content: e.kind === 'write' ? e.content : '' })))).ws;
      const tagFacts = (w: Workspace) => {
        const label = new Map(w.codebook.map((t) => [t.id, t.label]));
        return w.codebook.map((t) => [t.label, t.parent ? label.get(t.parent) : null, t.color, t.description]);
      };
      assert.deepEqual(tagFacts(back), tagFacts(ws));
      assert.deepEqual(
        back.participants.map((p) => [p.id, p.attributes]),
        ws.participants.map((p) => [p.id, p.attributes]),
      );
      assert.deepEqual(back.project?.attributes, ws.project?.attributes);
    });
  });

  describe('import of vendor files', () => {
    it('imports the ATLAS.ti reference project: Parent::Child codes become a hierarchy, missing sources are reported, the rest listed as lost', async () => {
      // Its six sources are not beside it: refused as a whole, unless the researcher says to skip them.
      const refused = await importQde(readFileSync(ATLAS), new Map(), 'atlas.qde');
      assert.deepEqual(refused.edits, []);
      assert.equal(refused.problems.filter((p) => p.code === 'refi-missing-source' && p.severity === 'error').length, 6);
      assert.equal(refused.problems[6]!.message, '6 source texts could not be found or read (above), so nothing was imported: the coding on them would be lost. To import the rest without them, run again with --skip-missing-sources.');
      // Skipping them leaves none of its 5 coded selections: still refused (its codebook alone: `sift import qdc`).
      const skipped = await importQde(readFileSync(ATLAS), new Map(), 'atlas.qde', { skipMissingSources: true });
      assert.deepEqual(skipped.edits, []);
      assert.deepEqual(
        skipped.problems.map((p) => [p.code, p.severity]),
        [...Array(6).fill(['refi-missing-source', 'warning']), ['refi-nothing-kept', 'error']],
      );
      const read = readRefiXml('atlas.qde', readFileSync(ATLAS, 'utf8'), 'Project', 'project');
      assert.ok(read.ok);
      const losses = new LossReport();
      const project = readProject(read.root, losses);
      const codebook = tagsFromCodes(project.codes, losses).tags;
      const coke = codebook.find((t) => t.label === 'Coke')!;
      assert.deepEqual(
        codebook
          .filter((t) => t.parent === coke.id)
          .map((t) => t.label)
          .sort(),
        ['diet Coke', 'full-fat Coke'],
      );
      assert.equal(codebook.length, 14);
      const lost = losses.list().map((l) => l.what);
      for (const kind of ['PDFSource', 'PictureSource', 'AudioSource', 'VideoSource', 'Links', 'Sets', 'Graphs']) assert.ok(lost.includes(kind), kind);
    });

    it('accepts Project.qde and Sources/ in any case, braced upper-case GUIDs and older namespaces, and maps CRLF and emoji offsets', async () => {
      // Code points: "😀 " is 2, so "joy" starts at 2; CRLF line ends count 2 each in the stored text.
      const text = '😀 joy\r\nIt was a good day.\r\nThe end';
      const good = [...text].join('').indexOf('good'); // UTF-16 index
      const goodCp = [...text.slice(0, good)].length;
      const qde = vendorProject({ ns: 'urn:QDA-XML:project:0:10', selections: selection(10, 2, 5) + selection(11, goodCp, goodCp + 'good day'.length) });
      const bytes = zipSync({ 'Project.qde': strToU8(qde), [`Sources/${G(5).toUpperCase()}.TXT`]: strToU8(text) });
      const result = await importQdpx(bytes, 'vendor.qdpx');
      assert.deepEqual(result.problems, []);
      const ws = (await loaded(result.edits.map((e) => ({ path: e.path, content: e.kind === 'write' ? e.content : '' })))).ws;
      assert.ok(ws.transcripts.has('transcripts/Interview 1.txt'));
      const quotes = [...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => [h.quote, h.tags, h.coder]));
      assert.deepEqual(quotes, [
        ['joy', ['joy'], 'Ana'],
        ['good day', ['joy'], 'Ana'],
      ]);
      assert.equal(ws.codebook.find((t) => t.id === 'joy')?.parent, 'feelings');
      assert.equal(ws.codebook.find((t) => t.id === 'joy')?.color, '#00aa00');
      for (const r of ws.anchoring.values()) assert.equal(r.state, 'anchored');
    });

    it('skips, and reports, selections outside their text and text that is not UTF-8, importing the rest', async () => {
      const qde = vendorProject({ selections: selection(10, 0, 3) + selection(11, 5, 500) });
      const ok = await importQdpx(zipSync({ 'project.qde': strToU8(qde), [`sources/${G(5)}.txt`]: strToU8('one two') }), 'v.qdpx');
      assert.deepEqual(
        ok.problems.map((p) => p.code),
        ['refi-selection-range'],
      );
      assert.equal(ok.counts.highlights, 1);
      const latin1 = await importQdpx(zipSync({ 'project.qde': strToU8(qde), [`sources/${G(5)}.txt`]: new Uint8Array([0x63, 0x61, 0x66, 0xe9]) }), 'v.qdpx');
      // Its only source unreadable, the project's coding would be lost: refused, nothing written.
      assert.deepEqual(
        latin1.problems.map((p) => [p.code, p.severity]),
        [
          ['refi-source-encoding', 'error'],
          ['refi-sources-missing', 'error'],
          ['refi-nothing-kept', 'error'],
        ],
      );
      assert.deepEqual(latin1.edits, []);
      const lineBreak = await importQdpx(zipSync({ 'project.qde': strToU8(vendorProject({ selections: selection(10, 3, 4) })), [`sources/${G(5)}.txt`]: strToU8('one\r\ntwo') }), 'v.qdpx');
      assert.deepEqual(lineBreak.problems.map((p) => p.message).slice(0, 1), [`The selection ${G(10)} in "Interview 1.docx" covers only a line break; it is skipped.`]);
      // …and as it was the only coded selection, the import keeps none: an error, not a quiet success.
      assert.deepEqual(
        lineBreak.problems.map((p) => p.code),
        ['refi-selection-range', 'refi-nothing-kept'],
      );
      assert.deepEqual(lineBreak.edits, []);
    });

    it('imports the transcript of a recording, its selections placed by sync points, and leaves the media out', async () => {
      const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="${NS}" name="Recorded">
  <CodeBook><Codes><Code guid="${G(3)}" name="joy" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <AudioSource guid="${G(20)}" name="call.m4a" path="internal://${G(21)}.m4a">
      <Transcript guid="${G(22)}" name="call transcript.txt" plainTextPath="internal://${G(23)}.txt">
        <SyncPoint guid="${G(24)}" timeStamp="0" position="0"/>
        <SyncPoint guid="${G(25)}" timeStamp="1500" position="4"/>
        <SyncPoint guid="${G(26)}" timeStamp="3000" position="12"/>
        <TranscriptSelection guid="${G(27)}" fromSyncPoint="${G(25)}" toSyncPoint="${G(26)}"><Coding guid="${G(28)}"><CodeRef targetGUID="${G(3)}"/></Coding></TranscriptSelection>
      </Transcript>
      <AudioSelection guid="${G(29)}" begin="0" end="1500"/>
    </AudioSource>
  </Sources>
</Project>`;
      const result = await importQdpx(zipSync({ 'project.qde': strToU8(qde), [`sources/${G(23)}.txt`]: strToU8('Hi. Good day!'), [`sources/${G(21)}.m4a`]: new Uint8Array(10) }), 'rec.qdpx');
      assert.deepEqual(result.problems, []);
      const ws = (await loaded(result.edits.map((e) => ({ path: e.path, content: e.kind === 'write' ? e.content : '' })))).ws;
      assert.deepEqual(
        [...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => [f.source, h.quote, h.tags])),
        [['transcripts/call transcript.txt', 'Good day', ['joy']]],
      );
      assert.deepEqual(
        result.losses.filter((l) => l.what.startsWith('AudioSource')).map((l) => [l.what, l.count]),
        [
          ['AudioSource', 1],
          ['AudioSource selections', 1],
        ],
      );
    });

    it('keeps imported transcripts inside transcripts/, whatever the source is named', async () => {
      const qde = vendorProject({ sourceName: '../../.git/hooks/post-checkout', selections: selection(10, 0, 3) });
      const result = await importQdpx(zipSync({ 'project.qde': strToU8(qde), [`sources/${G(5)}.txt`]: strToU8('one two') }), 'v.qdpx');
      assert.deepEqual(result.edits.map((e) => e.path).slice(0, 2), ['transcripts/git/hooks/post-checkout.txt', 'highlights/transcripts/git/hooks/post-checkout.txt.yaml']);
    });
  });

  describe('bad archives', () => {
    const qde = vendorProject();
    const refused = async (bytes: Uint8Array, pattern: RegExp, limits = DEFAULT_LIMITS) => {
      const result = await importQdpx(bytes, 'bad.qdpx', { limits });
      assert.deepEqual(result.edits, []);
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0]!.severity, 'error');
      assert.match(result.problems[0]!.message, pattern);
    };

    it('refuses a damaged XML declaration the validator lets through (the parser threw; found by fuzzing)', async () => {
      await refused(zipSync({ 'project.qde': strToU8('<?xml version="' + qde) }), /not well-formed XML/);
    });

    it('refuses a corrupt or truncated ZIP', async () => {
      const good = zipSync({ 'project.qde': strToU8(qde) });
      await refused(good.slice(0, good.length - 30), /damaged or truncated/);
      await refused(strToU8('PK this is not a zip'), /damaged or truncated/);
    });

    it('refuses entries that climb out of the folder or are absolute', async () => {
      await refused(zipSync({ 'project.qde': strToU8(qde), '../evil.txt': strToU8('x') }), /points outside its folder/);
      await refused(zipSync({ 'project.qde': strToU8(qde), '/etc/passwd': strToU8('x') }), /points outside its folder/);
    });

    it('refuses an entry that claims to unpack to more than the limit, before inflating it', async () => {
      const bytes = zipSync({ 'project.qde': strToU8(qde), [`sources/${G(5)}.txt`]: strToU8('small') });
      // Rewrite the uncompressed size of the source in the central directory to 3 GB.
      const view = new DataView(bytes.buffer);
      for (let i = bytes.length - 22; i >= 0; i--) {
        if (view.getUint32(i, true) === 0x02014b50 && Buffer.from(bytes.subarray(i + 46, i + 46 + 8)).toString() === 'sources/') view.setUint32(i + 24, 3 * 2 ** 30, true);
      }
      await refused(bytes, /would unpack to 3072 MB/);
      // And the total: many entries together.
      const many = zipSync({ 'project.qde': strToU8(qde), 'sources/a.txt': new Uint8Array(600), 'sources/b.txt': new Uint8Array(600) });
      await refused(many, /more than/, { project: 10_000, source: 1000, total: 1000 });
    });

    it('refuses an entry whose bytes do not match its checksum', async () => {
      const text = 'The ramp was fitted in May.';
      const bytes = zipSync({ 'project.qde': strToU8(qde), [`sources/${G(5)}.txt`]: [strToU8(text), { level: 0 }] });
      const at = Buffer.from(bytes).indexOf('May');
      bytes[at] = 'J'.charCodeAt(0);
      await refused(bytes, /is damaged: its checksum does not match/);
    });

    it('refuses an archive without a project.qde, or with two', async () => {
      await refused(zipSync({ 'sources/a.txt': strToU8('x') }), /no project.qde/);
      await refused(zipSync({ 'a.qde': strToU8(qde), 'b.qde': strToU8(qde) }), /exactly one/);
    });

    it('refuses the wrong namespace, malformed XML and DOCTYPE declarations, with the place', async () => {
      await refused(zipSync({ 'project.qde': strToU8(vendorProject({ ns: 'urn:example:other' })) }), /namespace "urn:example:other"/);
      await refused(zipSync({ 'project.qde': strToU8('<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Users></Project>') }), /not well-formed/);
      await refused(zipSync({ 'project.qde': strToU8('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Project xmlns="urn:QDA-XML:project:1.0" name="&a;"/>') }), /DOCTYPE/);
    });

    it('reads back what it packs', () => {
      const unpacked = unpackQdpx(packQdpx('<x/>', [{ path: `sources/${G(5)}.txt`, text: 'héllo' }]));
      assert.equal(Buffer.from(unpacked.project).toString(), '<x/>');
      assert.equal(Buffer.from(unpacked.texts.get(`${G(5)}.txt`)!).toString(), 'héllo');
    });
  });
});
