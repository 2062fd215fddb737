/**
 * `sift personas [dir] [--k N] [--attributes a,b] [--seed N] [--dry-run]`: cluster the
 * participants by their coded profile and write (or refresh) `personas/<id>.yaml`,
 * keeping every field a researcher wrote. --dry-run shows the change as a diff and writes
 * nothing.
 */
import { parseArgs } from 'node:util';
import { generatePersonas, type PersonaGeneration } from '../core/personas/generate';
import { writePersonas, type PersonaWriteResult } from '../core/personas/write';
import { hasErrors } from '../core/problems';
import { EditPlan } from '../core/store/plan';
import { readText } from '../core/workspace/load';
import type { Io } from './io';
import { openWorkspace, UsageError } from './open';
import { preview } from './redact';
import { formatProblem } from './report';

export async function personas(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    options: { k: { type: 'string' }, attributes: { type: 'string' }, seed: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
  const k = positiveInteger(values.k, 'k');
  const seed = positiveInteger(values.seed, 'seed');
  const { workspace: ws, fs } = await openWorkspace(positionals[0] ?? '.');
  if (!ws.project) return refuse(ws.problems, io);
  const attributes = (values.attributes ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const declared = Object.keys(ws.project.attributes);
  for (const a of attributes) if (!declared.includes(a)) throw new UsageError(`--attributes: research.yaml declares no attribute "${a}"; it declares: ${declared.join(', ') || '(none)'}.`);

  const generation = generatePersonas(ws, { ...(k !== undefined ? { k } : {}), ...(seed !== undefined ? { seed } : {}), attributes });
  if (generation.personas.length === 0) {
    io.err('No participant has tagged highlights yet, so there is nothing to build personas from.');
    return 1;
  }
  const plan = new EditPlan(fs, ws.versions);
  const result = await writePersonas(plan, ws, generation);
  if (hasErrors(result.problems)) return refuse(result.problems, io);
  const { edits } = plan.result();

  io.out(describeGeneration(generation));
  io.out(describeWrites(result, generation));
  if (values['dry-run']) {
    for (const e of edits) if (e.kind === 'write') io.out(preview({ path: e.path, before: e.expectedHash === null ? '' : ((await readText(fs, e.path)) ?? ''), after: e.content, replaced: [] }));
    io.out(`Dry run: ${edits.length} file(s) would be written; nothing was written.`);
    return 0;
  }
  await fs.apply(edits);
  io.out(`${edits.length} file(s) written. Review them with \`git diff\`; rename the personas and edit any field: Sift keeps what you write.`);
  return 0;
}

function describeGeneration(g: PersonaGeneration): string {
  const lines = [`${g.personas.length} persona(s) from ${g.profiled} participants: ${g.method}.`];
  if (g.chosenBy === 'silhouette') lines.push(`  silhouette by k: ${g.tried.map((t) => `${t.k}: ${t.silhouette.toFixed(2)}`).join(', ')} (higher is better; choose another with --k)`);
  if (g.unprofiled.length > 0) lines.push(`  not in any persona (no tagged highlights): ${g.unprofiled.join(', ')}`);
  return lines.join('\n');
}

function describeWrites(result: PersonaWriteResult, g: PersonaGeneration): string {
  const lines: string[] = [];
  for (const w of result.writes) {
    const d = w.draft;
    const tags = d.distinguishing.map((t) => `${t.tag} ×${t.lift.toFixed(1)}`).join(', ') || 'none';
    lines.push(`${w.action === 'create' ? 'new' : w.action === 'update' ? 'refreshed' : 'unchanged'} ${w.path}: ${d.participants.length} participants (${Math.round(d.share * 100)}%) ${d.participants.join(' ')}`);
    lines.push(`  distinguishing: ${tags}; ${d.quotes.length} quote(s)`);
    if (w.kept.length > 0) lines.push(`  kept as you wrote them: ${w.kept.join(', ')}`);
    if (w.resembles) lines.push(`  resembles your persona ${w.resembles.path} (${w.resembles.shared} of its ${w.resembles.of} participants): compare them, and delete whichever you do not need`);
  }
  for (const p of result.unmatched) lines.push(`left alone ${p.path}: generated before, but no group of this run matches its participants; delete it if it is no longer wanted.`);
  if (g.personas.length === 1 && g.chosenBy === 'too-few') lines.push('Too few participants to cluster: one persona holds them all.');
  return lines.join('\n');
}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a whole number of at least 1, got "${value}".`);
  return Number(value);
}

/** Prints the problems that stop a write, and says nothing was written (exit 1). */
export function refuse(problems: readonly import('../core/problems').Problem[], io: Io): number {
  for (const p of problems) io.err(formatProblem(p, 'text'));
  io.err('Nothing was written.');
  return 1;
}
