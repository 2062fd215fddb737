/**
 * Opening a workspace from the command line: the node adapters, the warm cache and git.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { LoadResult } from '../core/workspace/load';
import { createStudyService, type StudyService } from '../core/workspace/study-service';
import { RESEARCH_FILE } from '../core/workspace/workspace';
import { GitTextHistory } from '../node/git-history';
import { NodeFileSystem } from '../node/node-fs';
import { readSnapshot, writeSnapshot } from '../node/snapshot-store';
import { YamlWorker } from '../node/yaml-worker';

export class UsageError extends Error {}

/** A folder that is not a Sift workspace, given to a command that needs one: exit 2 from every command. */
export class NotAWorkspaceError extends Error {
  constructor(dir: string, detail = 'it has no research.yaml') {
    super(`${dir} is not a Sift workspace: ${detail}. Create one with \`sift init ${dir}\`, or give the folder that holds research.yaml.`);
  }
}

export interface Opened extends LoadResult {
  /** The study service the study was loaded by, as in the editor: commands that write update it from the written bytes. */
  study: StudyService;
  fs: NodeFileSystem;
  history: GitTextHistory;
  root: string;
}

/**
 * `requireWorkspace: false` is for the working tree as one side of a comparison, where a
 * study that is not there (yet, or any more) is an answer rather than a mistake.
 */
export async function openWorkspace(dir: string, options: { cache?: boolean; requireWorkspace?: boolean } = {}): Promise<Opened> {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new NotAWorkspaceError(dir, existsSync(root) ? 'it is a file, not a folder' : 'there is no such folder');
  if (options.requireWorkspace !== false && !existsSync(path.join(root, RESEARCH_FILE))) throw new NotAWorkspaceError(dir);
  const fs = new NodeFileSystem(root);
  const useCache = options.cache !== false;
  const snapshot = useCache ? await readSnapshot(root) : undefined;
  const history = new GitTextHistory(root);
  const yaml = YamlWorker.bundled();
  const study = createStudyService({
    fs,
    history,
    ...(snapshot ? { snapshot } : {}),
    yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
    ...(yaml ? { parseYamlElsewhere: yaml.parse } : {}),
  });
  await study.reload().finally(() => yaml?.dispose());
  const result = study.lastLoad!;
  // Rewritten only when something was parsed or anchored anew: an unchanged study costs no write.
  const changed = result.stats.parsed > 0 || result.stats.anchored > 0 || Object.keys(snapshot?.files ?? {}).length !== Object.keys(result.snapshot.files).length;
  if (useCache && result.workspace.project && changed) await writeSnapshot(root, result.snapshot);
  return { ...result, study, fs, history, root };
}
