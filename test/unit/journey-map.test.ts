import * as assert from 'node:assert/strict';
import { indexEvidence } from '../../src/core/insights/evidence';
import { journeyView } from '../../src/core/journeys/journey';
import { journeySnapshot, poolWindow } from '../../src/core/journeys/messages';
import { journeyPool } from '../../src/core/journeys/pool';
import { FullTextIndex, searchDocOf } from '../../src/core/search/fulltext';
import type { Workspace } from '../../src/core/workspace/workspace';
import { MAX_MESSAGE_BYTES, messageBytes, parseUiState, parseWebviewMessage, signed } from '../../src/protocol/journey';
import { exampleFileSystem, loaded } from '../support/example-fs';
import { cpuMs } from '../support/cpu-time';
import { plantedStudy } from '../support/planted-study';

const JOURNEY = 'getting-an-adaptation-fitted';

function searchOf(ws: Workspace): FullTextIndex {
  const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
  return new FullTextIndex([...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => searchDocOf(h, f.source, (id) => labels.get(id)))));
}

describe('journey map (pool and messages)', () => {
  it('offers every usable highlight not on the journey, in transcript order, narrowed by tag, theme and words', async () => {
    const ws = await loaded(exampleFileSystem());
    const journey = ws.journeys.get(JOURNEY)!;
    const evidence = indexEvidence(ws);
    const onJourney = new Set(journey.stages.flatMap((s) => s.highlights.map((h) => h.id)));
    const all = journeyPool(ws, journey, {}, { evidence });
    assert.equal(all.length, [...evidence.byId.keys()].filter((id) => !onJourney.has(id)).length);
    assert.ok(all.every((id) => !onJourney.has(id) && evidence.byId.has(id)));
    const sources = all.map((id) => evidence.byId.get(id)!.source);
    assert.deepEqual(sources, [...sources].sort(), 'transcript order');

    // A tag takes the tags below it along.
    const parent = ws.codebook.find((t) => ws.codebook.some((c) => c.parent === t.id))!;
    const byTag = journeyPool(ws, journey, { tag: parent.id }, { evidence });
    const child = ws.codebook.find((c) => c.parent === parent.id)!;
    const childOnly = all.filter((id) => evidence.byId.get(id)!.highlight.tags.includes(child.id));
    assert.ok(childOnly.length > 0 && childOnly.every((id) => byTag.includes(id)), 'a child tag’s highlights are in its parent’s pool');

    const [themeId, theme] = [...ws.themes.entries()][0]!;
    assert.deepEqual(
      journeyPool(ws, journey, { theme: themeId }, { evidence }),
      all.filter((id) => theme.highlights.includes(id)),
    );

    const word = 'letter';
    const byText = journeyPool(ws, journey, { text: word }, { evidence, search: searchOf(ws) });
    assert.ok(byText.length > 0 && byText.length < all.length);
    assert.ok(byText.every((id) => all.includes(id)));
  });

  it('never offers a withdrawn participant’s highlights', async () => {
    const fs = exampleFileSystem();
    fs.write('participants.yaml', fs.text('participants.yaml')!.replace('date: 2026-03-05, scope: verbatim', 'date: 2026-03-05, scope: withdrawn'));
    const ws = await loaded(fs);
    const evidence = indexEvidence(ws);
    assert.ok(evidence.withdrawn.size > 0);
    const pool = journeyPool(ws, ws.journeys.get(JOURNEY)!, {}, { evidence });
    assert.ok(pool.every((id) => !evidence.withdrawn.has(id)));
  });

  it('snapshots the journey as the core computes it, with words only where consent allows', async () => {
    const ws = await loaded(exampleFileSystem());
    const journey = ws.journeys.get(JOURNEY)!;
    const evidence = indexEvidence(ws);
    const view = journeyView(ws, journey, evidence);
    const s = journeySnapshot(ws, journey, { revision: 3, filter: {}, poolSize: 10, writable: true, evidence });
    assert.deepEqual(
      s.stages.map((x) => x.id),
      journey.stages.map((x) => x.id),
    );
    assert.deepEqual(s.lowPoints, view.lowPoints);
    assert.deepEqual(
      s.stages.map((x) => x.mean),
      view.stages.map((x) => x.mean),
    );
    assert.deepEqual(
      s.stages.map((x) => x.moments.map((m) => [m.id, m.sentiment])),
      journey.stages.map((x) => x.highlights.map((h) => [h.id, h.sentiment])),
    );
    const cards = s.stages.flatMap((x) => x.moments);
    assert.ok(cards.some((m) => m.participant === 'P03') && cards.filter((m) => m.participant === 'P03').every((m) => m.quote === undefined), 'anonymised consent: no words');
    assert.ok(cards.filter((m) => m.participant !== 'P03').every((m) => typeof m.quote === 'string'));
    assert.equal(s.journey.persona, ws.personas.get(journey.persona!)!.name);
    assert.ok(messageBytes(s) < MAX_MESSAGE_BYTES);
  });

  it('sends the pool in windows under the size limit', async () => {
    const ws = await loaded(exampleFileSystem());
    const evidence = indexEvidence(ws);
    const pool = journeyPool(ws, ws.journeys.get(JOURNEY)!, {}, { evidence });
    const w = poolWindow(evidence, pool, 2, 5, 10);
    assert.deepEqual(
      w.cards.map((c) => c.id),
      pool.slice(5, 15),
    );
    // Huge quotes: the window is cut short but never empty.
    const huge = { ...evidence, byId: new Map([...evidence.byId].map(([id, e]) => [id, { ...e, quotable: true, highlight: { ...e.highlight, quote: 'x'.repeat(700), tags: Array.from({ length: 400 }, (_, i) => `tag-${i}`) } }])) };
    const cut = poolWindow(huge, pool, 2, 0, 200);
    assert.ok(cut.cards.length > 0 && cut.cards.length < 200);
    assert.ok(messageBytes(cut) <= MAX_MESSAGE_BYTES);
  });

  it('stays fast and its messages small on a 50,000-highlight study', async function () {
    this.timeout(120000);
    const groups = Array.from({ length: 5 }, (_, g) => ({ tags: [`g${g}-a`, `g${g}-b`], size: 100 }));
    const ws = await loaded(plantedStudy(groups, { highlightsPerParticipant: 100 }).fs);
    const ids = [...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => h.id));
    assert.equal(ids.length, 50_000);
    const journey = { id: 'j', path: 'journeys/j.yaml', title: 'J', stages: ['a', 'b', 'c'].map((id, i) => ({ id, title: id.toUpperCase(), highlights: ids.slice(i * 40, i * 40 + 40).map((h, k) => ({ id: h, sentiment: (k % 5) - 2 })) })) };
    const {
      result: { pool, snapshot, window },
      ms,
    } = cpuMs(() => {
      const evidence = indexEvidence(ws);
      const pool = journeyPool(ws, journey, { tag: 'g1-a' }, { evidence });
      const snapshot = journeySnapshot(ws, journey, { revision: 1, filter: { tag: 'g1-a' }, poolSize: pool.length, writable: true, evidence });
      return { pool, snapshot, window: poolWindow(evidence, pool, 1, 0, 200) };
    });
    assert.ok(pool.length > 1000 && pool.length < 50_000);
    assert.equal(window.cards.length, 200);
    assert.ok(messageBytes(snapshot) < MAX_MESSAGE_BYTES && messageBytes(window) < MAX_MESSAGE_BYTES);
    assert.ok(ms < 2000, `${ms.toFixed(0)} ms for the evidence index, the pool, a snapshot and a window`);
  });

  it('accepts well-formed intents and ignores malformed ones', () => {
    const good = [
      { type: 'ready' },
      { type: 'ready', state: { journey: 'j', filter: { text: 'x', tag: 't' }, focused: 'h-1' } },
      { type: 'filter', filter: { theme: 'waiting' } },
      { type: 'requestPool', revision: 1, start: 0, count: 200 },
      { type: 'assign', highlight: 'h-1', stage: 's', sentiment: -2 },
      { type: 'assign', highlight: 'h-1', stage: 's' },
      { type: 'remove', highlight: 'h-1' },
      { type: 'pickStage', highlight: 'h-1', from: null },
      { type: 'pickSentiment', highlight: 'h-1', stage: 's' },
      { type: 'addStage' },
      { type: 'reveal', id: 'h-1' },
      { type: 'dismissProposal', highlight: 'h-1' },
      { type: 'rendered', report: { revision: 1, stages: [{ id: 's', cards: ['h-1'] }], lowPoints: ['s'], sentiments: { 'h-1': -1 }, proposals: { 'h-2': 'negative' }, pool: [], poolSize: 0, subtitle: '1 stages', injected: 0 } },
    ];
    for (const m of good) assert.deepEqual(parseWebviewMessage(m), m, JSON.stringify(m));
    const bad = [
      { type: 'assign', highlight: 'h-1', stage: 's', sentiment: 3 },
      { type: 'assign', highlight: 'h-1', stage: 's', sentiment: 0.5 },
      { type: 'assign', highlight: 'h-1' },
      { type: 'requestPool', revision: 1, start: 0, count: 5000 },
      { type: 'pickStage', highlight: 'h-1' },
      { type: 'remove', highlight: 'h-1', extra: 1 },
      { type: 'moveHighlights', ids: [] },
    ];
    for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
    assert.equal(parseUiState({ filter: 'x' }), undefined);
  });

  it('writes sentiments with a true minus sign', () => {
    assert.deepEqual([signed(-2), signed(1), signed(0)], ['\u22122', '+1', '0']);
  });
});
