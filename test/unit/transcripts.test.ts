/**
 * Transcript parsing (src/core/transcripts): speakers, media times and diary dates for
 * every format, code-point offsets over the whole file, problems instead of exceptions,
 * and linear time on hostile input.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import type { Turn } from '../../src/core/model';
import { CodePointIndex, normalizeText } from '../../src/core/text';
import { parseTranscript, transcriptFormatOf, turnAt, type ParsedTranscript } from '../../src/core/transcripts';
import { cpuMs } from '../support/cpu-time';

/** Each turn as the words it covers plus its attributes: what a researcher would check. */
function readTurns(text: string, parsed: ParsedTranscript): { words: string; speaker?: string; time?: string; date?: string }[] {
  const index = new CodePointIndex(text);
  return parsed.turns.map(({ start, end, ...attributes }) => ({ words: index.slice(start, end), ...attributes }));
}

function turnsOf(path: string, text: string) {
  return readTurns(text, parseTranscript(path, text));
}

function problemsOf(path: string, text: string): string[] {
  return parseTranscript(path, text).problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.code}`);
}

describe('transcripts', () => {
  describe('transcriptFormatOf', () => {
    it('tells the format by the extension, in any case', () => {
      assert.equal(transcriptFormatOf('transcripts/p07.md'), 'markdown');
      assert.equal(transcriptFormatOf('transcripts/p07.MARKDOWN'), 'markdown');
      assert.equal(transcriptFormatOf('transcripts/otter.txt'), 'text');
      assert.equal(transcriptFormatOf('zoom/call.VTT'), 'vtt');
      assert.equal(transcriptFormatOf('subs/p07.srt'), 'srt');
    });

    it('knows nothing of other files, dot files or folders with dots', () => {
      assert.equal(transcriptFormatOf('notes.docx'), undefined);
      assert.equal(transcriptFormatOf('transcripts/.md'), undefined);
      assert.equal(transcriptFormatOf('v1.md/readme'), undefined);
      assert.equal(transcriptFormatOf('research.yaml'), undefined);
    });
  });

  describe('markdown', () => {
    it('reads speaker labels in their plain and bold forms; a turn starts after the label', () => {
      const text = ['# Interview', '', 'Interviewer: How long did you wait?', '**P07:** Sixteen weeks.', '**Dr. Khan**: And then?', "Zoë O'Neil: Nobody rang."].join('\n');
      assert.deepEqual(turnsOf('p07.md', text), [
        { words: 'How long did you wait?', speaker: 'Interviewer' },
        { words: 'Sixteen weeks.', speaker: 'P07' },
        { words: 'And then?', speaker: 'Dr. Khan' },
        { words: 'Nobody rang.', speaker: "Zoë O'Neil" },
      ]);
    });

    it('continues a turn over following lines and paragraphs until the next speaker line', () => {
      const text = 'P07: I waited sixteen weeks\nfor the grab rails.\n\nNobody rang to say why.\n\nInterviewer:\nWhy not?\n';
      assert.deepEqual(turnsOf('p07.md', text), [
        { words: 'I waited sixteen weeks\nfor the grab rails.\n\nNobody rang to say why.', speaker: 'P07' },
        { words: 'Why not?', speaker: 'Interviewer' },
      ]);
    });

    it('does not take a sentence with a colon, or a note, for a speaker label', () => {
      const text = [
        'P07: The OT came round.',
        'I said to her: no, not the bathroom.',
        'Then she said: fine.',
        'Note: the recorder stopped here.',
        'Morning: the van came.',
        'http://example.org: a link',
        '10: a numbered point',
        'The council officer from the adaptations team was here: twice.',
      ].join('\n');
      const turns = turnsOf('p07.md', text);
      assert.equal(turns.length, 1);
      assert.equal(turns[0]!.speaker, 'P07');
      assert.ok(turns[0]!.words.endsWith('here: twice.'));
    });

    it('accepts role words in lower case, P-numbers, name particles and caseless scripts', () => {
      const text = 'interviewer: one\np12: two\nAnna van der Berg: three\n王芳: four\nSpeaker 2: five';
      assert.deepEqual(
        turnsOf('x.md', text).map((t) => t.speaker),
        ['interviewer', 'p12', 'Anna van der Berg', '王芳', 'Speaker 2'],
      );
    });

    it('rejects labels longer than four words or forty characters', () => {
      const text = 'P01: start\nOne Two Three Four Five: no\nAbcdefghijklmnopqrstu Abcdefghijklmnopqrstu: no';
      assert.equal(turnsOf('x.md', text).length, 1);
    });

    it('reads timestamps before the label and between the name and the colon, as HH:MM:SS', () => {
      const text = ['[00:12:31] P07: one', '(12:31) **Interviewer:** two', '1:02:03 P07: three', '00:00:05.250 - P07: four', 'Speaker 1 (0:07): five', 'P07 [01:00:00]: six'].join('\n');
      assert.deepEqual(
        turnsOf('x.md', text).map((t) => [t.words, t.time]),
        [
          ['one', '00:12:31'],
          ['two', '00:12:31'],
          ['three', '01:02:03'],
          ['four', '00:00:05'],
          ['five', '00:00:07'],
          ['six', '01:00:00'],
        ],
      );
    });

    it('ends a turn at a heading or a rule; text before the first speaker is no turn', () => {
      const text = '# Session 1\nNotes about the visit.\n\nP07: hello\n## Part two\nNot speech.\n\nP07: again\n---\nAfter a rule.';
      assert.deepEqual(turnsOf('x.md', text), [
        { words: 'hello', speaker: 'P07' },
        { words: 'again', speaker: 'P07' },
      ]);
    });

    it('gives turns under a date heading that date, until a sibling or parent heading', () => {
      const text = ['# Diary', '## 2026-03-02 — after the fitting', 'P07: one', '### Evening', 'P07: two', '## Reflections', 'P07: three', '## 2026-03-09', 'P07: four'].join('\n');
      assert.deepEqual(
        turnsOf('x.md', text).map((t) => [t.words, t.date]),
        [
          ['one', '2026-03-02'],
          ['two', '2026-03-02'],
          ['three', undefined],
          ['four', '2026-03-09'],
        ],
      );
    });

    it('does not take a heading with a number or an impossible date for a date', () => {
      const text = '## 2026-02-30\nP01: a\n## 2026-03-021\nP01: b\n## 20260302\nP01: c';
      assert.ok(turnsOf('x.md', text).every((t) => t.date === undefined));
    });

    it('reads an unlabelled diary: the text under each date heading is one turn by the sole participant', () => {
      const text = [
        '---',
        'participant: P03',
        'kind: diary',
        'date: 2026-03-01',
        '---',
        'Started the diary today.',
        '',
        '## 2026-03-02',
        'Took the bus. It was late.',
        '',
        'Still no call from the council.',
        '',
        '## 2026-03-03',
        'Rang them.',
      ].join('\n');
      assert.deepEqual(turnsOf('diary.md', text), [
        { words: 'Started the diary today.', speaker: 'P03', date: '2026-03-01' },
        { words: 'Took the bus. It was late.\n\nStill no call from the council.', speaker: 'P03', date: '2026-03-02' },
        { words: 'Rang them.', speaker: 'P03', date: '2026-03-03' },
      ]);
    });

    it('leaves unlabelled diary text without a speaker when the diary has several participants', () => {
      const text = '---\nkind: diary\nparticipants: [P03, P04]\n---\n## 2026-03-02\nWe both went.';
      assert.deepEqual(turnsOf('x.md', text), [{ words: 'We both went.', date: '2026-03-02' }]);
    });

    it('takes the sole participant as the author of dated text when no kind is declared', () => {
      const text = '---\nparticipant: P05\n---\n# My diary\nIntro, not an entry.\n## 2026-03-02\nRang the council.';
      assert.deepEqual(turnsOf('x.md', text), [{ words: 'Rang the council.', speaker: 'P05', date: '2026-03-02' }]);
    });

    it("gives an interview's dated text no speaker: the participant did not write it", () => {
      const text = '---\nparticipant: P05\nkind: interview\n---\n## 2026-03-02\nObserved at home.';
      assert.deepEqual(turnsOf('x.md', text), [{ words: 'Observed at home.', date: '2026-03-02' }]);
    });

    it('reads Otter.ai headers pasted into Markdown notes too', () => {
      const text = '---\ntitle: pasted\n---\nSpeaker 1  0:03\nHello.\n\nP07  0:09\nHi.';
      assert.deepEqual(turnsOf('x.md', text), [
        { words: 'Hello.', speaker: 'Speaker 1', time: '00:00:03' },
        { words: 'Hi.', speaker: 'P07', time: '00:00:09' },
      ]);
    });

    it('reads the known front-matter keys, and keeps other single values as fields of the kind', () => {
      const text = '---\nparticipant: P07\nparticipants: [P07, P08]\ndate: "2026-03-02"\nkind: focus-group\ntitle: Group A\ninterviewer: R1\nnotes: [a, b]\nsource: originals/a.vtt\nmedia: a.m4a\n---\nP07: hi';
      const parsed = parseTranscript('x.md', text);
      assert.deepEqual(parsed.meta, { participant: 'P07', participants: ['P07', 'P08'], date: '2026-03-02', kind: 'focus-group', title: 'Group A', source: 'originals/a.vtt', media: 'a.m4a', fields: { interviewer: 'R1' } });
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.format, 'markdown');
    });

    it('counts turn offsets from the first character of the file, front matter included', () => {
      const text = '---\ntitle: t\n---\nP07: hi';
      assert.deepEqual(parseTranscript('x.md', text).turns, [{ start: 22, end: 24, speaker: 'P07' }]);
    });

    it('reports bad front-matter values on their own line and drops them; the kind is kept as written, for the study to check', () => {
      const text = ['---', 'participant: 7', 'kind: podcast', 'date: 2026-02-30', 'participants: [P01, {id: P02}]', 'title: [a, b]', '---', 'P01: hi'].join('\n');
      const parsed = parseTranscript('x.md', text);
      assert.deepEqual(parsed.meta, { participants: ['P01'], kind: 'podcast' });
      assert.deepEqual([parsed.places.kind?.line, parsed.places.kind?.column], [3, 7]);
      assert.deepEqual(
        parsed.problems.map((p) => `${p.line} ${p.severity} ${p.code}`),
        ['2 warning front-matter-value', '4 warning front-matter-date', '5 warning front-matter-value', '6 warning front-matter-value'],
      );
      assert.match(parsed.problems[0]!.message, /quotes/);
      assert.equal(parsed.turns.length, 1);
    });

    it('reports front-matter YAML syntax errors with the file line, and still reads the turns', () => {
      const text = '---\ntitle: ok\nkind: [diary\n---\nP07: hi';
      const parsed = parseTranscript('x.md', text);
      assert.ok(parsed.problems.length > 0);
      assert.ok(
        parsed.problems.every((p) => p.code.startsWith('yaml-') && p.line >= 3 && p.line <= 4),
        JSON.stringify(parsed.problems),
      );
      assert.deepEqual(parsed.meta, {});
      assert.deepEqual(readTurns(text, parsed), [{ words: 'hi', speaker: 'P07' }]);
    });

    it('reads an unclosed front matter as text, with a warning', () => {
      const text = '---\nP07: hi';
      assert.deepEqual(problemsOf('x.md', text), ['1:1 warning front-matter-unclosed']);
      assert.deepEqual(turnsOf('x.md', text), [{ words: 'hi', speaker: 'P07' }]);
    });
  });

  describe('code-point offsets', () => {
    it('counts an emoji as one, whatever its UTF-16 length', () => {
      const text = '😀🎉 intro\nP07: hi';
      // 2 emoji + " intro" (6) + "\n" (1) + "P07: " (5) = 14
      assert.deepEqual(parseTranscript('x.txt', text).turns, [{ start: 14, end: 16, speaker: 'P07' }]);
    });

    it('counts a precomposed accent as one and a combining accent as two', () => {
      const precomposed = 'Zoë: été';
      const combining = 'Zoe\u0308: e\u0301te\u0301';
      assert.deepEqual(parseTranscript('x.txt', precomposed).turns, [{ start: 5, end: 8, speaker: 'Zoë' }]);
      assert.deepEqual(parseTranscript('x.txt', combining).turns, [{ start: 6, end: 11, speaker: 'Zoe\u0308' }]);
    });

    it('places turns after emoji in every format', () => {
      const cases: [string, string][] = [
        ['x.md', '---\ntitle: 🏠 home\n---\nP07: 🛁 bath'],
        ['x.txt', '🏠\nP07: 🛁 bath'],
        ['x.vtt', 'WEBVTT 🏠\n\n00:01.000 --> 00:02.000\n<v P07>🛁 bath</v>'],
        ['x.srt', '1\n00:00:01,000 --> 00:00:02,000\n🏠 P07 🏠\n\n2\n00:00:03,000 --> 00:00:04,000\nP07: 🛁 bath'],
      ];
      for (const [path, text] of cases) {
        const turns = turnsOf(path, text);
        assert.deepEqual(turns[turns.length - 1], { words: '🛁 bath', speaker: 'P07', ...(path.endsWith('.md') || path.endsWith('.txt') ? {} : { time: path.endsWith('.vtt') ? '00:00:01' : '00:00:03' }) }, path);
      }
    });
  });

  describe('plain text', () => {
    it('reads speaker lines as in Markdown, but has no headings or front matter', () => {
      const text = '---\nkind: diary\n---\n# not a heading\nP07: hi\n# still P07';
      const parsed = parseTranscript('x.txt', text);
      assert.deepEqual(parsed.meta, {});
      assert.deepEqual(readTurns(text, parsed), [{ words: 'hi\n# still P07', speaker: 'P07' }]);
    });

    it('reads Otter.ai exports: name, two spaces and a time above the speech', () => {
      const text = 'Speaker 1  0:03\nSo tell me about the rails.\n\nAnna Smith  1:02:03\nSixteen weeks.\nNobody rang.\n\nunknown speaker  12:07\nhm\n';
      assert.deepEqual(turnsOf('otter.txt', text), [
        { words: 'So tell me about the rails.', speaker: 'Speaker 1', time: '00:00:03' },
        { words: 'Sixteen weeks.\nNobody rang.', speaker: 'Anna Smith', time: '01:02:03' },
        { words: 'hm', speaker: 'unknown speaker', time: '00:12:07' },
      ]);
    });

    it('reads Zoom exports: [Name] and a time, the speech on the same or the next lines', () => {
      const text = '[Khan, Aisha] 00:12:31\nHello everyone.\n[Bob] 00:12:40 Hi there.';
      assert.deepEqual(turnsOf('zoom.txt', text), [
        { words: 'Hello everyone.', speaker: 'Khan, Aisha', time: '00:12:31' },
        { words: 'Hi there.', speaker: 'Bob', time: '00:12:40' },
      ]);
    });

    it('does not take a sentence with a time in it for an Otter header', () => {
      const text = 'P01: we left at  10:30\nand came back';
      assert.deepEqual(turnsOf('x.txt', text), [{ words: 'we left at  10:30\nand came back', speaker: 'P01' }]);
    });
  });

  describe('WebVTT', () => {
    const vtt = [
      'WEBVTT - Zoom recording',
      'Kind: captions',
      '',
      'NOTE written by Zoom',
      'P07: not speech',
      '',
      'STYLE',
      '::cue { color: lime }',
      '',
      '1',
      '00:00:01.000 --> 00:00:06.500 align:start',
      '<v Interviewer>How long did you wait?</v>',
      '',
      'a1b2-c3',
      '00:07.000 --> 00:12.250',
      '<v.loud Dr. Khan>Sixteen weeks',
      'and nobody rang.</v>',
      '',
      '01:00:00.000 --> 01:00:02.000',
      'P07: Teams style',
      '',
      '01:00:03.000 --> 01:00:04.000',
      'No speaker here',
      '',
    ].join('\n');

    it('reads cues with voice spans and labels; the turn excludes the voice tags', () => {
      assert.deepEqual(turnsOf('x.vtt', vtt), [
        { words: 'How long did you wait?', speaker: 'Interviewer', time: '00:00:01' },
        { words: 'Sixteen weeks\nand nobody rang.', speaker: 'Dr. Khan', time: '00:00:07' },
        { words: 'Teams style', speaker: 'P07', time: '01:00:00' },
        { words: 'No speaker here', time: '01:00:03' },
      ]);
      assert.deepEqual(problemsOf('x.vtt', vtt), []);
    });

    it('makes two turns of a cue in which two voices speak', () => {
      const text = 'WEBVTT\n\n00:01.000 --> 00:03.000\n<v Anna>Hi</v>\n<v Bob>Hello</v>';
      assert.deepEqual(turnsOf('x.vtt', text), [
        { words: 'Hi', speaker: 'Anna', time: '00:00:01' },
        { words: 'Hello', speaker: 'Bob', time: '00:00:01' },
      ]);
    });

    it('reports a missing WEBVTT header as an error and still reads the cues', () => {
      const text = '1\n00:00:01.000 --> 00:00:02.000\n<v P07>hi';
      assert.deepEqual(problemsOf('x.vtt', text), ['1:1 error vtt-header']);
      assert.deepEqual(turnsOf('x.vtt', text), [{ words: 'hi', speaker: 'P07', time: '00:00:01' }]);
      assert.deepEqual(problemsOf('x.vtt', 'WEBVTTX\n'), ['1:1 error vtt-header']);
      assert.deepEqual(problemsOf('x.vtt', ''), ['1:1 error vtt-header']);
    });

    it('keeps the first cue when the blank line after the header is missing', () => {
      const text = 'WEBVTT\n00:01.000 --> 00:02.000\n<v P07>hi';
      assert.deepEqual(turnsOf('x.vtt', text), [{ words: 'hi', speaker: 'P07', time: '00:00:01' }]);
    });

    it('warns about malformed timing lines and blocks at their line and column, and reads on', () => {
      const text = [
        'WEBVTT',
        '',
        '00:00:xx.000 --> 00:00:02.000',
        '<v A>one',
        '',
        '00:00:03.000 -->   soon',
        '<v B>two',
        '',
        'stray words',
        '',
        '00:00:09.000 --> 00:00:08.000',
        '<v C>three',
        '',
        '00:00:10.000 --> 00:00:11.000',
        '<v D>four',
      ].join('\n');
      assert.deepEqual(problemsOf('x.vtt', text), ['3:1 warning vtt-timing', '6:20 warning vtt-timing', '9:1 warning vtt-block', '11:18 warning vtt-timing']);
      assert.deepEqual(
        turnsOf('x.vtt', text).map((t) => [t.words, t.time]),
        [
          ['one', undefined],
          ['two', '00:00:03'],
          ['three', '00:00:09'],
          ['four', '00:00:10'],
        ],
      );
    });
  });

  describe('SRT', () => {
    it('reads numbered cues; a turn starts after a Name: label', () => {
      const text = '1\n00:00:01,000 --> 00:00:04,000\nInterviewer: How long?\n\n2\n00:00:05,000 --> 00:00:09,500\nP07: Sixteen weeks,\nmaybe more.\n\n3\n01:00:00,000 --> 01:00:01,000\n<i>music</i>\n';
      assert.deepEqual(turnsOf('x.srt', text), [
        { words: 'How long?', speaker: 'Interviewer', time: '00:00:01' },
        { words: 'Sixteen weeks,\nmaybe more.', speaker: 'P07', time: '00:00:05' },
        { words: '<i>music</i>', time: '01:00:00' },
      ]);
      assert.deepEqual(problemsOf('x.srt', text), []);
    });

    it('reads a label inside caption markup (`<i>Interviewer:</i>`, `{\\an8}<b>P08:</b>`, `<font …>`), the turn covering the words only', () => {
      const cue = (n: number, line: string) => `${n}\n00:00:0${n},000 --> 00:00:0${n + 1},000\n${line}\n\n`;
      const lines = ['<i>Interviewer:</i> How long?', '<i>P07: Sixteen weeks.</i>', '{\\an8}<b>P08:</b> Yes.', '<font color="#ffff00">Interviewer:</font> And then?', '<i>music</i>', '<i>P07:</i>'];
      const text = lines.map((line, i) => cue(i + 1, line)).join('');
      assert.deepEqual(turnsOf('x.srt', text), [
        { words: 'How long?', speaker: 'Interviewer', time: '00:00:01' },
        { words: 'Sixteen weeks.', speaker: 'P07', time: '00:00:02' },
        { words: 'Yes.', speaker: 'P08', time: '00:00:03' },
        { words: 'And then?', speaker: 'Interviewer', time: '00:00:04' },
        { words: '<i>music</i>', time: '00:00:05' },
      ]);
      assert.deepEqual(turnsOf('x.vtt', `WEBVTT\n\n${text}`), turnsOf('x.srt', text));
    });

    it('tolerates a missing cue number and many blank lines', () => {
      const text = '\n\n00:00:01,000 --> 00:00:02,000\nP07: hi\n\n\n\n';
      assert.deepEqual(turnsOf('x.srt', text), [{ words: 'hi', speaker: 'P07', time: '00:00:01' }]);
    });

    it('warns about malformed cues and reads on', () => {
      const text = '1\n00:00:01,000 -> 00:00:02,000\nlost\n\n2\n00:00:03 --> 00:00:0x\nP07: kept\n\n3\n00:00:05,000 --> 00:00:06,000\nP08: fine';
      assert.deepEqual(problemsOf('x.srt', text), ['1:1 warning srt-block', '6:14 warning srt-timing']);
      assert.deepEqual(
        turnsOf('x.srt', text).map((t) => [t.words, t.speaker, t.time]),
        [
          ['kept', 'P07', '00:00:03'],
          ['fine', 'P08', '00:00:05'],
        ],
      );
    });
  });

  describe('the example study', () => {
    const folder = nodePath.join(__dirname, '..', '..', 'examples', 'home-adaptations', 'transcripts');
    const files = existsSync(folder) ? readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => transcriptFormatOf(f)) : [];

    it('parses every example transcript without problems, every turn with a speaker', function () {
      if (files.length === 0) this.skip();
      for (const file of files) {
        const parsed = parseTranscript(file, normalizeText(readFileSync(nodePath.join(folder, file), 'utf8')));
        assert.deepEqual(parsed.problems, [], file);
        assert.ok(parsed.turns.length > 0, file);
        assert.ok(
          parsed.turns.every((t) => t.speaker),
          file,
        );
      }
    });
  });

  describe('turnAt', () => {
    const turns: Turn[] = [
      { start: 5, end: 10, speaker: 'A' },
      { start: 10, end: 12, speaker: 'B' },
      { start: 20, end: 30, speaker: 'C' },
    ];

    it('finds the turn containing an offset (half-open)', () => {
      assert.equal(turnAt(turns, 5)?.speaker, 'A');
      assert.equal(turnAt(turns, 9)?.speaker, 'A');
      assert.equal(turnAt(turns, 10)?.speaker, 'B');
      assert.equal(turnAt(turns, 29)?.speaker, 'C');
    });

    it('finds nothing before, between or after the turns', () => {
      for (const offset of [-1, 0, 4, 12, 15, 19, 30, 1000]) assert.equal(turnAt(turns, offset), undefined, String(offset));
      assert.equal(turnAt([], 0), undefined);
    });
  });

  describe('robustness', () => {
    // Fragments of every format, well- and ill-formed, so random texts hit every branch.
    const fragments = [
      '---',
      'participant: P07',
      'kind: diary',
      'date: 2026-03-02',
      'kind: [',
      '...',
      '# Title',
      '## 2026-03-02',
      '### 2026-13-45 x',
      '***',
      'P07: hi',
      '**P07:** bold',
      '**P07**: bold',
      '_Zoë:_ é',
      '[00:12:31] Dr. Khan: yes',
      '(12:31) Interviewer:',
      'I said to her: no',
      'Note: x',
      'Speaker 1  0:03',
      '[Bob] 00:12:40 hi',
      'WEBVTT',
      'NOTE n',
      'STYLE',
      '1',
      '00:00:01.000 --> 00:00:06.500',
      '00:07.000 --> 00:0x',
      '-->',
      '00:00:01,000 --> 00:00:04,000',
      '<v Anna>hello</v>',
      '<v.loud Bob>',
      '</v>',
      '<v >',
      '😀',
      'e\u0301',
      '\u00a0',
      ' ',
      '\t',
      ':',
      '**',
      '[',
      '(',
    ];
    const transcriptText = fc
      .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 40 })
      .chain((parts) => fc.array(fc.constantFrom('\n', '\n\n', ' ', ''), { minLength: parts.length, maxLength: parts.length }).map((seps) => parts.map((p, i) => p + seps[i]).join('')));
    const path = fc.constantFrom('t.md', 't.txt', 't.vtt', 't.srt', 't.unknown');

    it('never throws, and returns sorted, non-overlapping, non-empty turns within the text', () => {
      fc.assert(
        fc.property(path, transcriptText, (p, text) => {
          const parsed = parseTranscript(p, text);
          const length = new CodePointIndex(text).length;
          let previousEnd = 0;
          for (const turn of parsed.turns) {
            assert.ok(turn.start >= previousEnd && turn.start < turn.end && turn.end <= length, JSON.stringify({ turn, length }));
            previousEnd = turn.end;
            assert.equal(turnAt(parsed.turns, turn.start), turn);
            assert.equal(turnAt(parsed.turns, turn.end - 1), turn);
          }
          assert.ok(parsed.problems.every((pr) => pr.line >= 1 && pr.column >= 1 && pr.path === p));
          assert.ok(!parsed.problems.some((pr) => pr.code === 'transcript-internal'), JSON.stringify(parsed.problems));
        }),
        { numRuns: 3000 },
      );
    });

    it('trims every Unicode space from a turn, as \\s knows them (found by the property below)', () => {
      for (const space of ['\u2028', '\u2029', '\u2003', '\u205f', '\u1680', '\u00a0']) {
        const text = `[00:12:31] Dr. Khan: ${space}yes${space}\n${space}\n`;
        const [turn] = parseTranscript('t.md', text).turns;
        assert.equal(new CodePointIndex(text).slice(turn!.start, turn!.end), 'yes', `U+${space.charCodeAt(0).toString(16)}`);
      }
    });

    it('never starts or ends a turn on whitespace', () => {
      fc.assert(
        fc.property(path, transcriptText, (p, text) => {
          const index = new CodePointIndex(text);
          for (const turn of parseTranscript(p, text).turns) {
            const words = index.slice(turn.start, turn.end);
            assert.equal(words, words.replace(/^[\s\u00a0]+|[\s\u00a0]+$/gu, ''), JSON.stringify(words));
          }
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('performance', () => {
    /** Best CPU time of a few runs, so neither a GC pause nor a busy machine fails the test. */
    function bestMs(run: () => void, times = 5): number {
      let best = Infinity;
      for (let i = 0; i < times; i++) best = Math.min(best, cpuMs(run).ms);
      return best;
    }

    function repeatTo(unit: string, length: number): string {
      return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    }

    const realistic: [string, string][] = [
      [
        'big.md',
        '---\nparticipant: P07\nkind: interview\n---\n# Interview\n\n' +
          repeatTo('[00:12:31] Interviewer: How long did you wait for the grab rails to be fitted?\n**P07:** Sixteen weeks. I said to her: no, not the bathroom. Nobody rang to say why. 😀\n\n', 300_000),
      ],
      ['big.txt', repeatTo('Speaker 1  12:03\nSo tell me about the rails and the wait for the fitting, and what happened next.\n\n', 300_000)],
      ['big.vtt', 'WEBVTT\n\n' + repeatTo('00:00:01.000 --> 00:00:06.500\n<v Anna>Sixteen weeks. Nobody rang to say why, and I waited.</v>\n\n', 300_000)],
      ['big.srt', repeatTo('12\n00:00:01,000 --> 00:00:04,000\nP07: Sixteen weeks. Nobody rang to say why, and I waited.\n\n', 300_000)],
    ];

    // Speed itself is measured by `npm run bench`; a test asserts only what a slow, shared machine cannot
    // break: parsing grows about linearly (ten times the text costs ten to forty times as long once caches and
    // the collector join in, where a quadratic step costs a hundred), and 300,000 characters stay far from a pause.
    for (const [path, text] of realistic) {
      it(`parses a 300,000-character ${path} in time linear in its length`, () => {
        const tenth = text.slice(0, 30_000);
        parseTranscript(path, text); // warm up the JIT
        const whole = bestMs(() => parseTranscript(path, text));
        const part = bestMs(() => parseTranscript(path, tenth), 15);
        assert.ok(parseTranscript(path, text).turns.length > 1000);
        assert.ok(whole <= Math.max(30, 50 * part), `${whole.toFixed(1)} ms for 300,000 characters vs ${part.toFixed(1)} ms for 30,000`);
        assert.ok(whole <= 1000, `${whole.toFixed(1)} ms`);
      });
    }

    // Lines built to make a backtracking pattern explode: long runs that almost match.
    const hostileLines = [
      'a'.repeat(10_000),
      'P'.repeat(10_000) + ':x',
      'Ab '.repeat(3_400) + ': x',
      '**' + 'A'.repeat(10_000),
      '[' + '1:'.repeat(5_000),
      'A' + ' '.repeat(10_000) + '0:1x',
      'Speaker 1' + ' '.repeat(10_000) + '0:12',
      '[' + 'a'.repeat(10_000) + '] 00:12:31',
      '00:00:01.000 --> ' + '0'.repeat(10_000),
      '<v ' + 'a'.repeat(10_000),
      '## 2026-03-02' + ' '.repeat(10_000) + 'x',
      '-'.repeat(10_000) + 'x',
      '- '.repeat(5_000) + 'x',
      '![' + 'a'.repeat(10_000) + '](' + 'b'.repeat(10_000),
      '![](' + 'b'.repeat(10_000) + ' "' + 'c'.repeat(10_000),
    ];

    for (const path of ['x.md', 'x.txt', 'x.vtt', 'x.srt']) {
      it(`takes linear time on hostile 10,000-character lines and on 50,000 lines (${path})`, () => {
        for (const line of hostileLines) {
          const ms = bestMs(() => parseTranscript(path, `WEBVTT\n\n${line}\n${line}`), 3);
          assert.ok(ms < 50, `${ms.toFixed(1)} ms for ${JSON.stringify(line.slice(0, 20))}…`);
        }
        const manyLines = Array.from({ length: 50_000 }, (_, i) => hostileLines[i % hostileLines.length]!.slice(0, 40 + (i % 7))).join('\n');
        const ms = bestMs(() => parseTranscript(path, manyLines), 3);
        assert.ok(ms < 300, `${ms.toFixed(1)} ms for 50,000 lines`);
      });
    }
  });
});
