import { launchSiteBrowser } from '/work/wt-site/bench/site-page';
import { pathToFileURL } from 'node:url';
(async () => {
  const b = await launchSiteBrowser();
  for (const scheme of ['light', 'dark'] as const) {
    const ctx = await b.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: scheme });
    const page = await ctx.newPage();
    page.on('console', (m) => console.log(scheme, m.type(), m.text()));
    page.on('pageerror', (e) => console.log('pageerror', e.message));
    for (const p of process.argv.slice(2)) {
      await page.goto(pathToFileURL('/tmp/site1/' + p.split('?')[0]).href + (p.includes('?') ? '?' + p.split('?')[1] : ''));
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/tmp/shot-${p.replace(/[^a-z]/g, '')}-${scheme}.png`, fullPage: true });
    }
    await ctx.close();
  }
  await b.close();
})();
