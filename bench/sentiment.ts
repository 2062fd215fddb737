/**
 * How Sift's sentiment proposals agree with a reader: the 80 participant turns and 20 Spanish
 * caption cues of bench/sentiment-passages.ts, against the labels in bench/sentiment-labels.json,
 * given by hand before any engine ran on them. Beside the engine: always the majority class
 * (neutral), and plain VADER as its authors use it (compound ±0.05, no speech rules).
 * `npm run bench:sentiment` prints the tables; `-- --write` also writes them into
 * docs/benchmarks.md (its Sentiment proposals section); `-- --errors` lists each disagreement.
 * Accuracy, not time: the engine scores a passage in well under a millisecond.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { proposeSentiment, studyTerms, type SentimentLabel, type SentimentProposal, type StudyTerms } from '../src/core/assist/sentiment';
import { allParticipantTurns, drawnCues, drawnTurns, heldOutTurns, type Passage } from './sentiment-passages';
import { serviceComments, serviceHeldOut, serviceTuning, serviceTurns } from './sentiment-service';

interface Label {
  file: string;
  start: number;
  end: number;
  label: SentimentLabel | 'decline';
  reason: string;
}

const labels: Label[] = JSON.parse(readFileSync(path.join(__dirname, 'sentiment-labels.json'), 'utf8')).passages;
const passages: Passage[] = [...drawnTurns(), ...drawnCues()];
passages.forEach((p, i) => {
  const l = labels[i];
  if (!l || l.file !== p.file || l.start !== p.start || l.end !== p.end) throw new Error(`label ${i + 1} does not name passage ${p.file} ${p.start}-${p.end}: the draw changed`);
});

type Answer = SentimentLabel | 'declined';

const SECTION_HEAD = `## Sentiment proposals

Written by \`npm run bench:sentiment -- --write\` (bench/sentiment.ts).

**What is measured.** Sift proposes a sentiment for journey quotes that have none (negative,
neutral, positive or mixed, with the words that drove it); the researcher confirms, changes or
dismisses it, and only a confirmed value is written. How often would the proposal already be
right, and does it beat always answering the most frequent label?

**The tuning set (80 turns).** 80 participant turns of 8 to 80 words drawn with a fixed seed
(21) from the 241 such turns of the seven PDPilot user-study interviews
(\`../shared/fixtures/real/maxqda-pdf/\`, English, think-aloud sessions with a data-science tool;
read with pdftotext, bench/sentiment-passages.ts), and 20 Spanish cues of five words or more
drawn with the same seed from a Netflix caption file (\`../shared/fixtures/real/captions/\`), which
the engine must decline. One reader labelled every turn by hand, reading it alone, before any
engine ran on it (bench/sentiment-labels.json: file, code-point offsets, label and a reason; no
participant's words). The label is how the participant feels about what they talk about (the
tool, the task, their work): a suggestion or a description of a model's behaviour is neutral; a
turn with clear feelings both ways is mixed. 49 neutral, 18 positive, 10 negative, 3 mixed.
Every rule and threshold of the engine was chosen on these 80, so their figures are optimistic.

**The held-out set (41 turns).** Rule, fixed before reading any turn: of the 161 turns of 8 to 80
words not among the 80, in file order (P1 to P7, pdftotext's reading order), every 4th starting
with the first (\`heldOutTurns\`, HELD_OUT_STEP = 4) — 41 turns. Labelled by one reader (the
engineering session that then changed the engine), reading each turn alone with the same reading
as the 80, and committed (bench/sentiment-heldout-labels.json, commit "Held-out sentiment set")
**before the engine was changed and without running any engine on them**; they were never used to
choose a rule or a threshold. 23 neutral, 14 positive, 2 negative, 2 mixed. 41 turns are few: one
turn is 2.4 points, so differences of a turn or two are noise. Caveat: the same session labelled them and then
wrote the rules, so it had read these turns; it looked at errors only on the tuning set, but one
fix (\`I really like\`, found from a unit-test sentence) touches a held-out turn that has that
phrase. A second reader's labels would make the held-out figures firmer.

**The service sets (116 tuning, 115 held out).** The PDPilot turns hold too few negative ones
(10 of 80, 2 of 41) to say whether Sift catches a complaint, which is what a journey map most
needs. So 231 more passages come from a study with real complaints: the 120 residents' comments
of \`examples/webinar-comments/webinar-qa.csv\` and the 111 participant turns of 8 to 80 words of
the interviews and focus group of \`examples/home-adaptations\` and the interviews of
\`examples/housing-repairs\` (bench/sentiment-service.ts). Rule, fixed before reading any: each
source in file order, odd places tune, even places are held out. One reader labelled all 231 in
one sitting, reading each alone, and committed them (bench/sentiment-service-*-labels.json,
commit "Service-study sentiment set") **before the engine was changed and without running any
engine on them**. Same reading as the 80, made explicit for complaints: a problem, failure, delay
or hardship reported is negative even when said flatly (\`The online account keeps logging me
out.\`), and so is a "why" question about a failure; a question, a request or a suggestion with no
complaint as its point is neutral. Tuning: 61 negative, 39 neutral, 7 positive, 9 mixed; held
out: 69 negative, 34 neutral, 7 positive, 5 mixed. Caveats: these are the project's own fictional
examples (written by earlier sessions for the documentation, not for this evaluation, and not by
anyone outside the project), positive passages are few (7 in each half), and one reader labelled
them and then wrote the rules — errors were read on the tuning halves only.

**What is reported, and why.** Accuracy alone hid the problem: always-neutral scores 61 % on the
PDPilot turns and proposes no negative at all. Each set's table gives accuracy, **balanced
accuracy** (the mean of each class's recall, so always-neutral scores 25 % however many neutral
turns there are), the **recall of each class** (of the passages labelled so, how many Sift
proposes so), and the **precision of negative** (of the passages proposed negative, how many are).

**The methods.** Always neutral: the most frequent label of the PDPilot sets (on the service sets
negative is, but proposing negative for everything is no method either; balanced accuracy
puts both at 25 %). Plain VADER as its authors use it (compound ±0.05). Before choosing VADER,
AFINN (\`sentiment\`) and \`wink-sentiment\` were run raw on the PDPilot tuning labels: 26/80 and
28/80 right (39/80 and 42/80 with a threshold of ±1), below always-neutral. Sift: VADER
(\`vader-sentiment\`, Apache-2.0) walked token by token with rules for speech — discourse markers
(\`yeah\`, \`okay\`, filler \`like\`, \`well\`, \`sure\`) carry no feeling; a negation reaches across
its clause (\`I wouldn't say it was great\`); a passage in another language is declined; mixed when
both sides reach 15 % of the words; the study's own terms carry no feeling (a lexicon word next to
the same content word in at least 3 of the study's passages: \`feature importance\`, \`ground
truth\`, and now either way round, \`waiting list\`; learnt without labels, in the bench from each
study's own passages, in VS Code and \`sift sentiment\` from the quotes consent lets Sift read).
For complaints (issue 21) Sift now adds five rules and a band, each chosen on the two tuning sets:

- **Words of waiting and failing** that VADER's lexicon, rated for microblogs, lacks: \`wait\`,
  \`waited\`, \`waiting\`, \`late\`, \`chasing\`, \`backlog\`, \`overdue\`, \`impossible\`,
  \`unhelpful\`, \`crashed\`, \`jargon\`… (about 30, rated −0.9 to −1.5 on VADER's scale). Such a
  word is the clause's topic when a word of VADER's lexicon says how it was (\`the wait was
  fine\` is positive); negated it says nothing (\`can't wait\` is eager); in a question it names
  the topic (\`How long is the waiting list?\`).
- **A service that did not do its part**: a negated verb of delivery — tell, say, come, arrive,
  answer, reply, ring, call, receive, hear, work, open, load, find, explain, share, match, accept,
  fit, contact, happen, show — is a failure (\`Nobody told us why\`, \`the form would not open\`),
  −1.1, named with its negation. Not when the negation is about a word of feeling (\`I wouldn't say
  it was great\`), a hedge (\`I wouldn't say\`), or knowing (\`never heard of\`, \`nothing comes to
  mind\`).
- **A question asks, it does not praise**: positive words in a sentence ending with \`?\` carry no
  feeling (\`Are there charities that help with the cost?\`); VADER's negative ones still count
  (\`Why is the letter so bad?\`).
- **A transcriber's note is not the speaker's feeling**: one to three lower-case words in brackets
  (\`(laughs)\`, \`[inaudible]\`); VADER rates \`laughs\` +2.2, and people laugh at their own bad news.
- **Stance words** (\`honestly\`, \`genuinely\`, \`frankly\`, \`to be honest\`, \`to be fair\`) say how
  frankly something is said, not what is felt.
- **Negative from −0.2, positive from +0.4.** Complaints are said softly — one weak word
  (\`delayed\`, −0.23) — while praise in speech comes with strong words; the symmetric ±0.4 band
  turned most complaints neutral. −0.2 was the best on both tuning sets (−0.1 … −0.35 tried; from
  −0.3 the service recall of negative halves).
- And three small fixes found on the tuning errors: \`super\` before a word is an intensifier
  (\`super deep\`), a far negation stops at a conjunction (\`arrived without notice and my mother
  was frightened\` was positive), \`Oh, wait,\` is an interjection; English \`a\` was missing from
  the language check's function words, which made one English comment "Portuguese".

**Before this change** (the engine at commit 94fc45a, run by this bench before any engine change):
negative recall 1/10 (PDPilot tuning), 0/2 (PDPilot held out), 7/61 (service tuning), 12/69
(service held out); accuracy 54/80, 28/41, 47/116, 42/115; balanced accuracy 41 %, 38 %, 49 %, 38 %;
neutral recall 40/49, 17/23, 33/39, 26/34; positive recall 13/18, 11/14, 7/7, 4/7.
The last row of each table ("without any of the five rules, band ±0.4") is today's engine with
the new rules off: it differs from before only by the terms either way round and the three fixes.
`;
const SECTION_TAIL = `
**What this says.** On the held-out service passages Sift now proposes negative for 34 of the 69
complaints (12 before, 25 for plain VADER), and 34 of its 41 negative proposals are right (83 %);
balanced accuracy 38 % → 42 %, accuracy 42/115 → 63/115. Neutral passages are kept as well as
before (26 of 34 held out, 33 of 39 tuning), and on the PDPilot turns nothing moved on the
held-out set (28/41, the same answers per class) while the tuning set gained 3 negatives for one
neutral turn. The price: one held-out positive service passage of 7 fewer (3 against 4; the
ablation rows show it is the transcriber's-note rule — the \`(laughs)\` was what made it
positive), and the negative band lets a few more neutral passages through (5 held-out neutral service
passages proposed negative, 1 before). Half the complaints are still missed: they are told as events with no
word of feeling at all (\`The contractor left the bathroom half finished for three weeks.\`, \`It's
been thirty-something weeks.\`, \`The online form times out\`), which a lexicon cannot read, and
the gap between the tuning and held-out service figures (30/61 against 34/69, 58 % against 42 %
balanced) says the rules fit the halves they were read on about as well as the other. Mixed is
still never proposed right (0 of 19 across the sets): a quote with strong words both ways is
shown as mixed, but people mostly mix by telling (\`lovely job … But the stair lift, no.\`).
Every Spanish cue is declined and no English passage is. This is why Sift only ever
**proposes**: the reason names the words it rests on (\`'Nobody told'\`, \`'waited'\`), and
Confirm, Change and Dismiss are one click each.
What the lexicon cannot do: read any language but English (so it declines), sarcasm (\`Great.
Really cleared it up.\`), feeling carried by events rather than words, or a negation outside its
clause.
`;
const CLASSES: Answer[] = ['negative', 'neutral', 'positive', 'mixed', 'declined'];
const GOLD: SentimentLabel[] = ['negative', 'neutral', 'positive', 'mixed'];

/** The labels of a label file, checked to name the passages drawn for it in order. */
function labelsFor(file: string, ps: readonly Passage[]): Label[] {
  const ls: Label[] = JSON.parse(readFileSync(path.join(__dirname, file), 'utf8')).passages;
  if (ls.length !== ps.length) throw new Error(`${file}: ${ls.length} labels for ${ps.length} passages`);
  ps.forEach((p, i) => {
    const l = ls[i]!;
    if (l.file !== p.file || l.start !== p.start || l.end !== p.end) throw new Error(`${file}: label ${i + 1} does not name passage ${p.file} ${p.start}-${p.end}: the draw changed`);
  });
  return ls;
}

interface Scored {
  p: Passage;
  l: Label;
}
/** One set of labelled passages, with the terms of the study it comes from (learnt without labels). */
interface EvalSet {
  name: string;
  items: Scored[];
  terms: StudyTerms;
}
const withLabels = (ps: readonly Passage[], ls: readonly Label[]): Scored[] => ps.map((p, i) => ({ p, l: ls[i]! }));
const pdpilotTerms = studyTerms(allParticipantTurns().map((p) => p.text));
const serviceTerms = studyTerms([...serviceComments(), ...serviceTurns()].map((p) => p.text));
const tuning80 = withLabels(passages, labels);
const english = tuning80.filter((x) => x.l.label !== 'decline');
const foreign = tuning80.filter((x) => x.l.label === 'decline');
const SETS: EvalSet[] = [
  { name: 'PDPilot tuning (80)', items: english, terms: pdpilotTerms },
  { name: 'PDPilot held out (41)', items: withLabels(heldOutTurns(), labelsFor('sentiment-heldout-labels.json', heldOutTurns())), terms: pdpilotTerms },
  { name: `Service tuning (${serviceTuning().length})`, items: withLabels(serviceTuning(), labelsFor('sentiment-service-tuning-labels.json', serviceTuning())), terms: serviceTerms },
  { name: `Service held out (${serviceHeldOut().length})`, items: withLabels(serviceHeldOut(), labelsFor('sentiment-service-heldout-labels.json', serviceHeldOut())), terms: serviceTerms },
];

const answer = (p: SentimentProposal): Answer => (p.kind === 'declined' ? 'declined' : p.label);
type Engine = (text: string, terms: StudyTerms) => Answer;
const SIFT = 'Sift (speech and complaint rules, bands +0.4 / −0.2)';
const engines: Record<string, Engine> = {
  'Always neutral (the most frequent label of the PDPilot sets)': () => 'neutral',
  'Plain VADER (compound ±0.05)': (text) => {
    const c = SentimentIntensityAnalyzer.polarity_scores(text).compound;
    return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
  },
  [SIFT]: (text, terms) => answer(proposeSentiment(text, terms)),
  '… with the symmetric band ±0.4 of before': (text, terms) => answer(proposeSentiment(text, terms, { negativeThreshold: 0.4 })),
  '… without the complaint words': (text, terms) => answer(proposeSentiment(text, terms, { complaints: false })),
  '… without negated delivery verbs': (text, terms) => answer(proposeSentiment(text, terms, { unmet: false })),
  '… without the question rule': (text, terms) => answer(proposeSentiment(text, terms, { questions: false })),
  '… without transcriber notes': (text, terms) => answer(proposeSentiment(text, terms, { notes: false })),
  '… without stance words': (text, terms) => answer(proposeSentiment(text, terms, { stance: false })),
  '… without any of the five rules, band ±0.4': (text, terms) => answer(proposeSentiment(text, terms, { negativeThreshold: 0.4, complaints: false, unmet: false, questions: false, notes: false, stance: false })),
};
/** The rows whose confusion matrices are shown. */
const MATRICES = new Set([SIFT]);

const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(0)} %`);
const frac = (a: number, b: number) => `${a}/${b}`;
/**
 * Accuracy, and what accuracy hides when one class is most of a set: each class's recall (of
 * the passages labelled so, the share proposed so), balanced accuracy (the mean of the recalls
 * of the classes the set has: always-neutral scores 1/classes however many neutral turns there
 * are), and the precision of negative (of the passages proposed negative, the share labelled so).
 */
function scoreSet(set: EvalSet, run: Engine) {
  const answers = set.items.map((x) => run(x.p.text, set.terms));
  const right = answers.filter((a, i) => a === set.items[i]!.l.label).length;
  const recall = GOLD.map((g) => {
    const of = set.items.filter((x) => x.l.label === g).length;
    return { g, of, hit: answers.filter((a, i) => a === g && set.items[i]!.l.label === g).length };
  });
  const present = recall.filter((r) => r.of > 0);
  const balanced = present.reduce((sum, r) => sum + r.hit / r.of, 0) / present.length;
  const saidNegative = answers.filter((a) => a === 'negative').length;
  const negativeRight = recall[0]!.hit;
  return { answers, right, recall, balanced, saidNegative, negativeRight };
}

const lines: string[] = [];
const matrices: string[] = [];
for (const set of SETS) {
  lines.push(
    `**${set.name}** (${GOLD.map((g) => `${set.items.filter((x) => x.l.label === g).length} ${g}`).join(', ')})\n`,
    '| Method | Accuracy | Balanced accuracy | Recall: negative | neutral | positive | mixed | Precision of negative |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const [name, run] of Object.entries(engines)) {
    const s = scoreSet(set, run);
    const r = (i: number) => (s.recall[i]!.of === 0 ? '–' : frac(s.recall[i]!.hit, s.recall[i]!.of));
    lines.push(
      `| ${name} | ${frac(s.right, set.items.length)} (${pct(s.right, set.items.length)}) | ${(100 * s.balanced).toFixed(0)} % | ${r(0)} | ${r(1)} | ${r(2)} | ${r(3)} | ${s.saidNegative === 0 ? '– (none proposed)' : `${frac(s.negativeRight, s.saidNegative)} (${pct(s.negativeRight, s.saidNegative)})`} |`,
    );
    if (!MATRICES.has(name)) continue;
    matrices.push(`**${name}**, ${set.name}: rows are the hand labels, columns what it answered.\n`, `| label \\ answer | ${CLASSES.join(' | ')} |`, `|---|${CLASSES.map(() => '---').join('|')}|`);
    for (const g of GOLD) matrices.push(`| ${g} (${set.items.filter((x) => x.l.label === g).length}) | ${CLASSES.map((c) => s.answers.filter((a, i) => set.items[i]!.l.label === g && a === c).length).join(' | ')} |`);
    matrices.push('');
  }
  lines.push('');
}
const sift = engines[SIFT]!;
const declined = foreign.filter((x) => sift(x.p.text, pdpilotTerms) === 'declined').length;
const wrongly = SETS.flatMap((set) => set.items.filter((x) => sift(x.p.text, set.terms) === 'declined')).length;
lines.push(`Spanish cues declined: ${declined} of ${foreign.length}; English passages wrongly declined: ${wrongly} of ${SETS.reduce((n, s) => n + s.items.length, 0)}.`, '');
const tables = [...lines, ...matrices].join('\n');
console.log(tables);
if (process.argv.includes('--write')) {
  const doc = path.join(__dirname, '..', 'docs', 'benchmarks.md');
  const section = `\n<!-- sentiment:start -->\n${SECTION_HEAD}\n${tables}\n${SECTION_TAIL}\n<!-- sentiment:end -->\n`;
  const current = readFileSync(doc, 'utf8');
  const marked = /\n<!-- sentiment:start -->[\s\S]*<!-- sentiment:end -->\n/;
  writeFileSync(doc, marked.test(current) ? current.replace(marked, section) : current + section);
  console.log('Wrote docs/benchmarks.md (Sentiment proposals).');
}
if (process.argv.includes('--errors')) {
  // Only the tuning sets: the held-out ones are not read while changing the engine.
  for (const set of SETS.filter((s) => s.name.includes('tuning'))) {
    console.log(`\n## ${set.name}`);
    set.items.forEach((x, i) => {
      const p = proposeSentiment(x.p.text, set.terms);
      const got = p.kind === 'declined' ? 'declined' : p.label;
      if (got !== x.l.label) console.log(`#${i + 1} ${x.l.label} -> ${got} (${p.kind === 'proposal' ? `${p.score} ${p.reason}` : p.reason})\n   ${x.p.text}`);
    });
  }
}
