/**
 * Making git merge the analysis by id (`sift init --git`, and "Set Up Git Merging" in VS
 * Code): Sift's lines in the workspace's `.gitattributes` (kept otherwise as it is) and the
 * `merge.sift` driver in the repository's local config. Running it again changes nothing.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { withSiftAttributes } from '../core/review/mergeable';
import { readText } from '../core/workspace/load';
import { readYamlOfKind, toProject } from '../core/workspace/readers';
import { RESEARCH_FILE } from '../core/workspace/workspace';
import { gitBlobHashOfBytes } from '../core/hash';
import { NodeFileSystem } from './node-fs';
import { formatProblem } from '../core/problems';

const run = promisify(execFile);

export const DRIVER_NAME = 'Sift: merge research YAML by id';

export interface SetupOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `driver` runs `sift merge-driver` (the CLI passes itself; the extension its bundled CLI);
 * git appends nothing, so it ends with `merge-driver %O %A %B %P`. Returns 0, or 1 with a reason.
 */
export async function setUpGit(root: string, io: SetupOutput, driver = cliMergeDriver()): Promise<number> {
  const inRepository = await run('git', ['rev-parse', '--show-toplevel'], { cwd: root }).then(
    () => true,
    () => false,
  );
  if (!inRepository) {
    io.err(`sift: ${root} is not inside a git repository; run \`git init\` there first, then \`sift init --git\` again.`);
    return 1;
  }
  const fs = new NodeFileSystem(root);
  const researchText = await readText(fs, RESEARCH_FILE);
  const research = researchText !== undefined ? readYamlOfKind('research', RESEARCH_FILE, researchText) : undefined;
  if (!research?.value) {
    for (const p of research?.problems ?? []) io.err(formatProblem(p, 'text'));
    io.err('sift: research.yaml must be readable to set up git (it says where the files are). Nothing was changed.');
    return 1;
  }
  const bytes = await fs.readFile('.gitattributes');
  const existing = bytes ? new TextDecoder().decode(bytes) : undefined;
  const attributes = withSiftAttributes(existing, toProject(research.value));
  if (attributes !== undefined) {
    await fs.apply([{ kind: 'write', path: '.gitattributes', content: attributes, expectedHash: bytes ? gitBlobHashOfBytes(bytes) : null }]);
    io.out(`${existing === undefined ? 'Created' : 'Updated'} .gitattributes: analysis YAML merges by id, transcripts keep their line endings.`);
  } else io.out(".gitattributes already has Sift's lines.");

  const changed = [await setConfig(root, 'merge.sift.name', DRIVER_NAME), await setConfig(root, 'merge.sift.driver', driver)].includes(true);
  io.out(changed ? `Set the merge driver in this repository's git config: merge.sift.driver = ${driver}` : "The merge driver is already set in this repository's git config.");
  io.out('Commit .gitattributes so everyone merges the same way; each clone runs `sift init --git` once for the driver.');
  return 0;
}

/** Sets a local config value; false when it already had it. */
async function setConfig(root: string, key: string, value: string): Promise<boolean> {
  const current = await run('git', ['config', '--local', '--get', key], { cwd: root }).then(
    (r) => r.stdout.replace(/\n$/, ''),
    () => undefined,
  );
  if (current === value) return false;
  await run('git', ['config', '--local', key, value], { cwd: root });
  return true;
}

/** This process as the merge driver: node and the `sift` script it runs. */
function cliMergeDriver(): string {
  return mergeDriverCommand(process.execPath, path.resolve(process.argv[1] ?? 'sift'));
}

/** The driver command git runs (through a shell), for a Node executable and Sift's CLI script. */
export function mergeDriverCommand(node: string, cli: string, env: Record<string, string> = {}): string {
  const prefix = Object.entries(env)
    .map(([k, v]) => `${k}=${shellQuote(v)} `)
    .join('');
  return `${prefix}${shellQuote(node)} ${shellQuote(cli)} merge-driver %O %A %B %P`;
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
