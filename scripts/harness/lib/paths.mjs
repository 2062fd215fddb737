// Where things are: the repository, the installed harness (see setup.sh) and a browser.
import { existsSync, readFileSync, accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { homedir } from 'node:os';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const artifactsDir = join(repoRoot, 'test/.artifacts');

/** KEY=VALUE lines of versions.env, the one place where versions are pinned. */
export const versions = Object.fromEntries(
  readFileSync(join(import.meta.dirname, '../versions.env'), 'utf8')
    .split('\n')
    .map((line) => line.match(/^([A-Z_]+)=("?)(.*)\2$/))
    .filter(Boolean)
    .map((m) => [m[1], m[3]]),
);

export const harnessHome = process.env.SIFT_HARNESS_HOME || join(process.env.HOME || homedir(), '.cache/sift-harness');

const isExecutable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** CHROME_PATH, SIFT_CHROMIUM, then Chromium/Chrome on PATH (the same order as setup.sh). */
export function findBrowser() {
  for (const name of ['CHROME_PATH', 'SIFT_CHROMIUM']) {
    const file = process.env[name];
    if (file) {
      if (!isExecutable(file)) throw new Error(`${name}=${file} is not an executable file`);
      return file;
    }
  }
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    for (const exe of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
      if (dir && isExecutable(join(dir, exe))) return join(dir, exe);
    }
  }
  return undefined;
}

/** The installed harness, or an error that says how to install it. */
export function installedHarness() {
  const node = join(harnessHome, `node-${versions.NODE_VERSION}/bin/node`);
  const entry = join(harnessHome, `code-server-${versions.CODE_SERVER_VERSION}/node_modules/code-server/out/node/entry.js`);
  const browser = findBrowser();
  const missing = [!existsSync(node) && `Node ${versions.NODE_VERSION} (${node})`, !existsSync(entry) && `code-server ${versions.CODE_SERVER_VERSION} (${entry})`, !browser && 'a Chrome or Chromium (or CHROME_PATH / SIFT_CHROMIUM)'].filter(
    Boolean,
  );
  if (missing.length > 0) {
    throw new Error(`the real-VS-Code harness is not installed: missing ${missing.join(', ')}.\n` + `Run 'npm run setup' (or 'bash scripts/harness/setup.sh'); SIFT_HARNESS_HOME=${harnessHome}`);
  }
  return { node, entry, browser };
}
