/**
 * Plain-text transcripts: speaker lines as in Markdown, and the text exports of Otter.ai
 * (`Name  0:12` above the speech) and Zoom (`[Name] 00:12:31`). There is no other
 * structure, so a turn runs until the next speaker line or the end of the file; which
 * `Name:` lines are labels is decided from the whole file (labels.ts), and the layout of an
 * exported page (paragraph numbers, page counters, Otter's footer) is nobody's turn.
 */
import type { SpeakerLabel, Turn } from '../model';
import { feedSpeechLine, readSpeechLines } from './labels';
import type { Line } from './lines';
import { TurnCollector } from './turns';

export function parsePlainText(text: string, lines: readonly Line[]): { turns: Turn[]; labels: SpeakerLabel[] } {
  const collector = new TurnCollector(text);
  const readings = readSpeechLines(lines, 0);
  lines.forEach((line, i) => feedSpeechLine(collector, line, readings[i]));
  return collector.finishWithLabels();
}
