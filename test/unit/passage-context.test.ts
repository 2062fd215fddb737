import * as assert from 'node:assert/strict';
import { parseTranscript } from '../../src/core/transcripts';
import { passageContext } from '../../src/core/transcripts/context';
import { panSpeed } from '../../src/webview/ui/autopan';

const marked = (t: { text: string; mark?: [number, number] }) => (t.mark ? t.text.slice(...t.mark) : undefined);

describe('the context of a passage (the peek)', () => {
  const srt = [
    '1',
    '00:00:01,000 --> 00:00:02,000',
    'Interviewer: How long did you wait?',
    '',
    '2',
    '00:00:03,000 --> 00:00:04,000',
    'P06: Sixteen weeks. 🙂 Nobody rang.',
    '',
    '3',
    '00:00:05,000 --> 00:00:06,000',
    'Interviewer: And then?',
    '',
    '4',
    '00:00:07,000 --> 00:00:08,000',
    'P06: Then the rails came.',
    '',
    '5',
    '00:00:09,000 --> 00:00:10,000',
    'Interviewer: Thanks.',
    '',
  ].join('\n');
  const { turns } = parseTranscript('t.srt', srt);
  const cp = (s: string) => [...srt.slice(0, srt.indexOf(s))].length;

  it('gives the turns around a caption passage, without cue numbers or timings, the passage marked', () => {
    const start = cp('Nobody rang');
    const context = passageContext(srt, turns, start, start + [...'Nobody rang'].length, 1);
    assert.deepEqual(
      context.map((t) => t.text),
      ['How long did you wait?', 'Sixteen weeks. 🙂 Nobody rang.', 'And then?'],
    );
    assert.deepEqual(
      context.map((t) => t.speaker),
      ['Interviewer', 'P06', 'Interviewer'],
    );
    assert.deepEqual(context.map(marked), [undefined, 'Nobody rang', undefined], 'marked in UTF-16 after an emoji');
    assert.equal(context[1]!.time, '00:00:03');
  });

  it('keeps to the start and end of the transcript', () => {
    const start = cp('How long');
    assert.deepEqual(
      passageContext(srt, turns, start, start + 8, 2).map((t) => t.speaker),
      ['Interviewer', 'P06', 'Interviewer'],
    );
    const last = cp('Thanks.');
    assert.equal(passageContext(srt, turns, last, last + 7, 2).length, 3);
  });

  it('marks a passage over two turns in both', () => {
    const start = cp('Nobody rang');
    const context = passageContext(srt, turns, start, cp('then?') + 5, 0);
    assert.deepEqual(context.map(marked), ['Nobody rang.', 'And then?']);
  });

  it('gives whole lines around the passage in a text without turns', () => {
    const notes = 'First line.\nThe passage is here.\nLast line.';
    const context = passageContext(notes, [], 12 + 4, 12 + 11);
    assert.equal(context.length, 1);
    assert.equal(context[0]!.text, notes);
    assert.equal(marked(context[0]!), 'passage');
  });
});

describe('panning while dragging', () => {
  it('is still away from the edges, and faster the closer the pointer is to an edge', () => {
    assert.equal(panSpeed(500, 0, 1000), 0);
    const near = panSpeed(990, 0, 1000);
    const nearer = panSpeed(998, 0, 1000);
    assert.ok(near > 0 && nearer > near, `${near} < ${nearer}`);
    assert.ok(panSpeed(5, 0, 1000) < 0, 'towards the start at the start');
    assert.equal(panSpeed(1200, 0, 1000), panSpeed(1000, 0, 1000), 'past the edge: full speed');
  });

  it('keeps a still middle in a narrow area', () => {
    assert.equal(panSpeed(50, 0, 100), 0);
    assert.notEqual(panSpeed(2, 0, 100), 0);
  });
});
