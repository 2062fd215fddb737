/**
 * What may be cut from a recording for stakeholders, and from where to where. A clip carries a
 * participant's voice, and often their face, which no pseudonym hides: so a clip is made only
 * of a participant who agreed to be quoted verbatim, never of one quoted only anonymised, never
 * of one whose words are for analysis only, and nothing at all of one who withdrew (the same
 * consent the report reads, `quotePolicyForHighlight`). As in the report with the study's privacy
 * scan, a passage whose personal-data findings are still open is not shared either.
 */
import type { Highlight, Transcript } from '../model';
import { quotePolicyForHighlight } from '../privacy/consent';
import { NO_GUARD, type SharingGuard } from '../privacy/share';
import type { PointedProblem } from '../workspace/references';
import { findHighlight, participantOfHighlight, type Workspace } from '../workspace/workspace';
import { recordingOf, type RecordingLink } from './recording';
import { endSeconds, formatSeconds, highlightSpan, type TimeSpan } from './spans';

/**
 * Where a highlight's clip is kept once made (`sift clip`, `sift reel`, the editor's commands):
 * the study's `.sift/clips/`, which `sift init` keeps out of git. The report and the site link a
 * quote to the clip found there (see linkableClip).
 */
export function clipPath(id: string): string {
  return `.sift/clips/${id}.mp4`;
}

/**
 * The clip a report or a site may link a quote to: the file `sift clip` or `sift reel` made, when
 * it is there and consent still allows a clip of that highlight now (a clip made before a
 * participant withdrew is never linked). Not a time range of the recording itself: a link
 * into the whole recording would hand a stakeholder every voice in it, of participants who
 * never agreed to be heard, and a site would have to publish the raw recording.
 */
export function linkableClip(ws: Workspace, id: string, exists: (path: string) => boolean, guard: SharingGuard = NO_GUARD): string | undefined {
  const found = findHighlight(ws, id);
  if (!found) return undefined;
  const path = clipPath(id);
  return exists(path) && clipRefusal(ws, found.file.source, found.file.highlights[found.index]!, guard) === undefined ? path : undefined;
}

/** Seconds of sound kept before and after the words, so a clip does not start or end mid-syllable. */
export const CLIP_MARGIN = 0.2;

export interface PlannedClip {
  highlight: Highlight;
  /** Where the highlight is written: its highlights file and its index in the list. */
  file: string;
  index: number;
  source: string;
  recording: RecordingLink;
  /** When the words are heard; the cut adds {@link CLIP_MARGIN} either side. `end` undefined: to the end of the recording. */
  span: TimeSpan;
  participant: string | undefined;
  /** The quote as a title card shows it (personal data masked). */
  quote: string;
  /** `P06 · Phone call: reaching State Pension age, 1:11`. */
  attribution: string;
}

/** `problem`: the refusal is a mistake in the highlight's file, to be shown at its line and column. */
export type ClipPlan = { ok: true; clip: PlannedClip } | { ok: false; id: string; reason: string; problem?: PointedProblem };

/** Why a highlight's clip may not be made, or undefined when it may. */
export function clipRefusal(ws: Workspace, source: string, h: Highlight, guard: SharingGuard): string | undefined {
  const policy = quotePolicyForHighlight(ws, source, h.speaker);
  if (!policy.include) return `${policy.reason} No clip is made.`;
  if (policy.quotes === 'none') return `${policy.reason} A clip would quote them, so none is made.`;
  if (policy.quotes === 'pseudonymised') return `${policy.reason} A recording carries their voice, which no pseudonym hides, so no clip is made.`;
  if (guard.openFindingsInHighlight(source, h).length > 0) return `This passage has personal data the privacy scan found and nobody has decided on yet (sift pii); settle it before sharing a clip.`;
  return undefined;
}

/** The clip of a highlight, or why there is none; `exists` answers from the study's files. */
export function planClip(ws: Workspace, id: string, exists: (path: string) => boolean, guard: SharingGuard = NO_GUARD): ClipPlan {
  const found = findHighlight(ws, id);
  if (!found) return { ok: false, id, reason: `There is no highlight ${id} in this study.` };
  const file = found.file;
  const h = file.highlights[found.index]!;
  const refused = clipRefusal(ws, file.source, h, guard);
  if (refused) return { ok: false, id, reason: refused };
  const transcript = ws.transcripts.get(file.source);
  if (!transcript) return { ok: false, id, reason: `Its transcript ${file.source} is not in the study.` };
  const recording = recordingOf(transcript, exists);
  if (!recording) return { ok: false, id, reason: `${file.source} has no recording here: put one beside it with the same name, or name it in its front matter as media:.` };
  const place = ws.anchoring.get(id);
  if (place?.state === 'orphaned') return { ok: false, id, reason: `Its words are no longer found in ${file.source}, so Sift cannot tell when they are said.` };
  const span = highlightSpan({ ...h, start: place?.start ?? h.start, end: place?.end ?? h.end }, transcript.turns);
  if (!span) return { ok: false, id, reason: `${file.source} gives no time for this passage: its turns need timestamps like [00:01:23], or a time on the highlight.` };
  const wrongEnd = timeEndProblem(h, { file: file.path, index: found.index }, span);
  if (wrongEnd) return { ok: false, id, reason: wrongEnd.message, problem: wrongEnd };
  const participant = participantOfHighlight(ws, file.source, h.speaker);
  const quote = guard.maskQuote(file.source, h).text;
  return { ok: true, clip: { highlight: h, file: file.path, index: found.index, source: file.source, recording, span, participant, quote, attribution: attributionOf(transcript, participant ?? h.speaker, span) } };
}

/**
 * A hand-set end time (`timeEnd`) that cannot be, at its key in the highlights file (`where`):
 * not after the passage starts (`span` as highlightSpan gives it), or, once the recording's
 * length is known, after the recording ends. The study's check asks the first; clip and reel both.
 */
export function timeEndProblem(h: Pick<Highlight, 'timeEnd'>, where: { file: string; index: number }, span: TimeSpan, recording?: { path: string; duration: number }): PointedProblem | undefined {
  const end = h.timeEnd === undefined ? undefined : endSeconds(h.timeEnd);
  if (end === undefined) return undefined;
  const at = { path: where.file, pointer: ['highlights', where.index, 'timeEnd'], severity: 'error' as const };
  if (end <= span.start) return { ...at, code: 'time-end-before-start', message: `The end time ${h.timeEnd} is not after the passage starts (${formatSeconds(span.start)}): set timeEnd later than that, or remove it to end with the turn.` };
  // A hundredth of a second of slack: a recording's length is rounded where it is measured.
  if (recording && end > recording.duration + 0.01)
    return { ...at, code: 'time-end-beyond-recording', message: `The end time ${h.timeEnd} is after the recording ${recording.path} ends (${formatSeconds(recording.duration)}): set timeEnd within it, or remove it to end with the turn.` };
  return undefined;
}

/** Every hand-set end time of the study that is not after its passage starts (`sift check`, the Problems panel). */
export function timeEndProblems(ws: Workspace): PointedProblem[] {
  const out: PointedProblem[] = [];
  for (const file of ws.highlightFiles.values()) {
    const transcript = ws.transcripts.get(file.source);
    file.highlights.forEach((h, index) => {
      if (h.timeEnd === undefined || !transcript) return;
      const place = ws.anchoring.get(h.id);
      if (place?.state === 'orphaned') return;
      const span = highlightSpan({ ...h, start: place?.start ?? h.start, end: place?.end ?? h.end }, transcript.turns);
      const wrong = span && timeEndProblem(h, { file: file.path, index }, span);
      if (wrong) out.push(wrong);
    });
  }
  return out;
}

function attributionOf(t: Transcript, who: string | undefined, span: TimeSpan): string {
  const where = t.meta.title ?? t.path;
  return `${who ? `${who} · ` : ''}${where}, ${formatSeconds(span.start)}`;
}

/** Where a clip is cut: the words' span with a margin, clamped to the recording. */
export function cutRange(span: TimeSpan, duration: number): { start: number; end: number } {
  const start = Math.max(0, span.start - CLIP_MARGIN);
  const end = Math.min(duration, (span.end ?? duration) + CLIP_MARGIN);
  return { start, end: Math.max(end, start) };
}

export interface ReelPlan {
  /** The theme or insight, as its file names it. */
  title: string;
  clips: PlannedClip[];
  /** Highlights left out, with why. */
  skipped: { id: string; reason: string }[];
}

/** The clips of a theme's highlights or an insight's evidence, in their order; undefined when no theme or insight has that id. */
export function planReel(ws: Workspace, id: string, exists: (path: string) => boolean, guard: SharingGuard = NO_GUARD): ReelPlan | undefined {
  const theme = ws.themes.get(id);
  const insight = theme ? undefined : ws.insights.get(id);
  if (!theme && !insight) return undefined;
  const ids = theme ? theme.highlights : insight!.evidence;
  const plans = ids.map((h) => planClip(ws, h, exists, guard));
  return {
    title: theme ? theme.title : insight!.statement,
    clips: plans.flatMap((p) => (p.ok ? [p.clip] : [])),
    skipped: plans.flatMap((p) => (p.ok ? [] : [{ id: p.id, reason: p.reason }])),
  };
}
