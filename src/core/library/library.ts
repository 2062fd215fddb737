/**
 * A research library: `library.yaml` lists studies (sub-folders, git submodules or sibling
 * checkouts), each a complete Sift workspace that keeps working on its own, and may hold a
 * codebook of global tags the studies share. The library never copies a study's files: it
 * names where they are, and reads them there.
 */
import { slugify } from '../ids';
import { problem, type Problem } from '../problems';
import { validateAgainstSchema } from '../validate';
import type { Workspace } from '../workspace/workspace';
import { parseYaml, positionOf, type ParsedYaml } from '../yaml/parse';

export const LIBRARY_FILE = 'library.yaml';

export interface LibraryStudy {
  /** Stable, unique in the library: evidence across studies is cited as `id:h-xxxxxxxx`. */
  id: string;
  /** Relative to library.yaml, forward slashes (may start with `../` for a sibling checkout). */
  path: string;
  /** The study's own tags mapped onto global tags: study tag id → global tag id. */
  tags: Record<string, string>;
}

/** A study of the library, loaded. */
export interface StudyInLibrary {
  study: LibraryStudy;
  workspace: Workspace;
}

export interface GlobalTag {
  id: string;
  label: string;
  description?: string;
  color?: string;
}

export interface Library {
  name: string | undefined;
  description: string | undefined;
  studies: LibraryStudy[];
  /** The shared codebook; empty when the library has none. */
  codebook: GlobalTag[];
}

/** Where in library.yaml a part of it is written, for problems found after parsing. */
export type Locate = (segments: readonly (string | number)[], preferKey?: boolean) => { line: number; column: number; endLine: number; endColumn: number };

export interface ParsedLibrary {
  /** Undefined when the file has errors: nothing is read from a half-valid library. */
  library: Library | undefined;
  problems: Problem[];
  locate: Locate;
}

/** Reads library.yaml: YAML, then its schema, then what a schema cannot say (unique ids and paths, mappings onto known global tags). */
export function parseLibrary(text: string, path = LIBRARY_FILE): ParsedLibrary {
  const parsed = parseYaml(path, text);
  const locate: Locate = (segments, preferKey) => positionOf(parsed, segments, preferKey);
  if (!parsed.doc) return { library: undefined, problems: parsed.problems, locate };
  const value = (parsed.doc.toJS({ maxAliasCount: 0 }) ?? {}) as Record<string, unknown>;
  const problems = [...parsed.problems, ...validateAgainstSchema('library', path, parsed, value)];
  if (problems.some((p) => p.severity === 'error')) return { library: undefined, problems, locate };
  const library = toLibrary(value);
  problems.push(...consistencyProblems(library, path, parsed));
  return { library: problems.some((p) => p.severity === 'error') ? undefined : library, problems, locate };
}

/**
 * Where parts of library.yaml are written, parsing the text only when first asked: a library
 * read from a cache of its check (src/node/library-check-cache.ts) usually has nothing to place.
 */
export function locatorOf(text: string, path = LIBRARY_FILE): Locate {
  let parsed: ParsedYaml | undefined;
  return (segments, preferKey) => positionOf((parsed ??= parseYaml(path, text)), segments, preferKey);
}

function toLibrary(raw: Record<string, unknown>): Library {
  const studies = (raw.studies as { id: string; path: string; tags?: Record<string, string> }[]).map((s) => ({ id: s.id, path: s.path.replace(/\\/g, '/').replace(/\/+$/, ''), tags: s.tags ?? {} }));
  return {
    name: raw.name as string | undefined,
    description: raw.description as string | undefined,
    studies,
    codebook: (raw.codebook as GlobalTag[] | undefined) ?? [],
  };
}

function consistencyProblems(library: Library, path: string, parsed: ParsedYaml): Problem[] {
  const problems: Problem[] = [];
  const at = (segments: (string | number)[], preferKey = false) => positionOf(parsed, segments, preferKey);
  const firstOf = new Map<string, number>();
  const pathOf = new Map<string, number>();
  library.studies.forEach((s, i) => {
    const again = firstOf.get(s.id);
    if (again !== undefined)
      problems.push(problem(path, at(['studies', i, 'id']), 'error', 'duplicate-study', `The study id ${s.id} is used twice (also study ${again + 1}); each study needs its own id, since evidence is cited as ${s.id}:h-….`));
    else firstOf.set(s.id, i);
    const folder = normalisedPath(s.path);
    if (/^(?:[a-zA-Z]:)?\//.test(s.path))
      problems.push(
        problem(path, at(['studies', i, 'path']), 'error', 'absolute-study-path', `Write the study's folder relative to library.yaml (e.g. studies/${s.id} or ../${s.id}), so the library works on every machine that checks it out.`),
      );
    const twin = pathOf.get(folder);
    if (twin !== undefined) problems.push(problem(path, at(['studies', i, 'path']), 'error', 'duplicate-study-path', `${s.path} is already study ${library.studies[twin]!.id}; a study is listed once.`));
    else pathOf.set(folder, i);
  });
  const global = new Set<string>();
  library.codebook.forEach((t, i) => {
    if (global.has(t.id)) problems.push(problem(path, at(['codebook', i, 'id']), 'error', 'duplicate-tag', `The global tag ${t.id} is defined twice; keep one entry.`));
    global.add(t.id);
  });
  library.studies.forEach((s, i) => {
    for (const [own, target] of Object.entries(s.tags)) {
      if (!global.has(target)) {
        const known = library.codebook.length > 0 ? `the shared codebook has ${library.codebook.map((t) => t.id).join(', ')}` : 'library.yaml has no codebook: (add one first)';
        problems.push(problem(path, at(['studies', i, 'tags', own]), 'error', 'unknown-global-tag', `${s.id} maps its tag ${own} onto ${target}, which is not a global tag: ${known}.`));
      }
    }
  });
  return problems;
}

/** `a/./b/` → `a/b`, for comparing two ways of writing one folder. */
function normalisedPath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** The global tag a study's tag stands for: its mapping, else the global tag of the same id. */
export function globalTagOf(library: Library, study: LibraryStudy, tagId: string): string | undefined {
  const mapped = study.tags[tagId];
  if (mapped !== undefined) return mapped;
  return library.codebook.some((t) => t.id === tagId) ? tagId : undefined;
}

/** A study id made from a folder name: lower-case words joined by hyphens. */
export function studyIdOf(folder: string): string {
  const id = slugify(folder.split('/').filter(Boolean).pop() ?? 'study');
  return id === 'untitled' ? 'study' : id;
}

/** A cited piece of evidence across studies: `study-id:h-xxxxxxxx`. */
export interface StudyHighlightRef {
  study: string;
  highlight: string;
}

export function parseStudyRef(ref: string): StudyHighlightRef | undefined {
  const m = /^([a-z0-9]+(?:-[a-z0-9]+)*):(h-[0-9a-hjkmnp-tv-z]{8})$/.exec(ref);
  return m ? { study: m[1]!, highlight: m[2]! } : undefined;
}

export function studyRef(study: string, highlight: string): string {
  return `${study}:${highlight}`;
}
