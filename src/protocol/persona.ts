/**
 * The message contract between the extension and a persona card webview. The card is a
 * read-only document: the extension sends the persona as the files say it (`persona`), or
 * that its file is gone (`missing`); the webview sends what the reader asks for (open a
 * quote's passage, the Markdown, the YAML file, a page to print) and a `rendered` report of what it shows,
 * which integration tests read.
 */
import './test-build';
import { isCount, isId, isString, listOf, lazyCheck, messageParser, shape, type Check } from './validate';

export { MAX_MESSAGE_BYTES, messageBytes } from './validate';

export interface PersonaQuoteView {
  /** Highlight id: a click opens its passage. */
  id: string;
  quote: string;
  participant?: string;
  /** Transcript path. */
  source: string;
  /** May the words leave the workspace (the participant's consent): a printed card leaves out the ones that may not. */
  quotable: boolean;
}

export interface PersonaView {
  id: string;
  /** Workspace-relative path of the persona file. */
  path: string;
  name: string;
  label?: string;
  summary?: string;
  /** Participant ids (withdrawn ones left out). */
  members: string[];
  /** Share of the sample as the file records it, 0–1; else as the sample stands now. */
  share: number;
  /** The share as every Sift view writes it (`50%`, `<1%`), formatted by the host so the card reads like the report. */
  shareText: string;
  /** Share of the current sample, when it differs from the recorded one (the sample changed since). */
  currentShare?: number;
  currentShareText?: string;
  /** Drafts (generated, not yet accepted by the team) stay out of reports; the card offers to accept them. */
  status: 'draft' | 'accepted';
  /** With, where generated, how many members use the code against how many of the other participants. */
  distinguishing: { label: string; lift: number; /** `×2.4`, written by src/core/format.ts. */ liftText: string; members?: number; of?: number; others?: number; othersOf?: number }[];
  /** How separable the groups were when generated: the silhouette in words, and the sentence the report says. */
  separation?: { words: string; sentence: string };
  quotes: PersonaQuoteView[];
  goals: readonly string[];
  frustrations: readonly string[];
  behaviours: readonly string[];
  /** How Sift generated it; absent for a hand-written persona. */
  method?: string;
  /** Study name, for the printed page's header. */
  study: string;
}

export type HostMessage = { type: 'persona'; persona: PersonaView } | { type: 'missing'; path: string };

/** What the card shows, for tests: the texts on screen, section by section. */
export interface RenderedReport {
  name: string;
  label: string;
  /** As shown: `50%`. */
  share: string;
  participants: number;
  /** The status badge as shown (`Draft` or `Accepted`). */
  status: string;
  distinguishing: string[];
  /** The figures of the distinguishing codes as shown (`5 of 6 vs 0 of 6 others`). */
  distinguishingFigures: string[];
  /** The separation line as shown, or empty. */
  separation: string;
  /** Highlight ids of the quotes shown, in order, and their attributions. */
  quotes: string[];
  attributions: string[];
  goals: string[];
  frustrations: string[];
  behaviours: string[];
  /** Elements that must never appear from study text. */
  injected: number;
}

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'reveal'; id: string }
  | { type: 'openMarkdown' }
  | { type: 'openFile' }
  /** Accept the draft persona: it then reaches reports. */
  | { type: 'accept' }
  /** Save the persona as a web page to print (a webview cannot print). */
  | { type: 'saveHtml' };

/** Test build only (SIFT_TEST, src/protocol/test-build.ts): what the webview shows, for the integration tests. */
export type RenderedMessage = { type: 'rendered'; report: RenderedReport };

const texts = listOf(isString, 1000);
const isReport: Check = /* @__PURE__ */ lazyCheck(() =>
  shape({
    name: isString,
    label: isString,
    share: isString,
    participants: isCount,
    status: isString,
    distinguishing: texts,
    distinguishingFigures: texts,
    separation: isString,
    quotes: listOf(isId, 1000),
    attributions: texts,
    goals: texts,
    frustrations: texts,
    behaviours: texts,
    injected: isCount,
  }),
);

const MESSAGES: { [K in WebviewMessage['type']]: Record<string, Check> } = {
  ready: {},
  reveal: { id: isId },
  openMarkdown: {},
  openFile: {},
  accept: {},
  saveHtml: {},
};

/** The message if it is one the webview may send, else undefined. */
export const parseWebviewMessage = messageParser<WebviewMessage, RenderedMessage>(MESSAGES, SIFT_TEST ? { rendered: { report: isReport } } : undefined);

/** `0.5` → `50%`, as a CSS length for the share meter only: figures a person reads come formatted from the host. */
export function cssPercent(share: number): string {
  return `${Math.min(100, Math.max(0, share * 100))}%`;
}
