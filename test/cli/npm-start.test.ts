/**
 * `npm start` keeps the researcher's work: the serve mode of the harness runs on a copy of the
 * example kept in a stable folder, says where when it starts and when it stops, and the next
 * start opens the same copy (`--fresh` starts from a new one and keeps the old aside).
 * Needs the real-VS-Code harness (code-server); skipped where it is not installed.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO, tempDir } from './support';

const DRIVER = path.join(REPO, 'scripts', 'harness', 'driver.mjs');

interface Served {
  child: ChildProcess;
  output: () => string;
}

/** Starts the serve mode and waits for the address it prints. */
async function start(playground: string, ...flags: string[]): Promise<Served> {
  const child = spawn(process.execPath, [DRIVER, 'serve', '--playground', playground, ...flags], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const end = Date.now() + 60_000;
  while (!/open: http/.test(output)) {
    if (child.exitCode !== null || Date.now() > end) throw new Error(`npm start did not print its address:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output };
}

/** Ctrl-C, and waits for it to stop; returns everything it printed. */
async function stop(served: Served): Promise<string> {
  const exited = new Promise((ok) => served.child.once('exit', ok));
  served.child.kill('SIGINT');
  await exited;
  return served.output();
}

describe('npm start', function () {
  this.timeout(180_000);
  let installed = false;

  before(async function () {
    const { installedHarness } = await import(path.join(REPO, 'scripts', 'harness', 'lib', 'paths.mjs'));
    try {
      installed = Boolean(installedHarness());
    } catch {
      installed = false;
    }
    if (!installed) this.skip();
  });

  it('keeps the work in its copy of the example across Ctrl-C, says where, and reopens it next time', async () => {
    const playground = tempDir();
    const copy = path.join(playground, 'home-adaptations');

    const first = await start(playground);
    assert.ok(first.output().includes(copy), `it says where the copy is:\n${first.output()}`);
    assert.ok(existsSync(path.join(copy, 'research.yaml')), 'the copy is the example study');
    writeFileSync(path.join(copy, 'themes', 'my-work.yaml'), 'title: My work\nhighlights: []\n');
    const said = await stop(first);
    assert.match(said, /Your work is kept in .*home-adaptations/, 'it says where the work is when it stops');
    assert.equal(readFileSync(path.join(copy, 'themes', 'my-work.yaml'), 'utf8'), 'title: My work\nhighlights: []\n', 'the work survived Ctrl-C');

    const second = await start(playground);
    assert.match(second.output(), /the one you worked in before/);
    assert.ok(existsSync(path.join(copy, 'themes', 'my-work.yaml')), 'the next start opens the same copy');
    await stop(second);

    const fresh = await start(playground, '--fresh');
    assert.ok(!existsSync(path.join(copy, 'themes', 'my-work.yaml')), '--fresh starts from a new copy of the example');
    const aside = readdirSync(playground).filter((name) => name.startsWith('home-adaptations-'));
    assert.equal(aside.length, 1, `the old copy is kept aside: ${readdirSync(playground).join(', ')}`);
    assert.ok(existsSync(path.join(playground, aside[0]!, 'themes', 'my-work.yaml')));
    assert.ok(fresh.output().includes(aside[0]!), 'and it says where');
    await stop(fresh);
  });
});
