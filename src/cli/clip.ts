/**
 * `sift clip h-… [dir] [--out FILE]`: the highlight's passage cut from its recording (its span,
 * 0.2 s either side), as an MP4 any stakeholder can play; kept in `.sift/clips/` unless --out.
 * `sift reel THEME|INSIGHT [dir] --out FILE`: the clips of a theme's highlights (or an insight's
 * evidence) in order, each after a title card of its quote and who said it.
 * Consent decides as in the report (src/core/media/clips.ts): a highlight whose participant did
 * not agree to be quoted verbatim is left out of a reel and refused as a clip, with the reason.
 * The making is src/node/clip-files.ts, which the editor's commands share.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { clipPath } from '../core/media/clips';
import { makeClip, makeReel, type ClipStudy, type Refusal } from '../node/clip-files';
import { studyGuard } from '../node/privacy-scan';
import type { Io } from './io';
import { openWorkspace, UsageError } from './open';
import { readableForSharing } from './report-command';

function args(rest: string[], what: string, outRequired: boolean): { id: string; dir: string; out: string | undefined } {
  const { values, positionals } = parseArgs({ args: rest, options: { out: { type: 'string' } }, allowPositionals: true, strict: true });
  const [id, dir, ...extra] = positionals;
  if (!id) throw new UsageError(`Name the ${what}.`);
  if (extra.length > 0) throw new UsageError(`Expected the ${what} and at most one folder, got: ${positionals.join(' ')}`);
  if (outRequired && !values.out) throw new UsageError('Say where to write it with --out FILE.mp4.');
  if (values.out && !/\.mp4$/i.test(values.out)) throw new UsageError(`--out ${values.out}: clips and reels are MP4 files; name it FILE.mp4.`);
  return { id, dir: dir ?? '.', out: values.out && path.resolve(values.out) };
}

async function opened(dir: string, io: Io): Promise<ClipStudy | undefined> {
  const study = await openWorkspace(dir);
  if (!readableForSharing(study.workspace, io, 'report')) return undefined;
  const exists = (p: string) => study.paths.has(p);
  return { workspace: study.workspace, fs: study.fs, root: study.root, exists, guard: await studyGuard(study.workspace, study.fs, study.root) };
}

/** `sift clip ID [dir] [--out FILE.mp4]`: to FILE, or to the study's `.sift/clips/ID.mp4` where the report finds it. */
export async function clip(rest: string[], io: Io): Promise<number> {
  const { id, dir, out } = args(rest, 'highlight (h-…)', false);
  const study = await opened(dir, io);
  if (!study) return 1;
  const made = await makeClip(study, id, out);
  if (!made.ok) return refused(io, made, 'clip');
  const shown = out ? path.relative(process.cwd(), made.out) || made.out : clipPath(id);
  io.out(`Wrote ${shown}: ${id} from ${made.recording}, ${made.start.toFixed(1)}–${made.end.toFixed(1)} s (${(made.end - made.start).toFixed(1)} s).`);
  return 0;
}

export async function reel(rest: string[], io: Io): Promise<number> {
  const { id, dir, out } = args(rest, 'theme or insight', true);
  const study = await opened(dir, io);
  if (!study) return 1;
  const made = await makeReel(study, id, out!);
  if (!made) throw new UsageError(`There is no theme or insight "${id}" in this study.`);
  for (const s of made.skipped) io.err(`Left out ${s.id}: ${s.reason}`);
  if (!made.ok) return refused(io, { ...made, message: made.skipped.length > 0 && made.message.startsWith('no reel') ? `${made.message.replace(/\.$/, '')} (see above).` : made.message }, 'reel');
  const n = made.clips.length;
  io.out(`Wrote ${out}: "${made.title}", ${n} clip${n === 1 ? '' : 's'} (${made.clips.join(', ')})${made.skipped.length > 0 ? `; ${made.skipped.length} left out (above)` : ''}. Each clip is kept in .sift/clips/ too.`);
  return 0;
}

/** A refusal: the mistake at its file, line and column when it is one (and nothing more is said), else why. */
function refused(io: Io, r: Refusal, what: 'clip' | 'reel'): number {
  io.err(r.where ? `${r.where}\nsift: no ${what} was made.` : `sift: ${r.message}`);
  return 1;
}
