/**
 * Where find-more-like-this's candidate passages are, kept as numbers: a passage is a row of
 * four 32-bit columns (transcript, start, end, speaker), transcripts and speakers numbered once.
 * A study of 200,000 highlights cuts about 760,000 passages; an object and a string key apiece
 * held most of the index's heap. Rows of transcripts cut again are reused.
 */
import { U32List } from './bm25';
import type { PassagePlace } from './suggest';

/** Names (transcript paths, speakers) numbered once each; number 0 is "none". */
class Names {
  private readonly names: (string | undefined)[] = [undefined];
  private readonly numbers = new Map<string, number>();

  numberOf(name: string | undefined): number {
    if (name === undefined) return 0;
    let n = this.numbers.get(name);
    if (n === undefined) this.numbers.set(name, (n = this.names.push(name) - 1));
    return n;
  }

  name(n: number): string | undefined {
    return this.names[n];
  }
}

export class PassagePlaces {
  private readonly sources = new Names();
  private readonly speakers = new Names();
  private readonly source = new U32List();
  private readonly start = new U32List();
  private readonly end = new U32List();
  private readonly speaker = new U32List();
  /** Rows released, to be given out again. */
  private readonly free: number[] = [];

  /** Keeps a place; its row number. */
  add(place: PassagePlace): number {
    const source = this.sources.numberOf(place.source);
    const speaker = this.speakers.numberOf(place.speaker);
    const row = this.free.pop();
    if (row === undefined) {
      this.source.push(source);
      this.start.push(place.start);
      this.end.push(place.end);
      this.speaker.push(speaker);
      return this.source.length - 1;
    }
    this.source.data[row] = source;
    this.start.data[row] = place.start;
    this.end.data[row] = place.end;
    this.speaker.data[row] = speaker;
    return row;
  }

  /** Gives rows back (their passages are gone). */
  release(rows: Iterable<number>): void {
    for (const row of rows) this.free.push(row);
  }

  /** The place in a row, as an object (made for the few passages a search looks at). */
  place(row: number): PassagePlace {
    const speaker = this.speakers.name(this.speaker.data[row]!);
    return { source: this.sources.name(this.source.data[row]!)!, start: this.start.data[row]!, end: this.end.data[row]!, ...(speaker !== undefined ? { speaker } : {}) };
  }

  /** The key a passage had when passages were keyed by string: equal scores are ordered by it, as they were. */
  key(row: number): string {
    return `${this.sources.name(this.source.data[row]!)}#${this.start.data[row]}-${this.end.data[row]}`;
  }
}
