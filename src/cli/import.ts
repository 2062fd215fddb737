/**
 * `sift import qdpx|qdc|transcript`: bringing work in from other tools.
 * - `qdpx <file> --into <dir>`: a REFI-QDA project (or a bare .qde) becomes a new
 *   workspace, created whole in a temporary folder and moved into place.
 * - `qdc <file> [dir]`: a REFI-QDA codebook's codes are added to the workspace's codebook.
 * - `transcript <file>… [--participant P07] [--into dir]`: captions, text exports and Word
 *   files become Markdown transcripts in transcripts/.
 * Anything that goes wrong is reported and nothing is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { importQdc, importQde, importQdpx, transcriptToMarkdown } from '../core/exchange';
import { hasErrors, problem, type Problem } from '../core/problems';
import { EditPlan } from '../core/store/plan';
import { decodeText } from '../core/text';
import { docxText } from '../node/docx';
import { createFolder, FolderNotEmptyError } from '../node/new-folder';
import { reportLosses, subcommandArgs, type Io } from './exchange-io';
import { openWorkspace, UsageError } from './open';
import { formatProblem } from './report';

export async function importCommand(rest: string[], io: Io): Promise<number> {
  const { sub, positionals, values } = subcommandArgs(rest, ['qdpx', 'qdc', 'transcript'] as const, { into: { type: 'string' }, participant: { type: 'string' } }, 'import');
  if (positionals.length === 0) throw new UsageError(`sift import ${sub} needs a file to import.`);
  if (sub !== 'transcript' && values.participant !== undefined) throw new UsageError('--participant is an option of `sift import transcript`.');
  for (const file of positionals) if (!existsSync(file)) throw new UsageError(`${file} does not exist.`);
  const into = typeof values.into === 'string' ? values.into : undefined;
  if (sub === 'qdpx') {
    if (positionals.length > 1) throw new UsageError('sift import qdpx takes one file.');
    if (!into) throw new UsageError('sift import qdpx needs --into <folder>: the new workspace to create.');
    return importProjectFile(positionals[0]!, into, io);
  }
  if (sub === 'qdc') {
    if (positionals.length > 2) throw new UsageError('sift import qdc takes one file and at most one folder.');
    return importCodebookFile(positionals[0]!, positionals[1] ?? into ?? '.', io);
  }
  return importTranscripts(positionals, into ?? '.', typeof values.participant === 'string' ? values.participant : undefined, io);
}

async function importProjectFile(file: string, into: string, io: Io): Promise<number> {
  const bytes = readFileSync(file);
  const label = path.basename(file);
  // A .qdpx is a ZIP ("PK"); anything else is read as a bare project.qde without its sources.
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const result = isZip ? await importQdpx(bytes, label) : await importQde(bytes, new Map(), label);
  for (const p of result.problems) io.err(formatProblem(p, 'text'));
  if (result.edits.length === 0) {
    io.err('Nothing was imported.');
    return 1;
  }
  try {
    await createFolder(into, result.edits.flatMap((e) => (e.kind === 'write' ? [{ path: e.path, content: e.content }] : [])));
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
  const result = await importQdc(plan, ws, readFileSync(file), path.basename(file));
  const planned = plan.result();
  const problems = [...result.problems, ...planned.problems];
  if (hasErrors(problems)) return fail(problems, io);
  await fs.apply(planned.edits);
  io.out(`Added ${result.added.length} tag(s) to the codebook${result.matched.length > 0 ? `; ${result.matched.length} ${result.matched.length === 1 ? 'was' : 'were'} already there` : ''}.`);
  reportLosses(result.losses, 'Left out:', io.out);
  return 0;
}

const CAPTIONS: Record<string, 'vtt' | 'srt'> = { '.vtt': 'vtt', '.srt': 'srt' };

async function importTranscripts(files: string[], dir: string, participant: string | undefined, io: Io): Promise<number> {
  const { workspace: ws, fs } = await openWorkspace(dir);
  if (!ws.project) return fail(ws.problems, io);
  const plan = new EditPlan(fs, ws.versions);
  const problems: Problem[] = [];
  const targets = new Set<string>();
  const done: string[] = [];
  for (const file of files) {
    const name = path.basename(file);
    const ext = path.extname(name).toLowerCase();
    if (ext === '.md' || ext === '.markdown') {
      problems.push(problem(file, undefined, 'error', 'import-markdown', 'This is a Markdown file already: copy it into transcripts/ as it is (add front matter with the participant if it has none).'));
      continue;
    }
    const target = `transcripts/${name.slice(0, name.length - ext.length)}.md`;
    if (targets.has(target)) {
      problems.push(problem(file, undefined, 'error', 'import-name-clash', `Two of the files would become ${target}; import them separately or rename one.`));
      continue;
    }
    targets.add(target);
    const text = await readTranscriptFile(file, ext, problems);
    if (text === undefined) continue;
    const converted = transcriptToMarkdown(text, CAPTIONS[ext] ?? 'text', { sourceName: name, ...(participant ? { participant } : {}) });
    await plan.createText(target, converted.markdown);
    for (const r of converted.renamedSpeakers) io.err(`${file}: speaker written as ${r}, so Sift reads it as a name.`);
    done.push(`${target} (${converted.turns} turns${converted.entries > 0 ? `, ${converted.entries} dated entries` : ''})`);
  }
  const planned = plan.result();
  problems.push(...planned.problems);
  if (hasErrors(problems)) return fail(problems, io, 'Nothing was imported.');
  if (participant && !ws.participants.some((p) => p.id === participant)) io.err(`Note: ${participant} is not in participants.yaml yet; add them there.`);
  await fs.apply(planned.edits);
  for (const d of done) io.out(`created ${d}`);
  return 0;
}

async function readTranscriptFile(file: string, ext: string, problems: Problem[]): Promise<string | undefined> {
  const bytes = readFileSync(file);
  if (ext === '.docx') {
    try {
      return await docxText(bytes);
    } catch (e) {
      problems.push(problem(file, undefined, 'error', 'docx-unreadable', `This Word file could not be read (${(e as Error).message}). Is it a .docx (not an older .doc)?`));
      return undefined;
    }
  }
  const decoded = decodeText(file, bytes);
  if (!decoded.ok) {
    problems.push(decoded.problem);
    return undefined;
  }
  return decoded.text;
}

function fail(problems: readonly Problem[], io: Io, closing?: string): number {
  for (const p of problems) io.err(formatProblem(p, 'text'));
  if (closing) io.err(closing);
  return 1;
}
