/**
 * Source texts of a REFI-QDA project that are not inside its archive, found on disk:
 * `relative://` paths against the project's basePath (and, since projects travel between
 * computers, against the folder holding the project file), `file://` and absolute paths as
 * written; and, for a bare project.qde, the `sources/` folder beside it (the archive's
 * layout unpacked).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ExternalLocation, ExternalSourceReader } from '../core/exchange';

export function externalSourceReader(projectFile: string): ExternalSourceReader {
  const home = path.dirname(path.resolve(projectFile));
  return async (location: ExternalLocation) => {
    const tried = [...new Set(candidates(location, home))];
    for (const file of tried) if (isFile(file)) return { bytes: readFileSync(file) };
    return { tried };
  };
}

function candidates(location: ExternalLocation, home: string): string[] {
  const native = (p: string) => p.replace(/[\\/]+/g, path.sep);
  if (location.kind === 'absolute') return [native(location.path)];
  const relative = native(location.path);
  const base = location.basePath.trim();
  return [...(base ? [path.resolve(home, native(base), relative)] : []), path.resolve(home, relative)];
}

/** The `.txt` files in the `sources/` folder (any case) beside a bare project.qde, by lower-cased name. */
export function textsBeside(projectFile: string): Map<string, Uint8Array> {
  const home = path.dirname(path.resolve(projectFile));
  const texts = new Map<string, Uint8Array>();
  const folder = readdirSync(home).find((name) => name.toLowerCase() === 'sources' && statSync(path.join(home, name)).isDirectory());
  if (!folder) return texts;
  for (const name of readdirSync(path.join(home, folder))) {
    const file = path.join(home, folder, name);
    if (/\.txt$/i.test(name) && isFile(file)) texts.set(name.toLowerCase(), readFileSync(file));
  }
  return texts;
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}
