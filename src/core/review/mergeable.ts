/**
 * Which files of a workspace Sift merges by id, and the `.gitattributes` that tells git so:
 * the analysis YAML goes through `sift merge-driver`; transcripts are `-text`, so git never
 * rewrites their line endings (highlight offsets count characters of the text as written).
 */
import { DEFAULT_PATHS, type Project, type ProjectPaths } from '../model';
import type { FileKind } from '../validate';
import { isInFolder } from '../workspace/load';

/** The kind of a workspace-relative path, when Sift merges files of that kind. */
export function mergeableKindOf(path: string, paths: ProjectPaths = DEFAULT_PATHS): FileKind | undefined {
  if (!/\.ya?ml$/.test(path)) return undefined;
  if (path === paths.codebook) return 'codebook';
  if (path === paths.participants) return 'participants';
  if (isInFolder(path, paths.highlights, false)) return 'highlights';
  const perFile: [string, FileKind][] = [
    [paths.themes, 'theme'],
    [paths.insights, 'insight'],
    [paths.personas, 'persona'],
    [paths.journeys, 'journey'],
  ];
  return perFile.find(([folder]) => isInFolder(path, folder, true))?.[1];
}

export const ATTRIBUTES_HEADER = '# Sift: merge the analysis by id, keep transcripts byte for byte (sift init --git)';

/** The `.gitattributes` lines for a workspace, relative to its root. */
export function siftAttributes(project: Project | undefined): string[] {
  const paths = project?.paths ?? DEFAULT_PATHS;
  const folder = (f: string) => f.replace(/\/+$/, '');
  return [
    ATTRIBUTES_HEADER,
    `${paths.codebook} merge=sift`,
    `${paths.participants} merge=sift`,
    `${folder(paths.highlights)}/**/*.yaml merge=sift`,
    ...[paths.themes, paths.insights, paths.personas, paths.journeys].map((f) => `${folder(f)}/*.yaml merge=sift`),
    ...(project?.sources ?? []).map((glob) => `${glob} -text`),
  ];
}

/**
 * The text of `.gitattributes` with Sift's lines added after what is there; undefined when
 * every line is there already (running it again changes nothing).
 */
export function withSiftAttributes(existing: string | undefined, project: Project | undefined): string | undefined {
  const present = new Set((existing ?? '').split(/\r?\n/).map((l) => l.trim()));
  const missing = siftAttributes(project)
    .slice(1)
    .filter((l) => !present.has(l));
  if (missing.length === 0) return undefined;
  const lines = present.has(ATTRIBUTES_HEADER) ? missing : [ATTRIBUTES_HEADER, ...missing];
  const before = existing === undefined || existing === '' ? '' : existing.endsWith('\n') ? existing + '\n' : existing + '\n\n';
  return before + lines.join('\n') + '\n';
}
