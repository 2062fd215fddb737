// Makes a recording from timed captions: each cue's words spoken by espeak-ng (a Debian package;
// scripts/setup.sh installs it) at the cue's start time, or a tone where espeak-ng is missing, then
// encoded by the ffmpeg that npm installs (@ffmpeg-installer/ffmpeg). Nothing is downloaded: the test
// recordings and the example's recording are made on the machine, from captions we write.
//
//   node scripts/speak-captions.mjs CAPTIONS.srt|.vtt OUT.mp4|.webm|.m4a|.mp3|.wav
//
// A video (.mp4, .webm) shows a test pattern with a running clock, so a screenshot shows where it is.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const RATE = 22050;

/** `00:01:02,500` or `01:02.500` as seconds. */
function seconds(text) {
  const parts = text.trim().replace(',', '.').split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** The cues of an SRT or WebVTT file: start and end in seconds, and the words (voice tags and labels kept as words). */
export function cuesOf(text) {
  const cues = [];
  for (const block of text.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = block.split('\n');
    const at = lines.findIndex((line) => line.includes('-->'));
    if (at < 0) continue;
    const [from, to] = lines[at].split('-->');
    const words = lines
      .slice(at + 1)
      .join(' ')
      .replace(/<[^>]*>/g, '')
      .trim();
    if (words) cues.push({ start: seconds(from), end: seconds(to.trim().split(/\s+/)[0]), text: words });
  }
  return cues;
}

export function espeakAvailable() {
  return spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** 16-bit mono samples at 22,050 Hz of espeak-ng speaking `text` at `wpm` words a minute. */
function speak(text, wpm) {
  const wav = execFileSync('espeak-ng', ['--stdout', '-s', String(wpm), '-v', 'en', text], { maxBuffer: 64 * 2 ** 20 });
  // espeak-ng writes a 44-byte header whose sizes are placeholders (it streams): the samples follow it.
  return new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length - ((wav.length - 44) % 2)));
}

/** A soft tone of `length` samples whose pitch tells cues apart. */
function tone(length, index) {
  const out = new Int16Array(length);
  const hz = 330 + (index % 4) * 110;
  for (let i = 0; i < length; i++) out[i] = Math.round(6000 * Math.sin((2 * Math.PI * hz * i) / RATE) * Math.min(1, i / 400, (length - i) / 400));
  return out;
}

/** The whole recording as samples: each cue's sound at its start, cut where the next cue starts. */
export function render(cues, { voice = espeakAvailable() } = {}) {
  const duration = Math.max(0, ...cues.map((c) => c.end)) + 0.5;
  const samples = new Int16Array(Math.ceil(duration * RATE));
  cues.forEach((cue, i) => {
    const room = Math.floor(((cues[i + 1]?.start ?? duration) - cue.start) * RATE);
    let sound = voice ? speak(cue.text, 175) : tone(Math.floor((cue.end - cue.start) * RATE * 0.8), i);
    // Words longer than their cue are said faster, so they end before the next cue begins.
    if (voice && sound.length > room) sound = speak(cue.text, Math.min(450, Math.ceil((175 * sound.length) / room) + 10));
    samples.set(sound.subarray(0, Math.min(sound.length, room)), Math.floor(cue.start * RATE));
  });
  return samples;
}

function wavFile(samples) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.byteLength, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

/** ffmpeg's arguments for each format researchers record in: a small test pattern for video, the usual codecs. */
function encoding(ext, duration) {
  const picture = ['-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=10:duration=${duration.toFixed(2)}`];
  switch (ext) {
    case 'mp4':
      return { inputs: picture, codecs: ['-map', '1:v', '-map', '0:a', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart', '-shortest'] };
    case 'webm':
      return { inputs: picture, codecs: ['-map', '1:v', '-map', '0:a', '-c:v', 'libvpx', '-b:v', '200k', '-c:a', 'libopus', '-b:a', '48k', '-shortest'] };
    case 'm4a':
      return { inputs: [], codecs: ['-c:a', 'aac', '-b:a', '64k'] };
    case 'mp3':
      return { inputs: [], codecs: ['-c:a', 'libmp3lame', '-b:a', '64k'] };
    case 'wav':
      return { inputs: [], codecs: ['-c:a', 'pcm_s16le'] };
    default:
      throw new Error(`speak-captions: cannot write .${ext}; use mp4, webm, m4a, mp3 or wav`);
  }
}

/** Writes the recording of `cues` to `out` (its extension says the format); returns whether it speaks or beeps. */
export function writeRecording(cues, out, options = {}) {
  const voice = options.voice ?? espeakAvailable();
  const samples = render(cues, { voice });
  const work = mkdtempSync(path.join(os.tmpdir(), 'sift-speak-'));
  try {
    const wav = path.join(work, 'speech.wav');
    writeFileSync(wav, wavFile(samples));
    const ext = path.extname(out).slice(1).toLowerCase();
    const { inputs, codecs } = encoding(ext, samples.length / RATE);
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    const ffmpeg = require('@ffmpeg-installer/ffmpeg').path;
    // Written beside and renamed, so a half-written file never looks like a recording.
    const partial = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.partial.${ext}`);
    execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-i', wav, ...inputs, ...codecs, partial], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('mv', [partial, out]);
    return { voice, seconds: samples.length / RATE };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [captions, out] = process.argv.slice(2);
  if (!captions || !out) {
    console.error('usage: node scripts/speak-captions.mjs CAPTIONS.srt|.vtt OUT.mp4|.webm|.m4a|.mp3|.wav');
    process.exit(2);
  }
  const cues = cuesOf(readFileSync(captions, 'utf8'));
  if (cues.length === 0) {
    console.error(`speak-captions: ${captions} has no timed cues`);
    process.exit(1);
  }
  const made = writeRecording(cues, out);
  console.log(`${out}: ${cues.length} cues, ${made.seconds.toFixed(1)} s, ${made.voice ? 'spoken by espeak-ng' : 'tones (espeak-ng is not installed)'}`);
}
