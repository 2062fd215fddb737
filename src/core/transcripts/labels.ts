/**
 * Which `Name:` lines of a file are speaker labels, decided from the whole file.
 *
 * A line's shape only says it could be a label (speakers.ts). People write labels every way
 * (`I:`, `Int:`, `admin-1:`, `Teacher_3:`, `P05 (carer):`, `INTERVIEWER:`, `**P07:**`), and
 * they also write sentences with a colon ("What they told me: nothing at all."). What tells
 * them apart is how the file uses them: a label recurs, is short, or names a known speaker
 * (the transcript's participants, its `speakers:` front matter); the rules are
 * `isSpeakerLabel` (speakers.ts). Everything else stays speech, its words untouched: when
 * unsure, a line is text. Export headers (Otter, Zoom) and Sift's own pseudonyms are labels
 * by their structure alone.
 */
import { isBlank, type Line } from './lines';
import { clockLineTime, isPseudonym, isSpeakerLabel, leadingTimeAt, knownLabelAt, labelCandidateAt, mayBeHeading, shifted, timestampLineTime, type LabelCandidate, type LabelContext, type SpeakerStart } from './speakers';
import { pageLayout } from './layout';
import type { TurnCollector } from './turns';

/** A line an export repeats word for word this often (a title above each comment, a page header) is not a turn. */
const HEADING_REPEATS = 3;
/** …when it has at least this many words after its label: people say "Okay." again and again, not a sentence. */
const HEADING_WORDS = 3;
/** In prose, labels open fewer than one line in this many. */
const PROSE_LINES_PER_LABEL = 10;

/** The file's decision about its labels: built once from every line's candidate, then asked about each. */
export class SpeakerLabels implements LabelContext {
  private readonly counts = new Map<string, number>();
  private readonly decided = new Map<string, boolean>();
  /** Labels that are headings an export repeats, not speakers. */
  private readonly headings = new Set<string>();
  readonly known: ReadonlySet<string>;
  readonly labelledThroughout: boolean;
  readonly conversation: boolean;
  readonly headed: boolean;

  /**
   * `candidates`: one per non-blank line of the file (undefined where a line is no candidate);
   * `lines`: those lines, to tell a heading repeated word for word from a speaker.
   */
  constructor(candidates: readonly (LabelCandidate | undefined)[], lines: readonly string[], known: Iterable<string> = []) {
    this.known = new Set([...known].map((k) => k.trim().toLowerCase()).filter((k) => k !== ''));
    const repeats = new Map<string, number>();
    candidates.forEach((c, i) => {
      if (!c || (c.certain && !isPseudonym(c))) return;
      this.counts.set(c.speaker, (this.counts.get(c.speaker) ?? 0) + 1);
      const line = lines[i]!.trim();
      repeats.set(line, (repeats.get(line) ?? 0) + 1);
    });
    this.findHeadings(candidates, lines, repeats);
    const labelled = candidates.filter((c) => c && !this.headings.has(c.speaker) && (c.certain || this.uses(c.speaker) >= 2)).length;
    this.labelledThroughout = candidates.length > 0 && labelled * 2 >= candidates.length;
    this.headed = candidates.filter((c) => c?.header && this.uses(c.speaker) >= 2).length >= 2;
    const opening = candidates.filter((c) => c && !this.headings.has(c.speaker)).length;
    this.conversation = labelled > 0 || this.known.size > 0 || opening * PROSE_LINES_PER_LABEL >= candidates.length;
  }

  /**
   * A label most of whose lines are one line repeated word for word, a sentence long, is a
   * heading an export repeats (a video's title above each of its comments, a page header),
   * not a speaker: a speaker's turns say different things. Its lines stay text. A pseudonym
   * (`[Name-3]: …`) is judged as the name it replaced: a title that named someone is still a
   * heading once redacted, so a redaction changes no turn.
   */
  private findHeadings(candidates: readonly (LabelCandidate | undefined)[], lines: readonly string[], repeats: ReadonlyMap<string, number>): void {
    const repeated = new Map<string, number>();
    candidates.forEach((c, i) => {
      if (!c || (!isPseudonym(c) && (c.certain || !mayBeHeading(c.speaker)))) return;
      const line = lines[i]!;
      if ((repeats.get(line.trim()) ?? 0) >= HEADING_REPEATS && wordCount(line.slice(c.textStart)) >= HEADING_WORDS) repeated.set(c.speaker, (repeated.get(c.speaker) ?? 0) + 1);
    });
    for (const [speaker, count] of repeated) {
      if (count * 2 < this.uses(speaker)) continue;
      this.headings.add(speaker);
      this.counts.delete(speaker);
    }
  }

  uses(speaker: string): number {
    return this.counts.get(speaker) ?? 0;
  }

  /** The speaker who starts on a line, if the line's label is one this file uses (decided once per label). */
  speakerAt(candidate: LabelCandidate | undefined): SpeakerStart | undefined {
    if (!candidate) return undefined;
    if (candidate.certain) return this.headings.has(candidate.speaker) ? undefined : candidate;
    let accepted = this.decided.get(candidate.speaker);
    if (accepted === undefined) this.decided.set(candidate.speaker, (accepted = !this.headings.has(candidate.speaker) && isSpeakerLabel(candidate, this)));
    return accepted ? candidate : undefined;
  }
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

/**
 * For readers that hold a file's lines as strings — caption cue payloads, say: give every
 * line that may open with a label (each cue's first line, or all of them), then ask about
 * each line. `known` are speakers known to be in the file (participants, earlier voices).
 *
 * ```ts
 * const speakerAt = speakerLabelReader(cueFirstLines);
 * speakerAt('P07: yes')         // { speaker: 'P07', textStart: 5, nameStart: 0, nameEnd: 3 }
 * speakerAt('mike smith: yes')  // the same for `mike smith` when labels that recur open most of the lines
 * speakerAt('What they told me: nothing at all.')  // undefined: a sentence, left as text
 * ```
 */
export function speakerLabelReader(lines: Iterable<string>, known: readonly string[] = []): (line: string) => SpeakerStart | undefined {
  const candidateAt = candidateReader(known);
  const spoken = [...lines].filter((line) => !isBlank(line));
  const labels = new SpeakerLabels(spoken.map(candidateAt), spoken, known);
  return (line) => labels.speakerAt(candidateAt(line));
}

/** A line's candidate: a label of any speaker's shape, or one naming a known speaker exactly as written. */
function candidateReader(known: readonly string[]): (line: string) => LabelCandidate | undefined {
  const names = [...new Set(known)].sort((a, b) => b.length - a.length);
  return names.length === 0 ? labelCandidateAt : (line) => labelCandidateAt(line) ?? knownLabelAt(line, names);
}

/** A line that is the layout of an exported page, not anyone's words (see layout.ts). */
export const LAYOUT = 'layout';

/**
 * A date and time alone on its line (`2021-10-30T08:45:00Z`): a chat or comment log's record
 * starts there, so the turn above ends. Unlike a page break, which a turn continues across,
 * the words below it are a new record's: a label there names its writer, and without one
 * they are nobody's, never the previous record's speaker.
 */
export const RECORD_TIME = 'record-time';

/**
 * A clock alone on its line (`00:05:12`), or a time in brackets before words that name nobody
 * (`[00:00:11] and then…`, at `textStart`): where the recording is. The words after it take its
 * time: the open turn's speaker goes on, or, with no turn open, they are a turn of no named speaker.
 */
export interface ClockLine {
  speaker?: undefined;
  clock: string;
  textStart?: number;
}

/** A paragraph the export numbered, without a label: its words start at `textStart`, after the number. */
export interface NumberedParagraph {
  speaker?: undefined;
  textStart: number;
}

/** How each line from `from` on reads: who starts speaking there, layout, a record's time, a numbered paragraph, or neither (speech, notes). */
export type LineReading = SpeakerStart | NumberedParagraph | ClockLine | typeof LAYOUT | typeof RECORD_TIME | undefined;

/** Reads the lines of a speaker-labelled file (Markdown body, plain text) once, deciding its labels from all of them. */
export function readSpeechLines(lines: readonly Line[], from: number, known: readonly string[] = []): LineReading[] {
  const candidateAt = candidateReader(known);
  const layout = pageLayout(lines, from);
  const candidates: (LabelCandidate | undefined)[] = [];
  const spoken: (LabelCandidate | undefined)[] = [];
  const spokenLines: string[] = [];
  for (let i = from; i < lines.length; i++) {
    const text = lines[i]!.text;
    // After a paragraph number (`24   Dan: …`), the line is read from its words.
    const wordsAt = layout.numbered.get(i) ?? 0;
    const c = layout.lines.has(i) ? undefined : wordsAt > 0 ? shifted(candidateAt(text.slice(wordsAt)), wordsAt) : candidateAt(text);
    candidates.push(c);
    if (c || !isBlank(text)) {
      spoken.push(c);
      spokenLines.push(text);
    }
  }
  const labels = new SpeakerLabels(spoken, spokenLines, known);
  // A timestamp or a clock alone on its line times the turn that a label opens right below it.
  let stamp: string | undefined;
  // A label alone on its line whose words have not come yet: a time right below it is what the speaker said ("P:" then "10:30").
  let awaitingWords = false;
  return candidates.map((c, k): LineReading => {
    const line = lines[from + k]!.text;
    if (layout.lines.has(from + k)) {
      const time = timestampLineTime(line);
      if (time === undefined) return LAYOUT;
      stamp = time;
      return RECORD_TIME;
    }
    const start = labels.speakerAt(c);
    const wordsAt = layout.numbered.get(from + k);
    const clock = start || wordsAt !== undefined || awaitingWords ? undefined : clockLineTime(line);
    if (clock !== undefined) {
      stamp = clock;
      return { clock };
    }
    if (start || !isBlank(line)) awaitingWords = start !== undefined && isBlank(line.slice(start.textStart));
    const timed = start && start.time === undefined && stamp !== undefined ? { ...start, time: stamp } : start;
    if (start || !isBlank(line)) stamp = undefined;
    const lead = start || wordsAt !== undefined ? undefined : leadingTimeAt(line);
    if (lead) return { clock: lead.time, textStart: lead.textStart };
    return timed ?? (wordsAt !== undefined ? { textStart: wordsAt } : undefined);
  });
}

/**
 * Feeds one line of a speaker-labelled transcript (Markdown, plain text) to the collector,
 * as the file's reading says: a speaker line opens a turn whose speech starts after the
 * label, layout interrupts the open turn, a clock interrupts it and retimes what follows, a record's time ends it, a numbered paragraph
 * without a label is a new piece of the open turn (as its number alone on the line above
 * would make it), any other line continues it.
 */
export function feedSpeechLine(collector: TurnCollector, line: Line, reading: LineReading, date?: string): void {
  if (reading === LAYOUT) {
    collector.interrupt();
    return;
  }
  if (reading === RECORD_TIME) {
    collector.close();
    return;
  }
  if (reading !== undefined && 'clock' in reading) {
    if (collector.isOpen) collector.interrupt(reading.clock);
    else collector.begin({ time: reading.clock, date });
    if (reading.textStart !== undefined) collector.add(line.start + reading.textStart, line.end);
    return;
  }
  if (reading?.speaker !== undefined) collector.begin({ speaker: reading.speaker, time: reading.time, date }, { start: line.start + reading.nameStart, end: line.start + reading.nameEnd });
  else if (reading) collector.interrupt();
  collector.add(line.start + (reading?.textStart ?? 0), line.end);
}
