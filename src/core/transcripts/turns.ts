/**
 * Builds the turn list while a format walks its lines. Every format reports the same two
 * things — "a new turn starts here, by this speaker" and "this range is speech" — and the
 * collector owns the invariants: turns are trimmed of surrounding whitespace, empty turns
 * are dropped, turns come out ordered and non-overlapping, and offsets are converted from
 * UTF-16 to code points exactly once.
 */
import type { Draft, SpeakerLabel, Turn } from '../model';
import { CodePointIndex } from '../text';
import { isBlankChar } from './lines';

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/** What a turn is attributed to; each field is optional in every format. */
export interface TurnAttributes {
  speaker?: string | undefined;
  time?: string | undefined;
  date?: string | undefined;
}

export class TurnCollector {
  /** Finished turns, in UTF-16 offsets until {@link finish}. */
  private readonly turns: Draft<Turn>[] = [];
  /** Where each speaker is named, in UTF-16 offsets until {@link finish}. */
  private readonly labels: Draft<SpeakerLabel>[] = [];
  private open: TurnAttributes | undefined;
  private start = -1;
  private end = -1;

  constructor(private readonly text: string) {}

  /** Whether speech added now would belong to a turn. */
  get isOpen(): boolean {
    return this.open !== undefined;
  }

  /**
   * Ends the current turn and opens a new one; it takes its start from the first speech added.
   * `label` is where the text names the speaker (UTF-16, whole file), when it does.
   */
  begin(attributes: TurnAttributes, label?: { start: number; end: number }): void {
    this.close();
    this.open = attributes;
    if (label && attributes.speaker !== undefined) this.labels.push({ speaker: attributes.speaker, start: label.start, end: label.end });
  }

  /**
   * Something that is nobody's words (a page counter, a paragraph number, a clock) sits inside
   * the open turn: the speech so far becomes a turn, and speech after it continues with the same
   * speaker and date as a new one — at `time` when the interruption is a clock, else at the same time.
   */
  interrupt(time?: string): void {
    if (!this.open) return;
    if (this.start >= 0) this.turns.push(makeTurn(this.start, this.end, this.open));
    this.start = -1;
    if (time !== undefined) this.open = { ...this.open, time };
  }

  /**
   * Adds the speech in [from, to) (UTF-16, whole file) to the open turn; blank ends are
   * ignored so a turn never starts on a space or ends on a line break. Callers add ranges
   * in file order, which is what keeps turns ordered and non-overlapping.
   */
  add(from: number, to: number): void {
    if (!this.open) return;
    let a = Math.max(from, this.end);
    let b = to;
    while (a < b && isBlankChar(this.text.charCodeAt(a))) a++;
    while (b > a && isBlankChar(this.text.charCodeAt(b - 1))) b--;
    if (a >= b) return;
    if (this.start < 0) this.start = a;
    this.end = b;
  }

  /** Ends the current turn (a heading, a cue boundary); speech after it belongs to no turn. */
  close(): void {
    if (this.open && this.start >= 0) this.turns.push(makeTurn(this.start, this.end, this.open));
    this.open = undefined;
    this.start = -1;
  }

  /** The turns in code-point offsets over the whole file; called once, when the format has read everything. */
  finish(): Turn[] {
    return this.finishWithLabels().turns;
  }

  /** The turns and the speaker labels, both in code-point offsets over the whole file; called once. */
  finishWithLabels(): { turns: Turn[]; labels: SpeakerLabel[] } {
    this.close();
    // UTF-16 and code-point offsets differ only after an astral character (an emoji, say).
    // Most transcripts have none, and a native scan for one is far cheaper than an index.
    if (HIGH_SURROGATE.test(this.text)) {
      const index = new CodePointIndex(this.text);
      for (const range of [...this.turns, ...this.labels]) {
        range.start = index.toCodePoint(range.start);
        range.end = index.toCodePoint(range.end);
      }
    }
    return { turns: this.turns, labels: this.labels };
  }
}

/** A turn with only the attributes that are known, so equal turns compare (and serialise) equal. */
function makeTurn(start: number, end: number, attributes: TurnAttributes): Draft<Turn> {
  const turn: Draft<Turn> = { start, end };
  if (attributes.speaker !== undefined) turn.speaker = attributes.speaker;
  if (attributes.time !== undefined) turn.time = attributes.time;
  if (attributes.date !== undefined) turn.date = attributes.date;
  return turn;
}
