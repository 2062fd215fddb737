/**
 * Re-anchoring accuracy and speed, Sift beside its peer: each transcript is edited by the
 * core's simulator (words substituted, deleted and inserted at a given rate, short quotes
 * deleted, exact copies of quotes planted elsewhere as decoys while the real quote is
 * edited), and every highlight is re-anchored on exactly the same edits by
 *   - Sift with the old text (the git-history path: the diff from the previous blob),
 *   - Sift from the quote and its context only (no history: a re-exported transcript),
 *   - Hypothesis's quote anchoring (bench/hypothesis-anchoring.ts), the peer baseline.
 */
import { anchorHighlights, type AnchorResult } from '../src/core/anchoring/anchor';
import { intersectionOverUnion, simulateEdits, type SimulatedEdit } from '../test/support/anchoring-simulator';
import type { StoredAnchor } from '../src/core/model';
import { CodePointIndex } from '../src/core/text';
import type { AnchoringCase } from './anchoring-corpus';
import { hypothesisAnchor } from './hypothesis-anchoring';
import { distribution, type Distribution } from './stats';

export const EDIT_RATES = [0.01, 0.05, 0.1, 0.2] as const;

/** Share of short quotes whose text the simulator deletes outright. */
export const DELETE_SHORT_QUOTES = 0.5;
/** Share of quotes copied verbatim elsewhere while the original is edited. */
export const DUPLICATE_QUOTES = 0.1;

export const ANCHORERS = ['Sift, with old text', 'Sift, quote only', 'Hypothesis'] as const;
export type Anchorer = (typeof ANCHORERS)[number];

const RUN: Record<Anchorer, (text: string, oldText: string, highlights: readonly StoredAnchor[]) => AnchorResult[]> = {
  'Sift, with old text': (text, oldText, highlights) => anchorHighlights({ text, oldText, highlights }),
  'Sift, quote only': (text, _oldText, highlights) => anchorHighlights({ text, highlights }),
  Hypothesis: (text, _oldText, highlights) => hypothesisAnchor(text, highlights),
};

/** What happened to the highlights of one corpus at one rate, for one anchorer. */
export interface AnchoringTally {
  total: number;
  /** Highlights whose text the edits deleted (orphaned is right for them). */
  deleted: number;
  /** At the right place (IoU ≥ 0.8), with or without review, or orphaned when deleted. */
  correct: number;
  /** At the right place and not offered for review (anchored or moved). */
  correctWithoutReview: number;
  /** Placed elsewhere (or placed though deleted) without review. */
  wrongSilent: number;
  /** Placed elsewhere but offered for review. */
  wrongReviewed: number;
  /** Offered for review (fuzzy), right or wrong. */
  reviewed: number;
  /** Orphaned although the text is still there. */
  missed: number;
  /** Orphaned, its text deleted: right. */
  orphanedCorrectly: number;
  /** Highlights whose own words came through the edits untouched (only their surroundings changed). */
  intact: number;
  intactCorrectWithoutReview: number;
}

export interface AnchoringMeasurement {
  corpus: string;
  rate: number;
  anchorer: Anchorer;
  transcripts: number;
  tally: AnchoringTally;
  /** Milliseconds per transcript. */
  time: Distribution;
  /** How often each review reason was given (Sift only). */
  reviewReasons: Record<string, number>;
}

function emptyTally(): AnchoringTally {
  return { total: 0, deleted: 0, correct: 0, correctWithoutReview: 0, wrongSilent: 0, wrongReviewed: 0, reviewed: 0, missed: 0, orphanedCorrectly: 0, intact: 0, intactCorrectWithoutReview: 0 };
}

/** The edits of one case at one rate: the same for every anchorer and every run. */
export function editsFor(c: AnchoringCase, rate: number, i: number): SimulatedEdit {
  const seed = 1_000_003 * Math.round(rate * 1000) + i;
  return simulateEdits(c.text, c.highlights, { wordEditRate: rate, seed, deleteShortQuotes: DELETE_SHORT_QUOTES, duplicateQuotes: DUPLICATE_QUOTES });
}

/** Every rate and anchorer over the same cases and edits. */
export function measureAnchoring(corpus: string, cases: readonly AnchoringCase[], rates: readonly number[] = EDIT_RATES, onProgress?: (line: string) => void): AnchoringMeasurement[] {
  const out: AnchoringMeasurement[] = [];
  for (const rate of rates) {
    const acc = new Map(ANCHORERS.map((a) => [a, { tally: emptyTally(), times: [] as number[], reasons: {} as Record<string, number> }]));
    cases.forEach((c, i) => {
      const edit = editsFor(c, rate, i);
      const newIndex = new CodePointIndex(edit.newText);
      for (const anchorer of ANCHORERS) {
        const a = acc.get(anchorer)!;
        const started = performance.now();
        const results = RUN[anchorer](edit.newText, edit.oldText, c.highlights);
        a.times.push(performance.now() - started);
        tally(a.tally, a.reasons, results, c.highlights, edit, newIndex);
      }
    });
    for (const [anchorer, a] of acc) out.push({ corpus, rate, anchorer, transcripts: cases.length, tally: a.tally, time: distribution(a.times), reviewReasons: a.reasons });
    onProgress?.(`  ${corpus}: ${rate * 100} % edits done`);
  }
  return out;
}

function tally(into: AnchoringTally, reasons: Record<string, number>, results: readonly AnchorResult[], highlights: readonly StoredAnchor[], edit: SimulatedEdit, newIndex: CodePointIndex): void {
  const byId = new Map(highlights.map((h) => [h.id, h]));
  for (const r of results) {
    const truth = edit.truth.get(r.id);
    const h = byId.get(r.id);
    if (truth === undefined || !h) continue;
    into.total++;
    const review = r.state === 'fuzzy';
    if (review) {
      into.reviewed++;
      reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
    }
    const intact = truth !== null && newIndex.slice(truth.start, truth.end) === h.quote;
    if (truth === null) into.deleted++;
    if (intact) into.intact++;
    if (r.state === 'orphaned') {
      if (truth === null) {
        into.correct++;
        into.orphanedCorrectly++;
      } else into.missed++;
      continue;
    }
    if (truth !== null && intersectionOverUnion(r, truth) >= 0.8) {
      into.correct++;
      if (!review) {
        into.correctWithoutReview++;
        if (intact) into.intactCorrectWithoutReview++;
      }
    } else if (review) into.wrongReviewed++;
    else into.wrongSilent++;
  }
}

/** Re-anchoring one long transcript from its quotes only, by Sift and by the peer: milliseconds per run. */
export interface SpeedMeasurement {
  characters: number;
  highlights: number;
  rate: number;
  sift: Distribution;
  hypothesis: Distribution;
  /** CPU milliseconds of this process per run (the machine is shared: wall time includes waiting for a core). */
  siftCpu?: Distribution;
  hypothesisCpu?: Distribution;
  /** Correct place share in the timed runs, so speed is never bought with accuracy unseen. */
  siftCorrect: number;
  hypothesisCorrect: number;
}

export function measureSpeed(c: AnchoringCase, rate = 0.1, runs = 5): SpeedMeasurement {
  const edit = editsFor(c, rate, 0);
  const newIndex = new CodePointIndex(edit.newText);
  const time = (anchorer: Anchorer) => {
    const times: number[] = [];
    const cpu: number[] = [];
    const t = emptyTally();
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const results = RUN[anchorer](edit.newText, edit.oldText, c.highlights);
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
      if (run === 0) tally(t, {}, results, c.highlights, edit, newIndex);
    }
    return { time: distribution(times), cpu: distribution(cpu), correct: t.correct / Math.max(1, t.total) };
  };
  const sift = time('Sift, quote only');
  const hypothesis = time('Hypothesis');
  return { characters: c.text.length, highlights: c.highlights.length, rate, sift: sift.time, hypothesis: hypothesis.time, siftCpu: sift.cpu, hypothesisCpu: hypothesis.cpu, siftCorrect: sift.correct, hypothesisCorrect: hypothesis.correct };
}
