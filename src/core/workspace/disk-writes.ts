/**
 * Sift's own changes of highlights files written straight to disk, not through an editor.
 *
 * A tag changes one highlights file that usually no editor shows. Applying it as an editor
 * edit meant opening the file in VS Code, applying the edit and saving it: three round trips
 * to the workbench, about half of a tag's time. When every file a change edits is a
 * highlights file with no unsaved edits in an editor, the host's atomic writer (temporary
 * file, sync, rename) writes it instead, under the workspace's write lock (the one the CLI
 * takes), and the study is updated from the bytes written: nothing is read back.
 *
 * A file whose bytes on disk are no longer those the study holds (another program, a
 * `git pull`, an editor's save wrote it since it was read) is never written over: the whole
 * change is refused before any file is touched, saying which file.
 */
import { gitBlobHash, gitBlobHashOfBytes } from '../hash';
import type { FileEdit } from '../ports';
import { isInFolder } from './load';
import type { WrittenFile } from './study-service';

/** The host's side: the files as they are now, and an atomic writer. */
export interface DiskWriter {
  readFile(path: string): Promise<Uint8Array | undefined>;
  /**
   * Writes every edit atomically, all of them or none, refusing any file that no longer has
   * the edit's expected hash; returns each file as it was (null: it did not exist). The caller
   * holds the workspace's write lock.
   */
  applyLocked(edits: readonly FileEdit[]): Promise<{ path: string; before: Uint8Array | null }[]>;
}

/** A file changed on disk since Sift read it: nothing was written. */
export class ChangedSinceRead extends Error {
  constructor(readonly path: string) {
    super(`${path} changed on disk since Sift read it (another program, a git command or an editor wrote it); nothing was written, and that change is kept.`);
  }
}

/** What a change written to disk replaced (to take it back) and left (to update the study from). */
export interface DiskWrite {
  readonly replaced: { path: string; before: Uint8Array | null }[];
  readonly written: WrittenFile[];
}

/**
 * Whether a change goes straight to disk: it edits only YAML files in the highlights folder,
 * and none of them has unsaved edits in an editor (those are left to the editor, which
 * refuses to edit behind the researcher's back).
 */
export function goesStraightToDisk(edits: readonly FileEdit[], highlightsFolder: string | undefined, hasUnsavedEdits: (path: string) => boolean): boolean {
  if (edits.length === 0 || highlightsFolder === undefined) return false;
  return edits.every((e) => isInFolder(e.path, highlightsFolder, false) && /\.ya?ml$/.test(e.path) && !hasUnsavedEdits(e.path));
}

/**
 * Writes the edits to disk when every file is still as the study read it (`held`: the hash of
 * each file's bytes as loaded or last written; a file absent from it must not exist yet).
 * Throws ChangedSinceRead, having written nothing, when one is not. Each file is read once,
 * by the writer, for its check (a highlights file of 200,000-highlight study is read and
 * hashed in the tag's time).
 */
export async function writeToDisk(disk: DiskWriter, edits: readonly FileEdit[], held: ReadonlyMap<string, string>): Promise<DiskWrite> {
  // The edit was planned on the file as the study holds it: else the study took in another version since.
  const planned = edits.find((e) => e.expectedHash !== (held.get(e.path) ?? null));
  if (planned) throw new ChangedSinceRead(planned.path);
  let replaced: DiskWrite['replaced'];
  try {
    replaced = await disk.applyLocked(edits);
  } catch (e) {
    // The writer refused, or failed: a file whose bytes are not the study's any more is said as
    // such; any other failure (a full disk) as the writer said it. (A file the writer itself
    // replaced before failing holds the edit's own content.)
    for (const edit of edits) {
      const bytes = await disk.readFile(edit.path);
      const now = bytes ? gitBlobHashOfBytes(bytes) : null;
      if (now !== edit.expectedHash && now !== (edit.kind === 'write' ? gitBlobHash(edit.content) : null)) throw new ChangedSinceRead(edit.path);
    }
    throw e;
  }
  const encoder = new TextEncoder();
  return { replaced, written: edits.map((e) => ({ path: e.path, bytes: e.kind === 'write' ? encoder.encode(e.content) : null })) };
}
