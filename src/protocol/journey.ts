/**
 * The message contract between the extension and the journey map webview.
 *
 * Flow: the webview sends `ready`; the extension answers with a `snapshot` of the journey
 * (its stages in order with their quote cards, mean sentiment and low points, as the core
 * computes them) and the size of the candidate pool; the webview asks for the pool cards it
 * can see a window at a time (`requestPool` → `pool`), so no message grows with the study.
 * Intents (`assign`, `remove`, `pickStage`, …) go back; the extension applies them to
 * journeys/<id>.yaml through the core and sends a new snapshot, as it does when the file
 * changes on disk.
 */

import './test-build';
import { isBoolean, isCount, isId, isString, listOf, lazyCheck, messageParser, nullable, oneOf, optional, recordOf, shape, type Check } from './validate';
import { CONTEXT_REQUEST, isPeekReport, type ContextMessage, type PeekReport } from './context';

export { MAX_MESSAGE_BYTES, messageBytes } from './validate';

/** Most pool cards the webview asks for at once. */
export const MAX_POOL_WINDOW = 200;

/** Sentiment is a whole number from −2 (very negative) to +2 (very positive). */
export const SENTIMENTS = [-2, -1, 0, 1, 2] as const;

export interface PoolFilter {
  /** Words in quotes and memos (the core's search syntax). */
  text?: string;
  /** Highlights with this tag (or a tag below it). */
  tag?: string;
  /** Highlights in this theme. */
  theme?: string;
}

/** A highlight as a card. */
export interface QuoteCard {
  id: string;
  /** The words, when the participant's consent lets them be shown; absent otherwise. */
  quote?: string;
  participant?: string;
  /** Transcript path. */
  source: string;
  tags: readonly string[];
}

/** A card under a stage. */
export interface MomentCard extends QuoteCard {
  /** The researcher's sentiment; absent until they set or confirm one. */
  sentiment?: number;
  /** Sift's proposal for a card without a sentiment (never for one whose proposal was dismissed). */
  proposal?: ProposalView;
}

/**
 * A sentiment proposal as a card shows it: the label and the value Confirm writes, with the
 * words that drove it; or why Sift proposes nothing (a language it has no lexicon for).
 */
export type ProposalView = { label: 'negative' | 'neutral' | 'positive' | 'mixed'; value: number; reason: string } | { declined: string };

export interface StageView {
  id: string;
  title: string;
  description?: string;
  moments: MomentCard[];
  /** Mean sentiment of the stage's cards; absent when it has none. */
  mean?: number;
  /** The mean as the report and the CLI write it (`−0.8`): made by the extension, so every view rounds alike. */
  meanText?: string;
  participants: number;
  /** A low point of the journey (the lowest mean, below 0; ties all marked). */
  lowest: boolean;
  /** Below 0 and no higher than either neighbour. */
  dip: boolean;
}

export interface LabelView {
  id: string;
  label: string;
  color?: string;
}

export interface SnapshotMessage {
  type: 'snapshot';
  /** Increases with every snapshot; pool windows of older revisions are dropped. */
  revision: number;
  journey: { id: string; title: string; path: string; persona?: string };
  stages: StageView[];
  lowPoints: string[];
  /** Cited highlights that no longer exist, and those left out because their participant withdrew. */
  missing: number;
  withdrawn: number;
  tags: LabelView[];
  themes: LabelView[];
  filter: PoolFilter;
  /** Candidate highlights (not on the journey, passing the filter). */
  poolSize: number;
  /** False in Restricted Mode: the map shows but changes nothing. */
  writable: boolean;
}

export interface PoolMessage {
  type: 'pool';
  revision: number;
  start: number;
  cards: QuoteCard[];
}

export type HostMessage =
  | ContextMessage
  | SnapshotMessage
  | PoolMessage
  /** The journey's file was removed. */
  | { type: 'gone'; title: string }
  | { type: 'notice'; level: 'info' | 'error'; message: string };

/** What the map keeps across reloads (VS Code's getState/setState). */
export interface UiState {
  journey?: string;
  filter: PoolFilter;
  focused?: string;
  /** The pool of candidates folded away (to see the whole journey). */
  poolHidden?: boolean;
}

/** What the webview has on screen, for tests. */
export interface RenderedReport {
  revision: number;
  /** The stage columns in screen order, with the card ids under each. */
  stages: { id: string; cards: string[] }[];
  /** Stages drawn as low points: both their column and their point on the sentiment line are marked. */
  lowPoints: string[];
  /** The sentiment each card shows (cards without one are left out). */
  sentiments: Record<string, number>;
  /** The proposal each card without a sentiment shows: its label, or `declined`. */
  proposals: Record<string, string>;
  /** Pool cards mounted, in order, and how many the pool holds. */
  pool: string[];
  poolSize: number;
  focused?: string;
  /** The line under the title (persona, counts) as shown. */
  subtitle: string;
  /** Elements that must never appear from transcript text. */
  injected: number;
  /** The quote whose context the peek shows. */
  peek?: PeekReport;
}

export type WebviewMessage =
  | { type: 'ready'; state?: UiState }
  | { type: 'filter'; filter: PoolFilter }
  | { type: 'requestPool'; revision: number; start: number; count: number }
  /** Puts a card under a stage (from the pool or another stage), keeping its sentiment unless one is given. */
  | { type: 'assign'; highlight: string; stage: string; sentiment?: number }
  | { type: 'remove'; highlight: string }
  /** The keyboard path of a drag: a quick pick of the stage. `from` is the card's stage, null from the pool. */
  | { type: 'pickStage'; highlight: string; from: string | null }
  /** A quick pick of the sentiment of a card on a stage (also a proposal's Change). */
  | { type: 'pickSentiment'; highlight: string; stage: string }
  /** A proposal's Dismiss: not offered again for this quote. (Its Confirm is an `assign` with the proposed value.) */
  | { type: 'dismissProposal'; highlight: string }
  | { type: 'addStage' }
  | { type: 'reveal'; id: string }
  /** A click on a card: the extension answers with the passage's context, shown in a peek. */
  | { type: 'context'; id: string };

/** Test build only (SIFT_TEST, src/protocol/test-build.ts): what the webview shows, for the integration tests. */
export type RenderedMessage = { type: 'rendered'; report: RenderedReport };

// ---------------------------------------------------------------------------------------
// Validation of incoming messages

const isSentiment: Check = oneOf(...SENTIMENTS);
const isFilter: Check = shape({ text: optional(isString), tag: optional(isId), theme: optional(isId) });
const isUiState: Check = shape({ journey: optional(isId), filter: isFilter, focused: optional(isId), poolHidden: optional(isBoolean) });
const isReport: Check = /* @__PURE__ */ lazyCheck(() =>
  shape({
    revision: isCount,
    stages: listOf(shape({ id: isId, cards: listOf(isId) }), 1000),
    lowPoints: listOf(isId, 1000),
    sentiments: recordOf(isSentiment),
    proposals: recordOf(isString),
    pool: listOf(isId, 10_000),
    poolSize: isCount,
    focused: optional(isId),
    subtitle: isString,
    injected: isCount,
    peek: optional(isPeekReport),
  }),
);

const MESSAGES: { [K in WebviewMessage['type']]: Record<string, Check> } = {
  ready: { state: optional(isUiState) },
  filter: { filter: isFilter },
  requestPool: { revision: isCount, start: isCount, count: (v) => isCount(v) && (v as number) <= MAX_POOL_WINDOW },
  assign: { highlight: isId, stage: isId, sentiment: optional(isSentiment) },
  remove: { highlight: isId },
  pickStage: { highlight: isId, from: nullable(isId) },
  pickSentiment: { highlight: isId, stage: isId },
  dismissProposal: { highlight: isId },
  addStage: {},
  reveal: { id: isId },
  context: CONTEXT_REQUEST,
};

/** The message if it is one the webview may send, else undefined. */
export const parseWebviewMessage = messageParser<WebviewMessage, RenderedMessage>(MESSAGES, SIFT_TEST ? { rendered: { report: isReport } } : undefined);

/** Checks the state a restored webview hands back (stored by an older version, perhaps). */
export function parseUiState(value: unknown): UiState | undefined {
  return isUiState(value) ? (value as UiState) : undefined;
}

/** How a sentiment reads, for labels and quick picks. */
export function sentimentLabel(value: number): string {
  return ['Very negative', 'Negative', 'Neutral', 'Positive', 'Very positive'][value + 2] ?? String(value);
}

/**
 * A card's whole sentiment: −2 → "−2", 1 → "+1", 0 → "0" (a true minus sign). Only whole
 * values: a mean comes already written (`StageView.meanText`, from src/core/format.ts).
 */
export function signed(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `\u2212${-value}` : '0';
}
