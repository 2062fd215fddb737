/**
 * The re-anchoring section of docs/benchmarks.md: the issue-19 targets with Sift (quote
 * only) and Hypothesis side by side, then every figure per corpus, rate and anchorer.
 */
import type { AnchoringMeasurement, Anchorer, SpeedMeasurement } from './anchoring';
import { DELETE_SHORT_QUOTES, DUPLICATE_QUOTES, EDIT_RATES } from './anchoring';
import { count, markdownTable, ms, percent, textTable } from './report';

export const ANCHORING_START = '<!-- anchoring:start -->';
export const ANCHORING_END = '<!-- anchoring:end -->';
/** The section as it stands in the page, for `npm run bench` to keep. */
export const ANCHORING_SECTION = /\n<!-- anchoring:start -->[\s\S]*<!-- anchoring:end -->\n/;

export interface AnchoringResults {
  date: string;
  machine: string;
  loadAverage: [number, number];
  quick: boolean;
  syntheticTranscripts: number;
  syntheticHighlights: number;
  realTranscripts: { source: string; characters: number; highlights: number }[];
  measurements: AnchoringMeasurement[];
  speed: SpeedMeasurement;
  seconds: number;
}

/**
 * Why a target is missed, from reading the results: shown only while it is missed, keyed
 * by target and corpus. Update when the cause changes.
 */
const GAP_NOTES: Record<string, string> = {
  'silent:real':
    'Fixed after this run (commits be56a80 and f1403ec, checked over the same edits): the one caption quote ("así que") at 20 % edits whose last word was doubled by an insertion ("así que que"). Whether the added word is inside the highlight or after it nobody can tell, and for a two-word quote that moves its end by a third: a short quote whose own edge word now comes twice next to it, where the stored context had another word, is offered for review (quote only and with the old text). It sends no correct place on the real transcripts to review; silently wrong is now 0 at every rate, both ways.',
  'silent:synthetic':
    'Fixed since the run before (13 of 5,500 at 20 % edits): a decoy copy of a rewritten quote between the same neighbours is now taken only where the neighbours expect the quote to start; ' +
    'approximate matches have their boundaries fitted to where quote and context agree best (they used to stop at an earlier copy of the last word); an exact quote never cuts a word. What is left is in the table below.',
  'intact:synthetic':
    "Was 94.7 % at 20 % edits. Sent to review no longer: a short quote's edge word copied beside it where the copy reads as a word of the context replaced (one edit outside, against two for a word added inside); a passage the interview repeats, context and all, beyond a highlight already placed around the quote (text edits keep passages in order: the best place between the neighbours is taken, and its rivals are looked for there); the only copy of a short quote where its neighbours expect it, its context edited but still recalled on both sides. Left at 20 % (4 of 207): a word equal to a short quote's edge word added right beside it, where inside or outside reads the same (a guess either way, so asked); the only copy of a short quote with its context, but away from where its neighbours expect it (a decoy or deleted short quote between them moved the estimate; taking such a copy anyway took the other copy of a line repeated across a MAXQDA page break, 3 silently wrong); two short quotes that recur with their context edited. At lower rates it is met.",
  'intact:real': 'At 20 % edits, short caption lines ("Por favor", "así que") that recur dozens of times with the same cue settings around them: offered for review rather than guessed.',
  'unreviewed:synthetic':
    'The rest are offered for review because a quarter or more of their characters were edited, their first or last word was edited (where the highlight should begin or end is a guess) or a short quote had a word edited; missed ones (orphaned, about 2 %) count against it too.',
  'unreviewed:real':
    'Was 77.3 % at 10 % edits, 86.8 % before the rules for intact quotes above and the one for a short quote with an inner word edited (3 more of the 50 left here placed). Why the 379 surviving highlights went to review or were orphaned, counted from the per-highlight results: a quarter or more of the characters edited (27), short quotes orphaned for want of context on both sides (16), an edited first or last word (13), a short quote with a word edited (13). Now placed without review where the place is not in doubt: edited inside but held by unedited words at both ends where the neighbours expect it (up to 40 % edited, read in characters or in words: a timestamp inserted is one word), short quotes held by one side\'s words, edited edge words that leave at most 15 % of the quote open. Left at 10 % (50): short quotes with too few of their words or context left (12 orphaned, 6 with no passage similar enough, 4 found once but out of context); places whose boundaries are a guess (8 offered for review with the wrong extent: a word next to the quote edited, the matcher\'s fitted boundary on the wrong side of it); 8 with more than 40 % edited or context edited on a side; a few with look-alikes. The caption bench inserts cue settings and timestamps as "words" inside quotes, which real re-exports rarely do.',
  speed:
    "CPU time is the figure to read (the machine ran other sessions' tests; wall time is mostly waiting for a core, and even CPU time swings by 2x with the load). Session 11, measured with `npm run bench:anchoring-speed` (this case only, 9 runs per process, the first JIT-cold) in three processes alternating with main's code at load ~22: CPU best / median 112–120 / 169–214 ms, main 176–208 / 273–296 ms. Done, each with all 50,384 results of `npm run bench:anchoring-golden` identical line for line (100 synthetic and the 11 real transcripts at every rate, with and without the old text, and this one): the matcher's block step without data-dependent branches; reversed patterns built from the forward text and kept by it (the recent patterns no longer overflow and get rebuilt while one transcript is anchored); rival searches spend their whole budget at once (a close rival is rare, so trying an eighth of the quote first cost a second pass); a quote's words read by the word scanner instead of a Unicode regex; the rare words' places merged from their sorted lists instead of sorted per quote; words lower-cased only when they need it. Left, from a profile after these (shares of the anchoring): the matcher over the expected stretch and the rival places about 37 %, fitting boundaries 16 %, the rare-word places 9 %, exact occurrences 8 %, garbage collection 7 %, the word index 4 %. Session 12 (speed lane; every result of `npm run bench:anchoring-golden` identical after each step): where a best match starts is found in a band around the diagonal (the row from the text's beginning with the match's error count as budget: blocks below join and blocks above drop out as in the search's cut-off); the rows of multi-block patterns and of boundary fitting written into buffers kept for them instead of new arrays; rival passes looking for the quote itself spend the whole budget at once (of 747 such searches on this transcript only 4 found a match within an eighth of the quote, so the tight first pass was nearly always a second pass). The matcher alone (search rows and best matches over the 1,000 quotes' stretches) takes about 20 % less CPU; the whole re-anchoring, alternating run by run with main's code in one process at load ~12: CPU best / p25 / median 129 / 139 / 148 ms against 130 / 143 / 150 (1–3 %, within the noise at that load). Left, from the profile after these (shares of the anchoring): the matcher rows about 31 % (searching the expected stretch, of which 61 % of the searches need a second pass with the whole budget after an eighth of the quote; a middle budget would not pay: counted, it costs as much on the searches it does not settle as it saves), fitting boundaries 12 %, the rare-word places 12 % (half of it the quotes' words looked up), judging (`wordSimilarity`'s word splitting by Unicode regexes, about 11 %), the word index 5 %, garbage collection 7 %. Fitting boundaries for the best match and its rival only does not help (a tier has 1.2 match groups on average).",
};

/**
 * The figures before the last change to the anchoring (session 10, run 2026-12-07T07:54Z, load
 * average ~22 on 2 cores), so the table shows what a change bought. Update with each change.
 */
const BEFORE = {
  speed: "2590 ms wall, 214 ms CPU at session 10's close",
  summary:
    "this session's changes (run 2026-12-07T07:54Z, load ~22): the long transcript 2445 ms wall, 426 ms CPU. " +
    'Places and states from the quote only came out identical line for line (13,184 results: the long transcript, 20 synthetic and the 11 real transcripts at every rate, quote only and with the old text). ' +
    "The with-old-text rows no longer move with the machine's load: the diff used to give up after 0.5 s of wall-clock time (at load ~16, 541 of those results differed from the same code given no deadline); it now counts its work (30 M steps of Myers' algorithm) and gives the diff diff-match-patch gives without a deadline, whatever the load.",
};

const share = (part: number, whole: number) => (whole === 0 ? 100 : (100 * part) / whole);

interface TargetRow {
  key: string;
  corpus: string;
  target: string;
  sift: string;
  peer: string;
  met: boolean;
}

function find(r: AnchoringResults, corpus: string, rate: number, anchorer: Anchorer): AnchoringMeasurement | undefined {
  return r.measurements.find((m) => m.corpus === corpus && m.rate === rate && m.anchorer === anchorer);
}

function targetRows(r: AnchoringResults): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const corpus of ['synthetic', 'real']) {
    const pairs = EDIT_RATES.map((rate) => ({ rate, sift: find(r, corpus, rate, 'Sift, quote only'), peer: find(r, corpus, rate, 'Hypothesis') })).filter(
      (p): p is { rate: (typeof EDIT_RATES)[number]; sift: AnchoringMeasurement; peer: AnchoringMeasurement } => !!p.sift && !!p.peer,
    );
    const perRate = (f: (m: AnchoringMeasurement) => number) => pairs.map((p) => `${percent(f(p.sift))}`).join(' / ');
    const perRatePeer = (f: (m: AnchoringMeasurement) => number) => pairs.map((p) => `${percent(f(p.peer))}`).join(' / ');
    const correct = (m: AnchoringMeasurement) => share(m.tally.correct, m.tally.total);
    const silent = (m: AnchoringMeasurement) => share(m.tally.wrongSilent, m.tally.total);
    const intact = (m: AnchoringMeasurement) => share(m.tally.intactCorrectWithoutReview, m.tally.intact);
    const unreviewed = (m: AnchoringMeasurement) => share(m.tally.correctWithoutReview, m.tally.total - m.tally.deleted);
    const at10 = pairs.find((p) => p.rate === 0.1);
    rows.push(
      { key: `correct:${corpus}`, corpus, target: 'Correct place, 1 / 5 / 10 / 20 % edits: ≥ the peer at every rate', sift: perRate(correct), peer: perRatePeer(correct), met: pairs.every((p) => correct(p.sift) >= correct(p.peer)) },
      { key: `silent:${corpus}`, corpus, target: 'Silently in the wrong place: ≤ 0.1 % at every rate', sift: perRate(silent), peer: perRatePeer(silent), met: pairs.every((p) => silent(p.sift) <= 0.1) },
      { key: `intact:${corpus}`, corpus, target: 'Intact quotes placed without review: ≥ 99 % at every rate', sift: perRate(intact), peer: perRatePeer(intact), met: pairs.every((p) => intact(p.sift) >= 99) },
      {
        key: `unreviewed:${corpus}`,
        corpus,
        target: 'Placed correctly without review at 10 % edits: ≥ 90 % (1 / 5 / 10 / 20 % shown)',
        sift: perRate(unreviewed),
        peer: perRatePeer(unreviewed),
        met: !!at10 && unreviewed(at10.sift) >= 90,
      },
    );
  }
  const s = r.speed;
  rows.push({
    key: 'speed',
    corpus: 'long',
    target: `Time per transcript, ${count(s.characters)} characters, ${count(s.highlights)} highlights, ${s.rate * 100} % edits: ≤ 100 ms (p50)`,
    sift: `${ms(s.sift.p50)} wall${s.siftCpu ? `, ${ms(s.siftCpu.p50)} CPU` : ''} (before: ${BEFORE.speed})`,
    peer: `${ms(s.hypothesis.p50)} wall${s.hypothesisCpu ? `, ${ms(s.hypothesisCpu.p50)} CPU` : ''}`,
    met: s.sift.p50 <= 100,
  });
  return rows;
}

const DETAIL_HEADER = [
  'Edits',
  'Anchorer',
  'Correct place',
  'Silently wrong (≤ 0.1 %)',
  'Placed correctly without review',
  'Intact quotes placed without review',
  'Offered for review (of them wrong)',
  'Missed (text still there)',
  'Orphaned correctly / deleted',
  'Time per transcript p50 / p95',
];

function detailRows(r: AnchoringResults, corpus: string): string[][] {
  return r.measurements
    .filter((m) => m.corpus === corpus)
    .map((m) => {
      const t = m.tally;
      return [
        `${m.rate * 100} %`,
        m.anchorer,
        percent(share(t.correct, t.total)),
        `${percent(share(t.wrongSilent, t.total))} (${t.wrongSilent})`,
        percent(share(t.correctWithoutReview, t.total - t.deleted)),
        `${percent(share(t.intactCorrectWithoutReview, t.intact))} of ${count(t.intact)}`,
        `${count(t.reviewed)} (${count(t.wrongReviewed)})`,
        count(t.missed),
        `${count(t.orphanedCorrectly)} / ${count(t.deleted)}`,
        `${ms(m.time.p50)} / ${ms(m.time.p95)}`,
      ];
    });
}

/** The review reasons Sift gave without history at 10 % edits, most frequent first. */
function reasonRows(r: AnchoringResults): string[][] {
  const counts = new Map<string, number[]>();
  const corpora = ['synthetic', 'real'];
  corpora.forEach((corpus, i) => {
    const m = find(r, corpus, 0.1, 'Sift, quote only');
    for (const [reason, n] of Object.entries(m?.reviewReasons ?? {})) {
      const row = counts.get(reason) ?? corpora.map(() => 0);
      row[i] = n;
      counts.set(reason, row);
    }
  });
  return [...counts].sort((a, b) => b[1].reduce((x, y) => x + y, 0) - a[1].reduce((x, y) => x + y, 0)).map(([reason, n]) => [`“${reason}”`, ...n.map(count)]);
}

export function anchoringConsole(r: AnchoringResults): string {
  return [
    textTable(
      ['Corpus', 'Target', 'Sift, quote only', 'Hypothesis', 'Verdict'],
      targetRows(r).map((t) => [t.corpus, t.target, t.sift, t.peer, t.met ? 'met' : 'not met']),
    ),
    '',
    textTable(DETAIL_HEADER, detailRows(r, 'synthetic')),
    '',
    textTable(DETAIL_HEADER, detailRows(r, 'real')),
    '',
    textTable(['Review reason (quote only, 10 %)', 'synthetic', 'real'], reasonRows(r)),
  ].join('\n');
}

export function anchoringSection(r: AnchoringResults): string {
  const real = r.realTranscripts;
  const s = r.speed;
  return [
    '## Re-anchoring',
    '',
    '<!-- Written by `npm run bench:anchoring` (bench/anchoring-run.ts); the text comes from bench/anchoring-report.ts (`npm run bench:anchoring -- --report-only` rewrites it from the last results). -->',
    '',
    `**Run:** ${r.date} · ${r.machine} · load average ${r.loadAverage.map((l) => l.toFixed(1)).join(' → ')} · measuring took ${(r.seconds / 60).toFixed(1)} min${r.quick ? ' · **quick**' : ''}`,
    '',
    'When a transcript changed and git has no old version of it (a re-exported transcript, a file copied in), Sift re-anchors each highlight from its quote and its context (32 characters each side). ' +
      'Every transcript below is edited by `simulateEdits` (words substituted, deleted and inserted at the rate, over quotes and surroundings alike; ' +
      `${DELETE_SHORT_QUOTES * 100} % of the short quotes deleted outright; ${DUPLICATE_QUOTES * 100} % of the quotes copied verbatim elsewhere as decoys while the original is edited), ` +
      'and exactly the same edits are re-anchored by Sift from the quote only, by Sift with the old text (the git-history path), and by the peer: ' +
      "Hypothesis's quote anchoring (hypothesis/client `match-quote.ts`: exact matches first, else approximate matches within quote length / 2 errors, candidates scored 50 quote + 20 prefix + 20 suffix + 2 position, the best taken; bench/hypothesis-anchoring.ts). " +
      'Hypothesis never asks for review, so everything it places is placed silently.',
    '',
    `- **Synthetic**: ${r.syntheticTranscripts} interviews generated as in the bench study (four formats, ~6,000 words), ${count(r.syntheticHighlights)} highlights (50 of 12–45 words and 5 of 2–6 words each).`,
    `- **Real**: ${real.length} transcripts nobody on the project wrote, read where they are in ../shared/fixtures/real/ — ${real.map((t) => `${t.source} (${count(t.characters)} characters, ${t.highlights} highlights)`).join(', ')}; ` +
      'highlights on whole words inside speaker turns (3 in 10 of 2–6 words, the rest 8–45), one per ~500 characters, seeded.',
    `- **Time budget**: one generated Markdown interview of ${count(s.characters)} characters with ${count(s.highlights)} highlights at ${s.rate * 100} % edits, re-anchored from the quotes only ${s.sift.count} times ` +
      `(correct place ${percent(100 * s.siftCorrect)} for Sift, ${percent(100 * s.hypothesisCorrect)} for Hypothesis in these runs).`,
    `- **Before** ${BEFORE.summary}`,
    '- **Measures**: *correct place* — placed over the true span (intersection over union ≥ 0.8), with or without review, or orphaned when its text was deleted; ' +
      '*silently wrong* — placed elsewhere (or placed though deleted) without review, of all highlights; *placed correctly without review* — of the highlights whose text survived; ' +
      '*intact quotes* — highlights whose own words came through untouched, only their surroundings edited.',
    '',
    '### Targets',
    '',
    markdownTable(
      ['Corpus', 'Target', 'Sift, quote only', 'Hypothesis', 'Verdict', 'Gap and cause'],
      targetRows(r).map((t) => [t.corpus, t.target, t.sift, t.peer, t.met ? 'met' : '**not met**', t.met ? '' : (GAP_NOTES[t.key] ?? '')]),
    ),
    '',
    '### Synthetic transcripts',
    '',
    markdownTable(DETAIL_HEADER, detailRows(r, 'synthetic')),
    '',
    '### Real transcripts',
    '',
    markdownTable(DETAIL_HEADER, detailRows(r, 'real')),
    '',
    '### Why Sift asked for review (quote only, 10 % edits)',
    '',
    markdownTable(['Reason shown to the researcher', 'Synthetic', 'Real'], reasonRows(r)),
  ].join('\n');
}
