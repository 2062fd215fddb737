/**
 * Scale benchmark of the affinity board webview (`npm run bench:board`): the built webview
 * (dist/webview) in headless Chromium, with a stand-in for VS Code that answers the board's
 * messages with the real core (snapshotOf / cardWindow) over a synthetic board of N cards.
 * Measures first paint, mounted card elements (at rest and while scrolling), frame times
 * while scrolling the biggest column, and the largest message each way. Prints a Markdown
 * table; run it rarely (it is not a test). `-- 5000` runs one size only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Board, BoardCard, BoardColumn } from '../src/core/board/board';
import { cardWindow, snapshotOf } from '../src/core/board/messages';
import { messageBytes, parseWebviewMessage, type HostMessage, type RenderedReport } from '../src/protocol/board';
// The harness's browser lookup (CHROME_PATH, SIFT_CHROMIUM, or chromium on PATH).
// @ts-expect-error: a plain .mjs module without types
import { findBrowser } from '../scripts/harness/lib/paths.mjs';

const ROOT = join(__dirname, '..');
const WORDS = 'waiting letter council stairs rails phone pension claim assessment family money form date nobody rang weeks bath shower ramp grab'.split(' ');

/** N cards: 60 % unsorted, the rest spread over 40 themes; quotes of 12–45 words. */
function syntheticBoard(n: number): Board {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const cards = new Map<string, BoardCard>();
  for (let i = 0; i < n; i++) {
    const id = `h-${i.toString(32).padStart(8, '0')}`;
    const words = Array.from({ length: 12 + Math.floor(random() * 34) }, () => WORDS[Math.floor(random() * WORDS.length)]!);
    cards.set(id, {
      id,
      quote: words.join(' '),
      ...(random() < 0.5 ? { note: 'A memo about this quote and why it matters.' } : {}),
      source: `transcripts/p${i % 1000}.md`,
      participant: `P${i % 1000}`,
      attributes: { 'age-band': ['18-34', '35-64', '65+'][i % 3]!, channel: ['phone', 'online'][i % 2]! },
      tags: Array.from({ length: 1 + (i % 4) }, (_, k) => `tag-${(i + k * 7) % 300}`),
      anchored: true,
    });
  }
  const ids = [...cards.keys()];
  const unsorted = ids.slice(0, Math.floor(n * 0.6));
  const columns: BoardColumn[] = [{ key: '', kind: 'unsorted', title: 'Unsorted', cards: unsorted, total: unsorted.length, participants: Math.min(1000, unsorted.length) }];
  const rest = ids.slice(unsorted.length);
  for (let t = 0; t < 40; t++) {
    const mine = rest.filter((_, i) => i % 40 === t);
    columns.push({ key: `theme-${t}`, kind: 'theme', title: `Theme number ${t + 1}`, summary: 'What these cards say, in a sentence or two.', cards: mine, total: mine.length, participants: Math.min(1000, mine.length) });
  }
  const tags = Array.from({ length: 300 }, (_, i) => ({ id: `tag-${i}`, label: `Tag ${i}`, color: `#${((i * 2654435761) % 0xffffff).toString(16).padStart(6, '0')}` }));
  return { cards, tags, columns, attributes: ['age-band', 'channel'], participants: Array.from({ length: 1000 }, (_, i) => `P${i}`) };
}

interface Result {
  cards: number;
  firstPaintMs: number;
  mountedAtRest: number;
  mountedMaxScrolling: number;
  frameP95Ms: number;
  frameMaxMs: number;
  largestToWebview: number;
  largestFromWebview: number;
  messages: number;
}

async function measure(n: number, executablePath: string): Promise<Result> {
  const board = syntheticBoard(n);
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.error(`page: ${m.text()}`));
    let largestTo = 0;
    let largestFrom = 0;
    let messages = 0;
    let report: RenderedReport | undefined;
    const send = async (m: HostMessage) => {
      largestTo = Math.max(largestTo, messageBytes(m));
      messages++;
      await page.evaluate(`window.postMessage(${JSON.stringify(m)}, '*')`);
    };
    await page.exposeFunction('__toHost', async (raw: unknown) => {
      largestFrom = Math.max(largestFrom, messageBytes(raw));
      const m = parseWebviewMessage(raw);
      if (!m) throw new Error(`malformed message ${JSON.stringify(raw).slice(0, 200)}`);
      if (m.type === 'ready') await send(snapshotOf(board, 1, { groupBy: { kind: 'theme' }, filter: {} }, true));
      else if (m.type === 'requestCards') await send(cardWindow(board, 1, m.column, m.start, m.count));
      else if (m.type === 'rendered') report = m.report;
    });
    // Scripts for the page go as text: tsx's transform would add helpers (__name) the page lacks.
    await page.addInitScript(`
      let state;
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__toHost(m), getState: () => state, setState: (s) => (state = s) });
      new MutationObserver((_, observer) => {
        if (document.querySelector('.card')) {
          requestAnimationFrame(() => (window.__firstPaint = performance.now()));
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    `);
    const files: Record<string, [string, string]> = { '/board.js': ['dist/webview/board.js', 'text/javascript'], '/board.css': ['dist/webview/board.css', 'text/css'] };
    await page.route('http://board.test/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = files[path];
      if (file) return route.fulfill({ body: readFileSync(join(ROOT, file[0])), contentType: file[1] });
      return route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><html><head><link rel="stylesheet" href="/board.css"></head><body><div id="root"></div><script src="/board.js"></script></body></html>' });
    });
    await page.goto('http://board.test/');
    await page.waitForFunction('window.__firstPaint !== undefined', undefined, { timeout: 30_000 });
    const firstPaintMs = (await page.evaluate('window.__firstPaint')) as number;
    await page.waitForTimeout(300);
    const mountedAtRest = (await page.evaluate("document.querySelectorAll('.card').length")) as number;

    // Scroll the Unsorted column from top to bottom in 120 frames, recording frame times and mounted cards.
    const scrolling = (await page.evaluate(`(async () => {
      const body = document.querySelector('.column.unsorted .cards');
      const frames = [];
      let maxMounted = 0;
      let last = performance.now();
      for (let i = 1; i <= 120; i++) {
        body.scrollTop = (body.scrollHeight * i) / 120;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        frames.push(now - last);
        last = now;
        maxMounted = Math.max(maxMounted, document.querySelectorAll('.card').length);
      }
      frames.sort((a, b) => a - b);
      return { p95: frames[Math.floor(frames.length * 0.95)], max: frames[frames.length - 1], maxMounted };
    })()`)) as { p95: number; max: number; maxMounted: number };
    await page.waitForTimeout(300);
    if (!report) throw new Error('the board never reported what it shows');
    return { cards: n, firstPaintMs, mountedAtRest, mountedMaxScrolling: Math.max(scrolling.maxMounted, report.mountedCards), frameP95Ms: scrolling.p95, frameMaxMs: scrolling.max, largestToWebview: largestTo, largestFromWebview: largestFrom, messages };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const browser = findBrowser() as string | undefined;
  if (!browser) throw new Error('No Chromium found: install the Debian package chromium (npm run setup) or set CHROME_PATH.');
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  const results: Result[] = [];
  for (const n of sizes.length ? sizes : [5_000, 50_000]) results.push(await measure(n, browser));
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  console.log('| Cards | First paint | Cards mounted (rest / max scrolling) | Frame while scrolling p95 / max | Largest message to / from webview | Messages to webview |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(`| ${r.cards.toLocaleString('en')} | ${r.firstPaintMs.toFixed(0)} ms | ${r.mountedAtRest} / ${r.mountedMaxScrolling} | ${r.frameP95Ms.toFixed(1)} ms / ${r.frameMaxMs.toFixed(1)} ms | ${kb(r.largestToWebview)} / ${kb(r.largestFromWebview)} | ${r.messages} |`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
