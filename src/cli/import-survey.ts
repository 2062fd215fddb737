/**
 * `sift import survey <file> [--into dir] --text COLUMN [--id COLUMN] [--attributes A,B]`:
 * a sheet of open-ended comments into a study (src/core/survey/import.ts). The sheet is kept
 * in the study under sources/ (unless it is already inside it) as the truth the transcript
 * is made from; importing it again after an edit updates the study, and the same sheet
 * again changes nothing. A bad cell is reported by row and column and nothing is written.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { hasErrors, type Problem } from '../core/problems';
import { EditPlan } from '../core/store/plan';
import { planSurveyImport, type SurveyImport } from '../core/survey/import';
import { readSheetFile } from '../node/sheet-file';
import { writeAtomically } from '../node/node-fs';
import type { Io } from './exchange-io';
import { openWorkspace } from './open';
import { formatProblem } from './report';
import { formatCount } from '../core/format';

export const SURVEY_OPTIONS = { text: { type: 'string' }, id: { type: 'string' }, attributes: { type: 'string' } } satisfies ParseArgsConfig['options'];

export async function importSurvey(file: string, dir: string, values: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  const { workspace: ws, fs, root } = await openWorkspace(dir);
  if (!ws.project) return fail(ws.problems, io);
  const bytes = readFileSync(file);
  // The sheet as the study keeps it: where it is when it is inside the study, else under sources/.
  const inside = path.relative(root, path.resolve(file));
  const source = !inside.startsWith('..') && !path.isAbsolute(inside) ? inside.split(path.sep).join('/') : `sources/${path.basename(file)}`;
  const read = await readSheetFile(source, bytes);
  if (!read.ok) return fail(read.problems, io, 'Nothing was imported.');
  const plan = new EditPlan(fs, ws.versions);
  const attributes =
    typeof values.attributes === 'string'
      ? values.attributes
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean)
      : undefined;
  const result = await planSurveyImport(plan, ws, fs, read.sheet, {
    source,
    ...(typeof values.text === 'string' ? { text: values.text } : {}),
    ...(typeof values.id === 'string' ? { id: values.id } : {}),
    ...(attributes ? { attributes } : {}),
  });
  const planned = plan.result();
  const problems = [...result.problems, ...planned.problems];
  if (hasErrors(problems)) return fail(problems, io, 'Nothing was imported.');
  await fs.apply(planned.edits);
  const kept = await fs.readFile(source);
  const copied = !kept || Buffer.compare(Buffer.from(kept), bytes) !== 0;
  if (copied) await writeAtomically(fs.resolve(source), bytes);
  for (const line of summary(result, source, copied && !!kept, planned.edits.length === 0 && !copied)) io.out(line);
  return 0;
}

function summary(r: SurveyImport, source: string, replaced: boolean, unchanged: boolean): string[] {
  if (unchanged) return [`${source} is already imported as ${r.transcript}: nothing changed (${r.comments} comments).`];
  const lines = [`Imported ${r.comments} comments from ${r.respondents} respondents into ${r.transcript}; each is a card in Unsorted on the board.`];
  if (replaced) lines.push(`${source} replaced by the new version of the sheet.`);
  const changes = [r.added.length && `${r.added.length} new`, r.changed.length && `${r.changed.length} edited (their cards hold the new words)`, r.removed.length && `${r.removed.length} no longer in the sheet`].filter(Boolean);
  if (changes.length && r.added.length !== r.comments) lines.push(`Since the last import: ${changes.join(', ')}.`);
  if (r.changed.length) lines.push(`  edited: ${r.changed.join(', ')}`);
  if (r.removed.length) lines.push(`  removed: ${r.removed.join(', ')}${r.keptHighlights ? ` — their ${formatCount(r.keptHighlights, 'highlight')} ${r.keptHighlights === 1 ? 'is' : 'are'} kept (orphaned); \`sift check\` lists them` : ''}`);
  if (r.participantsAdded || r.participantsUpdated) lines.push(`participants.yaml: ${r.participantsAdded} added${r.participantsUpdated ? `, ${r.participantsUpdated} with attributes updated` : ''}.`);
  for (const d of r.declared) lines.push(`research.yaml: declared the attribute ${d.name} (${d.type}).`);
  for (const n of r.notes) lines.push(`Note: ${n}.`);
  return lines;
}

function fail(problems: readonly Problem[], io: Io, closing?: string): number {
  for (const p of problems) io.err(formatProblem(p, 'text'));
  if (closing) io.err(closing);
  return 1;
}
