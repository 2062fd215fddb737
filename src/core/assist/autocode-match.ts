/**
 * Finding words, phrases and regular expressions in a transcript the way a researcher means
 * them: "cafe" finds "Café" and "CAFÉ", "kotelezo" finds "kötelező". Accents are folded by
 * decomposing the text (NFD) and dropping the combining marks; case by the `i` flag. The
 * search runs over a folded copy of the text and every hit is mapped back to the original
 * text's offsets, so what is coded and quoted is always the participant's own words.
 */

/** A compiled search: a word list or phrase, or a regular expression as written. */
export interface TextPattern {
  /** How the researcher wrote it, for the plan and the highlight's provenance. */
  source: string;
  regex: RegExp;
}

/** Why a pattern cannot be searched for, in a sentence. */
export class PatternError extends Error {
  override name = 'PatternError';
}

const COMBINING_MARK = /\p{M}/u;
const COMBINING_MARKS = /\p{M}+/gu;
const LETTER_OR_DIGIT = String.raw`[\p{L}\p{N}]`;

/** A text without its accents (NFD, combining marks dropped); the case is kept. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '');
}

/**
 * A pattern from what the researcher typed. Without `regex`: a word list separated by commas
 * (`wait, queue, delay`), each entry a word or a phrase matched as whole words, a trailing `*`
 * matching any ending (`wait*` finds waited, waiting). With `regex`: a JavaScript regular
 * expression, its accents folded like the text's, matched ignoring case.
 */
export function compilePattern(written: string, regex = false): TextPattern {
  const source = written.trim();
  if (source === '') throw new PatternError('The pattern is empty: give a word, a phrase, a list of words separated by commas, or (with --regex) a regular expression.');
  if (regex) {
    try {
      return { source, regex: new RegExp(foldAccents(source), 'giu') };
    } catch (error) {
      throw new PatternError(`"${source}" is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: (?:\/.*\/[a-z]*: )?/, '')}.`);
    }
  }
  const entries = source
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) throw new PatternError(`"${source}" lists no word: separate words or phrases with commas, e.g. "wait, queue, delay".`);
  const alternatives = entries.map((entry) => {
    const prefix = entry.endsWith('*');
    const words = foldAccents(prefix ? entry.slice(0, -1) : entry)
      .trim()
      .split(/\s+/)
      .map(escapeRegExp);
    if (words.join('') === '') throw new PatternError(`"${entry}" has no letters to search for.`);
    // Words of a phrase may be separated by any spaces or a line break, as transcripts wrap.
    return words.join(String.raw`\s+`) + (prefix ? `${LETTER_OR_DIGIT}*` : '');
  });
  return { source, regex: new RegExp(`(?<!${LETTER_OR_DIGIT})(?:${alternatives.join('|')})(?!${LETTER_OR_DIGIT})`, 'giu') };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A text folded once, with the way back from its offsets to the original's. */
export class FoldedText {
  readonly folded: string;
  /** UTF-16 offset in the original of each UTF-16 offset of `folded` (and of its end); undefined when nothing was folded. */
  private readonly toOriginal: Int32Array | undefined;

  constructor(readonly original: string) {
    if (original.normalize('NFD') === original && !COMBINING_MARK.test(original)) {
      this.folded = original;
      this.toOriginal = undefined;
      return;
    }
    let folded = '';
    const map: number[] = [];
    for (let i = 0; i < original.length;) {
      const cp = original.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      const ch = original.slice(i, i + width);
      const out = cp < 0x80 ? ch : foldAccents(ch);
      for (let k = 0; k < out.length; k++) map.push(i);
      folded += out;
      i += width;
    }
    map.push(original.length);
    this.folded = folded;
    this.toOriginal = Int32Array.from(map);
  }

  /** The original UTF-16 offset of a folded offset; an end offset maps to just after its character. */
  original16(offset: number, isEnd = false): number {
    if (!this.toOriginal) return offset;
    if (!isEnd || offset === 0) return this.toOriginal[offset]!;
    // The end of a hit: just after the original character of the hit's last folded character.
    const last = this.toOriginal[offset - 1]!;
    const width = this.original.codePointAt(last)! > 0xffff ? 2 : 1;
    let end = last + width;
    // Combining marks after that character belong to it: "Café" written with a separate accent.
    while (end < this.original.length && COMBINING_MARK.test(this.original[end]!)) end++;
    return end;
  }
}

/** Every hit of `pattern` in a folded text, as UTF-16 ranges of the original text, in order; empty hits are ignored. */
export function findHits(text: FoldedText, pattern: TextPattern): { start: number; end: number }[] {
  const hits: { start: number; end: number }[] = [];
  const regex = new RegExp(pattern.regex.source, pattern.regex.flags);
  for (let m = regex.exec(text.folded); m; m = regex.exec(text.folded)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    hits.push({ start: text.original16(m.index), end: text.original16(m.index + m[0].length, true) });
  }
  return hits;
}
