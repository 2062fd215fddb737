/**
 * Whether a caption line opens with its speaker's name (`P07: …`, `Jane Doe: …`, as Zoom
 * and older Teams exports write them). The one place captions ask this, and the answer is the
 * transcript readers' whole-file decision (../labels.ts): a label recurs, is short, or names a
 * known speaker (the file's `<v>` voices), so "What they told me: nothing at all." stays words.
 */
import { speakerLabelReader } from '../labels';

export type CueLabelReader = (line: string) => { speaker: string; words: string } | undefined;

/** Decides from `lines` (every caption line that carries no `<v>` voice) which `Name:` openings are labels. */
export function cueLabelReader(lines: readonly string[], voices: readonly string[] = []): CueLabelReader {
  const speakerAt = speakerLabelReader(lines, voices);
  return (line) => {
    const label = speakerAt(line);
    return label ? { speaker: label.speaker, words: line.slice(label.textStart) } : undefined;
  };
}
