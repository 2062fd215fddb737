/**
 * Caption files as researchers bring them: the real test captions of a WebVTT/SRT/SBV parser
 * (read where they are, ../shared/fixtures/real/captions/), and small cases for every other
 * form (YouTube auto-captions, voices, markup, UTF-16 and Windows-1252 files). Exact cue
 * counts, exact words, and no word lost on the way to a clean transcript.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { transcriptToMarkdown } from '../../src/core/exchange/transcript-import';
import { CodePointIndex, decodeText } from '../../src/core/text';
import { parseTranscript } from '../../src/core/transcripts';
import { cleanCueLine } from '../../src/core/transcripts/captions/markup';
import { captionParagraphs } from '../../src/core/transcripts/captions/paragraphs';
import { readCaptions, type CaptionFormat } from '../../src/core/transcripts/captions/read';
import { transcriptFileText } from '../../src/node/docx';
import { realFixture, realFixtureBytes } from '../support/real-fixtures';

function realText(name: string): string {
  const decoded = decodeText(name, realFixtureBytes(`captions/${name}`));
  if (!decoded.ok) throw new Error(decoded.problem.message);
  return decoded.text;
}

const formatOf = (name: string) => name.slice(name.lastIndexOf('.') + 1) as CaptionFormat;
const cueTexts = (name: string) => readCaptions(name, realText(name), formatOf(name)).cues.map((c) => c.lines.map((l) => l.text).join(' | '));
const problemsOf = (name: string) => readCaptions(name, realText(name), formatOf(name)).problems.map((p) => `${p.line}:${p.severity}:${p.code}`);
const numbered = (...n: number[]) => n.map((k) => `Caption text #${k}`);

/** The turns Sift reads back from converted Markdown. */
function turnsOf(markdown: string) {
  const index = new CodePointIndex(markdown);
  return parseTranscript('t.md', markdown).turns.map(({ start, end, ...rest }) => ({ words: index.slice(start, end), ...rest }));
}

/** The body of converted Markdown without front matter, times and speaker labels: the words alone. */
function wordsOfMarkdown(markdown: string): string[] {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  return body
    .split('\n')
    .map((line) => line.replace(/^\[\d\d:\d\d:\d\d\] /, ''))
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);
}

describe('captions', () => {
  describe('the real test captions, read where they are', () => {
    it('reads each valid file with its exact cues and no problem', () => {
      const expected: Record<string, string[]> = {
        'captions_with_bom.vtt': numbered(1, 2, 3, 4),
        'metadata_headers.vtt': numbered(1, 2),
        'metadata_headers_multiline.vtt': numbered(1, 2),
        'one_caption.vtt': numbered(1),
        'one_caption.srt': numbered(1),
        'sample.vtt': numbered(...Array.from({ length: 16 }, (_, i) => i + 1)),
        'sample.srt': numbered(1, 2, 3, 4, 5),
        'using_identifiers.vtt': numbered(1, 2, 3, 4, 5, 6),
        'two_captions.sbv': ['Caption text #1', 'Caption text #2 (line 1) | Caption text #2 (line 2)'],
        'styles.vtt': ['- Hello world.'],
        'comments.vtt': ['- Ta en kopp varmt te. | - Det är inte varmt.', '- Har en kopp te. | - Det smakar som te.', '- Ta en kopp'],
        // A cue without text has no words to keep; the others are all there.
        'missing_caption_text.vtt': numbered(1, 3, 4, 5),
        'missing_caption_text.srt': numbered(1, 3, 4, 5),
      };
      for (const [name, cues] of Object.entries(expected)) {
        assert.deepEqual(cueTexts(name), cues, name);
        assert.deepEqual(problemsOf(name), [], name);
      }
    });

    it('gives each cue its start time, from every format', () => {
      const times = (name: string) => readCaptions(name, realText(name), formatOf(name)).cues.map((c) => c.time);
      assert.deepEqual(times('sample.srt'), ['00:00:00', '00:00:07', '00:00:11', '00:00:16', '00:00:21']);
      assert.deepEqual(times('two_captions.sbv'), ['00:00:00', '00:00:11']);
      assert.deepEqual(times('comments.vtt'), ['00:02:15', '00:02:20', '00:02:25']);
    });

    it('reads the Netflix file: 865 cues, markup and cue settings left out, every word kept', () => {
      const read = readCaptions('netflix.vtt', realText('netflix_chicas_del_cable.vtt'), 'vtt');
      assert.equal(read.cues.length, 865);
      assert.deepEqual(read.problems, []);
      const texts = read.cues.map((c) => c.lines.map((l) => l.text).join(' | '));
      assert.equal(texts[0], '[Alba] En 1928,');
      assert.equal(texts[1], 'las mujeres éramos | algo así como adornos');
      assert.equal(texts[864], 'Alba.');
      assert.equal(read.cues[864]!.time, '00:52:27');
      assert.ok(
        texts.every((t) => !/<\/?i>|position:|-->/.test(t)),
        'no markup or settings left',
      );
      // The file's words, markup removed, are exactly the cues' words.
      const raw = realText('netflix_chicas_del_cable.vtt')
        .split('\n')
        .filter((l) => !/^(WEBVTT|NOTE|\d+$)|-->/.test(l))
        .join(' ');
      assert.deepEqual(
        texts.join(' ').replace(/ \| /g, ' ').split(/\s+/),
        raw
          .replace(/<\/?i>/g, '')
          .split(/\s+/)
          .filter(Boolean),
      );
    });

    it('reads broken files leniently where no words can be lost, saying where', () => {
      // No WEBVTT header: the cues are read, and the file is named as one players may refuse.
      assert.deepEqual(cueTexts('invalid.vtt'), numbered(1, 2, 3, 4, 5, 6, 7));
      assert.deepEqual(problemsOf('invalid.vtt'), ['1:warning:caption-vtt-header']);
      // A block without a timing line keeps its words, without a time.
      for (const name of ['missing_timeframe.vtt', 'missing_timeframe.srt', 'missing_timeframe.sbv']) {
        const read = readCaptions(name, realText(name), formatOf(name));
        assert.deepEqual(read.cues[1], { line: name.endsWith('.srt') ? 6 : name.endsWith('.sbv') ? 4 : 6, lines: [{ text: 'Caption text #2' }] }, name);
      }
      assert.deepEqual(cueTexts('missing_timeframe.srt'), numbered(1, 2, 3, 4, 5));
      assert.deepEqual(problemsOf('missing_timeframe.srt'), ['5:warning:caption-no-timing']);
      assert.deepEqual(problemsOf('missing_timeframe.vtt'), ['6:warning:caption-no-timing']);
      // A time that cannot be read leaves its cue without a time, words kept.
      assert.deepEqual(cueTexts('invalid_timeframe.vtt'), numbered(1, 2, 3, 4, 5, 6, 7));
      assert.deepEqual(problemsOf('invalid_timeframe.vtt'), ['6:warning:vtt-timing']);
      const sbv = readCaptions('x.sbv', realText('invalid_timeframe.sbv'), 'sbv');
      assert.deepEqual(
        sbv.cues.map((c) => c.time),
        ['00:00:00', '00:00:11', undefined, '00:00:15', '00:00:17'],
      );
      assert.deepEqual(
        sbv.problems.map((p) => `${p.line}:${p.column}:${p.code}`),
        ['7:1:sbv-timing', '13:13:sbv-timing'],
      );
      assert.match(sbv.problems[0]!.message, /"0:00:13\.f89" is not a time/);
      assert.match(sbv.problems[1]!.message, /ends \(00:00:16\) before it starts \(00:00:17\)/);
      // SRT's comma written as a point is read as the time it means.
      assert.deepEqual(cueTexts('invalid_timeframe.srt'), numbered(1, 2, 3, 4, 5));
      // A timing line inside a cue's text starts a new cue (the WebVTT parsing rules).
      assert.deepEqual(cueTexts('invalid_timeframe_in_cue_text.vtt'), numbered(1, 2, 3));
    });

    it('refuses files it cannot read faithfully, with the line and what is wrong', () => {
      for (const name of ['empty.vtt', 'no_captions.vtt', 'invalid_format.sbv', 'invalid_format1.srt', 'invalid_format2.srt', 'invalid_format3.srt']) {
        const read = readCaptions(name, realText(name), formatOf(name));
        assert.deepEqual(
          read.problems.map((p) => `${p.line}:${p.severity}:${p.code}`),
          ['1:error:caption-no-cues'],
          name,
        );
        assert.match(read.problems[0]!.message, /has no cues: no line gives a cue's time/, name);
      }
      const numberless = readCaptions('invalid_format4.srt', realText('invalid_format4.srt'), 'srt');
      assert.deepEqual(
        numberless.problems.map((p) => `${p.line}:${p.severity}:${p.code}`),
        ['1:error:caption-cue-number'],
      );
      assert.match(numberless.problems[0]!.message, /^"some text" stands where an SRT cue number/);
    });

    it('turns every real caption that has cues into Markdown holding exactly its words', () => {
      const dir = realFixture('captions');
      const files = readdirSync(dir).filter((f) => /\.(vtt|srt|sbv)$/.test(f));
      assert.equal(files.length, 31);
      let converted = 0;
      for (const name of files) {
        const read = readCaptions(name, realText(name), formatOf(name));
        if (read.problems.some((p) => p.severity === 'error')) continue;
        const markdown = transcriptToMarkdown(realText(name), formatOf(name), { sourceName: name }).markdown;
        const words = read.cues.flatMap((c) => c.lines.flatMap((l) => l.text.split(/\s+/)));
        assert.deepEqual(wordsOfMarkdown(markdown), words, name);
        converted++;
      }
      assert.equal(converted, 24);
    });
  });

  describe('markup', () => {
    it('leaves WebVTT tags, karaoke timestamps and references out of the words', () => {
      assert.deepEqual(cleanCueLine('<c.colorE5E5E5>we</c><00:17.500><c> waited</c> <i>sixteen</i> <b>weeks</b> <u>for</u> <lang en-GB>rails</lang>'), { text: 'we waited sixteen weeks for rails' });
      assert.deepEqual(cleanCueLine('Tom &amp; Jerry &lt;3&gt; &nbsp;caf&#233; &#x2019;n&apos; &copy;'), { text: "Tom & Jerry <3> café ’n' &copy;" });
      assert.deepEqual(cleanCueLine('<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby>です'), { text: '漢字です' });
      assert.deepEqual(cleanCueLine('<v.loud Grace Adeyemi>No!</v>'), { voice: 'Grace Adeyemi', text: 'No!' });
      assert.deepEqual(cleanCueLine('<v P05>Yes, I can see it.</v>'), { voice: 'P05', text: 'Yes, I can see it.' });
    });

    it('leaves SRT font tags and positioning overrides out, but keeps brackets that are words', () => {
      assert.deepEqual(cleanCueLine('{\\an8}<font color="#ffff00">P07:</font> <i>I waited.</i>'), { text: 'P07: I waited.' });
      assert.deepEqual(cleanCueLine('<laughs> a < b, and <unclear> so'), { text: '<laughs> a < b, and <unclear> so' });
    });
  });

  describe('to a clean transcript', () => {
    const vttOf = (cues: string[]) => `WEBVTT\n\n${cues.join('\n\n')}\n`;

    it("merges one speaker's cues into a turn, and gives each turn its speaker and time", () => {
      const vtt = vttOf([
        '1\n00:00:01.000 --> 00:00:07.000\n<v Interviewer>Okay, recording.</v>',
        '2\n00:00:08.367 --> 00:00:12.767\n<v P05>Yes, I can see it.</v>',
        '3\n00:00:12.800 --> 00:00:15.000\n<v P05>Very official.</v>',
        '4\n00:00:16.000 --> 00:00:18.000\n<v Interviewer>Thanks.</v>',
      ]);
      const md = transcriptToMarkdown(vtt, 'vtt', { sourceName: 'p05.vtt', participant: 'P05', original: 'originals/p05.vtt' }).markdown;
      assert.equal(
        md,
        '---\nparticipant: P05\nkind: interview\ntitle: p05\nsource: originals/p05.vtt\n---\n\n[00:00:01] Interviewer: Okay, recording.\n\n[00:00:08] P05: Yes, I can see it. Very official.\n\n[00:00:16] Interviewer: Thanks.\n',
      );
      assert.deepEqual(turnsOf(md), [
        { words: 'Okay, recording.', speaker: 'Interviewer', time: '00:00:01' },
        { words: 'Yes, I can see it. Very official.', speaker: 'P05', time: '00:00:08' },
        { words: 'Thanks.', speaker: 'Interviewer', time: '00:00:16' },
      ]);
    });

    it('takes `Name:` at the start of a cue as its speaker; a cue naming nobody continues the speaker before', () => {
      const srt =
        '1\n00:00:01,000 --> 00:00:04,000\nP07: I waited sixteen weeks\nfor the grab rails.\n\n2\n00:00:04,500 --> 00:00:06,000\nNobody rang.\n\n3\n00:00:07,000 --> 00:00:08,000\nInterviewer: Sixteen?\n\n4\n00:00:09,000 --> 00:00:10,000\nP07: Sixteen.\n';
      assert.deepEqual(turnsOf(transcriptToMarkdown(srt, 'srt', { sourceName: 'p07.srt' }).markdown), [
        { words: 'I waited sixteen weeks for the grab rails. Nobody rang.', speaker: 'P07', time: '00:00:01' },
        { words: 'Sixteen?', speaker: 'Interviewer', time: '00:00:07' },
        { words: 'Sixteen.', speaker: 'P07', time: '00:00:09' },
      ]);
    });

    it('carries on only a name that recurs: a name seen once may be words, and is never repeated as a label', () => {
      const cues = [
        { line: 1, time: '00:27:33', lines: [{ text: 'Digo: "Le doy un abrazo".' }] },
        { line: 4, time: '00:27:35', lines: [{ text: '¿Qué, mi amor?' }] },
        { line: 7, time: '00:27:40', lines: [{ text: 'Vámonos.' }] },
      ];
      assert.deepEqual(captionParagraphs(cues, { rolling: false }), [
        { time: '00:27:33', speaker: 'Digo', text: '"Le doy un abrazo".' },
        { time: '00:27:35', text: '¿Qué, mi amor? Vámonos.' },
      ]);
    });

    it("breaks a long turn at a sentence after a minute, so a highlight's time stays near its words", () => {
      const cues = Array.from({ length: 8 }, (_, i) => ({ line: i + 1, time: `00:0${Math.floor((i * 15) / 60)}:${String((i * 15) % 60).padStart(2, '0')}`, lines: [{ voice: 'P05', text: `Part ${i}.` }] }));
      assert.deepEqual(captionParagraphs(cues, { rolling: false }), [
        { time: '00:00:00', speaker: 'P05', text: 'Part 0. Part 1. Part 2. Part 3.' },
        { time: '00:01:00', speaker: 'P05', text: 'Part 4. Part 5. Part 6. Part 7.' },
      ]);
    });

    it("keeps captions without speakers readable, one paragraph per passage, each paragraph's time the time its highlights take (sample.sbv)", () => {
      // Five cues in 17 seconds, no speaker named: one passage, read as one, timed at its first cue.
      const md = transcriptToMarkdown(realText('sample.sbv'), 'sbv', { sourceName: 'sample.sbv' }).markdown;
      assert.equal(md.slice(md.indexOf('---\n\n') + 5), '[00:00:00] Caption text #1 Caption text #2 Caption text #3 (line 1) Caption text #3 (line 2) Caption text #4 Caption text #5\n');
      assert.deepEqual(turnsOf(md), [{ words: 'Caption text #1 Caption text #2 Caption text #3 (line 1) Caption text #3 (line 2) Caption text #4 Caption text #5', time: '00:00:00' }]);
      // A longer passage breaks at a sentence after a minute; each paragraph keeps its own time.
      const cues = Array.from({ length: 6 }, (_, i) => `00:00:${String(i * 15).padStart(2, '0')}.000 --> 00:00:${String(i * 15 + 10).padStart(2, '0')}.000\nPart ${i}.`);
      const long = transcriptToMarkdown(vttOf(cues.map((c) => c.replace(/^00:00:(\d\d)/, (_, s: string) => (Number(s) >= 60 ? `00:01:${String(Number(s) - 60).padStart(2, '0')}` : `00:00:${s}`)))), 'vtt', { sourceName: 'x.vtt' }).markdown;
      assert.deepEqual(turnsOf(long), [
        { words: 'Part 0. Part 1. Part 2. Part 3.', time: '00:00:00' },
        { words: 'Part 4. Part 5.', time: '00:01:00' },
      ]);
    });

    it('shows the rolling lines of YouTube auto-captions once, without losing a word', () => {
      const youtube = vttOf([
        'Kind: captions\nLanguage: en',
        '00:00:00.000 --> 00:00:02.350 align:start position:0%\n \nso<00:00:00.480><c> I</c><00:00:00.880><c> waited</c><00:00:01.120><c> sixteen</c>',
        '00:00:02.350 --> 00:00:02.360 align:start position:0%\nso I waited sixteen\n ',
        '00:00:02.360 --> 00:00:05.000 align:start position:0%\nso I waited sixteen\nweeks<00:00:02.800><c> for</c><00:00:03.000><c> the</c><00:00:03.400><c> rails</c>',
        '00:00:05.000 --> 00:00:05.010 align:start position:0%\nweeks for the rails\n ',
        '00:00:05.010 --> 00:00:07.000 align:start position:0%\nweeks for the rails\nno<00:00:05.500><c> no</c><00:00:06.000><c> no</c>',
      ]).replace('WEBVTT\n\nKind', 'WEBVTT\nKind');
      const md = transcriptToMarkdown(youtube, 'vtt', { sourceName: 'yt.en.vtt' }).markdown;
      assert.equal(md.slice(md.indexOf('---\n\n') + 5), '[00:00:00] so I waited sixteen weeks for the rails no no no\n');
    });

    it('keeps a repeated line when the captions are not auto-generated: two cues of "No." may be two people', () => {
      const md = transcriptToMarkdown(vttOf(['00:00:01.000 --> 00:00:02.000\nNo.', '00:00:02.000 --> 00:00:03.000\nNo.']), 'vtt', { sourceName: 'x.vtt' }).markdown;
      assert.match(md, /\[00:00:01\] No\. No\.\n$/);
    });

    it('leaves NOTE, STYLE and REGION blocks, header metadata, identifiers and cue settings out', () => {
      const vtt = 'WEBVTT - a film\nKind: captions\n\nREGION\nid:fred width:40%\n\nSTYLE\n::cue { color: red }\n\nNOTE a comment\nthat runs on\n\nintro\n00:00:01.000 --> 00:00:02.000 region:fred align:left\n<v Ana>Hello.\n';
      const read = readCaptions('x.vtt', vtt, 'vtt');
      assert.deepEqual(read.cues, [{ line: 15, time: '00:00:01', lines: [{ voice: 'Ana', text: 'Hello.' }] }]);
      assert.deepEqual(read.problems, []);
    });

    it('reads SBV captions, as YouTube Studio exports them', () => {
      const md = transcriptToMarkdown('0:00:01.000,0:00:03.000\nP07: Hello.\n\n0:00:03.500,0:00:05.000\nInterviewer: Hi &amp; welcome.\n', 'sbv', { sourceName: 'call.sbv' }).markdown;
      assert.deepEqual(turnsOf(md), [
        { words: 'Hello.', speaker: 'P07', time: '00:00:01' },
        { words: 'Hi & welcome.', speaker: 'Interviewer', time: '00:00:03' },
      ]);
    });
  });

  describe('the example study', () => {
    const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'home-adaptations');

    it('holds its calls as the clean transcripts an import makes of the captions kept in originals/ (only the titles written by hand)', () => {
      for (const [name, participant] of [
        ['p05.vtt', 'P05'],
        ['p06.srt', 'P06'],
      ] as const) {
        const original = `originals/calls/${name}`;
        const transcript = readFileSync(path.join(EXAMPLE, 'transcripts', 'calls', name.replace(/\.\w+$/, '.md')), 'utf8');
        const made = transcriptToMarkdown(readFileSync(path.join(EXAMPLE, original), 'utf8'), formatOf(name), { sourceName: name, participant, original }).markdown;
        assert.equal(transcript.replace(/^title: .*$/m, ''), made.replace(/^title: .*$/m, ''), name);
        assert.ok(!/-->|<\/?v|^\d+$/m.test(transcript), `${name}: no cue numbers, timings or voice tags`);
      }
    });
  });

  describe('robustness', () => {
    const fragments = [
      'WEBVTT',
      'NOTE x',
      'STYLE',
      'REGION',
      'Kind: captions',
      '1',
      '12',
      '00:00:01.000 --> 00:00:02.000',
      '00:01.000 --> 00:0x',
      '-->',
      '0:00:01.000,0:00:02.000',
      '0:0f:01.000,0:00:02.000',
      '00:00:01,000 --> 00:00:04,000 align:start',
      '<v Anna>hi</v>',
      '<v.loud Bob>',
      '</v>',
      '<c.color>x</c>',
      '<00:00:01.500>',
      '<i>',
      '&amp;',
      '&#0;',
      '&#xD800;',
      '{\\an8}',
      'P07: yes',
      '- dash',
      '---',
      '# Title',
      '## 2026-13-45 x',
      '## 2026-03-02',
      ' ',
      '\t',
      '😀',
      '<',
      '&',
    ];
    const text = fc
      .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 })), { maxLength: 30 })
      .chain((parts) => fc.array(fc.constantFrom('\n', '\n\n', ' ', ''), { minLength: parts.length, maxLength: parts.length }).map((seps) => parts.map((p, i) => p + seps[i]).join('')));

    it('never throws; every cue has words, and the Markdown made from them parses back with no problem', () => {
      fc.assert(
        fc.property(fc.constantFrom<CaptionFormat>('vtt', 'srt', 'sbv'), text, (format, t) => {
          const read = readCaptions(`x.${format}`, t, format);
          assert.ok(read.cues.every((c) => c.lines.length > 0 && c.lines.every((l) => l.text !== '' && l.text === l.text.trim())));
          if (read.problems.some((p) => p.severity === 'error')) return;
          const md = transcriptToMarkdown(t, format, { sourceName: `x.${format}` }).markdown;
          assert.deepEqual(parseTranscript('x.md', md).problems, []);
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('encodings', () => {
    const caption = 'WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v Zoë>“Sixteen weeks” — 🙂\r\n';
    const utf16le = (s: string) => new Uint8Array([0xff, 0xfe, ...Buffer.from(s, 'utf16le')]);
    const utf16be = (s: string) => new Uint8Array([0xfe, 0xff, ...Buffer.from(s, 'utf16le').swap16()]);

    it('decodes UTF-16 LE and BE files with a byte-order mark, BOM dropped and lines as \\n', () => {
      const expected = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Zoë>“Sixteen weeks” — 🙂\n';
      assert.deepEqual(decodeText('x.vtt', utf16le(caption)), { ok: true, text: expected });
      assert.deepEqual(decodeText('x.vtt', utf16be(caption)), { ok: true, text: expected });
    });

    it('names UTF-16 without a byte-order mark rather than calling it binary', () => {
      for (const [bytes, name] of [
        [utf16le(caption).subarray(2), 'UTF-16 LE'],
        [utf16be(caption).subarray(2), 'UTF-16 BE'],
      ] as const) {
        const d = decodeText('x.vtt', bytes);
        assert.ok(!d.ok);
        assert.equal(d.problem.code, 'not-utf8');
        assert.match(d.problem.message, new RegExp(`^This file looks like ${name} text without a byte-order mark.*Reopen with Encoding › ${name}`));
      }
      // Binary is still binary.
      const binary = decodeText('x.vtt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
      assert.ok(!binary.ok && binary.problem.code === 'binary-file');
    });

    it('refuses a file cut inside a UTF-16 character, saying so', () => {
      const cut = utf16le('ab').subarray(0, 5);
      const d = decodeText('x.srt', cut);
      assert.ok(!d.ok && d.problem.code === 'not-utf16' && /UTF-16 LE byte-order mark/.test(d.problem.message));
    });

    it('names Windows-1252 text and how to convert it; the import converts it, with a note', async () => {
      // “Yes,” she said – café (curly quotes and a dash are 0x93 0x94 0x96 in Windows-1252).
      const bytes = new Uint8Array([...Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nP07: '), 0x93, ...Buffer.from('Yes,'), 0x94, ...Buffer.from(' she said '), 0x96, ...Buffer.from(' caf'), 0xe9, 0x0a]);
      const d = decodeText('p07.srt', bytes);
      assert.ok(!d.ok);
      assert.deepEqual([d.problem.code, d.problem.line, d.problem.column], ['not-utf8', 3, 6]);
      assert.match(d.problem.message, /read as Windows-1252 .*“Yes,” she said – café.*Save with Encoding › UTF-8.*sift import transcript/s);
      const imported = await transcriptFileText('p07.srt', bytes);
      assert.ok('text' in imported);
      assert.equal(imported.text, '1\n00:00:01,000 --> 00:00:02,000\nP07: “Yes,” she said – café\n');
      assert.match(imported.note!, /Windows-1252/);
      assert.deepEqual(turnsOf(transcriptToMarkdown(imported.text, 'srt', { sourceName: 'p07.srt' }).markdown), [{ words: '“Yes,” she said – café', speaker: 'P07', time: '00:00:01' }]);
    });

    it('imports UTF-16 without a byte-order mark as UTF-16, LE or BE, with a note: never as Windows-1252 with a NUL in every other byte', async () => {
      for (const [bytes, name] of [
        [utf16le(caption).subarray(2), 'UTF-16 LE'],
        [utf16be(caption).subarray(2), 'UTF-16 BE'],
      ] as const) {
        const imported = await transcriptFileText('x.vtt', bytes);
        assert.ok('text' in imported, name);
        assert.equal(imported.text, 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Zoë>“Sixteen weeks” — 🙂\n');
        assert.equal(imported.note, `read as ${name} (it has no byte-order mark) and written as UTF-8; check that its words came out right.`);
        assert.deepEqual(turnsOf(transcriptToMarkdown(imported.text, 'vtt', { sourceName: 'x.vtt' }).markdown), [{ words: '“Sixteen weeks” — 🙂', speaker: 'Zoë', time: '00:00:01' }]);
      }
      const text = await transcriptFileText('notes.txt', new Uint8Array(Buffer.from('Interviewer: Hello?\nP1: Fine.\n', 'utf16le')));
      assert.ok('text' in text);
      assert.equal(text.text, 'Interviewer: Hello?\nP1: Fine.\n');
    });

    it('imports UTF-16 captions like any other', async () => {
      const imported = await transcriptFileText('x.vtt', utf16be(caption));
      assert.ok('text' in imported && imported.note === undefined);
      assert.deepEqual(turnsOf(transcriptToMarkdown(imported.text, 'vtt', { sourceName: 'x.vtt' }).markdown), [{ words: '“Sixteen weeks” — 🙂', speaker: 'Zoë', time: '00:00:01' }]);
    });
  });
});
