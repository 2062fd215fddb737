/**
 * Settings with defaults worked out from the environment.
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

let gitUserName: Promise<string | undefined> | undefined;

/** `sift.coder`, or git's `user.name` when it is empty (asked once per session). */
export async function coderName(folder: vscode.Uri): Promise<string | undefined> {
  const configured = vscode.workspace.getConfiguration('sift', folder).get<string>('coder', '').trim();
  if (configured) return configured;
  if (folder.scheme !== 'file') return undefined;
  gitUserName ??= new Promise((resolve) => execFile('git', ['config', 'user.name'], { cwd: folder.fsPath, timeout: 2000 }, (err, stdout) => resolve(err ? undefined : stdout.trim() || undefined)));
  return gitUserName;
}
