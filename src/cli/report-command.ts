/**
 * `sift report [dir] [--format md|html] [--out file]`: the research report, to standard
 * output or to a file (written atomically). Refused, writing nothing, when the workspace
 * has errors: a report must not be built on files Sift could not read.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { hasErrors } from '../core/problems';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../core/report';
import { writeAtomically } from '../node/node-fs';
import { choice, type Io } from './io';
import { openWorkspace, UsageError } from './open';
import { formatProblem } from './report';

export async function reportCommand(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, options: { format: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
  const out = values.out;
  const format = choice<ReportFormat>(values.format ?? (out && /\.html?$/i.test(out) ? 'html' : undefined), REPORT_FORMATS, 'md', 'format');
  const { workspace: ws } = await openWorkspace(positionals[0] ?? '.');
  const errors = ws.problems.filter((p) => p.severity === 'error');
  if (!ws.project || hasErrors(errors)) {
    for (const p of errors) io.err(formatProblem(p, 'text'));
    io.err('The workspace has errors, so no report was made; fix them first (see `sift check`).');
    return 1;
  }
  const text = renderReport(ws, format, { date: new Date().toISOString().slice(0, 10) });
  if (!out) {
    process.stdout.write(text);
    return 0;
  }
  await writeAtomically(path.resolve(out), text);
  io.out(`Wrote ${out} (${format === 'html' ? 'HTML' : 'Markdown'}).`);
  return 0;
}
