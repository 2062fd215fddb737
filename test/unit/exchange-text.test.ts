/**
 * Transcripts from other tools into Sift Markdown (speakers and times must parse back),
 * and CSV exports (RFC 4180 quoting, one row per highlight×tag or per highlight).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { csvField, csvRows, renderCsv } from '../../src/core/exchange/csv';
import { quoteTools } from '../../src/core/privacy/quotes';
import type { Workspace } from '../../src/core/workspace/workspace';
import { planTranscriptImport, transcriptToMarkdown } from '../../src/core/exchange/transcript-import';
import { EditPlan } from '../../src/core/store/plan';
import { MemoryFileSystem } from '../support/memory-fs';
import { CodePointIndex } from '../../src/core/text';
import { parseTranscript } from '../../src/core/transcripts';
import { loadWorkspace } from '../../src/core/workspace/load';
import { NodeFileSystem } from '../../src/node/node-fs';
import { transcriptFileText } from '../../src/node/docx';
import { minimalDocx } from '../support/docx';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'home-adaptations');

/** The turns Sift reads from converted Markdown (or from a source, given its name): words, speaker, time, date. */
function turnsOf(markdown: string, path = 't.md') {
  const index = new CodePointIndex(markdown);
  return parseTranscript(path, markdown).turns.map(({ start, end, ...rest }) => ({ words: index.slice(start, end), ...rest }));
}

/** Quoting as consent allows, with no private key or names list. */
const quotes = (ws: Workspace) => quoteTools(ws, { key: undefined, namesList: [] });

/** Plans importing `files` into a study that has nothing yet but its research.yaml. */
async function importIntoEmptyStudy(files: Parameters<typeof planTranscriptImport>[2]) {
  const fs = new MemoryFileSystem({ 'research.yaml': 'name: T\n' });
  const ws = (await loadWorkspace(fs)).workspace;
  const plan = new EditPlan(fs, ws.versions);
  return { plan, result: await planTranscriptImport(plan, ws, files) };
}

describe('exchange: transcripts and CSV', () => {
  describe('transcript import', () => {
    it('turns a Zoom WebVTT file into Markdown whose turns carry speaker and cue time', () => {
      const vtt =
        'WEBVTT\n\n1\n00:00:01.200 --> 00:00:04.900\nJane Doe: Thanks for joining.\n\n2\n00:12:31.000 --> 00:12:39.000\nmike smith: I waited sixteen weeks\nfor the grab rails.\n\n3\n00:12:40.000 --> 00:12:42.000\n<v Jane Doe>Sixteen?</v>\n\n4\n00:12:43.000 --> 00:12:45.000\nmike smith: Sixteen.\n';
      const converted = transcriptToMarkdown(vtt, 'vtt', { sourceName: 'GMT20260302-zoom.vtt', participant: 'P07' });
      assert.match(converted.markdown, /^---\nparticipant: P07\nkind: interview\ntitle: GMT20260302-zoom\nsource: GMT20260302-zoom.vtt\nspeakers:\n  - mike smith\n---\n/);
      assert.deepEqual(turnsOf(converted.markdown), [
        { words: 'Thanks for joining.', speaker: 'Jane Doe', time: '00:00:01' },
        { words: 'I waited sixteen weeks for the grab rails.', speaker: 'mike smith', time: '00:12:31' },
        { words: 'Sixteen?', speaker: 'Jane Doe', time: '00:12:40' },
        { words: 'Sixteen.', speaker: 'mike smith', time: '00:12:43' },
      ]);
      assert.deepEqual(converted.listedSpeakers, ['mike smith']);
    });

    it("never rewrites a caption's words: a sentence before a colon, seen once, stays the cue's text", () => {
      const srt = '1\n00:00:01,000 --> 00:00:03,000\nWhat they told me: nothing at all.\n\n2\n00:00:04,000 --> 00:00:06,000\nand then: silence\n';
      const converted = transcriptToMarkdown(srt, 'srt', { sourceName: 'film.srt' });
      assert.ok(converted.markdown.includes('What they told me: nothing at all.'), converted.markdown);
      assert.ok(converted.markdown.includes('and then: silence'), converted.markdown);
      assert.doesNotMatch(converted.markdown, /What They Told Me|And Then|speakers:/);
      assert.deepEqual(converted.listedSpeakers, []);
    });

    it('reads SRT, Otter.ai and Zoom text exports the same way', () => {
      const srt = transcriptToMarkdown('1\n00:00:02,000 --> 00:00:05,000\nP05: Hello.\n\n2\n00:00:06,000 --> 00:00:08,000\nInterviewer: Hi.\n', 'srt', { sourceName: 'call.srt' });
      assert.deepEqual(turnsOf(srt.markdown), [
        { words: 'Hello.', speaker: 'P05', time: '00:00:02' },
        { words: 'Hi.', speaker: 'Interviewer', time: '00:00:06' },
      ]);
      const otter = transcriptToMarkdown('Call with P3\n\nSpeaker 1  0:02\nHello there.\n\nSpeaker 2  1:05\nFine. I waited\nsixteen weeks.\n', 'text', { sourceName: 'otter.txt' });
      assert.deepEqual(turnsOf(otter.markdown), [
        { words: 'Hello there.', speaker: 'Speaker 1', time: '00:00:02' },
        { words: 'Fine. I waited\nsixteen weeks.', speaker: 'Speaker 2', time: '00:01:05' },
      ]);
      assert.match(otter.markdown, /\n\nCall with P3\n\n/);
      const zoom = transcriptToMarkdown("[Jane Doe] 00:00:01\nHello.\n[P07] 00:00:04\nHi, it's me.\n", 'text', { sourceName: 'zoom.txt' });
      assert.deepEqual(turnsOf(zoom.markdown), [
        { words: 'Hello.', speaker: 'Jane Doe', time: '00:00:01' },
        { words: "Hi, it's me.", speaker: 'P07', time: '00:00:04' },
      ]);
    });

    it('makes dated diary entries into sections, so their text carries the date and the diarist', () => {
      const converted = transcriptToMarkdown('Monday 2 March 2026\nRails fitted today.\n\n2026-03-04: a bad day\nFell on the stairs.\n', 'text', { sourceName: 'diary.txt', participant: 'P04' });
      assert.equal(converted.entries, 2);
      assert.match(converted.markdown, /kind: diary/);
      assert.deepEqual(turnsOf(converted.markdown), [
        { words: 'Rails fitted today.', speaker: 'P04', date: '2026-03-02' },
        { words: 'Fell on the stairs.', speaker: 'P04', date: '2026-03-04' },
      ]);
    });

    it('takes a single date line for a session date, not a diary', () => {
      const converted = transcriptToMarkdown('2026-03-02\nInterviewer: Hello.\nP03: Hi.\n', 'text', { sourceName: 'call.txt' });
      assert.equal(converted.entries, 0);
      assert.match(converted.markdown, /kind: interview/);
      assert.deepEqual(
        turnsOf(converted.markdown).map((t) => t.speaker),
        ['Interviewer', 'P03'],
      );
    });

    it('refuses a file with no words (empty, blank lines, front matter alone, captions whose cues say nothing), naming it: nothing is written', async () => {
      const { plan, result } = await importIntoEmptyStudy([
        { name: 'empty.txt', text: '' },
        { name: 'blank.txt', text: '\n  \n\t\n' },
        { name: 'front.md', text: '---\nparticipant: P01\n---\n\n' },
        { name: 'silent.vtt', text: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n00:00:03.000 --> 00:00:04.000\n<i></i>\n' },
        { name: 'p01.txt', text: 'P01: Hello.\n' },
      ]);
      assert.deepEqual(
        result.problems.map((p) => [p.path, p.severity, p.code, p.message]),
        ['empty.txt', 'blank.txt', 'front.md', 'silent.vtt'].map((name) => [name, 'error', 'import-no-words', 'This file has no words to import: it is empty, or holds only blank lines, front matter or caption timings.']),
      );
      assert.deepEqual(result.created, ['transcripts/p01.md (1 turn)']);
      assert.deepEqual(
        plan.result().edits.map((e) => e.path),
        ['transcripts/p01.md'],
      );
    });

    it('says how many paragraphs a transcript without speaker labels has, not "0 turns"', async () => {
      const { result } = await importIntoEmptyStudy([
        { name: 'notes.txt', text: 'The council rang twice.\n\nNobody came.\n\n\nThe rails went up in May.\n' },
        { name: 'one.txt', text: 'Only this.\n' },
        { name: 'two.txt', text: 'P01: Hello.\n\nInterviewer: Hi.\n' },
      ]);
      assert.deepEqual(result.problems, []);
      assert.deepEqual(result.created, ['transcripts/notes.md (3 paragraphs, no speaker labels)', 'transcripts/one.md (1 paragraph, no speaker labels)', 'transcripts/two.md (2 turns)']);
    });

    it('keeps a Markdown file as it is, adding front matter only when it has none', async () => {
      const fs = new MemoryFileSystem({ 'research.yaml': 'name: T\n', 'participants.yaml': 'participants:\n  - id: P02\n    attributes: {}\n' });
      const ws = (await loadWorkspace(fs)).workspace;
      const plan = new EditPlan(fs, ws.versions);
      const withFront = '---\nparticipant: P01\n---\n\nP01: Hello.\n';
      const result = await planTranscriptImport(
        plan,
        ws,
        [
          { name: 'a.md', text: withFront },
          { name: 'b.md', text: 'P02: Hi.\n' },
        ],
        'P02',
      );
      assert.deepEqual(result.problems, []);
      const written = new Map(plan.result().edits.map((e) => [e.path, e.kind === 'write' ? e.content : '']));
      assert.equal(written.get('transcripts/a.md'), withFront);
      assert.equal(written.get('transcripts/b.md'), '---\nparticipant: P02\nkind: interview\ntitle: b\nsource: b.md\n---\n\nP02: Hi.\n');
      assert.deepEqual(result.created, ['transcripts/a.md (1 turn)', 'transcripts/b.md (1 turn)']);
    });

    it('reads a Word file whose turns carry ISO timestamps as an interview: no fake diary entries, each turn its time', async () => {
      const paragraphs: string[] = [];
      for (let i = 0; i < 60; i++) paragraphs.push(`2021-10-30T08:${String(i).padStart(2, '0')}:00Z`, i % 2 === 0 ? `Interviewer: Question ${i}?` : `P07: Answer ${i}.`);
      paragraphs.push('2021-10-30T09:30:15Z Interviewer: Thank you: that is all.');
      const read = await transcriptFileText('call.docx', minimalDocx(paragraphs));
      assert.ok('text' in read);
      const converted = transcriptToMarkdown(read.text, 'text', { sourceName: 'call.docx' });
      assert.equal(converted.entries, 0);
      assert.match(converted.markdown, /kind: interview/);
      assert.doesNotMatch(converted.markdown, /^## /m);
      const turns = turnsOf(converted.markdown);
      assert.equal(turns.length, 61);
      assert.deepEqual(turns[0], { words: 'Question 0?', speaker: 'Interviewer', time: '08:00:00' });
      assert.deepEqual(turns[59], { words: 'Answer 59.', speaker: 'P07', time: '08:59:00' });
      assert.deepEqual(turns[60], { words: 'Thank you: that is all.', speaker: 'Interviewer', time: '09:30:15' });
    });

    it('keeps every timestamp as the source wrote it, date included: alone on its line (before the first label, between turns, at the end) or before a label', () => {
      const text =
        'Video one\n\n2021-10-30T08:45:00Z\n\nGreat video.\n\n2024-08-16T16:07:43Z\n\nAnna: I agree.\n\n2022-01-30T21:07:22Z\n\nBen: Me too.\n\n2022-02-01T10:00:00Z\n\nfrom the next page\n\n' +
        '2022-02-02T11:00:00Z Anna: Later.\n[00:12:31] Ben: Bye.\n2022-02-03T12:00:00+01:00\n';
      const converted = transcriptToMarkdown(text, 'text', { sourceName: 'comments.txt' });
      assert.equal(
        converted.markdown,
        '---\nkind: interview\ntitle: comments\nsource: comments.txt\n---\n\n' +
          'Video one\n\n2021-10-30T08:45:00Z\n\nGreat video.\n\n2024-08-16T16:07:43Z\n\nAnna: I agree.\n\n2022-01-30T21:07:22Z\n\nBen: Me too.\n\n2022-02-01T10:00:00Z\n\nfrom the next page\n\n' +
          '2022-02-02T11:00:00Z Anna: Later.\n\n[00:12:31] Ben: Bye.\n\n2022-02-03T12:00:00+01:00\n',
      );
      assert.deepEqual(turnsOf(converted.markdown), [
        { words: 'I agree.', speaker: 'Anna', time: '16:07:43' },
        { words: 'Me too.', speaker: 'Ben', time: '21:07:22' },
        // "from the next page" follows a record's date and time with no label: whoever wrote it, not Ben.
        { words: 'Later.', speaker: 'Anna', time: '11:00:00' },
        { words: 'Bye.', speaker: 'Ben', time: '00:12:31' },
      ]);
      const index = new CodePointIndex(text);
      const source = parseTranscript('comments.txt', text).turns.map(({ start, end, ...rest }) => ({ words: index.slice(start, end).trim(), ...rest }));
      assert.deepEqual(turnsOf(converted.markdown), source, 'the transcript reads as its source does');
    });

    it("ends a turn at a record's date and time alone on its line: words below it without a label are nobody's, kept as they are", () => {
      const log =
        '2021-10-30T08:45:00Z\nAnna: Hello, is anyone there?\n2021-10-30T08:46:00Z\nAnna: I will wait.\nStill here.\n2021-10-30T08:47:12Z\nSorry I am late!\nThe bus.\n2021-10-30T08:48:00Z\nBen: Hi Anna.\n2021-10-30T08:49:00Z\nBye all.\n';
      const turns = [
        { words: 'Hello, is anyone there?', speaker: 'Anna', time: '08:45:00' },
        { words: 'I will wait.\nStill here.', speaker: 'Anna', time: '08:46:00' },
        { words: 'Hi Anna.', speaker: 'Ben', time: '08:48:00' },
      ];
      assert.deepEqual(turnsOf(log, 'log.txt'), turns);
      const converted = transcriptToMarkdown(log, 'text', { sourceName: 'log.txt' });
      assert.equal(
        converted.markdown,
        '---\nkind: interview\ntitle: log\nsource: log.txt\n---\n\n' +
          '2021-10-30T08:45:00Z\n\nAnna: Hello, is anyone there?\n\n2021-10-30T08:46:00Z\n\nAnna: I will wait.\nStill here.\n\n2021-10-30T08:47:12Z\n\nSorry I am late!\nThe bus.\n\n' +
          '2021-10-30T08:48:00Z\n\nBen: Hi Anna.\n\n2021-10-30T08:49:00Z\n\nBye all.\n',
      );
      assert.equal(converted.turns, 3);
      assert.deepEqual(turnsOf(converted.markdown), turns);
    });

    it('keeps a Google Meet clock alone on its line as written, between the turns it times, and reads back as the source does', () => {
      const meet =
        'Weekly sync - Transcript\n00:00:00\n\nAlice Smith: Thanks for joining. How long did you wait?\nBob Jones: Sixteen weeks.\n00:05:12\n\nBob Jones: And nobody rang.\nAlice Smith: That must have been hard.\n00:10:00\nStill is, I imagine.\n';
      const converted = transcriptToMarkdown(meet, 'text', { sourceName: 'meet.txt' });
      assert.equal(
        converted.markdown,
        '---\nkind: interview\ntitle: meet\nsource: meet.txt\n---\n\n' +
          'Weekly sync - Transcript\n\n00:00:00\n\nAlice Smith: Thanks for joining. How long did you wait?\n\nBob Jones: Sixteen weeks.\n\n00:05:12\n\n' +
          'Bob Jones: And nobody rang.\n\nAlice Smith: That must have been hard.\n\n00:10:00\n\nStill is, I imagine.\n',
      );
      assert.equal(converted.turns, 5);
      const source = turnsOf(meet, 'meet.txt');
      assert.deepEqual(turnsOf(converted.markdown), source, 'the transcript reads as its source does');
      assert.deepEqual(source[4], { words: 'Still is, I imagine.', speaker: 'Alice Smith', time: '00:10:00' });
    });

    it("imports headers of a time and a name with the words below (Word's Transcribe, a Teams .docx, Trint) as one paragraph per turn", () => {
      const word = '00:00:03 Speaker 1\nHow long did you wait?\n\n00:00:07 Speaker 2\nSixteen weeks.\nNobody rang.\n\n00:00:15 Speaker 1\nRight.\n';
      const converted = transcriptToMarkdown(word, 'text', { sourceName: 'word.docx' });
      assert.equal(converted.markdown, '---\nkind: interview\ntitle: word\nsource: word.docx\n---\n\n[00:00:03] Speaker 1: How long did you wait?\n\n[00:00:07] Speaker 2: Sixteen weeks.\nNobody rang.\n\n[00:00:15] Speaker 1: Right.\n');
      const teams = transcriptToMarkdown('Meeting notes\n\nAlice Smith\t0:03\nHello everyone.\n\nBob Jones\t1:02:07\nHi.\n', 'text', { sourceName: 'teams.docx' });
      assert.equal(teams.markdown, '---\nkind: interview\ntitle: teams\nsource: teams.docx\n---\n\nMeeting notes\n\n[00:00:03] Alice Smith: Hello everyone.\n\n[01:02:07] Bob Jones: Hi.\n');
      assert.equal(teams.turns, 2);
    });

    it('imports an older Teams .docx transcript (a cue timing, the name alone, the words below) as one paragraph per turn, names as Teams wrote them', () => {
      const teams =
        'Weekly sync\n\n0:0:0.0 --> 0:0:3.270\nSmith, Alice\nHello everyone, thanks for coming.\n\n0:0:3.270 --> 0:0:6.120\nJones, Bob\nHi Alice.\n\n' +
        '0:0:6.120 --> 0:0:9.0\nJones, Bob\nGlad to be here.\n\n0:0:9.0 --> 0:0:11.0\nLee, Sam\nMe too.\n\n0:1:2.500 --> 0:1:5.0\nSmith, Alice\nLet us start.\nFirst, the waits.\n';
      const converted = transcriptToMarkdown(teams, 'text', { sourceName: 'sync.docx' });
      assert.equal(
        converted.markdown,
        '---\nkind: interview\ntitle: sync\nsource: sync.docx\nspeakers:\n  - Smith, Alice\n  - Jones, Bob\n  - Lee, Sam\n---\n\n' +
          'Weekly sync\n\n[00:00:00] Smith, Alice: Hello everyone, thanks for coming.\n\n[00:00:03] Jones, Bob: Hi Alice. Glad to be here.\n\n[00:00:09] Lee, Sam: Me too.\n\n[00:01:02] Smith, Alice: Let us start. First, the waits.\n',
      );
      assert.equal(converted.turns, 4);
      assert.deepEqual(converted.problems, []);
    });

    it('imports a Chinese transcript with full-width colons, one paragraph per turn, every word kept', () => {
      const converted = transcriptToMarkdown('访谈者：您等了多久？\n受访者：十六周。\n还是没有。\n访谈者：谢谢。\n', 'text', { sourceName: 'p01.txt', participant: 'P01' });
      assert.equal(converted.markdown, '---\nparticipant: P01\nkind: interview\ntitle: p01\nsource: p01.txt\n---\n\n访谈者: 您等了多久？\n\n受访者: 十六周。\n还是没有。\n\n访谈者: 谢谢。\n');
      assert.equal(converted.turns, 3);
      assert.deepEqual(converted.listedSpeakers, []);
    });

    it("imports a time written after the label as the turn's time: `[00:00:01] Interviewer: …`", () => {
      const converted = transcriptToMarkdown('Interviewer: (00:01)\nHow did it go?\n\nAnna Smith: [00:00:05] Fine.\n', 'text', { sourceName: 'rev.txt' });
      assert.equal(converted.markdown, '---\nkind: interview\ntitle: rev\nsource: rev.txt\n---\n\n[00:00:01] Interviewer: How did it go?\n\n[00:00:05] Anna Smith: Fine.\n');
    });

    it('still makes a diary of distinct dated entries, but not of a log whose dates repeat', () => {
      const diary = transcriptToMarkdown('2026-03-02\nRails fitted.\n\n2026-03-03\nFell.\n', 'text', { sourceName: 'd.txt', participant: 'P04' });
      assert.equal(diary.entries, 2);
      const log = transcriptToMarkdown('2026-03-02\nI: Hello.\n2026-03-02\nP: Hi.\n2026-03-02\nI: Bye.\n', 'text', { sourceName: 'log.txt' });
      assert.equal(log.entries, 0);
      assert.deepEqual(
        turnsOf(log.markdown).map((t) => t.speaker),
        ['I', 'P', 'I'],
      );
    });

    it('drops Otter.ai\'s "Transcribed by https://otter.ai" footer: the tool\'s words, in no turn', () => {
      const otter = 'Speaker 1  0:02\nHello there.\n\nSpeaker 2  0:05\nHi. Transcribed by hand, she said.\n\nTranscribed by https://otter.ai\n';
      const converted = transcriptToMarkdown(otter, 'text', { sourceName: 'otter.txt' });
      assert.doesNotMatch(converted.markdown, /otter\.ai/);
      assert.deepEqual(turnsOf(converted.markdown), [
        { words: 'Hello there.', speaker: 'Speaker 1', time: '00:00:02' },
        { words: 'Hi. Transcribed by hand, she said.', speaker: 'Speaker 2', time: '00:00:05' },
      ]);
    });

    it('writes every label as the source wrote it, listing in front matter those Sift would not read as names alone', () => {
      const text = 'admin-1: Hello.\nTeacher_3: Hi.\nP05 (carer): She forgets.\nmike smith: Yes.\nadmin-1: Right.\nmike smith: No.\nInt: Ok.\nInt: Bye.\n';
      const converted = transcriptToMarkdown(text, 'text', { sourceName: 'class.txt' });
      assert.deepEqual(converted.listedSpeakers, ['mike smith']);
      assert.deepEqual(
        turnsOf(converted.markdown).map((t) => `${t.speaker}|${t.words}`),
        ['admin-1|Hello.', 'Teacher_3|Hi.', 'P05 (carer)|She forgets.', 'mike smith|Yes.', 'admin-1|Right.', 'mike smith|No.', 'Int|Ok.', 'Int|Bye.'],
      );
    });

    it('keeps Zoom names as Zoom wrote them, with a comma or in lower case, and reads them back as speakers', () => {
      const zoom = '[Khan, Aisha] 00:12:31\nHello everyone.\n[jane.doe] 00:12:40\nHi there.\n[Khan, Aisha] 00:12:45\nSo: the rails.\n';
      const converted = transcriptToMarkdown(zoom, 'text', { sourceName: 'zoom.txt' });
      assert.deepEqual(converted.listedSpeakers, ['Khan, Aisha', 'jane.doe']);
      assert.deepEqual(turnsOf(converted.markdown), [
        { words: 'Hello everyone.', speaker: 'Khan, Aisha', time: '00:12:31' },
        { words: 'Hi there.', speaker: 'jane.doe', time: '00:12:40' },
        { words: 'So: the rails.', speaker: 'Khan, Aisha', time: '00:12:45' },
      ]);
    });

    it('keeps plain prose as it is', () => {
      const converted = transcriptToMarkdown('Notes from the visit.\nThe ramp was too steep.\n', 'text', { sourceName: 'notes.txt' });
      assert.match(converted.markdown, /---\n\nNotes from the visit.\nThe ramp was too steep.\n$/);
    });
  });

  describe('CSV', () => {
    it('quotes fields with commas, quotes and line breaks (RFC 4180), with CRLF rows and an optional BOM', () => {
      assert.equal(csvField('plain'), 'plain');
      assert.equal(csvField('a, b'), '"a, b"');
      assert.equal(csvField('she said "no"'), '"she said ""no"""');
      assert.equal(csvField('two\nlines'), '"two\nlines"');
      assert.equal(
        renderCsv([
          ['a', 1],
          ['b,c', 2],
        ]),
        'a,1\r\n"b,c",2\r\n',
      );
      assert.equal(renderCsv([['a']], { bom: true }), '\ufeffa\r\n');
    });

    it('guards formulas for spreadsheets only: a cell starting with = + - @ gets a leading quote', () => {
      const rows = [['=HYPERLINK("http://x","y")', '-5 minutes', '@home', 'plain', 7]];
      assert.equal(renderCsv(rows, { guardFormulas: true }), `"'=HYPERLINK(""http://x"",""y"")",'-5 minutes,'@home,plain,7\r\n`);
      assert.equal(renderCsv(rows), '"=HYPERLINK(""http://x"",""y"")",-5 minutes,@home,plain,7\r\n');
    });

    it('shows each quote as its speaker consented: verbatim, pseudonymised, or withheld', async () => {
      const ws = (await loadWorkspace(new NodeFileSystem(EXAMPLE))).workspace;
      const rows = csvRows(ws, 'wide', quotes(ws));
      const head = rows[0] as string[];
      const byParticipant = (id: string) => rows.filter((r) => r[head.indexOf('participant')] === id).map((r) => r[head.indexOf('quote_shown')]);
      const scope = (id: string) => ws.participants.find((p) => p.id === id)!.consent!.scope;
      const p11 = byParticipant('P11');
      assert.equal(scope('P11'), 'analysis-only');
      assert.ok(p11.length > 0 && p11.every((s) => s === 'withheld'), JSON.stringify(p11));
      assert.ok(rows.filter((r) => r[head.indexOf('participant')] === 'P11').every((r) => r[head.indexOf('quote')] === ''));
      const anonymised = ws.participants.filter((p) => p.consent?.scope === 'anonymised').map((p) => p.id);
      assert.ok(anonymised.length > 0);
      for (const id of anonymised)
        assert.ok(
          byParticipant(id).every((s) => s !== 'verbatim'),
          id,
        );
      assert.equal(scope('P01'), 'verbatim');
      assert.ok(byParticipant('P01').every((s) => s === 'verbatim'));
    });

    it('long: one row per highlight and tag, with participant attributes, tag path and place', async () => {
      const ws = (await loadWorkspace(new NodeFileSystem(EXAMPLE))).workspace;
      const rows = csvRows(ws, 'long', quotes(ws));
      const head = rows[0] as string[];
      const tagCount = [...ws.highlightFiles.values()].reduce((n, f) => n + f.highlights.reduce((m, h) => m + Math.max(1, h.tags.length), 0), 0);
      assert.equal(rows.length - 1, tagCount);
      const row = Object.fromEntries(head.map((h, i) => [h, rows.find((r) => r[0] === 'h-3mkc8qrs' && r[head.indexOf('tag')] === 'status-updates')![i]]));
      assert.deepEqual(
        [row.transcript, row.participant, row['age-band'], row.tag_path, row.quote, row.start, row.end, row.speaker, row.coder, row.state],
        ['transcripts/interviews/p01.md', 'P01', '65+', 'Communication > Status updates', "I'd like to know am I number three or am I number three hundred.", 1689, 1753, 'P01', 'researcher-1', 'anchored'],
      );
    });

    it('wide: one row per highlight with a 0/1 column per tag; codebook: one row per tag', async () => {
      const ws = (await loadWorkspace(new NodeFileSystem(EXAMPLE))).workspace;
      const wide = csvRows(ws, 'wide', quotes(ws));
      const head = wide[0] as string[];
      assert.equal(
        wide.length - 1,
        [...ws.highlightFiles.values()].reduce((n, f) => n + f.highlights.length, 0),
      );
      const row = wide.find((r) => r[0] === 'h-3mkc8qrs')!;
      const marked = ws.codebook.map((t) => t.id).filter((id) => row[head.indexOf(id)] === 1);
      assert.deepEqual(marked.sort(), ['know-where-i-stand', 'status-updates']);
      const codebook = csvRows(ws, 'codebook', quotes(ws));
      assert.equal(codebook.length - 1, ws.codebook.length);
      assert.deepEqual(codebook.find((r) => r[0] === 'waiting-time')!.slice(0, 4), ['waiting-time', 'Waiting time', 'service-access', 'Service access > Waiting time']);
    });
  });
});
