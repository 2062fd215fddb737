/**
 * A second editor window in a child process: loads the workspace, adds one tag to one
 * highlight (the core's updateHighlight, as the extension does) and writes it through
 * NodeFileSystem. With --barrier <file> it waits after planning until that file exists,
 * so two writers plan against the same version; with --retry a stale refusal makes it
 * reload and re-plan (what the editor does), up to 20 times.
 * Prints one JSON line: {"ok":true,"attempts":n} or {"ok":false,"error":"…"}.
 */
import { existsSync } from 'node:fs';
import { updateHighlight } from '../../../src/core/store/highlights';
import { EditPlan } from '../../../src/core/store/plan';
import { loadWorkspace } from '../../../src/core/workspace/load';
import { NodeFileSystem, StaleFileError } from '../../../src/node/node-fs';

async function main(): Promise<void> {
  const [dir, id, tag, ...flags] = process.argv.slice(2);
  const barrier = flags.includes('--barrier') ? flags[flags.indexOf('--barrier') + 1] : undefined;
  const retry = flags.includes('--retry');
  const fs = new NodeFileSystem(dir!);
  for (let attempt = 1; ; attempt++) {
    const { workspace } = await loadWorkspace(fs);
    const plan = new EditPlan(fs, workspace.versions);
    await updateHighlight(plan, workspace, id!, { addTags: [tag!] });
    const { edits, problems } = plan.result();
    if (barrier && attempt === 1) {
      process.stdout.write('PLANNED\n');
      while (!existsSync(barrier)) await new Promise((r) => setTimeout(r, 5));
    }
    if (problems.length > 0) {
      if (retry && problems.some((p) => p.code === 'stale') && attempt < 20) continue;
      process.stdout.write(JSON.stringify({ ok: false, error: problems.map((p) => p.message).join(' ') }) + '\n');
      return;
    }
    try {
      await fs.apply(edits);
      process.stdout.write(JSON.stringify({ ok: true, attempts: attempt }) + '\n');
      return;
    } catch (e) {
      if (retry && e instanceof StaleFileError && attempt < 20) continue;
      process.stdout.write(JSON.stringify({ ok: false, error: (e as Error).message }) + '\n');
      return;
    }
  }
}

void main();
