/**
 * Placing a highlight the researcher confirmed ("Accept new place", "Re-anchor to selection")
 * when the plan has to be made again on a fresh load, as it is after someone else changed the
 * highlights file: the place is given to the plan, so the fresh load (which knows nothing of
 * it) still writes it.
 */
import * as assert from 'node:assert/strict';
import { EditPlan } from '../../src/core/store/plan';
import { placeHighlight } from '../../src/core/store/highlights';
import { loadWorkspace } from '../../src/core/workspace/load';
import { gitBlobHash } from '../../src/core/hash';
import { MemoryFileSystem } from '../support/memory-fs';

const TRANSCRIPT = 'P01: Oh, months. I waited sixteen weeks for the grab rails to be fitted. Nobody rang to say why.\n';
const SOURCE = 'transcripts/p01.md';
const HIGHLIGHTS = 'highlights/transcripts/p01.md.yaml';
const QUOTE = 'I waited sixteen weeks for the grab rails to be fitted.';
const START = TRANSCRIPT.indexOf(QUOTE);

function study(): MemoryFileSystem {
  // The stored quote says "We waited six weeks for the handrails" where the transcript says "I
  // waited sixteen weeks for the grab rails": found only approximately, its first word and a
  // third of it edited, so offered for review (where it begins is a guess).
  const highlights = `source: ${SOURCE}\nsourceHash: ${gitBlobHash(TRANSCRIPT)}\nhighlights:\n  - id: h-aaaaaaaa\n    quote: We waited six weeks for the handrails to be fitted.\n    start: ${START}\n    end: ${START + 51}\n    tags: [waiting-time]\n  - id: h-bbbbbbbb\n    quote: Nobody rang to say why.\n    start: ${TRANSCRIPT.indexOf('Nobody')}\n    end: ${TRANSCRIPT.indexOf('Nobody') + 23}\n    tags: [waiting-time]\n`;
  return new MemoryFileSystem({
    'research.yaml': 'name: Test study\nsources: [transcripts/**/*.md]\n',
    'participants.yaml': 'participants:\n  - {id: P01}\n',
    'codebook.yaml': 'tags:\n  - id: waiting-time\n    label: Waiting time\n  - id: silence\n    label: Silence\n',
    [SOURCE]: TRANSCRIPT,
    [HIGHLIGHTS]: highlights,
  });
}

describe('placing a highlight the researcher confirmed', () => {
  it('writes the accepted place on a fresh load made after someone else changed the file, and keeps their change', async () => {
    const fs = study();
    const seen = (await loadWorkspace(fs)).workspace;
    const fuzzy = seen.anchoring.get('h-aaaaaaaa')!;
    assert.equal(fuzzy.state, 'fuzzy');
    // Someone else tags the other highlight; the plan made on `seen` is stale, so it is made again on a fresh load.
    fs.write(
      HIGHLIGHTS,
      fs
        .text(HIGHLIGHTS)!
        .replace('tags: [waiting-time]\n', 'tags: [waiting-time]\n')
        .replace(/(h-bbbbbbbb[\s\S]*?tags: )\[waiting-time\]/, '$1[waiting-time, silence]'),
    );
    const fresh = (await loadWorkspace(fs)).workspace;
    assert.equal(fresh.anchoring.get('h-aaaaaaaa')!.state, 'fuzzy', 'the fresh load knows nothing of the acceptance');
    const plan = new EditPlan(fs, fresh.versions);
    assert.deepEqual(await placeHighlight(plan, fresh, 'h-aaaaaaaa', SOURCE, TRANSCRIPT, { start: fuzzy.start, end: fuzzy.end, reason: 'confirmed by the researcher' }), []);
    const result = plan.result();
    assert.deepEqual(result.problems, []);
    fs.apply(result.edits);
    const after = fs.text(HIGHLIGHTS)!;
    assert.match(after, new RegExp(`quote: ${QUOTE}\\n`));
    assert.match(after, /tags: \[waiting-time, silence\]/);
    // Every highlight is placed now, so the file records the transcript it was placed in.
    const reloaded = (await loadWorkspace(fs)).workspace;
    assert.equal(reloaded.anchoring.get('h-aaaaaaaa')!.state, 'anchored');
    assert.deepEqual(reloaded.problems, []);
  });

  it('writes the place of a passage the researcher selected, and nothing of the loaded workspace changes', async () => {
    const fs = study();
    const ws = (await loadWorkspace(fs)).workspace;
    const anchoringBefore = JSON.stringify([...ws.anchoring]);
    const plan = new EditPlan(fs, ws.versions);
    const start = TRANSCRIPT.indexOf('Oh, months.');
    assert.deepEqual(await placeHighlight(plan, ws, 'h-aaaaaaaa', SOURCE, TRANSCRIPT, { start, end: start + 11, reason: 'placed by the researcher' }), []);
    fs.apply(plan.result().edits);
    assert.match(fs.text(HIGHLIGHTS)!, /quote: Oh, months\.\n/);
    assert.equal(JSON.stringify([...ws.anchoring]), anchoringBefore);
  });

  it('refuses, writing nothing, when the highlight was deleted meanwhile', async () => {
    const fs = study();
    const seen = (await loadWorkspace(fs)).workspace;
    fs.write(HIGHLIGHTS, fs.text(HIGHLIGHTS)!.replace(/  - id: h-aaaaaaaa[\s\S]*?(?=  - id: h-bbbbbbbb)/, ''));
    const fresh = (await loadWorkspace(fs)).workspace;
    const plan = new EditPlan(fs, fresh.versions);
    const fuzzy = seen.anchoring.get('h-aaaaaaaa')!;
    const refused = await placeHighlight(plan, fresh, 'h-aaaaaaaa', SOURCE, TRANSCRIPT, { start: fuzzy.start, end: fuzzy.end, reason: 'confirmed by the researcher' });
    assert.equal(refused.length, 1);
    assert.equal(refused[0]!.code, 'highlight-gone');
    assert.match(refused[0]!.message, /Highlight h-aaaaaaaa is no longer in highlights\/transcripts\/p01\.md\.yaml/);
    assert.deepEqual(plan.result().edits, []);
  });
});
