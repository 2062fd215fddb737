/**
 * SubRip (.srt) subtitles: numbered cues `1` / `00:00:01,000 --> 00:00:04,000` / text.
 * Speakers appear only as `Name: ` at the start of a text line, and the turn starts after
 * the label. A missing cue number is tolerated; a block without a timing line is reported.
 */
import type { Turn } from '../model';
import { problem, type Problem } from '../problems';
import { addCueTurns, blocksOf, labelledPayload, readTiming, timingLineIndex } from './cues';
import type { Line } from './lines';
import { TurnCollector } from './turns';

export function parseSrt(path: string, text: string, lines: readonly Line[]): { turns: Turn[]; problems: Problem[] } {
  const collector = new TurnCollector(text);
  const problems: Problem[] = [];
  for (const block of blocksOf(lines)) {
    const timingAt = timingLineIndex(block);
    if (timingAt < 0) {
      problems.push(problem(path, { line: block[0]!.number, column: 1 }, 'warning', 'srt-block', 'This block has no timing line (00:00:01,000 --> 00:00:04,000) after its number, so its text is not read as a subtitle.'));
      continue;
    }
    const timing = readTiming(path, block[timingAt]!, 'srt-timing');
    problems.push(...timing.problems);
    addCueTurns(collector, block.slice(timingAt + 1), timing.time, labelledPayload);
  }
  return { turns: collector.finish(), problems };
}
