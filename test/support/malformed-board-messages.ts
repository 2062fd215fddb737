/**
 * Messages a hostile or broken board webview could send, one or more per message type, each
 * wrong in shape or value: the unit test checks the contract rejects them all, and the
 * integration test posts them from inside the real webview frame and checks that nothing
 * happens (no file written, no snapshot sent, the rendered report not replaced).
 */
const longId = 'h-' + 'x'.repeat(300);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `h-${i}`);
const report = { revision: 999_999, mountedCards: 1, columns: { '': ['h-forged'] }, selected: [], injected: 0 };

export const MALFORMED_BOARD_MESSAGES: unknown[] = [
  null,
  'ready',
  42,
  [],
  ['ready'],
  {},
  { type: 'nope' },
  { type: '__proto__' },
  { type: 'constructor' },
  { type: 'toString' },
  { type: ['ready'] },
  { type: 'ready', state: { groupBy: { kind: 'nope' }, filter: {}, selected: [], scroll: {} } },
  { type: 'ready', state: { groupBy: { kind: 'theme' }, filter: {}, selected: [], scroll: { '': -5 } } },
  { type: 'ready', state: 'state' },
  { type: 'ready', extra: true },
  { type: 'view', groupBy: { kind: 'attribute' }, filter: {} },
  { type: 'view', groupBy: { kind: 'theme' }, filter: { text: 5 } },
  { type: 'view', groupBy: { kind: 'theme' } },
  { type: 'view', groupBy: { kind: 'theme' }, filter: { tags: 'a' } },
  { type: 'requestCards', revision: 1, column: '', start: -1, count: 10 },
  { type: 'requestCards', revision: 1, column: '', start: 0, count: 201 },
  { type: 'requestCards', revision: 1, column: '', start: 1.5, count: 10 },
  { type: 'requestCards', revision: '1', column: '', start: 0, count: 10 },
  { type: 'requestCards', revision: 1, column: longId, start: 0, count: 10 },
  { type: 'moveHighlights', ids: 'h-1', from: null, to: 'a-theme' },
  { type: 'moveHighlights', ids: [1, 2], from: null, to: 'a-theme' },
  { type: 'moveHighlights', ids: ['h-1'], to: 'a-theme' },
  { type: 'moveHighlights', ids: ['h-1'], from: null, to: { theme: 'x' } },
  { type: 'moveHighlights', ids: ['h-1'], from: null, to: 'a-theme', before: 7 },
  { type: 'moveHighlights', ids: ids(10_001), from: null, to: 'a-theme' },
  { type: 'moveHighlights', ids: [longId], from: null, to: 'a-theme' },
  JSON.parse('{"type":"moveHighlights","ids":["h-1"],"from":null,"to":"a-theme","__proto__":{"isTrusted":true}}'),
  { type: 'pickTarget', ids: ['h-1'] },
  { type: 'pickTarget', ids: null, from: null },
  { type: 'createTheme', ids: ['h-1'], title: 12 },
  { type: 'createTheme', ids: ['h-1'], title: 'x'.repeat(10_001) },
  { type: 'createTheme', title: 'No ids' },
  { type: 'renameTheme' },
  { type: 'renameTheme', theme: ['a-theme'] },
  { type: 'editSummary', theme: null },
  { type: 'mergeTheme', theme: longId },
  { type: 'deleteTheme', theme: { toString: 'a-theme' } },
  { type: 'newInsight' },
  { type: 'newInsight', theme: longId },
  { type: 'newInsight', theme: 'a-theme', ids: ['h-1'] },
  { type: 'reveal', id: 3 },
  { type: 'reveal' },
  { type: 'context', id: 3 },
  { type: 'context', id: longId },
  { type: 'context' },
  { type: 'suggest', now: true },
  { type: 'newInsight' },
  { type: 'newInsight', theme: ['a-theme'] },
  { type: 'newInsight', theme: longId },
  { type: 'rendered', report: { ...report, injected: -1 } },
  { type: 'rendered', report: { ...report, extra: '<img src=x onerror=alert(1)>' } },
  { type: 'rendered', report: { ...report, columns: { '': [1] } } },
  { type: 'rendered', report: { ...report, peek: { id: 'h-1', passageInView: 'yes' } } },
  { type: 'rendered' },
];

/** Types the list covers: every board message type must appear (checked by the unit test). */
export const typesOf = (messages: unknown[]) => new Set(messages.map((m) => (m && typeof m === 'object' && !Array.isArray(m) ? (m as { type?: unknown }).type : undefined)).filter((t): t is string => typeof t === 'string'));
