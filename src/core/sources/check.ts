/**
 * Checks of the sources as a study reads them: each source's kind is one the study knows and
 * its fields fit their types (kinds.ts), each scanned page it attaches is an image inside the
 * study that exists, and research.yaml's period and phases run forwards.
 */
import type { Project, Transcript } from '../model';
import { problem, type Problem } from '../problems';
import type { PointedProblem } from '../workspace/references';
import { RESEARCH_FILE, type Workspace } from '../workspace/workspace';
import { sourceKindProblems } from './kinds';
import { mediaProblems } from '../media/recording';

/** Image files VS Code shows beside a transcript. */
const PAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'avif']);

/** Problems of every source, at their line and column; `exists` answers from the study's file listing. */
export function sourceProblems(ws: Workspace, exists: (path: string) => boolean): Problem[] {
  const project = ws.project;
  if (!project) return [];
  return [...[...ws.transcripts.values()].flatMap((t) => [...sourceKindProblems(project, t), ...pageProblems(t, exists)]), ...mediaProblems(ws, exists)];
}

function pageProblems(t: Transcript, exists: (path: string) => boolean): Problem[] {
  return (t.pages ?? []).flatMap((page) => {
    const extension = page.target.slice(page.target.lastIndexOf('.') + 1).toLowerCase();
    if (page.path === undefined) return [problem(t.path, page.at, 'error', 'page-outside', `The scanned page "${page.target}" is not a file inside the study; write its path relative to this transcript, like scans/page-1.jpg.`)];
    if (!exists(page.path)) return [problem(t.path, page.at, 'error', 'missing-page', `The scanned page ${page.path} does not exist. Add the image there, or correct the path (it is relative to this transcript's folder).`)];
    if (!PAGE_EXTENSIONS.has(extension)) return [problem(t.path, page.at, 'error', 'page-not-image', `The scanned page ${page.path} is not an image VS Code can show beside the text; save it as PNG or JPEG.`)];
    return [];
  });
}

/** research.yaml's period and phases: each ends on or after the day it starts. */
export function periodProblems(project: Project | undefined): PointedProblem[] {
  if (!project) return [];
  const out: PointedProblem[] = [];
  const { start, end } = project.period;
  if (start && end && end < start) out.push({ path: RESEARCH_FILE, pointer: ['period', 'end'], severity: 'error', code: 'period-backwards', message: `The study's period ends (${end}) before it starts (${start}).` });
  for (const p of project.phases) {
    if (p.to < p.from) out.push({ path: RESEARCH_FILE, pointer: ['phases', p.id, 'to'], severity: 'error', code: 'period-backwards', message: `The phase ${p.id} ends (${p.to}) before it starts (${p.from}).` });
  }
  return out;
}
