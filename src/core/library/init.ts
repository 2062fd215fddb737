/**
 * `sift library init`: the text of a library.yaml listing the studies found under a folder.
 * Ids come from folder names (made unique with -2, -3 … in path order), studies are listed
 * in path order, so the same folders always give the same file.
 */
import { canonicalize, renderDocument } from '../store/canonical';
import { Document } from 'yaml';
import { LIBRARY_FILE, studyIdOf } from './library';

/** `folders` are the studies' paths relative to the library, forward slashes (`.` not allowed: a library is not a study). */
export function libraryYaml(name: string, folders: readonly string[]): string {
  const taken = new Set<string>();
  const studies = [...folders].sort().map((path) => {
    const base = studyIdOf(path);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return { id, path };
  });
  const doc = new Document({ name, studies });
  doc.commentBefore = ` A Sift research library: each study is a complete workspace, read where it is.\n Add a shared codebook with codebook: (global tags), and map a study's own tags onto\n them under its tags:. Check it with \`sift check\` here; see ${LIBRARY_FILE} in the README.`;
  canonicalize('library', doc);
  return renderDocument(doc);
}
