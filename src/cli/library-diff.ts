/**
 * `sift diff` given a library: what changed in each study between two revisions, study by
 * study. The studies are those library.yaml lists now; each is compared in its own git
 * repository (a sub-folder shares the library's, a sibling checkout or submodule has its
 * own), so `main...feature` means that range in every study's history.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LIBRARY_FILE, parseLibrary } from '../core/library';
import { formatProblem } from '../core/problems';
import { diffAnalysis } from '../core/review/semantic-diff';
import { renderDiff, type DiffFormat } from '../core/review/render-diff';
import { GitError } from '../node/git-revision-fs';
import type { Io } from './io';
import { UsageError } from './open';
import { loadSide, sidesOfRange } from './revisions';

export async function libraryDiff(dir: string, range: string | undefined, format: DiffFormat, io: Io): Promise<number> {
  const { library, problems } = parseLibrary(readFileSync(path.join(dir, LIBRARY_FILE), 'utf8'));
  if (!library) {
    for (const p of problems) if (p.severity === 'error') io.err(formatProblem(p, 'text'));
    return 1;
  }
  const sections: { id: string; text: string }[] = [];
  for (const study of library.studies) {
    const studyDir = path.join(dir, study.path);
    try {
      const [before, after] = await sidesOfRange(studyDir, range);
      const [a, b] = await Promise.all([loadSide(studyDir, before), loadSide(studyDir, after)]);
      sections.push({ id: study.id, text: renderDiff(diffAnalysis(a, b), format, { before: before.label, after: after.label }).trimEnd() });
    } catch (e) {
      if (e instanceof GitError || e instanceof UsageError) throw new UsageError(`${study.id} (${study.path}): ${e.message}`);
      throw e;
    }
  }
  if (format === 'json') io.out(JSON.stringify({ studies: sections.map((s) => ({ id: s.id, diff: JSON.parse(s.text) as unknown })) }, null, 2));
  else for (const s of sections) io.out(`${format === 'md' ? `## ${s.id}` : `=== ${s.id} ===`}\n\n${s.text}\n`);
  return 0;
}
