/** A webview's end of its channel to the extension, typed by the view's contract in src/protocol/. */

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel<In, Out, State> {
  post(message: Out): void;
  onMessage(handler: (message: In) => void): void;
  /** The state VS Code keeps for this panel across reloads; the extension checks it on `ready`. */
  savedState(): unknown;
  saveState(state: State): void;
}

let api: VsCodeApi | undefined;

/** The channel; acquireVsCodeApi may be called once per page, so every caller shares it. */
export function hostChannel<In extends { type: string }, Out, State = unknown>(): HostChannel<In, Out, State> {
  api ??= acquireVsCodeApi();
  const vscode = api;
  return {
    post: (message) => vscode.postMessage(message),
    onMessage: (handler) =>
      // Only the extension posts to this window; anything else (a stray frame) is not ours.
      window.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { type?: unknown } | null;
        if (data && typeof data.type === 'string') handler(data as In);
      }),
    savedState: () => vscode.getState(),
    saveState: (state) => vscode.setState(state),
  };
}
