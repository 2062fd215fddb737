/**
 * The transcripts the re-anchoring benchmark edits, with their highlights:
 *   - synthetic: interviews rendered in memory exactly as the bench study's generator writes
 *     them (bench/generate.ts: four formats, Zipf-distributed words, recurring phrases),
 *     with its 12–45-word highlights plus a few short ones;
 *   - real: the seven MAXQDA PDF interview transcripts (their text through pdftotext), the
 *     real captions and the Zoom export, read where they are (../shared/fixtures/real/), with
 *     highlights placed on whole words inside speaker turns, seeded;
 *   - long: one 300,000-character interview with 1,000 highlights, for the time budget.
 */
import { makeAnchor } from '../src/core/anchoring/selectors';
import type { StoredAnchor } from '../src/core/model';
import { mulberry32 } from '../src/core/random';
import { CodePointIndex, decodeText, normalizeText } from '../src/core/text';
import { parseTranscript } from '../src/core/transcripts';
import { realFixtureBytes, realPdfText } from '../test/support/real-fixtures';
import { FULL_CORPUS, formatOf, placeHighlights } from './generate';
import { Picker } from './sampling';
import { renderTranscript, Speech } from './transcripts';
import { rankedVocabulary } from './vocabulary';

export interface AnchoringCase {
  source: string;
  text: string;
  highlights: readonly StoredAnchor[];
}

/** Short quotes (2–6 words) added per synthetic transcript, so the "deleted short quote" decoy has targets. */
const SHORT_QUOTES_PER_TRANSCRIPT = 5;

/** `count` generated interviews of ~6,000 words with 50 highlights (+ 5 short), as in the bench study. */
export function syntheticCases(count: number, seed: number): AnchoringCase[] {
  return generated(count, seed, FULL_CORPUS.wordsPerTranscript, FULL_CORPUS.highlightsPerTranscript).map((c, i) => withShortQuotes(c, seed * 1000 + i));
}

/** One Markdown interview of ~300,000 characters with 1,000 highlights (as the editor bench's long transcript). */
export function longCase(seed: number): AnchoringCase {
  return generated(1, seed, 54_500, 1000)[0]!;
}

function generated(count: number, seed: number, words: number, highlights: number): AnchoringCase[] {
  const picker = new Picker(mulberry32(seed));
  const speech = new Speech(picker, rankedVocabulary(picker));
  let id = 0;
  return Array.from({ length: count }, (_, i) => {
    const format = count === 1 ? 'md' : formatOf(i);
    const participant = `P${String(i + 1).padStart(4, '0')}`;
    const source = `transcripts/${participant.toLowerCase()}.${format}`;
    const rendered = renderTranscript(format, participant, { date: '2026-03-01', title: 'Interview' }, speech, picker, Math.round(words * (0.9 + picker.random() * 0.2)));
    const placed = placeHighlights(source, rendered.text, rendered.runs, highlights, { picker, speech, participantIds: [participant], newId: () => `h-${(id++).toString(36)}`, tags: () => [] });
    return { source, text: rendered.text, highlights: placed.map(({ id: hid, quote, prefix, suffix, start, end }) => ({ id: hid, quote, prefix, suffix, start, end })) };
  });
}

/** The case's highlights plus a few short ones on whole words (the quotes most easily confused or deleted). */
function withShortQuotes(c: AnchoringCase, seed: number): AnchoringCase {
  const picker = new Picker(mulberry32(seed));
  const index = new CodePointIndex(c.text);
  const words = [...c.text.matchAll(/[^\s<>]+/g)].map((m) => ({ start: index.toCodePoint(m.index!), end: index.toCodePoint(m.index! + m[0].length) }));
  const short: StoredAnchor[] = [];
  for (let i = 0; i < SHORT_QUOTES_PER_TRANSCRIPT && words.length > 10; i++) {
    const first = picker.int(0, words.length - 7);
    const last = first + picker.int(1, 5);
    short.push(makeAnchor(index, `h-short-${i}`, words[first]!.start, words[last]!.end));
  }
  return { ...c, highlights: [...c.highlights, ...short] };
}

// ---------------------------------------------------------------------------------------
// Real transcripts

/** The real transcripts, by fixture path; PDFs are read as the plain text pdftotext gives. */
export const REAL_TRANSCRIPTS = [...[1, 2, 3, 4, 5, 6, 7].map((n) => `maxqda-pdf/P${n}.pdf`), 'captions/netflix_chicas_del_cable.vtt', 'captions/sample.vtt', 'captions/sample.srt', 'zoom/zoom-transcript-export.txt'] as const;

/** One highlight per this many characters of a real transcript (a densely coded interview). */
const CHARACTERS_PER_HIGHLIGHT = 500;

export function realCases(seed: number): AnchoringCase[] {
  return REAL_TRANSCRIPTS.map((fixture, i) => {
    const { source, text } = realText(fixture);
    return { source, text, highlights: highlightsInTurns(source, text, Math.max(2, Math.round(text.length / CHARACTERS_PER_HIGHLIGHT)), seed * 100 + i) };
  });
}

function realText(fixture: string): { source: string; text: string } {
  if (fixture.endsWith('.pdf')) return { source: fixture.replace(/\.pdf$/, '.txt'), text: normalizeText(realPdfText(fixture)) };
  const decoded = decodeText(fixture, realFixtureBytes(fixture));
  if (!decoded.ok) throw new Error(`${fixture}: ${decoded.problem.message}`);
  return { source: fixture, text: decoded.text };
}

/**
 * Highlights on whole words inside one speaker turn each, as a researcher selects them: the
 * turns' words are cut into `count` equal segments, and each gets one quote starting in it,
 * a short one (2–6 words) three times in ten, else 8–45 words, cut short at the turn's end.
 */
function highlightsInTurns(source: string, text: string, count: number, seed: number): StoredAnchor[] {
  const picker = new Picker(mulberry32(seed));
  const index = new CodePointIndex(text);
  const words: { start: number; end: number; turn: number }[] = [];
  parseTranscript(source, text).turns.forEach((turn, t) => {
    const from = index.toUtf16(turn.start);
    for (const m of text.slice(from, index.toUtf16(turn.end)).matchAll(/\S+/g)) words.push({ start: from + m.index, end: from + m.index + m[0].length, turn: t });
  });
  const out: StoredAnchor[] = [];
  let takenUpTo = 0;
  for (let k = 0; k < count && words.length > 0; k++) {
    const first = Math.max(takenUpTo, picker.int(Math.floor((k * words.length) / count), Math.max(0, Math.floor(((k + 1) * words.length) / count) - 1)));
    if (first >= words.length) break;
    const wanted = picker.chance(0.3) ? picker.int(2, 6) : picker.int(8, 45);
    let last = first;
    while (last + 1 < words.length && last + 1 - first < wanted && words[last + 1]!.turn === words[first]!.turn) last++;
    if (last === first) continue;
    // Leave trailing punctuation out, as a researcher selecting words usually does.
    const end = words[last]!.end - (/[.,;:!?]+$/.exec(text.slice(words[last]!.start, words[last]!.end))?.[0].length ?? 0);
    out.push(makeAnchor(index, `h-real-${k}`, index.toCodePoint(words[first]!.start), index.toCodePoint(Math.max(end, words[last]!.start + 1))));
    takenUpTo = last + 2;
  }
  return out;
}
