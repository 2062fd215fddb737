/**
 * Speaker labels as people write them (src/core/transcripts/labels.ts, speakers.ts): every
 * convention is a turn, a sentence with a colon is speech, and the decision is the file's —
 * a label recurs, is short, or names a known speaker. No word is ever rewritten.
 */
import * as assert from 'node:assert/strict';
import { CodePointIndex } from '../../src/core/text';
import { parseTranscript } from '../../src/core/transcripts';
import { speakerLabelReader } from '../../src/core/transcripts/labels';

function turnsOf(path: string, text: string): { speaker?: string; words: string; time?: string }[] {
  const index = new CodePointIndex(text);
  return parseTranscript(path, text).turns.map(({ start, end, date: _, ...rest }) => ({ ...rest, words: index.slice(start, end) }));
}

/** The same text read as a plain-text and as a Markdown transcript gives these turns. */
function assertTurnsAsTextAndMarkdown(text: string, expected: ReturnType<typeof turnsOf>): void {
  for (const path of ['x.txt', 'x.md']) assert.deepEqual(turnsOf(path, text), expected, path);
}

function speakersOf(path: string, text: string): (string | undefined)[] {
  return parseTranscript(path, text).turns.map((t) => t.speaker);
}

describe('speaker labels', () => {
  describe('conventions people write, each a turn of its own', () => {
    const conventions: [string, string[]][] = [
      ['hyphen and number', ['admin-1', 'user-2']],
      ['underscore and number', ['Teacher_3', 'Student_12']],
      ['a qualifier in brackets', ['Interviewer', 'P05 (carer)']],
      ['a role with a number', ['Interviewer 1', 'Interviewee 2']],
      ['one letter', ['I', 'P']],
      ['one letter, researcher and respondent', ['R', 'Q']],
      ['question and answer', ['Q', 'A']],
      ['short roles', ['Int', 'Resp']],
      ['all capitals', ['INTERVIEWER', 'PARTICIPANT 4']],
      ['lower-case ids', ['int', 'resp']],
    ];
    for (const [what, [first, second]] of conventions) {
      it(`${what}: ${first}: / ${second}:`, () => {
        for (const path of ['x.txt', 'x.md']) {
          const text = `${first}: How long did you wait?\n${second}: Sixteen weeks.\n${first}: And then?\n${second}: Nobody rang.\nStill nobody.\n`;
          assert.deepEqual(
            turnsOf(path, text),
            [
              { speaker: first, words: 'How long did you wait?' },
              { speaker: second, words: 'Sixteen weeks.' },
              { speaker: first, words: 'And then?' },
              { speaker: second, words: 'Nobody rang.\nStill nobody.' },
            ],
            `${path}: ${what}`,
          );
        }
      });
    }

    it('bold and emphasised labels, and labels after a timestamp', () => {
      const text = '**P07:** One.\n**Interviewer 1**: Two.\n[00:01:02] admin-1: Three.\n00:01:05 - P05 (carer): Four.\n2021-10-30T08:45:00Z Teacher_3: Five.\n_I:_ Six.\n';
      assert.deepEqual(turnsOf('x.md', text), [
        { speaker: 'P07', words: 'One.' },
        { speaker: 'Interviewer 1', words: 'Two.' },
        { speaker: 'admin-1', words: 'Three.', time: '00:01:02' },
        { speaker: 'P05 (carer)', words: 'Four.', time: '00:01:05' },
        { speaker: 'Teacher_3', words: 'Five.', time: '08:45:00' },
        { speaker: 'I', words: 'Six.' },
      ]);
    });

    it('the full-width colon of Chinese and Japanese transcripts (访谈者：…), with or without a space after it, and in bold', () => {
      const text = '访谈者：您等了多久？\n受访者：十六周。\n**访谈者：** 然后呢？\n受访者： 没人打电话。\n还是没有。\n[00:01:02] インタビュアー：ありがとう。\n';
      assertTurnsAsTextAndMarkdown(text, [
        { speaker: '访谈者', words: '您等了多久？' },
        { speaker: '受访者', words: '十六周。' },
        { speaker: '访谈者', words: '然后呢？' },
        { speaker: '受访者', words: '没人打电话。\n还是没有。' },
        { speaker: 'インタビュアー', words: 'ありがとう。', time: '00:01:02' },
      ]);
      // A full-width colon inside the words is words.
      assert.deepEqual(turnsOf('x.txt', '访谈者：他说：好的。\n受访者：是的。\n'), [
        { speaker: '访谈者', words: '他说：好的。' },
        { speaker: '受访者', words: '是的。' },
      ]);
    });

    it("a time written right after the label (`Speaker 1: [00:00:03]`, `Interviewer: (00:01)`) is the turn's time, not its words", () => {
      const text = 'Interviewer: (00:01)\nHow did it go?\n\nAnna Smith: [00:00:05] Fine (mostly).\nSpeaker 1: (laughs) [00:10] is when it started.\nSpeaker 1: 00:12 is when it ended.\n';
      assertTurnsAsTextAndMarkdown(text, [
        { speaker: 'Interviewer', words: 'How did it go?', time: '00:00:01' },
        { speaker: 'Anna Smith', words: 'Fine (mostly).', time: '00:00:05' },
        // Only a time in brackets straight after the colon: anything else is words.
        { speaker: 'Speaker 1', words: '(laughs) [00:10] is when it started.' },
        { speaker: 'Speaker 1', words: '00:12 is when it ended.' },
      ]);
    });

    it("a clock alone on its line (Google Meet, every few minutes) is nobody's words: it times the turn below, and words below it without a label go on with the same speaker at that time", () => {
      const text = [
        'Weekly research sync - Transcript',
        'Attendees',
        'Alice Smith, Bob Jones',
        '',
        'Transcript',
        '00:00:00',
        '',
        'Alice Smith: Thanks for joining. How long did you wait?',
        'Bob Jones: Sixteen weeks.',
        '00:05:12',
        '',
        'Bob Jones: And nobody rang.',
        'Alice Smith: That must have been hard.',
        '[00:10:00]',
        'Still is, I imagine.',
        '',
      ].join('\n');
      assertTurnsAsTextAndMarkdown(text, [
        { speaker: 'Alice Smith', words: 'Thanks for joining. How long did you wait?', time: '00:00:00' },
        { speaker: 'Bob Jones', words: 'Sixteen weeks.' },
        { speaker: 'Bob Jones', words: 'And nobody rang.', time: '00:05:12' },
        { speaker: 'Alice Smith', words: 'That must have been hard.' },
        { speaker: 'Alice Smith', words: 'Still is, I imagine.', time: '00:10:00' },
      ]);
    });

    it('a time someone said alone on its line is their words: clocks mark the recording only where the file has two or more, in order', () => {
      assertTurnsAsTextAndMarkdown('I: When did they come?\nP:\n10:30\nI: And then?\nP:\n(11:45)\n', [
        { speaker: 'I', words: 'When did they come?' },
        { speaker: 'P', words: '10:30' },
        { speaker: 'I', words: 'And then?' },
        { speaker: 'P', words: '(11:45)' },
      ]);
      assertTurnsAsTextAndMarkdown('I: When?\nP:\n10:30\nI: Before that?\nP:\n09:15\n', [
        { speaker: 'I', words: 'When?' },
        { speaker: 'P', words: '10:30' },
        { speaker: 'I', words: 'Before that?' },
        { speaker: 'P', words: '09:15' },
      ]);
    });

    it("a header of a time and a name alone on its line, the words below (Word's Transcribe `00:00:03 Speaker 1`, `[00:00:03] Speaker 1`, `Alice Smith (00:03)`), one-off speakers included", () => {
      const wordTranscribe = '00:00:03 Speaker 1\nHow long did you wait?\n\n00:00:07 Speaker 2\nSixteen weeks.\nNobody rang.\n\n00:00:15 Speaker 1\nRight.\n\n00:00:18 Speaker 3\nCan I add something?\n\n00:00:20 Speaker 2\nGo on.\n';
      const expected = [
        { speaker: 'Speaker 1', words: 'How long did you wait?', time: '00:00:03' },
        { speaker: 'Speaker 2', words: 'Sixteen weeks.\nNobody rang.', time: '00:00:07' },
        { speaker: 'Speaker 1', words: 'Right.', time: '00:00:15' },
        { speaker: 'Speaker 3', words: 'Can I add something?', time: '00:00:18' },
        { speaker: 'Speaker 2', words: 'Go on.', time: '00:00:20' },
      ];
      assertTurnsAsTextAndMarkdown(wordTranscribe, expected);
      assertTurnsAsTextAndMarkdown(wordTranscribe.replace(/^(\d\d:\d\d:\d\d) /gm, '[$1] '), expected);
      const nameThenTime = 'Alice Smith (00:03)\nHow long did you wait?\n\nBob Jones (00:07)\nSixteen weeks.\n\nAlice Smith (00:15)\nRight.\n';
      assertTurnsAsTextAndMarkdown(nameThenTime, [
        { speaker: 'Alice Smith', words: 'How long did you wait?', time: '00:00:03' },
        { speaker: 'Bob Jones', words: 'Sixteen weeks.', time: '00:00:07' },
        { speaker: 'Alice Smith', words: 'Right.', time: '00:00:15' },
      ]);
    });

    it('a time and a word alone on a line is words where the file does not write its turns that way', () => {
      const text = 'I: When did you get home?\nP: Late.\n09:15 Arrived\nI: And then?\nP: [00:12] Okay\n';
      assertTurnsAsTextAndMarkdown(text, [
        { speaker: 'I', words: 'When did you get home?' },
        { speaker: 'P', words: 'Late.\n09:15 Arrived' },
        { speaker: 'I', words: 'And then?' },
        { speaker: 'P', words: 'Okay', time: '00:00:12' },
      ]);
      // Interjections after a time are someone's words, never a speaker: "[00:00:11] Okay", twice, goes on with the turn at that time.
      assertTurnsAsTextAndMarkdown('I: Ready?\n[00:00:11] Okay\nI: Sure?\n[00:00:14] Okay\n', [
        { speaker: 'I', words: 'Ready?' },
        { speaker: 'I', words: 'Okay', time: '00:00:11' },
        { speaker: 'I', words: 'Sure?' },
        { speaker: 'I', words: 'Okay', time: '00:00:14' },
      ]);
    });

    it('a label and a tab before the words (`I<TAB>How long…`, a timestamp first or not), as tables pasted from a spreadsheet have them', () => {
      const text = 'I\tHow long did you wait?\nR\tSixteen weeks.\nStill waiting.\nI\tAnd then?\n00:01:02\tInterviewer 2\tAny calls?\n';
      assertTurnsAsTextAndMarkdown(text, [
        { speaker: 'I', words: 'How long did you wait?' },
        { speaker: 'R', words: 'Sixteen weeks.\nStill waiting.' },
        { speaker: 'I', words: 'And then?' },
        { speaker: 'Interviewer 2', words: 'Any calls?', time: '00:01:02' },
      ]);
      // A name, a tab and a time alone is a header (Otter, Teams): the words are below.
      assertTurnsAsTextAndMarkdown('Alice Smith\t0:03\nHello.\n\nBob Jones\t0:07\nHi.\n', [
        { speaker: 'Alice Smith', words: 'Hello.', time: '00:00:03' },
        { speaker: 'Bob Jones', words: 'Hi.', time: '00:00:07' },
      ]);
    });

    it('French typography: a space or a no-break space before the colon and after it (`Enquêteur\u00a0: …`, as Word writes it)', () => {
      const text = 'Enquêteur\u00a0: Combien de temps avez-vous attendu\u00a0?\nEnquêtée\u202f: Seize semaines.\nEnquêteur : Et ensuite\u00a0?\nEnquêtée :\u00a0Personne n’a appelé.\nP07:\u00a0Rien.\n';
      assertTurnsAsTextAndMarkdown(text, [
        { speaker: 'Enquêteur', words: 'Combien de temps avez-vous attendu\u00a0?' },
        { speaker: 'Enquêtée', words: 'Seize semaines.' },
        { speaker: 'Enquêteur', words: 'Et ensuite\u00a0?' },
        { speaker: 'Enquêtée', words: 'Personne n’a appelé.' },
        { speaker: 'P07', words: 'Rien.' },
      ]);
    });

    it('a Zoom chat saved as text, old (`15:03:10<TAB> From  John Doe : Hello`) and new (`15:03:10 From John Doe to Everyone:`, the message below)', () => {
      const old = '15:03:10\t From  John Doe : Hello everyone\n15:03:42\t From  Mary Major : Hi John: good to see you\n15:04:01\t From  John Doe : Shall we start?\n';
      assertTurnsAsTextAndMarkdown(old, [
        { speaker: 'John Doe', words: 'Hello everyone', time: '15:03:10' },
        { speaker: 'Mary Major', words: 'Hi John: good to see you', time: '15:03:42' },
        { speaker: 'John Doe', words: 'Shall we start?', time: '15:04:01' },
      ]);
      const current = '15:03:10 From John Doe to Everyone:\n\tHello everyone\n15:03:42 From Mary Major to Everyone:\n\tHi John\n\tGood to see you\n15:04:01 From Kim Lee to John Doe(Direct Message):\n\tShall we start?\n';
      assertTurnsAsTextAndMarkdown(current, [
        { speaker: 'John Doe', words: 'Hello everyone', time: '15:03:10' },
        { speaker: 'Mary Major', words: 'Hi John\n\tGood to see you', time: '15:03:42' },
        { speaker: 'Kim Lee', words: 'Shall we start?', time: '15:04:01' },
      ]);
    });

    it('keeps a qualified speaker apart from the participant: P05 (carer) is not P05', () => {
      const text = 'P05: I manage.\nP05 (carer): She does not.\nP05: I do.\n';
      assert.deepEqual(speakersOf('x.txt', text), ['P05', 'P05 (carer)', 'P05']);
    });
  });

  describe('the file decides', () => {
    it('a sentence before a colon is speech, in any case, and its words are untouched', () => {
      const text = 'I: What happened?\nP: What they told me: nothing at all.\nWhat they told me: nothing at all.\nWhat They Told Me Then: nothing.\nI: Right.\n';
      assert.deepEqual(turnsOf('x.txt', text), [
        { speaker: 'I', words: 'What happened?' },
        { speaker: 'P', words: 'What they told me: nothing at all.\nWhat they told me: nothing at all.\nWhat They Told Me Then: nothing.' },
        { speaker: 'I', words: 'Right.' },
      ]);
    });

    it('a capitalised word or phrase that opens sentences is speech, even twice; a name that is also a word is not', () => {
      const text = 'I: What happened?\nP: So: they came.\nSo: they went.\nWhat They Told Me: nothing.\nWill: I was there.\nI: Right.\n';
      assert.deepEqual(turnsOf('x.txt', text), [
        { speaker: 'I', words: 'What happened?' },
        { speaker: 'P', words: 'So: they came.\nSo: they went.\nWhat They Told Me: nothing.' },
        { speaker: 'Will', words: 'I was there.' },
        { speaker: 'I', words: 'Right.' },
      ]);
    });

    it('a recurring note in a diary ("Notebook log:") is the diarist\'s words, not a speaker', () => {
      const text = '---\nparticipant: P04\nkind: diary\n---\n## 2026-03-02\nRang them.\n\nNotebook log: 02/03, 10:00.\n\n## 2026-03-03\nNotebook log: 03/03, 11:00.\n';
      assert.deepEqual(speakersOf('d.md', text), ['P04', 'P04']);
    });

    it('a label seen once is a speaker when it is short and written like a name; a long one must recur', () => {
      assert.deepEqual(speakersOf('x.txt', 'I: Hello.\nNurse: Time for the tablets.\nI: Thanks.\n'), ['I', 'Nurse', 'I']);
      assert.deepEqual(speakersOf('x.txt', 'I: Hello.\nMary Ann Jones: Hi.\nI: Thanks.\n'), ['I', 'I']);
      assert.deepEqual(speakersOf('x.txt', 'I: Hello.\nMary Ann Jones: Hi.\nI: Thanks.\nMary Ann Jones: Bye.\n'), ['I', 'Mary Ann Jones', 'I', 'Mary Ann Jones']);
      assert.deepEqual(speakersOf('x.txt', 'I: Hello.\nDr. Priya Shah: Hi.\n'), ['I', 'Dr. Priya Shah']);
    });

    it('a line an export repeats word for word (a video title above every comment, a page header) is no speaker, nor what its label opens once more', () => {
      const record = (title: string, author: string, comment: string) => `${title}\n@${author}\n${comment}\n2024-08-16T16:07:43Z\n`;
      const titles = ['Coronavirus: Who gets the fourth dose and when', 'Coronavirus: How the third dose works', 'Orban: the vaccine saves lives'];
      const comments = titles.flatMap((title, t) => [1, 2, 3].map((k) => record(title, `user${t}${k}`, `Comment ${k} under video ${t}.`)));
      const text = `${comments.join('')}Orban: the third dose is coming, said nobody here.\n`;
      assert.deepEqual(parseTranscript('comments.txt', text).labels, []);
      assert.deepEqual(parseTranscript('comments.txt', text).turns, []);
    });

    it('a repeated title whose name was pseudonymised (`[Name-3]: …`) is still a heading, so a redaction changes no turn; a pseudonym that speaks is a speaker', () => {
      const record = (title: string, author: string, comment: string) => `${title}\n@${author}\n${comment}\n`;
      const comments = [1, 2, 3, 4].map((k) => record('[Name-3]: the vaccine is the answer', `user${k}`, `Comment ${k}.`));
      assert.deepEqual(parseTranscript('comments.txt', comments.join('')).turns, []);
      // Nor does the heading make the file a conversation, where a word and a colon seen once would open a turn.
      assert.deepEqual(parseTranscript('comments.txt', `${comments.join('')}@user5\nRating: 10/10\n`).turns, []);
      assert.deepEqual(speakersOf('x.txt', '[P01]: Hello.\n[Name-3]: Hi.\n[P01]: Thanks.\n'), ['[P01]', '[Name-3]', '[P01]']);
      // A pseudonymised speaker who says the same sentence several times is still a speaker: most of their lines differ.
      const sayings = [
        '[Name-3]: I do not know that.',
        '[P01]: Why?',
        '[Name-3]: I do not know that.',
        '[P01]: Really?',
        '[Name-3]: I do not know that.',
        '[P01]: Ok.',
        '[Name-3]: It was March.',
        '[Name-3]: We moved.',
        '[Name-3]: Then winter came.',
        '[Name-3]: And the boiler broke.',
      ];
      assert.equal(speakersOf('x.txt', sayings.join('\n')).filter((s) => s === '[Name-3]').length, 7);
    });

    it('an interviewer who asks each respondent the same question is still a speaker: roles, ids and short labels are never headings', () => {
      const text = ['Q: How satisfied were you with the service?', 'A: Very.', 'Q: How satisfied were you with the service?', 'A: Not at all.', 'Q: How satisfied were you with the service?', 'A: Somewhat.'].join('\n');
      assert.deepEqual(speakersOf('x.txt', text), ['Q', 'A', 'Q', 'A', 'Q', 'A']);
    });

    it('a word and a colon seen once in prose (a comment, a note) is no speaker: one-off labels count where labels make a conversation', () => {
      const prose = ['@anna', 'I had mine last week and it was fine.', '@bob', 'Rating: 10/10', '@carl', 'Why would anyone wait?', '@dora', 'No idea, really.', '@emil', 'Same here.', '@finn', 'Thanks for the video.'].join('\n');
      assert.deepEqual(parseTranscript('comments.txt', prose).labels, []);
      assert.deepEqual(speakersOf('x.txt', 'Interviewer: Tell me.\nNurse: Time for the tablets.\nInterviewer: Thanks.\n'), ['Interviewer', 'Nurse', 'Interviewer']);
    });

    it('a lower-case word is a label when it recurs or carries a number, never a sentence word', () => {
      assert.deepEqual(speakersOf('x.txt', 'I: Hi.\nadmin-1: Once.\n'), ['I', 'admin-1']);
      assert.deepEqual(speakersOf('x.txt', 'I: Hi.\nresp: Once.\n'), ['I']);
      assert.deepEqual(speakersOf('x.txt', 'I: Hi.\nso: then.\nI: Ok.\nso: again.\n'), ['I', 'I']);
    });

    it('lower-case names are speakers where the file is labelled throughout, or where the front matter names them', () => {
      assert.deepEqual(speakersOf('x.txt', 'mike smith: Hello.\njane doe: Hi.\nmike smith: Ok.\njane doe: Bye.\n'), ['mike smith', 'jane doe', 'mike smith', 'jane doe']);
      assert.deepEqual(speakersOf('x.md', '---\nspeakers: [mike smith, "Khan, Aisha"]\n---\nmike smith: Hello.\nKhan, Aisha: Hi.\n'), ['mike smith', 'Khan, Aisha']);
      assert.deepEqual(parseTranscript('x.md', '---\nspeakers: [mike smith]\n---\n').meta, { speakers: ['mike smith'] });
    });

    it('front-matter participants are speakers however they are written', () => {
      assert.deepEqual(speakersOf('x.md', '---\nparticipants: [resp-a, teacher three]\n---\nresp-a: Yes.\nteacher three: No.\n'), ['resp-a', 'teacher three']);
    });
  });

  describe('labels with their offsets', () => {
    it('gives each label the file uses, where its name is written, in code points', () => {
      const text = '😀 title\n**P07:** One.\n[00:01:02] admin-1: Two.\nWhat they told me: three.\n[Jane Doe] 00:01:09\nFour.\n';
      const parsed = parseTranscript('x.txt', text);
      const index = new CodePointIndex(text);
      assert.deepEqual(
        parsed.labels.map((l) => [l.speaker, index.slice(l.start, l.end)]),
        [
          ['P07', 'P07'],
          ['admin-1', 'admin-1'],
          ['Jane Doe', 'Jane Doe'],
        ],
      );
      assert.equal(parsed.labels[0]!.start, 10); // the emoji is one code point, then " title\n" and "**"
    });
  });

  describe('speakerLabelReader (caption cues)', () => {
    it('reads a cue-start label the way the whole file uses it', () => {
      const cues = ['mike smith: hello', 'jane doe: hi', 'mike smith: yes', 'jane doe: no', 'What they told me: nothing at all.'];
      const speakerAt = speakerLabelReader(cues);
      assert.deepEqual(
        cues.map((c) => speakerAt(c)?.speaker),
        ['mike smith', 'jane doe', 'mike smith', 'jane doe', undefined],
      );
      assert.equal(speakerAt('mike smith: hello')!.textStart, 12);
      const once = speakerLabelReader(['What they told me: nothing at all.', 'Then silence.']);
      assert.equal(once('What they told me: nothing at all.'), undefined);
      assert.equal(speakerLabelReader(['a: b'], ['Khan, Aisha'])('Khan, Aisha: hello')?.speaker, 'Khan, Aisha');
    });
  });
});

describe('page layout in transcripts', () => {
  it('keeps paragraph numbers and page counters out of every turn; a turn cut by a page continues with its speaker', () => {
    const text = '1\n\nInterview\n\n2\n\nI: How long?\n\n3\n\nP: Sixteen weeks, and\n\n1/2\n\n\fthen more.\n4\n\nI: Why?\n\n2/2\n';
    assert.deepEqual(turnsOf('x.txt', text), [
      { speaker: 'I', words: 'How long?' },
      { speaker: 'P', words: 'Sixteen weeks, and' },
      { speaker: 'P', words: 'then more.' },
      { speaker: 'I', words: 'Why?' },
    ]);
  });

  it('reads labels after paragraph numbers (`pdftotext -layout` of a MAXQDA export): numbers and page counters belong to no turn', () => {
    const text = '1\n     Interview\n2    I: How long?\n\n3    P: Sixteen weeks, and\n     then more.\n                 1/2\n4\n\f4    I: Why?\n\n5    P: Nobody rang.\n6    Still nobody.\n7                2/2\n';
    assert.deepEqual(turnsOf('x.txt', text), [
      { speaker: 'I', words: 'How long?' },
      { speaker: 'P', words: 'Sixteen weeks, and\n     then more.' },
      { speaker: 'I', words: 'Why?' },
      { speaker: 'P', words: 'Nobody rang.' },
      { speaker: 'P', words: 'Still nobody.' },
    ]);
  });

  it('keeps a number someone said: numbers are layout only when the file is numbered throughout', () => {
    assert.deepEqual(turnsOf('x.txt', 'I: How many calls?\nP: Well.\n3   a week.\nI: And visits?\n'), [
      { speaker: 'I', words: 'How many calls?' },
      { speaker: 'P', words: 'Well.\n3   a week.' },
      { speaker: 'I', words: 'And visits?' },
    ]);
    assert.deepEqual(turnsOf('x.txt', 'I: How many calls?\nP:\n3\nI: And visits?\nP:\n4\n'), [
      { speaker: 'I', words: 'How many calls?' },
      { speaker: 'P', words: '3' },
      { speaker: 'I', words: 'And visits?' },
      { speaker: 'P', words: '4' },
    ]);
  });

  it('keeps Otter.ai\'s "Transcribed by" footer out of the last turn', () => {
    const text = 'Speaker 1  0:02\nHello there.\n\nSpeaker 2  0:05\nHi.\n\nTranscribed by https://otter.ai\n';
    assert.deepEqual(turnsOf('otter.txt', text), [
      { speaker: 'Speaker 1', words: 'Hello there.', time: '00:00:02' },
      { speaker: 'Speaker 2', words: 'Hi.', time: '00:00:05' },
    ]);
  });
});
