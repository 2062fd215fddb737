/**
 * The context of a quote, shared by the board's and the journey map's messages: the turns
 * around the passage, sent by the extension as text, which the webview shows in a peek over
 * the board (src/webview/ui/peek.ts) instead of opening the transcript beside it.
 *
 * Flow: the webview sends `{ type: 'context', id }` (a click on a card); the extension answers
 * `{ type: 'context', context }`. The peek's "Open in Editor" sends the panel's `reveal`.
 */
import { isBoolean, isId, shape, type Check } from './validate';

export interface ContextTurnView {
  speaker?: string;
  /** Media time where the turn starts (HH:MM:SS). */
  time?: string;
  /** Date of the diary entry. */
  date?: string;
  text: string;
  /** The passage within `text`, as UTF-16 offsets [start, end), in the turns it touches. */
  mark?: [number, number];
}

export interface PassageContext {
  /** The highlight. */
  id: string;
  /** Workspace-relative path of its transcript. */
  source: string;
  turns: ContextTurnView[];
  /** Why there is nothing to show (the passage can no longer be found), instead of turns. */
  missing?: string;
}

export type ContextMessage = { type: 'context'; context: PassageContext };

/** The webview's request: `{ type: 'context', id }`. */
export const CONTEXT_REQUEST: Record<string, Check> = { id: isId };

/** What the peek shows, in a panel's rendered report (for tests): the quote and whether its passage is in view. */
export interface PeekReport {
  id: string;
  passageInView: boolean;
}

export const isPeekReport: Check = shape({ id: isId, passageInView: isBoolean });
