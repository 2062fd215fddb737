// `serve` (npm start): code-server on a copy of a workspace, with the extension loaded from the working tree.
// Prints the URL to open in any browser; runs until Ctrl-C. Rebuild and reload the window to see changes.
import { resolve } from 'node:path';
import { installedHarness, repoRoot } from './paths.mjs';
import { copyWorkspace, startServer, userSettings } from './server.mjs';
import { withSession } from './session.mjs';

export async function serve({ workspace, inPlace = false, port, theme }) {
  const harness = installedHarness();
  await withSession(async ({ dir, onCleanup, keepLog }) => {
    const folder = inPlace ? resolve(workspace) : copyWorkspace(workspace, dir);
    const server = await startServer({ harness, dir, folder, port, settings: userSettings({ theme }) });
    onCleanup(server.stop);
    keepLog(server.logFile, 'code-server.log');
    keepLog(server.logDir, 'vscode');
    const url = server.url({ extensionDevelopmentPath: repoRoot });
    console.log(
      `\nSift in VS Code (code-server), extension from ${repoRoot}\n` +
        `workspace: ${folder}${inPlace ? '' : ' (a throwaway copy; --in-place edits the original)'}\n\n` +
        `  open: ${url}\n\n` +
        `After 'npm run build', reload the window (F1 > Developer: Reload Window). Ctrl-C stops the server.`,
    );
    await new Promise(() => {}); // until a signal; the session cleans up then
  });
}
