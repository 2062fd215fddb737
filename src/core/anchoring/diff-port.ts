/**
 * The word diff of two versions of a transcript (text-hunks.ts, with diff-match-patch about
 * 25 KB of code) as the host provides it, loaded the first time a transcript is re-anchored
 * through its old version from git rather than at start-up: the extension and the CLI
 * install it from its own bundle (src/node/core-libraries.ts), as the personal-data scan is.
 */
import { hostPart } from '../host-part';
import type * as TextHunks from './text-hunks';

/** A maximal run of changes between two equal stretches: old [oldStart, oldEnd) became new [newStart, newEnd). */
export interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

export type TextDiffer = Pick<typeof TextHunks, 'diffHunks'>;

const part = hostPart<TextDiffer>('No text diff: the host installs it (useTextHunks, src/node/core-libraries.ts) before a transcript is compared with its old version.');

export const useTextHunks = part.use;
export const textHunks = part.get;
