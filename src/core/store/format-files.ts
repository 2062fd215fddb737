/**
 * `sift fmt`: puts every YAML file of the workspace into canonical form (see
 * store/canonical.ts). Files with errors are reported and left alone.
 */
import type { IFileSystem } from '../ports';
import { EditPlan, type EditResult } from './plan';
import type { FileKind } from '../validate';
import { RESEARCH_FILE, type Workspace } from '../workspace/workspace';

/** Every YAML file Sift owns, with its kind. */
export function yamlFilesOf(ws: Workspace): [string, FileKind][] {
  const paths = ws.project?.paths;
  if (!paths) return [];
  const files: [string, FileKind][] = [[RESEARCH_FILE, 'research']];
  const present = (p: string) => ws.versions.has(p);
  if (present(paths.codebook)) files.push([paths.codebook, 'codebook']);
  if (present(paths.participants)) files.push([paths.participants, 'participants']);
  for (const p of ws.highlightFiles.keys()) files.push([p, 'highlights']);
  for (const t of ws.themes.values()) files.push([t.path, 'theme']);
  for (const i of ws.insights.values()) files.push([i.path, 'insight']);
  for (const p of ws.personas.values()) files.push([p.path, 'persona']);
  for (const j of ws.journeys.values()) files.push([j.path, 'journey']);
  return files;
}

export async function formatWorkspace(fs: IFileSystem, ws: Workspace): Promise<EditResult> {
  const plan = new EditPlan(fs, ws.versions);
  // A file with errors (syntax, or not the shape of its kind, like an emptied file) is left
  // exactly as it is: its problems are reported by the load.
  for (const [path, kind] of yamlFilesOf(ws)) if (!ws.unreadable.has(path)) await plan.edit(kind, path, () => true);
  return plan.result();
}
