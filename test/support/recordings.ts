/**
 * Recordings for the tests, made in the test run and never downloaded: timed captions we write,
 * spoken by espeak-ng (tones where it is missing) and encoded by the ffmpeg npm installs, through
 * scripts/speak-captions.mjs (the script that makes the example's recording too). Each is kept in
 * test/.artifacts/recordings/ by a hash of its captions and format, so a second run reuses it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const REPO = path.join(__dirname, '..', '..');
const CACHE = path.join(REPO, 'test', '.artifacts', 'recordings');
/** Bump when speak-captions.mjs changes what it makes. */
const VERSION = 1;

/** WebVTT captions from [start, end, words] cues, in seconds. */
export function vtt(cues: readonly (readonly [number, number, string])[]): string {
  const clock = (s: number) => `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${(s % 60).toFixed(3).padStart(6, '0')}`;
  return `WEBVTT\n\n${cues.map(([a, b, words]) => `${clock(a)} --> ${clock(b)}\n${words}\n`).join('\n')}`;
}

/** The path of a recording of `captions` (WebVTT) in the format `ext` (mp4, webm, m4a, mp3, wav); made once, then reused. */
export function testRecording(captions: string, ext: string): string {
  const key = createHash('sha1').update(`${VERSION}\n${ext}\n${captions}`).digest('hex').slice(0, 16);
  const out = path.join(CACHE, `${key}.${ext}`);
  if (existsSync(out)) return out;
  mkdirSync(CACHE, { recursive: true });
  const source = path.join(CACHE, `${key}.vtt`);
  writeFileSync(source, captions);
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'speak-captions.mjs'), source, out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

/** Copies a test recording into a study folder at `rel`. */
export function placeRecording(captions: string, dir: string, rel: string): string {
  const target = path.join(dir, ...rel.split('/'));
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(testRecording(captions, path.extname(rel).slice(1)), target);
  return target;
}
