// `serve` (npm start): code-server on the researcher's copy of a workspace (./playground.mjs), with
// the extension loaded from the working tree. Prints the URL to open in any browser and where the
// work is kept; runs until Ctrl-C, and says again where the work is when it stops.
// Rebuild and reload the window to see changes to Sift.
import { resolve } from 'node:path';
import { installedHarness, repoRoot } from './paths.mjs';
import { playgroundCopy } from './playground.mjs';
import { startServer, userSettings } from './server.mjs';
import { withSession } from './session.mjs';

export async function serve({ workspace, inPlace = false, playground, fresh = false, port, theme }) {
  const harness = installedHarness();
  const copy = inPlace ? { folder: resolve(workspace), reused: true } : playgroundCopy(workspace, { ...(playground ? { root: playground } : {}), fresh });
  const { folder } = copy;
  await withSession(async ({ dir, onCleanup, keepLog }) => {
    // First in, so it runs last: the final word after the server has stopped.
    onCleanup(() => console.log(inPlace ? `\nSift stopped; your changes are in ${folder}.` : `\nSift stopped. Your work is kept in ${folder}\n'npm start' opens it again ('npm start -- --fresh' starts from a new copy of the example).`));
    const server = await startServer({ harness, dir, folder, port, settings: userSettings({ theme }) });
    onCleanup(server.stop);
    keepLog(server.logFile, 'code-server.log');
    keepLog(server.logDir, 'vscode');
    const url = server.url({ extensionDevelopmentPath: repoRoot });
    const where = inPlace
      ? `workspace: ${folder} (edited in place)`
      : `your copy of the study: ${folder}\n` +
        (copy.reused ? `  (the one you worked in before, kept between runs; 'npm start -- --fresh' starts from a new copy)` : `  (a new copy of ${resolve(workspace)}, kept when you stop: the next 'npm start' opens it again)`) +
        (copy.setAside ? `\nyour previous copy is kept in ${copy.setAside}` : '');
    console.log(`\nSift in VS Code (code-server), extension from ${repoRoot}\n` + `${where}\n\n` + `  open: ${url}\n\n` + `After 'npm run build', reload the window (F1 > Developer: Reload Window). Ctrl-C stops the server.`);
    await new Promise(() => {}); // until a signal; the session cleans up then
  });
}
