/**
 * The service-study passages of the sentiment evaluation: a study with real complaints in it,
 * which the PDPilot interviews (bench/sentiment-passages.ts) lack: there, 10 of 80 turns are
 * negative. Two sources, both the project's own fictional examples (so, unlike the PDPilot
 * turns, written on this project — by the sessions that wrote the examples, long before this
 * evaluation, not for it):
 *  - the 120 residents' comments of examples/webinar-comments/webinar-qa.csv (one a row);
 *  - the participant turns of 8 to 80 words of the service interviews and the focus group of
 *    examples/home-adaptations (interviews/, focus-groups/) and examples/housing-repairs: the
 *    turns of a speaker labelled P01…, T01… (not the interviewer, facilitator, carer or advocate).
 * Each source, in file order, is split by a rule fixed before any passage was read: the 1st,
 * 3rd, 5th… passage tunes the engine, the 2nd, 4th, 6th… is held out. A passage is named by its
 * file and the code-point offsets of its words, like the PDPilot ones.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Passage } from './sentiment-passages';

const ROOT = path.join(__dirname, '..');
export const COMMENTS = 'examples/webinar-comments/webinar-qa.csv';
export const INTERVIEW_DIRS = ['examples/home-adaptations/transcripts/interviews', 'examples/home-adaptations/transcripts/focus-groups', 'examples/housing-repairs/transcripts'];
const MIN_WORDS = 8;
const MAX_WORDS = 80;
/** A participant's speaker label: P01, T03… (after an optional [hh:mm:ss] time). */
const PARTICIPANT_TURN = /^(?:\[[\d:]+\] )?[PT]\d+: (.+)$/gm;

const codePoints = (s: string) => [...s].length;
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Every comment of the webinar sheet (its first column), in row order. */
export function serviceComments(): Passage[] {
  const text = read(COMMENTS);
  const out: Passage[] = [];
  // The sheet's comments hold no line breaks and no doubled quotes, so a row's comment runs to the
  // last two commas; one with a comma of its own is quoted, and the passage is what is inside.
  for (const m of text.matchAll(/^"?(.+?)"?,[^,\n]*,[^,\n]*$/gm)) {
    if (m.index === 0) continue; // the header row
    const words = m[1]!;
    const at = m.index + m[0].indexOf(words);
    out.push({ file: COMMENTS, start: codePoints(text.slice(0, at)), end: codePoints(text.slice(0, at + words.length)), text: words });
  }
  return out;
}

/** Every participant turn of 8 to 80 words of the service interviews and the focus group, in file order. */
export function serviceTurns(): Passage[] {
  const out: Passage[] = [];
  for (const dir of INTERVIEW_DIRS) {
    for (const name of readdirSync(path.join(ROOT, dir))
      .filter((n) => n.endsWith('.md'))
      .sort()) {
      const file = `${dir}/${name}`;
      const text = read(file);
      for (const m of text.matchAll(PARTICIPANT_TURN)) {
        const words = m[1]!.trim();
        const n = words.split(/\s+/).length;
        if (n < MIN_WORDS || n > MAX_WORDS) continue;
        const at = m.index + m[0].indexOf(words);
        out.push({ file, start: codePoints(text.slice(0, at)), end: codePoints(text.slice(0, at + words.length)), text: words });
      }
    }
  }
  return out;
}

/** Which half a passage is in: its place in its source, in file order (see the module comment). */
const half = (ps: readonly Passage[], heldOut: boolean) => ps.filter((_, i) => i % 2 === (heldOut ? 1 : 0));

/** The service passages the engine may be tuned on: comments then turns, the 1st, 3rd, 5th… of each. */
export function serviceTuning(): Passage[] {
  return [...half(serviceComments(), false), ...half(serviceTurns(), false)];
}

/** The service passages held out: comments then turns, the 2nd, 4th, 6th… of each. */
export function serviceHeldOut(): Passage[] {
  return [...half(serviceComments(), true), ...half(serviceTurns(), true)];
}

if (require.main === module) {
  const show = (name: string, ps: readonly Passage[]) => {
    console.log(`${name}: ${ps.length}`);
    if (process.argv.includes('--list')) ps.forEach((p, i) => console.log(`${i + 1}\t${p.file.split('/').pop()} ${p.start}-${p.end}\t${p.text}`));
  };
  console.log(`${serviceComments().length} comments, ${serviceTurns().length} turns`);
  show('tuning', serviceTuning());
  show('held out', serviceHeldOut());
}
