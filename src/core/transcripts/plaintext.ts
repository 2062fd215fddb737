/**
 * Plain-text transcripts: speaker lines as in Markdown, and the text exports of Otter.ai
 * (`Name  0:12` above the speech) and Zoom (`[Name] 00:12:31`). There is no other
 * structure, so a turn runs until the next speaker line or the end of the file.
 */
import type { Turn } from '../model';
import type { Line } from './lines';
import { feedSpeechLine } from './speakers';
import { TurnCollector } from './turns';

export function parsePlainText(text: string, lines: readonly Line[]): Turn[] {
  const collector = new TurnCollector(text);
  for (const line of lines) feedSpeechLine(collector, line);
  return collector.finish();
}
