/**
 * `sift search QUERY [dir] [--format text|json] [--limit N] [--no-cache]`: highlights matching a query,
 * in one study or across every study of a library, with the query language of Find
 * Highlights (words, "phrases", tag:id, participant:P07, attribute:value, week:3, phase:id,
 * kind:diary, study:id, and -
 * before any of them to leave it out).
 *
 * Exit codes as grep's: 0 something found, 1 nothing found, 2 the query or the folder is
 * wrong (a malformed query is refused before searching, with a sentence saying why).
 */
import { parseArgs } from 'node:util';
import { searchStudies, type LibraryHit } from '../core/library';
import { choice, type Io } from './io';
import { openLibrary, searchable } from './library-open';
import { UsageError } from './open';
import { formatProblem } from './report';

const DEFAULT_LIMIT = 50;

export async function search(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, options: { format: { type: 'string' }, limit: { type: 'string' }, 'no-cache': { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length === 0) throw new UsageError('sift search needs a query, e.g. sift search "waiting" or sift search tag:waiting-time.');
  if (positionals.length > 2) throw new UsageError(`Expected a query and at most one folder, got: ${positionals.join(' ')} (quote a query of several words: sift search "long wait").`);
  const format = choice(values.format, ['text', 'json'] as const, 'text', 'format');
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a whole number of 1 or more.');
  const [query, dir = '.'] = positionals as [string, string?];
  const cache = { cache: !values['no-cache'] };
  const loaded = await openLibrary(dir, cache);
  // A library.yaml with errors lists no study to search: refuse, saying where it is wrong.
  if (loaded.studies.length === 0) {
    for (const p of loaded.problems.filter((p) => p.severity === 'error')) io.err(formatProblem(p, 'text'));
    return 2;
  }
  // Studies that cannot be found are named after the results: silence would read as "not said there".
  const notSearched = loaded.problems.filter((p) => p.code === 'missing-study');
  const result = searchStudies(loaded.library, await searchable(loaded, cache), query, { limit });
  if (result.problems.length > 0) {
    for (const p of result.problems) io.err(`sift: ${p}`);
    io.err('Queries: words, "exact phrase", tag:id, participant:P07, attribute:value (e.g. age-band:65+), week:3, phase:id, kind:diary, study:id in a library; - before any to leave it out.');
    return 2;
  }
  const inLibrary = loaded.library !== undefined;
  if (format === 'json') {
    io.out(JSON.stringify({ query, total: result.total, shown: result.hits.length, ...(inLibrary ? { studies: result.perStudy } : {}), hits: result.hits }, null, 2));
  } else {
    for (const hit of result.hits) io.out(hitText(hit, inLibrary));
    const where = inLibrary ? ` in ${result.perStudy.filter((s) => s.total > 0).length} of ${result.perStudy.length} studies` : '';
    const shown = result.hits.length < result.total ? ` (the best ${result.hits.length} shown; --limit N for more)` : '';
    io.out(result.total === 0 ? 'No highlights found.' : `${result.total} highlight${result.total === 1 ? '' : 's'} found${where}${shown}.`);
  }
  for (const p of notSearched) io.err(`sift: not searched: ${formatProblem(p, 'text')}`);
  return result.total > 0 ? 0 : 1;
}

/** Two lines: where (study, transcript, who, id, tags), then the quote. */
function hitText(hit: LibraryHit, inLibrary: boolean): string {
  const who = hit.participant ?? hit.speaker;
  const where = [inLibrary ? hit.study : undefined, hit.source, who, hit.id, hit.tags.length > 0 ? `[${hit.tags.join(', ')}]` : undefined].filter(Boolean).join('  ');
  return `${where}\n  “${hit.quote}”`;
}
