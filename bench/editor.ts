/**
 * The editor's hot paths on one long transcript (300,000 characters, 1,000 highlights), as the
 * VS Code extension runs them: computing the decorations of the visible editor (placing every
 * highlight and converting code points to editor positions, grouped by colour) and Tag
 * Selection → highlights file on disk. Measured through the same core functions the extension
 * calls (src/core/editor/*, src/core/store/highlights.ts); VS Code's own painting is not ours
 * to measure here.
 */
import { placedHighlights, planDecorations } from '../src/core/editor/decoration-plan';
import { TextPositions } from '../src/core/editor/text-positions';
import { readText } from '../src/core/workspace/load';
import { NodeFileSystem } from '../src/node/node-fs';
import { openWorkspace } from '../src/cli/open';
import { FULL_CORPUS, whileModifying, type CorpusParams } from './generate';
import { backUpHighlightFiles, measureEdits, type EditMeasurement } from './measure';
import { distribution, timed, type Distribution } from './stats';

/** One Markdown interview of ~50,000 words (~300,000 characters) with 1,000 highlights. */
export const LONG_TRANSCRIPT: CorpusParams = { ...FULL_CORPUS, transcripts: 1, participants: 1, highlightsPerTranscript: 1000, wordsPerTranscript: 63_000 };

export interface EditorMeasurement {
  characters: number;
  highlights: number;
  /** Decorations with the document's position index already built (scrolling, switching editors, a reload). */
  decorations: Distribution;
  /** Decorations right after a keystroke: the position index is rebuilt for the new text first. */
  decorationsAfterEdit: Distribution;
  tagging: EditMeasurement;
}

export async function measureEditor(root: string, seed: number, runs = 200): Promise<EditorMeasurement> {
  const { workspace: ws } = await openWorkspace(root, { cache: false });
  const file = [...ws.highlightFiles.values()][0]!;
  const text = (await readText(new NodeFileSystem(root), file.source))!;
  const colors = new Map(ws.codebook.map((t) => [t.id, t.color]));
  const colorOf = (tag: string) => colors.get(tag);
  const decorate = (positions: TextPositions) => planDecorations(placedHighlights(ws, file.source), colorOf, positions).painted.length;

  const cachedPositions = new TextPositions(text);
  const cached: number[] = [];
  const afterEdit: number[] = [];
  for (let i = 0; i < runs; i++) {
    cached.push((await timed(() => decorate(cachedPositions))).ms);
    afterEdit.push((await timed(() => decorate(new TextPositions(text)))).ms);
  }
  const painted = decorate(cachedPositions);
  if (painted < file.highlights.length * 0.99) throw new Error(`Only ${painted} of ${file.highlights.length} highlights were placed: the benchmark transcript is broken.`);

  const tagging = await whileModifying(root, async () => {
    const restore = await backUpHighlightFiles(root, [file]);
    try {
      return await measureEdits(root, ws, [file], 100, seed);
    } finally {
      await restore();
    }
  });
  return { characters: cachedPositions.normalized.length, highlights: file.highlights.length, decorations: distribution(cached), decorationsAfterEdit: distribution(afterEdit), tagging };
}
