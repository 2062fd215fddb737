/**
 * The full-text index of a study's highlights, kept across loads: after a tag or a pull only
 * the highlights files whose content changed (by the hash the load recorded) are re-indexed.
 * Building the index over 200,000 highlights blocks for seconds; every write reloads the
 * study, so rebuilding it from scratch after each one would make every filter after a tag
 * pay that again.
 */
import type { Workspace } from '../workspace/workspace';
import { FullTextIndex, searchDocOf } from './fulltext';

export class StudyIndex {
  private index: FullTextIndex | undefined;
  /** What is indexed per highlights file: the version (hash) it was indexed at and its highlight ids. */
  private files = new Map<string, { version: string | undefined; ids: string[] }>();
  /** Tag labels go into the documents: a renamed tag re-indexes everything. */
  private labelsKey = '';
  private indexedFor: Workspace | undefined;

  /** The index for this workspace, brought up to date with as little work as its changes need. */
  of(ws: Workspace): FullTextIndex {
    if (this.index && this.indexedFor === ws) return this.index;
    const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
    const labelsKey = JSON.stringify([...labels]);
    const fresh = !this.index || labelsKey !== this.labelsKey;
    if (fresh) this.files.clear();
    this.labelsKey = labelsKey;
    // Which files to (re-)index: new or changed ones. Without a recorded version (an unreadable
    // file) nothing says a file is unchanged, so it is re-indexed.
    const changed = [...ws.highlightFiles.values()].filter((f) => {
      const version = ws.versions.get(f.path);
      return version === undefined || this.files.get(f.path)?.version !== version;
    });
    // Old ids out first (of changed and of removed files), then the new ones in: a highlight
    // moved between two changed files must not be removed again after it was added.
    const changedPaths = new Set(changed.map((f) => f.path));
    for (const [path, known] of this.files) {
      if (ws.highlightFiles.has(path) && !changedPaths.has(path)) continue;
      known.ids.forEach((id) => this.index!.remove(id));
      this.files.delete(path);
    }
    const label = (id: string) => labels.get(id);
    const docs = changed.flatMap((f) => f.highlights.map((h) => searchDocOf(h, f.source, label)));
    for (const f of changed) this.files.set(f.path, { version: ws.versions.get(f.path), ids: f.highlights.map((h) => h.id) });
    if (fresh) this.index = new FullTextIndex(docs);
    else for (const doc of docs) this.index!.add(doc);
    this.indexedFor = ws;
    return this.index!;
  }
}
