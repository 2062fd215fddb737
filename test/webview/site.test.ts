/**
 * The insight site in a real browser (the system's Chromium through playwright-core),
 * opened from disk and served: every page visited with no console error (a CSP violation
 * is one), one h1, landmarks, a skip link that works from the keyboard, no axe-core
 * violation (contrast included) in light and dark; navigation; search as a reader uses it;
 * a withdrawn participant unfindable. Screenshots of every page, light and dark, in
 * test/.artifacts/screenshots/site-*.png.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchSiteBrowser, serveFolder } from '../../bench/site-page';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'home-adaptations');
const SHOTS = path.join(ROOT, 'test', '.artifacts', 'screenshots');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

function buildSite(study: string): string {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'sift-site-')), 'site');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'site', study, '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return out;
}

const PAGES = ['index.html', 'insights.html', 'themes.html', 'personas.html', 'journeys.html', 'sample.html', 'search.html?q=queue'];

/** A page that fails the test on any console error or uncaught exception it shows. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`)));
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return { page, errors };
}

/**
 * Visits each page in the colour scheme: no console error, one h1, the landmarks, no axe-core
 * violation; a full-page screenshot of each as `<prefix>-<page>-<scheme>.png`.
 */
async function auditPages(browser: Browser, url: (p: string) => string, pages: readonly string[], scheme: 'light' | 'dark', prefix: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: scheme });
  const { page, errors } = await watchedPage(context);
  // axe-core is injected, which the site's CSP rightly refuses: it runs in a second context that bypasses it.
  const audit = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: scheme, bypassCSP: true });
  const auditPage = await audit.newPage();
  for (const p of pages) {
    await page.goto(url(p));
    if (p.startsWith('search')) await page.waitForSelector('body[data-search-ready]');
    assert.equal(await page.locator('h1').count(), 1, `${p}: one h1`);
    for (const landmark of ['header.site', 'nav, form[role=search]', 'main#content', 'footer.site']) assert.ok((await page.locator(landmark).count()) > 0, `${p}: ${landmark}`);
    const name = p.replace(/\.html.*$/, '').replace(/\//g, '-');
    await page.screenshot({ path: path.join(SHOTS, `${prefix}-${name}-${scheme}.png`), fullPage: true });
    await auditPage.goto(url(p));
    await auditPage.addScriptTag({ content: AXE });
    const violations = await auditPage.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run({ resultTypes: ['violations'] });
      return result.violations.map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
    });
    assert.deepEqual(violations, [], `${p} (${scheme})`);
  }
  assert.deepEqual(errors, []);
  await audit.close();
  await context.close();
}

describe('the insight site in Chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  let site: string;
  const url = (p: string) => pathToFileURL(path.join(site, p.split('?')[0]!)).href + (p.includes('?') ? `?${p.split('?')[1]}` : '');

  before(async () => {
    site = buildSite(EXAMPLE);
    browser = await launchSiteBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    rmSync(path.dirname(site), { recursive: true, force: true });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`every page opened from disk (${scheme}): no console error, one h1, landmarks, no axe violation; screenshots`, async () => {
      await auditPages(browser, url, PAGES, scheme, 'site');
    });
  }

  it('navigates by its links, and by keyboard from the skip link', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const { page, errors } = await watchedPage(context);
    await page.goto(url('index.html'));
    for (const [link, heading] of [
      ['Insights', 'Insights'],
      ['Themes', 'Themes'],
      ['Personas', 'Personas'],
      ['Journeys', 'Journeys'],
      ['Who we heard from', 'Sample and method'],
      ['Overview', 'Home adaptations and pension transition, 2026'],
    ]) {
      await page.locator('nav.pages').getByRole('link', { name: link, exact: true }).click();
      assert.equal((await page.locator('h1').innerText()).trim(), heading);
      assert.equal(await page.locator('nav.pages [aria-current=page]').innerText(), link);
    }
    // The overview's cards lead to the same pages.
    await page.locator('ul.cards').getByRole('link', { name: 'Themes' }).click();
    assert.match(page.url(), /themes\.html$/);
    // Keyboard: the first Tab reaches the skip link; Enter moves focus to the content.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'content');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('searches from any page: the header form, results as the reader types, a result leads to the item', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const { page, errors } = await watchedPage(context);
    await page.goto(url('themes.html'));
    await page.getByRole('searchbox', { name: 'Search this site' }).fill('queue');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-search-ready]');
    assert.match(page.url(), /search\.html\?q=queue$/);
    assert.equal(await page.locator('#search-status').innerText(), '6 results for “queue”.');
    const first = page.locator('#search-results li').first();
    assert.equal(await first.locator('.kind').textContent(), 'Quote');
    assert.equal(await first.locator('a').innerText(), "“Tell me where I am in the queue. That's all. Even if it's bad news.”");
    // Typing narrows (every word must match), and the address follows the query.
    await page.locator('#search-query').fill('stair');
    const titles = await page.locator('#search-results li a').allInnerTexts();
    assert.ok(titles.length > 0 && titles.length < 10, titles.join('\n'));
    // The address follows once typing pauses.
    await page.waitForURL(/\?q=stair$/);
    await page.locator('#search-query').fill('zzzqqq');
    assert.equal(await page.locator('#search-status').innerText(), 'Nothing found for “zzzqqq”.');
    // A result opens the page at the item.
    await page.locator('#search-query').fill('forgotten named person');
    await page.locator('#search-results li a').first().click();
    assert.match(page.url(), /insights\.html#insight-silence-during-waits-feels-like-being-forgotten$/);
    assert.ok(await page.locator('#insight-silence-during-waits-feels-like-being-forgotten').isVisible());
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('served over HTTP: the same pages with no error; the first page transfers no search index and stays under 1 MB', async () => {
    const server = await serveFolder(site);
    try {
      const context = await browser.newContext();
      const { page, errors } = await watchedPage(context);
      await page.goto(server.url);
      assert.equal(await page.locator('h1').innerText(), 'Home adaptations and pension transition, 2026');
      const first = [...server.sent.values()].reduce((a, b) => a + b, 0);
      assert.deepEqual([...server.sent.keys()].sort(), ['/', '/assets/site.css']);
      assert.ok(first < 1024 * 1024, `${first} bytes`);
      await page.goto(`${server.url}search.html?q=stair%20lift`);
      await page.waitForSelector('body[data-search-ready]');
      assert.ok(server.sent.has('/assets/search/study.js'), 'the index is loaded on the search page');
      assert.match(await page.locator('#search-status').innerText(), /^\d+ results? for “stair lift”/);
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await server.close();
    }
  });

  it("a withdrawn participant's words cannot be found", async () => {
    const study = mkdtempSync(path.join(tmpdir(), 'sift-study-'));
    cpSync(EXAMPLE, study, { recursive: true });
    // P09 said “Tell me where I am in the queue…”, the first result for "queue" above.
    const people = path.join(study, 'participants.yaml');
    writeFileSync(people, readFileSync(people, 'utf8').replace('consent: {by: participant, date: 2026-03-17, scope: verbatim}\n  - id: P10', 'consent: {by: participant, date: 2026-03-17, scope: withdrawn}\n  - id: P10'));
    const withdrawnSite = buildSite(study);
    try {
      const context = await browser.newContext();
      const { page, errors } = await watchedPage(context);
      await page.goto(pathToFileURL(path.join(withdrawnSite, 'search.html')).href + '?q=queue');
      await page.waitForSelector('body[data-search-ready]');
      const found = await page.locator('#search-results li a').allInnerTexts();
      assert.ok(found.length > 0, 'the finding about the queue is still there');
      assert.ok(!found.some((t) => t.includes('Tell me where I am in the queue')), found.join('\n'));
      for (const file of readdirSync(withdrawnSite, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.'))) {
        assert.ok(!readFileSync(path.join(withdrawnSite, file), 'utf8').includes('Tell me where I am in the queue'), file);
      }
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      rmSync(study, { recursive: true, force: true });
      rmSync(path.dirname(withdrawnSite), { recursive: true, force: true });
    }
  });
});

describe('a library site in Chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  let copy: string;
  let site: string;
  const url = (p: string) => pathToFileURL(path.join(site, p.split('?')[0]!)).href + (p.includes('?') ? `?${p.split('?')[1]}` : '');

  before(async () => {
    // The example library reads its studies where they are, beside it: copied together.
    copy = mkdtempSync(path.join(tmpdir(), 'sift-library-'));
    for (const name of ['council-library', 'home-adaptations', 'housing-repairs']) {
      cpSync(path.join(ROOT, 'examples', name), path.join(copy, name), { recursive: true });
      rmSync(path.join(copy, name, '.sift'), { recursive: true, force: true });
    }
    site = buildSite(path.join(copy, 'council-library'));
    browser = await launchSiteBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    rmSync(copy, { recursive: true, force: true });
    rmSync(path.dirname(site), { recursive: true, force: true });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`the front page, the insights across studies and a study's pages (${scheme}): no error, no axe violation; screenshots`, async () => {
      await auditPages(browser, url, ['index.html', 'across-studies.html', 'housing-repairs/index.html', 'search.html?q=forgotten'], scheme, 'site-library');
    });
  }

  it("leads from the front page to the library's insights and back, and finds them by search", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const { page, errors } = await watchedPage(context);
    await page.goto(url('index.html'));
    await page.getByRole('link', { name: /^Whichever service they wait for/ }).click();
    assert.match(page.url(), /across-studies\.html#insight-silence-during-any-wait-reads-as-being-forgotten$/);
    assert.equal((await page.locator('h1').innerText()).trim(), 'Insights across studies');
    assert.equal(await page.locator('nav.pages [aria-current=page]').innerText(), 'Across studies');
    const quoted = await page.locator('#content blockquote').allInnerTexts();
    assert.ok(quoted.some((q) => q.includes('home-adaptations')) && quoted.some((q) => q.includes('housing-repairs')), quoted.join('\n'));
    await page.locator('nav.pages').getByRole('link', { name: 'All studies', exact: true }).click();
    assert.equal((await page.locator('h1').innerText()).trim(), 'Council research library');
    await page.getByRole('searchbox', { name: 'Search this site' }).fill('regular word on where their case is');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-search-ready]');
    const first = page.locator('#search-results li').first();
    assert.equal(await first.locator('.kind').textContent(), 'Emerging insight · Across studies');
    await first.locator('a').click();
    assert.match(page.url(), /across-studies\.html#insight-silence-during-any-wait-reads-as-being-forgotten$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('searches the studies whose index parts loaded and says so when one could not be', async () => {
    const kinds = async (page: Page) => page.locator('#search-results li .kind').allTextContents();
    const context = await browser.newContext();
    const { page, errors } = await watchedPage(context);
    await page.goto(`${url('search.html')}?q=forgotten`);
    await page.waitForSelector('body[data-search-ready]');
    const whole = await kinds(page);
    assert.ok(whole.some((k) => k.endsWith('· Council housing repairs, 2026')) && whole.some((k) => k.endsWith('· Home adaptations and pension transition, 2026')), whole.join('\n'));
    assert.deepEqual(errors, []);
    // The same site with one study's part gone (a half-copied folder): the other studies are still searched, and the page says what is missing.
    const broken = path.join(mkdtempSync(path.join(tmpdir(), 'sift-site-')), 'site');
    cpSync(site, broken, { recursive: true });
    rmSync(path.join(broken, 'assets', 'search', 'housing-repairs.js'));
    try {
      await page.goto(`${pathToFileURL(path.join(broken, 'search.html')).href}?q=forgotten`);
      await page.waitForFunction(() => document.getElementById('search-status')?.textContent?.includes('could not be loaded'));
      await page.waitForFunction(() => document.body.dataset.searchIndexed === '2/3');
      assert.match(await page.locator('#search-status').innerText(), /^\d+ results? for “forgotten”\. Part of the search index \(assets\/search\/housing-repairs\.js\) could not be loaded, so search is incomplete\.$/);
      const partial = await kinds(page);
      assert.deepEqual(
        partial,
        whole.filter((k) => !k.endsWith('· Council housing repairs, 2026')),
      );
      assert.equal(await page.evaluate(() => document.body.dataset.searchReady), undefined);
      assert.deepEqual(
        (errors as string[]).map((e) => e.replace(/^.*?: /, '')),
        ['Failed to load resource: net::ERR_FILE_NOT_FOUND'],
      );
    } finally {
      rmSync(path.dirname(broken), { recursive: true, force: true });
    }
    await context.close();
  });
});
