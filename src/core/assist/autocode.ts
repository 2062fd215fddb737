/**
 * Auto-coding by structure: the passages a rule picks out of a study's transcripts, planned
 * before anything is written so the researcher sees what will be coded (how many, where,
 * examples) and what was left out and why. Rules:
 * - `speaker`: every turn of a speaker;
 * - `question`: every answer under the interview question it answers, the question becoming a
 *   tag of the answer (a child of the chosen tag) or recorded on it as its note;
 * - `match`: passages with a word, phrase or regular expression in them, accents and case folded.
 * Turns are the transcript parser's (src/core/transcripts); this module reads no speaker labels
 * of its own. Writing the plan is ./autocode-apply.ts.
 */
import { slugify } from '../ids';
import type { Tag, Transcript, Turn } from '../model';
import { CodePointIndex } from '../text';
import { turnAt } from '../transcripts';
import { readFrontMatter } from '../transcripts/frontmatter';
import { splitLines } from '../transcripts/lines';
import type { Workspace } from '../workspace/workspace';
import { highlightsPathFor } from '../workspace/workspace';
import { FoldedText, findHits, foldAccents, type TextPattern } from './autocode-match';

/** How much around a hit of a `match` rule is coded: its turn (or line, outside turns), its sentence, or the words matched. */
export type MatchScope = 'turn' | 'sentence' | 'match';

export type AutocodeRule = { kind: 'speaker'; speaker: string } | { kind: 'match'; pattern: TextPattern; regex: boolean; scope: MatchScope } | { kind: 'question'; as: 'tag' | 'attribute'; interviewer?: string };

/** A passage of a transcript: code points over its normalised text, and where it starts. */
interface PassageAt {
  source: string;
  start: number;
  end: number;
  /** Where it starts, 1-based, as editors count (column in UTF-16 units). */
  line: number;
  column: number;
  /** The participant's words exactly as written. */
  quote: string;
}

/** A passage the plan codes. */
export interface PlannedPassage extends PassageAt {
  tags: string[];
  /** The question answered, for a `question` rule recording it as the note. */
  note?: string;
}

export type SkipReason = 'already-coded' | 'no-words' | 'before-first-question' | 'no-question';

export interface SkippedPassage extends PassageAt {
  reason: SkipReason;
  /** The reason in a sentence. */
  why: string;
}

export interface TranscriptCount {
  source: string;
  count: number;
  /** Up to three quotes of the passages coded, shortened. */
  examples: string[];
  /** A `question` rule: how many questions were found, and answers under each (in order). */
  questions?: { question: string; answers: number }[];
}

export interface AutocodePlan {
  /** The rule as the highlights' provenance records it: `speaker: P`, `match: wait, queue`. */
  rule: string;
  /** The tag every passage gets (an id of the codebook, or of `newTags`). */
  tag: string;
  /** Tags the write adds to the codebook first: the chosen tag when new, and question tags. */
  newTags: Tag[];
  passages: PlannedPassage[];
  skipped: SkippedPassage[];
  /** Every transcript the rule coded something in, in path order. */
  perTranscript: TranscriptCount[];
  /** Why nothing was planned, when nothing was (a sentence). */
  nothing?: string;
}

/** What the rule is called in provenance and previews. */
export function describeRule(rule: AutocodeRule): string {
  switch (rule.kind) {
    case 'speaker':
      return `speaker: ${rule.speaker}`;
    case 'match':
      return `${rule.regex ? 'regex' : 'match'}: ${rule.pattern.source}`;
    case 'question':
      return `by question${rule.interviewer ? ` (asked by ${rule.interviewer})` : ''}`;
  }
}

/**
 * Plans a rule over the study's transcripts. `texts` holds each transcript's current
 * normalised text (the ones missing are left out); `tag` is a tag id or label of the codebook,
 * or the label of a new tag.
 */
export function planAutocode(ws: Workspace, texts: ReadonlyMap<string, string>, rule: AutocodeRule, tag: string): AutocodePlan {
  const chosen = resolveTag(ws.codebook, tag);
  const newTags: Tag[] = chosen.isNew ? [chosen.tag] : [];
  const passages: PlannedPassage[] = [];
  const skipped: SkippedPassage[] = [];
  const perTranscript: TranscriptCount[] = [];
  const questionTags = new Map<string, Tag>();
  const sources = [...ws.transcripts.keys()].filter((s) => texts.has(s)).sort();

  for (const source of sources) {
    const transcript = ws.transcripts.get(source)!;
    const text = texts.get(source)!;
    const reading = new TranscriptReading(ws, transcript, text);
    const found = findPassages(reading, rule);
    const coded: PlannedPassage[] = [];
    for (const candidate of found.candidates) {
      const quote = reading.slice(candidate.start, candidate.end);
      let tags = [chosen.tag.id];
      let note: string | undefined;
      if (candidate.question !== undefined && rule.kind === 'question') {
        if (rule.as === 'tag') {
          const questionTag = tagForQuestion(ws.codebook, questionTags, chosen.tag.id, candidate.question);
          tags = [chosen.tag.id, questionTag.id];
        } else note = `Question: ${candidate.question}`;
      }
      const reason = whySkipped(reading, candidate.start, candidate.end, quote, tags);
      const at = { source, start: candidate.start, end: candidate.end, ...reading.position(candidate.start), quote };
      if (reason) skipped.push({ ...at, ...reason });
      else coded.push({ ...at, tags, ...(note !== undefined ? { note } : {}) });
    }
    for (const s of found.skipped) skipped.push({ source, ...s, ...reading.position(s.start), quote: reading.slice(s.start, s.end) });
    passages.push(...coded);
    if (coded.length > 0 || found.questions) {
      perTranscript.push({ source, count: coded.length, examples: distinctExamples(coded, 3), ...(found.questions ? { questions: found.questions } : {}) });
    }
  }
  for (const t of questionTags.values()) if (!ws.codebook.some((c) => c.id === t.id)) newTags.push(t);
  const plan: AutocodePlan = { rule: describeRule(rule), tag: chosen.tag.id, newTags: passages.length > 0 ? newTags : [], passages, skipped, perTranscript: perTranscript.filter((t) => t.count > 0 || (t.questions?.length ?? 0) > 0) };
  if (passages.length === 0) plan.nothing = nothingSentence(ws, rule, sources.length, skipped);
  return plan;
}

/** The codebook tag `tag` names (by id or label, any case), or a new one labelled so. */
function resolveTag(codebook: readonly Tag[], tag: string): { tag: Tag; isNew: boolean } {
  const wanted = tag.trim();
  const folded = foldKey(wanted);
  const existing = codebook.find((t) => t.id === wanted) ?? codebook.find((t) => foldKey(t.label) === folded || t.id === slugify(wanted));
  return existing ? { tag: existing, isNew: false } : { tag: { id: slugify(wanted), label: labelOf(wanted) }, isNew: true };
}

/** The label of a new tag: as written, or from an id written as one (`waiting-time` → `Waiting time`). */
function labelOf(written: string): string {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(written)) return written;
  const words = written.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The child tag of `parent` for a question: the same question (same words) in every transcript gets the same tag. */
function tagForQuestion(codebook: readonly Tag[], made: Map<string, Tag>, parent: string, question: string): Tag {
  const label = shorten(question, 80);
  const id = `${parent}-${slugify(question, 48)}`;
  const existing = codebook.find((t) => t.id === id) ?? made.get(id);
  if (existing) return existing;
  const tag: Tag = { id, label, parent };
  made.set(id, tag);
  return tag;
}

/** A transcript's text, turns and highlights as the rules need them. */
class TranscriptReading {
  readonly index: CodePointIndex;
  constructor(
    readonly ws: Workspace,
    readonly transcript: Transcript,
    readonly text: string,
  ) {
    this.index = new CodePointIndex(text);
  }
  slice(start: number, end: number): string {
    return this.index.slice(start, end);
  }
  /** The 1-based line and column of a code-point offset. */
  position(offset: number): { line: number; column: number } {
    const at = this.index.toUtf16(offset);
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let nl = this.text.indexOf('\n'); nl >= 0; nl = this.text.indexOf('\n', nl + 1)) this.lineStarts.push(nl + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - this.lineStarts[lo]! + 1 };
  }
  private lineStarts: number[] | undefined;
  /** The highlights of this transcript where they are now (orphans have no place). */
  get highlights(): { start: number; end: number; tags: readonly string[] }[] {
    const file = this.ws.highlightFiles.get(highlightsPathFor(this.ws.project, this.transcript.path));
    return (file?.highlights ?? []).flatMap((h) => {
      const r = this.ws.anchoring.get(h.id);
      if (r?.state === 'orphaned') return [];
      return [{ start: r?.start ?? h.start, end: r?.end ?? h.end, tags: h.tags }];
    });
  }
}

interface Candidate {
  start: number;
  end: number;
  /** The question a `question` rule's answer answers. */
  question?: string;
}

interface Found {
  candidates: Candidate[];
  skipped: Omit<SkippedPassage, 'source' | 'quote' | 'line' | 'column'>[];
  questions?: { question: string; answers: number }[];
}

function findPassages(reading: TranscriptReading, rule: AutocodeRule): Found {
  switch (rule.kind) {
    case 'speaker': {
      const wanted = foldKey(rule.speaker);
      return { candidates: reading.transcript.turns.filter((t) => t.speaker !== undefined && speakerKeys(t.speaker).includes(wanted)).map(({ start, end }) => ({ start, end })), skipped: [] };
    }
    case 'match':
      return { candidates: matchedPassages(reading, rule.pattern, rule.scope), skipped: [] };
    case 'question':
      return answers(reading, rule.interviewer);
  }
}

/** A name as compared: accents and case folded, spaces collapsed. */
function foldKey(name: string): string {
  return foldAccents(name).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The ways a turn's speaker may be named: as written, and without a qualifier (`P05 (carer)` is also `P05`). */
function speakerKeys(speaker: string): string[] {
  const key = foldKey(speaker);
  const base = key.replace(/\s*\([^()]*\)$/, '');
  return base === key ? [key] : [key, base];
}

/** The passages with a hit in them, each once, in order. */
function matchedPassages(reading: TranscriptReading, pattern: TextPattern, scope: MatchScope): Candidate[] {
  const folded = new FoldedText(reading.text);
  const out: Candidate[] = [];
  for (const hit of findHits(folded, pattern)) {
    const start = reading.index.toCodePoint(hit.start);
    const end = reading.index.toCodePoint(hit.end);
    const passage = scope === 'match' ? { start, end } : around(reading, start, end, scope);
    const last = out[out.length - 1];
    if (last && passage.start < last.end) {
      last.end = Math.max(last.end, passage.end); // hits in the same passage code it once
      continue;
    }
    out.push(passage);
  }
  return out;
}

/** The turn (or, outside turns, the line) holding [start, end), narrowed to its sentence for the `sentence` scope. */
function around(reading: TranscriptReading, start: number, end: number, scope: 'turn' | 'sentence'): { start: number; end: number } {
  const turn = turnAt(reading.transcript.turns, start) ?? lineHolding(reading, start);
  const passage = { start: turn.start, end: Math.max(turn.end, end) };
  return scope === 'sentence' ? sentenceHolding(reading, passage, start, end) : passage;
}

function lineHolding(reading: TranscriptReading, offset: number): { start: number; end: number } {
  const at = reading.index.toUtf16(offset);
  const from = reading.text.lastIndexOf('\n', at - 1) + 1;
  const nl = reading.text.indexOf('\n', at);
  const to = nl < 0 ? reading.text.length : nl;
  return trimmed(reading, reading.index.toCodePoint(from), reading.index.toCodePoint(to));
}

/** The sentence of `passage` holding the hit [start, end), by the platform's sentence segmenter (hits across sentences keep them all). */
function sentenceHolding(reading: TranscriptReading, passage: { start: number; end: number }, start: number, end: number): { start: number; end: number } {
  // A single line break is a wrapped line inside a paragraph, not the end of a sentence (the segmenter would say it is).
  const text = reading.slice(passage.start, passage.end).replace(/(?<!\n)\n(?!\n)/g, ' ');
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
  const local = new CodePointIndex(text);
  let from = passage.start;
  let to = passage.end;
  for (const s of segmenter.segment(text)) {
    const a = passage.start + local.toCodePoint(s.index);
    const b = passage.start + local.toCodePoint(s.index + s.segment.length);
    if (b <= start) from = b;
    if (a >= end) {
      to = a;
      break;
    }
  }
  return trimmed(reading, from, to);
}

/** [start, end) without the blanks at its ends. */
function trimmed(reading: TranscriptReading, start: number, end: number): { start: number; end: number } {
  const text = reading.slice(start, end);
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  const leadCp = [...text.slice(0, lead)].length;
  const trailCp = [...text.slice(text.length - trail)].length;
  return { start: start + leadCp, end: Math.max(start + leadCp, end - trailCp) };
}

/** Role words that name the interviewer, in any case: `I`, `Int`, `Interviewer 1`, `Moderator`. */
const INTERVIEWER = /^(?:i|int|intv|interviewer|moderator|mod|facilitator|researcher|r|q)(?:[\s_-]*\d+)?$/;

/**
 * The answers of one transcript under the questions they answer. The questions are the
 * Markdown headings of an interview guide when the transcript has any (every turn under one
 * answers it), otherwise the interviewer's turns that ask something (a question mark): the
 * turns of others after one answer it, and the interviewer's other turns ("Okay.", "Mm-hmm")
 * neither ask nor answer. The interviewer is the one named, else the speaker named as one
 * (`I`, `Interviewer`, `Moderator`), else whoever speaks first.
 */
function answers(reading: TranscriptReading, named: string | undefined): Found {
  const turns = reading.transcript.turns;
  const headings = headingsOf(reading);
  const interviewer = interviewerOf(turns, named, headings.length === 0);
  const isInterviewer = (t: Turn) => interviewer !== undefined && t.speaker !== undefined && speakerKeys(t.speaker).includes(interviewer);
  type Question = { at: number; text: string };
  const questions: Question[] =
    headings.length > 0
      ? headings.map((h) => ({ at: h.start, text: h.title }))
      : turns.filter((t) => isInterviewer(t) && reading.slice(t.start, t.end).includes('?')).map((t) => ({ at: t.start, text: questionSentence(reading.slice(t.start, t.end)) }));
  const found: Found = { candidates: [], skipped: [], questions: [] };
  if (questions.length === 0) {
    found.skipped.push(
      ...turns.filter((t) => !isInterviewer(t)).map((t) => ({ start: t.start, end: t.end, reason: 'no-question' as const, why: 'The transcript has no question to answer: no heading, and no turn of the interviewer asks something.' })),
    );
    delete found.questions;
    return found;
  }
  let q = -1;
  const counts = questions.map((question) => ({ question: question.text, answers: 0 }));
  for (const turn of turns) {
    while (q + 1 < questions.length && questions[q + 1]!.at <= turn.start) q++;
    if (isInterviewer(turn)) continue;
    if (q < 0) {
      found.skipped.push({ start: turn.start, end: turn.end, reason: 'before-first-question', why: 'Said before the first question.' });
      continue;
    }
    found.candidates.push({ start: turn.start, end: turn.end, question: questions[q]!.text });
    counts[q]!.answers++;
  }
  found.questions = counts;
  return found;
}

function interviewerOf(turns: readonly Turn[], named: string | undefined, firstSpeakerAsks: boolean): string | undefined {
  if (named !== undefined) return foldKey(named);
  const speakers = [...new Set(turns.map((t) => t.speaker).filter((s): s is string => s !== undefined))];
  const role = speakers.find((s) => speakerKeys(s).some((k) => INTERVIEWER.test(k)));
  if (role) return foldKey(role);
  return firstSpeakerAsks && speakers[0] !== undefined ? foldKey(speakers[0]) : undefined;
}

/** The sentence of a question turn that asks (up to its last question mark): "Okay. So how did you find it?" → "So how did you find it?" */
function questionSentence(turn: string): string {
  const flat = turn.replace(/\s+/g, ' ').trim();
  const mark = flat.lastIndexOf('?');
  const upTo = flat.slice(0, mark + 1);
  const segments = [...new Intl.Segmenter(undefined, { granularity: 'sentence' }).segment(upTo)].map((s) => s.segment.trim()).filter(Boolean);
  return segments[segments.length - 1] ?? upTo;
}

const HEADING = /^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const DATE_HEADING = /^\d{4}-\d{2}-\d{2}(?![\d-])/;

/** The Markdown headings of a transcript's body (not diary dates), as questions of an interview guide. */
function headingsOf(reading: TranscriptReading): { start: number; title: string }[] {
  if (reading.transcript.format !== 'markdown' || reading.transcript.meta.kind === 'survey') return [];
  const lines = splitLines(reading.text);
  const body = readFrontMatter(reading.transcript.path, reading.text, lines).bodyLine;
  const out: { start: number; title: string }[] = [];
  for (const line of lines.slice(body)) {
    const m = HEADING.exec(line.text);
    const title = m?.[1]?.trim();
    if (title && !DATE_HEADING.test(title)) out.push({ start: reading.index.toCodePoint(line.start), title });
  }
  return out;
}

const HAS_WORD = /[\p{L}]/u;

/** Why a candidate passage is not coded, or undefined to code it. */
function whySkipped(reading: TranscriptReading, start: number, end: number, quote: string, tags: readonly string[]): Pick<SkippedPassage, 'reason' | 'why'> | undefined {
  if (!HAS_WORD.test(quote)) return { reason: 'no-words', why: `Only a timestamp or number, no words: "${shorten(quote, 40)}".` };
  const covering = reading.highlights.find((h) => h.start <= start && h.end >= end && tags.every((t) => h.tags.includes(t)));
  if (covering) return { reason: 'already-coded', why: `Already coded ${tags.join(', ')}.` };
  return undefined;
}

function nothingSentence(ws: Workspace, rule: AutocodeRule, transcripts: number, skipped: readonly SkippedPassage[]): string {
  if (transcripts === 0) return 'The study has no transcript to code.';
  if (skipped.length > 0 && skipped.every((s) => s.reason === 'already-coded')) return `Nothing new to code: all ${skipped.length} passage(s) the rule finds are already coded with that tag.`;
  switch (rule.kind) {
    case 'speaker': {
      const counts = new Map<string, number>();
      for (const t of ws.transcripts.values()) for (const turn of t.turns) if (turn.speaker) counts.set(turn.speaker, (counts.get(turn.speaker) ?? 0) + 1);
      const known = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8);
      return `No turn is spoken by "${rule.speaker}" in ${transcripts} transcript(s).${known.length > 0 ? ` Speakers found: ${known.map(([s, n]) => `${s} (${n})`).join(', ')}.` : ' No transcript has speaker labels.'}`;
    }
    case 'match':
      return `No passage matches ${rule.regex ? 'the regular expression' : ''} "${rule.pattern.source}" in ${transcripts} transcript(s) (accents and case ignored).`.replace('  ', ' ');
    case 'question':
      return `No answer to an interview question was found in ${transcripts} transcript(s): questions are Markdown headings, or the interviewer's turns with a question mark${rule.interviewer ? ` (by ${rule.interviewer})` : ''}.`;
  }
}

/** A quote on one line, cut at a word near `max` characters. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The first `n` different passages, shortened: a line repeated above each comment (a video's title) would otherwise fill the preview. */
function distinctExamples(coded: readonly { quote: string }[], n: number): string[] {
  const shown = new Set<string>();
  for (const p of coded) {
    if (shown.size === n) break;
    shown.add(shorten(p.quote, 140));
  }
  return [...shown];
}
