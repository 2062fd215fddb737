/**
 * Making a clip or a reel of a study, for `sift clip|reel` and the editor's "Export Clip of
 * Highlight" and "Export Reel of Theme/Insight…" alike: what may be cut, and from where to
 * where, is the core's one decision (src/core/media/clips.ts, consent exactly as the report);
 * this module measures the recording, checks a hand-set end against it, cuts with ffmpeg
 * (dist/media.js, loaded on demand) and keeps each clip in `.sift/clips/<highlight>.mp4`, where
 * the report and the site find it to link its quote to.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { clipPath, cutRange, planClip, planReel, timeEndProblem, type PlannedClip } from '../core/media/clips';
import type { IFileSystem } from '../core/ports';
import type { SharingGuard } from '../core/privacy/share';
import { formatProblem } from '../core/problems';
import { locate } from '../core/workspace/load';
import type { PointedProblem } from '../core/workspace/references';
import type { Workspace } from '../core/workspace/workspace';

/** The cutting, loaded only when a clip is made (dist/media.js). */
const media = () => require('./media') as typeof import('./media');

/** Seconds a title card stays: long enough to read a quote of two lines. */
const CARD_SECONDS = 4;

/** A study as both callers open it. */
export interface ClipStudy {
  workspace: Workspace;
  fs: IFileSystem;
  /** The study's folder on disk. */
  root: string;
  /** Whether a study file exists (for the recording). */
  exists: (path: string) => boolean;
  guard: SharingGuard;
}

/** `where`: a mistake in a highlights file, as `file:line:col: error: …`, for the caller to show as it shows problems. */
export type Refusal = { ok: false; message: string; where?: string };

export type ClipMade = { ok: true; out: string; recording: string; start: number; end: number } | Refusal;

export type ReelMade = { ok: true; out: string; title: string; clips: string[]; skipped: { id: string; reason: string }[] } | (Refusal & { skipped: { id: string; reason: string }[] });

/** Cuts one highlight's clip to `out` (default: the study's `.sift/clips/<id>.mp4`). */
export async function makeClip(study: ClipStudy, id: string, out?: string): Promise<ClipMade> {
  const plan = planClip(study.workspace, id, study.exists, study.guard);
  if (!plan.ok) return { ok: false, message: `no clip of ${id}: ${plan.reason}`, ...(plan.problem ? { where: await located(study, plan.problem) } : {}) };
  const target = out ?? path.join(study.root, ...clipPath(id).split('/'));
  const cut = await range(study, plan.clip);
  if (!cut.ok) return cut;
  await mkdir(path.dirname(target), { recursive: true });
  const made = await media().cutClip(cut, target);
  if (!made.ok) return { ok: false, message: `ffmpeg could not cut the clip: ${made.message}` };
  return { ok: true, out: target, recording: plan.clip.recording.path, start: cut.start, end: cut.end };
}

/**
 * A reel of a theme's highlights or an insight's evidence to `out`: what consent allows, each
 * after its title card; each clip is kept in `.sift/clips/` too. `progress` hears each step.
 * Undefined when no theme or insight has that id.
 */
export async function makeReel(study: ClipStudy, id: string, out: string, progress?: (done: number, total: number) => void): Promise<ReelMade | undefined> {
  const plan = planReel(study.workspace, id, study.exists, study.guard);
  if (!plan) return undefined;
  const skipped = plan.skipped;
  if (plan.clips.length === 0) return { ok: false, message: `no reel of "${plan.title}": none of its ${skipped.length} highlights can be a clip.`, skipped };
  const parts = [];
  for (const c of plan.clips) {
    const cut = await range(study, c);
    if (!cut.ok) return { ...cut, skipped };
    const keep = path.join(study.root, ...clipPath(c.highlight.id).split('/'));
    parts.push({ card: { quote: c.quote, attribution: c.attribution, seconds: CARD_SECONDS }, clip: cut, keep });
  }
  await mkdir(path.join(study.root, ...clipPath('x').split('/').slice(0, -1)), { recursive: true });
  await mkdir(path.dirname(out), { recursive: true });
  const made = await media().makeReel(parts, out, progress);
  if (!made.ok) return { ok: false, message: `ffmpeg could not make the reel: ${made.message}`, skipped };
  return { ok: true, out, title: plan.title, clips: plan.clips.map((c) => c.highlight.id), skipped };
}

/** Where a clip is cut, knowing the recording's length (the last passage runs to its end; a hand-set end must lie within it). */
async function range(study: ClipStudy, clip: PlannedClip): Promise<({ ok: true } & { input: string; start: number; end: number }) | Refusal> {
  const input = path.join(study.root, ...clip.recording.path.split('/'));
  const info = await media().probe(input);
  if ('message' in info) return { ok: false, message: `${clip.recording.path} could not be read: ${info.message}` };
  const beyond = timeEndProblem(clip.highlight, clip, clip.span, { path: clip.recording.path, duration: info.duration });
  if (beyond) return { ok: false, message: `no clip of ${clip.highlight.id}: ${beyond.message}`, where: await located(study, beyond) };
  return { ok: true, input, ...cutRange(clip.span, info.duration) };
}

async function located(study: ClipStudy, problem: PointedProblem): Promise<string> {
  const [p] = await locate(study.fs, [problem]);
  return formatProblem(p!, 'text');
}
