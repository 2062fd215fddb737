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

**The methods.** Always neutral: the most frequent label of the tuning set, and of the held-out
set too, so the most-frequent-label baseline is the same row. Plain VADER as its authors use it
(compound ±0.05). Before choosing VADER, AFINN (\`sentiment\`) and \`wink-sentiment\` were run
raw on the tuning labels: 26/80 and 28/80 right (39/80 and 42/80 with a threshold of ±1), below
always-neutral. Sift before this change (run as today's engine with the terms off and the ±0.3
band; the engine as it was before gives the same 47/80 and 26/41, checked): VADER (\`vader-sentiment\`, Apache-2.0) walked token by token with
rules for speech — discourse markers (\`yeah\`, \`okay\`, filler \`like\`, \`well\`, \`sure\`) carry
no feeling; a negation reaches across its clause (\`I wouldn't say it was great\`); a passage in
another language is declined; positive or negative from a compound score of ±0.3; mixed when
both sides reach 15 % of the words. Sift now adds:

- **The study's own terms carry no feeling.** A lexicon word right after the same content word
  in at least 3 of the study's passages is a term the study is about, and scores 0 there. Found
  by document frequency over the study, without labels: in the bench over all 413 participant
  turns of the seven interviews, in VS Code and \`sift sentiment\` over the quotes of the study's
  highlights that consent lets Sift read. Here it finds \`feature importance\`, \`feature value\`,
  \`predicted value\`, \`null values\`, \`shapley values\`, \`ground truth\`. Degree words
  (\`most important\`), indefinite pronouns (\`something interesting\`) and negations never make a
  term. Why pairs and not single words: by document frequency alone \`useful\` (40 turns) and
  \`good\` (26) are as frequent in this study as \`importance\` (23) and \`value\` (20), and they are
  the participants' real feelings about the tool; a threshold on single words would have thrown
  them out with the subject words.
- **A neutral band of ±0.4** (was ±0.3), the best on the tuning set (±0.3: 51, ±0.35: 52, ±0.4: 54,
  ±0.45: 53, ±0.5: 52 right of 80). Cost: a single mild word (\`I like the new form\`, 0.36) is now
  proposed neutral.
- **Two bugs fixed**: any word ending in \`nt\` was read as a negation (\`important\`, \`want\`
  turned the words after them round); \`like\` after a degree word (\`I really like\`) was taken
  for filler.
- Tried and dropped: stance adverbs (\`honestly\`, \`definitely\`) without valence — one turn
  worse on the tuning set (53 against 54), equal on the held-out set.
`;

const SECTION_TAIL = `
**What this says.** Sift's proposals now beat always-neutral on both sets: 54/80 against 49/80
on the turns the rules were tuned on, and 28/41 against 23/41 on the held-out turns (68 % against
56 %; before this change 26/41, 63 %). The margin on the held-out set is five turns of 41, so it is
a modest, noisy gain, not a solved problem: about one proposal in three is still wrong, which is
why Sift only ever **proposes** — the reason names the words it rests on, and Confirm, Change and
Dismiss are one click each. The rows "without study terms" and "with the old band" show each
change's share: each is worth one or two turns on each set. The price is paid on negative turns:
the wider band and the terms move weak complaints to neutral, so only 1 of the 10 negative tuning
turns and none of the 2 held-out ones is proposed negative (2 of 10 before); the gain is on neutral
turns (31 → 40 of 49 right on the tuning set). Errors left: neutral turns read as positive through
subject words that are not a repeated pair (\`the most important features\`, \`top 10\`, \`SHAP
values\` said in fewer than 3 turns), and negative turns whose complaint is carried by events or
weak words (\`limitation\`, \`falling into a trap\`) or by words VADER rates positive (\`definitely\`,
\`huge\`). Every Spanish cue is declined and no English turn is.
What the lexicon cannot do: read any language but English (so it declines), sarcasm, feeling
carried by events rather than words (\`Seven and a half months.\`), or a negation outside its
clause. Mixed is proposed rarely and was right on none of the 5 mixed turns of both sets; it is
kept because a quote with strong words both ways (\`helpful … but … awful\`) is better shown as
mixed than averaged to neutral.
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
const engines: Record<string, Engine> = {
  'Always neutral (the most frequent label of the PDPilot sets)': () => 'neutral',
  'Plain VADER (compound ±0.05)': (text) => {
    const c = SentimentIntensityAnalyzer.polarity_scores(text).compound;
    return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
  },
  'Sift (speech rules, study terms, band ±0.4)': (text, terms) => answer(proposeSentiment(text, terms)),
};
/** The rows whose confusion matrices are shown. */
const MATRICES = new Set(['Sift (speech rules, study terms, band ±0.4)']);

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
const sift = engines['Sift (speech rules, study terms, band ±0.4)']!;
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
