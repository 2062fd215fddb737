/**
 * Opening a workspace from the command line: the node adapters, the warm cache and git.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { RESEARCH_FILE } from '../core/workspace/workspace';
import { loadStudyFolder, type LoadedStudyFolder } from '../node/study-loader';

export class UsageError extends Error {}

/** A folder that is not a Sift workspace, given to a command that needs one: exit 2 from every command. */
export class NotAWorkspaceError extends Error {
  constructor(dir: string, detail = 'it has no research.yaml') {
    super(`${dir} is not a Sift workspace: ${detail}. Create one with \`sift init ${dir}\`, or give the folder that holds research.yaml.`);
  }
}

export type Opened = LoadedStudyFolder;

/**
 * `requireWorkspace: false` is for the working tree as one side of a comparison, where a
 * study that is not there (yet, or any more) is an answer rather than a mistake.
 */
export async function openWorkspace(dir: string, options: { cache?: boolean; requireWorkspace?: boolean } = {}): Promise<Opened> {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new NotAWorkspaceError(dir, existsSync(root) ? 'it is a file, not a folder' : 'there is no such folder');
  if (options.requireWorkspace !== false && !existsSync(path.join(root, RESEARCH_FILE))) throw new NotAWorkspaceError(dir);
  return loadStudyFolder(root, options);
}
