/**
 * The context of a quote for the peeks of the board and the journey map: the turns around
 * the passage, sent to the webview as text. Reading a quote in context then leaves the
 * layout as it was.
 */
import { passageContext } from '../../../core/transcripts/context';
import { readText } from '../../../core/workspace/load';
import type { PassageContext } from '../../../protocol/context';
import type { ResearchModel } from '../../research-model';

/**
 * `quotable`: false where the view withholds the quote's words (the journey map, made to be
 * shown, keeps to what the participant's consent allows): the peek then withholds them too.
 */
export async function passageContextOf(model: ResearchModel, id: string, quotable = true): Promise<PassageContext | undefined> {
  const ws = model.workspace;
  const file = ws && [...ws.highlightFiles.values()].find((f) => f.highlights.some((h) => h.id === id));
  if (!ws || !file) return undefined;
  if (!quotable) return { id, source: file.source, turns: [], missing: 'Words not shown: this participant’s consent does not allow quoting. Open in Editor to read the transcript.' };
  const placed = ws.anchoring.get(id);
  // The file as loaded: the places and turns of the workspace were found in it (an editor's unsaved edits are not).
  const text = await readText(model.fs, file.source);
  const transcript = ws.transcripts.get(file.source);
  if (!placed || placed.state === 'orphaned' || text === undefined || !transcript || transcript.length !== [...text].length) {
    return { id, source: file.source, turns: [], missing: `This quote can no longer be found in ${file.source} as it is now (see Problems).` };
  }
  return { id, source: file.source, turns: passageContext(text, transcript.turns, placed.start, placed.end) };
}
