/**
 * Study figures: one transcript's (the status bar's, computed alone) agree with the whole
 * study's, and who speaks in a transcript is remembered per loaded workspace, not stale.
 */
import * as assert from 'node:assert/strict';
import { computeStats, transcriptStats } from '../../src/core/stats';
import { participantsOfTranscript } from '../../src/core/workspace/workspace';
import { exampleFileSystem, loaded } from '../support/example-fs';

describe('stats', () => {
  it('transcriptStats gives each transcript the figures computeStats gives it', async () => {
    const ws = await loaded(exampleFileSystem());
    const all = computeStats(ws).transcripts;
    assert.ok(all.some((t) => t.highlights > 0 && t.coverage > 0 && t.participant));
    for (const t of all) assert.deepEqual(transcriptStats(ws, t.path), t);
    assert.equal(transcriptStats(ws, 'transcripts/none.md'), undefined);
  });

  it('participantsOfTranscript answers from the workspace it is asked about (a reload with other participants is not served stale)', async () => {
    const ws = await loaded(exampleFileSystem());
    // A transcript whose participants come from its speakers, not its front matter (the Otter export).
    const call = [...ws.transcripts.values()].find((t) => !t.meta.participant && !t.meta.participants && participantsOfTranscript(ws, t.path).length > 0)!;
    const speakers = participantsOfTranscript(ws, call.path);
    assert.equal(participantsOfTranscript(ws, call.path), speakers, 'the same answer, remembered');
    const fewer = { ...ws, participants: ws.participants.filter((p) => p.id !== speakers[0]) };
    assert.ok(!participantsOfTranscript(fewer, call.path).includes(speakers[0]!));
  });
});
