/**
 * The message contract between the extension and the Analysis webview (sample coverage and
 * matrices). Types plus one runtime validator for what the webview sends.
 *
 * Flow: the webview sends `ready`; the extension answers with `coverage` and, for the matrix
 * asked for (`showMatrix`), a `matrix` head (axes, no cells) followed by `matrixCells` bands
 * of non-empty cells, so no message grows past the size limit on a study of 300 tags × 500
 * participants. A click on a cell asks for its quotes (`openCell` → `cell`). Every reload of
 * the files sends all of it again with a new revision.
 */
import './test-build';
import { isBoolean, isCount, isId, isString, listOf, lazyCheck, messageParser, oneOf, optional, shape, type Check } from './validate';

export { MAX_MESSAGE_BYTES, messageBytes } from './validate';

export type MatrixKindView = 'tag-participant' | 'tag-attribute' | 'tag-tag' | 'tag-week' | 'tag-phase' | 'tag-kind';
export type AnalysisTab = 'coverage' | 'matrices';

/**
 * One group against its target. The figures come written (src/core/format.ts via
 * sampling-summary.ts), the same strings `sift stats` and the report print; the numbers are
 * for drawing the bars only.
 */
export interface CoverageValueView {
  value: string;
  /** The row for everyone in no listed group ("everyone else"). */
  remainder: boolean;
  /** How the target is written in research.yaml. */
  unit: 'share' | 'count';
  /** Target and actual as shares (0–1), for the bar and its marker. */
  target: number;
  actual: number;
  count: number;
  /** Whole participants the target asks for. */
  wanted: number;
  status: 'under' | 'on-target' | 'over';
  /** Whole participants short (negative) or beyond (positive); 0 on target. */
  gap: number;
  /** `30% of the sample` or `3 people`. */
  targetText: string;
  /** `3 of 10 planned`. */
  wantedText: string;
  /** `2 of 12 (17%)`. */
  haveText: string;
  /** `2 short`, `1 over`, `on target`. */
  gapText: string;
  /** `recruit 1 more person whose ethnicity is … to reach 3 of 10 planned`; '' on target. */
  adviceText: string;
}

export interface CoverageAttributeView {
  attribute: string;
  values: CoverageValueView[];
}

export interface CoverageMessage {
  type: 'coverage';
  revision: number;
  study: string;
  /** Participants counted (those who withdrew are not). */
  participants: number;
  attributes: CoverageAttributeView[];
  /** Who was not heard enough, in a sentence or two, each with its lead ("Not heard enough"). */
  summary: { lead: string; text: string }[];
  /** How targets are compared (their forms, the sample size), a sentence. */
  method: string;
  /** Without targets: a research.yaml snippet built from the declared attributes, to copy. */
  example?: string;
  /** Declared participant attributes, for the tag × attribute matrix. */
  matrixAttributes: string[];
}

export interface MatrixMessage {
  type: 'matrix';
  revision: number;
  kind: MatrixKindView;
  attribute?: string;
  title: string;
  /** Axes as [id, label]. */
  rows: [string, string][];
  columns: [string, string][];
  max: number;
  /** Non-empty cells in all; they follow in `matrixCells` bands. */
  cells: number;
  unplaced: number;
}

export interface MatrixCellsMessage {
  type: 'matrixCells';
  revision: number;
  /** Flat quadruples: row, column, highlights, distinct participants. */
  cells: number[];
}

export interface QuoteItem {
  id: string;
  quote: string;
  participant?: string;
  source: string;
  /** Consent lets the words leave the workspace (reports, exports). */
  quotable: boolean;
}

export interface CellMessage {
  type: 'cell';
  revision: number;
  row: number;
  column: number;
  /** `Waiting time × P03`. */
  title: string;
  /** `3 highlights from 1 participant in 1 transcript`. */
  strength: string;
  quotes: QuoteItem[];
  /** Quotes not sent (a very full cell). */
  more: number;
}

export type HostMessage =
  | CoverageMessage
  | MatrixMessage
  | MatrixCellsMessage
  | CellMessage
  /** Switch to a tab (and matrix): the open command's arguments. */
  | { type: 'show'; tab: AnalysisTab; kind?: MatrixKindView; attribute?: string }
  | { type: 'notice'; message: string };

/** What the webview has on screen, for tests. */
export interface RenderedReport {
  revision: number;
  tab: AnalysisTab;
  /** Coverage rows shown: `attribute=value`, status and the gap text. */
  coverage: { attribute: string; value: string; status: string; gapText: string }[];
  summary: string;
  /** The no-targets hint is shown. */
  example: boolean;
  matrix?: { kind: MatrixKindView; attribute?: string; rows: number; columns: number; cells: number; mountedCells: number };
  /** The open cell (by axis ids) and the ids of the quotes listed. */
  cell?: { row: string; column: string; quotes: string[] };
  /** Elements that must never appear from transcript text. */
  injected: number;
}

/** What the panel keeps across reloads of the window (VS Code's getState/setState). */
export interface UiState {
  tab: AnalysisTab;
  kind: MatrixKindView;
  attribute?: string;
}

export type WebviewMessage =
  | { type: 'ready'; state?: UiState }
  | { type: 'showMatrix'; kind: MatrixKindView; attribute?: string }
  | { type: 'openCell'; revision: number; row: number; column: number }
  | { type: 'reveal'; id: string }
  | { type: 'exportCsv' }
  | { type: 'generateReport' };

/** Test build only (SIFT_TEST, src/protocol/test-build.ts): what the webview shows, for the integration tests. */
export type RenderedMessage = { type: 'rendered'; report: RenderedReport };

const isKind: Check = oneOf('tag-participant', 'tag-attribute', 'tag-tag', 'tag-week', 'tag-phase', 'tag-kind');
const isTab: Check = oneOf('coverage', 'matrices');
const isReport: Check = /* @__PURE__ */ lazyCheck(() =>
  shape({
    revision: isCount,
    tab: isTab,
    coverage: listOf(shape({ attribute: isId, value: isId, status: isId, gapText: isId }), 1000),
    summary: isString,
    example: isBoolean,
    matrix: optional(shape({ kind: isKind, attribute: optional(isId), rows: isCount, columns: isCount, cells: isCount, mountedCells: isCount })),
    cell: optional(shape({ row: isId, column: isId, quotes: listOf(isId, 1000) })),
    injected: isCount,
  }),
);

const isUiState: Check = shape({ tab: isTab, kind: isKind, attribute: optional(isId) });

const MESSAGES: { [K in WebviewMessage['type']]: Record<string, Check> } = {
  ready: { state: optional(isUiState) },
  showMatrix: { kind: isKind, attribute: optional(isId) },
  openCell: { revision: isCount, row: isCount, column: isCount },
  reveal: { id: isId },
  exportCsv: {},
  generateReport: {},
};

/** The message if it is one the webview may send, else undefined. */
export const parseWebviewMessage = messageParser<WebviewMessage, RenderedMessage>(MESSAGES, SIFT_TEST ? { rendered: { report: isReport } } : undefined);

/** The saved state, if it is one (it may come from an older version). */
export function parseUiState(value: unknown): UiState | undefined {
  return isUiState(value) ? (value as UiState) : undefined;
}

/** Most cells in one `matrixCells` message: four numbers of at most 7 characters each stay under the limit. */
export const CELLS_PER_MESSAGE = 6000;
/** Most quotes one `cell` message lists. */
export const MAX_CELL_QUOTES = 200;
