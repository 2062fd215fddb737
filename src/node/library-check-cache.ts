/**
 * library.yaml as last checked, kept in the library's `.sift/cache/library.json`: a warm
 * command reads the library from there instead of parsing the YAML and checking it against
 * its schema, which loads and compiles ajv for that one small file (~110 ms of CPU, a tenth of
 * a 50-study library's warm load, on every `sift` run).
 *
 * The cache is used only when it was made from exactly this text, by this schema and these
 * checks (its key); anything else in the file (damaged, cut short, another version) is ignored
 * and the file rewritten. It can make reading faster, never change what is read. The folder
 * ignores itself in git: a library made by `sift library init` has no .gitignore.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import librarySchema from '../../schemas/library.schema.json';
import { locatorOf, parseLibrary, type Library, type ParsedLibrary } from '../core/library';
import { gitBlobHash } from '../core/hash';
import type { Problem } from '../core/problems';
import { writeAtomically } from './node-fs';

/** Bump when `parseLibrary`'s checks, its messages or the Library it reads change (the schema is in the key already). */
const CHECKS_VERSION = 1;
const MAGIC = 'library-check';

interface CachedCheck {
  sift: string;
  key: string;
  /** Null when library.yaml has errors (nothing is read from a half-valid library). */
  library: Library | null;
  problems: Problem[];
}

export function libraryCheckPath(root: string): string {
  return path.join(root, '.sift', 'cache', 'library.json');
}

/** library.yaml's `text` (in the library at `root`) read and checked: from the cache when it holds this text's check, else checked and cached. */
export async function checkedLibrary(root: string, text: string, options: { cache?: boolean } = {}): Promise<ParsedLibrary> {
  const useCache = options.cache !== false;
  const key = checkKey(text);
  const cached = useCache ? readCheck(root, key) : undefined;
  if (cached) return { library: cached.library ?? undefined, problems: cached.problems, locate: locatorOf(text) };
  const parsed = parseLibrary(text);
  if (useCache) await writeCheck(root, { sift: MAGIC, key, library: parsed.library ?? null, problems: parsed.problems });
  return parsed;
}

function checkKey(text: string): string {
  return gitBlobHash(JSON.stringify({ checks: CHECKS_VERSION, schema: librarySchema, text }));
}

function readCheck(root: string, key: string): CachedCheck | undefined {
  try {
    const value = JSON.parse(readFileSync(libraryCheckPath(root), 'utf8')) as Partial<CachedCheck>;
    if (value.sift !== MAGIC || value.key !== key || !Array.isArray(value.problems) || typeof value.library !== 'object' || !Array.isArray(value.library?.studies ?? [])) return undefined;
    return value as CachedCheck;
  } catch {
    return undefined; // missing or damaged: checked again
  }
}

async function writeCheck(root: string, check: CachedCheck): Promise<void> {
  try {
    const folder = path.dirname(libraryCheckPath(root));
    await writeAtomically(libraryCheckPath(root), JSON.stringify(check));
    if (!existsSync(path.join(folder, '.gitignore'))) await writeAtomically(path.join(folder, '.gitignore'), '# Sift: a local cache, never committed\n*\n');
  } catch {
    // A read-only checkout still reads its library, checking it each time.
  }
}
