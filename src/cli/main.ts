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
import { formatCount } from '../core/format';
import { EditPlan } from '../core/store/plan';
import { moveHighlightsFile, writeAnchors } from '../core/store/highlights';
import { locate, readText } from '../core/workspace/load';
import { renamedSources } from '../core/workspace/renames';
import { highlightsPathFor, RESEARCH_FILE } from '../core/workspace/workspace';
import { NodeFileSystem, WorkspaceBusyError, WriteFailure } from '../node/node-fs';
import { agreement } from './agreement';
import { autocode } from './autocode';
import { diff } from './diff';
import { setUpGit } from '../node/git-setup';
import { mergeDriver } from './merge-driver';
import { exportCommand } from './export';
import { importCommand } from './import';
import { insight } from './insight';
import { actions } from './actions';
import { today } from './clock';
import { overdueProblems } from '../core/actions/problems';
import { commandHelp, HELP, overview, usageOf } from './help';
import { NotAWorkspaceError, noteUnreadable, openWorkspace, UsageError } from './open';
import { personas } from './personas';
import { segments } from './segments';
import { sentiment } from './sentiment';
import { pii } from './pii';
import { personalDataProblems } from '../node/privacy-guard';
import { redact } from './redact';
import { sampling } from './sampling';
import { reportCommand } from './report-command';
import { clip, reel } from './clip';
import { siteCommand } from './site-command';
import { library } from './library';
import { search } from './search';
import { suggest } from './suggest';
import { isLibraryFolder, NotALibraryError } from '../node/library';
import { libraryCheck, libraryStatsCommand } from './library-commands';
import { formatProblem, formatStats, summary, type ProblemFormat } from './report';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Every command and the function that runs it; what each says about itself is in help.ts. */
const COMMANDS: Record<string, (rest: string[], io: Io) => Promise<number>> = {
  init,
  check,
  stats,
  fmt,
  anchor,
  autocode,
  pii,
  redact,
  personas,
  segments,
  sentiment,
  insight,
  actions,
  sampling,
  report: reportCommand,
  site: siteCommand,
  clip,
  reel,
  diff,
  agreement,
  'merge-driver': mergeDriver,
  export: exportCommand,
  import: importCommand,
  search,
  suggest,
  library,
};

export async function main(argv: string[], io: Io = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') }): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      io.err(overview());
      return 2;
    }
    if (command === 'help' || command === '--help' || command === '-h') {
      const topic = rest[0];
      if (topic !== undefined && !HELP[topic]) throw new UsageError(`There is no command "${topic}".`);
      io.out(topic !== undefined ? commandHelp(topic) : overview());
      return 0;
    }
    if (command === '--version') {
      io.out(VERSION);
      return 0;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`There is no command "${command}".`);
    if (asksForHelp(command, rest)) {
      io.out(commandHelp(command));
      return 0;
    }
    return await run(rest, io);
  } catch (e) {
    if (e instanceof NotAWorkspaceError || e instanceof NotALibraryError) {
      io.err(`sift: ${e.message}`);
      return 2;
    }
    const usage = usageProblem(e);
    if (usage !== undefined) {
      io.err(`sift: ${usage}\n${usageOf(command !== undefined && COMMANDS[command] ? command : undefined)}`);
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
  if (isLibraryFolder(dir)) return libraryCheck(dir, format, { strict: values.strict === true, cache: !values['no-cache'] }, io);
  const { workspace: ws, fs, root } = await openWorkspace(dir, { cache: !values['no-cache'] });
  const problems = [...ws.problems, ...(await personalDataProblems(ws, fs, root, values.strict === true, { cache: !values['no-cache'] })), ...(await locate(fs, overdueProblems(ws, today())))].sort(compareProblems);
  const failed = hasErrors(problems);
  if (format === 'json') {
    const highlights = [...ws.highlightFiles.values()].flatMap((f) =>
      f.highlights.map((h) => {
        const r = ws.anchoring.get(h.id);
        return { id: h.id, source: f.source, file: f.path, start: r?.start ?? h.start, end: r?.end ?? h.end, state: r?.state ?? 'orphaned', confidence: r?.confidence ?? 0, tags: h.tags };
      }),
    );
    io.out(JSON.stringify({ ok: !failed, problems, highlights }, null, 2));
  } else {
    for (const p of problems) if (format === 'text' || p.severity !== 'info') io.out(formatProblem(p, format, format === 'github' ? path.relative(process.cwd(), path.resolve(dir)) : ''));
    if (format === 'text') io.out(summary(problems));
  }
  return failed ? 1 : 0;
}

async function stats(rest: string[], io: Io): Promise<number> {
  const { dir, values } = args(rest, { format: { type: 'string' } });
  const format = oneOf(values.format, ['text', 'json'] as const, 'text', 'format');
  if (isLibraryFolder(dir)) return libraryStatsCommand(dir, format, io);
  const { workspace: ws } = await openWorkspace(dir);
  if (!ws.project) return reportAndFail(ws.problems, io);
  noteUnreadable(ws, dir, io, 'the counts below leave');
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
    io.out(changed.length === 0 ? 'All files are in canonical form.' : `${formatCount(changed.length, 'file')} would be reformatted.`);
    return changed.length > 0 || result.problems.length > 0 ? 1 : 0;
  }
  await fs.apply(result.edits);
  for (const p of changed) io.out(`reformatted ${p}`);
  io.out(changed.length === 0 ? 'All files were in canonical form already: none changed.' : `${formatCount(changed.length, 'file')} reformatted.`);
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
  const toReview = review > 0 ? ` ${formatCount(review, 'highlight')} ${review === 1 ? 'needs' : 'need'} review: see \`sift check\`.` : '';
  io.out(result.edits.length === 0 && review === 0 ? 'Every highlight is where its file says: nothing to update.' : `${formatCount(result.edits.length, 'file')} updated.${toReview}`);
  return result.problems.length > 0 ? 1 : 0;
}

function reportAndFail(problems: readonly import('../core/problems').Problem[], io: Io): number {
  for (const p of problems) io.err(formatProblem(p, 'text'));
  return 1;
}

/**
 * `--help` or `-h` before any `--` asks for help, whatever else is on the line; the merge
 * driver's arguments are file names from git, so only `--help` alone counts there.
 */
function asksForHelp(command: string, rest: string[]): boolean {
  const isHelp = (a: string | undefined) => a === '--help' || a === '-h';
  if (command === 'merge-driver') return rest.length === 1 && isHelp(rest[0]);
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  return options.some(isHelp);
}

/**
 * The sentence for a usage error: ours as written, and Node's parseArgs errors (which
 * suggest `--` tricks a researcher has no use for) as one plain sentence naming the option.
 */
function usageProblem(e: unknown): string | undefined {
  if (e instanceof UsageError) return e.message;
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const message = (e as Error).message;
  const option = /'(-{1,2}[^' <]+)/.exec(message)?.[1] ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `There is no option ${option} for this command.`;
  if (/argument missing/.test(message)) return `${option} needs a value (${option} <value>).`;
  if (/does not take an argument/.test(message)) return `${option} takes no value.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Unexpected argument: ${/'([^']*)'/.exec(message)?.[1] ?? message}.`;
  return message;
}
