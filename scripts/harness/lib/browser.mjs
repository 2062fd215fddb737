// Headless Chromium (the system's, never a downloaded one) driven by playwright-core.
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * Built workbenches ignore the URL payload unless developmentOptions.enableSmokeTestDriver is set.
 * The server already sets it (--vscode-option enable-smoke-test-driver); this page-side patch keeps
 * the payload working where the server flag is not passed through. Rewriting the HTML with page.route()
 * instead breaks every websocket, so patch the attribute read.
 */
function enableSmokeTestDriver() {
  const original = Element.prototype.getAttribute;
  Element.prototype.getAttribute = function (name) {
    const value = original.call(this, name);
    if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value) return value;
    try {
      const config = JSON.parse(value);
      config.developmentOptions = { ...config.developmentOptions, enableSmokeTestDriver: true };
      return JSON.stringify(config);
    } catch {
      return value;
    }
  };
}

/** Returns { context, page }; the caller closes `context`. */
export async function launchBrowser({ executablePath, dir, viewport = { width: 1440, height: 900 } }) {
  const context = await chromium.launchPersistentContext(join(dir, 'browser'), {
    executablePath,
    headless: true,
    viewport,
    handleSIGINT: false, // the session cleans up (and closes us) on signals
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Playback starts from a command, not a click inside the player's frame, as it does for a researcher's
    // keyboard shortcut in desktop VS Code (whose Electron lets webviews play without a gesture).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-dev-shm-usage',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  await context.addInitScript(enableSmokeTestDriver);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** Waits until `text` is visible in the page or any nested frame (webviews are iframes in iframes). */
export async function waitForText(page, text, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        if (await frame.getByText(text, { exact: false }).first().isVisible()) return frame;
      } catch {}
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`text "${text}" did not appear within ${Math.round(timeoutMs / 1000)} s`);
}
