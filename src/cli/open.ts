/**
 * Opening a workspace from the command line: the node adapters, the warm cache and git.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { RESEARCH_FILE, type Workspace } from '../core/workspace/workspace';
import { loadStudyFolder, type LoadedStudyFolder } from '../node/study-loader';
import type { Io } from './io';

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

/**
 * Says which files could not be read, before output that leaves them out: "4 themes" from a
 * study of five, one broken, read as the whole study. `leaves` ends the sentence: "the counts
 * below leave", "the export leaves" (… it out).
 */
export function noteUnreadable(ws: Workspace, dir: string, io: Io, leaves: string): void {
  const files = [...ws.unreadable].sort();
  if (files.length === 0) return;
  const named = files.length === 1 ? files[0] : `${files.length} files (${files.join(', ')})`;
  io.err(`Note: ${named} could not be read (see \`sift check ${dir}\`), so ${leaves} ${files.length === 1 ? 'it' : 'them'} out.`);
}
