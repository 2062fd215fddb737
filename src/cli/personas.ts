/**
 * `sift personas [dir] [--k N] [--attributes a,b] [--seed N] [--update-similar] [--dry-run]`:
 * cluster the participants by their coded profile and write (or refresh)
 * `personas/<id>.yaml`, keeping every field a researcher wrote. New personas are drafts;
 * one resembling a hand-written persona is added as a draft to compare, or, with
 * --update-similar, updates that persona instead. --dry-run shows the change as a diff and
 * writes nothing.
 *
 * `sift personas accept|draft <id>… [dir]`: accept personas (they reach reports), or put
 * them back to draft.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatePersonas, type PersonaGeneration } from '../core/personas/generate';
import { describeSeparation } from '../core/personas/kmeans';
import { writePersonas, type PersonaWriteResult } from '../core/personas/write';
import { setPersonaStatus } from '../core/personas/status';
import type { PersonaStatus } from '../core/model';
import { hasErrors } from '../core/problems';
import { EditPlan } from '../core/store/plan';
import { readText } from '../core/workspace/load';
import type { Io } from './io';
import { nobodyTaggedSentence } from '../core/personas/unlisted-participants';
import { openWorkspace, UsageError } from './open';
import { preview } from './redact';
import { formatProblem } from './report';
import { formatCount, formatShare, formatSilhouette } from '../core/format';

export async function personas(rest: string[], io: Io): Promise<number> {
  if (rest[0] === 'accept' || rest[0] === 'draft') return setStatus(rest[0] === 'accept' ? 'accepted' : 'draft', rest.slice(1), io);
  const { values, positionals } = parseArgs({
    args: rest,
    options: { k: { type: 'string' }, attributes: { type: 'string' }, seed: { type: 'string' }, 'update-similar': { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
  const k = positiveInteger(values.k, 'k');
  const seed = positiveInteger(values.seed, 'seed');
  const { workspace: ws, fs } = await openWorkspace(positionals[0] ?? '.');
  if (!ws.project) return refuse(ws.problems, io);
  const attributes = (values.attributes ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const declared = Object.keys(ws.project.attributes);
  for (const a of attributes) if (!declared.includes(a)) throw new UsageError(`--attributes: research.yaml declares no attribute "${a}"; it declares: ${declared.join(', ') || '(none)'}.`);

  const generation = generatePersonas(ws, { ...(k !== undefined ? { k } : {}), ...(seed !== undefined ? { seed } : {}), attributes });
  if (generation.personas.length === 0) {
    io.err(nobodyTaggedSentence(ws, 'build personas from'));
    return 1;
  }
  if (generation.chosenBy === 'alike') {
    // One "persona" of everyone is no finding: say why, and write nothing.
    io.err(`The ${generation.profiled} participants' coding is alike (the same tags in the same shares), so nothing tells personas apart; none was written. Code what differs between them, or cluster on attributes too with --attributes.`);
    return 1;
  }
  const plan = new EditPlan(fs, ws.versions);
  const result = await writePersonas(plan, ws, generation, { similar: values['update-similar'] ? 'update' : 'add' });
  if (hasErrors(result.problems)) return refuse(result.problems, io);
  const { edits } = plan.result();

  io.out(describeGeneration(generation));
  io.out(describeWrites(result, generation));
  if (values['dry-run']) {
    for (const e of edits) if (e.kind === 'write') io.out(preview({ path: e.path, before: e.expectedHash === null ? '' : ((await readText(fs, e.path)) ?? ''), after: e.content, replaced: [] }));
    io.out(`Dry run: ${formatCount(edits.length, 'file')} would be written; nothing was written.`);
    return 0;
  }
  await fs.apply(edits);
  io.out(
    edits.length === 0
      ? 'Nothing to write: the persona files are as this run would write them.'
      : `${formatCount(edits.length, 'file')} written. Review them with \`git diff\`; rename the personas and edit any field: Sift keeps what you write.`,
  );
  const drafts = result.writes.filter((w) => w.action === 'create').map((w) => w.id);
  if (drafts.length > 0) io.out(`New personas are drafts, left out of reports until you accept them: \`sift personas accept ${drafts.join(' ')}\`.`);
  return 0;
}

/** `accept|draft <id>… [dir]`: the last argument is the folder when it holds a research.yaml. */
async function setStatus(status: PersonaStatus, args: string[], io: Io): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  const last = positionals[positionals.length - 1];
  const folder = last !== undefined && positionals.length > 1 && existsSync(join(last, 'research.yaml')) ? last : undefined;
  const ids = folder === undefined ? positionals : positionals.slice(0, -1);
  if (ids.length === 0) throw new UsageError(`sift personas ${status === 'accepted' ? 'accept' : 'draft'} needs the id of a persona (its file name without .yaml).`);
  const { workspace: ws, fs } = await openWorkspace(folder ?? '.');
  if (!ws.project) return refuse(ws.problems, io);
  const unknown = ids.filter((id) => !ws.personas.has(id));
  if (unknown.length > 0) throw new UsageError(`No persona ${unknown.join(', ')}; the personas are: ${[...ws.personas.keys()].join(', ') || '(none)'}.`);
  const plan = new EditPlan(fs, ws.versions);
  for (const id of ids) await setPersonaStatus(plan, ws.personas.get(id)!, status);
  const { edits, problems } = plan.result();
  if (hasErrors(problems)) return refuse(problems, io);
  await fs.apply(edits);
  for (const id of ids) io.out(`${ws.personas.get(id)!.path}: ${status}${status === 'accepted' ? ' — it now reaches reports' : ' — left out of reports until accepted'}.`);
  return 0;
}

function describeGeneration(g: PersonaGeneration): string {
  const lines = [`${formatCount(g.personas.length, 'persona')} from ${formatCount(g.profiled, 'participant')}: ${g.method}.`];
  if (g.chosenBy === 'silhouette') lines.push(`  silhouette by k: ${g.tried.map((t) => `${t.k}: ${formatSilhouette(t.silhouette)}`).join(', ')} (higher is better; choose another with --k)`);
  if (g.unprofiled.length > 0) lines.push(`  not in any persona (no tagged highlights): ${g.unprofiled.join(', ')}`);
  return lines.join('\n');
}

function describeWrites(result: PersonaWriteResult, g: PersonaGeneration): string {
  const lines: string[] = [];
  for (const w of result.writes) {
    const d = w.draft;
    const tags = d.distinguishing.map((t) => `${t.tag} (${t.participants} of ${t.size} vs ${t.others} of ${t.othersSize} others)`).join(', ') || 'none';
    lines.push(
      `${w.action === 'create' ? 'new draft' : w.action === 'update' ? 'refreshed' : 'unchanged'} ${w.path}: ${d.participants.length} participants (${formatShare(d.share)}) ${d.participants.join(' ')}; ${describeSeparation(d.silhouette)} (silhouette ${formatSilhouette(d.silhouette)})`,
    );
    lines.push(`  distinguishing: ${tags}; ${formatCount(d.quotes.length, 'quote')}`);
    if (w.kept.length > 0) lines.push(`  kept as you wrote them: ${w.kept.join(', ')}`);
    if (w.adopted) lines.push(`  a persona you wrote, updated with this group's participants, share and distinguishing codes instead of adding a twin; your words kept`);
    if (w.resembles)
      lines.push(`  resembles your persona ${w.resembles.path} (${w.resembles.shared} of its ${w.resembles.of} participants): added as a draft to compare; run again with --update-similar to update yours instead of adding a twin`);
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
