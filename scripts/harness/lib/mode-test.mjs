// `test`: run a compiled mocha entry (exports run()) inside code-server's real extension host.
// The workbench forwards the extension host's console to codeAutomationLog and calls codeAutomationExit(code)
// once run() settles; that code is ours. Prints the runner's own "N passed, N failed" line.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { launchBrowser } from './browser.mjs';
import { artifactsDir, installedHarness, repoRoot } from './paths.mjs';
import { copyWorkspace, startServer, userSettings } from './server.mjs';
import { withSession } from './session.mjs';
import { prepareWorkspaceRecordings } from '../../test-recordings.mjs';

// test/integration/index.ts prints this first; what the workbench logs before it is kept in the log file.
const RUNNER_FIRST_LINE = 'sift-integration:';
const SUMMARY = /^\d+ passed, \d+ failed/m;
// A test asks for a screenshot of the whole window by printing this line; it then waits for the PNG to appear.
const SCREENSHOT = /^sift-screenshot: ([\w-]+)$/;
// A test types into the window (quick picks, input boxes: UI no extension API can reach) by printing
// `sift-keys: text` or `sift-press: Key`; the keys are sent in order, and its number `N` is written to
// test/.artifacts/keys-done (one line per request sent) so the test knows they arrived, or `N!` if sending failed.
// `sift-answer: text` first waits for an empty, focused quick input (the next input box of a sequence, which
// appears only after the previous answer was taken), so no key lands in the box before or the editor behind.
// `sift-pick: text` waits until a quick pick is on screen with the keyboard in it and its active row shows
// `text` (then a test presses Enter or takes a screenshot): the pick is drawn a moment after the extension asked
// for it, slowly on a busy machine, and keys sent before land in the editor behind.
const KEYS = /^sift-(keys|press|answer|pick): (.*)$/;
// A test drags with the real mouse by printing `sift-drag: {"from": T, "to": T}`, T = {"css": selector,
// "text": text the element contains}: Playwright drags the first visible match of `from` onto `to`
// (native HTML5 drag and drop, as in the workbench's trees). Acknowledged like key presses.
const DRAG = /^sift-drag: (.*)$/;
// In webviews (nested iframes, where the board drags with pointer events): `sift-mouse: drag FROM -> TO` (or `sift-mouse: click AT`), where
// FROM/TO/AT are CSS selectors looked up in every frame (webviews are nested iframes); acknowledged like keys.
// `sift-mouse: reach FROM -> TO` drags to a TO scrolled out of view as a researcher would: holds the card at the
// webview's edge towards TO until TO comes into view (the webview has to pan), then drops it there.
const MOUSE = /^sift-mouse: (drag|click|reach) (.+?)(?: -> (.+))?$/;
// `sift-webview-post: SELECTOR FILE` posts each message of the JSON array in FILE to the extension
// from inside the webview frame that has an element matching SELECTOR, through the same channel the
// webview's own acquireVsCodeApi().postMessage uses (its host frame's __vscode_post_message__): a
// hostile or buggy webview script, for the malformed-message tests (a file: the console drops long lines). Acknowledged like keys.
const WEBVIEW_POST = /^sift-webview-post: (\S+) (.*)$/;
// `sift-expect: {"pattern": SOURCE, "why": TEXT}` ... `sift-expect-end: SOURCE`: a fault test makes the workbench
// log errors on purpose (a file it cannot write, a dialog the test driver cancels); while it runs, lines matching
// SOURCE go to the log only, and the run ends with one line saying how many there were and why, so a green run
// shows no alarming EPERM. (test/integration/support.ts: expectWorkbenchErrors.)
const EXPECT = /^sift-expect: (.*)$/;
const EXPECT_END = /^sift-expect-end: (.*)$/;
// Harmless offline noise (see ../shared/reference/vscode-harness.md, pitfall 11).
const NOISE = /ENOTFOUND|authentication provider 'github'|\[AgentHost|\[AccountPolicyGate\]|No signed-in session|vsda/;

/** `restricted`: the folder opens in Restricted Mode (untrusted); test/integration/index.ts then runs the *.restricted.test.js files. */
export async function runTests({ testsPath, workspace, extensionPath = repoRoot, timeoutSec = 900, restricted = false }) {
  const harness = installedHarness();
  testsPath = resolve(testsPath);
  if (!existsSync(testsPath)) throw new Error(`no compiled test entry at ${testsPath} (build it first: npm run build:integration)`);
  const started = Date.now();

  return withSession(async ({ dir, onCleanup, keepLog }) => {
    const folder = copyWorkspace(workspace, dir);
    // The recordings the tests play, made here (cached across runs) rather than inside the extension host.
    prepareWorkspaceRecordings(folder);
    const server = await startServer({ harness, dir, folder, settings: userSettings({ restricted }), restricted });
    onCleanup(server.stop);
    keepLog(server.logFile, 'code-server.log');
    keepLog(server.logDir, 'vscode');

    const { context, page } = await launchBrowser({ executablePath: harness.browser, dir });
    onCleanup(() => context.close());

    // The workbench's own log and the extension host's console both arrive here. All of it goes to
    // test/.artifacts/logs/last/automation.log; stdout shows the tests' output from the runner's first line
    // ("sift-integration: ...") on, without the known offline noise, or everything if that line never came.
    let finish;
    const exited = new Promise((ok) => (finish = ok));
    let running = false;
    let keyRequests = 0;
    let keyQueue = Promise.resolve();
    rmSync(join(artifactsDir, 'keys-done'), { force: true });
    let sawSummary = false;
    const expected = new Map(); // pattern source -> { pattern, why }, while the test expecting it runs
    const hidden = new Map(); // why -> lines kept out of the output
    const early = [];
    const logFile = join(artifactsDir, 'logs/last/automation.log');
    mkdirSync(dirname(logFile), { recursive: true });
    const show = (type, line) => (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args])).replace(/\n$/, '');
      appendFileSync(logFile, `[${type}] ${line}\n`);
      running ||= line.startsWith(RUNNER_FIRST_LINE);
      const keys = KEYS.exec(line);
      const drag = DRAG.exec(line);
      const mouse = MOUSE.exec(line);
      const post = WEBVIEW_POST.exec(line);
      if (keys || drag || mouse || post) {
        const n = ++keyRequests;
        keyQueue = keyQueue.then(async () => {
          try {
            if (post) await postFromWebview(page, post[1], JSON.parse(readFileSync(post[2], 'utf8')));
            else if (mouse) await useMouse(page, mouse[1], mouse[2], mouse[3]);
            else if (drag) {
              const { from, to } = JSON.parse(drag[1]);
              const find = (t) => page.locator(t.css, { hasText: t.text }).filter({ visible: true }).first();
              await find(from).dragTo(find(to), { timeout: 10_000 });
            } else if (keys[1] === 'answer') {
              await page.waitForFunction(
                () => {
                  const input = document.querySelector('.quick-input-widget input');
                  return input instanceof HTMLInputElement && input.offsetParent !== null && document.activeElement === input && input.value === '';
                },
                undefined,
                { timeout: 10_000 },
              );
              await page.keyboard.type(keys[2], { delay: 30 });
            } else if (keys[1] === 'pick') {
              await page.waitForFunction(
                (text) => {
                  const input = document.querySelector('.quick-input-widget input');
                  const row = document.querySelector('.quick-input-widget .quick-input-list .monaco-list-row.focused');
                  return input instanceof HTMLElement && input.offsetParent !== null && document.activeElement === input && row?.textContent?.includes(text);
                },
                keys[2],
                { timeout: 10_000 },
              );
            } else if (keys[1] === 'keys') await page.keyboard.type(keys[2], { delay: 30 });
            else await page.keyboard.press(keys[2]);
            appendFileSync(join(artifactsDir, 'keys-done'), `${n}\n`);
          } catch (e) {
            show('error', `harness: ${line} failed: ${e.message}`);
            // `N!` tells the test its request failed (test/integration/keyboard.ts), so it fails there instead of waiting on.
            appendFileSync(join(artifactsDir, 'keys-done'), `${n}!\n`);
          }
        });
      }
      const shot = SCREENSHOT.exec(line);
      if (shot) {
        const file = join(artifactsDir, 'screenshots', `${shot[1]}.png`);
        mkdirSync(dirname(file), { recursive: true });
        void page.screenshot({ path: file }).then(
          () => show('log', `harness: saved ${file}`),
          (e) => show('error', `harness: screenshot ${shot[1]} failed: ${e.message}`),
        );
      }
      sawSummary ||= SUMMARY.test(line);
      const expect = EXPECT.exec(line);
      const expectEnd = EXPECT_END.exec(line);
      if (expect) {
        const { pattern, why } = JSON.parse(expect[1]);
        expected.set(pattern, { pattern: new RegExp(pattern), why });
        return;
      }
      if (expectEnd) return void expected.delete(expectEnd[1]);
      const expectedBy = [...expected.values()].find((e) => e.pattern.test(line));
      if (running && expectedBy) return void hidden.set(expectedBy.why, (hidden.get(expectedBy.why) ?? 0) + 1);
      if (!running) early.push([type, line]);
      else if (!NOISE.test(line)) show(type, line);
    });
    const showEarly = () => {
      if (running) return;
      console.error('harness: the test runner printed nothing; everything the workbench logged:');
      for (const [type, line] of early) show(type, line);
    };
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      for (const { relativePath, contents } of logs ?? []) {
        const file = join(artifactsDir, 'logs/last/workbench', relativePath);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, contents);
      }
      finish(code);
    });
    page.on('pageerror', (e) => console.error(`harness: page error: ${e.message}`));

    console.log(`harness: VS Code (code-server) on ${server.origin}, workspace ${folder}`);
    await page.goto(server.url({ extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath }));

    let timer;
    const timedOut = new Promise((ok) => (timer = setTimeout(() => ok('timeout'), timeoutSec * 1000)));
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    const took = ((Date.now() - started) / 1000).toFixed(1);
    showEarly();
    if (code === 'timeout') {
      console.error(
        `harness: TIMEOUT: the tests did not finish within ${timeoutSec} s (the extension host never called codeAutomationExit).\n` +
          `harness: likely causes: the extension failed to load (engines.vscode newer than the host?), run() never settled, ` +
          `or the workbench did not start. Logs: test/.artifacts/logs/last/`,
      );
      if (!sawSummary) console.log('0 passed, 1 failed');
      return 1;
    }
    for (const [why, count] of hidden) console.log(`harness: ${count} expected workbench message${count === 1 ? '' : 's'} (${why}) kept in test/.artifacts/logs/last/automation.log`);
    console.log(`harness: extension host exited with code ${code} after ${took} s`);
    return code;
  });
}

/** The first element matching `selector` in any frame (webviews are nested iframes). */
async function elementIn(page, selector) {
  for (const frame of page.frames()) {
    const element = frame.locator(selector).first();
    if ((await element.count().catch(() => 0)) > 0) return element;
  }
  throw new Error(`no element matches ${selector} in any frame`);
}

/** The centre of the first element matching `selector` in any frame, in page coordinates (its top 40 px for a tall one). */
async function centreOf(page, selector) {
  // The element is there: give a busy machine time to lay it out.
  const box = await (await elementIn(page, selector)).boundingBox({ timeout: 3000 }).catch(() => null);
  if (!box) throw new Error(`${selector} is not laid out in any frame`);
  return { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 20) };
}

/**
 * A click, or a drag in small steps (so the page sees pointer moves past its drag threshold).
 * A click goes through Playwright's own click: it scrolls a target out of view into it (a card low
 * in a column, a narrowed panel), as a user would, and waits until the target is still and is what
 * the pointer would hit — on a busy machine a click at coordinates measured before a scroll settled
 * landed beside the card.
 */
async function useMouse(page, action, from, to) {
  if (action === 'click') {
    const element = await elementIn(page, from);
    const box = await element.boundingBox({ timeout: 3000 }).catch(() => null);
    const position = box ? { x: box.width / 2, y: Math.min(box.height / 2, 20) } : undefined;
    return element.click({ position, timeout: 15_000 });
  }
  const start = await centreOf(page, from);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  let at = start;
  if (action === 'reach') at = await holdAtEdgeUntilVisible(page, at, to);
  await moveInSteps(page, at, await centreOf(page, to));
  await page.mouse.up();
}

async function moveInSteps(page, from, to, steps = 12) {
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/**
 * With the button down, moves to the edge of the webview towards `selector` and holds there
 * (small jiggles, as a hand does) until the element's centre is inside the webview with room to
 * spare; fails after 10 s: the webview never panned. Returns where the pointer is.
 */
async function holdAtEdgeUntilVisible(page, at, selector) {
  const frame = await frameOf(page, selector);
  const view = await (await frame.frameElement()).boundingBox();
  const inside = (p) => p.x > view.x + 80 && p.x < view.x + view.width - 80 && p.y > view.y + 40 && p.y < view.y + view.height - 40;
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  const end = Date.now() + 10_000;
  for (let jiggle = 0; ; jiggle++) {
    const target = await centreOf(page, selector);
    if (inside(target)) return at;
    if (Date.now() > end) throw new Error(`${selector} never came into view while the mouse was held at the webview's edge`);
    const edge = { x: clamp(target.x, view.x + 6, view.x + view.width - 6) - (jiggle % 2), y: clamp(target.y, view.y + 40, view.y + view.height - 40) };
    await moveInSteps(page, at, edge, jiggle === 0 ? 12 : 1);
    at = edge;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The frame (a webview's inner document) that has an element matching `selector`. */
async function frameOf(page, selector) {
  for (const frame of page.frames())
    if (
      (await frame
        .locator(selector)
        .count()
        .catch(() => 0)) > 0
    )
      return frame;
  throw new Error(`no element matches ${selector} in any frame`);
}

/** Posts messages to the extension from inside the webview frame that shows `selector`. */
async function postFromWebview(page, selector, messages) {
  for (const frame of page.frames()) {
    if (
      (await frame
        .locator(selector)
        .count()
        .catch(() => 0)) === 0
    )
      continue;
    // The webview's acquireVsCodeApi() captured this function of its host frame (then hid window.parent).
    return frame.parentFrame().evaluate((list) => {
      for (const message of list) window.__vscode_post_message__('onmessage', { message });
    }, messages);
  }
  throw new Error(`no webview frame shows ${selector}`);
}
