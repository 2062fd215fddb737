/**
 * The Analysis webview in headless Chromium (the built dist/webview/analysis.js), with a
 * stand-in for VS Code in the page that answers `ready` with the messages given and records
 * what the webview sends. Run `npm run build` first.
 */
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { CELLS_PER_MESSAGE, type CellMessage, type CoverageMessage, type HostMessage, type MatrixMessage } from '../../src/protocol/analysis';
import { openView, until } from './support';

const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><a href="javascript:1">x</a>`;

const COVERAGE: CoverageMessage = {
  type: 'coverage',
  revision: 1,
  study: 'Study',
  participants: 12,
  attributes: [
    {
      attribute: 'age-band',
      values: [
        {
          value: HOSTILE,
          remainder: false,
          unit: 'share',
          target: 0.2,
          actual: 0.08,
          count: 1,
          wanted: 2,
          status: 'under',
          gap: -1,
          targetText: '20% of the sample',
          wantedText: '2 of 12',
          haveText: '1 of 12 (8%)',
          gapText: '1 short',
          adviceText: 'recruit 1 more person whose age-band is 18-34 to reach 2 of 12',
        },
      ],
    },
  ],
  summary: [{ lead: 'Not heard enough', text: `age-band ${HOSTILE}.` }],
  method: 'Targets are written as shares of the sample in research.yaml and compared in whole people, for the 12 participants counted; shares are rounded so that each attribute adds up to the sample.',
  matrixAttributes: ['age-band'],
};

/** A dense matrix: every tag used by every participant. */
function bigMatrix(rows: number, columns: number): HostMessage[] {
  const head: MatrixMessage = {
    type: 'matrix',
    revision: 1,
    kind: 'tag-participant',
    title: 'Tags by participant',
    rows: Array.from({ length: rows }, (_, r) => [`tag-${r}`, r === 0 ? HOSTILE : `Tag ${r}`]),
    columns: Array.from({ length: columns }, (_, c) => [`P${c}`, `P${c}`]),
    max: 9,
    cells: rows * columns,
    unplaced: 0,
  };
  const quads: number[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) quads.push(r, c, 1 + ((r + c) % 9), 1);
  const bands: HostMessage[] = [];
  for (let i = 0; i < quads.length; i += CELLS_PER_MESSAGE * 4) bands.push({ type: 'matrixCells', revision: 1, cells: quads.slice(i, i + CELLS_PER_MESSAGE * 4) });
  return [head, ...bands];
}

const openPage = (messages: HostMessage[]) => openView('analysis', messages, { width: 1200, height: 800 });

const sent = (page: Page) => page.evaluate('window.__sent') as Promise<{ type: string; [k: string]: unknown }[]>;

describe('analysis webview (headless Chromium)', function () {
  let browser: Browser | undefined;
  afterEach(async () => browser?.close());

  // What keeps it fast is asserted (a few hundred of 150,000 cells in the page, the far corner mounted on scroll);
  // times are the benchmark's: a wall clock in a shared machine's browser is no test.
  it('stays light on 300 tags × 500 participants: a few hundred cells mounted, the far corner mounted on scroll', async () => {
    const opened = await openPage([COVERAGE, ...bigMatrix(300, 500)]);
    browser = opened.browser;
    const page = opened.page;
    await page.locator('.tab[data-tab="matrices"]').click();
    await page.locator('.cell[data-row="0"][data-col="0"]').waitFor();
    const mounted = await page.locator('.cell').count();
    assert.ok(mounted > 50 && mounted < 3000, `${mounted} of 150,000 cells mounted`);
    // Scroll to the far corner: the cells there mount, the first ones go.
    await page.evaluate(`(() => {
      const body = document.querySelector('.cells');
      body.scrollTop = body.scrollHeight;
      body.scrollLeft = body.scrollWidth;
    })()`);
    await page.locator('.cell[data-row="299"][data-col="499"]').waitFor();
    assert.equal(await page.locator('.cell[data-row="0"][data-col="0"]').count(), 0);
    assert.ok((await page.locator('.cell').count()) < 3000);
    // The headers moved with the scroll and still read right.
    assert.equal(await page.locator('.row-head[data-row="299"]').textContent(), 'Tag 299');
  });

  it('asks for the quotes of the clicked cell and lists them as text, with the participant', async () => {
    const opened = await openPage([COVERAGE, ...bigMatrix(3, 4)]);
    browser = opened.browser;
    const page = opened.page;
    await page.locator('.tab[data-tab="matrices"]').click();
    await page.locator('.cell[data-row="1"][data-col="2"]').click();
    const ask = (await sent(page)).find((m) => m.type === 'openCell');
    assert.deepEqual(ask, { type: 'openCell', revision: 1, row: 1, column: 2 });
    const cell: CellMessage = {
      type: 'cell',
      revision: 1,
      row: 1,
      column: 2,
      title: 'Tag 1 × P2',
      strength: '2 highlights from 1 participant in 1 transcript',
      quotes: [
        { id: 'h-1', quote: HOSTILE, participant: 'P2', source: 't/p2.md', quotable: true },
        { id: 'h-2', quote: 'Quiet words', participant: 'P2', source: 't/p2.md', quotable: false },
      ],
      more: 0,
    };
    await page.evaluate((m) => window.postMessage(m, '*'), cell);
    await page.locator('.quote[data-id="h-2"]').waitFor();
    assert.equal(await page.locator('.quote[data-id="h-1"] .quote-text').textContent(), HOSTILE);
    assert.match((await page.locator('.quote[data-id="h-2"]').textContent()) ?? '', /P2 · t\/p2\.md\s*not for reports \(consent\)/);
    assert.equal(await page.locator('.cell.selected').getAttribute('data-col'), '2');
    await page.locator('.quote[data-id="h-1"]').click();
    assert.ok((await sent(page)).some((m) => m.type === 'reveal' && m.id === 'h-1'));
    // Study text is text everywhere: coverage values, the summary, tag names, quotes.
    assert.equal(await page.locator('#root img, #root script, #root a, #root iframe').count(), 0);
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    // The keyboard path: arrows from the open cell, Enter asks for that cell.
    await page.locator('.cells').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.locator('.cursor').isVisible(), true);
    await page.keyboard.press('Enter');
    assert.deepEqual((await sent(page)).filter((m) => m.type === 'openCell').at(-1), { type: 'openCell', revision: 1, row: 0, column: 1 });
    // The answer for the earlier cell is still the one shown until the new one comes (the page reports what it shows after it drew it).
    const shown = { row: 'tag-1', column: 'P2', quotes: ['h-1', 'h-2'] };
    const lastReport = async () => ((await sent(page)).filter((m) => m.type === 'rendered').at(-1) as { report: { cell?: unknown } } | undefined)?.report.cell;
    await until('the report of the cell shown', async () => JSON.stringify(await lastReport()) === JSON.stringify(shown));
    assert.deepEqual(await lastReport(), shown);
  });

  it('without targets shows how to add them', async () => {
    const opened = await openPage([{ ...COVERAGE, attributes: [], summary: [{ lead: '', text: 'No sampling targets are set.' }], example: 'sampling:\n  age-band: {18-34: 0.33}' }]);
    browser = opened.browser;
    const page = opened.page;
    assert.equal(await page.locator('.snippet').textContent(), 'sampling:\n  age-band: {18-34: 0.33}');
    assert.match((await page.locator('.callout-title').textContent()) ?? '', /No sampling targets yet/);
  });
});
