/**
 * `sift import qdpx|qdc|transcript`: bringing work in from other tools.
 * - `qdpx <file> --into <dir>`: a REFI-QDA project (or a bare .qde) becomes a new
 *   workspace, created whole in a temporary folder and moved into place.
 * - `qdc <file> [dir]`: a REFI-QDA codebook's codes are added to the workspace's codebook.
 * - `transcript <file>… [--participant P07] [--into dir]`: captions, text exports and Word
 *   files become Markdown transcripts in transcripts/.
 * - `survey <file> [--into dir] --text COLUMN [--id COLUMN] [--attributes A,B]`: a CSV or
 *   XLSX of open-ended comments (see src/cli/import-survey.ts).
 * Anything that goes wrong is reported and nothing is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IncomingTranscript } from '../core/exchange';

/** REFI-QDA and transcript import, loaded when an import runs (dist/exchange.js). */
const exchange = () => require('../core/exchange') as typeof import('../core/exchange');
import { hasErrors, type Problem } from '../core/problems';
import { EditPlan } from '../core/store/plan';
import { transcriptFileText } from '../node/docx';
import { createFolder, FolderNotEmptyError } from '../node/new-folder';
import { externalSourceReader, textsBeside } from '../node/refi-sources';
import { reportLosses, subcommandArgs, type Io } from './exchange-io';
import { importSurvey, SURVEY_OPTIONS } from './import-survey';
import { openWorkspace, UsageError } from './open';
import { formatProblem } from './report';
import { formatCount } from '../core/format';

export async function importCommand(rest: string[], io: Io): Promise<number> {
  const { sub, positionals, values } = subcommandArgs(
    rest,
    ['qdpx', 'qdc', 'transcript', 'survey'] as const,
    { into: { type: 'string' }, participant: { type: 'string' }, 'skip-missing-sources': { type: 'boolean' }, ...SURVEY_OPTIONS },
    'import',
  );
  if (positionals.length === 0) throw new UsageError(`sift import ${sub} needs a file to import.`);
  if (sub !== 'transcript' && values.participant !== undefined) throw new UsageError('--participant is an option of `sift import transcript`.');
  if (sub !== 'survey' && Object.keys(SURVEY_OPTIONS).some((o) => values[o] !== undefined)) throw new UsageError('--text, --id and --attributes are options of `sift import survey`.');
  for (const file of positionals) if (!existsSync(file)) throw new UsageError(`${file} does not exist.`);
  const into = typeof values.into === 'string' ? values.into : undefined;
  if (sub === 'survey') {
    if (positionals.length > 1) throw new UsageError('sift import survey takes one file.');
    return importSurvey(positionals[0]!, into ?? '.', values, io);
  }
  if (sub === 'qdpx') {
    if (positionals.length > 1) throw new UsageError('sift import qdpx takes one file.');
    if (!into) throw new UsageError('sift import qdpx needs --into <folder>: the new workspace to create.');
    return importProjectFile(positionals[0]!, into, values['skip-missing-sources'] === true, io);
  }
  if (sub === 'qdc') {
    if (positionals.length > 2) throw new UsageError('sift import qdc takes one file and at most one folder.');
    return importCodebookFile(positionals[0]!, positionals[1] ?? into ?? '.', io);
  }
  return importTranscripts(positionals, into ?? '.', typeof values.participant === 'string' ? values.participant : undefined, io);
}

async function importProjectFile(file: string, into: string, skipMissingSources: boolean, io: Io): Promise<number> {
  const bytes = readFileSync(file);
  const label = path.basename(file);
  const options = { readExternal: externalSourceReader(file), skipMissingSources };
  // A .qdpx is a ZIP ("PK"); anything else is read as a bare project.qde, its sources beside it.
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const result = isZip ? await exchange().importQdpx(bytes, label, options) : await exchange().importQde(bytes, textsBeside(file), label, options);
  for (const p of result.problems) io.err(formatProblem(p, 'text'));
  if (result.edits.length === 0) {
    io.err('Nothing was imported.');
    return 1;
  }
  try {
    await createFolder(
      into,
      result.edits.flatMap((e) => (e.kind === 'write' ? [{ path: e.path, content: e.content }] : [])),
    );
  } catch (e) {
    if (e instanceof FolderNotEmptyError) {
      io.err(`sift: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const c = result.counts;
  io.out(`Imported ${label} into ${into}: ${c.transcripts} transcripts, ${c.highlights} highlights, ${c.tags} tags, ${c.participants} participants.`);
  reportLosses(result.losses, 'Sift cannot hold everything in this project; left out or approximated:', io.out);
  io.out(`Next: \`sift check ${into}\`.`);
  return 0;
}

async function importCodebookFile(file: string, dir: string, io: Io): Promise<number> {
  const { workspace: ws, fs } = await openWorkspace(dir);
  if (!ws.project) return fail(ws.problems, io);
  const plan = new EditPlan(fs, ws.versions);
  const result = await exchange().importQdc(plan, ws, readFileSync(file), path.basename(file));
  const planned = plan.result();
  const problems = [...result.problems, ...planned.problems];
  if (hasErrors(problems)) return fail(problems, io);
  await fs.apply(planned.edits);
  io.out(
    `Added ${result.added.length === 0 ? 'no tag' : formatCount(result.added.length, 'tag')} to the codebook${result.matched.length > 0 ? `; ${result.matched.length} ${result.matched.length === 1 ? 'was' : 'were'} already there` : ''}.`,
  );
  reportLosses(result.losses, 'Left out:', io.out);
  return 0;
}

async function importTranscripts(files: string[], dir: string, participant: string | undefined, io: Io): Promise<number> {
  const { workspace: ws, fs } = await openWorkspace(dir);
  if (!ws.project) return fail(ws.problems, io);
  const plan = new EditPlan(fs, ws.versions);
  const incoming = await Promise.all(files.map((file) => readTranscriptFile(file)));
  const result = await exchange().planTranscriptImport(plan, ws, incoming, participant);
  const planned = plan.result();
  const problems = [...result.problems, ...planned.problems];
  if (hasErrors(problems)) return fail(problems, io, 'Nothing was imported.');
  for (const note of result.notes) io.err(`Note: ${note}`);
  await fs.apply(planned.edits);
  for (const d of result.created) io.out(`created ${d}`);
  return 0;
}

async function readTranscriptFile(file: string): Promise<IncomingTranscript> {
  return { ...(await transcriptFileText(path.basename(file), readFileSync(file))), name: path.basename(file) };
}

function fail(problems: readonly Problem[], io: Io, closing?: string): number {
  for (const p of problems) io.err(formatProblem(p, 'text'));
  if (closing) io.err(closing);
  return 1;
}
