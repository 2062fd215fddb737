/// <reference lib="dom" />
/**
 * The stand-in for VS Code in the board benchmark (bench/board.ts), bundled for the page: it
 * generates a synthetic board of N cards (N from the URL's hash) and answers the webview's
 * messages with the real core (snapshotOf / cardWindow), in the page, asynchronously as
 * VS Code's postMessage is, so the measurement is of the webview and not of the driver.
 * The webview tests (test/webview/) use it too, with their own board in `window.__board`
 * (cards and columns as JSON) and the messages it received in `__bench.received`.
 */
import type { Board, BoardCard, BoardColumn } from '../src/core/board/board';
import { cardWindow, snapshotOf } from '../src/core/board/messages';
import { suggestClusters } from '../src/core/board/suggest';
import { messageBytes, parseWebviewMessage, type HostMessage, type RenderedReport } from '../src/protocol/board';

const WORDS = 'waiting letter council stairs rails phone pension claim assessment family money form date nobody rang weeks bath shower ramp grab'.split(' ');

/** N cards: 60 % unsorted, the rest spread over 40 themes; quotes of 12–45 words. */
export function syntheticBoard(n: number): Board {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const cards = new Map<string, BoardCard>();
  for (let i = 0; i < n; i++) {
    const id = `h-${i.toString(32).padStart(8, '0')}`;
    const words = Array.from({ length: 12 + Math.floor(random() * 34) }, () => WORDS[Math.floor(random() * WORDS.length)]!);
    cards.set(id, {
      id,
      quote: words.join(' '),
      ...(random() < 0.5 ? { note: 'A memo about this quote and why it matters.' } : {}),
      source: `transcripts/p${i % 1000}.md`,
      participant: `P${i % 1000}`,
      attributes: { 'age-band': ['18-34', '35-64', '65+'][i % 3]!, channel: ['phone', 'online'][i % 2]! },
      tags: Array.from({ length: 1 + (i % 4) }, (_, k) => `tag-${(i + k * 7) % 300}`),
      anchored: true,
    });
  }
  const ids = [...cards.keys()];
  const unsorted = ids.slice(0, Math.floor(n * 0.6));
  const columns: BoardColumn[] = [{ key: '', kind: 'unsorted', title: 'Unsorted', cards: unsorted, total: unsorted.length, participants: Math.min(1000, unsorted.length) }];
  const rest = ids.slice(unsorted.length);
  for (let t = 0; t < 40; t++) {
    const mine = rest.filter((_, i) => i % 40 === t);
    columns.push({ key: `theme-${t}`, kind: 'theme', title: `Theme number ${t + 1}`, summary: 'What these cards say, in a sentence or two.', cards: mine, total: mine.length, participants: Math.min(1000, mine.length) });
  }
  const tags = Array.from({ length: 300 }, (_, i) => ({ id: `tag-${i}`, label: `Tag ${i}`, color: `#${((i * 2654435761) % 0xffffff).toString(16).padStart(6, '0')}` }));
  return {
    cards,
    tags,
    columns,
    attributes: ['age-band', 'channel'],
    attributeValues: { 'age-band': ['18-34', '35-64', '65+'], channel: ['online', 'phone'] },
    participants: Array.from({ length: 1000 }, (_, i) => `P${i}`),
    dimensions: NO_DIMENSIONS,
  };
}

const NO_DIMENSIONS: Board['dimensions'] = { week: [], phase: [], kind: [] };

export interface BenchStats {
  largestToWebview: number;
  largestFromWebview: number;
  messages: number;
  malformed: number;
  report?: RenderedReport;
  /** Every valid message from the webview except reports and card requests: the intents. */
  received: unknown[];
}

/** A board given as plain JSON by a test. */
export interface BoardJson {
  cards: BoardCard[];
  columns: BoardColumn[];
  tags: Board['tags'];
}

const stats: BenchStats = { largestToWebview: 0, largestFromWebview: 0, messages: 0, malformed: 0, received: [] };
const given = (window as unknown as { __board?: BoardJson }).__board;
const board: Board = given
  ? { cards: new Map(given.cards.map((c) => [c.id, c])), columns: given.columns, tags: given.tags, attributes: [], attributeValues: {}, participants: [], dimensions: NO_DIMENSIONS }
  : syntheticBoard(Number(location.hash.slice(1)) || 5000);
let state: unknown;

function send(message: HostMessage): void {
  stats.largestToWebview = Math.max(stats.largestToWebview, messageBytes(message));
  stats.messages++;
  window.postMessage(message, '*');
}

function receive(raw: unknown): void {
  stats.largestFromWebview = Math.max(stats.largestFromWebview, messageBytes(raw));
  const m = parseWebviewMessage(raw);
  if (!m) return void stats.malformed++;
  if (m.type === 'ready') send(snapshotOf(board, 1, { groupBy: { kind: 'theme' }, filter: {} }, true));
  else if (m.type === 'requestCards') send(cardWindow(board, 1, m.column, m.start, m.count));
  else if (m.type === 'rendered') stats.report = m.report;
  else if (m.type === 'suggest') {
    stats.received.push(m);
    send({ type: 'proposals', proposals: suggestClusters(board.columns[0]!.cards.map((id) => board.cards.get(id)!)) });
  } else stats.received.push(m);
}

Object.assign(window, {
  __bench: stats,
  __state: () => state,
  acquireVsCodeApi: () => ({ postMessage: (m: unknown) => setTimeout(() => receive(m)), getState: () => state, setState: (s: unknown) => (state = s) }),
});
