/** What the webview tests share. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { browserPath } from '../../bench/board-page';

const ROOT = join(__dirname, '..', '..');

/** Polls until `check` holds (the page reacts to messages asynchronously). */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> {
  const end = Date.now() + 10000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Opens a Sift webview page (dist/webview/<view>.{js,css}, built by scripts/build.mjs) in
 * headless Chromium, with a stand-in for VS Code: it records what the page posts in
 * `window.__sent`, answers `ready` with `answers` in order and keeps the page's saved state
 * in `window.__state`.
 */
export async function openView(view: string, answers: unknown[], viewport = { width: 1200, height: 900 }): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: browserPath(), headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.addInitScript(`
    window.__sent = [];
    window.acquireVsCodeApi = () => ({
      postMessage(m) {
        window.__sent.push(m);
        if (m.type === 'ready') setTimeout(() => { for (const a of ${JSON.stringify(answers)}) window.postMessage(a, '*'); }, 0);
      },
      getState() { return undefined; },
      setState(s) { window.__state = s; },
    });`);
  const asset = (ext: string) => readFileSync(join(ROOT, `dist/webview/${view}.${ext}`));
  await page.route(`http://${view}.test/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === `/${view}.js`) return route.fulfill({ body: asset('js'), contentType: 'text/javascript' });
    if (path === `/${view}.css`) return route.fulfill({ body: asset('css'), contentType: 'text/css' });
    return route.fulfill({ contentType: 'text/html', body: `<!DOCTYPE html><html><head><link rel="stylesheet" href="/${view}.css"></head><body><div id="root"></div><script src="/${view}.js"></script></body></html>` });
  });
  await page.goto(`http://${view}.test/`);
  return { browser, page };
}
