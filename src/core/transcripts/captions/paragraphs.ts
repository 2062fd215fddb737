/**
 * Cues as a researcher reads a conversation: one paragraph per turn, each with the time
 * it starts and who speaks. Captions cut speech into two-line, few-second cues; coding
 * them one by one is like coding a page torn into strips.
 *
 * - Consecutive cues of one speaker are one paragraph. A cue that names nobody continues
 *   the speaker before it, since captioning tools name a speaker when the speaker changes;
 *   but only a name that opens two cues or more is carried on like that, since a name seen
 *   once may be words ("Digo: …" in a film's subtitles).
 * - A long turn is broken at a cue boundary once it has run a minute and a sentence ends
 *   (or after two minutes whatever the punctuation, as auto-captions have none), so the
 *   time a highlight takes from its paragraph is never far from when the words were said.
 * - A dialogue line (`- Det är inte varmt.`, two speakers in one subtitle) keeps its own
 *   line, so the exchange still reads as two voices; the cue after it starts a new line.
 * - Auto-generated captions (YouTube's, recognised by their karaoke timestamps) roll:
 *   each cue repeats the line shown before it and adds one. There, a cue's leading lines
 *   that repeat the previous cue's last lines exactly are shown once. Elsewhere nothing is
 *   ever dropped, because two cues saying "No." may be two people saying no.
 */
import { parseClock } from '../clock';
import { cueLabelReader } from './labels';
import type { Cue } from './read';

export interface CaptionParagraph {
  time?: string;
  speaker?: string;
  text: string;
}

/** A turn runs at least this long (seconds) before it is broken at the end of a sentence… */
const BREAK_AFTER_SENTENCE = 60;
/** …and is broken at the next cue after this long, sentence or not. */
const BREAK_ALWAYS = 120;
const SENTENCE_END = /[.?!…]["'”’)\]]*$/;
const DIALOGUE_LINE = /^[-–—] /;

interface Open {
  time: string | undefined;
  seconds: number | undefined;
  speaker: string | undefined;
  text: string;
}

interface SpokenLine {
  speaker: string | undefined;
  words: string;
}

export function captionParagraphs(cues: readonly Cue[], options: { rolling: boolean }): CaptionParagraph[] {
  const spoken = spokenLines(cues, options.rolling);
  const named = new Map<string, number>();
  for (const line of spoken.flat()) if (line.speaker !== undefined) named.set(line.speaker, (named.get(line.speaker) ?? 0) + 1);
  // A name that opens a single cue may be words ("Digo: …"); only a recurring one is carried over unnamed cues.
  const carries = (speaker: string | undefined) => speaker !== undefined && (named.get(speaker) ?? 0) > 1;

  const paragraphs: CaptionParagraph[] = [];
  let open: Open | undefined;
  let afterDialogue = false;
  const start = (time: string | undefined, speaker: string | undefined) => {
    if (open && open.text) paragraphs.push(finished(open));
    open = { time, seconds: time === undefined ? undefined : parseClock(time)?.seconds, speaker, text: '' };
  };
  cues.forEach((cue, c) => {
    spoken[c]!.forEach(({ speaker, words }, i) => {
      if (!open || (speaker !== undefined && speaker !== open.speaker)) start(cue.time, speaker);
      else if (i === 0 && speaker === undefined && open.speaker !== undefined && !carries(open.speaker)) start(cue.time, undefined);
      else if (i === 0 && runsLong(open, cue.time)) start(cue.time, open.speaker);
      if (!words) return;
      // A dialogue line starts a line of its own, and so does the next cue after an exchange.
      const ownLine = DIALOGUE_LINE.test(words) || (i === 0 && afterDialogue);
      open!.text = open!.text === '' ? words : `${open!.text}${ownLine ? '\n' : ' '}${words}`;
    });
    afterDialogue = cue.lines.some((line) => DIALOGUE_LINE.test(line.text));
  });
  start(undefined, undefined);
  return paragraphs;
}

/** Each cue's lines as speaker and words; in rolling captions, without the lines the cue before showed already. */
function spokenLines(cues: readonly Cue[], rolling: boolean): SpokenLine[][] {
  let shown: readonly string[] = [];
  const unvoiced = cues.flatMap((cue) => cue.lines.filter((line) => line.voice === undefined).map((line) => line.text));
  const voices = [...new Set(cues.flatMap((cue) => cue.lines.flatMap((line) => (line.voice === undefined ? [] : [line.voice]))))];
  const cueLabel = cueLabelReader(unvoiced, voices);
  const isNameLine = nameLineReader(cues);
  return cues.map((cue) => {
    const texts = cue.lines.map((line) => line.text);
    const repeated = rolling ? overlap(shown, texts) : 0;
    shown = texts;
    return cue.lines.slice(repeated).map((line, i) => {
      if (line.voice !== undefined) return { speaker: line.voice, words: line.text };
      if (i === 0 && cue.lines.length > 1 && isNameLine(line.text)) return { speaker: line.text, words: '' };
      const label = cueLabel(line.text);
      return label ? { speaker: label.speaker, words: label.words } : { speaker: undefined, words: line.text };
    });
  });
}

/** A name as a line of its own: capitalised words, optionally `Last, First` (`Smith, Alice`, `Anna van der Berg`), nothing after. */
const NAME_LINE = /^\p{Lu}[\p{L}\p{M}'’.\-]*(?:,? (?:\p{Lu}|(?:van|von|de|der|den|da|di|du|la|le)\b)[\p{L}\p{M}'’.\-]*){0,4}$/u;
/** …of at most this many characters. */
const MAX_NAME_LINE = 50;
/** The share of cues of two or more lines that must open with a recurring name for the file to be written that way. */
const NAME_LINES_SHARE = 0.8;

/**
 * Whether a cue's first line is its speaker's name alone, the words below (older Teams
 * transcripts: `Smith, Alice` then what she said). A subtitle's first line is words, so this
 * is the file's decision: names that recur open most cues of two lines or more; then a name
 * seen once there is a speaker too.
 */
function nameLineReader(cues: readonly Cue[]): (line: string) => boolean {
  const firsts = cues.filter((cue) => cue.lines.length > 1 && cue.lines[0]!.voice === undefined).map((cue) => cue.lines[0]!.text);
  const isName = (line: string) => line.length <= MAX_NAME_LINE && NAME_LINE.test(line);
  const counts = new Map<string, number>();
  for (const line of firsts) if (isName(line)) counts.set(line, (counts.get(line) ?? 0) + 1);
  const recurring = firsts.filter((line) => (counts.get(line) ?? 0) >= 2).length;
  return recurring >= 2 && recurring >= firsts.length * NAME_LINES_SHARE ? isName : () => false;
}

/** The number of leading lines of `next` that repeat the trailing lines of `shown`, the most that do. */
function overlap(shown: readonly string[], next: readonly string[]): number {
  for (let k = Math.min(shown.length, next.length); k > 0; k--) {
    if (next.slice(0, k).every((line, i) => line === shown[shown.length - k + i])) return k;
  }
  return 0;
}

function runsLong(open: Open, time: string | undefined): boolean {
  const seconds = time === undefined ? undefined : parseClock(time)?.seconds;
  if (seconds === undefined || open.seconds === undefined) return false;
  const ran = seconds - open.seconds;
  return ran >= BREAK_ALWAYS || (ran >= BREAK_AFTER_SENTENCE && SENTENCE_END.test(open.text));
}

function finished(open: Open): CaptionParagraph {
  const paragraph: CaptionParagraph = { text: open.text };
  if (open.time !== undefined) paragraph.time = open.time;
  if (open.speaker !== undefined) paragraph.speaker = open.speaker;
  return paragraph;
}
