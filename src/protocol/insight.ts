/**
 * The message contract between the extension and the insight view: one insight, its
 * evidence as quotes with who said them, and its recommendations. The core's InsightView
 * (src/core/insights/view.ts) is this type, so the extension sends what the core computes.
 *
 * Flow: the webview sends `ready` (with the insight it showed before a reload, if any);
 * the extension answers with `insight`, and again whenever the files change. The webview
 * sends intents (`setStatus`, `setRecommendationStatus`, `addRecommendation`, `reveal`);
 * the extension applies them to the insight's file through the core and sends the result.
 */
import type { TagView } from './board';
import './test-build';
import { isCount, isId, isString, listOf, lazyCheck, messageParser, oneOf, optional, shape, type Check } from './validate';

export { MAX_MESSAGE_BYTES, messageBytes } from './validate';
export type { TagView };

export const INSIGHT_STATUS_VALUES = ['draft', 'in-review', 'accepted', 'actioned', 'rejected'] as const;
export const RECOMMENDATION_STATUS_VALUES = ['proposed', 'agreed', 'in-progress', 'done', 'declined'] as const;
/** What of a recommendation the extension asks for (in an input box) when the view asks to edit it. */
export const RECOMMENDATION_FIELDS = ['owner', 'due', 'outcome'] as const;
export type InsightStatusValue = (typeof INSIGHT_STATUS_VALUES)[number];
export type RecommendationStatusValue = (typeof RECOMMENDATION_STATUS_VALUES)[number];

/** A cited highlight as the view shows it. */
export interface QuoteView {
  id: string;
  quote: string;
  /** Participant id only: never a name. */
  participant?: string;
  /** Transcript and place, to open the passage. */
  source: string;
  start: number;
  end: number;
  tags: readonly string[];
  /** May the words appear in a report or export (the participant's consent). */
  quotable: boolean;
  /** What the consent allows, in a sentence (for a tooltip). */
  consent: string;
}

/** How strong the evidence behind an insight is (the core's EvidenceStrength is this type). */
export interface StrengthView {
  highlights: number;
  participants: number;
  transcripts: number;
  /** Share of the highlights said by the participant who said most of them (0–1); 0 without highlights. */
  topParticipantShare: number;
  /** The same as a percentage written by src/core/format.ts (`60%`). */
  topParticipantShareText: string;
  /** A word for it: none, one voice (a single participant), thin (two), or pattern (three or more). */
  level: 'none' | 'one-voice' | 'thin' | 'pattern';
  /** Cited ids that are no highlight (any more). */
  missing: string[];
  /** Cited ids left out because their participant withdrew consent. */
  withdrawn: string[];
}

export interface RecommendationView {
  action: string;
  owner?: string;
  status: RecommendationStatusValue;
  /** Why it was declined. */
  reason?: string;
  /** YYYY-MM-DD. */
  due?: string;
  /** Due before today and not done or declined. */
  overdue: boolean;
  outcome?: {
    change: string;
    /** The measure in words, figures formatted by the extension: `Average wait for a major adaptation: 183 → 52 days (−72%)`. */
    measure?: string;
    evidence: { ref: string; kind: 'link' | 'file' | 'highlight' }[];
  };
}

export interface InsightView {
  id: string;
  /** The insight's file, workspace-relative. */
  path: string;
  statement: string;
  status: InsightStatusValue;
  /** Statuses the lifecycle allows next. */
  next: readonly InsightStatusValue[];
  confidence?: string;
  themes: { id: string; title: string }[];
  personas: { id: string; name: string }[];
  strength: StrengthView;
  evidence: QuoteView[];
  recommendations: RecommendationView[];
}

export type HostMessage =
  | {
      type: 'insight';
      insight: InsightView;
      /** Labels and colours of the tags the quotes carry. */
      tags: TagView[];
      /** False in Restricted Mode: the view shows but changes nothing. */
      writable: boolean;
      /** Quotes left out at the end of `insight.evidence` to keep the message under the size limit. */
      omitted: number;
    }
  /** The insight's file is gone (deleted, or a branch without it). */
  | { type: 'gone'; id: string }
  | { type: 'notice'; level: 'info' | 'error'; message: string };

/** What the webview has on screen, for tests. */
export interface RenderedReport {
  id: string;
  status: string;
  /** Quote ids in the order shown. */
  quotes: string[];
  /** The strength numbers as shown: highlights, participants, transcripts. */
  strength: [number, number, number];
  level: string;
  recommendations: number;
  /** Elements that must never appear from study text. */
  injected: number;
}

/** What the webview keeps across reloads: which insight it shows. */
export interface UiState {
  id: string;
}

export type WebviewMessage =
  | { type: 'ready'; state?: UiState }
  | { type: 'reveal'; id: string }
  | { type: 'setStatus'; status: InsightStatusValue }
  /** Declined: the extension asks for the reason. */
  | { type: 'setRecommendationStatus'; index: number; status: RecommendationStatusValue }
  /** The extension asks for the new value. */
  | { type: 'editRecommendation'; index: number; field: (typeof RECOMMENDATION_FIELDS)[number] }
  /** Opens a piece of an outcome's evidence: a link, a file of the study, a highlight (the extension checks the insight cites it). */
  | { type: 'openOutcomeEvidence'; index: number; ref: string }
  /** The extension asks for the action and owner. */
  | { type: 'addRecommendation' }
  | { type: 'openFile' };

/** Test build only (SIFT_TEST, src/protocol/test-build.ts): what the webview shows, for the integration tests. */
export type RenderedMessage = { type: 'rendered'; report: RenderedReport };

const isReport: Check = /* @__PURE__ */ lazyCheck(() =>
  shape({
    id: isId,
    status: isId,
    quotes: listOf(isId, 100_000),
    strength: (v) => Array.isArray(v) && v.length === 3 && v.every(isCount),
    level: isId,
    recommendations: isCount,
    injected: isCount,
  }),
);

const MESSAGES: { [K in WebviewMessage['type']]: Record<string, Check> } = {
  ready: { state: optional(shape({ id: isId })) },
  reveal: { id: isId },
  setStatus: { status: oneOf(...INSIGHT_STATUS_VALUES) },
  setRecommendationStatus: { index: isCount, status: oneOf(...RECOMMENDATION_STATUS_VALUES) },
  editRecommendation: { index: isCount, field: oneOf(...RECOMMENDATION_FIELDS) },
  openOutcomeEvidence: { index: isCount, ref: isString },
  addRecommendation: {},
  openFile: {},
};

/** The message if it is one the webview may send, else undefined. */
export const parseWebviewMessage = messageParser<WebviewMessage, RenderedMessage>(MESSAGES, SIFT_TEST ? { rendered: { report: isReport } } : undefined);
