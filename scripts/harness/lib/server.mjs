// code-server in a throwaway profile: its own port, user data, extensions, config, XDG dirs and TMPDIR,
// all in one short temporary folder, in its own process group so that stop() ends every child.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Quiet, repeatable workbench settings for the throwaway profile. `restricted`: Workspace Trust
 * on and the folder not trusted (Restricted Mode), without the startup prompt.
 */
export function userSettings({ theme, restricted = false } = {}) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'chat.commandCenter.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': restricted,
    'security.workspace.trust.startupPrompt': 'never',
    'git.enabled': false,
    // As in desktop VS Code. The web workbench (code-server) saves a dirty editor 1 s after its last
    // edit by default, so a test holding unsaved edits raced that save: an edit the test meant to keep
    // unsaved was written to disk whenever the extension host was busy for a second.
    'files.autoSave': 'off',
    'git.openRepositoryInParentFolders': 'never',
    ...(theme ? { 'workbench.colorTheme': theme === 'light' ? 'Default Light Modern' : 'Default Dark Modern' } : {}),
  };
}

/** A short temporary folder (unix socket paths in it must stay under 108 bytes). */
export function makeTempDir() {
  const base = process.env.SIFT_HARNESS_TMP || (existsSync('/tmp') ? '/tmp' : tmpdir());
  return mkdtempSync(join(base, 'sift-h-'));
}

/**
 * Copies a workspace folder into `dir` under its own name, so the window title reads naturally;
 * without its local cache (.sift/cache), so a run starts as on a fresh clone.
 */
export function copyWorkspace(folder, dir) {
  const source = resolve(folder);
  const target = join(dir, basename(source));
  cpSync(source, target, { recursive: true, filter: (from) => !from.startsWith(join(source, '.sift', 'cache')) });
  return target;
}

async function freePort() {
  const server = createServer();
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/**
 * Starts code-server on `folder`; resolves once /healthz answers.
 * `port`: fixed port (default: a free one). Returns { port, origin, url(payload), logDir, stop() }.
 */
export async function startServer({ harness, dir, folder, settings, port, env = {}, restricted = false }) {
  const userData = join(dir, 'ud');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify(settings, null, 2));
  for (const sub of ['ext', 'xdg/config', 'xdg/data', 't']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), 'auth: none\ncert: false\n');

  port ??= await freePort();
  const outFile = join(dir, 'code-server.log');
  const out = openSync(outFile, 'a');
  const args = [
    harness.entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(restricted ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    // Built workbenches honour the URL payload (extensionDevelopmentPath / extensionTestsPath) only with
    // the smoke-test driver on; code-server >= 4.139 passes VS Code server options through like this.
    '--vscode-option',
    'enable-smoke-test-driver',
    '--config',
    join(dir, 'config.yaml'),
    '--user-data-dir',
    userData,
    '--extensions-dir',
    join(dir, 'ext'),
    folder,
  ];
  const child = spawn(harness.node, args, {
    detached: true, // own process group: stop() kills the file watcher and extension host too
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      ...env,
      TMPDIR: join(dir, 't'),
      XDG_CONFIG_HOME: join(dir, 'xdg/config'),
      XDG_DATA_HOME: join(dir, 'xdg/data'),
      VSCODE_OPTIONS: '', // ours only
    },
  });
  let exited = null;
  child.on('exit', (code, signal) => (exited = signal ?? code));

  const stop = async () => {
    if (exited !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    for (let i = 0; i < 30 && exited === null; i++) await sleep(100);
    try {
      process.kill(-child.pid, 'SIGKILL'); // the whole group, even if the leader is gone
    } catch {}
  };

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      throw new Error(`code-server exited (${exited}) before it answered:\n${readFileSync(outFile, 'utf8').slice(-3000)}`);
    }
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${origin}/healthz within 60 s; log:\n${readFileSync(outFile, 'utf8').slice(-3000)}`);
    }
    await sleep(200);
  }

  /** The workbench URL for `folder`; `payload` is a list of [key, value] pairs (paths become vscode-remote URIs). */
  const url = (payload = {}) => {
    const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
    const pairs = [];
    if (payload.extensionDevelopmentPath) pairs.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
    if (payload.extensionTestsPath) pairs.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
    pairs.push(['skipWelcome', 'true']);
    return `${origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(pairs))}`;
  };

  return { port, origin, url, logFile: outFile, logDir: join(userData, 'logs'), stop };
}
