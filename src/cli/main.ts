/**
 * `sift` on the command line: the same core as the extension, over node:fs and git.
 * Exit codes: 0 clean, 1 problems found (or would change, with --check), 2 usage error.
 */
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatWorkspace } from '../core/store/format-files';
import { initWorkspace } from '../core/init';
import { compareProblems, hasErrors } from '../core/problems';
import { computeStats } from '../core/stats';
import { EditPlan } from '../core/store/plan';
import { moveHighlightsFile, writeAnchors } from '../core/store/highlights';
import { readText } from '../core/workspace/load';
import { renamedSources } from '../core/workspace/renames';
import { highlightsPathFor, RESEARCH_FILE } from '../core/workspace/workspace';
import { NodeFileSystem, WorkspaceBusyError, WriteFailure } from '../node/node-fs';
import { agreement } from './agreement';
import { diff } from './diff';
import { setUpGit } from '../node/git-setup';
import { mergeDriver } from './merge-driver';
import { exportCommand } from './export';
import { importCommand } from './import';
import { insight } from './insight';
import { openWorkspace, UsageError } from './open';
import { personas } from './personas';
import { segments } from './segments';
import { pii } from './pii';
import { personalDataProblems } from '../node/privacy-guard';
import { redact } from './redact';
import { sampling } from './sampling';
import { reportCommand } from './report-command';
import { formatProblem, formatStats, summary, type ProblemFormat } from './report';

const HELP = `sift — research synthesis in plain files

Usage:
  sift init [dir] [--name "Study name"] [--git]
                                           create a research workspace (never overwrites);
                                           --git: merge its YAML by id in git (.gitattributes
                                           and the merge driver; also on an existing workspace)
  sift check [dir] [--format text|json|github] [--no-cache] [--strict]
                                           validate files, references and highlight anchors;
                                           personal data is a warning (an error with --strict)
  sift stats [dir] [--format text|json]    transcripts, coverage, tags, sample against targets
  sift fmt [dir] [--check]                 rewrite YAML files in canonical form (comments kept)
  sift anchor [dir]                        write the new places of highlights whose text moved,
                                           and move the highlights of a renamed transcript
  sift pii [dir | file… | --staged] [--format text|json|github] [--in-workspace]
                                           find personal data (names, emails, phone numbers,
                                           postcodes, NI numbers, dates of birth, addresses)
  sift redact [dir] [--dry-run] [--reverse]
                                           pseudonymise transcripts ([P07], [Name-3], [Phone]),
                                           highlights kept on their words; key in .sift/private/
  sift personas [dir] [--k N] [--attributes a,b] [--seed N] [--update-similar] [--dry-run]
                                           cluster participants by their coding into draft
                                           personas (k by silhouette unless given); refreshes
                                           generated fields, keeps the ones you wrote;
                                           --update-similar: update your persona a new one
                                           resembles instead of adding a twin
  sift personas accept|draft <id>… [dir]   accept personas (reports include them) or back to draft
  sift segments [dir] --by tags|ATTR,… [--k N] [--name ATTR] [--seed N] [--dry-run]
                                           divide participants into segments by their coding
                                           and/or attributes; write each one's segment as an
                                           attribute (default: segment) for matrices and reports
  sift insight list [dir] [--by status|theme]
                                           insights with their evidence strength
  sift insight new "<statement>" [dir] [--evidence h-…,h-…] [--theme id,…] [--from-theme id]
  sift insight status <id> draft|in-review|accepted|actioned|rejected [dir]
  sift insight recommend <id> "<action>" [dir] [--owner "team"]
                                           create an insight, move it along, add actions
  sift sampling import <table.csv> [dir] --attribute a --column "Area" [--map "Category=value"]…
                  [--sample N] [--dry-run]
                                           sampling targets from a census table: shares of one
                                           column, categories mapped to the attribute's values
                                           (unmapped: everyone else); --sample plans whole people
  sift report [dir] [--format md|html] [--out file]
                                           the research report: findings with evidence and
                                           recommendations, themes, personas, journeys, sample
                                           coverage, method (consent respected; .html → HTML)
  sift diff [<rev>[..<rev>]] [--format text|md|json] [-C dir]
                                           what changed in the analysis (default: HEAD to the
                                           working tree; A...B: as a pull request shows it)
  sift merge-driver %O %A %B %P            git merge driver: three-way merge by id (see --git)
  sift agreement <revA> <revB> | [--coders a,b] [<rev>]  [--format text|md|json] [-C dir]
                                           coder agreement per tag: percent, Cohen's kappa,
                                           Krippendorff's alpha, passages where coders differ
  sift export qdpx [dir] [--out study.qdpx]
                                           REFI-QDA project for NVivo, ATLAS.ti, MAXQDA, QualCoder
  sift export qdc [dir] [--out codebook.qdc]
                                           REFI-QDA codebook
  sift export csv [dir] [--format long|wide|codebook|tag-participant|tag-attribute|tag-tag]
                  [--attribute a] [--out file.csv] [--bom]
                                           highlights, codebook or a matrix of highlight
                                           counts as CSV (stdout without --out)
  sift import qdpx <file.qdpx|project.qde> --into <new-dir>
                                           a REFI-QDA project as a new workspace
  sift import qdc <file.qdc> [dir]         add a REFI-QDA codebook's codes to the codebook
  sift import transcript <file>… [--participant P07] [--into dir]
                                           .vtt .srt .txt (Zoom, Otter) .docx → Markdown transcripts
  sift import survey <file.csv|file.xlsx> [--into dir] --text COLUMN [--id COLUMN]
                     [--attributes COLUMN,…]
                                           open-ended comments: one card per comment, respondents
                                           as participants; again after editing the sheet to update

dir defaults to the current folder. Exit codes: 0 fine, 1 problems found, 2 usage error.`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export async function main(argv: string[], io: Io = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') }): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'init':
        return await init(rest, io);
      case 'check':
        return await check(rest, io);
      case 'stats':
        return await stats(rest, io);
      case 'fmt':
        return await fmt(rest, io);
      case 'anchor':
        return await anchor(rest, io);
      case 'diff':
        return await diff(rest, io);
      case 'merge-driver':
        return await mergeDriver(rest, io);
      case 'agreement':
        return await agreement(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'import':
        return await importCommand(rest, io);
      case 'pii':
        return await pii(rest, io);
      case 'redact':
        return await redact(rest, io);
      case 'personas':
        return await personas(rest, io);
      case 'segments':
        return await segments(rest, io);
      case 'report':
        return await reportCommand(rest, io);
      case 'insight':
        return await insight(rest, io);
      case 'sampling':
        return await sampling(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return command === undefined ? 2 : 0;
      case '--version':
        io.out(VERSION);
        return 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError || isParseArgsError(e)) {
      io.err(`sift: ${(e as Error).message}\nRun \`sift --help\` for usage.`);
      return 2;
    }
    if (e instanceof WriteFailure || e instanceof WorkspaceBusyError) {
      io.err(`sift: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

declare const SIFT_VERSION: string | undefined;
const VERSION = typeof SIFT_VERSION === 'string' ? SIFT_VERSION : 'dev';

function args(rest: string[], options: ParseArgsConfig['options']) {
  const parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  if (parsed.positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${parsed.positionals.join(' ')}`);
  return { dir: parsed.positionals[0] ?? '.', values: parsed.values as Record<string, string | boolean | undefined> };
}

function oneOf<T extends string>(value: string | boolean | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of: ${allowed.join(', ')}.`);
}

async function init(rest: string[], io: Io): Promise<number> {
  const { dir, values } = args(rest, { name: { type: 'string' }, git: { type: 'boolean' } });
  const root = path.resolve(dir);
  if (values.git && existsSync(path.join(root, RESEARCH_FILE))) return await setUpGit(root, io);
  mkdirSync(root, { recursive: true });
  const fs = new NodeFileSystem(root);
  const name = typeof values.name === 'string' ? values.name : path.basename(root);
  const result = await initWorkspace(fs, name);
  if (result.problems.length > 0) {
    for (const p of result.problems) io.err(formatProblem(p, 'text'));
    io.err('Nothing was created.');
    return 1;
  }
  await fs.apply(result.edits);
  io.out(`Created a Sift workspace "${name}" in ${dir}: put transcripts in transcripts/, then run \`sift check ${dir}\`.`);
  return values.git ? await setUpGit(root, io) : 0;
}

async function check(rest: string[], io: Io): Promise<number> {
  const { dir, values } = args(rest, { format: { type: 'string' }, 'no-cache': { type: 'boolean' }, strict: { type: 'boolean' } });
  const format = oneOf<ProblemFormat>(values.format, ['text', 'json', 'github'], 'text', 'format');
  const { workspace: ws, fs, root } = await openWorkspace(dir, { cache: !values['no-cache'] });
  ws.problems.push(...(await personalDataProblems(ws, fs, root, values.strict === true, { cache: !values['no-cache'] })));
  ws.problems.sort(compareProblems);
  const failed = hasErrors(ws.problems);
  if (format === 'json') {
    const highlights = [...ws.highlightFiles.values()].flatMap((f) =>
      f.highlights.map((h) => {
        const r = ws.anchoring.get(h.id);
        return { id: h.id, source: f.source, file: f.path, start: r?.start ?? h.start, end: r?.end ?? h.end, state: r?.state ?? 'orphaned', confidence: r?.confidence ?? 0, tags: h.tags };
      }),
    );
    io.out(JSON.stringify({ ok: !failed, problems: ws.problems, highlights }, null, 2));
  } else {
    for (const p of ws.problems) if (format === 'text' || p.severity !== 'info') io.out(formatProblem(p, format, format === 'github' ? path.relative(process.cwd(), path.resolve(dir)) : ''));
    if (format === 'text') io.out(summary(ws.problems));
  }
  return failed ? 1 : 0;
}

async function stats(rest: string[], io: Io): Promise<number> {
  const { dir, values } = args(rest, { format: { type: 'string' } });
  const format = oneOf(values.format, ['text', 'json'] as const, 'text', 'format');
  const { workspace: ws } = await openWorkspace(dir);
  if (!ws.project) return reportAndFail(ws.problems, io);
  const s = computeStats(ws);
  io.out(format === 'json' ? JSON.stringify(s, null, 2) : formatStats(s));
  return 0;
}

async function fmt(rest: string[], io: Io): Promise<number> {
  const { dir, values } = args(rest, { check: { type: 'boolean' } });
  const { workspace: ws, fs } = await openWorkspace(dir);
  if (!ws.project) return reportAndFail(ws.problems, io);
  const result = await formatWorkspace(fs, ws);
  for (const p of result.problems) io.err(formatProblem(p, 'text'));
  const changed = result.edits.map((e) => e.path);
  if (values.check) {
    for (const p of changed) io.out(`would reformat ${p}`);
    io.out(changed.length === 0 ? 'All files are in canonical form.' : `${changed.length} file(s) would be reformatted.`);
    return changed.length > 0 || result.problems.length > 0 ? 1 : 0;
  }
  await fs.apply(result.edits);
  for (const p of changed) io.out(`reformatted ${p}`);
  io.out(`${changed.length} file(s) reformatted.`);
  return result.problems.length > 0 ? 1 : 0;
}

async function anchor(rest: string[], io: Io): Promise<number> {
  const { dir } = args(rest, {});
  const { workspace: ws, fs, history } = await openWorkspace(dir, { cache: false });
  if (!ws.project) return reportAndFail(ws.problems, io);
  const plan = new EditPlan(fs, ws.versions);
  // Highlights of a transcript renamed outside Sift follow it to its new name.
  const moves = [...renamedSources(ws)].map(([from, to]) => ({ file: ws.highlightFiles.get(from)!, to }));
  for (const { file, to } of moves) await moveHighlightsFile(plan, ws, file, to);
  const anchoredTexts: string[] = [];
  for (const file of ws.highlightFiles.values()) {
    const transcript = ws.transcripts.get(file.source);
    if (!transcript) continue;
    const needsWrite = file.sourceHash !== transcript.hash || file.highlights.some((h) => ws.anchoring.get(h.id)?.state === 'moved');
    if (!needsWrite) continue;
    const text = await readText(fs, file.source);
    if (text === undefined) continue;
    await writeAnchors(plan, ws, file.source, text);
    anchoredTexts.push(text);
  }
  const result = plan.result();
  for (const p of result.problems) io.err(formatProblem(p, 'text'));
  await fs.apply(result.edits);
  // The texts now named by sourceHash stay diffable even if never committed.
  for (const text of anchoredTexts) await history.remember(text);
  const moved = new Set(moves.flatMap(({ file, to }) => [file.path, highlightsPathFor(ws.project, to)]));
  for (const { file, to } of moves) if (result.edits.some((e) => e.path === file.path)) io.out(`moved ${file.path} to ${highlightsPathFor(ws.project, to)} (its transcript was renamed to ${to})`);
  for (const e of result.edits) if (!moved.has(e.path)) io.out(`updated ${e.path}`);
  const followed = new Set(moves.flatMap(({ file }) => file.highlights.map((h) => h.id)));
  const review = [...ws.anchoring.values()].filter((r) => (r.state === 'fuzzy' || r.state === 'orphaned') && !followed.has(r.id)).length;
  io.out(`${result.edits.length} file(s) updated.${review > 0 ? ` ${review} highlight(s) need review: see \`sift check\`.` : ''}`);
  return result.problems.length > 0 ? 1 : 0;
}

function reportAndFail(problems: readonly import('../core/problems').Problem[], io: Io): number {
  for (const p of problems) io.err(formatProblem(p, 'text'));
  return 1;
}

function isParseArgsError(e: unknown): boolean {
  return typeof (e as { code?: string })?.code === 'string' && (e as { code: string }).code.startsWith('ERR_PARSE_ARGS');
}
