/**
 * `sift library …`: research libraries.
 *
 *   sift library init [dir] [--name "…"]      write library.yaml listing the studies under dir
 *   sift library related <id> [dir]           where else have we heard this? (a theme or insight)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { LIBRARY_FILE, libraryYaml, parseStudyRef, relatedPassages, seedOf, type RelatedSeed, type SearchableStudy } from '../core/library';
import { RESEARCH_FILE } from '../core/workspace/workspace';
import { writeAtomically } from '../node/node-fs';
import { choice, type Io } from './io';
import { openLibrary, searchable } from './library-open';
import { UsageError } from './open';

const SUBCOMMANDS = ['init', 'related'] as const;

export async function library(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, options: { name: { type: 'string' }, format: { type: 'string' }, limit: { type: 'string' } }, allowPositionals: true, strict: true });
  const [sub, ...args] = positionals;
  if (sub === 'init') {
    if (args.length > 1) throw new UsageError(`Expected at most one folder, got: ${args.join(' ')}`);
    return init(args[0] ?? '.', values.name, io);
  }
  if (sub === 'related') {
    if (args.length < 1 || args.length > 2) throw new UsageError('sift library related takes a theme or insight (study-id:id, or a library insight id) and an optional folder.');
    const limit = values.limit === undefined ? 10 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a whole number of 1 or more.');
    return related(args[0]!, args[1] ?? '.', choice(values.format, ['text', 'json'] as const, 'text', 'format'), limit, io);
  }
  throw new UsageError(`sift library needs one of: ${SUBCOMMANDS.join(', ')}${sub ? ` (not "${sub}")` : ''}.`);
}

async function init(dir: string, name: string | undefined, io: Io): Promise<number> {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`There is no folder ${dir}.`);
  if (existsSync(path.join(root, LIBRARY_FILE))) {
    io.err(`${path.join(dir, LIBRARY_FILE)} already exists; Sift does not overwrite it. Add studies to it by hand.`);
    return 1;
  }
  if (existsSync(path.join(root, RESEARCH_FILE))) {
    io.err(`${dir} is a study (it holds ${RESEARCH_FILE}); a library lists studies in its sub-folders. Make the library in the folder above it.`);
    return 1;
  }
  const folders = studiesUnder(root);
  if (folders.length === 0) {
    io.err(`No studies found under ${dir} (folders holding ${RESEARCH_FILE}, or git submodules); nothing was written. Create one with \`sift init ${path.join(dir, 'my-study')}\`.`);
    return 1;
  }
  await writeAtomically(path.join(root, LIBRARY_FILE), libraryYaml(name ?? path.basename(root), folders));
  io.out(`Wrote ${path.join(dir, LIBRARY_FILE)} listing ${folders.length} ${folders.length === 1 ? 'study' : 'studies'}: ${folders.join(', ')}.`);
  io.out(`Next: \`sift check ${dir}\`, then \`sift search "some words" ${dir}\`.`);
  return 0;
}

const SKIPPED = new Set(['.git', '.sift', 'node_modules']);
const MAX_DEPTH = 4;

/**
 * Folders below root holding research.yaml (not looking inside a study: its sub-folders are
 * its own), and submodules declared in .gitmodules even when not checked out yet; relative,
 * forward slashes, sorted.
 */
function studiesUnder(root: string): string[] {
  const found = new Set<string>();
  const walk = (rel: string, depth: number) => {
    const abs = path.join(root, rel);
    if (rel !== '' && existsSync(path.join(abs, RESEARCH_FILE))) return void found.add(rel.split(path.sep).join('/'));
    if (depth >= MAX_DEPTH) return;
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.isDirectory() && !SKIPPED.has(entry.name) && !entry.name.startsWith('.')) walk(path.join(rel, entry.name), depth + 1);
    }
  };
  walk('', 0);
  const modules = path.join(root, '.gitmodules');
  if (existsSync(modules)) {
    for (const m of readFileSync(modules, 'utf8').matchAll(/^\s*path\s*=\s*(.+?)\s*$/gm)) {
      const folder = path.join(root, m[1]!);
      if (!existsSync(folder) || readdirSync(folder).length === 0) found.add(m[1]!.replace(/\/+$/, ''));
    }
  }
  return [...found].sort();
}

async function related(ref: string, dir: string, format: 'text' | 'json', limit: number, io: Io): Promise<number> {
  const loaded = await openLibrary(dir);
  const studies = await searchable(loaded);
  const seed = seedFor(ref, loaded, studies);
  if (typeof seed === 'string') {
    io.err(`sift: ${seed}`);
    return 2;
  }
  const passages = relatedPassages(loaded.library, studies, seed.seed, { limit });
  if (format === 'json') io.out(JSON.stringify({ of: ref, title: seed.title, passages }, null, 2));
  else {
    io.out(`Where else have we heard “${seed.title}”?`);
    for (const p of passages) {
      const why = [...(p.tags.length > 0 ? [`global tag${p.tags.length === 1 ? '' : 's'} ${p.tags.join(', ')}`] : []), ...(p.words.length > 0 ? [`words: ${p.words.join(', ')}`] : [])].join('; ');
      io.out('');
      io.out(`${p.study}:${p.id}  ${p.source}${p.participant ? `  ${p.participant}` : ''}  (${why})`);
      io.out(`  “${p.quote}”`);
    }
    io.out('');
    io.out(passages.length === 0 ? 'Nothing like it in the other studies.' : `${passages.length} passage${passages.length === 1 ? '' : 's'} from other studies, best first.`);
  }
  return passages.length > 0 ? 0 : 1;
}

/** The seed of `study:theme-or-insight` or of a library insight's id; a sentence when there is none. */
function seedFor(ref: string, loaded: Awaited<ReturnType<typeof openLibrary>>, studies: SearchableStudy[]): { seed: RelatedSeed; title: string } | string {
  const own = loaded.insights.get(ref);
  if (own) {
    const highlights = own.evidence.flatMap((e) => {
      const cited = parseStudyRef(e);
      return cited ? [{ study: cited.study, id: cited.highlight }] : [];
    });
    return { seed: { study: undefined, text: own.statement, highlights }, title: own.statement };
  }
  const [studyId, id] = ref.includes(':') ? ref.split(':', 2) : studies.length === 1 ? [studies[0]!.study.id, ref] : [undefined, ref];
  const s = studies.find((x) => x.study.id === studyId);
  if (!s || id === undefined) return `${ref} is not a library insight; name a study's theme or insight as study-id:id (studies: ${studies.map((x) => x.study.id).join(', ')}).`;
  const seed = seedOf(s.study, s.workspace, id);
  if (!seed) return `${s.study.id} has no theme or insight ${id}.`;
  return { seed, title: s.workspace.themes.get(id)?.title ?? s.workspace.insights.get(id)!.statement };
}
