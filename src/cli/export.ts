/**
 * `sift export qdpx|qdc|csv [dir]`: the workspace for other tools. REFI-QDA projects and
 * codebooks go to a file (`--out`, default `<folder>.qdpx` / `.qdc` here); CSV goes to
 * `--out` or standard output. What the target format cannot hold is listed.
 */
import * as path from 'node:path';
import { csvBatches, csvRowsOneByOne, CSV_FORMATS, type CsvFormat } from '../core/exchange/csv';
import { matrixCsv, matrixOf, MATRIX_KINDS, type Matrix, type MatrixKind } from '../core/matrices';
import { quoteTools } from '../core/privacy/quotes';
import { studyGuard } from '../node/privacy-scan';
import { readPrivacySources } from '../core/privacy/scan';
import { hasErrors } from '../core/problems';
import { writeAtomically } from '../node/node-fs';
import { reportLosses, subcommandArgs, type Io } from './exchange-io';
import { noteUnreadable, openWorkspace, UsageError } from './open';
import { formatProblem } from './report';
import { writeAsMade } from './stream';

/** REFI-QDA export, loaded when it runs (dist/exchange.js). */
const exchange = () => require('../core/exchange') as typeof import('../core/exchange');

const LOSS_HEADING = 'REFI-QDA cannot hold everything Sift keeps; left out or approximated:';

export async function exportCommand(rest: string[], io: Io): Promise<number> {
  const { sub, positionals, values } = subcommandArgs(rest, ['qdpx', 'qdc', 'csv'] as const, { out: { type: 'string' }, format: { type: 'string' }, bom: { type: 'boolean' }, attribute: { type: 'string' } }, 'export');
  if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
  if (sub !== 'csv' && (values.format !== undefined || values.bom || values.attribute !== undefined)) throw new UsageError('--format, --attribute and --bom are options of `sift export csv`.');
  if (values.attribute !== undefined && values.format !== 'tag-attribute') throw new UsageError('--attribute goes with --format tag-attribute.');
  const dir = positionals[0] ?? '.';
  const { workspace: ws, fs, root } = await openWorkspace(dir);
  if (!ws.project) {
    for (const p of ws.problems) io.err(formatProblem(p, 'text'));
    return 1;
  }
  if (ws.unreadable.size > 0) noteUnreadable(ws, dir, io, 'the export leaves');
  else if (hasErrors(ws.problems)) io.err(`Note: the workspace has problems (see \`sift check ${dir}\`); exporting what could be read.`);
  const out = typeof values.out === 'string' ? values.out : undefined;

  if (sub === 'csv') {
    const format = values.format ?? 'long';
    const formats: readonly string[] = [...CSV_FORMATS, ...MATRIX_KINDS];
    if (typeof format !== 'string' || !formats.includes(format)) throw new UsageError(`--format must be one of: ${formats.join(', ')}.`);
    // --bom is for spreadsheets: a byte-order mark for Excel, and formulas guarded.
    const forExcel = values.bom === true;
    // Rows are made and written a batch at a time (csvBatches), so a study of any size never has
    // its whole table in memory; matrices are small (tags × participants) and made at once.
    const matrix = (MATRIX_KINDS as readonly string[]).includes(format) ? checkedMatrix(ws, format as MatrixKind, values.attribute) : undefined;
    if (matrix && matrix.cells.length === 0) {
      // A header alone is no export: say why it is empty and write nothing.
      io.err(emptyMatrixMessage(ws, matrix));
      return 1;
    }
    const csv: Iterable<string> = matrix
      ? [matrixCsv(matrix, { bom: forExcel, guardFormulas: forExcel })]
      : csvBatches(csvRowsOneByOne(ws, format as CsvFormat, quoteTools(ws, await readPrivacySources(fs, ws), await studyGuard(ws, fs, root))), { bom: forExcel, guardFormulas: forExcel });
    if (!out) {
      // Written as is: the rows end in CRLF already, and io.out would add a line feed.
      await writeAsMade(process.stdout, csv);
      return 0;
    }
    await writeAtomically(path.resolve(out), csv);
    io.out(`Wrote ${out} (${format} format).`);
    return 0;
  }

  const target = path.resolve(out ?? `${path.basename(root)}.${sub}`);
  if (sub === 'qdc') {
    const { xml, losses } = exchange().exportQdc(ws);
    await writeAtomically(target, xml);
    io.out(`Wrote ${path.relative(process.cwd(), target)}: ${ws.codebook.length} codes.`);
    reportLosses(losses, LOSS_HEADING, io.out);
    return 0;
  }
  const result = await exchange().exportQdpx(ws, fs);
  for (const p of result.problems) io.err(formatProblem(p, 'text'));
  if (result.bytes.length === 0) {
    io.err('Nothing was written.');
    return 1;
  }
  await writeAtomically(target, result.bytes);
  const highlights = [...ws.highlightFiles.values()].reduce((n, f) => n + f.highlights.length, 0);
  io.out(`Wrote ${path.relative(process.cwd(), target)}: ${ws.transcripts.size} transcripts, ${highlights} highlights, ${ws.codebook.length} codes, ${ws.participants.length} cases.`);
  reportLosses(result.losses, LOSS_HEADING, io.out);
  return hasErrors(result.problems) ? 1 : 0;
}

/** Why a matrix has no cell, in a sentence a researcher can act on. */
function emptyMatrixMessage(ws: import('../core/workspace/workspace').Workspace, m: Matrix): string {
  if (m.unplaced === 0) return `Nothing to export: no highlight has a tag yet, so "${m.title}" is empty.`;
  const byParticipant = m.kind === 'tag-participant' || m.kind === 'tag-attribute';
  const why = byParticipant
    ? ws.participants.length === 0
      ? ' Its columns are the participants listed in participants.yaml, and it lists none: add the participants your transcripts name there.'
      : ' Its columns are the participants listed in participants.yaml: check that the transcripts name them (front matter participant:, or speakers).'
    : '';
  return `Nothing to export: none of the ${m.unplaced} tagged highlight${m.unplaced === 1 ? '' : 's'} has a column in "${m.title}".${why}`;
}

/** The matrix a CSV format names; tag-attribute needs a declared attribute. */
function checkedMatrix(ws: import('../core/workspace/workspace').Workspace, kind: MatrixKind, attribute: string | boolean | undefined) {
  const declared = Object.keys(ws.project?.attributes ?? {});
  if (kind === 'tag-attribute' && (typeof attribute !== 'string' || !declared.includes(attribute))) throw new UsageError(`--format tag-attribute needs --attribute, one of: ${declared.join(', ') || '(none declared in research.yaml)'}.`);
  return matrixOf(ws, kind, typeof attribute === 'string' ? attribute : undefined);
}
