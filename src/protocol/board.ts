/**
 * The message contract between the extension and the affinity board webview. Types plus
 * one runtime validator for what the webview sends: the extension trusts nothing that
 * crosses the boundary (a webview is web content), so every incoming message is checked
 * here and a malformed one is logged and ignored.
 *
 * Flow: the webview sends `ready` (with its saved UI state); the extension answers with a
 * `snapshot` (columns with counts, no cards) and the webview asks for the cards it can
 * see, a window at a time (`requestCards` → `cards`), so no message grows with the study.
 * The webview sends intents (`moveHighlights`, `createTheme`, …); the extension applies
 * them to the files and sends a new snapshot.
 */

import './test-build';
import { isBoolean, isCount, isId, isRecord, isString, listOf, lazyCheck, messageParser, nullable, optional, recordOf, shape, type Check } from './validate';
import { CONTEXT_REQUEST, isPeekReport, type ContextMessage, type PeekReport } from './context';

export { MAX_MESSAGE_BYTES, messageBytes } from './validate';
/** Most cards the webview asks for at once. */
export const MAX_WINDOW = 200;

/** When a highlight is from and what kind of source: the week of the study, its phase, the source's kind. */
export type Dimension = 'week' | 'phase' | 'kind';

export type GroupBy = { kind: 'theme' } | { kind: 'tag' } | { kind: 'participant' } | { kind: 'transcript' } | { kind: Dimension } | { kind: 'attribute'; attribute: string };

export interface Filter {
  text?: string;
  tags?: string[];
  participants?: string[];
  attributes?: Record<string, string[]>;
  /** Per dimension, the keys shown: week numbers (`"3"`), phase ids, kind ids. */
  dimensions?: Partial<Record<Dimension, string[]>>;
}

/** One week, phase or kind: its key and how it reads (`Week 2 · 9–15 Mar`, `Main fieldwork`, `Diary`). */
export interface DimensionValueView {
  key: string;
  label: string;
}

/** A highlight as a card (the core's BoardCard is this type). */
export interface CardView {
  id: string;
  quote: string;
  note?: string;
  /** Transcript path. */
  source: string;
  participant?: string;
  /** The participant's attributes as display strings (age band, tenure …). */
  attributes: Record<string, string>;
  tags: readonly string[];
  time?: string;
  /** False when the quote can no longer be found in its transcript. */
  anchored: boolean;
}

export interface TagView {
  id: string;
  label: string;
  color?: string;
}

export interface ColumnView {
  /** Theme id; '' for the Unsorted pool (and for "no value" groups). */
  key: string;
  kind: 'unsorted' | 'theme' | 'group';
  title: string;
  summary?: string;
  /** Cards shown (after the filter). */
  count: number;
  /** Cards in the column without the filter. */
  total: number;
  participants: number;
}

export interface ProposalView {
  /** The first card's id and the number of cards: a changed proposal is a new one. */
  key: string;
  title: string;
  ids: string[];
  reason: string;
}

export interface SnapshotMessage {
  type: 'snapshot';
  /** Increases with every snapshot; card windows of older revisions are dropped. */
  revision: number;
  columns: ColumnView[];
  tags: TagView[];
  attributes: string[];
  /** The values participants have, per attribute, for the attribute filter. */
  attributeValues: Record<string, string[]>;
  participants: string[];
  /** The study's weeks, phases and kinds of source, in their order, for grouping and the filter. */
  dimensions: Record<Dimension, DimensionValueView[]>;
  groupBy: GroupBy;
  filter: Filter;
  /** False in Restricted Mode: the board shows but does not move cards. */
  writable: boolean;
  /** Total highlights in the study. */
  highlights: number;
}

export interface CardsMessage {
  type: 'cards';
  revision: number;
  column: string;
  start: number;
  cards: CardView[];
}

export type HostMessage = ContextMessage | SnapshotMessage | CardsMessage | { type: 'proposals'; proposals: ProposalView[] } | { type: 'notice'; level: 'info' | 'error'; message: string };

/** What the board keeps across reloads (VS Code's getState/setState). */
export interface UiState {
  groupBy: GroupBy;
  filter: Filter;
  selected: string[];
  /** Scroll offsets: per column key, and the board's horizontal one under ''. */
  scroll: Record<string, number>;
  focused?: string;
  /** Keys of suggested clusters the researcher dismissed: not shown again while they stay the same. */
  dismissed?: string[];
  /** Card size the researcher chose: compact (two lines of quote) or roomy; unset, compact once Unsorted holds 100 cards. */
  density?: 'compact' | 'roomy';
  /** The suggested clusters folded to their heading, and the height (px) their list was dragged to. */
  suggestionsFolded?: boolean;
  suggestionsHeight?: number;
}

/** What the webview has on screen, for tests and the benchmark. */
export interface RenderedReport {
  revision: number;
  mountedCards: number;
  /** The ids shown per column key, in order (only mounted cards). */
  columns: Record<string, string[]>;
  selected: string[];
  focused?: string;
  /** Elements that must never appear from transcript text. */
  injected: number;
  /** The quote whose context the peek shows. */
  peek?: PeekReport;
}

export type WebviewMessage =
  | { type: 'ready'; state?: UiState }
  | { type: 'view'; groupBy: GroupBy; filter: Filter }
  | { type: 'requestCards'; revision: number; column: string; start: number; count: number }
  | { type: 'moveHighlights'; ids: string[]; from: string | null; to: string | null; before?: string }
  /** Asks the extension for a target (a quick pick: themes, Unsorted, a new theme): the keyboard path of a drag. */
  | { type: 'pickTarget'; ids: string[]; from: string | null }
  /** Without a title the extension asks for one. */
  | { type: 'createTheme'; ids: string[]; title?: string }
  | { type: 'renameTheme'; theme: string }
  | { type: 'editSummary'; theme: string }
  | { type: 'mergeTheme'; theme: string }
  | { type: 'deleteTheme'; theme: string }
  /** "New insight from this theme": the extension asks for the statement. */
  | { type: 'newInsight'; theme: string }
  | { type: 'reveal'; id: string }
  /** A click on a card: the extension answers with the passage's context, shown in a peek. */
  | { type: 'context'; id: string }
  | { type: 'suggest' };

/** Test build only (SIFT_TEST, src/protocol/test-build.ts): what the webview shows, for the integration tests. */
export type RenderedMessage = { type: 'rendered'; report: RenderedReport };

// ---------------------------------------------------------------------------------------
// Validation of incoming messages

const GROUP_KINDS = new Set(['theme', 'tag', 'participant', 'transcript', 'week', 'phase', 'kind']);
const isGroupBy: Check = (v) => isRecord(v) && (v.kind === 'attribute' ? shape({ kind: isString, attribute: isId })(v) : GROUP_KINDS.has(v.kind as string) && shape({ kind: isString })(v));
const isFilter: Check = shape({
  text: optional(isString),
  tags: optional(listOf(isId, 1000)),
  participants: optional(listOf(isId, 10_000)),
  attributes: optional(recordOf(listOf(isString, 1000))),
  dimensions: optional(shape({ week: optional(listOf(isId, 1000)), phase: optional(listOf(isId, 1000)), kind: optional(listOf(isId, 1000)) })),
});
const isUiState: Check = shape({
  groupBy: isGroupBy,
  filter: isFilter,
  selected: listOf(isId),
  scroll: recordOf(isCount),
  focused: optional(isId),
  dismissed: optional(listOf(isString, 1000)),
  density: optional((v) => v === 'compact' || v === 'roomy'),
  suggestionsFolded: optional(isBoolean),
  suggestionsHeight: optional(isCount),
});
const isReport: Check = /* @__PURE__ */ lazyCheck(() => shape({ revision: isCount, mountedCards: isCount, columns: recordOf(listOf(isId)), selected: listOf(isId), focused: optional(isId), injected: isCount, peek: optional(isPeekReport) }));
const theme = { theme: isId };

const MESSAGES: { [K in WebviewMessage['type']]: Record<string, Check> } = {
  ready: { state: optional(isUiState) },
  view: { groupBy: isGroupBy, filter: isFilter },
  requestCards: { revision: isCount, column: isId, start: isCount, count: (v) => isCount(v) && (v as number) <= MAX_WINDOW },
  moveHighlights: { ids: listOf(isId, 10_000), from: nullable(isId), to: nullable(isId), before: optional(isId) },
  pickTarget: { ids: listOf(isId, 10_000), from: nullable(isId) },
  createTheme: { ids: listOf(isId, 10_000), title: optional(isString) },
  renameTheme: theme,
  editSummary: theme,
  mergeTheme: theme,
  deleteTheme: theme,
  newInsight: theme,
  reveal: { id: isId },
  context: CONTEXT_REQUEST,
  suggest: {},
};

/** The message if it is one the webview may send, else undefined. */
export const parseWebviewMessage = messageParser<WebviewMessage, RenderedMessage>(MESSAGES, SIFT_TEST ? { rendered: { report: isReport } } : undefined);

/** Checks the 'ui state' a restored webview hands back (it was stored by an older version, perhaps). */
export function parseUiState(value: unknown): UiState | undefined {
  return isUiState(value) ? (value as UiState) : undefined;
}

export const DEFAULT_UI_STATE: UiState = { groupBy: { kind: 'theme' }, filter: {}, selected: [], scroll: {} };
