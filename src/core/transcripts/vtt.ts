/**
 * WebVTT (.vtt) captions, as Zoom, Teams and most players write them: a `WEBVTT` header,
 * optional NOTE / STYLE / REGION blocks, and cues with an optional identifier. Speakers
 * come from voice spans (`<v Name>`, `<v.loud Name>`) or a `Name: ` label (older Teams
 * exports); a turn covers the words, without the voice tags around them.
 */
import type { Turn } from '../model';
import { problem, type Problem } from '../problems';
import { addCueTurns, blocksOf, isTimingLine, labelledPayload, readTiming, timingLineIndex, type PayloadLine } from './cues';
import { skipBlanks, type Line } from './lines';
import { TurnCollector } from './turns';

/** `WEBVTT` alone or followed by a space or tab and any text. */
export const HEADER = /^WEBVTT(?:[ \t]|$)/;
/** Blocks that are not cues; their keyword stands alone or before a space. */
export const NON_CUE = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/;
/** `<v Name>` or `<v.class.other Name>`; the annotation is bounded so a stray `<v` costs little. */
const VOICE = /^<v(?:\.[^ \t>]*)?[ \t]+([^>]{1,100})>/;
const VOICE_END = '</v>';

export function parseVtt(path: string, text: string, lines: readonly Line[]): { turns: Turn[]; problems: Problem[] } {
  const collector = new TurnCollector(text);
  const problems: Problem[] = [];
  const hasHeader = HEADER.test(lines[0]!.text);
  if (!hasHeader) {
    problems.push(problem(path, { line: 1, column: 1 }, 'error', 'vtt-header', 'A WebVTT file must start with the line "WEBVTT". Sift reads the cues it can find, but players will refuse this file.'));
  }
  for (const block of cueBlocks(lines, hasHeader)) {
    if (NON_CUE.test(block[0]!.text)) continue;
    const timingAt = timingLineIndex(block);
    if (timingAt < 0) {
      problems.push(
        problem(
          path,
          { line: block[0]!.number, column: 1 },
          'warning',
          'vtt-block',
          'This block is neither a cue (it has no "00:00:01.000 --> 00:00:06.500" timing line) nor a NOTE, so it is skipped. Is a blank line missing or doubled above it?',
        ),
      );
      continue;
    }
    const timing = readTiming(path, block[timingAt]!, 'vtt-timing');
    problems.push(...timing.problems);
    addCueTurns(collector, block.slice(timingAt + 1), timing.time, voicedPayload);
  }
  return { turns: collector.finish(), problems };
}

/**
 * The blocks after the header. The header block holds metadata lines ("Kind: captions"),
 * none of it speech; but when the blank line after `WEBVTT` is missing, the first cue is
 * in that block too, and is kept. Without a header, a first block that is no cue is taken
 * for a mistyped header ("WEBVTT-", "webvtt"), already reported.
 */
function cueBlocks(lines: readonly Line[], hasHeader: boolean): Line[][] {
  const blocks = blocksOf(lines);
  const [first, ...rest] = blocks;
  if (!first) return blocks;
  if (!hasHeader) return timingLineIndex(first) < 0 && first[0]!.number === 1 ? rest : blocks;
  const firstCue = first.findIndex(isTimingLine);
  return firstCue > 0 ? [first.slice(Math.max(1, firstCue - 1)), ...rest] : rest;
}

/** A payload line's speaker from its voice span, else from a `Name:` label; the voice tags are not words. */
function voicedPayload(text: string): PayloadLine {
  const voice = VOICE.exec(text);
  if (!voice) return withoutClosingVoice(text, labelledPayload(text));
  const words: PayloadLine = { textStart: skipBlanks(text, voice[0].length), textEnd: text.length };
  const speaker = voice[1]!.trim();
  if (speaker) words.speaker = speaker;
  return withoutClosingVoice(text, words);
}

function withoutClosingVoice(text: string, words: PayloadLine): PayloadLine {
  const end = text.trimEnd().length;
  if (text.startsWith(VOICE_END, end - VOICE_END.length)) words.textEnd = Math.max(words.textStart, end - VOICE_END.length);
  return words;
}
