/**
 * Builds the turn list while a format walks its lines. Every format reports the same two
 * things — "a new turn starts here, by this speaker" and "this range is speech" — and the
 * collector owns the invariants: turns are trimmed of surrounding whitespace, empty turns
 * are dropped, turns come out ordered and non-overlapping, and offsets are converted from
 * UTF-16 to code points exactly once.
 */
import type { Turn } from '../model';
import { CodePointIndex } from '../text';
import { isBlankChar } from './lines';

/** What a turn is attributed to; each field is optional in every format. */
const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

export interface TurnAttributes {
  speaker?: string | undefined;
  time?: string | undefined;
  date?: string | undefined;
}

export class TurnCollector {
  /** Finished turns, in UTF-16 offsets until {@link finish}. */
  private readonly turns: Turn[] = [];
  private open: TurnAttributes | undefined;
  private start = -1;
  private end = -1;

  constructor(private readonly text: string) {}

  /** Whether speech added now would belong to a turn. */
  get isOpen(): boolean {
    return this.open !== undefined;
  }

  /** Ends the current turn and opens a new one; it takes its start from the first speech added. */
  begin(attributes: TurnAttributes): void {
    this.close();
    this.open = attributes;
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
    this.close();
    // UTF-16 and code-point offsets differ only after an astral character (an emoji, say).
    // Most transcripts have none, and a native scan for one is far cheaper than an index.
    if (!HIGH_SURROGATE.test(this.text)) return this.turns;
    const index = new CodePointIndex(this.text);
    for (const turn of this.turns) {
      turn.start = index.toCodePoint(turn.start);
      turn.end = index.toCodePoint(turn.end);
    }
    return this.turns;
  }
}

/** A turn with only the attributes that are known, so equal turns compare (and serialise) equal. */
function makeTurn(start: number, end: number, attributes: TurnAttributes): Turn {
  const turn: Turn = { start, end };
  if (attributes.speaker !== undefined) turn.speaker = attributes.speaker;
  if (attributes.time !== undefined) turn.time = attributes.time;
  if (attributes.date !== undefined) turn.date = attributes.date;
  return turn;
}
