/**
 * Cutting recordings with the ffmpeg that npm installs (@ffmpeg-installer/ffmpeg, whose binary
 * comes in a platform package of the registry: nothing is downloaded at install or at run time),
 * or the one on PATH where Sift runs without it (the .vsix), and measuring them with ffprobe
 * (@ffprobe-installer/ffprobe, likewise). Loaded on demand (dist/media.js).
 *
 * Clips are re-encoded rather than copied: a copy can only start at a key frame, seconds away
 * from where the words start, and a stakeholder's clip must start on the words.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export type MediaResult = { ok: true } | { ok: false; message: string };

type Tool = 'ffmpeg' | 'ffprobe';
const PACKAGES: Record<Tool, string> = { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' };

/**
 * Where ffmpeg (or ffprobe) is: the binary npm installed with Sift's CLI (its platform package),
 * else the one on PATH. The .vsix carries neither (about 140 MB for each platform, for a feature
 * most sessions never use): in VS Code the PATH's is used unless Sift runs from an npm install.
 */
function binary(tool: Tool): { path: string } | { missing: string } {
  try {
    return { path: (require(PACKAGES[tool]) as { path: string }).path };
  } catch {
    const onPath = findOnPath(tool);
    if (onPath) return { path: onPath };
    return {
      missing: `Sift needs ${tool} to cut clips and it is not on PATH. Install ffmpeg (it brings ffprobe): \`sudo apt install ffmpeg\`, \`brew install ffmpeg\`, \`winget install ffmpeg\`, or https://ffmpeg.org/download.html; then restart VS Code. The sift CLI installed with npm brings its own.`,
    };
  }
}

/** An executable of that name in a folder of PATH (with Windows' extensions there). */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of extensions) {
      const candidate = path.join(dir, name + ext);
      try {
        if (statSync(candidate).isFile()) {
          accessSync(candidate, constants.X_OK);
          return candidate;
        }
      } catch {
        // Not there, or not executable: the next folder.
      }
    }
  }
  return undefined;
}

function run(file: string, args: string[]): Promise<{ ok: true; stdout: string } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, stdout });
      const said = stderr.trim().split('\n').slice(-3).join(' ').trim();
      resolve({ ok: false, message: said || error.message });
    });
  });
}

async function ffmpeg(args: string[], out: string): Promise<MediaResult> {
  const bin = binary('ffmpeg');
  if ('missing' in bin) return { ok: false, message: bin.missing };
  // Written beside the target and renamed: a half-written clip never looks like a clip.
  const partial = path.join(path.dirname(out), `.${path.basename(out)}.partial${path.extname(out)}`);
  const result = await run(bin.path, ['-hide_banner', '-loglevel', 'error', '-y', ...args, partial]);
  if (!result.ok) {
    await rm(partial, { force: true });
    return result;
  }
  await rename(partial, out);
  return { ok: true };
}

export interface Probe {
  /** Seconds. */
  duration: number;
  video: boolean;
  audio: boolean;
}

/** The length of a recording and whether it has a picture and sound. */
export async function probe(file: string): Promise<Probe | { message: string }> {
  const bin = binary('ffprobe');
  if ('missing' in bin) return { message: bin.missing };
  const result = await run(bin.path, ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type', '-of', 'json', file]);
  if (!result.ok) return { message: result.message };
  const info = JSON.parse(result.stdout) as { format?: { duration?: string }; streams?: { codec_type?: string }[] };
  const types = new Set((info.streams ?? []).map((s) => s.codec_type));
  return { duration: Number(info.format?.duration ?? NaN), video: types.has('video'), audio: types.has('audio') };
}

/** Clip and reel settings: what every editor, browser and slide deck plays. */
const VIDEO = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-r', '25'];
const AUDIO = ['-c:a', 'aac', '-b:a', '128k', '-ar', '44100', '-ac', '2'];
/** The picture of a clip or a card: sound-only recordings get a plain frame, so every part of a reel joins. */
const SIZE = { width: 1280, height: 720 };

/** An MP4 copy of a recording with H.264 video and AAC sound. */
export function convertForEditor(input: string, out: string): Promise<MediaResult> {
  return ffmpeg(['-i', input, ...VIDEO, ...AUDIO, '-movflags', '+faststart'], out);
}

export interface ClipSpec {
  input: string;
  start: number;
  end: number;
}

/** Cuts [start, end) of a recording into an MP4 (a sound-only recording on a plain frame). */
export async function cutClip(clip: ClipSpec, out: string): Promise<MediaResult> {
  const info = await probe(clip.input);
  if ('message' in info) return { ok: false, message: info.message };
  const duration = Math.max(0.1, clip.end - clip.start);
  const scale = `scale=${SIZE.width}:${SIZE.height}:force_original_aspect_ratio=decrease,pad=${SIZE.width}:${SIZE.height}:(ow-iw)/2:(oh-ih)/2,setsar=1`;
  const picture = info.video ? ['-filter:v', scale] : ['-f', 'lavfi', '-t', duration.toFixed(3), '-i', `color=c=0x1e1e1e:s=${SIZE.width}x${SIZE.height}:r=25`, '-map', '1:v', '-map', '0:a'];
  const sound = info.audio ? [] : ['-f', 'lavfi', '-t', duration.toFixed(3), '-i', 'anullsrc=r=44100:cl=stereo'];
  // -ss before -i seeks fast; with re-encoding the cut is still exact to the frame.
  return ffmpeg(
    ['-ss', clip.start.toFixed(3), '-t', duration.toFixed(3), '-i', clip.input, ...sound, ...picture, ...(info.audio || !info.video ? [] : ['-map', '0:v', '-map', '1:a']), ...VIDEO, ...AUDIO, '-shortest', '-movflags', '+faststart'],
    out,
  );
}

export interface TitleCard {
  /** The quote as consent allows it to be shown. */
  quote: string;
  /** Who said it and where: `P06 · Phone call, 1:11`. */
  attribution: string;
  seconds: number;
}

/**
 * A title card: the quote and its attribution on a plain frame, silent. The text goes through
 * a file (drawtext's textfile), never through the filter string, so no quote can change the filter.
 */
async function titleCard(card: TitleCard, work: string, index: number, out: string): Promise<MediaResult> {
  const quoteFile = path.join(work, `card-${index}-quote.txt`);
  const whoFile = path.join(work, `card-${index}-who.txt`);
  await writeFile(quoteFile, wrap(`“${card.quote}”`, 48));
  await writeFile(whoFile, `— ${card.attribution}`);
  const escape = (p: string) => p.replace(/\\/g, '/').replace(/:/g, '\\:').replace(/'/g, "\\'");
  const text = (file: string, size: number, y: string, color: string) => `drawtext=textfile='${escape(file)}':expansion=none:fontsize=${size}:fontcolor=${color}:line_spacing=12:x=(w-text_w)/2:y=${y}`;
  const filter = [text(quoteFile, 44, '(h-text_h)/2-40', 'white'), text(whoFile, 30, 'h*0.78', '0xbbbbbb')].join(',');
  return ffmpeg(
    [
      '-f',
      'lavfi',
      '-t',
      card.seconds.toFixed(2),
      '-i',
      `color=c=0x1e1e1e:s=${SIZE.width}x${SIZE.height}:r=25`,
      '-f',
      'lavfi',
      '-t',
      card.seconds.toFixed(2),
      '-i',
      'anullsrc=r=44100:cl=stereo',
      '-filter:v',
      filter,
      ...VIDEO,
      ...AUDIO,
      '-shortest',
    ],
    out,
  );
}

/** Lines of at most `width` characters, broken at spaces. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export interface ReelPart {
  card: TitleCard;
  clip: ClipSpec;
  /** Where to keep the clip cut for this part (the study's `.sift/clips/`); a temporary file when absent. */
  keep?: string;
}

/**
 * A reel: for each part, its title card then its clip, joined into one MP4. `progress` hears
 * each finished step: every card and clip, then the joining.
 */
export async function makeReel(parts: readonly ReelPart[], out: string, progress?: (done: number, total: number) => void): Promise<MediaResult> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'sift-reel-'));
  const total = parts.length * 2 + 1;
  try {
    const pieces: string[] = [];
    for (const [i, part] of parts.entries()) {
      const card = path.join(work, `${i}-card.mp4`);
      const clip = part.keep ?? path.join(work, `${i}-clip.mp4`);
      const made = await titleCard(part.card, work, i, card);
      if (!made.ok) return made;
      progress?.(i * 2 + 1, total);
      const cut = await cutClip(part.clip, clip);
      if (!cut.ok) return cut;
      progress?.(i * 2 + 2, total);
      pieces.push(card, clip);
    }
    // Every card and clip is encoded alike (VIDEO, AUDIO, SIZE), so they are joined as they are, not
    // encoded a second time: the example's reel took 92 s of processor time, now 41 s.
    const list = path.join(work, 'pieces.txt');
    await writeFile(list, pieces.map((p) => `file '${p.replace(/'/g, "'\\''")}'\n`).join(''));
    return await ffmpeg(['-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-movflags', '+faststart'], out);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
