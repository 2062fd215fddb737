/**
 * The shared codebook and how studies drift from it. A study uses a global tag by having a
 * tag of the same id, or maps its own tag onto one in library.yaml. Drift is what makes
 * counting across studies wrong without anyone noticing:
 * - a study **redefines** a global tag: same id, another label or description, so "waiting
 *   time" means one thing here and another there;
 * - a mapping is **orphaned**: it names a study tag that is no longer in that study's
 *   codebook (renamed or deleted), so the study's highlights silently stop counting;
 * - a global tag is **orphaned**: no study uses it or maps onto it any more.
 * Each is a warning at its place in library.yaml: the studies stay valid on their own.
 */
import type { Tag } from '../model';
import { problem, type Problem } from '../problems';
import type { Workspace } from '../workspace/workspace';
import { globalTagOf, LIBRARY_FILE, type Library, type LibraryStudy, type Locate, type StudyInLibrary } from './library';

export function codebookDrift(library: Library, studies: readonly StudyInLibrary[], locate: Locate): Problem[] {
  const problems: Problem[] = [];
  const warn = (segments: (string | number)[], code: string, message: string, preferKey = false) => problems.push(problem(LIBRARY_FILE, locate(segments, preferKey), 'warning', code, message));
  const usedGlobally = new Set<string>();
  library.codebook.forEach((global, g) => {
    for (const { study, workspace } of studies) {
      const own = workspace.codebook.find((t) => t.id === global.id);
      if (!own) continue;
      const differs = redefinition(global, own);
      if (differs)
        warn(
          ['codebook', g, differs.field],
          'redefined-global-tag',
          `${study.id} redefines the global tag ${global.id}: its codebook says ${differs.field} ${JSON.stringify(differs.theirs)}, the library ${JSON.stringify(differs.ours)}. Align them, or give the study's tag its own id and map it here.`,
        );
    }
  });
  for (const { study, workspace } of studies) {
    const index = library.studies.indexOf(study);
    const own = new Set(workspace.codebook.map((t) => t.id));
    for (const [tag, target] of Object.entries(study.tags)) {
      if (!own.has(tag))
        warn(['studies', index, 'tags', tag], 'orphaned-mapping', `${study.id} has no tag ${tag} any more (renamed or deleted?), so none of its highlights count towards the global tag ${target}. Map the tag that replaced it.`, true);
    }
    for (const t of workspace.codebook) {
      const global = globalTagOf(library, study, t.id);
      if (global !== undefined && (own.has(t.id) || t.id in study.tags)) usedGlobally.add(global);
    }
  }
  library.codebook.forEach((global, g) => {
    if (!usedGlobally.has(global.id))
      warn(['codebook', g, 'id'], 'orphaned-global-tag', `No study uses the global tag ${global.id} or maps a tag onto it, so it counts nothing. Map a study's tag onto it (studies: - tags: {their-tag: ${global.id}}), or remove it.`);
  });
  return problems;
}

/** The first of label and description that a study's tag of the same id writes differently. */
function redefinition(global: { label: string; description?: string }, own: Tag): { field: 'label' | 'description'; ours: string; theirs: string } | undefined {
  const same = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!same(global.label, own.label)) return { field: 'label', ours: global.label, theirs: own.label };
  // A study may leave the description out (the library's applies); writing another one redefines the tag.
  if (global.description !== undefined && own.description !== undefined && !same(global.description, own.description)) return { field: 'description', ours: global.description, theirs: own.description };
  return undefined;
}

/** Every tag of a study that stands for a global tag (its own id, or mapped onto it). */
export function studyTagsOf(library: Library, study: LibraryStudy, workspace: Workspace, globalId: string): string[] {
  return workspace.codebook.filter((t) => globalTagOf(library, study, t.id) === globalId).map((t) => t.id);
}
