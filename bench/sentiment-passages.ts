/**
 * The passages of the sentiment evaluation, drawn from real transcripts nobody here wrote and
 * read where they are (never copied into the project): the participant turns of the seven
 * PDPilot user-study interviews (MAXQDA PDF export, ../shared/fixtures/real/maxqda-pdf/),
 * and the cues of a Spanish Netflix caption file (../shared/fixtures/real/captions/) for the
 * languages the engine must decline. A passage is named by its file and the code-point
 * offsets of its words in that file's text (pdftotext's reading order for the PDFs), so the
 * hand labels in bench/sentiment-labels.json hold no participant's words.
 */
import { readFileSync } from 'node:fs';
import { mulberry32 } from '../src/core/random';
import { realFixture, realPdfText } from '../test/support/real-fixtures';

export interface Passage {
  file: string;
  /** Code points into the file's text, half-open. */
  start: number;
  end: number;
  text: string;
}

export const INTERVIEWS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'].map((p) => `maxqda-pdf/${p}.pdf`);
export const SPANISH_CAPTIONS = 'captions/netflix_chicas_del_cable.vtt';
/** Turns of 8 to 80 words: shorter ones are mostly "Yeah." and "Okay."; longer ones hold several moments, not one. */
const MIN_WORDS = 8;
const MAX_WORDS = 80;
export const SEED = 21;
export const DRAWN = 80;

const codePoints = (s: string) => [...s].length;

/** Every participant turn of 8 to 80 words in the seven interviews, in file order. */
export function participantTurns(): Passage[] {
  return allParticipantTurns().filter((p) => {
    const n = p.text.split(/\s+/).length;
    return n >= MIN_WORDS && n <= MAX_WORDS;
  });
}

/** Every participant turn of the seven interviews, any length, in file order: the study whose terms the engine learns (no labels). */
export function allParticipantTurns(): Passage[] {
  const out: Passage[] = [];
  for (const file of INTERVIEWS) {
    const text = realPdfText(file);
    const turn = /(?:^|\n)Participant: ([\s\S]*?)(?=\n\n\d+\n|\n*\f|$)/g;
    for (const m of text.matchAll(turn)) {
      const words = m[1]!.trim();
      if (!words) continue;
      const at = m.index + m[0].indexOf(m[1]!);
      out.push({ file, start: codePoints(text.slice(0, at)), end: codePoints(text.slice(0, at + words.length)), text: words.replace(/\s*\n\s*/g, ' ') });
    }
  }
  return out;
}

/** DRAWN turns drawn without replacement with a fixed seed, in the order drawn. */
export function drawnTurns(): Passage[] {
  const pool = participantTurns();
  const random = mulberry32(SEED);
  const drawn: Passage[] = [];
  while (drawn.length < DRAWN && pool.length > 0) drawn.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return drawn;
}

/** Every HELD_OUT_STEP-th turn of those not drawn, in file order: the held-out set. */
export const HELD_OUT_STEP = 4;

/**
 * The held-out turns: of the participant turns not among the 80 drawn, in file order (P1 to
 * P7, reading order), the 1st, 5th, 9th… (every HELD_OUT_STEP-th). Labelled by hand before
 * the engine was changed (bench/sentiment-heldout-labels.json) and never used to tune it.
 */
export function heldOutTurns(): Passage[] {
  const drawn = new Set(drawnTurns().map((p) => `${p.file}:${p.start}`));
  return participantTurns()
    .filter((p) => !drawn.has(`${p.file}:${p.start}`))
    .filter((_, i) => i % HELD_OUT_STEP === 0);
}

/** Spanish cues drawn for the languages the engine must decline: cues of 5 words or more, with the same seed. */
export const DRAWN_CUES = 20;

export function drawnCues(): Passage[] {
  const pool = spanishCues().filter((p) => p.text.split(/\s+/).length >= 5);
  const random = mulberry32(SEED);
  const drawn: Passage[] = [];
  while (drawn.length < DRAWN_CUES && pool.length > 0) drawn.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return drawn;
}

/** The caption cues with words (Spanish), each a passage. */
export function spanishCues(): Passage[] {
  const text = readFileSync(realFixture(SPANISH_CAPTIONS), 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const out: Passage[] = [];
  const cue = /-->[^\n]*\n([\s\S]*?)(?=\n\n|\n*$)/g;
  for (const m of text.matchAll(cue)) {
    const words = m[1]!.trim();
    if (!words) continue;
    const at = m.index + m[0].indexOf(m[1]!);
    out.push({ file: SPANISH_CAPTIONS, start: codePoints(text.slice(0, at)), end: codePoints(text.slice(0, at + words.length)), text: words.replace(/<[^>]+>/g, '').replace(/\s*\n\s*/g, ' ') });
  }
  return out;
}

if (require.main === module) {
  const all = participantTurns();
  console.log(`${all.length} participant turns of ${MIN_WORDS}-${MAX_WORDS} words`);
  for (const [i, p] of drawnTurns().entries()) console.log(`#${i + 1} ${p.file} ${p.start}-${p.end}\n   ${p.text}`);
  if (process.argv.includes('--held-out')) for (const [i, p] of heldOutTurns().entries()) console.log(`H${i + 1} ${p.file} ${p.start}-${p.end}\n   ${p.text}`);
  const cues = drawnCues();
  console.log(`${spanishCues().length} Spanish cues, ${cues.length} drawn`);
  for (const p of cues) console.log(`${p.file} ${p.start}-${p.end}  ${p.text}`);
}
