/**
 * Whether a caption line opens with its speaker's name (`P07: …`, `Jane Doe: …`, as Zoom
 * and older Teams exports write them). The one place captions ask this: what is a label
 * and what is speech is decided by the transcript readers' speaker detection.
 */
import { isSpeakerName, labelAt } from '../speakers';

/** `name: ` at the start of a caption line, in any case ("mike smith: yes", as Zoom writes a display name). */
const CUE_LABEL = /^([\p{L}\p{N}][\p{L}\p{M}\p{N} .'’-]{0,39}):[ \t]+/u;

export function cueLabel(line: string): { speaker: string; words: string } | undefined {
  const label = labelAt(line);
  if (label) return { speaker: label.speaker, words: line.slice(label.textStart) };
  const cue = CUE_LABEL.exec(line);
  const name = cue?.[1]?.trim();
  return cue && name && isSpeakerName(name, { relaxed: true }) ? { speaker: name, words: line.slice(cue[0].length) } : undefined;
}
