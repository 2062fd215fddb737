/**
 * Reading a research library from disk: library.yaml, every study it lists (each loaded as
 * the study's own CLI would, warm cache included), the library's own insights, and the
 * problems of the library as a whole (its file, studies that cannot be found, codebook
 * drift, evidence cited across studies). A folder that is one study, without library.yaml,
 * reads as a library of that one study, so every command that takes a library takes a
 * study too.
 *
 *   const { library, studies } = await loadLibrary('research');
 *   for (const { id, root, workspace } of studies) …
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { codebookDrift, LIBRARY_FILE, LIBRARY_INSIGHTS_FOLDER, readLibraryInsight, studyIdOf, type Library, type LibraryStudy } from '../core/library';
import type { Insight } from '../core/model';
import { compareProblems, problem, type Problem } from '../core/problems';
import { RESEARCH_FILE, type Workspace } from '../core/workspace/workspace';
import { checkedLibrary } from './library-check-cache';
import { loadStudyFolder, type LoadedStudyFolder } from './study-loader';

export interface LoadedStudy {
  /** The study's id in the library (its folder's name for a lone study). */
  id: string;
  /** Absolute folder of the study. */
  root: string;
  /** The folder as library.yaml writes it (relative to the library; `.` for a lone study): the prefix of its problems' paths. */
  path: string;
  /** Its entry in library.yaml (made up for a lone study). */
  study: LibraryStudy;
  workspace: Workspace;
  /** The study's node adapters, for commands that go on to read or write its files. */
  opened: LoadedStudyFolder;
}

export interface LoadedLibrary {
  /** Absolute folder of library.yaml (or of the lone study). */
  root: string;
  /** Undefined for a lone study, or when library.yaml has errors (see problems). */
  library: Library | undefined;
  /** The studies that could be read, in library.yaml order. */
  studies: LoadedStudy[];
  /** The library's own insights (insights/*.yaml beside library.yaml), by id. */
  insights: Map<string, Insight>;
  /** The texts of those insight files, by path: for placing problems found later. */
  insightTexts: Map<string, string>;
  /** Problems of the library itself, paths relative to its root; each study's own are in its workspace. */
  problems: Problem[];
}

export class NotALibraryError extends Error {
  constructor(dir: string, detail: string) {
    super(`${dir} is neither a Sift library nor a study: ${detail}. Create a library with \`sift library init ${dir}\` (it lists the studies under the folder), or give a folder holding library.yaml or research.yaml.`);
  }
}

/** Whether a folder is a library (has library.yaml). */
export function isLibraryFolder(dir: string): boolean {
  return existsSync(path.join(path.resolve(dir), LIBRARY_FILE));
}

export async function loadLibrary(dir: string, options: { cache?: boolean } = {}): Promise<LoadedLibrary> {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new NotALibraryError(dir, existsSync(root) ? 'it is a file, not a folder' : 'there is no such folder');
  if (!existsSync(path.join(root, LIBRARY_FILE))) {
    if (!existsSync(path.join(root, RESEARCH_FILE))) throw new NotALibraryError(dir, `it has no ${LIBRARY_FILE} and no ${RESEARCH_FILE}`);
    const opened = await loadStudyFolder(root, options);
    const study: LibraryStudy = { id: studyIdOf(root.split(path.sep).join('/')), path: '.', tags: {} };
    return { root, library: undefined, studies: [{ id: study.id, root, path: '.', study, workspace: opened.workspace, opened }], insights: new Map(), insightTexts: new Map(), problems: [] };
  }
  const parsed = await checkedLibrary(root, readFileSync(path.join(root, LIBRARY_FILE), 'utf8'), options);
  const problems = [...parsed.problems];
  const library = parsed.library;
  if (!library) return { root, library: undefined, studies: [], insights: new Map(), insightTexts: new Map(), problems };
  const present = library.studies.filter((s, i) => {
    const missing = missingStudy(root, s);
    if (missing) problems.push(problem(LIBRARY_FILE, parsed.locate(['studies', i, 'path']), 'error', 'missing-study', missing));
    return !missing;
  });
  const studies = await mapLimited(present, 4, async (study) => {
    const studyRoot = path.resolve(root, study.path);
    const opened = await loadStudyFolder(studyRoot, options);
    return { id: study.id, root: studyRoot, path: study.path, study, workspace: opened.workspace, opened };
  });
  problems.push(...codebookDrift(library, studies, parsed.locate));
  const { insights, insightTexts, problems: insightProblems } = readInsights(root, new Set(library.studies.map((s) => s.id)));
  problems.push(...insightProblems);
  problems.sort(compareProblems);
  return { root, library, studies, insights, insightTexts, problems };
}

/** Why a listed study cannot be read, in a sentence, or undefined when it can. */
function missingStudy(root: string, study: LibraryStudy): string | undefined {
  const folder = path.resolve(root, study.path);
  if (!existsSync(folder)) return `There is no folder ${study.path} for the study ${study.id}${siblingHint(study.path)}.`;
  if (!statSync(folder).isDirectory()) return `${study.path} is a file; the study ${study.id} should be the folder holding its research.yaml.`;
  if (existsSync(path.join(folder, RESEARCH_FILE))) return undefined;
  if (readdirSync(folder).length === 0) {
    return isSubmodule(root, study.path) ? `${study.path} is a git submodule that is not checked out: fetch it with \`git submodule update --init ${study.path}\`.` : `${study.path} is empty, so the study ${study.id} cannot be read.`;
  }
  return `${study.path} has no ${RESEARCH_FILE}, so it is not a Sift study (\`sift init ${study.path}\` makes it one).`;
}

function siblingHint(studyPath: string): string {
  return studyPath.startsWith('../') ? ' (a sibling checkout: clone it next to this library)' : '';
}

/** Whether .gitmodules names the path (a submodule not yet checked out leaves an empty folder). */
function isSubmodule(root: string, studyPath: string): boolean {
  const file = path.join(root, '.gitmodules');
  return (
    existsSync(file) &&
    readFileSync(file, 'utf8')
      .split('\n')
      .some((l) => l.trim().replace(/\s+/g, ' ') === `path = ${studyPath}`)
  );
}

function readInsights(root: string, studyIds: ReadonlySet<string>): { insights: Map<string, Insight>; insightTexts: Map<string, string>; problems: Problem[] } {
  const folder = path.join(root, LIBRARY_INSIGHTS_FOLDER);
  const insights = new Map<string, Insight>();
  const insightTexts = new Map<string, string>();
  const problems: Problem[] = [];
  if (!existsSync(folder)) return { insights, insightTexts, problems };
  for (const name of readdirSync(folder)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const rel = `${LIBRARY_INSIGHTS_FOLDER}/${name}`;
    const text = readFileSync(path.join(folder, name), 'utf8');
    const read = readLibraryInsight(rel, text, studyIds);
    problems.push(...read.problems);
    if (read.insight) {
      insights.set(read.insight.id, read.insight);
      insightTexts.set(rel, text);
    }
  }
  return { insights, insightTexts, problems };
}

/** `work` over `items` with at most `limit` running at once, results in the items' order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
