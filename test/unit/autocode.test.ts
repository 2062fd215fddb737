/**
 * Auto-coding by structure (src/core/assist/autocode*): the passages each rule picks out, what
 * it skips and why, the one write with its provenance, and the `assisted` field in the format.
 * Real files first: the seven MAXQDA interview transcripts (through pdftotext) and the NVivo
 * REFI-QDA export's two Hungarian sources, with counts checked against the transcript parser
 * or against a count made another way; then small cases for each convention.
 */
import * as assert from 'node:assert/strict';
import { unzipSync } from 'fflate';
import { applyAutocode, compilePattern, loadedTranscriptTexts, planAutocode, type AutocodePlan, type AutocodeRule } from '../../src/core/assist/autocode-index';
import { foldAccents } from '../../src/core/assist/autocode-match';
import { mulberry32 } from '../../src/core/random';
import { EditPlan } from '../../src/core/store/plan';
import { CodePointIndex } from '../../src/core/text';
import { loadWorkspace } from '../../src/core/workspace/load';
import type { Workspace } from '../../src/core/workspace/workspace';
import { MemoryFileSystem } from '../support/memory-fs';
import { realFixtureBytes, realPdfText } from '../support/real-fixtures';

const RESEARCH = 'name: Test\nsources: [transcripts/*.md, transcripts/*.txt]\n';
const PARTICIPANTS = 'participants:\n  - {id: P01}\n  - {id: P02}\n  - {id: P03}\n  - {id: P07}\n';

async function study(files: Record<string, string | Uint8Array>): Promise<{ fs: MemoryFileSystem; ws: Workspace; texts: Map<string, string> }> {
  const fs = new MemoryFileSystem({ 'research.yaml': RESEARCH, 'participants.yaml': PARTICIPANTS, ...files });
  const { workspace: ws } = await loadWorkspace(fs);
  const { texts, problems } = await loadedTranscriptTexts(fs, ws);
  assert.deepEqual(problems, []);
  return { fs, ws, texts };
}

const speaker = (name: string): AutocodeRule => ({ kind: 'speaker', speaker: name });
const match = (pattern: string, scope: 'turn' | 'sentence' | 'match' = 'turn', regex = false): AutocodeRule => ({ kind: 'match', pattern: compilePattern(pattern, regex), regex, scope });
const byQuestion = (as: 'tag' | 'attribute' = 'attribute', interviewer?: string): AutocodeRule => ({ kind: 'question', as, ...(interviewer ? { interviewer } : {}) });
const counts = (plan: AutocodePlan) => Object.fromEntries(plan.perTranscript.map((t) => [t.source, t.count]));

/** Every planned quote is exactly the transcript's text at its place: no word changed. */
function assertQuotesAreTheText(plan: AutocodePlan, texts: ReadonlyMap<string, string>): void {
  const indexes = new Map<string, CodePointIndex>();
  for (const p of [...plan.passages, ...plan.skipped]) {
    let index = indexes.get(p.source);
    if (!index) indexes.set(p.source, (index = new CodePointIndex(texts.get(p.source)!)));
    assert.equal(p.quote, index.slice(p.start, p.end));
  }
}

describe('auto-code', () => {
  describe('the MAXQDA interview transcripts (maxqda-pdf/P1–P7, through pdftotext)', () => {
    let real: Awaited<ReturnType<typeof study>>;
    before(async () => {
      const files: Record<string, string> = {};
      for (let i = 1; i <= 7; i++) files[`transcripts/P${i}.txt`] = realPdfText(`maxqda-pdf/P${i}.pdf`);
      real = await study(files);
    });

    it('codes every turn of a speaker: the parser’s turn counts, named in any case', () => {
      const plan = planAutocode(real.ws, real.texts, speaker('participant'), 'participant-voice');
      // test/unit/real-transcripts.test.ts counts these turns from the labels; P5's one "Particpant:" is another name.
      assert.deepEqual(counts(plan), { 'transcripts/P1.txt': 48, 'transcripts/P2.txt': 84, 'transcripts/P3.txt': 62, 'transcripts/P4.txt': 56, 'transcripts/P5.txt': 68, 'transcripts/P6.txt': 50, 'transcripts/P7.txt': 54 });
      assert.equal(plan.passages.length, 422);
      assert.deepEqual(plan.skipped, []);
      assert.deepEqual(plan.newTags, [{ id: 'participant-voice', label: 'Participant voice' }]);
      assert.equal(plan.rule, 'speaker: participant');
      assert.equal(plan.passages[0]!.quote, 'Okay.');
      assertQuotesAreTheText(plan, real.texts);
    });

    it('codes each answer under the question Dan asked, counting answers per question', () => {
      const plan = planAutocode(real.ws, real.texts, byQuestion(), 'guide');
      assert.deepEqual(
        plan.perTranscript.map((t) => [t.source, t.count, t.questions!.length]),
        [
          ['transcripts/P1.txt', 47, 18],
          ['transcripts/P2.txt', 83, 22],
          ['transcripts/P3.txt', 61, 35],
          ['transcripts/P4.txt', 56, 19],
          ['transcripts/P5.txt', 69, 24],
          ['transcripts/P6.txt', 50, 22],
          ['transcripts/P7.txt', 54, 24],
        ],
      );
      const p1 = plan.perTranscript[0]!.questions!;
      assert.deepEqual(p1.slice(0, 5), [
        { question: 'So my first question is if you currently use ICE plots in your work?', answers: 1 },
        { question: 'And do you use both PDP and ICE plots?', answers: 1 },
        { question: 'And do you look at both one way and two way plots?', answers: 1 },
        { question: 'Can you describe what tasks you use them for?', answers: 1 },
        // Dan's "Okay." between two of the participant's turns neither asks nor answers: both answer this.
        { question: "And that's the average of the average of what?", answers: 2 },
      ]);
      // Answers per question add up to the answers coded.
      for (const t of plan.perTranscript)
        assert.equal(
          t.questions!.reduce((n, q) => n + q.answers, 0),
          t.count,
        );
      // The participant's "Okay." before Dan's first question answers none: skipped, with its reason and place.
      const before = plan.skipped.filter((s) => s.source === 'transcripts/P1.txt');
      assert.deepEqual(
        before.map((s) => [s.reason, s.quote]),
        [['before-first-question', 'Okay.']],
      );
      assert.equal(plan.passages[0]!.note, 'Question: So my first question is if you currently use ICE plots in your work?');
      assertQuotesAreTheText(plan, real.texts);
    });

    it('finds words and phrases as whole words, a trailing * for any ending: as many hits as a search of the text finds', () => {
      const hits = planAutocode(real.ws, real.texts, match('pdp, ice plot*', 'match'), 'plots');
      const perFile = Object.fromEntries([...real.texts].map(([source, text]) => [source, (text.match(/(?<![\p{L}\p{N}])(?:pdp|ice\s+plot[\p{L}\p{N}]*)(?![\p{L}\p{N}])/giu) ?? []).length]));
      assert.deepEqual(counts(hits), perFile);
      assert.equal(hits.passages.length, 110);
      // "PDPilot" is another word: never a hit of "pdp".
      assert.ok(hits.passages.every((p) => !/pdpilot/i.test(p.quote)));
      const turns = planAutocode(real.ws, real.texts, match('pdp, ice plot*'), 'plots');
      assert.equal(turns.passages.length, 67); // turns holding at least one hit, each once
      assertQuotesAreTheText(turns, real.texts);
    });
  });

  describe('the NVivo REFI-QDA export’s sources (refi/nvivo12-oltas_teszt.qdpx, Hungarian)', () => {
    let real: Awaited<ReturnType<typeof study>>;
    before(async () => {
      const zip = unzipSync(realFixtureBytes('refi/nvivo12-oltas_teszt.qdpx'));
      const files: Record<string, Uint8Array> = {};
      for (const [name, bytes] of Object.entries(zip)) if (name.endsWith('.txt')) files[`transcripts/${name.slice(name.lastIndexOf('/') + 1)}`] = bytes;
      real = await study(files);
    });
    const A = 'transcripts/68bbdc14-c361-4432-b4dd-ae1dbfc12890.txt';
    const B = 'transcripts/ddbebe1b-306f-4271-acdd-ae1da7c06fcd.txt';

    it('folds accents and case: "kotelezo" finds kötelező, KÖTELEZŐ, kötelezö and kötelezô, quoted as written', () => {
      const plan = planAutocode(real.ws, real.texts, match('kotelezo', 'match'), 'mandatory');
      // Counted another way: the text's words one by one, each folded and compared.
      const folded = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      const byWords = (text: string) => (text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).filter((w) => folded(w) === 'kotelezo').length;
      assert.deepEqual(counts(plan), { [A]: byWords(real.texts.get(A)!), [B]: byWords(real.texts.get(B)!) });
      assert.deepEqual(counts(plan), { [A]: 253, [B]: 254 });
      assert.deepEqual([...new Set(plan.passages.map((p) => p.quote))].sort(), ['KÖTELEZŐ', 'Kötelező', 'kötelezô', 'kötelezö', 'kötelező']);
      // The pattern written with accents finds the same words.
      assert.deepEqual(counts(planAutocode(real.ws, real.texts, match('KÖTELEZŐ', 'match'), 'mandatory')), { [A]: 253, [B]: 254 });
    });

    it('codes no turn by speaker: the comments have none (the video title "Orbán Viktor: Lesz harmadik oltás …" above each comment is a heading)', () => {
      assert.deepEqual(counts(planAutocode(real.ws, real.texts, speaker('orban viktor'), 'pm')), {});
    });

    it('codes every turn of a speaker named without accents: "orban viktor" is Orbán Viktor, not Orbán', async () => {
      const hu = await study({ 'transcripts/hu.txt': 'Orbán Viktor: Lesz harmadik oltás.\nRiporter: Mikor?\nOrbán: Ősszel.\nRiporter: Kinek?\nOrbán Viktor: Mindenkinek.\n' });
      const plan = planAutocode(hu.ws, hu.texts, speaker('orban viktor'), 'pm');
      assert.deepEqual(counts(plan), { 'transcripts/hu.txt': 2 });
      assert.deepEqual(
        plan.passages.map((p) => p.quote),
        ['Lesz harmadik oltás.', 'Mindenkinek.'],
      );
      assertQuotesAreTheText(plan, hu.texts);
    });

    it('takes a regular expression, its accents folded like the text', () => {
      const plan = planAutocode(real.ws, real.texts, match('oltás\\p{L}*', 'match', true), 'vaccination');
      assert.deepEqual(
        counts(plan),
        planAutocode(real.ws, real.texts, match('oltas\\p{L}*', 'match', true), 'vaccination').perTranscript.reduce((o, t) => ({ ...o, [t.source]: t.count }), {}),
      );
      assert.ok(plan.passages.some((p) => p.quote === 'oltást'));
    });

    it("shows different passages as a transcript's examples: a video title repeated above its comments is shown once", () => {
      const plan = planAutocode(real.ws, real.texts, match('oltás*'), 'vaccination');
      for (const t of plan.perTranscript) {
        assert.equal(t.examples.length, 3, t.source);
        assert.equal(new Set(t.examples).size, 3, `${t.source}: ${t.examples.join(' | ')}`);
      }
    });
  });

  describe('small cases', () => {
    it('reads I:/P: labels: the interviewer is I, each P turn answers the question before it', async () => {
      const { ws, texts } = await study({
        'transcripts/a.md': 'I: Thanks for coming.\n\nP: No problem.\n\nI: How long did you wait?\n\nP: Sixteen weeks.\n\nI: Right.\n\nP: And nobody rang.\n\nI: Who helped you?\n\nP: My daughter.\n',
      });
      const plan = planAutocode(ws, texts, byQuestion(), 'guide');
      assert.deepEqual(
        plan.passages.map((p) => [p.quote, p.note]),
        [
          ['Sixteen weeks.', 'Question: How long did you wait?'],
          ['And nobody rang.', 'Question: How long did you wait?'],
          ['My daughter.', 'Question: Who helped you?'],
        ],
      );
      assert.deepEqual(
        plan.skipped.map((s) => [s.reason, s.quote, s.line, s.column]),
        [['before-first-question', 'No problem.', 3, 4]],
      );
      assert.deepEqual(
        planAutocode(ws, texts, speaker('I'), 'asked').passages.map((p) => p.quote),
        ['Thanks for coming.', 'How long did you wait?', 'Right.', 'Who helped you?'],
      );
    });

    it('reads named speakers with a qualifier: "Maria" codes the turns of "Maria (carer)"', async () => {
      const { ws, texts } = await study({ 'transcripts/b.md': 'Interviewer: Who does the paperwork?\n\nMaria (carer): I do, mostly.\n\nJohn Smith: She does.\n\nMaria (carer): Every form.\n' });
      assert.deepEqual(
        planAutocode(ws, texts, speaker('maria'), 'carer').passages.map((p) => p.quote),
        ['I do, mostly.', 'Every form.'],
      );
      // Two people answer: both answers are coded under the one question.
      assert.deepEqual(planAutocode(ws, texts, byQuestion(), 'guide').perTranscript[0]!.questions, [{ question: 'Who does the paperwork?', answers: 3 }]);
    });

    it('takes Markdown headings as the questions of an interview guide, one tag per question under the chosen tag', async () => {
      const guide = (answers: string[]) => `---\nparticipant: P0${answers.length}\n---\n# Interview\n\n## Q1 Getting an assessment\n\nP: ${answers[0]}\n\n## Q2 Waiting\n\nInterviewer: And then?\n\nP: ${answers[1]}\n`;
      const { ws, texts } = await study({ 'transcripts/p01.md': guide(['I rang the council.', 'Sixteen weeks.']), 'transcripts/p02.md': guide(['Online.', 'A year.']) });
      const plan = planAutocode(ws, texts, byQuestion('tag'), 'Guide');
      assert.deepEqual(
        plan.passages.map((p) => [p.source, p.quote, p.tags]),
        [
          ['transcripts/p01.md', 'I rang the council.', ['guide', 'guide-q1-getting-an-assessment']],
          ['transcripts/p01.md', 'Sixteen weeks.', ['guide', 'guide-q2-waiting']],
          ['transcripts/p02.md', 'Online.', ['guide', 'guide-q1-getting-an-assessment']],
          ['transcripts/p02.md', 'A year.', ['guide', 'guide-q2-waiting']],
        ],
      );
      // The same heading in both transcripts is one tag; the top heading asks nothing, so it has no answer.
      assert.deepEqual(
        plan.newTags,
        [
          { id: 'guide', label: 'Guide' },
          { id: 'guide-interview', label: 'Interview', parent: 'guide' },
          { id: 'guide-q1-getting-an-assessment', label: 'Q1 Getting an assessment', parent: 'guide' },
          { id: 'guide-q2-waiting', label: 'Q2 Waiting', parent: 'guide' },
        ].filter((t) => t.id !== 'guide-interview'),
      );
    });

    it('matches accented words and phrases across a line break, the sentence or the turn as asked', async () => {
      const { ws, texts } = await study({ 'transcripts/c.md': 'P1: We met at the Café Royal. It was CAFE day.\n\nP2: The cafe\nroyal was shut. Nothing else.\n\nP1: Cafetière talk.\n' });
      assert.deepEqual(
        planAutocode(ws, texts, match('cafe royal', 'match'), 'x').passages.map((p) => p.quote),
        ['Café Royal', 'cafe\nroyal'],
      );
      assert.deepEqual(
        planAutocode(ws, texts, match('café', 'sentence'), 'x').passages.map((p) => p.quote),
        // Two hits in two sentences of a turn: two passages; a line break inside a sentence does not end it.
        ['We met at the Café Royal.', 'It was CAFE day.', 'The cafe\nroyal was shut.'],
      );
      assert.deepEqual(
        planAutocode(ws, texts, match('caf*', 'turn'), 'x').passages.map((p) => p.quote),
        ['We met at the Café Royal. It was CAFE day.', 'The cafe\nroyal was shut. Nothing else.', 'Cafetière talk.'],
      );
      // A word written with a separate combining accent (NFD) is quoted whole.
      const nfd = await study({ 'transcripts/d.md': 'P1: the cafe\u0301 is open\n' });
      assert.deepEqual(
        planAutocode(nfd.ws, nfd.texts, match('CAFÉ', 'match'), 'x').passages.map((p) => p.quote),
        ['cafe\u0301'],
      );
    });

    it('skips a turn that is only a timestamp or a number, and passages already coded with the tag', async () => {
      const text = 'P1: 00:12:31\n\nP1: I waited sixteen weeks.\n\nP1: 42\n\nP1: Nobody rang.\n';
      const { ws, texts } = await study({
        'codebook.yaml': 'tags:\n  - id: p1\n    label: P1 voice\n',
        'transcripts/e.md': text,
        'highlights/transcripts/e.md.yaml': `source: transcripts/e.md\nhighlights:\n  - id: h-aaaaaaaa\n    quote: Nobody rang.\n    start: ${text.indexOf('Nobody')}\n    end: ${text.indexOf('Nobody') + 12}\n    tags: [p1]\n`,
      });
      const plan = planAutocode(ws, texts, speaker('P1'), 'P1 voice');
      assert.deepEqual(
        plan.passages.map((p) => p.quote),
        ['I waited sixteen weeks.'],
      );
      assert.deepEqual(
        plan.skipped.map((s) => [s.reason, s.quote]),
        [
          ['no-words', '00:12:31'],
          ['no-words', '42'],
          ['already-coded', 'Nobody rang.'],
        ],
      );
      assert.deepEqual(plan.newTags, []); // "P1 voice" is the label of p1
      assert.equal(plan.tag, 'p1');
    });

    it('says why nothing was planned: an unknown speaker lists the speakers there are', async () => {
      const { ws, texts } = await study({ 'transcripts/f.md': 'Interviewer: Hello?\n\nP07: Hi.\n\nP07: Yes.\n' });
      const plan = planAutocode(ws, texts, speaker('P7'), 'x');
      assert.deepEqual(plan.passages, []);
      assert.equal(plan.nothing, 'No turn is spoken by "P7" in 1 transcript(s). Speakers found: P07 (2), Interviewer (1).');
      assert.deepEqual(plan.newTags, []);
      assert.match(planAutocode(ws, texts, match('zebra'), 'x').nothing!, /^No passage matches "zebra" in 1 transcript/);
    });

    it('refuses an invalid regular expression and an empty word list with a sentence', () => {
      assert.throws(() => compilePattern('(wait', true), /^PatternError: "\(wait" is not a valid regular expression: Unterminated group\.$/);
      assert.throws(() => compilePattern(' , ,'), /lists no word/);
      assert.throws(() => compilePattern(''), /The pattern is empty/);
      assert.equal(foldAccents('Kötelező Ünnep'), 'Kotelezo Unnep');
    });
  });

  describe('the write', () => {
    const TEXT = '---\nparticipant: P07\n---\n[00:00:05] Interviewer: How long did you wait?\n\n[00:00:09] P07: Sixteen weeks, for the grab rails.\n\n[00:00:20] P07: Nobody rang.\n';

    it('adds the highlights and the new tag in one change, each highlight recording its rule, in canonical key order', async () => {
      const { fs, ws, texts } = await study({ 'transcripts/p07.md': TEXT });
      const plan = planAutocode(ws, texts, speaker('P07'), 'participant-voice');
      const edits = new EditPlan(fs, ws.versions);
      assert.deepEqual(await applyAutocode(edits, ws, texts, plan, mulberry32(7)), []);
      const result = edits.result();
      assert.deepEqual(result.edits.map((e) => e.path).sort(), ['codebook.yaml', 'highlights/transcripts/p07.md.yaml']);
      fs.apply(result.edits);
      assert.equal(
        fs.text('highlights/transcripts/p07.md.yaml'),
        `source: transcripts/p07.md
sourceHash: ${ws.transcripts.get('transcripts/p07.md')!.hash}
highlights:
  - id: h-01zpgce7
    quote: Sixteen weeks, for the grab rails.
    prefix: " did you wait?\\n\\n[00:00:09] P07: "
    suffix: "\\n\\n[00:00:20] P07: Nobody rang.\\n"
    start: 89
    end: 123
    tags: [participant-voice]
    speaker: P07
    time: "00:00:09"
    assisted:
      by: autocode
      rule: "speaker: P07"
  - id: h-hq84rg6b
    quote: Nobody rang.
    prefix: "he grab rails.\\n\\n[00:00:20] P07: "
    suffix: "\\n"
    start: 141
    end: 153
    tags: [participant-voice]
    speaker: P07
    time: "00:00:20"
    assisted:
      by: autocode
      rule: "speaker: P07"
`,
      );
      const { workspace } = await loadWorkspace(fs);
      assert.deepEqual(workspace.problems, []);
      assert.deepEqual(
        workspace.highlightFiles.get('highlights/transcripts/p07.md.yaml')!.highlights.map((h) => h.assisted),
        [
          { by: 'autocode', rule: 'speaker: P07' },
          { by: 'autocode', rule: 'speaker: P07' },
        ],
      );
      assert.deepEqual(
        workspace.codebook.map((t) => t.id),
        ['participant-voice'],
      );
      // Run again: everything is already coded.
      const again = planAutocode(workspace, (await loadedTranscriptTexts(fs, workspace)).texts, speaker('P07'), 'participant-voice');
      assert.equal(again.passages.length, 0);
      assert.equal(again.nothing, 'Nothing new to code: all 2 passage(s) the rule finds are already coded with that tag.');
    });

    it('reports an assisted field of the wrong shape at its line and column, and loads nothing from the file', async () => {
      const fs = new MemoryFileSystem({
        'research.yaml': RESEARCH,
        'participants.yaml': PARTICIPANTS,
        'transcripts/p07.md': TEXT,
        'highlights/transcripts/p07.md.yaml': 'source: transcripts/p07.md\nhighlights:\n  - id: h-aaaaaaaa\n    quote: Nobody rang.\n    start: 141\n    end: 153\n    tags: []\n    assisted:\n      by: robot\n      why: because\n',
      });
      const { workspace } = await loadWorkspace(fs);
      assert.deepEqual(
        workspace.problems.filter((p) => p.path.startsWith('highlights/')).map((p) => `${p.line}:${p.column} ${p.message}`),
        ['9:7 highlights[1].assisted is missing "rule".', '9:11 highlights[1].assisted.by must be one of: autocode, suggestion.', '10:7 Unknown key "why" in highlights[1].assisted. Known keys: by, rule.'],
      );
    });
  });
});
