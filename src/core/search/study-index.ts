/**
 * The full-text index of a study's highlights, kept across loads: after a tag or a pull only
 * the highlights files whose content changed (by the hash the load recorded) are re-indexed.
 * Building the index over 200,000 highlights blocks for seconds; every write reloads the
 * study, so rebuilding it from scratch after each one would make every filter after a tag
 * pay that again.
 */
import { highlightsFilesChanged } from '../workspace/changed-files';
import type { Workspace } from '../workspace/workspace';
import { FullTextIndex, searchDocOf } from './fulltext';

export class StudyIndex {
  private index: FullTextIndex | undefined;
  /** What is indexed per highlights file: the version (hash) it was indexed at and its highlight ids. */
  private files = new Map<string, { version: string | undefined; ids: string[] }>();
  /** Tag labels go into the documents: a renamed tag re-indexes everything. */
  private labelsKey = '';
  private indexedFor: Workspace | undefined;
  /**
   * The study last asked for (a warm or `of`): a warm queued for an older one behind a first
   * build is skipped when its turn comes, rather than take the index back to that study (and
   * forward again), which also made matches taken from the newer index stale.
   */
  private latest: Workspace | undefined;
  private warming = Promise.resolve();

  /**
   * Brings the index up to date in the background: a first build (or one after a tag was
   * renamed) runs in slices, calling `pause` between documents, so the first filter finds it
   * ready instead of blocking for the build. An `of` called meanwhile builds it at once; the
   * sliced build is then dropped.
   */
  warm(ws: Workspace, pause: () => Promise<void>): Promise<void> {
    this.latest = ws;
    // One build at a time: a load during a build waits for it, then only updates it.
    const next = this.warming.then(() => this.warmNow(ws, pause));
    this.warming = next.catch(() => undefined);
    return next;
  }

  private async warmNow(ws: Workspace, pause: () => Promise<void>): Promise<void> {
    if (ws !== this.latest) return;
    const { labels, labelsKey } = labelsOf(ws);
    if (this.index && labelsKey === this.labelsKey) return void this.of(ws);
    const label = (id: string) => labels.get(id);
    const files = [...ws.highlightFiles.values()];
    const docs = (function* () {
      for (const f of files) for (const h of f.highlights) yield searchDocOf(h, f.source, label);
    })();
    const startedWith = this.index;
    const index = await FullTextIndex.built(docs, pause);
    if (this.index !== startedWith) return;
    this.index = index;
    this.labelsKey = labelsKey;
    this.files = new Map(files.map((f) => [f.path, { version: ws.versions.get(f.path), ids: f.highlights.map((h) => h.id) }]));
    this.indexedFor = ws;
  }

  /** The index for this workspace, brought up to date with as little work as its changes need. */
  of(ws: Workspace): FullTextIndex {
    this.latest = ws;
    if (this.index && this.indexedFor === ws) return this.index;
    const { labels, labelsKey } = labelsOf(ws);
    const fresh = !this.index || labelsKey !== this.labelsKey;
    if (fresh) this.files.clear();
    this.labelsKey = labelsKey;
    // Which files to (re-)index: new or changed ones. Old ids out first (of changed and of
    // removed files), then the new ones in: a highlight moved between two changed files must
    // not be removed again after it was added.
    const { changed, stale } = highlightsFilesChanged(ws, this.files);
    for (const path of stale) {
      this.files.get(path)!.ids.forEach((id) => this.index!.remove(id));
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

/** Tag labels go into the documents; the key tells when any changed. */
function labelsOf(ws: Workspace): { labels: Map<string, string>; labelsKey: string } {
  const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
  return { labels, labelsKey: JSON.stringify([...labels]) };
}
