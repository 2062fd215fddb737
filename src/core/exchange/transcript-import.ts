/**
 * Transcripts from the tools researchers use, as Sift Markdown transcripts: front matter
 * (participant, kind, title, the original file name), then one paragraph per speaker turn
 * written `[HH:MM:SS] Speaker: words`, which Sift's Markdown reader gives back as the
 * turn's speaker and time — so highlights made later carry both.
 *
 * Read as input: WebVTT, SRT and SBV captions (Zoom, Teams, YouTube: one paragraph per turn,
 * markup left out, the caption file kept under `originals/`), Zoom and Otter.ai text exports and any text with
 * `Name:` labels (one paragraph per turn), and plain prose (kept as it is). Word files
 * arrive here as their text (the node adapter extracts it); Markdown is kept as it is.
 * Diary studies: when two or more lines are dates (`2026-03-02`, `Monday 2 March 2026`,
 * `2 Mar 2026`, optionally as headings), each opens an entry, written as a `## YYYY-MM-DD` section, so highlights in
 * it get that date. Caption cues without a speaker keep their time in the text only:
 * Sift attributes times to speaker turns.
 */
import { stringify } from 'yaml';
import { clockLineTime, speakerStartAt, timestampLineTime } from '../transcripts/speakers';
import { pageLayout } from '../transcripts/layout';
import { isBlank, splitLines } from '../transcripts/lines';
import { isIsoDate, readFrontMatter } from '../transcripts/frontmatter';
import { parseTranscript } from '../transcripts';
import type { TranscriptFormat } from '../model';
import { problem, type Problem } from '../problems';
import type { EditPlan } from '../store/plan';
import { CodePointIndex } from '../text';
import { KARAOKE_TIMESTAMP } from '../transcripts/captions/markup';
import { parseClock } from '../transcripts/clock';
import { captionParagraphs } from '../transcripts/captions/paragraphs';
import { readCaptions, type CaptionFormat } from '../transcripts/captions/read';
import type { Workspace } from '../workspace/workspace';

export interface TranscriptImportOptions {
  /** The participant id for front matter (`--participant P07`). */
  participant?: string;
  /** The original file name, kept in front matter as `source`. */
  sourceName: string;
  /** Where the original is kept in the workspace (`originals/p07.vtt`); front matter's `source` names it instead of the bare file name. */
  original?: string;
}

export interface ConvertedTranscript {
  markdown: string;
  /** Turns that name their speaker. */
  turns: number;
  entries: number;
  /** Speakers listed in front matter (`speakers:`) because Sift would not read their labels as names on their own (`mike smith`, `Khan, Aisha`). */
  listedSpeakers: string[];
  /** What the reader of a caption file found wrong, at its line; errors mean the file must not be imported. */
  problems: Problem[];
}

export type ImportFormat = Extract<TranscriptFormat, 'vtt' | 'srt' | 'text'> | 'sbv';

/** `format` is how to read `text`: captions (vtt, srt, sbv) or text (txt, docx, anything else). */
export function transcriptToMarkdown(text: string, format: ImportFormat, options: TranscriptImportOptions): ConvertedTranscript {
  return format === 'text' ? textToMarkdown(text, options) : captionsToMarkdown(text, format, options);
}

function textToMarkdown(text: string, options: TranscriptImportOptions): ConvertedTranscript {
  const cued = cueTimedText(text);
  if (cued) {
    const captions = captionsBody(cued.cues, 'srt', options.sourceName);
    const problems = captions.problems.map((p) => ({ ...p, line: p.line + cued.headLines }));
    return withFrontMatter(`${cued.head.trim()}\n\n${captions.body}`, options, 'interview', captions.speakers, { entries: 0, problems });
  }
  const speakers = new Set<string>();
  const entries = diaryEntries(text);
  const bodies = entries.length > 0 ? [entries[0]!.before.trim() ? convertPart(entries[0]!.before, speakers) : '', ...entries.map((e) => `## ${e.heading}\n\n${convertPart(e.text, speakers)}`)] : [convertPart(text, speakers)];
  return withFrontMatter(bodies.filter((b) => b.trim() !== '').join('\n\n'), options, entries.length > 0 ? 'diary' : 'interview', speakers, { entries: entries.length, problems: [] });
}

/**
 * Captions as a clean transcript: one paragraph per turn (see `captionParagraphs`), the
 * caption markup, cue numbers and timings left behind in the original. A cue without a
 * speaker keeps its time in the text only, since Sift attributes times to speaker turns.
 */
function captionsToMarkdown(text: string, format: CaptionFormat, options: TranscriptImportOptions): ConvertedTranscript {
  const captions = captionsBody(text, format, options.sourceName);
  return withFrontMatter(captions.body, options, 'interview', captions.speakers, { entries: 0, problems: captions.problems });
}

function captionsBody(text: string, format: CaptionFormat, sourceName: string): { body: string; speakers: Set<string>; problems: Problem[] } {
  const read = readCaptions(sourceName, text, format);
  const paragraphs = captionParagraphs(read.cues, { rolling: KARAOKE_TIMESTAMP.test(text) }).filter((p) => p.text !== '');
  const speakers = new Set(paragraphs.flatMap((p) => (p.speaker === undefined ? [] : [p.speaker])));
  const body = paragraphs.map((p) => `${p.time ? `[${p.time}] ` : ''}${p.speaker !== undefined ? `${p.speaker}: ` : ''}${p.text}`).join('\n\n');
  return { body, speakers, problems: read.problems };
}

/** A cue's timing in a text file: `0:0:3.270 --> 0:0:6.120` (older Teams transcripts saved as Word), `00:00:03,270 --> …`. */
const CUE_TIMING_LINE = /^[ \t]*(\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?)[ \t]+-->[ \t]+\d/;

/**
 * Text whose turns are caption cues, as older Teams transcripts saved as Word are (a cue
 * timing, the speaker's name alone, the words): two or more lines are cue timings. What comes
 * before the first (a meeting title) is kept above the turns as it is.
 */
function cueTimedText(text: string): { head: string; cues: string; headLines: number } | undefined {
  const lines = text.split('\n');
  const timings = lines.flatMap((line, i) => {
    const m = CUE_TIMING_LINE.exec(line);
    return m && parseClock(m[1]!) ? [i] : [];
  });
  if (timings.length < 2) return undefined;
  const first = timings[0]!;
  return { head: lines.slice(0, first).join('\n'), cues: lines.slice(first).join('\n'), headLines: first };
}

/**
 * The transcript with its front matter. A label is written as the source wrote it; one Sift
 * would not take for a name on its own is listed under `speakers:`, so it is read as one.
 */
function withFrontMatter(body: string, options: TranscriptImportOptions, kind: 'interview' | 'diary', speakers: ReadonlySet<string>, rest: Pick<ConvertedTranscript, 'entries' | 'problems'>): ConvertedTranscript {
  const listed = [...speakers].filter((name) => speakerStartAt(`${name}: …`)?.speaker !== name);
  const front = { ...frontMatter(options, kind), ...(listed.length > 0 ? { speakers: listed } : {}) };
  const markdown = `---\n${stringify(front)}---\n\n${body.trim()}\n`;
  return { markdown, turns: speakerTurns(markdown), listedSpeakers: listed, ...rest };
}

/** The turns of a converted transcript that name their speaker (a caption paragraph naming nobody is a timed turn, but no speaker's turn). */
function speakerTurns(markdown: string): number {
  return parseTranscript('converted.md', markdown).turns.filter((t) => t.speaker !== undefined).length;
}

/** Front matter of an imported transcript: who, what kind, a title from the file name, and the file it came from. */
function frontMatter(options: TranscriptImportOptions, kind: 'interview' | 'diary'): Record<string, string> {
  return { ...(options.participant ? { participant: options.participant } : {}), kind, title: titleOf(options.sourceName), source: options.original ?? options.sourceName };
}

/**
 * One part (the whole file, or one diary entry) as paragraphs of turns; text without speakers
 * stays as it is. Words are copied as the source has them: only labels and export headers
 * are rewritten, as `[time] Label: ` with the label as written. A turn that continues after
 * a page break (the layout between is dropped) continues the paragraph's speaker unlabelled.
 * A date and time (`2021-10-30T08:45:00Z`) is kept as written, alone on its line or before a
 * label: it is the source's record of when, and its date would be lost as `[08:45:00]`; read
 * back, it times the turn below as it did in the source; so does a clock alone on its line
 * (Google Meet's `00:05:12`), kept as written. Words in no turn (a title above the
 * first speaker, a record below a date and time that names nobody) are kept as they are.
 */
function convertPart(text: string, speakers: Set<string>): string {
  const parsed = parseTranscript('part.txt', text);
  if (!parsed.turns.some((t) => t.speaker !== undefined)) return text.trim();
  const index = new CodePointIndex(text);
  const inNoTurn = linesInNoTurn(text);
  const paragraphs: string[] = [];
  // Whatever precedes the first speaker (a title, a date) stays above the turns; page layout does not.
  const first = index.toUtf16(Math.min(parsed.labels[0]?.start ?? Infinity, parsed.turns[0]?.start ?? Infinity));
  let done = text.lastIndexOf('\n', first - 1) + 1;
  paragraphs.push(...inNoTurn(0, done));
  let label = 0;
  let previousEnd = 0;
  for (const turn of parsed.turns) {
    while (label < parsed.labels.length && parsed.labels[label]!.start < previousEnd) label++;
    const labelled = parsed.labels[label] !== undefined && parsed.labels[label]!.start < turn.start;
    const opens = index.toUtf16(labelled ? parsed.labels[label]!.start : turn.start);
    const lineStart = text.lastIndexOf('\n', opens - 1) + 1;
    paragraphs.push(...inNoTurn(done, lineStart));
    done = Math.max(done, index.toUtf16(turn.end));
    previousEnd = turn.end;
    const words = withoutAlignment(index.slice(turn.start, turn.end), opens - lineStart)
      .replace(/[ \t]+\n/g, '\n')
      .trim();
    if (!words) continue;
    if (turn.speaker !== undefined) speakers.add(turn.speaker);
    const continues = !labelled && turn.speaker !== undefined && paragraphs.length > 0;
    const prefix = labelled ? text.slice(lineStart, opens).trim() : '';
    const when = timestampLineTime(prefix) !== undefined ? `${prefix} ` : turn.time && !(labelled && timeLineTime(lineAbove(text, lineStart)) === turn.time) ? `[${turn.time}] ` : '';
    paragraphs.push(continues ? words : `${when}${turn.speaker !== undefined ? `${turn.speaker}: ` : ''}${words}`);
  }
  paragraphs.push(...inNoTurn(done, text.length));
  return paragraphs.join('\n\n');
}

/**
 * A turn's words without the blanks that align its later lines under its first (a PDF's
 * layout: `24   Dan: …` then its next lines indented five): at most `column` blanks, where
 * the first line's label or words begin, so blanks someone typed at the start of a line stay.
 */
function withoutAlignment(words: string, column: number): string {
  return column > 0 ? words.replace(new RegExp(`\\n[ \\t\\f]{1,${column}}`, 'g'), '\n') : words;
}

/** The time of a line that is only a date and time or a clock (kept as written: it times the turn below when read back). */
function timeLineTime(line: string): string | undefined {
  return timestampLineTime(line) ?? clockLineTime(line);
}

/** The last line with words above the line starting at `lineStart` (a stamp there times the label's turn when read back). */
function lineAbove(text: string, lineStart: number): string {
  const above = text.slice(0, lineStart).trimEnd();
  return above.slice(above.lastIndexOf('\n') + 1);
}

/**
 * The text between turns, as paragraphs: for each range [from, to) of `text` (UTF-16), its
 * lines that are in no turn, less page layout and paragraph numbers; a date and time or a clock
 * alone on its line is a paragraph of its own, kept as written. Ranges are asked for in file order, so
 * the lines are walked once.
 */
function linesInNoTurn(text: string): (from: number, to: number) => string[] {
  const lines = splitLines(text);
  const layout = pageLayout(lines, 0);
  let next = 0;
  return (from, to) => {
    const paragraphs: string[] = [];
    if (to <= from) return paragraphs;
    let paragraph: string[] = [];
    const endParagraph = () => {
      const words = paragraph.join('\n').trim();
      if (words) paragraphs.push(words);
      paragraph = [];
    };
    while (next < lines.length && lines[next]!.end <= from) next++;
    for (; next < lines.length && lines[next]!.start < to; next++) {
      const line = lines[next]!;
      // The first line may hold the end of the turn before: only what follows it is in no turn.
      const words = line.start < from ? line.text.slice(from - line.start) : line.text.slice(layout.numbered.get(next) ?? 0);
      const stamp = timeLineTime(line.text) !== undefined;
      if (isBlank(words) || stamp) endParagraph();
      if (stamp) paragraphs.push(line.text.trim());
      else if (!layout.lines.has(next) && !isBlank(words)) paragraph.push(words);
    }
    endParagraph();
    return paragraphs;
  };
}

interface DiaryEntry {
  /** `2026-03-02` or `2026-03-02 — Monday 2 March 2026` when the line said more. */
  heading: string;
  text: string;
  /** The text before the first entry (only meaningful on the first). */
  before: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** A date heading line; a date followed by a time of day (`T08:45`, ` 08:45`) is a timestamp, not a heading. */
const ISO_LINE = /^(?:#{1,6}[ \t]+)?(\d{4}-\d{2}-\d{2})(?![\d-])(?![T \t]+\d{1,2}:\d{2})(.{0,80})$/;
const WORDY_LINE = /^(?:#{1,6}[ \t]+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?[ \t]+)?(\d{1,2})(?:st|nd|rd|th)?[ \t]+([a-z]{3,9})[ \t]+(\d{4})[ \t]*[:.–—-]?(.{0,60})$/i;

/**
 * Dated entries, when the text is a diary; otherwise none. It is one when two or more lines
 * are dates, each day once: a date that repeats, or one with a time of day
 * (`2021-10-30T08:45:00Z`, a chat or call log's timestamp), dates a turn, not an entry —
 * and one date line alone is a session date in a header (Zoom, Otter).
 */
function diaryEntries(text: string): DiaryEntry[] {
  const lines = text.split('\n');
  const starts: { line: number; heading: string; day: string }[] = [];
  lines.forEach((line, i) => {
    const date = dateOfLine(line.trim());
    if (date) starts.push({ line: i, heading: date, day: date.slice(0, 10) });
  });
  if (starts.length < 2 || new Set(starts.map((s) => s.day)).size < starts.length) return [];
  return starts.map((s, k) => ({
    heading: s.heading,
    text: lines.slice(s.line + 1, starts[k + 1]?.line ?? lines.length).join('\n'),
    before: k === 0 ? lines.slice(0, s.line).join('\n') : '',
  }));
}

function dateOfLine(line: string): string | undefined {
  const iso = ISO_LINE.exec(line);
  if (iso && isIsoDate(iso[1]!)) {
    const rest = iso[2]!.replace(/^[ \t]*[:.–—-]?[ \t]*/, '').trim();
    return rest ? `${iso[1]} — ${rest}` : iso[1];
  }
  const wordy = WORDY_LINE.exec(line);
  const month = wordy ? MONTHS.indexOf(wordy[2]!.slice(0, 3).toLowerCase()) : -1;
  if (!wordy || month < 0) return undefined;
  const date = `${wordy[3]}-${String(month + 1).padStart(2, '0')}-${wordy[1]!.padStart(2, '0')}`;
  return isIsoDate(date) ? `${date} — ${line.replace(/^#{1,6}[ \t]+/, '').trim()}` : undefined;
}

function titleOf(sourceName: string): string {
  const base = sourceName.slice(sourceName.lastIndexOf('/') + 1);
  return (
    base
      .replace(/\.[^.]+$/, '')
      .replace(/[_]+/g, ' ')
      .trim() || base
  );
}

/**
 * A Markdown file is a Sift transcript already: kept as it is, given front matter only when
 * it has none (re-reading it as text would turn its front matter into speech).
 */
function markdownAsIs(text: string, options: TranscriptImportOptions): ConvertedTranscript {
  const markdown = /^---[ \t]*\n/.test(text) ? text : `---\n${stringify(frontMatter(options, 'interview'))}---\n\n${text}`;
  return { markdown, turns: speakerTurns(markdown), entries: 0, listedSpeakers: [], problems: [] };
}

/** A file to import as a transcript: its original name and its text (or why it could not be read). */
export type IncomingTranscript = { name: string; text: string; note?: string } | { name: string; problem: Problem };

export interface PlannedTranscriptImport {
  /** What each new transcript is, for telling the researcher (`transcripts/p07.md (42 turns)`, or its paragraphs when it has no speaker labels). */
  created: string[];
  /** Things worth knowing that did not stop the import (speakers listed in front matter, an unknown participant). */
  notes: string[];
  problems: Problem[];
}

const CAPTION_FORMATS: Record<string, CaptionFormat> = { vtt: 'vtt', srt: 'srt', sbv: 'sbv' };

const NO_WORDS = 'This file has no words to import: it is empty, or holds only blank lines, front matter or caption timings.';

/** A transcript's text below its front matter. */
function bodyOf(markdown: string): string {
  const lines = splitLines(markdown);
  const body = lines[readFrontMatter('converted.md', markdown, lines).bodyLine];
  return body === undefined ? '' : markdown.slice(body.start);
}

/** Whether a transcript has words below its front matter: a file without any is nothing to code. */
function hasWords(markdown: string): boolean {
  return !isBlank(bodyOf(markdown));
}

/**
 * What was read, in the researcher's words: its turns, or, for a text with no speaker labels
 * (captions without voices, notes), its paragraphs — "0 turns" would say nothing was imported.
 */
function whatWasRead(converted: ConvertedTranscript): string {
  if (converted.turns > 0) return `${converted.turns} ${converted.turns === 1 ? 'turn' : 'turns'}`;
  const paragraphs = bodyOf(converted.markdown)
    .split(/\n[ \t]*\n/)
    .filter((p) => !isBlank(p)).length;
  return `${paragraphs} ${paragraphs === 1 ? 'paragraph' : 'paragraphs'}, no speaker labels`;
}

/**
 * Plans new Markdown transcripts under `transcripts/` for imported files: captions are read
 * as captions, everything else as text. A caption file is kept as it was read under
 * `originals/`, which the transcript's front matter names: the clean transcript is what
 * is coded, the original is the provenance (cue timings to the millisecond, styling).
 * Two files that would become the same transcript, and a file that exists already, are
 * refused (the plan says so); nothing is overwritten.
 */
export async function planTranscriptImport(plan: EditPlan, ws: Workspace, files: readonly IncomingTranscript[], participant?: string): Promise<PlannedTranscriptImport> {
  const out: PlannedTranscriptImport = { created: [], notes: [], problems: [] };
  const targets = new Set<string>();
  for (const file of files) {
    const dot = file.name.lastIndexOf('.');
    const ext = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : '';
    const target = `transcripts/${dot > 0 ? file.name.slice(0, dot) : file.name}.md`;
    if (targets.has(target)) {
      out.problems.push(problem(file.name, undefined, 'error', 'import-name-clash', `Two of the files would become ${target}; import them separately or rename one.`));
      continue;
    }
    targets.add(target);
    if ('problem' in file) {
      out.problems.push(file.problem);
      continue;
    }
    const caption = CAPTION_FORMATS[ext];
    const original = caption ? `originals/${file.name}` : undefined;
    const options = { sourceName: file.name, ...(participant ? { participant } : {}), ...(original ? { original } : {}) };
    const converted = ext === 'md' || ext === 'markdown' ? markdownAsIs(file.text, options) : transcriptToMarkdown(file.text, caption ?? 'text', options);
    // A caption's errors stop its import; what was read leniently is said, at its line, as a note.
    const errors = converted.problems.filter((p) => p.severity === 'error');
    if (errors.length === 0 && !hasWords(converted.markdown)) errors.push(problem(file.name, { line: 1, column: 1 }, 'error', 'import-no-words', NO_WORDS));
    out.problems.push(...errors);
    if (errors.length > 0) continue;
    if (!(await plan.createText(target, converted.markdown))) continue;
    if (original && !(await plan.createText(original, file.text))) continue;
    if (file.note) out.notes.push(`${file.name}: ${file.note}`);
    for (const p of converted.problems) out.notes.push(`${p.path}:${p.line}:${p.column}: ${p.message}`);
    if (converted.listedSpeakers.length > 0) out.notes.push(`${file.name}: speakers ${converted.listedSpeakers.join(', ')} are listed in the transcript's front matter (speakers:), so Sift reads their labels as written.`);
    out.created.push(`${target} (${whatWasRead(converted)}${converted.entries > 0 ? `, ${converted.entries} dated entries` : ''}${original ? `; the original is kept as ${original}` : ''})`);
  }
  if (participant && !ws.participants.some((p) => p.id === participant)) out.notes.push(`${participant} is not in participants.yaml yet; add them there.`);
  return out;
}
