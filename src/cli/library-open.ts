/**
 * Opening a library (or a lone study) for a command, and each study's search index, read
 * from the study's .sift/cache when it was built from the same files, else built once.
 */
import type { SearchableStudy } from '../core/library';
import { loadLibrary, type LoadedLibrary } from '../node/library';
import { cachedSearchIndex } from '../node/search-index-cache';

/** Refused with a NotALibraryError (main.ts: exit 2) when the folder is neither a library nor a study. */
export function openLibrary(dir: string, options: { cache?: boolean } = {}): Promise<LoadedLibrary> {
  return loadLibrary(dir, options);
}

/** Every study with its full-text index (tag labels included, as in Find Highlights). */
export async function searchable(loaded: LoadedLibrary, options: { cache?: boolean } = {}): Promise<SearchableStudy[]> {
  return Promise.all(loaded.studies.map(async ({ study, workspace, root }) => ({ study, workspace, index: (await cachedSearchIndex(root, workspace, options)).index })));
}
