/**
 * Opening a library (or a lone study) for a command, and each study's search index, built
 * once per command.
 */
import { searchDocOf, FullTextIndex } from '../core/search/fulltext';
import type { SearchableStudy } from '../core/library';
import { loadLibrary, type LoadedLibrary } from '../node/library';

/** Refused with a NotALibraryError (main.ts: exit 2) when the folder is neither a library nor a study. */
export function openLibrary(dir: string, options: { cache?: boolean } = {}): Promise<LoadedLibrary> {
  return loadLibrary(dir, options);
}

/** Every study with its full-text index (tag labels included, as in Find Highlights). */
export function searchable(loaded: LoadedLibrary): SearchableStudy[] {
  return loaded.studies.map(({ study, workspace }) => {
    const labels = new Map(workspace.codebook.map((t) => [t.id, t.label]));
    const docs = [...workspace.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => searchDocOf(h, f.source, (id) => labels.get(id))));
    return { study, workspace, index: new FullTextIndex(docs) };
  });
}
