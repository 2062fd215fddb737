/**
 * REFI-QDA project exchange (.qdpx) from bytes to bytes, for the CLI and the extension:
 * `exportQdpx` gives the archive to write, `importQdpx` the files of a new workspace.
 */
import type { IFileSystem } from '../ports';
import { problem, type Problem } from '../problems';
import type { Workspace } from '../workspace/workspace';
import { checkProject } from './check';
import { ContainerError, DEFAULT_LIMITS, packQdpx, unpackQdpx, type ContainerLimits } from './container';
import { exportProject } from './export-project';
import { importProject, type ImportOptions, type ProjectImport } from './import-project';
import { LossReport, type Loss } from './losses';
import { readProject } from './read-project';
import { readRefiXml } from './xml-read';

export interface QdpxExport {
  bytes: Uint8Array;
  losses: Loss[];
  problems: Problem[];
}

export async function exportQdpx(ws: Workspace, fs: IFileSystem): Promise<QdpxExport> {
  const project = await exportProject(ws, fs);
  const problems = [...project.problems];
  // The export checks itself: a fault here is a bug in Sift, and nothing half-right is written.
  const read = readRefiXml('project.qde', project.xml, 'Project', 'project');
  const texts = new Map(project.sources.map((s) => [s.path.slice('sources/'.length).toLowerCase(), s.text]));
  const faults = read.ok ? checkProject(read.root, texts) : [read.problem.message];
  for (const f of faults) problems.push(problem('project.qde', undefined, 'error', 'export-check', `The export failed its own check (please report this as a bug): ${f}`));
  return { bytes: faults.length > 0 ? new Uint8Array() : packQdpx(project.xml, project.sources), losses: project.losses, problems };
}

/** A new workspace's files from a `.qdpx`; `label` names the file in messages. */
export async function importQdpx(bytes: Uint8Array, label: string, options: ImportOptions & { limits?: ContainerLimits } = {}): Promise<ProjectImport> {
  let unpacked;
  try {
    unpacked = unpackQdpx(bytes, options.limits ?? DEFAULT_LIMITS);
  } catch (e) {
    if (e instanceof ContainerError) return failedImport(problem(label, undefined, 'error', 'qdpx-container', e.message));
    throw e;
  }
  return importQde(unpacked.project, unpacked.texts, label, options);
}

/** A bare `.qde` (or the one inside a `.qdpx`), with the plain-text sources at hand. */
export async function importQde(qde: Uint8Array, texts: ReadonlyMap<string, Uint8Array>, label: string, options: ImportOptions = {}): Promise<ProjectImport> {
  const xml = decodeUtf8(qde);
  if (xml === undefined) return failedImport(problem(label, undefined, 'error', 'refi-encoding', 'project.qde is not UTF-8 text, as REFI-QDA requires.'));
  const read = readRefiXml(label, xml, 'Project', 'project');
  if (!read.ok) return failedImport(read.problem);
  const losses = new LossReport();
  return importProject(readProject(read.root, losses), texts, label, losses, options);
}

function failedImport(p: Problem): ProjectImport {
  return { edits: [], problems: [p], losses: [], counts: { transcripts: 0, highlights: 0, tags: 0, participants: 0 } };
}

declare const TextDecoder: { new (label: string, options?: { fatal?: boolean }): { decode(bytes: Uint8Array): string } };
const strict = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    const text = strict.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
