/**
 * The bundled example study in memory, for unit tests that want a realistic workspace.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { loadWorkspace } from '../../src/core/workspace/load';
import type { Workspace } from '../../src/core/workspace/workspace';
import { MemoryFileSystem } from './memory-fs';

export const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'home-adaptations');

export function exampleFileSystem(): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  for (const rel of readdirSync(EXAMPLE, { recursive: true, encoding: 'utf8' })) {
    const abs = path.join(EXAMPLE, rel);
    if (statSync(abs).isFile() && !rel.startsWith('.sift')) fs.write(rel.split(path.sep).join('/'), readFileSync(abs));
  }
  return fs;
}

export async function loaded(fs: MemoryFileSystem): Promise<Workspace> {
  return (await loadWorkspace(fs)).workspace;
}
