/**
 * What an index kept across loads must read again: the highlights files that are new or whose
 * content changed (by the hash the load recorded), and those indexed before that are gone or
 * changed, whose highlights must come out first. Without a recorded version (an unreadable
 * file) nothing says a file is unchanged, so it is read again.
 */
import type { HighlightsFile } from '../model';
import type { Workspace } from './workspace';

export function highlightsFilesChanged(ws: Workspace, indexed: ReadonlyMap<string, { version: string | undefined }>): { changed: HighlightsFile[]; stale: string[] } {
  const changed = [...ws.highlightFiles.values()].filter((f) => {
    const version = ws.versions.get(f.path);
    return version === undefined || indexed.get(f.path)?.version !== version;
  });
  const changedPaths = new Set(changed.map((f) => f.path));
  const stale = [...indexed.keys()].filter((path) => !ws.highlightFiles.has(path) || changedPaths.has(path));
  return { changed, stale };
}
