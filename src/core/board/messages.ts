/**
 * The board as the webview receives it: a snapshot of the columns (counts, no cards), and
 * cards one window at a time, each message kept under the protocol's size limit however
 * large the study is.
 */
import { MAX_WINDOW, type CardsMessage, type Filter, type GroupBy, type SnapshotMessage } from '../../protocol/board';
import { fillWithin } from '../../protocol/validate';
import type { Board } from './board';

export function snapshotOf(board: Board, revision: number, view: { groupBy: GroupBy; filter: Filter }, writable: boolean): SnapshotMessage {
  return {
    type: 'snapshot',
    revision,
    columns: board.columns.map((c) => ({ key: c.key, kind: c.kind, title: c.title, ...(c.summary ? { summary: c.summary } : {}), count: c.cards.length, total: c.total, participants: c.participants })),
    tags: board.tags,
    attributes: board.attributes,
    attributeValues: board.attributeValues,
    participants: board.participants,
    dimensions: {
      week: board.dimensions.week.map(({ key, label }) => ({ key, label })),
      phase: board.dimensions.phase.map(({ key, label }) => ({ key, label })),
      kind: board.dimensions.kind.map(({ key, label }) => ({ key, label })),
    },
    groupBy: view.groupBy,
    filter: view.filter,
    writable,
    highlights: board.cards.size,
  };
}

/**
 * Cards `start …` of a column, at most `count` (≤ MAX_WINDOW) and fewer when their JSON
 * would pass the size limit (very long quotes): the webview asks again from where it ends.
 */
export function cardWindow(board: Board, revision: number, column: string, start: number, count: number): CardsMessage {
  const ids = board.columns.find((c) => c.key === column)?.cards ?? [];
  const message: CardsMessage = { type: 'cards', revision, column, start, cards: [] };
  fillWithin(
    message,
    message.cards,
    ids.slice(start, start + Math.min(count, MAX_WINDOW)).map((id) => board.cards.get(id)!),
  );
  return message;
}
