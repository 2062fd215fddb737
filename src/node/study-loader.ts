/**
 * Loading one study from a folder on disk, as the CLI and the library do: node adapters,
 * the YAML worker for large files, git for the texts highlights were anchored against, and
 * the warm cache in .sift/cache (rewritten only when something was parsed or anchored anew).
 * The study is loaded by a study service, as in the editor, so commands that write update
 * it from the bytes they wrote.
 */
import type { LoadResult } from '../core/workspace/load';
import { createStudyService, type StudyService } from '../core/workspace/study-service';
import { GitTextHistory } from './git-history';
import { NodeFileSystem } from './node-fs';
import { readSnapshot, writeSnapshot } from './snapshot-store';
import { YamlWorker } from './yaml-worker';

export interface LoadedStudyFolder extends LoadResult {
  /** The study service the study was loaded by: commands that write update it from the written bytes. */
  study: StudyService;
  fs: NodeFileSystem;
  history: GitTextHistory;
  root: string;
}

/** `root` is an absolute folder; a folder without research.yaml loads as a workspace without a project (its problems say why). */
export async function loadStudyFolder(root: string, options: { cache?: boolean } = {}): Promise<LoadedStudyFolder> {
  // The CLI's process: nothing else waits on its event loop while the study is listed.
  const fs = new NodeFileSystem(root, { blockingListing: true });
  const useCache = options.cache !== false;
  const snapshot = useCache ? await readSnapshot(root) : undefined;
  const history = new GitTextHistory(root);
  const yaml = YamlWorker.bundled();
  const study = createStudyService({
    fs,
    history,
    ...(snapshot ? { snapshot } : {}),
    // A command searches, if at all, through the index cached in .sift/cache (src/node/search-index-cache.ts).
    warmSearchIndex: false,
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
