/**
 * Typing into VS Code's own UI (quick picks, input boxes) and dragging in it from a test: the
 * harness sends real key presses and mouse drags through the browser when asked (see
 * scripts/harness/lib/mode-test.mjs).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const DONE = path.join(__dirname, '..', '..', 'test', '.artifacts', 'keys-done');
let sent = 0;

async function request(line: string): Promise<void> {
  const n = ++sent;
  console.log(line);
  const end = Date.now() + 15000;
  for (;;) {
    const done = existsSync(DONE) ? readFileSync(DONE, 'utf8').split('\n') : [];
    if (done.includes(String(n))) return;
    if (done.includes(`${n}!`)) throw new Error(`the harness could not do it (its output says why): ${line}`);
    if (Date.now() > end) throw new Error(`the harness did not send: ${line}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Types text into whatever has the focus. */
export const typeText = (text: string) => request(`sift-keys: ${text}`);

/** Types into the next quick pick or input box once it is open, focused and empty (then press Enter). */
export const answer = (text: string) => request(`sift-answer: ${text}`);

/** Waits until a quick pick is drawn with the keyboard in it and its active row shows `text` (Enter would take that row). */
export const untilPicking = (text: string) => request(`sift-pick: ${text}`);

/** Presses one key (Playwright names: Enter, Escape, ArrowDown …). */
export const press = (key: string) => request(`sift-press: ${key}`);

/** An element of the workbench: the first visible match of a CSS selector containing some text. */
export interface UiTarget {
  css: string;
  text: string;
}

/** Drags one element onto another with the real mouse (native drag and drop, as a researcher would). */
export const drag = (from: UiTarget, to: UiTarget) => request(`sift-drag: ${JSON.stringify({ from, to })}`);

/** Drags with the real mouse (pointer events, in small steps) between elements matching CSS selectors in any frame: webviews. */
export const dragInWebview = (from: string, to: string) => request(`sift-mouse: drag ${from} -> ${to}`);

/**
 * Drags with the real mouse to an element scrolled out of the webview's view: holds the card at the
 * webview's edge towards it until the webview has panned it into view, then drops it there.
 */
export const reachInWebview = (from: string, to: string) => request(`sift-mouse: reach ${from} -> ${to}`);

/** Clicks the element matching a CSS selector (in any frame). */
export const clickInWebview = (at: string) => request(`sift-mouse: click ${at}`);

/**
 * Posts messages to the extension from inside the webview frame showing `selector`, exactly as the
 * webview's script would (a hostile or broken webview): for the malformed-message tests.
 */
export async function postFromWebview(selector: string, messages: unknown[]): Promise<void> {
  const file = path.join(path.dirname(DONE), `webview-post-${sent + 1}.json`); // the console drops long lines
  writeFileSync(file, JSON.stringify(messages));
  await request(`sift-webview-post: ${selector} ${file}`);
}
