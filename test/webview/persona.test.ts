/**
 * The persona card webview in headless Chromium (the built dist/webview/persona.{js,css}),
 * fed the example study's persona as the extension computes it, with a stand-in for VS Code
 * that records what the card sends. Run `npm run build` first.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { personaView } from '../../src/extension/features/personas/persona-view';
import type { PersonaView } from '../../src/protocol/persona';
import { exampleFileSystem, loaded } from '../support/example-fs';
import { openView } from './support';

const ROOT = join(__dirname, '..', '..');
const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><a href="javascript:window.__pwned=3">here</a>`;

/** A page with the card, a stand-in acquireVsCodeApi that keeps what the card posts, and the persona sent on `ready`. */
async function openCard(persona: PersonaView, width = 1200): Promise<{ browser: Browser; page: Page }> {
  const opened = await openView('persona', [{ type: 'persona', persona }], { width, height: 1000 });
  await opened.page.locator('.name').waitFor();
  return opened;
}

const sent = (page: Page) => page.evaluate('window.__sent') as Promise<{ type: string; [k: string]: unknown }[]>;

describe('persona card webview (headless Chromium)', function () {
  let len: PersonaView;
  let browser: Browser | undefined;
  before(async () => {
    const ws = await loaded(exampleFileSystem());
    len = personaView(ws, ws.personas.get('caught-out-at-pension-age')!);
    assert.ok(len.quotes.some((q) => !q.quotable) && len.quotes.some((q) => q.quotable), 'the example persona has quotes consent keeps in the study, and others');
  });
  afterEach(async () => browser?.close());

  it('renders study text only as text', async () => {
    const hostile: PersonaView = { ...len, name: HOSTILE, label: HOSTILE, summary: HOSTILE, goals: [HOSTILE], quotes: [{ ...len.quotes[0]!, quote: HOSTILE, participant: HOSTILE }] };
    const { browser: b, page } = await openCard(hostile);
    browser = b;
    assert.equal(await page.locator('#root img, #root script, #root a, #root iframe').count(), 0);
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    assert.equal(await page.locator('.name').textContent(), HOSTILE);
    assert.equal(await page.locator('.trait.goals li').textContent(), HOSTILE);
    const report = (await sent(page)).find((m) => m.type === 'rendered')?.report as { injected: number; name: string };
    assert.deepEqual([report.name, report.injected], [HOSTILE, 0]);
  });

  it('opens a quote’s passage from the mouse and the keyboard', async () => {
    const { browser: b, page } = await openCard(len);
    browser = b;
    const [first, second] = len.quotes;
    await page.locator(`.quote[data-id="${first!.id}"]`).click();
    await page.locator(`.quote[data-id="${second!.id}"]`).focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(
      (await sent(page)).filter((m) => m.type === 'reveal'),
      [
        { type: 'reveal', id: first!.id },
        { type: 'reveal', id: second!.id },
      ],
    );
    assert.equal(await page.locator(`.quote[data-id="${first!.id}"]`).getAttribute('role'), 'button');
  });

  it('prints as a document: no buttons, no words consent keeps in the study, black on white', async () => {
    const { browser: b, page } = await openCard(len, 794);
    browser = b;
    await page.emulateMedia({ media: 'print' });
    const shown = (css: string) =>
      page
        .locator(css)
        .first()
        .evaluate((el) => getComputedStyle(el).display !== 'none');
    assert.equal(await shown('.actions'), false);
    assert.equal(await shown('.quote.withheld'), false);
    assert.equal(await shown('.quote:not(.withheld)'), true);
    assert.equal(await shown('.withheld-note'), true);
    assert.match((await page.locator('.withheld-note').textContent()) ?? '', /^2 quotes left out: consent does not allow their words to leave the study\.$/);
    assert.equal(await page.locator('.figure.quoted .value').textContent(), String(len.quotes.filter((q) => q.quotable).length), 'the quotes a reader of the page sees');
    assert.equal(await shown('.figure.quoted .screen-only'), false);
    assert.equal(await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(255, 255, 255)');
    // For a person to look at: the printed page.
    const dir = join(ROOT, 'test', '.artifacts', 'screenshots');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'persona-print.png'), fullPage: true });
    await page.pdf({ path: join(ROOT, 'test', '.artifacts', 'persona-print.pdf'), format: 'A4' });
  });

  it('reads in a narrow editor beside a transcript: the traits stack, nothing overflows', async () => {
    const { browser: b, page } = await openCard(len, 520);
    browser = b;
    const columns = (css: string) => page.locator(css).evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
    assert.deepEqual([await columns('.figures'), await columns('.traits')], [3, 1]);
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true);
    await page.screenshot({ path: join(ROOT, 'test', '.artifacts', 'screenshots', 'persona-narrow.png'), fullPage: true });
  });
});
