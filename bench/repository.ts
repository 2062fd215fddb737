import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The folder of Sift's package.json above `from`: the same whether run bundled (bench/.work/) or from source (bench/). */
export function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'sift') return dir;
    if (path.dirname(dir) === dir) throw new Error(`No Sift package.json above ${from}.`);
  }
}
