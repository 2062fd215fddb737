/**
 * The built board webview in headless Chromium with the stand-in host (bench/board-host.ts):
 * shared by the board benchmark and the webview tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { BoardJson } from './board-host';
// The harness's browser lookup (CHROME_PATH, SIFT_CHROMIUM, or chromium on PATH).
// @ts-expect-error: a plain .mjs module without types
import { findBrowser } from '../scripts/harness/lib/paths.mjs';

const ROOT = join(__dirname, '..');

export function browserPath(): string {
  const browser = findBrowser() as string | undefined;
  if (!browser) throw new Error('No Chromium found: install the Debian package chromium (npm run setup) or set CHROME_PATH.');
  return browser;
}

/** The stand-in host, bundled for the page. */
export async function hostBundle(): Promise<string> {
  // The stand-in host reads the webview's `rendered` reports: the test build's instrumentation (src/protocol/test-build.ts).
  const out = await build({ entryPoints: [join(ROOT, 'bench/board-host.ts')], define: { SIFT_TEST: 'true' }, bundle: true, platform: 'browser', format: 'iife', target: 'chrome120', write: false, logLevel: 'warning' });
  return out.outputFiles[0]!.text;
}

export interface BoardPageOptions {
  host: string;
  /** A synthetic board of this many cards … */
  cards?: number;
  /** … or this one. */
  board?: BoardJson;
  /** Runs in the page before anything else (as text: tsx's helpers do not exist there). */
  initScript?: string;
}

export async function openBoardPage(options: BoardPageOptions): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: browserPath(), headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  if (options.board) await page.addInitScript(`window.__board = ${JSON.stringify(options.board)};`);
  if (options.initScript) await page.addInitScript(options.initScript);
  const files: Record<string, [string | Buffer, string]> = {
    '/host.js': [options.host, 'text/javascript'],
    '/board.js': [readFileSync(join(ROOT, 'dist/webview/board.js')), 'text/javascript'],
    '/board.css': [readFileSync(join(ROOT, 'dist/webview/board.css')), 'text/css'],
  };
  await page.route('http://board.test/**', (route) => {
    const file = files[new URL(route.request().url()).pathname];
    if (file) return route.fulfill({ body: file[0], contentType: file[1] });
    return route.fulfill({
      contentType: 'text/html',
      body: '<!DOCTYPE html><html><head><link rel="stylesheet" href="/board.css"></head><body><div id="root"></div><script src="/host.js"></script><script src="/board.js"></script></body></html>',
    });
  });
  await page.goto(`http://board.test/#${options.cards ?? 0}`);
  return { browser, page };
}
