/**
 * Re-anchoring accuracy and speed: the generated transcripts are edited by the core's
 * simulator (words substituted, deleted and inserted at a given rate, short quotes deleted,
 * exact copies of quotes planted elsewhere as decoys while the real quote is edited), and
 * every highlight is re-anchored twice: with the old text (the git-diff path, as when
 * history knows the transcript's previous blob) and without it (the quote-search path).
 */
import { makeAnchor } from '../src/core/anchoring/selectors';
import { anchorHighlights } from '../src/core/anchoring/anchor';
import { scoreAnchoring, simulateEdits, type AnchoringScore } from '../test/support/anchoring-simulator';
import type { StoredAnchor } from '../src/core/model';
import { CodePointIndex } from '../src/core/text';
import { mulberry32 } from '../src/core/random';
import { Picker } from './sampling';
import { distribution, type Distribution } from './stats';

export const EDIT_RATES = [0.01, 0.05, 0.1, 0.2] as const;

/** Short quotes (2–6 words) added per transcript, so the "deleted short quote" decoy has targets. */
const SHORT_QUOTES_PER_TRANSCRIPT = 5;
/** Share of short quotes whose text the simulator deletes outright. */
const DELETE_SHORT_QUOTES = 0.5;
/** Share of quotes copied verbatim elsewhere while the original is edited. */
const DUPLICATE_QUOTES = 0.1;

export interface AnchoringCase {
  source: string;
  text: string;
  highlights: readonly StoredAnchor[];
}

export type AnchoringMode = 'with old text' | 'quote only';

export interface AnchoringMeasurement {
  rate: number;
  mode: AnchoringMode;
  transcripts: number;
  score: AnchoringScore;
  /** Highlights whose text the simulator deleted (truth: orphaned is right). */
  deleted: number;
  /** Milliseconds of `anchorHighlights` per transcript. */
  time: Distribution;
}

export interface AnchoringSetup {
  storedPerTranscript: number;
  shortPerTranscript: number;
  deleteShortQuotes: number;
  duplicateQuotes: number;
}

export const ANCHORING_SETUP: AnchoringSetup = {
  storedPerTranscript: 50,
  shortPerTranscript: SHORT_QUOTES_PER_TRANSCRIPT,
  deleteShortQuotes: DELETE_SHORT_QUOTES,
  duplicateQuotes: DUPLICATE_QUOTES,
};

/** The stored highlights of a transcript plus a few short ones on whole words. */
export function anchoringCase(source: string, text: string, stored: readonly StoredAnchor[], seed: number): AnchoringCase {
  const picker = new Picker(mulberry32(seed));
  const index = new CodePointIndex(text);
  const words = [...text.matchAll(/[^\s<>]+/g)].map((m) => ({ start: index.toCodePoint(m.index!), end: index.toCodePoint(m.index! + m[0].length) }));
  const short: StoredAnchor[] = [];
  for (let i = 0; i < SHORT_QUOTES_PER_TRANSCRIPT && words.length > 10; i++) {
    const first = picker.int(0, words.length - 7);
    const last = first + picker.int(1, 5);
    short.push(makeAnchor(index, `h-short-${i}`, words[first]!.start, words[last]!.end));
  }
  return { source, text, highlights: [...stored, ...short] };
}

/** Every rate in both modes over the same cases; the edits for a case and rate are the same in both modes. */
export function measureAnchoring(cases: readonly AnchoringCase[], rates: readonly number[] = EDIT_RATES, onProgress?: (line: string) => void): AnchoringMeasurement[] {
  const out: AnchoringMeasurement[] = [];
  for (const rate of rates) {
    const acc = {
      'with old text': { score: emptyScore(), times: [] as number[] },
      'quote only': { score: emptyScore(), times: [] as number[] },
    };
    let deleted = 0;
    cases.forEach((c, i) => {
      const seed = 1_000_003 * Math.round(rate * 1000) + i;
      const edit = simulateEdits(c.text, c.highlights, { wordEditRate: rate, seed, deleteShortQuotes: DELETE_SHORT_QUOTES, duplicateQuotes: DUPLICATE_QUOTES });
      for (const t of edit.truth.values()) if (t === null) deleted++;
      for (const mode of ['with old text', 'quote only'] as const) {
        const started = performance.now();
        const results = anchorHighlights({ text: edit.newText, ...(mode === 'with old text' ? { oldText: edit.oldText } : {}), highlights: c.highlights });
        acc[mode].times.push(performance.now() - started);
        add(acc[mode].score, scoreAnchoring(results, edit.truth));
      }
    });
    for (const mode of ['with old text', 'quote only'] as const) {
      out.push({ rate, mode, transcripts: cases.length, score: acc[mode].score, deleted, time: distribution(acc[mode].times) });
    }
    onProgress?.(`  anchoring at ${rate * 100} % edits: done`);
  }
  return out;
}

function emptyScore(): AnchoringScore {
  return { correct: 0, wrongPlace: 0, wrongPlaceSilent: 0, orphanedCorrectly: 0, missed: 0, total: 0 };
}

function add(into: AnchoringScore, score: AnchoringScore): void {
  for (const key of Object.keys(into) as (keyof AnchoringScore)[]) into[key] += score[key];
}
