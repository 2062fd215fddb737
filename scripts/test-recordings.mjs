// Recordings for the tests, made in the test run and never downloaded: timed captions spoken by
// espeak-ng (tones where it is missing) and encoded by the ffmpeg npm installs, through
// scripts/speak-captions.mjs (the script that makes the example's recording too). Each is kept in
// test/.artifacts/recordings/ by a hash of its captions and format, so a second run reuses it.
//
// The real-VS-Code harness makes the integration workspace's recordings with this before the
// extension host starts (scripts/harness/lib/mode-test.mjs): made inside the host, the first
// run's minute of encoding left the host unresponsive.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(REPO, 'test', '.artifacts', 'recordings');
/** Bump when speak-captions.mjs changes what it makes. */
const VERSION = 1;

/** The path of a recording of `captions` (WebVTT or SRT text) in the format `ext` (mp4, webm, m4a, mp3, wav); made once, then reused. */
export function testRecording(captions, ext) {
  const key = createHash('sha1').update(`${VERSION}\n${ext}\n${captions}`).digest('hex').slice(0, 16);
  const out = path.join(CACHE, `${key}.${ext}`);
  if (existsSync(out)) return out;
  mkdirSync(CACHE, { recursive: true });
  const source = path.join(CACHE, `${key}.vtt`);
  writeFileSync(source, captions);
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'speak-captions.mjs'), source, out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

/** Copies a test recording of `captions` into a study folder at `rel` (its format from the extension). */
export function placeRecording(captions, dir, rel) {
  const target = path.join(dir, ...rel.split('/'));
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(testRecording(captions, path.extname(rel).slice(1)), target);
  return target;
}

/** The recordings the integration tests play, in the example study's copy: P05's call, from the captions it was imported from. */
export const WORKSPACE_RECORDINGS = [{ captions: 'originals/calls/p05.vtt', recording: 'originals/calls/p05.mp4' }];

/** Puts each integration recording in the workspace `folder` (where its captions are), before the host needs it. */
export function prepareWorkspaceRecordings(folder) {
  for (const { captions, recording } of WORKSPACE_RECORDINGS) {
    const from = path.join(folder, ...captions.split('/'));
    if (existsSync(from) && !existsSync(path.join(folder, ...recording.split('/')))) placeRecording(readFileSync(from, 'utf8'), folder, recording);
  }
}
