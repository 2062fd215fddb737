// Where `npm start` keeps the researcher's copy of the example study: a stable folder, git-ignored,
// reused by the next start so that work done in it survives Ctrl-C. `fresh` starts again from the
// example and keeps the old copy aside (renamed with the time), so no work is ever thrown away.
import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { WORKSPACE_RECORDINGS } from '../../test-recordings.mjs';
import { basename, join, resolve } from 'node:path';
import { repoRoot } from './paths.mjs';
import { copyWorkspace } from './server.mjs';

export const defaultPlayground = join(repoRoot, '.sift-playground');

/** Returns { folder, reused, setAside? }: the copy of `workspace` in `root`, made if missing (or `fresh`). */
export function playgroundCopy(workspace, { root = defaultPlayground, fresh = false } = {}) {
  const folder = join(resolve(root), basename(resolve(workspace)));
  let setAside;
  if (existsSync(folder) && fresh) {
    setAside = `${folder}-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}`;
    renameSync(folder, setAside);
  }
  if (existsSync(folder)) {
    // A recording made after the copy (`npm run example:recording`) is brought in: the README's walk-through plays it.
    for (const { recording } of WORKSPACE_RECORDINGS) {
      const from = join(resolve(workspace), ...recording.split('/'));
      const to = join(folder, ...recording.split('/'));
      if (existsSync(from) && !existsSync(to)) copyFileSync(from, to);
    }
    return { folder, reused: true };
  }
  mkdirSync(resolve(root), { recursive: true });
  copyWorkspace(workspace, resolve(root));
  return { folder, reused: false, ...(setAside ? { setAside } : {}) };
}
