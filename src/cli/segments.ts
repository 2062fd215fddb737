/**
 * `sift segments [dir] --by tags|ATTR,… [--k N] [--name ATTR] [--seed N] [--dry-run]`:
 * divide the participants into segments — by their coding (`tags`), by attributes, or
 * both — and write each one's segment as the attribute ATTR (`segment` by default) in
 * participants.yaml, declared as an enum in research.yaml. --dry-run shows the change as
 * a diff and writes nothing.
 */
import { parseArgs } from 'node:util';
import { hasErrors, type Problem } from '../core/problems';
import { segmentParticipants, segmentShares, writeSegments, DEFAULT_SEGMENT_ATTRIBUTE, type Segmentation } from '../core/segments/segment';
import { EditPlan } from '../core/store/plan';
import { readText } from '../core/workspace/load';
import type { Io } from './io';
import { nobodyTaggedSentence } from '../core/personas/unlisted-participants';
import { openWorkspace, UsageError } from './open';
import { preview } from './redact';
import { formatProblem } from './report';
import { formatCount, formatSilhouette } from '../core/format';

const ATTRIBUTE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function segments(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    options: { by: { type: 'string' }, k: { type: 'string' }, name: { type: 'string' }, seed: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')}`);
  const by = (values.by ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (by.length === 0) throw new UsageError('--by is needed: `tags` (the coding), participant attributes (age-band,channel), or both (tags,age-band).');
  const name = values.name ?? DEFAULT_SEGMENT_ATTRIBUTE;
  if (!ATTRIBUTE_NAME.test(name)) throw new UsageError(`--name must be lower-case words joined by hyphens, e.g. segment or attitude-segment (not "${name}").`);
  const k = whole(values.k, 'k', 2);
  const seed = whole(values.seed, 'seed', 1);
  const { workspace: ws, fs } = await openWorkspace(positionals[0] ?? '.');
  if (!ws.project) return refuse(ws.problems, io);
  const attributes = by.filter((a) => a !== 'tags');
  const declared = Object.keys(ws.project.attributes);
  for (const a of attributes) if (!declared.includes(a)) throw new UsageError(`--by: research.yaml declares no attribute "${a}"; it declares: ${declared.join(', ') || '(none)'} (or use tags).`);
  if (attributes.includes(name)) throw new UsageError(`--by ${name}: the segments are written to "${name}", so they cannot be made from it.`);

  const s = segmentParticipants(ws, { tags: by.includes('tags'), attributes, ...(k !== undefined ? { k } : {}), ...(seed !== undefined ? { seed } : {}), name });
  if (s.segments.length === 0) {
    io.err(by.includes('tags') ? nobodyTaggedSentence(ws, 'segment by') : `No participant has a value for ${attributes.join(' or ')}, so there is nothing to segment by.`);
    return 1;
  }
  const plan = new EditPlan(fs, ws.versions);
  const problems = await writeSegments(plan, ws, s);
  if (hasErrors(problems)) return refuse(problems, io);
  io.out(describe(s));
  const { edits } = plan.result();
  if (values['dry-run']) {
    for (const e of edits) if (e.kind === 'write') io.out(preview({ path: e.path, before: (await readText(fs, e.path)) ?? '', after: e.content, replaced: [] }));
    io.out(`Dry run: ${formatCount(edits.length, 'file')} would be written; nothing was written.`);
    return 0;
  }
  await fs.apply(edits);
  io.out(
    `${edits.length === 0 ? 'Nothing to write: every participant has this segment already.' : `${formatCount(edits.length, 'file')} written.`} “${s.attribute}” is now an attribute like any other: \`sift export csv --format tag-attribute --attribute ${s.attribute}\`, coverage and the report work by it.`,
  );
  return 0;
}

function describe(s: Segmentation): string {
  const total = s.segments.reduce((n, g) => n + g.participants.length, 0) + s.unassigned.length;
  const lines = [`${formatCount(s.segments.length, 'segment')} of ${formatCount(total, 'participant')}, written as “${s.attribute}”: ${s.method}.`];
  if (s.tried.length > 0) lines.push(`  silhouette by k: ${s.tried.map((t) => `${t.k}: ${formatSilhouette(t.silhouette)}`).join(', ')} (higher is better; choose another with --k)`);
  for (const g of segmentShares(s)) lines.push(`  ${g.value}: ${g.participants.length} participants (${g.shareText} of the total sample) ${g.participants.join(' ')}`);
  if (s.unassigned.length > 0) lines.push(`  in no segment (nothing to segment them by): ${s.unassigned.join(', ')}`);
  return lines.join('\n');
}

function whole(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, got "${value}".`);
  return Number(value);
}

function refuse(problems: readonly Problem[], io: Io): number {
  for (const p of problems) io.err(formatProblem(p, 'text'));
  io.err('Nothing was written.');
  return 1;
}
