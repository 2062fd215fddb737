/**
 * `sift check`, `sift stats` and `sift report` given a library (a folder holding
 * library.yaml): each study as the command sees it alone, then the library as a whole
 * (library.yaml, codebook drift, insights across studies). Problems of a study are shown
 * with its folder in front (`../housing-repairs/codebook.yaml:3:5`), so every line still
 * points at a file a researcher can open.
 */
import * as path from 'node:path';
import { describeLibraryStrength, evidenceIndexes, libraryStats, libraryStrength, missingEvidenceProblems, type LibraryStats } from '../core/library';
import { compareProblems, hasErrors, type Problem } from '../core/problems';
import { renderLibraryReport } from '../core/library/report';
import type { ReportFormat } from '../core/report';
import { writeAtomically } from '../node/node-fs';
import { personalDataProblems } from '../node/privacy-guard';
import { studyGuard } from '../node/privacy-scan';
import type { LoadedLibrary } from '../node/library';
import type { Io } from './io';
import { openLibrary } from './library-open';
import { formatProblem, formatStats, summary, table, type ProblemFormat } from './report';

/** A study's problem with the study's folder in front of its path. */
function inStudy(p: Problem, folder: string): Problem {
  return { ...p, path: path.posix.join(folder, p.path || '.') };
}

/** Every problem of the library: its own, its insights' dangling evidence, and each study's (personal data included). */
async function allProblems(loaded: LoadedLibrary, options: { strict: boolean; cache: boolean }): Promise<{ problems: Problem[]; perStudy: { id: string; path: string; problems: Problem[] }[] }> {
  const indexes = evidenceIndexes(loaded.studies);
  const own = [...loaded.problems];
  for (const insight of loaded.insights.values()) own.push(...missingEvidenceProblems(insight, loaded.insightTexts.get(insight.path)!, libraryStrength(indexes, insight.evidence)));
  const perStudy = [];
  for (const s of loaded.studies) {
    const found = [...s.workspace.problems, ...(await personalDataProblems(s.workspace, s.opened.fs, s.root, options.strict, { cache: options.cache }))];
    perStudy.push({ id: s.id, path: s.path, problems: found.map((p) => inStudy(p, s.path)).sort(compareProblems) });
  }
  return { problems: [...own.sort(compareProblems), ...perStudy.flatMap((s) => s.problems)], perStudy };
}

export async function libraryCheck(dir: string, format: ProblemFormat, options: { strict: boolean; cache: boolean }, io: Io): Promise<number> {
  const loaded = await openLibrary(dir, { cache: options.cache });
  const { problems, perStudy } = await allProblems(loaded, options);
  const failed = hasErrors(problems);
  if (format === 'json') {
    io.out(JSON.stringify({ ok: !failed, problems, studies: perStudy.map((s) => ({ id: s.id, path: s.path, ok: !hasErrors(s.problems), problems: s.problems.length })) }, null, 2));
    return failed ? 1 : 0;
  }
  const root = format === 'github' ? path.relative(process.cwd(), path.resolve(dir)) : '';
  for (const p of problems) if (format === 'text' || p.severity !== 'info') io.out(formatProblem(p, format, root));
  if (format === 'text') {
    io.out('');
    io.out(`library.yaml: ${summary(problems.filter((p) => !perStudy.some((s) => s.problems.includes(p))))}`);
    for (const s of perStudy) io.out(`${s.id} (${s.path}): ${summary(s.problems)}`);
    io.out(`All: ${summary(problems)}`);
  }
  return failed ? 1 : 0;
}

export async function libraryStatsCommand(dir: string, format: 'text' | 'json', io: Io): Promise<number> {
  const loaded = await openLibrary(dir);
  if (!loaded.library) return refuse(loaded, io);
  const stats = libraryStats(loaded.library, loaded.studies, [...loaded.insights.values()], loaded.library.name ?? path.basename(loaded.root));
  io.out(format === 'json' ? JSON.stringify(stats, null, 2) : formatLibraryStats(stats));
  return 0;
}

function formatLibraryStats(s: LibraryStats): string {
  const t = s.totals;
  const parts = [s.name, `${t.studies} studies, ${t.transcripts} transcripts, ${t.participants} participants, ${t.highlights} highlights, ${t.themes} themes, ${t.insights} insights.`, '', 'Studies'];
  parts.push(
    table(
      ['study', 'path', 'transcripts', 'participants', 'highlights', 'themes', 'insights'],
      s.studies.map((x) => [x.id, x.path, x.stats.transcripts.length, x.stats.participants, x.stats.highlights, x.stats.themes, x.stats.insights]),
    ),
  );
  if (s.globalTags.length > 0) {
    parts.push('', 'Global tags across studies');
    parts.push(
      table(
        ['tag', 'label', 'highlights', 'participants', 'studies'],
        s.globalTags.map((g) => [g.id, g.label, g.highlights, g.participants, g.studies]),
      ),
    );
  }
  if (s.insights.length > 0) {
    parts.push('', 'Insights across studies');
    for (const i of s.insights) parts.push(`${i.id} (${i.status}): ${describeLibraryStrength(i.strength)}`, `  ${i.statement}`);
  }
  for (const x of s.studies) parts.push('', `— ${x.id} —`, formatStats(x.stats));
  return parts.join('\n');
}

export async function libraryReportCommand(dir: string, format: ReportFormat, out: string | undefined, io: Io): Promise<number> {
  const loaded = await openLibrary(dir);
  if (!readableLibraryForSharing(loaded, io, 'report')) return 1;
  const guards = new Map(await Promise.all(loaded.studies.map(async (s) => [s.id, await studyGuard(s.workspace, s.opened.fs, s.root)] as const)));
  const text = renderLibraryReport(loaded.library, loaded.studies, [...loaded.insights.values()], format, { date: new Date().toISOString().slice(0, 10), guards });
  if (!out) {
    process.stdout.write(text);
    return 0;
  }
  await writeAtomically(path.resolve(out), text);
  io.out(`Wrote ${out} (${format === 'html' ? 'HTML' : 'Markdown'}, ${loaded.studies.length} studies).`);
  return 0;
}

/**
 * Studies or files Sift could not read would silently drop out of a report or a site of the
 * library: refuse (false), saying which, as a study's own report does.
 */
export function readableLibraryForSharing(loaded: LoadedLibrary, io: Io, what: 'report' | 'site'): loaded is LoadedLibrary & { library: NonNullable<LoadedLibrary['library']> } {
  const unreadable = loaded.studies.filter((s) => !s.workspace.project || s.workspace.unreadable.size > 0);
  if (loaded.library && unreadable.length === 0 && !hasErrors(loaded.problems.filter((p) => p.code === 'missing-study'))) return true;
  for (const p of loaded.problems) if (p.severity === 'error') io.err(formatProblem(p, 'text'));
  for (const s of unreadable) for (const p of s.workspace.problems) if (p.severity === 'error' && (s.workspace.unreadable.has(p.path) || !s.workspace.project)) io.err(formatProblem(inStudy(p, s.path), 'text'));
  io.err(`Some studies or files could not be read, so no ${what} was made; fix them first (see \`sift check\`).`);
  return false;
}

function refuse(loaded: LoadedLibrary, io: Io): number {
  for (const p of loaded.problems) if (p.severity === 'error') io.err(formatProblem(p, 'text'));
  io.err('library.yaml could not be read; fix it first (see `sift check`).');
  return 1;
}
