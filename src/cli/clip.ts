/**
 * `sift clip h-… [dir] --out FILE`: the highlight's passage cut from its recording (its span,
 * 0.2 s either side), as an MP4 any stakeholder can play.
 * `sift reel THEME|INSIGHT [dir] --out FILE`: the clips of a theme's highlights (or an insight's
 * evidence) in order, each after a title card of its quote and who said it.
 * Consent decides as in the report (src/core/media/clips.ts): a highlight whose participant did
 * not agree to be quoted verbatim is left out of a reel and refused as a clip, with the reason.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { cutRange, planClip, planReel, type PlannedClip } from '../core/media/clips';
import { studyGuard } from '../node/privacy-scan';
import type { Io } from './io';
import { openWorkspace, UsageError } from './open';
import { readableForSharing } from './report-command';

/** The cutting, loaded only by these commands (dist/media.js). */
const media = () => require('../node/media') as typeof import('../node/media');

/** Seconds a title card stays: long enough to read a quote of two lines. */
const CARD_SECONDS = 4;

function args(rest: string[], what: string): { id: string; dir: string; out: string } {
  const { values, positionals } = parseArgs({ args: rest, options: { out: { type: 'string' } }, allowPositionals: true, strict: true });
  const [id, dir, ...extra] = positionals;
  if (!id) throw new UsageError(`Name the ${what}.`);
  if (extra.length > 0) throw new UsageError(`Expected the ${what} and at most one folder, got: ${positionals.join(' ')}`);
  if (!values.out) throw new UsageError('Say where to write it with --out FILE.mp4.');
  if (!/\.mp4$/i.test(values.out)) throw new UsageError(`--out ${values.out}: clips and reels are MP4 files; name it FILE.mp4.`);
  return { id, dir: dir ?? '.', out: path.resolve(values.out) };
}

async function opened(dir: string, io: Io) {
  const study = await openWorkspace(dir);
  if (!readableForSharing(study.workspace, io, 'report')) return undefined;
  const exists = (p: string) => study.paths.has(p);
  return { ...study, exists, guard: await studyGuard(study.workspace, study.fs, study.root) };
}

/** Where the clip is cut, knowing the recording's length (the last passage runs to its end). */
async function range(root: string, clip: PlannedClip): Promise<{ input: string; start: number; end: number } | { message: string }> {
  const input = path.join(root, clip.recording.path);
  const info = await media().probe(input);
  if ('message' in info) return { message: `${clip.recording.path} could not be read: ${info.message}` };
  return { input, ...cutRange(clip.span, info.duration) };
}

export async function clip(rest: string[], io: Io): Promise<number> {
  const { id, dir, out } = args(rest, 'highlight (h-…)');
  const study = await opened(dir, io);
  if (!study) return 1;
  const plan = planClip(study.workspace, id, study.exists, study.guard);
  if (!plan.ok) {
    io.err(`sift: no clip of ${id}: ${plan.reason}`);
    return 1;
  }
  const cut = await range(study.root, plan.clip);
  if ('message' in cut) return fail(io, cut.message);
  const made = await media().cutClip(cut, out);
  if (!made.ok) return fail(io, `ffmpeg could not cut the clip: ${made.message}`);
  io.out(`Wrote ${out}: ${id} from ${plan.clip.recording.path}, ${cut.start.toFixed(1)}–${cut.end.toFixed(1)} s (${(cut.end - cut.start).toFixed(1)} s).`);
  return 0;
}

export async function reel(rest: string[], io: Io): Promise<number> {
  const { id, dir, out } = args(rest, 'theme or insight');
  const study = await opened(dir, io);
  if (!study) return 1;
  const plan = planReel(study.workspace, id, study.exists, study.guard);
  if (!plan) throw new UsageError(`There is no theme or insight "${id}" in this study.`);
  for (const s of plan.skipped) io.err(`Left out ${s.id}: ${s.reason}`);
  if (plan.clips.length === 0) return fail(io, `no reel of "${plan.title}": none of its ${plan.skipped.length} highlights can be a clip (see above).`);
  const parts = [];
  for (const c of plan.clips) {
    const cut = await range(study.root, c);
    if ('message' in cut) return fail(io, cut.message);
    parts.push({ card: { quote: c.quote, attribution: c.attribution, seconds: CARD_SECONDS }, clip: cut });
  }
  const made = await media().makeReel(parts, out);
  if (!made.ok) return fail(io, `ffmpeg could not make the reel: ${made.message}`);
  io.out(`Wrote ${out}: "${plan.title}", ${plan.clips.length} clip${plan.clips.length === 1 ? '' : 's'} (${plan.clips.map((c) => c.highlight.id).join(', ')})${plan.skipped.length > 0 ? `; ${plan.skipped.length} left out (above)` : ''}.`);
  return 0;
}

function fail(io: Io, message: string): number {
  io.err(`sift: ${message}`);
  return 1;
}
