/**
 * `sift report [dir] [--format md|html] [--out file]`: the research report, to standard
 * output or to a file (written atomically). Refused, writing nothing, when a file cannot be
 * read: a report must not quietly leave out a theme or an insight.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { hasErrors } from '../core/problems';
import type { ReportFormat } from '../core/report';
import { writeAtomically } from '../node/node-fs';
import { clipLinks } from '../node/clip-links';
import { studyGuard } from '../node/privacy-scan';
import { choice, type Io } from './io';
import { openWorkspace, UsageError } from './open';
import { formatProblem } from './report';
import type { Workspace } from '../core/workspace/workspace';
import { studyReach } from '../core/report/reach';

/**
 * Files Sift could not read would silently drop out of a report or a site: refuse (false),
 * saying which. Other errors (a withdrawn participant still cited, an unknown tag) are what
 * the report works around, with a note.
 */
export function readableForSharing(ws: Workspace, io: Io, what: 'report' | 'site'): boolean {
  if (!ws.project || ws.unreadable.size > 0) {
    for (const p of ws.problems) if (p.severity === 'error' && (ws.unreadable.has(p.path) || !ws.project)) io.err(formatProblem(p, 'text'));
    io.err(`Some files could not be read, so no ${what} was made; fix them first (see \`sift check\`).`);
    return false;
  }
  if (hasErrors(ws.problems)) io.err(`Note: the workspace has problems (see \`sift check\`); the ${what} leaves out what they affect.`);
  return true;
}

/**
 * An empty study (no transcript, highlight, insight or theme) gets no report or site: a document
 * of empty headings tells a stakeholder nothing, and a script should see that nothing was made
 * (false, exit 1). A study under way, heard but with nothing concluded yet, gets one showing who
 * was heard and how: it says so at the top, and here.
 */
export function worthSharing(ws: Workspace, io: Io, what: 'report' | 'site'): boolean {
  const reach = studyReach(ws);
  if (reach === 'nothing') {
    io.err(
      `Nothing to ${what === 'report' ? 'report' : 'publish'}: the study has no transcripts, highlights, insights or themes yet, so no ${what} was made. Add transcripts to ${transcriptFolder(ws)} (or \`sift import transcript\`), code them, then group what you find into themes and insights.`,
    );
    return false;
  }
  if (reach === 'heard') io.err(`Note: no findings yet (no insight, theme, accepted persona or journey), so the ${what} shows only who was heard and how; it says so ${what === 'report' ? 'at the top' : 'on its first page'}.`);
  return true;
}

/** Where the study's first source pattern looks for transcripts (`transcripts/` by default). */
function transcriptFolder(ws: Workspace): string {
  const parts = (ws.project?.sources[0] ?? 'transcripts/').split('/').slice(0, -1);
  const glob = parts.findIndex((part) => /[*?[{]/.test(part));
  const fixed = glob < 0 ? parts : parts.slice(0, glob);
  return fixed.length > 0 ? `${fixed.join('/')}/` : 'the study folder';
}

import { isLibraryFolder } from '../node/library';
import { libraryReportCommand } from './library-commands';

export async function reportCommand(rest: string[], io: Io): Promise<number> {
  // The report's engine, loaded only by this command (dist/report.js).
  const { renderReport, REPORT_FORMATS } = require('../core/report') as typeof import('../core/report');
  const { values, positionals } = parseArgs({ args: rest, options: { format: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
  const out = values.out;
  const format = choice<ReportFormat>(values.format ?? (out && /\.html?$/i.test(out) ? 'html' : undefined), REPORT_FORMATS, 'md', 'format');
  if (isLibraryFolder(positionals[0] ?? '.')) return libraryReportCommand(positionals[0] ?? '.', format, out, io);
  const { workspace: ws, fs, root } = await openWorkspace(positionals[0] ?? '.');
  if (!readableForSharing(ws, io, 'report') || !worthSharing(ws, io, 'report')) return 1;
  // Shared beyond the team: possible personal data nobody has set aside is masked, and the report says so.
  // Quotes link to the clips made of them, from where the report is read (the folder it is written to).
  const clips = clipLinks(root, out ? path.dirname(path.resolve(out)) : process.cwd());
  const text = renderReport(ws, format, { date: new Date().toISOString().slice(0, 10), guard: await studyGuard(ws, fs, root), clips });
  if (!out) {
    process.stdout.write(text);
    return 0;
  }
  await writeAtomically(path.resolve(out), text);
  io.out(`Wrote ${out} (${format === 'html' ? 'HTML' : 'Markdown'}).`);
  return 0;
}
