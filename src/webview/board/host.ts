/** The webview's side of the channel to the extension, typed by the protocol. */
import type { HostMessage, UiState, WebviewMessage } from '../../protocol/board';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function onMessage(handler: (message: HostMessage) => void): void {
  // Only the extension posts to this window; anything else (a stray frame) is not ours.
  window.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: unknown } | null;
    if (data && typeof data.type === 'string') handler(data as HostMessage);
  });
}

/** The state VS Code keeps for this panel across reloads; checked by the extension on `ready`. */
export function savedState(): unknown {
  return api.getState();
}

export function saveState(state: UiState): void {
  api.setState(state);
}
