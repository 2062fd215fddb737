// One harness run: a temporary folder, things to undo (browser, server), and undoing them on every way out:
// normal return, error, Ctrl-C, SIGTERM. The server's logs are kept in test/.artifacts/logs/last/.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir } from './paths.mjs';
import { makeTempDir } from './server.mjs';

export async function withSession(fn) {
  const dir = makeTempDir();
  const logs = join(artifactsDir, 'logs/last');
  rmSync(logs, { recursive: true, force: true });
  const undo = []; // run in reverse order
  const keepLogs = []; // [from, name]
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch (e) {
        console.error(`harness: cleanup step failed: ${e.message}`);
      }
    }
    for (const [from, name] of keepLogs) {
      if (existsSync(from)) {
        mkdirSync(logs, { recursive: true });
        cpSync(from, join(logs, name), { recursive: true });
      }
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  const onSignal = (signal) => {
    console.error(`\nharness: ${signal}, stopping`);
    cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn({
      dir,
      onCleanup: (step) => undo.push(step),
      keepLog: (from, name) => keepLogs.push([from, name]),
    });
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
