/**
 * `sift clip` and `sift reel` on a study with a recording made in the test run (speech from
 * timed captions, test/support/recordings.ts): a clip lasts its highlight's span with 0.2 s
 * either side (measured by ffprobe), consent decides as in the report, and `sift check` warns
 * of a recording named but not there, at its line and column.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { placeRecording, vtt } from '../support/recordings';
import { cleanupTemps, sift, tempDir } from './support';

after(cleanupTemps);

const CUES = [
  [1, 3.5, 'The grab rails took sixteen weeks.'],
  [4, 6.5, 'Nobody rang me back.'],
  [7, 9.5, 'I gave up in the end.'],
  [10, 12.5, 'Then a letter came.'],
] as const;

const TRANSCRIPT = `---
participants: [P01, P02, P03, P04]
kind: interview
title: Phone call
---

[00:00:01] P01: The grab rails took sixteen weeks.

[00:00:04] P02: Nobody rang me back.

[00:00:07] P03: I gave up in the end.

[00:00:10] P01: Then a letter came.

[00:00:12] P04: Only for analysis.
`;

const PARTICIPANTS = `participants:
  - id: P01
    consent: {by: participant, date: 2026-03-01, scope: verbatim}
  - id: P02
    consent: {by: participant, date: 2026-03-01, scope: anonymised}
  - id: P03
    consent: {by: participant, date: 2026-03-01, scope: withdrawn}
  - id: P04
    consent: {by: participant, date: 2026-03-01, scope: analysis-only}
`;

const IDS = { first: 'h-aaaaaaa1', nobody: 'h-aaaaaaa2', gaveUp: 'h-aaaaaaa3', letter: 'h-aaaaaaa4', analysis: 'h-aaaaaaa5' };

function highlight(id: string, quote: string, speaker: string): string {
  const start = [...TRANSCRIPT.slice(0, TRANSCRIPT.indexOf(quote))].length;
  return `  - id: ${id}\n    quote: ${JSON.stringify(quote)}\n    start: ${start}\n    end: ${start + [...quote].length}\n    tags: [waiting]\n    speaker: ${speaker}\n`;
}

/** A study whose call has a recording beside it (m4a: sound only, as most phone recordings are). */
function study(): string {
  const dir = tempDir();
  const files: Record<string, string> = {
    'research.yaml': 'name: Calls\n',
    'codebook.yaml': 'tags:\n  - id: waiting\n    label: Waiting\n',
    'participants.yaml': PARTICIPANTS,
    'transcripts/call.md': TRANSCRIPT,
    'highlights/transcripts/call.md.yaml': `source: transcripts/call.md\nhighlights:\n${[
      highlight(IDS.first, 'The grab rails took sixteen weeks.', 'P01'),
      highlight(IDS.nobody, 'Nobody rang me back.', 'P02'),
      highlight(IDS.gaveUp, 'I gave up in the end.', 'P03'),
      highlight(IDS.letter, 'Then a letter came.', 'P01'),
      highlight(IDS.analysis, 'Only for analysis.', 'P04'),
    ].join('')}`,
    'themes/waiting.yaml': `title: Waiting without word\nhighlights: [${IDS.first}, ${IDS.nobody}, ${IDS.gaveUp}, ${IDS.letter}, ${IDS.analysis}]\n`,
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  placeRecording(vtt([...CUES, [12, 13.5, 'Only for analysis.']]), dir, 'transcripts/call.m4a');
  return dir;
}

function duration(file: string): number {
  const ffprobe = (require('@ffprobe-installer/ffprobe') as { path: string }).path;
  return Number(execFileSync(ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim());
}

describe('recordings: sift clip and sift reel', function () {
  this.timeout(240_000);
  let dir: string;
  before(() => {
    dir = study();
    // The study is as a researcher left it: P03's withdrawal still to act on (errors), the recording found (no warning).
    const check = sift(['check', dir]);
    assert.match(check.stdout + check.stderr, /^2 errors, 0 warnings.$/m);
  });

  it('cuts a highlight to its turn span with 0.2 s either side', () => {
    const out = path.join(dir, 'first.mp4');
    const r = sift(['clip', IDS.first, dir, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /0\.8–4\.2 s \(3\.4 s\)/);
    // The turn is heard from 00:00:01 to the next turn at 00:00:04; ± 0.2 s for the encoder's frame and packet rounding.
    assert.ok(Math.abs(duration(out) - 3.4) <= 0.2, `clip lasts ${duration(out)} s`);
  });

  it('refuses a clip of a participant quoted only anonymised, analysis only or withdrawn, and writes nothing', () => {
    for (const [id, why] of [
      [IDS.nobody, /P02 agreed to be quoted only anonymised\. A recording carries their voice, which no pseudonym hides, so no clip is made\./],
      [IDS.gaveUp, /P03 withdrew consent on 2026-03-01: nothing of theirs may be used\. No clip is made\./],
      [IDS.analysis, /P04 agreed to their interview being analysed but not quoted\. A clip would quote them, so none is made\./],
    ] as const) {
      const out = path.join(dir, `${id}.mp4`);
      const r = sift(['clip', id, dir, '--out', out]);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, why);
      assert.equal(existsSync(out), false);
    }
  });

  it('a reel of a theme holds only the clips consent allows, each after its title card, and says what it left out', () => {
    const out = path.join(dir, 'reel.mp4');
    const r = sift(['reel', 'waiting', dir, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`"Waiting without word", 2 clips \\(${IDS.first}, ${IDS.letter}\\); 3 left out`));
    assert.deepEqual(
      r.stderr
        .split('\n')
        .filter((l) => l.startsWith('Left out'))
        .map((l) => l.split(':')[0]),
      [`Left out ${IDS.nobody}`, `Left out ${IDS.gaveUp}`, `Left out ${IDS.analysis}`],
    );
    // Two 4 s cards, the first clip 0.8–4.2 s and the second 9.8–12.2 s (its turn ends where P04's starts).
    assert.ok(Math.abs(duration(out) - (4 + 3.4 + 4 + 2.4)) <= 0.4, `reel lasts ${duration(out)} s`);
  });

  it('a clip without --out is kept in .sift/clips/, and so is each clip of a reel', () => {
    const r = sift(['clip', IDS.first, dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Wrote \\.sift/clips/${IDS.first}\\.mp4: ${IDS.first} from transcripts/call\\.m4a, 0\\.8–4\\.2 s`));
    assert.ok(Math.abs(duration(path.join(dir, '.sift', 'clips', `${IDS.first}.mp4`)) - 3.4) <= 0.2);
    // The reel above kept its second clip there too.
    assert.ok(Math.abs(duration(path.join(dir, '.sift', 'clips', `${IDS.letter}.mp4`)) - 2.4) <= 0.2);
  });

  it('report quotes link to their clips where one was made and consent allows it, from where the report is read', () => {
    // A clip of P02 left over from before their consent was narrowed: it is never linked.
    writeFileSync(path.join(dir, '.sift', 'clips', `${IDS.nobody}.mp4`), 'stale');
    const html = sift(['report', dir, '--out', path.join(dir, 'reports', 'report.html')]);
    assert.equal(html.code, 0, html.stderr);
    const page = readFileSync(path.join(dir, 'reports', 'report.html'), 'utf8');
    const linked = (text: string) => [...new Set([...text.matchAll(/clips\/(h-[a-z0-9]+)\.mp4/g)].map((m) => m[1]))].sort();
    assert.deepEqual(linked(page), [IDS.first, IDS.letter]);
    assert.match(page, new RegExp(`<footer>P01 · <a class="clip" href="\\.\\./\\.sift/clips/${IDS.first}\\.mp4">▶ Play clip</a></footer>`));
    // Markdown to standard output: links from the folder it runs in.
    const md = sift(['report', '.'], dir);
    assert.equal(md.code, 0, md.stderr);
    assert.ok(md.stdout.includes(`> “The grab rails took sixteen weeks.” — P01 · [▶ Play clip](.sift/clips/${IDS.first}.mp4)`), md.stdout);
    assert.deepEqual(linked(md.stdout), [IDS.first, IDS.letter]);
  });

  it('site quotes link to their clips, copied into the site, so they play opened from disk and served', () => {
    const out = path.join(dir, 'site');
    const r = sift(['site', dir, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /, with 2 clips its quotes link to\.$/m);
    const themes = readFileSync(path.join(out, 'themes.html'), 'utf8');
    assert.ok(themes.includes(`<a class="clip" href="clips/${IDS.first}.mp4">▶ Play clip</a>`), themes);
    assert.deepEqual(readdirSync(path.join(out, 'clips')).sort(), [`${IDS.first}.mp4`, `${IDS.letter}.mp4`]);
    assert.ok(Math.abs(duration(path.join(out, 'clips', `${IDS.first}.mp4`)) - 3.4) <= 0.2);
  });

  it('a hand-set end time (timeEnd) ends the clip there; one after the recording ends is refused at its line and column', () => {
    const yamlPath = path.join(dir, 'highlights', 'transcripts', 'call.md.yaml');
    const original = readFileSync(yamlPath, 'utf8');
    const withEnd = (end: string) => original.replace(`    speaker: P01\n`, `    speaker: P01\n    timeEnd: "${end}"\n`);
    try {
      writeFileSync(yamlPath, withEnd('00:00:02.5'));
      const out = path.join(dir, 'short.mp4');
      const r = sift(['clip', IDS.first, dir, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /0\.8–2\.7 s \(1\.9 s\)/);
      assert.ok(Math.abs(duration(out) - 1.9) <= 0.2, `clip lasts ${duration(out)} s`);

      writeFileSync(yamlPath, withEnd('00:00:30'));
      const beyond = sift(['clip', IDS.first, dir, '--out', path.join(dir, 'beyond.mp4')]);
      assert.equal(beyond.code, 1, beyond.stdout);
      assert.match(
        beyond.stderr,
        /^highlights\/transcripts\/call\.md\.yaml:9:14: error: The end time 00:00:30 is after the recording transcripts\/call\.m4a ends \(0:14\): set timeEnd within it, or remove it to end with the turn\. \[time-end-beyond-recording\]\nsift: no clip was made\.$/m,
      );
      assert.equal(existsSync(path.join(dir, 'beyond.mp4')), false);

      writeFileSync(yamlPath, withEnd('00:00:00.5'));
      const before = sift(['clip', IDS.first, dir, '--out', path.join(dir, 'before.mp4')]);
      assert.equal(before.code, 1, before.stdout);
      assert.match(before.stderr, /^highlights\/transcripts\/call\.md\.yaml:9:14: error: The end time 00:00:00\.5 is not after the passage starts \(0:01\)/m);
      const check = sift(['check', dir]);
      assert.match(check.stdout + check.stderr, /highlights\/transcripts\/call\.md\.yaml:9:14: error: The end time 00:00:00\.5 is not after the passage starts/);
    } finally {
      writeFileSync(yamlPath, original);
    }
  });

  it('a reel with nothing consent allows fails and writes nothing', () => {
    writeFileSync(path.join(dir, 'themes', 'unquotable.yaml'), `title: Unquotable\nhighlights: [${IDS.nobody}, ${IDS.gaveUp}]\n`);
    const out = path.join(dir, 'none.mp4');
    const r = sift(['reel', 'unquotable', dir, '--out', out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no reel of "Unquotable": none of its 2 highlights can be a clip/);
    assert.equal(existsSync(out), false);
  });

  it('sift check warns of a recording named in front matter but not there, at its line and column (a warning: check fails only on errors)', () => {
    const clean = tempDir();
    mkdirSync(path.join(clean, 'transcripts'));
    writeFileSync(path.join(clean, 'research.yaml'), 'name: Calls\n');
    writeFileSync(path.join(clean, 'transcripts', 'call.md'), TRANSCRIPT.replace('title: Phone call\n', 'title: Phone call\nmedia: recordings/call.mp4\n'));
    const r = sift(['check', clean]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /transcripts\/call\.md:5:8: warning: The recording transcripts\/recordings\/call\.mp4 is not in the study \(recordings stay out of git\)/);
  });
});
