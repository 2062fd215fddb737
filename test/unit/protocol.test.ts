import * as assert from 'node:assert/strict';
import { buildBoard, type BoardCard } from '../../src/core/board/board';
import { cardWindow, snapshotOf } from '../../src/core/board/messages';
import { MAX_MESSAGE_BYTES, messageBytes, parseUiState, parseWebviewMessage } from '../../src/protocol/board';
import { parseWebviewMessage as parseAnalysisMessage } from '../../src/protocol/analysis';
import { loaded } from '../support/example-fs';
import { MemoryFileSystem } from '../support/memory-fs';
import { parseWebviewMessage as parseInsightMessage } from '../../src/protocol/insight';

describe('board protocol', () => {
  it('accepts every well-formed intent', () => {
    const good = [
      { type: 'ready' },
      { type: 'ready', state: { groupBy: { kind: 'attribute', attribute: 'age-band' }, filter: { text: 'letter', tags: ['a'] }, selected: ['h-1'], scroll: { '': 10, waiting: 200 }, focused: 'h-1' } },
      { type: 'view', groupBy: { kind: 'tag' }, filter: {} },
      { type: 'requestCards', revision: 3, column: '', start: 0, count: 200 },
      { type: 'moveHighlights', ids: ['h-aaaaaaa1'], from: null, to: 'waiting', before: 'h-aaaaaaa2' },
      { type: 'moveHighlights', ids: ['h-aaaaaaa1'], from: 'waiting', to: null },
      { type: 'createTheme', ids: ['h-aaaaaaa1', 'h-aaaaaaa2'] },
      { type: 'createTheme', ids: [], title: 'Waiting' },
      { type: 'renameTheme', theme: 'waiting' },
      { type: 'deleteTheme', theme: 'waiting' },
      { type: 'newInsight', theme: 'waiting' },
      { type: 'reveal', id: 'h-aaaaaaa1' },
      { type: 'suggest' },
      { type: 'rendered', report: { revision: 1, mountedCards: 12, columns: { '': ['h-1'] }, selected: [], injected: 0 } },
    ];
    for (const m of good) assert.deepEqual(parseWebviewMessage(m), m, JSON.stringify(m));
  });

  it('ignores malformed and unexpected messages', () => {
    const bad: unknown[] = [
      null,
      'moveHighlights',
      [],
      {},
      { type: 'launchMissiles' },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 'moveHighlights', ids: 'h-1', from: null, to: 'x' },
      { type: 'moveHighlights', ids: ['h-1'], to: 'x' },
      { type: 'moveHighlights', ids: [1], from: null, to: 'x' },
      { type: 'moveHighlights', ids: ['h-1'], from: null, to: 'x', extra: true },
      { type: 'requestCards', revision: 1, column: '', start: -1, count: 10 },
      { type: 'requestCards', revision: 1, column: '', start: 0, count: 100000 },
      { type: 'requestCards', revision: 1, column: '', start: 0.5, count: 10 },
      { type: 'view', groupBy: { kind: 'colour' }, filter: {} },
      { type: 'view', groupBy: { kind: 'attribute' }, filter: {} },
      { type: 'view', groupBy: { kind: 'tag' }, filter: { text: 42 } },
      { type: 'reveal', id: 'x'.repeat(1000) },
      { type: 'ready', state: { groupBy: { kind: 'tag' } } },
    ];
    for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
    assert.equal(parseUiState({ groupBy: { kind: 'tag' }, filter: {}, selected: [], scroll: { a: -1 } }), undefined);
  });

  it('sends the cards of a 50,000-card column in windows under the size limit', () => {
    const cards = new Map<string, BoardCard>();
    for (let i = 0; i < 50_000; i++) {
      const id = `h-${String(i).padStart(8, '0')}`;
      cards.set(id, { id, quote: `Quote ${i} `.repeat(i % 7 === 0 ? 2000 : 20), source: `transcripts/p${i % 100}.md`, participant: `P${i % 100}`, attributes: { 'age-band': '65+' }, tags: ['waiting', 'letters'], anchored: true });
    }
    const board = {
      cards,
      tags: [],
      attributes: [],
      attributeValues: {},
      participants: [],
      dimensions: { week: [], phase: [], kind: [] },
      columns: [{ key: '', kind: 'unsorted' as const, title: 'Unsorted', cards: [...cards.keys()], total: cards.size, participants: 100 }],
    };
    const snapshot = snapshotOf(board, 1, { groupBy: { kind: 'theme' }, filter: {} }, true);
    assert.ok(messageBytes(snapshot) < 2000, 'the snapshot carries counts, not cards');
    assert.equal(snapshot.columns[0]!.count, 50_000);
    let start = 0;
    let windows = 0;
    let largest = 0;
    while (start < 50_000) {
      const window = cardWindow(board, 1, '', start, 200);
      largest = Math.max(largest, messageBytes(window));
      assert.ok(window.cards.length > 0);
      assert.equal(window.cards[0]!.id, `h-${String(start).padStart(8, '0')}`);
      start += window.cards.length;
      windows++;
    }
    assert.ok(largest <= MAX_MESSAGE_BYTES, `largest message ${largest} bytes`);
    assert.ok(largest > MAX_MESSAGE_BYTES / 2, 'windows were cut by size, not only by count');
    assert.ok(windows > 250, `${windows} windows`);
  });

  it('makes a snapshot of a real board', async () => {
    const ws = await loaded(new MemoryFileSystem()); // an empty folder: nothing to sort yet
    const snapshot = snapshotOf(buildBoard(ws), 7, { groupBy: { kind: 'theme' }, filter: {} }, false);
    assert.deepEqual(snapshot.columns, [{ key: '', kind: 'unsorted', title: 'Unsorted', count: 0, total: 0, participants: 0 }]);
    assert.equal(snapshot.writable, false);
  });
});

describe('analysis protocol', () => {
  it('accepts the intents of the Analysis panel and ignores malformed ones', () => {
    const good = [
      { type: 'ready' },
      { type: 'ready', state: { tab: 'matrices', kind: 'tag-attribute', attribute: 'channel' } },
      { type: 'showMatrix', kind: 'tag-attribute', attribute: 'age-band' },
      { type: 'showMatrix', kind: 'tag-tag' },
      { type: 'openCell', revision: 2, row: 0, column: 11 },
      { type: 'reveal', id: 'h-aaaaaaa1' },
      { type: 'exportCsv' },
      { type: 'generateReport' },
      {
        type: 'rendered',
        report: {
          revision: 1,
          tab: 'matrices',
          coverage: [{ attribute: 'age-band', value: '65+', status: 'over', gapText: '2 over' }],
          summary: 'x',
          example: false,
          matrix: { kind: 'tag-tag', rows: 2, columns: 2, cells: 3, mountedCells: 3 },
          cell: { row: 'a', column: 'b', quotes: ['h-1'] },
          injected: 0,
        },
      },
    ];
    for (const m of good) assert.deepEqual(parseAnalysisMessage(m), m, JSON.stringify(m));
    const bad: unknown[] = [
      { type: 'showMatrix', kind: 'participant-participant' },
      { type: 'openCell', revision: 1, row: -1, column: 0 },
      { type: 'openCell', revision: 1, row: 0 },
      { type: 'exportCsv', kind: 'tag-tag' },
      { type: 'ready', state: { tab: 'matrices' } },
      { type: 'rendered', report: { revision: 1, tab: 'elsewhere', coverage: [], summary: '', example: false, injected: 0 } },
    ];
    for (const m of bad) assert.equal(parseAnalysisMessage(m), undefined, JSON.stringify(m));
  });
});

describe('insight view protocol', () => {
  it('accepts the intents of the insight view and nothing else', () => {
    const good = [
      { type: 'ready' },
      { type: 'reveal', id: 'h-aaaaaaa1' },
      { type: 'setStatus', status: 'in-review' },
      { type: 'setRecommendationStatus', index: 2, status: 'done' },
      { type: 'addRecommendation' },
      { type: 'openFile' },
      { type: 'rendered', report: { id: 'x', status: 'draft', quotes: ['h-1'], strength: [1, 1, 1], level: 'one-voice', recommendations: 0, injected: 0 } },
    ];
    for (const m of good) assert.deepEqual(parseInsightMessage(m), m, JSON.stringify(m));
    const bad: unknown[] = [
      { type: 'setStatus', status: 'approved' },
      { type: 'setStatus' },
      { type: 'setRecommendationStatus', index: -1, status: 'done' },
      { type: 'setRecommendationStatus', index: 0, status: 'maybe' },
      { type: 'reveal', id: 7 },
      { type: 'addRecommendation', action: 'sneaked in' },
      { type: 'rendered', report: { id: 'x', status: 'draft', quotes: [], strength: [1, 1], level: 'none', recommendations: 0, injected: 0 } },
      { type: 'moveHighlights', ids: [], from: null, to: null },
    ];
    for (const m of bad) assert.equal(parseInsightMessage(m), undefined, JSON.stringify(m));
  });
});
