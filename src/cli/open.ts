/**
 * Opening a workspace from the command line: the node adapters, the warm cache and git.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { loadWorkspace, type LoadResult } from '../core/workspace/load';
import { GitTextHistory } from '../node/git-history';
import { NodeFileSystem } from '../node/node-fs';
import { readSnapshot, writeSnapshot } from '../node/snapshot-store';
import { YamlWorker } from '../node/yaml-worker';

export class UsageError extends Error {}

export interface Opened extends LoadResult {
  fs: NodeFileSystem;
  history: GitTextHistory;
  root: string;
}

export async function openWorkspace(dir: string, options: { cache?: boolean } = {}): Promise<Opened> {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${dir} is not a folder.`);
  const fs = new NodeFileSystem(root);
  const useCache = options.cache !== false;
  const snapshot = useCache ? await readSnapshot(root) : undefined;
  const history = new GitTextHistory(root);
  const yaml = YamlWorker.bundled();
  const result = await loadWorkspace(fs, {
    history,
    ...(snapshot ? { snapshot } : {}),
    yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
    ...(yaml ? { parseYamlElsewhere: yaml.parse } : {}),
  }).finally(() => yaml?.dispose());
  // Rewritten only when something was parsed or anchored anew: an unchanged study costs no write.
  const changed = result.stats.parsed > 0 || result.stats.anchored > 0 || Object.keys(snapshot?.files ?? {}).length !== Object.keys(result.snapshot.files).length;
  if (useCache && result.workspace.project && changed) await writeSnapshot(root, result.snapshot);
  return { ...result, fs, history, root };
}
