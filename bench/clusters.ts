/**
 * How Sift's suggested clusters agree with a human grouping nobody here made: the 261 coded
 * segments of the PDPilot user study (MAXQDA export, ../shared/fixtures/real/maxqda-pdf/),
 * each taken as an uncoded comment (no tags: words only), against the code the research team
 * gave it — its leaf code, and its top-level category. Beside them, a simple baseline: k-means
 * on the same TF-IDF vectors with k given the true number of groups (which a researcher would
 * not know), best of 10 k-means++ starts. `npm run bench:clusters` prints the table;
 * `-- --write` also writes docs/suggestions.md.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from '../src/core/random';
import type { BoardCard } from '../src/core/board/board';
import { cardFeatures, cosine, suggestClusters } from '../src/core/board/suggest';
import { readCodedSegments, readCodeSystem } from '../test/support/maxqda-segments';

const segments = readCodedSegments(readCodeSystem());
const cards: BoardCard[] = segments.map((s, i) => ({ id: `s${i}`, quote: s.text, source: s.document, participant: s.document, attributes: {}, tags: [], anchored: true }));
const leaf = segments.map((s) => s.code);
const top = segments.map((s) => s.code.split(' > ')[0]!);
const speakers = ['Dan', 'Participant', ...new Set(segments.map((s) => s.document))];

/** A partition as one label per item; items no proposal took are each their own group. */
function partitionOf(groups: readonly (readonly number[])[], n: number): number[] {
  const label = Array.from({ length: n }, (_, i) => n + i);
  groups.forEach((g, k) => g.forEach((i) => (label[i] = k)));
  return label;
}

function adjustedRand(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const table = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  a.forEach((x, i) => {
    const key = `${x}\u0000${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + 1);
  });
  const pairs = (k: number) => (k * (k - 1)) / 2;
  const sum = (m: Map<unknown, number>) => [...m.values()].reduce((s, k) => s + pairs(k), 0);
  const index = sum(table);
  const [ra, cb, total] = [sum(rows), sum(cols), pairs(a.length)];
  const expected = (ra * cb) / total;
  return (index - expected) / ((ra + cb) / 2 - expected);
}

/** Share of items in their group's most common human label (only groups of two or more when `grouped`). */
function purity(pred: readonly number[], truth: readonly string[], grouped: boolean): { purity: number; items: number } {
  const groups = new Map<number, string[]>();
  pred.forEach((p, i) => groups.set(p, [...(groups.get(p) ?? []), truth[i]!]));
  let right = 0;
  let items = 0;
  for (const members of groups.values()) {
    if (grouped && members.length < 2) continue;
    const counts = new Map<string, number>();
    for (const t of members) counts.set(t, (counts.get(t) ?? 0) + 1);
    right += Math.max(...counts.values());
    items += members.length;
  }
  return { purity: items ? right / items : 0, items };
}

function kmeans(vectors: readonly Map<string, number>[], k: number, seed: number): { labels: number[]; inertia: number } {
  const random = mulberry32(seed);
  const centres: Map<string, number>[] = [new Map(vectors[Math.floor(random() * vectors.length)])];
  while (centres.length < k) {
    const d = vectors.map((v) => Math.min(...centres.map((c) => 1 - cosine(v, c))));
    const total = d.reduce((s, x) => s + x, 0);
    let r = random() * total;
    const pick = d.findIndex((x) => (r -= x) <= 0);
    centres.push(new Map(vectors[pick < 0 ? vectors.length - 1 : pick]));
  }
  let labels = vectors.map(() => 0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const next = vectors.map((v) => {
      let best = 0;
      let bestSim = -Infinity;
      centres.forEach((c, j) => {
        const s = cosine(v, c);
        if (s > bestSim) [best, bestSim] = [j, s];
      });
      return best;
    });
    const moved = next.some((l, i) => l !== labels[i]);
    labels = next;
    centres.forEach((_, j) => {
      const sum = new Map<string, number>();
      labels.forEach((l, i) => {
        if (l === j) for (const [t, x] of vectors[i]!) sum.set(t, (sum.get(t) ?? 0) + x);
      });
      const norm = Math.sqrt([...sum.values()].reduce((s, x) => s + x * x, 0)) || 1;
      centres[j] = new Map([...sum].map(([t, x]) => [t, x / norm]));
    });
    if (!moved) break;
  }
  const inertia = vectors.reduce((s, v, i) => s + 1 - cosine(v, centres[labels[i]!]!), 0);
  return { labels, inertia };
}

function bestKmeans(k: number): number[] {
  const { vectors } = cardFeatures(cards, speakers);
  let best: { labels: number[]; inertia: number } | undefined;
  for (let seed = 1; seed <= 10; seed++) {
    const run = kmeans(vectors, k, seed);
    if (!best || run.inertia < best.inertia) best = run;
  }
  return best!.labels;
}

const started = performance.now();
const proposals = suggestClusters(cards, { ignoreWords: speakers });
const ms = performance.now() - started;
const index = new Map(cards.map((c, i) => [c.id, i]));
const ours = partitionOf(
  proposals.map((p) => p.ids.map((id) => index.get(id)!)),
  cards.length,
);
const grouped = proposals.reduce((s, p) => s + p.ids.length, 0);
const kLeaf = new Set(leaf).size;
const kTop = new Set(top).size;
const baselineLeaf = bestKmeans(kLeaf);
const baselineTop = bestKmeans(kTop);

const f = (x: number) => x.toFixed(3);
const pct = (x: number) => `${Math.round(x * 100)} %`;
const rows = [
  [
    'Sift suggestions (words only, no k given)',
    f(adjustedRand(ours, leaf)),
    f(adjustedRand(ours, top)),
    pct(purity(ours, leaf, true).purity),
    pct(purity(ours, top, true).purity),
    `${proposals.length} proposals holding ${grouped} of ${cards.length} (${pct(grouped / cards.length)}); the rest stay unsorted`,
  ],
  [
    `k-means on TF-IDF, k = ${kLeaf} (true number of codes)`,
    f(adjustedRand(baselineLeaf, leaf)),
    f(adjustedRand(baselineLeaf, top)),
    pct(purity(baselineLeaf, leaf, false).purity),
    pct(purity(baselineLeaf, top, false).purity),
    `every passage placed`,
  ],
  [
    `k-means on TF-IDF, k = ${kTop} (true number of categories)`,
    f(adjustedRand(baselineTop, leaf)),
    f(adjustedRand(baselineTop, top)),
    pct(purity(baselineTop, leaf, false).purity),
    pct(purity(baselineTop, top, false).purity),
    `every passage placed`,
  ],
];
const table = ['| method | ARI vs codes | ARI vs categories | purity (codes) | purity (categories) | coverage |', '|---|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const examples = proposals
  .slice(0, 6)
  .map((p) => `- **${p.title}** — ${p.reason}`)
  .join('\n');
console.log(`${segments.length} passages, ${kLeaf} codes, ${kTop} categories; suggestions in ${ms.toFixed(0)} ms\n\n${table}\n\n${examples}`);

if (process.argv.includes('--write')) {
  const doc = `# Cluster suggestions against a human grouping

\`npm run bench:clusters -- --write\` (bench/clusters.ts) writes this page. Date: ${new Date().toISOString().slice(0, 10)}.

**The data.** The coded segments of a real user study nobody on this project took part in: the
PDPilot study's MAXQDA export (\`../shared/fixtures/real/maxqda-pdf/coded-segments.pdf\`, BSD-3-Clause),
read from the PDF. It holds ${segments.length} coded passages from 7 interviews, each with the code the research team gave it: ${kLeaf} codes in ${kTop}
top-level categories (\`code-system.pdf\`). The code system counts 293 codings: the other 32 are
MAXQDA "Anonymize" markers, which the export leaves out; every other code's count matches the code
system exactly (a unit test checks this, code by code). A passage coded twice appears twice, as in the export.

**The task.** Every passage is an *uncoded* comment (no tags: Sift sees only the words), as open
comments from a survey are before anyone codes them. Suggestions are asked for once, with default
settings; the interviewer's turns, the labels \`Dan:\`/\`Participant:\` and the participant ids are
ignored words. Agreement with the team's grouping is the adjusted Rand index (ARI: 0 is chance, 1 is
the same grouping) over all ${segments.length} passages, each passage no proposal took counting as a group of
its own; purity is the share of passages in their group's most common code (for Sift, over the
passages its proposals hold). The baseline is k-means on the same TF-IDF vectors (cosine, k-means++,
best of 10 seeds), given the true number of groups — which a researcher grouping comments does not know.

${table}

Suggestions over ${segments.length} passages took ${ms.toFixed(0)} ms on this machine.

**Reading it.** These codes are fine-grained and often evaluative ("Liked importance ranking",
"Didn't use cluster difference"): the team grouped passages by what was *judged*, in long turns that
share most of their vocabulary (features, plots, model). Word-based grouping of any kind finds little
of that, so the absolute figures are low for every method. Without being told how many groups
there are, Sift's proposals agree with the team's codes better than k-means given the true number of
codes; k-means given the true number of categories (8) agrees better with the categories, as a
method told the answer's size should. Sift groups small: about five passages per proposal here,
each named by the words its passages share, so a researcher reads a proposal in a glance and
accepts, renames or dismisses it; passages that share no telling words stay unsorted. What no
word-based method can do is see *judgement* ("liked", "didn't use"): that is the researcher's
coding, and once passages are tagged, tags weigh twice as much as words in the suggestions.

The largest proposals, as the board shows them:

${examples}
`;
  writeFileSync(path.join(__dirname, '..', 'docs', 'suggestions.md'), doc);
  console.log('\nwrote docs/suggestions.md');
}
