/**
 * From Sift's offsets (code points over normalised text, `\n` line endings) to editor
 * positions (0-based line and UTF-16 character) and back. Lines are the same in both texts;
 * only characters within a line differ, by astral characters. Build one per text version:
 * construction is linear in the text, each conversion logarithmic.
 */
import { CodePointIndex, computeLineStarts, lineAndCharacter, normalizeText } from '../text';

export interface EditorPosition {
  line: number;
  character: number;
}

export interface EditorRange {
  start: EditorPosition;
  end: EditorPosition;
}

export class TextPositions {
  readonly normalized: string;
  private readonly codePoints: CodePointIndex;
  private readonly lineStarts: number[];

  /** `text` as an editor holds it (any line endings). */
  constructor(text: string) {
    this.normalized = normalizeText(text);
    this.codePoints = new CodePointIndex(this.normalized);
    this.lineStarts = computeLineStarts(this.normalized);
  }

  positionAt(codePoint: number): EditorPosition {
    return lineAndCharacter(this.normalized, this.codePoints.toUtf16(codePoint), this.lineStarts);
  }

  rangeOf(start: number, end: number): EditorRange {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  codePointAt(position: EditorPosition): number {
    const lineStart = this.lineStarts[Math.min(Math.max(position.line, 0), this.lineStarts.length - 1)] ?? 0;
    return this.codePoints.toCodePoint(lineStart + position.character);
  }
}
