/**
 * How Sift's sentiment proposals agree with a reader: the 80 participant turns and 20 Spanish
 * caption cues of bench/sentiment-passages.ts, against the labels in bench/sentiment-labels.json,
 * given by hand before any engine ran on them. Beside the engine: always the majority class
 * (neutral), and plain VADER as its authors use it (compound ±0.05, no speech rules).
 * `npm run bench:sentiment` prints the tables (Markdown, for docs/benchmarks.md).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { proposeSentiment, type SentimentLabel } from '../src/core/assist/sentiment';
import { drawnCues, drawnTurns, type Passage } from './sentiment-passages';

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
const CLASSES: Answer[] = ['negative', 'neutral', 'positive', 'mixed', 'declined'];
const engines: Record<string, (text: string) => Answer> = {
  'Always neutral (majority class)': () => 'neutral',
  'Plain VADER (compound ±0.05)': (text) => {
    const c = SentimentIntensityAnalyzer.polarity_scores(text).compound;
    return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
  },
  'Sift (VADER with speech rules)': (text) => {
    const p = proposeSentiment(text);
    return p.kind === 'declined' ? 'declined' : p.label;
  },
};

const english = passages.map((p, i) => ({ p, l: labels[i]! })).filter((x) => x.l.label !== 'decline');
const foreign = passages.map((p, i) => ({ p, l: labels[i]! })).filter((x) => x.l.label === 'decline');
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} %`;
const lines: string[] = [];
lines.push(`| Method | Accuracy (4 classes, ${english.length} English turns) | Polarity accuracy (mixed read as neutral) | Spanish cues declined (of ${foreign.length}) | English turns wrongly declined |`, '|---|---|---|---|---|');
const matrices: string[] = [];
for (const [name, run] of Object.entries(engines)) {
  const answers = english.map((x) => run(x.p.text));
  const right = answers.filter((a, i) => a === english[i]!.l.label).length;
  const polar = (a: string) => (a === 'mixed' ? 'neutral' : a);
  const rightPolar = answers.filter((a, i) => polar(a) === polar(english[i]!.l.label)).length;
  const declined = foreign.filter((x) => run(x.p.text) === 'declined').length;
  const wrongly = answers.filter((a) => a === 'declined').length;
  lines.push(`| ${name} | ${right}/${english.length} (${pct(right, english.length)}) | ${rightPolar}/${english.length} (${pct(rightPolar, english.length)}) | ${declined} | ${wrongly} |`);
  const gold: SentimentLabel[] = ['negative', 'neutral', 'positive', 'mixed'];
  matrices.push(`**${name}**: rows are the hand labels, columns what it answered.\n`, `| label \\ answer | ${CLASSES.join(' | ')} |`, `|---|${CLASSES.map(() => '---').join('|')}|`);
  for (const g of gold) matrices.push(`| ${g} (${english.filter((x) => x.l.label === g).length}) | ${CLASSES.map((c) => answers.filter((a, i) => english[i]!.l.label === g && a === c).length).join(' | ')} |`);
  matrices.push('');
}
console.log([...lines, '', ...matrices].join('\n'));
if (process.argv.includes('--errors')) {
  english.forEach((x, i) => {
    const p = proposeSentiment(x.p.text);
    const got = p.kind === 'declined' ? 'declined' : p.label;
    if (got !== x.l.label) console.log(`#${i + 1} ${x.l.label} -> ${got} (${p.kind === 'proposal' ? `${p.score} ${p.reason}` : p.reason})\n   ${x.p.text}`);
  });
}
