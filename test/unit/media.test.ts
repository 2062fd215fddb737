import * as assert from 'node:assert/strict';
import { initWorkspace } from '../../src/core/init';
import { clockInLine, endSeconds, formatSeconds, groupAtTime, highlightSpan, recordingOf, timedGroups } from '../../src/core/media';
import { parseTranscript } from '../../src/core/transcripts';
import { loadWorkspace } from '../../src/core/workspace/load';
import { exampleFileSystem } from '../support/example-fs';
import { MemoryFileSystem } from '../support/memory-fs';

const RESEARCH = 'name: Recordings\n';

const transcript = (front: string, body = '[00:00:01] P06: Hello there.\n\nInterviewer: More words, no time.\n\n[00:00:09] Interviewer: And then?\n\n[00:00:15] P06: Then nothing.\n') => `---\nparticipant: P06\n${front}---\n\n${body}`;

describe('recordings beside transcripts', () => {
  const exists = (paths: string[]) => (path: string) => paths.includes(path);

  it('links by front matter, else by the same base name beside it, else beside the caption original', () => {
    const meta = (text: string) => ({ path: 'transcripts/calls/p06.md', meta: parseTranscript('transcripts/calls/p06.md', text).meta });
    assert.deepEqual(recordingOf(meta(transcript('media: ../../recordings/p06.m4a\n')), exists(['recordings/p06.m4a', 'transcripts/calls/p06.mp4'])), { path: 'recordings/p06.m4a', by: 'front-matter', type: 'audio/mp4' });
    assert.deepEqual(recordingOf(meta(transcript('')), exists(['transcripts/calls/p06.wav', 'transcripts/calls/p06.mp4'])), { path: 'transcripts/calls/p06.mp4', by: 'beside', type: 'video/mp4' });
    assert.deepEqual(recordingOf(meta(transcript('source: originals/calls/p06.srt\n')), exists(['originals/calls/p06.mp3'])), { path: 'originals/calls/p06.mp3', by: 'caption', type: 'audio/mpeg' });
    assert.equal(recordingOf(meta(transcript('')), exists(['transcripts/calls/p07.mp4', 'transcripts/calls/p06.md'])), undefined);
    // The researcher named a file: a different one beside it is not taken instead.
    assert.equal(recordingOf(meta(transcript('media: gone.m4a\n')), exists(['transcripts/calls/p06.mp4'])), undefined);
  });

  it('a recording named but not in the study (missing, or outside it) is a warning at the media key, and the transcript still loads', async () => {
    const { workspace: ws } = await loadWorkspace(
      new MemoryFileSystem({
        'research.yaml': RESEARCH,
        'transcripts/a.md': transcript('media: recordings/a.m4a\n'),
        'transcripts/b.md': transcript('title: B\nmedia: ../../b.mp4\n'),
        'transcripts/d.md': transcript('media: d.webm\n'),
        'transcripts/d.webm': 'x',
      }),
    );
    const media = ws.problems.filter((p) => p.code.includes('recording'));
    assert.deepEqual(
      media.map((p) => `${p.path}:${p.line}:${p.column} ${p.severity} ${p.code}: ${p.message}`),
      [
        'transcripts/a.md:3:8 warning missing-recording: The recording transcripts/recordings/a.m4a is not in the study (recordings stay out of git): copy it there, or correct the path.',
        'transcripts/b.md:4:8 warning missing-recording: The recording ../../b.mp4 is not in the study (recordings stay out of git): copy it there, or correct the path.',
      ],
    );
    assert.equal(ws.transcripts.get('transcripts/a.md')?.turns.length, 4);
  });

  it('the example study has no recording problem', async () => {
    const { workspace: ws } = await loadWorkspace(exampleFileSystem());
    assert.deepEqual(
      ws.problems.filter((p) => /recording|media/.test(p.code)),
      [],
    );
  });
});

describe('when a passage is heard', () => {
  const text = transcript('');
  const turns = parseTranscript('p06.md', text).turns;
  const at = (quote: string) => ({ start: [...text.slice(0, text.indexOf(quote))].length, end: [...text.slice(0, text.indexOf(quote))].length + [...quote].length });

  it('a turn is heard from its time to the next later time; an untimed paragraph belongs to the turn before it', () => {
    assert.equal(turns.length, 4);
    assert.deepEqual(
      timedGroups(turns).map((g) => [g.first, g.last, g.span.start, g.span.end]),
      [
        [0, 2, 1, 9],
        [2, 3, 9, 15],
        [3, 4, 15, undefined],
      ],
    );
    assert.equal(timedGroups(turns, 21).at(-1)!.span.end, 21);
    assert.equal(groupAtTime(timedGroups(turns), 10)?.first, 2);
    assert.equal(groupAtTime(timedGroups(turns), 0.5), undefined);
    assert.equal(groupAtTime(timedGroups(turns, 21), 30), undefined);
  });

  it('a highlight spans the turns it lies in; a time set by hand is where it starts', () => {
    assert.deepEqual(highlightSpan(at('More words'), turns), { start: 1, end: 9 });
    assert.deepEqual(highlightSpan(at('Hello there.\n\nInterviewer: More words, no time.\n\n[00:00:09] Interviewer: And'), turns), { start: 1, end: 15 });
    assert.deepEqual(highlightSpan({ ...at('Then nothing'), time: '00:00:17' }, turns, 20), { start: 17, end: 20 });
    assert.deepEqual(highlightSpan(at('Then nothing'), turns), { start: 15 });
    assert.equal(highlightSpan({ start: 0, end: 3 }, parseTranscript('n.md', 'Just notes, no times.\n').turns), undefined);
  });

  it('a hand-set end time (timeEnd) is where the passage ends, tenths of a second included; one not after the start gives no end', () => {
    assert.deepEqual(highlightSpan({ ...at('More words'), timeEnd: '00:00:04.5' }, turns), { start: 1, end: 4.5 });
    assert.deepEqual(highlightSpan({ ...at('Then nothing'), time: '00:00:16', timeEnd: '00:00:18' }, turns), { start: 16, end: 18 });
    // Never the turn's end instead: the clip would not be what the researcher asked for.
    assert.deepEqual(highlightSpan({ ...at('More words'), timeEnd: '00:00:01' }, turns), { start: 1 });
    assert.equal(endSeconds('01:02:03.25'), 3723.25);
    assert.equal(endSeconds('00:00:61'), undefined);
  });

  it('a timeEnd not after its passage starts is an error at its key in the highlights file', async () => {
    const yaml = (end: string) =>
      `source: transcripts/a.md\nhighlights:\n  - id: h-aaaa1111\n    quote: More words\n    prefix: ""\n    suffix: ""\n    start: ${at('More words').start}\n    end: ${at('More words').end}\n    tags: []\n    timeEnd: "${end}"\n`;
    const load = async (end: string) =>
      (await loadWorkspace(new MemoryFileSystem({ 'research.yaml': RESEARCH, 'codebook.yaml': 'tags: []\n', 'transcripts/a.md': text, 'highlights/transcripts/a.md.yaml': yaml(end) }))).workspace.problems.filter((p) =>
        p.code.startsWith('time-end'),
      );
    assert.deepEqual(
      (await load('00:00:00.5')).map((p) => `${p.path}:${p.line}:${p.column} ${p.severity} ${p.code}: ${p.message}`),
      ['highlights/transcripts/a.md.yaml:10:14 error time-end-before-start: The end time 00:00:00.5 is not after the passage starts (0:01): set timeEnd later than that, or remove it to end with the turn.'],
    );
    assert.deepEqual(await load('00:00:06'), []);
  });

  it('reads the timestamp a researcher clicks, brackets included', () => {
    const line = '[00:01:23] P06: at 4:05 we left';
    assert.equal(clockInLine(line, 0), 83);
    assert.equal(clockInLine(line, 5), 83);
    assert.equal(clockInLine(line, 20), 245);
    assert.equal(clockInLine(line, 14), undefined);
    assert.equal(formatSeconds(83.9), '1:23');
    assert.equal(formatSeconds(3723), '1:02:03');
  });

  it('the example call p06 (imported from SRT) is heard in the turns its caption cues give', async () => {
    const fs = exampleFileSystem();
    const { workspace: ws } = await loadWorkspace(fs);
    const t = ws.transcripts.get('transcripts/calls/p06.md')!;
    const h = [...ws.highlightFiles.values()].find((f) => f.source === t.path)!.highlights.find((x) => x.id === 'h-353v1fha')!;
    assert.deepEqual(highlightSpan(h, t.turns), { start: 71, end: 103 });
  });
});

describe('recordings stay out of git', () => {
  it('sift init ignores recordings and clips in the new study', async () => {
    const result = await initWorkspace(new MemoryFileSystem({}), 'Calls');
    const ignore = result.edits.find((e) => e.path === '.gitignore');
    assert.ok(ignore && ignore.kind === 'write');
    const lines = ignore.content.split('\n');
    for (const line of ['*.mp4', '*.m4a', '*.mp3', '*.wav', '*.webm', '*.mov', '.sift/clips/', '.sift/cache/']) assert.ok(lines.includes(line), line);
  });
});
