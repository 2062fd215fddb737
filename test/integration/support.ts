/**
 * What the integration tests share: the example study's workspace folder, the extension's
 * API, and waiting for the extension to react (it does so asynchronously, on file events).
 */
import * as assert from 'node:assert/strict';
import { existsSync, promises as fsp, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SiftTestApi } from '../../src/extension/extension';

export const P01 = 'transcripts/interviews/p01.md';
export const P01_HIGHLIGHTS = 'highlights/transcripts/interviews/p01.md.yaml';

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
}

export const file = (rel: string) => path.join(root().fsPath, rel);
export const read = (rel: string) => fsp.readFile(file(rel), 'utf8');

export async function api(): Promise<SiftTestApi> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'sift');
  assert.ok(ext, 'the Sift extension is installed');
  const exports = (await ext.activate()) as SiftTestApi;
  await exports.ready;
  return exports;
}

/** Polls until `check` holds (the extension reacts to file events asynchronously). */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function openTranscript(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), rel));
  return vscode.window.showTextDocument(doc);
}

export function select(editor: vscode.TextEditor, words: string): vscode.Selection {
  const text = editor.document.getText();
  const at = text.indexOf(words);
  assert.ok(at >= 0, `"${words}" is in the transcript`);
  const sel = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + words.length));
  editor.selection = sel;
  return sel;
}

/** A sentence of P01's answers that no highlight's quote touches yet. */
export function firstUntaggedSentence(text: string, highlightsYaml: string, speaker = 'P01'): string {
  for (const m of text.matchAll(new RegExp(`^${speaker}: (.*)$`, 'gm'))) {
    for (const sentence of m[1]!.split(/(?<=[.?!]) /)) {
      if (sentence.length > 15 && /^[\w ,']+[.?!]$/.test(sentence) && !highlightsYaml.includes(sentence.slice(0, 12))) return sentence;
    }
  }
  throw new Error('no sentence found');
}

const SHOTS = path.join(__dirname, '..', '..', 'test', '.artifacts', 'screenshots');

/** Asks the harness for a picture of the whole window (test/.artifacts/screenshots/NAME.png) and waits for it. */
export async function screenshot(name: string): Promise<string> {
  const shot = path.join(SHOTS, `${name}.png`);
  rmSync(shot, { force: true });
  console.log(`sift-screenshot: ${name}`);
  return until(`the screenshot ${name}`, () => existsSync(shot) && statSync(shot).size > 0 && shot, 20000);
}

/** The two themes every screenshot is taken in. */
export const THEMES = [
  ['Default Light Modern', 'light'],
  ['Default Dark Modern', 'dark'],
] as const;

/**
 * Switches the workbench's theme and waits until VS Code has applied it: the setting is written
 * at once, the theme a moment later, and a screenshot taken in between (a view already drawn, so
 * nothing else to wait for) showed the old theme under the new one's name.
 */
export async function useColorTheme(theme: string): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
  const wantDark = /dark/i.test(theme);
  await until(`the ${theme} theme applied`, () => {
    const kind = vscode.window.activeColorTheme.kind;
    return (kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast) === wantDark;
  });
}

/**
 * Waits until a webview panel reports showing something that satisfies `check` (its test
 * command returns what the webview last reported). On failure the error says what it last
 * showed, and a screenshot `<panel>-failure` is saved.
 */
export async function untilShown<R>(panel: string, report: () => Thenable<R | undefined>, what: string, check: (r: R) => boolean, timeoutMs = 15000): Promise<R> {
  let last: R | undefined;
  try {
    return await until(
      what,
      async () => {
        last = await report();
        return last && check(last) ? last : undefined;
      },
      timeoutMs,
    );
  } catch (e) {
    await screenshot(`${panel}-failure`).catch(() => undefined);
    throw new Error(`${(e as Error).message}; the ${panel} last showed ${JSON.stringify(last)}`);
  }
}

/**
 * For a fault test: the workbench errors it causes on purpose (lines matching `pattern`, e.g. the
 * EPERM of a file it made unwritable) are expected while its suite runs. The harness keeps them
 * out of the run's output (in the log, counted in one line saying `why`), so a green run does not
 * look broken. Call inside a describe().
 */
export function expectWorkbenchErrors(pattern: RegExp, why: string): void {
  before(() => console.log(`sift-expect: ${JSON.stringify({ pattern: pattern.source, why })}`));
  after(() => console.log(`sift-expect-end: ${pattern.source}`));
}

/** Every file of the study (but .sift/), as bytes: to compare a study before and after a change and its undo. */
export async function studyFiles(): Promise<Map<string, Buffer>> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(root(), '**/*'), '.sift/**');
  const out = new Map<string, Buffer>();
  for (const uri of found.sort((a, b) => a.path.localeCompare(b.path))) out.set(vscode.workspace.asRelativePath(uri, false), await fsp.readFile(uri.fsPath));
  return out;
}

/** The files that differ between two snapshots of the study (changed, added or removed). */
export const differing = (a: Map<string, Buffer>, b: Map<string, Buffer>) => [...new Set([...a.keys(), ...b.keys()])].filter((k) => !a.get(k)?.equals(b.get(k) ?? Buffer.alloc(0)) || a.has(k) !== b.has(k));

/** Waits until every file of the study is byte for byte as `before`. */
export const untilAsBefore = (before: Map<string, Buffer>) => until('every file as before', async () => differing(before, await studyFiles()).length === 0, 15000);
