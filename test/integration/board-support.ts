/**
 * What the board's integration tests share: what the webview reports it shows (through a
 * test command), waiting for it, the example's themes, and screenshots the harness saves.
 */
import * as vscode from 'vscode';
import type { RenderedReport } from '../../src/protocol/board';
import { read, screenshot, untilShown } from './support';

export { screenshot };

// The first themes (file order), in view without scrolling the board.
export const HANDOVER = 'a-handover-nobody-explains';
export const LETTERS = 'letters-that-frighten-rather-than-inform';
// The last theme, out of view until the board is scrolled (or panned while dragging).
export const LAST = 'waiting-without-word';

export const rendered = () => vscode.commands.executeCommand<RenderedReport | undefined>('sift.board.rendered');
export const themeIds = async (id: string) => /highlights: \[(.*)\]/.exec(await read(`themes/${id}.yaml`))?.[1]?.split(', ') ?? [];
/** The CSS selector of a card in the webview. */
export const card = (id: string) => `.card[data-id="${id}"]`;

/** Waits for the board to show something that satisfies `check`; on failure says what it showed, with a screenshot. */
export const board = (what: string, check: (r: RenderedReport) => boolean, timeoutMs = 15000) => untilShown('board', rendered, what, check, timeoutMs);
