// `shot`: load the workbench with the extension from the working tree, play a few steps, save PNGs.
// Steps run in the order given: open a file (Ctrl+P), run a command (F1 palette), wait for text, screenshot.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { launchBrowser, waitForText } from './browser.mjs';
import { artifactsDir, installedHarness, repoRoot } from './paths.mjs';
import { copyWorkspace, startServer, userSettings } from './server.mjs';
import { withSession } from './session.mjs';

export const screenshotsDir = join(artifactsDir, 'screenshots');

async function quickInput(page, key, text, what) {
  await page.keyboard.press(key);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.pressSequentially(text, { delay: 10 });
  const row = page.locator('.quick-input-list .monaco-list-row').first();
  try {
    await row.waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    throw new Error(`${what} "${text}" not found in the quick input`);
  }
  await page.keyboard.press('Enter');
}

/** steps: [{ open: path } | { command: title } | { waitFor: text } | { shot: name }] */
export async function takeShots({ workspace, theme = 'dark', steps = [], extensionPath = repoRoot, timeoutSec = 60 }) {
  const harness = installedHarness();
  if (!steps.some((s) => s.shot)) steps = [...steps, { shot: 'workbench' }];
  mkdirSync(screenshotsDir, { recursive: true });
  const saved = [];

  await withSession(async ({ dir, onCleanup, keepLog }) => {
    const folder = copyWorkspace(workspace, dir);
    const server = await startServer({ harness, dir, folder, settings: userSettings({ theme }) });
    onCleanup(server.stop);
    keepLog(server.logFile, 'code-server.log');
    keepLog(server.logDir, 'vscode');

    const { context, page } = await launchBrowser({ executablePath: harness.browser, dir });
    onCleanup(() => context.close());
    await page.goto(server.url({ extensionDevelopmentPath: extensionPath }));
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutSec * 1000 });
    await waitForText(page, basename(folder), timeoutSec * 1000); // the explorer shows the folder
    await page.waitForTimeout(3000); // let the extension host start and contribute its views and commands

    for (const step of steps) {
      if (step.open) await quickInput(page, 'Control+P', step.open, 'file');
      if (step.command) await quickInput(page, 'F1', step.command, 'command');
      if (step.waitFor) await waitForText(page, step.waitFor, timeoutSec * 1000);
      if (step.open || step.command) await page.waitForTimeout(1000);
      if (step.shot) {
        const file = join(screenshotsDir, `${step.shot}-${theme}.png`);
        await page.screenshot({ path: file });
        saved.push(file);
        console.log(`harness: saved ${file}`);
      }
    }
  });
  return saved;
}
