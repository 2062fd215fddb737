/**
 * What every Sift webview panel shares: the page (our bundle and stylesheet only, scripts
 * with this load's nonce only), the panel options, and a channel that checks each incoming
 * message against the view's contract (src/protocol/) and keeps each outgoing one under the
 * size limit. A view is `src/webview/<entry>/main.ts` with `media/<entry>.css`; the build
 * bundles both to `dist/webview/<entry>.{js,css}`.
 */
import * as vscode from 'vscode';
import { MAX_MESSAGE_BYTES, messageBytes } from '../protocol/validate';
import type { SiftContext } from './context';

export function webviewOptions(sift: SiftContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(sift.extension.extensionUri, 'dist', 'webview')] };
}

/** The page for a view: nothing but its bundle and stylesheet may load, and only scripts with this load's nonce run. */
export function webviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, entry: string, title: string): string {
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name));
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  const nonce = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; font-src ${webview.cspSource}; img-src ${webview.cspSource} data:; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset(`${entry}.css`).toString()}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${asset(`${entry}.js`).toString()}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The extension's end of a webview's messages. Incoming ones are parsed by the view's
 * contract; a malformed one is logged and dropped, a failing handler is logged. Outgoing
 * ones over MAX_MESSAGE_BYTES are logged and not sent.
 */
export class WebviewChannel<In extends { type: string }, Out extends { type: string }> implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly sift: SiftContext,
    /** For the log: "Affinity board", "Journey" … */
    private readonly name: string,
    parse: (value: unknown) => In | undefined,
    handle: (message: In) => Promise<void> | void,
  ) {
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => {
      const message = parse(raw);
      if (!message) return void sift.log.warn(`${name}: ignored a malformed message: ${JSON.stringify(raw)?.slice(0, 200)}`);
      Promise.resolve()
        .then(() => handle(message))
        .catch((e: unknown) => sift.log.error(`${name}: ${message.type} failed: ${(e as Error).stack ?? e}`));
    });
  }

  post(message: Out): void {
    const bytes = messageBytes(message);
    if (bytes > MAX_MESSAGE_BYTES) this.sift.log.error(`${this.name}: a ${message.type} message of ${bytes} bytes is over the limit; not sent.`);
    else void this.webview.postMessage(message);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** What a panel shows: its bundle, its name in the log, its page title, and its contract's parser. */
export interface PanelView<In> {
  entry: string;
  name: string;
  title: string;
  parse: (value: unknown) => In | undefined;
}

/**
 * A Sift webview panel: its page and channel, and when it may send. The page says `ready`
 * when it has loaded; from then on the panel sends what it shows again whenever a workspace
 * it follows reloads or the folder becomes trusted. A hidden panel's page is discarded
 * (retainContextWhenHidden is off), so nothing is sent to it and what it reported showing is
 * forgotten; shown again, the new page says `ready` and gets everything.
 */
export abstract class SiftPanel<In extends { type: string }, Out extends { type: string }, Rendered = unknown> {
  /**
   * The webview's last report of what it shows, in the test build only (SIFT_TEST): declared, so
   * the product's class has no such field, and set only in `if (SIFT_TEST)` branches the product drops.
   */
  declare rendered: Rendered | undefined;
  protected ready = false;
  protected readonly disposables: vscode.Disposable[] = [];
  private readonly channel: WebviewChannel<In, Out>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly sift: SiftContext,
    view: PanelView<In>,
  ) {
    panel.iconPath = vscode.Uri.joinPath(sift.extension.extensionUri, 'media', 'sift.svg');
    panel.webview.html = webviewPage(panel.webview, sift.extension.extensionUri, view.entry, view.title);
    this.channel = new WebviewChannel(panel.webview, sift, view.name, view.parse, (m) => this.handle(m));
    this.disposables.push(this.channel);
    vscode.workspace.onDidGrantWorkspaceTrust(() => this.ready && this.refresh(), undefined, this.disposables);
    panel.onDidChangeViewState(
      () => {
        if (panel.visible) return;
        this.ready = false;
        if (SIFT_TEST) this.rendered = undefined;
      },
      undefined,
      this.disposables,
    );
    panel.onDidDispose(() => this.disposables.forEach((d) => d.dispose()), undefined, this.disposables);
  }

  /** Refreshes the panel whenever this workspace reloads (until the returned subscription is disposed). */
  protected follow(model: { onDidChange: vscode.Event<unknown> }): vscode.Disposable {
    return model.onDidChange(() => this.ready && this.refresh(), undefined, this.disposables);
  }

  protected post(message: Out): void {
    this.channel.post(message);
  }

  /** Handles a message the contract accepted. */
  protected abstract handle(message: In): Promise<void> | void;
  /** Sends what the panel shows again (the files or the trust changed). */
  protected abstract refresh(): void;
}

/**
 * The open panels of one kind. A closed panel is forgotten; the most recently active comes
 * last, so `latest()` is the one the researcher last looked at (and the one tests read).
 */
export class PanelSet<P extends { readonly panel: vscode.WebviewPanel }> implements vscode.Disposable {
  private readonly open = new Set<P>();

  add(view: P): P {
    this.open.add(view);
    view.panel.onDidChangeViewState(() => view.panel.active && this.open.has(view) && (this.open.delete(view), this.open.add(view)));
    view.panel.onDidDispose(() => this.open.delete(view));
    return view;
  }

  find(test: (view: P) => boolean): P | undefined {
    return [...this.open].find(test);
  }

  latest(test: (view: P) => boolean = () => true): P | undefined {
    return [...this.open].filter(test).at(-1);
  }

  dispose(): void {
    [...this.open].forEach((view) => view.panel.dispose());
  }
}
