/**
 * Scale benchmark of the affinity board webview (`npm run bench:board`): the built webview
 * (dist/webview) in headless Chromium, with a stand-in for VS Code in the page
 * (bench/board-host.ts) answering with the real core over a synthetic board of N cards.
 * Measures first paint, mounted card elements (at rest and while scrolling), frame times
 * while scrolling the biggest column, and the largest message each way. Prints a Markdown
 * table (`--write`: also into docs/benchmarks.md); run it rarely (it is not a test). `-- 5000` runs one size only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchStats } from './board-host';
import { hostBundle, openBoardPage } from './board-page';

const ROOT = join(__dirname, '..');

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

async function measure(n: number, host: string): Promise<Result> {
  const { browser, page } = await openBoardPage({
    host,
    cards: n,
    initScript: `
      new MutationObserver((_, observer) => {
        if (document.querySelector('.card')) {
          requestAnimationFrame(() => (window.__firstPaint = performance.now()));
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    `,
  });
  try {
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
    const stats = (await page.evaluate('window.__bench')) as BenchStats;
    if (!stats.report) throw new Error('the board never reported what it shows');
    if (stats.malformed) throw new Error(`the board sent ${stats.malformed} malformed messages`);
    return {
      cards: n,
      firstPaintMs,
      mountedAtRest,
      mountedMaxScrolling: Math.max(scrolling.maxMounted, stats.report.mountedCards),
      frameP95Ms: scrolling.p95,
      frameMaxMs: scrolling.max,
      largestToWebview: stats.largestToWebview,
      largestFromWebview: stats.largestFromWebview,
      messages: stats.messages,
    };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .filter((a) => /^\d+$/.test(a))
    .map(Number);
  const results: Result[] = [];
  const host = await hostBundle();
  for (const n of sizes.length ? sizes : [5_000, 50_000]) results.push(await measure(n, host));
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const table = [
    '| Cards | First paint | Cards mounted (at rest / most while scrolling) | Frame while scrolling, p95 / max | Largest message to / from the webview | Messages to the webview |',
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.cards.toLocaleString('en')} | ${r.firstPaintMs.toFixed(0)} ms | ${r.mountedAtRest} / ${r.mountedMaxScrolling} | ${r.frameP95Ms.toFixed(1)} ms / ${r.frameMaxMs.toFixed(1)} ms | ${kb(r.largestToWebview)} / ${kb(r.largestFromWebview)} | ${r.messages} |`,
    ),
  ].join('\n');
  console.log(table);
  if (process.argv.includes('--write')) await writeSection(table);
}

/** Puts the table into docs/benchmarks.md between the board markers (bench/run.ts keeps that section). */
async function writeSection(table: string): Promise<void> {
  const doc = join(ROOT, 'docs', 'benchmarks.md');
  const section = [
    '',
    '<!-- board:start -->',
    '## Affinity board (webview)',
    '',
    `\`npm run bench:board -- --write\` (bench/board.ts), ${new Date().toISOString().slice(0, 10)}: the built webview in headless Chromium (1440 × 900) with a stand-in host in the page (bench/board-host.ts) answering through the real core; ` +
      '60 % of the cards unsorted, the rest in 40 themes, 1,000 participants, 300 tags. First paint: from navigation to the frame after the first card is mounted (script load and toolkit start-up included). ' +
      'Scrolling: the Unsorted column jumps 1/120 of its height every frame (a stress test: each frame mounts new cards and asks for a new window). Targets: ≤ 500 cards mounted, no message over 256 KB, first paint ≤ 500 ms at 5,000 cards and ≤ 1 s at 50,000.',
    '',
    table,
    '<!-- board:end -->',
    '',
  ].join('\n');
  const text = readFileSync(doc, 'utf8');
  const marked = /\n<!-- board:start -->[\s\S]*<!-- board:end -->\n/;
  writeFileSync(doc, marked.test(text) ? text.replace(marked, section) : text + section);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
