/**
 * The board webview in headless Chromium (the built dist/webview/board.js), with a stand-in
 * for VS Code in the page that answers through the real core and records the intents the
 * webview sends (bench/board-host.ts). Run `npm run build` first.
 */
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { BenchStats, BoardJson } from '../../bench/board-host';
import { hostBundle, openBoardPage } from '../../bench/board-page';
import type { BoardCard } from '../../src/core/board/board';
import { sheetComments } from '../support/comment-sheet';
import { until } from './support';

const HOSTILE = `<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script><a href="javascript:window.__pwned=3">here</a>`;

function card(id: string, quote: string, tags: string[] = ['waiting']): BoardCard {
  return { id, quote, source: 'transcripts/p01.md', participant: 'P01', attributes: { 'age-band': '65+' }, tags, anchored: true };
}

const SMALL: BoardJson = {
  cards: [card('h-a', 'First quote'), card('h-b', 'Second quote'), card('h-c', 'Third quote'), card('h-x', HOSTILE, ['evil']), card('h-t', 'In a theme')],
  columns: [
    { key: '', kind: 'unsorted', title: 'Unsorted', cards: ['h-a', 'h-b', 'h-c', 'h-x'], total: 4, participants: 1 },
    { key: 'waiting', kind: 'theme', title: HOSTILE, cards: ['h-t'], total: 1, participants: 1 },
  ],
  tags: [
    { id: 'waiting', label: 'Waiting', color: '#d9534f' },
    { id: 'evil', label: HOSTILE, color: 'red; background: url(javascript:1)' },
  ],
};

const stats = (page: Page) => page.evaluate('window.__bench') as Promise<BenchStats>;

describe('board webview (headless Chromium)', function () {
  let host: string;
  let browser: Browser | undefined;
  before(async () => (host = await hostBundle()));
  afterEach(async () => browser?.close());

  it('renders study text only as text: no element, handler or link comes from it', async () => {
    const opened = await openBoardPage({ host, board: SMALL });
    browser = opened.browser;
    const page = opened.page;
    await page.locator('.card[data-id="h-x"]').waitFor();
    assert.equal(await page.locator('#root img, #root script, #root a, #root iframe').count(), 0);
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    assert.equal(await page.locator('.card[data-id="h-x"] .quote').textContent(), HOSTILE);
    assert.equal(await page.locator('.card[data-id="h-x"] .tag').textContent(), HOSTILE);
    assert.equal(await page.locator('.column.theme .column-title').textContent(), HOSTILE);
    // A colour that is not #rrggbb is not used at all.
    assert.equal(await page.locator('.card[data-id="h-x"] .tag').evaluate((el) => (el as HTMLElement).style.getPropertyValue('--tag')), '');
  });

  it('selects with the keyboard and asks for a theme of the selected cards in board order', async () => {
    const opened = await openBoardPage({ host, board: SMALL });
    browser = opened.browser;
    const page = opened.page;
    await page.locator('.card[data-id="h-b"]').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    assert.deepEqual(await page.locator('.card.selected').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id)), ['h-a', 'h-b']);
    assert.equal(await page.locator('.card[data-id="h-a"]').getAttribute('aria-selected'), 'true');
    await page.keyboard.press('n');
    const sent = await until('a createTheme intent', async () => (await stats(page)).received.find((m) => (m as { type: string }).type === 'createTheme'));
    assert.deepEqual(sent, { type: 'createTheme', ids: ['h-a', 'h-b'] });
  });

  it('drags two selected cards into a theme with the mouse', async () => {
    const opened = await openBoardPage({ host, board: SMALL });
    browser = opened.browser;
    const page = opened.page;
    await page.locator('.card[data-id="h-a"]').click();
    await page.locator('.card[data-id="h-c"]').click({ modifiers: ['Control'] });
    const from = (await page.locator('.card[data-id="h-c"]').boundingBox())!;
    const to = (await page.locator('.column.theme .cards').boundingBox())!;
    await page.mouse.move(from.x + 20, from.y + 20);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + 20 + ((to.x + 40 - from.x - 20) * i) / 10, from.y + 20 + ((to.y + 200 - from.y - 20) * i) / 10);
    assert.equal(await page.locator('.drag-ghost').textContent(), 'Moving 2 cards');
    await page.mouse.up();
    // The drop is posted to the host asynchronously: wait for it (at most 5 s) rather than race it.
    const movesSoFar = async () => (await stats(page)).received.filter((m) => (m as { type: string }).type === 'moveHighlights');
    for (const end = Date.now() + 5000; (await movesSoFar()).length === 0 && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(await movesSoFar(), [{ type: 'moveHighlights', ids: ['h-a', 'h-c'], from: null, to: 'waiting' }]);
    assert.equal(await page.locator('.drag-ghost').count(), 0);
  });

  it('pans a wide board while a card is held at its right edge, to the last theme, with Unsorted pinned in view', async () => {
    const themes = Array.from({ length: 7 }, (_, i) => ({ ...SMALL.columns[1]!, key: `theme-${i}`, title: `Theme ${i}`, cards: i === 0 ? ['h-t'] : [], total: i === 0 ? 1 : 0 }));
    const opened = await openBoardPage({ host, board: { ...SMALL, columns: [SMALL.columns[0]!, ...themes] } });
    browser = opened.browser;
    const page = opened.page;
    const last = page.locator('.column[data-key="theme-6"] .column-title');
    await page.locator('.card[data-id="h-b"]').waitFor();
    assert.ok((await last.boundingBox())!.x > 1440, 'the last theme starts out of view');
    const from = (await page.locator('.card[data-id="h-b"]').boundingBox())!;
    await page.mouse.move(from.x + 20, from.y + 20);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + 20 + ((1435 - from.x - 20) * i) / 10, 400);
    // Held still at the edge: the board pans until the last theme is in view.
    await until('the last theme in view', async () => (await last.boundingBox())!.x + 150 < 1440 || undefined);
    const unsorted = (await page.locator('.column.unsorted').boundingBox())!;
    assert.ok(unsorted.x >= 0 && unsorted.x < 30, `Unsorted stays pinned on the left: x = ${unsorted.x}`);
    const target = (await last.boundingBox())!;
    for (let i = 1; i <= 5; i++) await page.mouse.move(1435 + ((target.x + 60 - 1435) * i) / 5, 400 + ((target.y + 10 - 400) * i) / 5);
    await page.mouse.up();
    const moved = await until('the move', async () => (await stats(page)).received.find((m) => (m as { type: string }).type === 'moveHighlights'));
    assert.deepEqual(moved, { type: 'moveHighlights', ids: ['h-b'], from: null, to: 'theme-6' });
  });

  it('shows a card’s passage in context in a peek, as text, scrolled to it; Escape closes it, Open in Editor asks to reveal', async () => {
    const opened = await openBoardPage({ host, board: SMALL });
    browser = opened.browser;
    const page = opened.page;
    await page.locator('.card[data-id="h-a"]').click();
    const asked = await until('a context request', async () => (await stats(page)).received.find((m) => (m as { type: string }).type === 'context'));
    assert.deepEqual(asked, { type: 'context', id: 'h-a' });
    assert.ok(!(await stats(page)).received.some((m) => (m as { type: string }).type === 'reveal'), 'a click opens no editor');
    const turns = Array.from({ length: 30 }, (_, i) => ({
      speaker: i % 2 ? 'P01' : 'Interviewer',
      time: `00:0${Math.floor(i / 10)}:${String(i % 10).padStart(2, '0')}`,
      text: `Turn ${i}: ${HOSTILE} and some more words so that the turn wraps over a line or two in the peek.`,
    }));
    turns[24] = { speaker: 'P01', time: '00:02:04', text: 'Before the passage. First quote, in its words. After it.', mark: [20, 45] } as (typeof turns)[number];
    await page.evaluate((m) => window.postMessage(m, '*'), { type: 'context', context: { id: 'h-a', source: 'transcripts/p01.srt', turns } });
    await page.locator('.peek mark').waitFor();
    assert.equal(await page.locator('.peek mark').textContent(), 'First quote, in its words');
    assert.equal(await page.locator('#root img, #root script, #root a').count(), 0);
    const report = await until('the peek reported', async () => (await stats(page)).report?.peek);
    assert.deepEqual(report, { id: 'h-a', passageInView: true });
    const body = (await page.locator('.peek-body').boundingBox())!;
    const mark = (await page.locator('.peek mark').boundingBox())!;
    assert.ok(mark.y > body.y && mark.y + mark.height < body.y + body.height, 'the passage is scrolled into view');
    const board = await page.locator('.board').evaluate((e) => e.getBoundingClientRect().width);
    assert.equal(board, 1440, 'the board keeps its width');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.peek').isHidden(), true);
    await page.evaluate((m) => window.postMessage(m, '*'), { type: 'context', context: { id: 'h-a', source: 'transcripts/p01.srt', turns } });
    await page.locator('.peek vscode-button', { hasText: 'Open in Editor' }).click();
    const reveal = await until('a reveal', async () => (await stats(page)).received.find((m) => (m as { type: string }).type === 'reveal'));
    assert.deepEqual(reveal, { type: 'reveal', id: 'h-a' });
    assert.equal(await page.locator('.peek').isHidden(), true);
  });

  it('expands a clamped quote with E or its button, and clamps it again', async () => {
    const long = 'A very long quote that goes on and on about waiting for the rails to be fitted, ringing the council every Monday, and hearing nothing back for weeks and weeks, which is the worst part of it all. '.repeat(2);
    const opened = await openBoardPage({ host, board: { ...SMALL, cards: SMALL.cards.map((c) => (c.id === 'h-a' ? { ...c, quote: long } : c)) } });
    browser = opened.browser;
    const page = opened.page;
    const a = page.locator('.card[data-id="h-a"]');
    const clamped = (await a.boundingBox())!.height;
    await a.click();
    await page.keyboard.press('e');
    assert.equal(await a.getAttribute('aria-expanded'), 'true');
    assert.ok((await a.boundingBox())!.height > clamped + 20, 'the whole quote shows');
    await page.locator('.card[data-id="h-a"] .more').click();
    assert.equal(await a.getAttribute('aria-expanded'), 'false');
    assert.equal((await a.boundingBox())!.height, clamped);
  });

  it('keeps a theme column’s actions on one line at the default column width', async () => {
    // A short title, and one too long for the column (which must not widen it).
    const titled = (key: string, title: string) => ({ ...SMALL.columns[1]!, key, title });
    const columns = [SMALL.columns[0]!, titled('short', 'A handover nobody explains'), titled('long', 'Letters that frighten rather than inform, and then some more')];
    const opened = await openBoardPage({ host, board: { ...SMALL, columns } });
    browser = opened.browser;
    const page = opened.page;
    await page.locator('.column.theme .column-actions vscode-button').first().waitFor();
    for (const key of ['short', 'long']) {
      const column = page.locator(`.column[data-key="${key}"]`);
      const width = (await column.boundingBox())!.width;
      assert.ok(width <= 302, `the ${key}-titled column has the default width (300 and its border): ${width}`);
      const boxes = await column.locator('.column-actions vscode-button').evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { label: e.textContent, top: Math.round(r.top), right: r.right };
        }),
      );
      const inner = await column.evaluate((e) => e.getBoundingClientRect().right - 1);
      assert.ok(boxes.length >= 5, `${boxes.length} actions`);
      assert.deepEqual(new Set(boxes.map((b) => b.top)).size, 1, `on one line: ${JSON.stringify(boxes)}`);
      assert.ok(
        boxes.every((b) => b.right <= inner),
        `none runs past the column (${inner}): ${JSON.stringify(boxes)}`,
      );
    }
  });

  it('asks for another grouping and for a text filter', async () => {
    const opened = await openBoardPage({ host, board: SMALL });
    browser = opened.browser;
    const page = opened.page;
    await page.locator('.card').first().waitFor();
    await page.locator('vscode-dropdown[aria-label="Group cards by"]').click();
    await page.locator('vscode-option', { hasText: 'Group by tag' }).click();
    await page.locator('vscode-text-field.search input').fill('letters');
    const views = await until('two view intents', async () => {
      const v = (await stats(page)).received.filter((m) => (m as { type: string }).type === 'view');
      return v.length >= 2 && v;
    });
    assert.deepEqual(views[0], { type: 'view', groupBy: { kind: 'tag' }, filter: {} });
    assert.deepEqual(views.at(-1), { type: 'view', groupBy: { kind: 'tag' }, filter: { text: 'letters' } });
  });

  it('filters by a participant attribute', async () => {
    const opened = await openBoardPage({ host, cards: 300 });
    browser = opened.browser;
    const page = opened.page;
    await page.locator('.card').first().waitFor();
    await page.locator('vscode-dropdown[aria-label="Show cards from participants with"]').click();
    await page.locator('vscode-option', { hasText: 'age-band: 65+' }).click();
    const view = await until('a view intent', async () => (await stats(page)).received.find((m) => (m as { type: string }).type === 'view'));
    assert.deepEqual(view, { type: 'view', groupBy: { kind: 'theme' }, filter: { attributes: { 'age-band': ['65+'] } } });
  });

  it('keeps at most a few dozen cards mounted on a 50,000-card board, and messages small', async () => {
    const opened = await openBoardPage({ host, cards: 50_000 });
    browser = opened.browser;
    const page = opened.page;
    await page.locator('.card').first().waitFor();
    await page.locator('.column.unsorted .cards').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.waitForTimeout(300);
    const mounted = await page.locator('.card').count();
    assert.ok(mounted > 10 && mounted <= 500, `${mounted} cards mounted`);
    const s = await stats(page);
    assert.ok(s.largestToWebview <= 256 * 1024 && s.largestFromWebview <= 256 * 1024);
    assert.equal(s.malformed, 0);
  });
});

describe('board webview: suggested clusters (headless Chromium)', function () {
  let host: string;
  let browser: Browser | undefined;
  before(async () => (host = await hostBundle()));
  afterEach(async () => browser?.close());

  const comment = (id: string, quote: string): BoardCard => ({ id, quote, source: 'transcripts/webinar-qa.md', participant: id.toUpperCase(), attributes: {}, tags: [], anchored: true });
  const COMMENTS: BoardJson = {
    cards: [
      comment('r1', 'The waiting list for a stairlift never moves.'),
      comment('r2', 'Yeah, the waiting list is far too long.'),
      comment('r3', 'The phone line rings out every time.'),
      comment('r4', 'Nobody answers the phone line after 3pm.'),
      comment('r5', 'Waiting list updates would help.'),
    ],
    columns: [{ key: '', kind: 'unsorted', title: 'Unsorted', cards: ['r1', 'r2', 'r3', 'r4', 'r5'], total: 5, participants: 5 }],
    tags: [],
  };

  /** The comments' board with its suggested clusters shown. */
  async function suggestionsShown(): Promise<Page> {
    const opened = await openBoardPage({ host, board: COMMENTS });
    browser = opened.browser;
    await opened.page.locator('.card[data-id="r1"]').waitFor();
    await opened.page.locator('vscode-button', { hasText: 'Suggest clusters' }).click();
    await opened.page.locator('.proposal').first().waitFor();
    return opened.page;
  }

  it('accepting a suggestion asks for a theme of its cards; a dismissed one is remembered and not shown again', async () => {
    const page = await suggestionsShown();
    assert.deepEqual(await page.locator('.proposal .reason').allTextContents(), ['3 cards mention “waiting” (3 of 3), “list” (3 of 3)', '2 cards mention “phone” (2 of 2), “line” (2 of 2)']);
    // Its tooltip shows what the cards say.
    assert.equal(
      await page.locator('.proposal .reason').first().getAttribute('title'),
      '3 cards mention “waiting” (3 of 3), “list” (3 of 3)\n“The waiting list for a stairlift never moves.”\n“Yeah, the waiting list is far too long.”\n“Waiting list updates would help.”',
    );
    // Accept the first: the intent is the existing createTheme, with the proposal's cards and title.
    await page.locator('.proposal').first().locator('vscode-button', { hasText: 'Accept' }).click();
    await until('the createTheme intent', async () => (await stats(page)).received.some((m) => (m as { type: string }).type === 'createTheme'));
    assert.deepEqual(
      (await stats(page)).received.filter((m) => (m as { type: string }).type === 'createTheme'),
      [{ type: 'createTheme', ids: ['r1', 'r2', 'r5'], title: 'Waiting, list' }],
    );
    // Dismiss the other: gone, and kept in the board's state so asking again does not bring it back.
    await page.locator('.proposal').first().locator('vscode-button', { hasText: 'Dismiss' }).click();
    assert.equal(await page.locator('.proposal').count(), 0);
    assert.deepEqual(((await page.evaluate('window.__state()')) as { dismissed: string[] }).dismissed, ['r3:2']);
    await page.locator('vscode-button', { hasText: 'Suggest clusters' }).click();
    await page.locator('vscode-button', { hasText: 'Show 1 dismissed' }).waitFor();
    // The proposals are drawn after the button on a busy machine: wait for them, then compare.
    const keys = () => page.locator('.proposal').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key ?? ''));
    await until('the proposal not dismissed', async () => (await keys()).length > 0);
    assert.deepEqual(await keys(), ['r1:3']);
    await page.locator('vscode-button', { hasText: 'Show 1 dismissed' }).click();
    await until('the dismissed proposal shown again', async () => (await keys()).length > 1);
    assert.deepEqual(await keys(), ['r1:3', 'r3:2']);
  });

  it('shows a pile of 120 comments as compact cards with nothing cut, switches to roomy and back, and remembers the choice', async () => {
    const comments = sheetComments().map((c, i) => ({
      id: `r${i + 1}`,
      quote: c.text,
      source: 'transcripts/webinar.md',
      participant: `R${String(i + 1).padStart(3, '0')}`,
      attributes: { 'age-band': c.ageBand, channel: c.channel },
      tags: i % 7 === 0 ? ['waiting'] : [],
      anchored: true,
    }));
    const board: BoardJson = { cards: comments, columns: [{ key: '', kind: 'unsorted', title: 'Unsorted', cards: comments.map((c) => c.id), total: 120, participants: 120 }], tags: [{ id: 'waiting', label: 'Waiting', color: '#d9534f' }] };
    const opened = await openBoardPage({ host, board });
    browser = opened.browser;
    const page = opened.page;
    await page.locator('.card[data-id="r1"]').waitFor();
    // Each mounted card: the quote, then who said it and the tags, all inside the card.
    // A string, so the bundler's helpers (named functions) do not travel into the page.
    const geometry = () =>
      page.evaluate(`[...document.querySelectorAll('.card')].map((card) => {
        const c = card.getBoundingClientRect(), q = card.querySelector('.quote').getBoundingClientRect();
        const m = card.querySelector('.meta').getBoundingClientRect(), t = card.querySelector('.tags').getBoundingClientRect();
        return { height: Math.round(c.height), quoteInside: q.bottom <= m.top + 1, metaInside: m.bottom <= c.bottom - 2, tagsInside: t.bottom <= c.bottom - 2 };
      })`) as Promise<{ height: number; quoteInside: boolean; metaInside: boolean; tagsInside: boolean }[]>;
    const compact = await geometry();
    assert.ok(compact.length > 10);
    assert.ok(
      compact.every((g) => g.height === 66 && g.quoteInside && g.metaInside && g.tagsInside),
      JSON.stringify(compact.find((g) => !(g.quoteInside && g.metaInside && g.tagsInside)) ?? compact[0]),
    );
    await page.locator('vscode-button.density', { hasText: 'Roomy cards' }).click();
    await page.locator('vscode-button.density', { hasText: 'Compact cards' }).waitFor();
    const roomy = await geometry();
    assert.ok(roomy.every((g) => g.height === 120 && g.quoteInside && g.metaInside));
    assert.ok(compact.length > roomy.length, `${compact.length} compact cards mounted, ${roomy.length} roomy`);
    assert.equal(((await page.evaluate('window.__state()')) as { density: string }).density, 'roomy');
  });

  it('folds the suggestions to one line and resizes their list with the grip, remembering both', async () => {
    const page = await suggestionsShown();
    const list = page.locator('.proposal-list');
    const before = (await list.boundingBox())!.height;
    await page.locator('.proposals-grip').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(Math.round((await list.boundingBox())!.height), Math.round(before) + 30);
    assert.equal(((await page.evaluate('window.__state()')) as { suggestionsHeight: number }).suggestionsHeight, Math.round(before) + 30);
    const grip = (await page.locator('.proposals-grip').boundingBox())!;
    await page.mouse.move(grip.x + grip.width / 2, grip.y + 3);
    await page.mouse.down();
    await page.mouse.move(grip.x + grip.width / 2, grip.y + 3 - 50, { steps: 5 });
    await page.mouse.up();
    assert.equal(Math.round((await list.boundingBox())!.height), Math.round(before) + 30 - 50);
    const head = (await page.locator('.proposals').boundingBox())!.height;
    await page.locator('.proposals .fold').click();
    assert.equal(await page.locator('.proposal').count(), 0);
    assert.ok((await page.locator('.proposals').boundingBox())!.height < head / 2, 'folded to its heading');
    assert.equal(await page.locator('.proposals .fold').getAttribute('aria-expanded'), 'false');
    assert.equal(((await page.evaluate('window.__state()')) as { suggestionsFolded: boolean }).suggestionsFolded, true);
    await page.locator('.proposals .fold').click();
    assert.equal(await page.locator('.proposal').count(), 2);
  });
});
