/**
 * What the commands that change a study's files share before and while they ask: a refusal in
 * Restricted Mode before anything is asked, and which input box or quick pick is open, for
 * tests (they type once it is there; the `sift.insights.asking` command answers with it).
 */
import * as vscode from 'vscode';

let asking: string | undefined;

export function currentlyAsking(): string | undefined {
  return asking;
}

/** Waits for a prompt, remembering what it asks while it is open. */
export async function ask<T>(what: string, prompt: Thenable<T>): Promise<T> {
  asking = what;
  try {
    return await prompt;
  } finally {
    if (asking === what) asking = undefined;
  }
}

/** Writes are refused in Restricted Mode; say so before asking for anything. */
export function writable(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showInformationMessage('This folder is open in Restricted Mode: Sift shows your analysis but changes no file until you trust the folder.');
  return false;
}
