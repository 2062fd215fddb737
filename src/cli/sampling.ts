/**
 * `sift sampling import <table.csv> [dir] --attribute A --column C [--map "Label=value"]…
 * [--sample N] [--dry-run]`: an attribute's targets from a census table (see
 * src/core/sampling/census.ts), written into research.yaml with its comments kept; with
 * --sample, the planned sample size too, and the whole people it asks for per group (the
 * rounding the coverage uses). --dry-run shows the change and writes nothing.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatShare } from '../core/format';
import { hasErrors } from '../core/problems';
import { CensusError, censusTargets, readCensusTable, writtenPercent, type CensusTargets } from '../core/sampling/census';
import { planCounts } from '../core/sampling/coverage';
import { writeTargets } from '../core/sampling/write';
import { EditPlan } from '../core/store/plan';
import { readText } from '../core/workspace/load';
import { RESEARCH_FILE } from '../core/workspace/workspace';
import type { Io } from './io';
import { subcommandArgs } from './exchange-io';
import { openWorkspace, UsageError } from './open';
import { refuse } from './personas';
import { preview } from './redact';
import { table } from './report';

export async function sampling(rest: string[], io: Io): Promise<number> {
  const { positionals, values } = subcommandArgs(
    rest,
    ['import'] as const,
    { attribute: { type: 'string' }, column: { type: 'string' }, map: { type: 'string', multiple: true }, sample: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    'sampling',
  ) as {
    positionals: string[];
    values: { attribute?: string; column?: string; map?: string[]; sample?: string; 'dry-run'?: boolean };
  };
  const [csvPath, dir = '.', ...extra] = positionals;
  if (!csvPath || extra.length > 0) throw new UsageError('Expected a CSV table and at most one folder: sift sampling import <table.csv> [dir] --attribute a --column "Area".');
  if (!values.attribute) throw new UsageError('--attribute is required: the participant attribute the table gives targets for.');
  if (!values.column) throw new UsageError('--column is required: the column of the table to read (an area, like "Leeds").');
  const planned = values.sample === undefined ? undefined : wholeNumber(values.sample);
  const given = new Map((values.map ?? []).map(mapping));

  const { workspace: ws, fs } = await openWorkspace(dir);
  if (!ws.project || hasErrors(ws.problems.filter((p) => p.path === RESEARCH_FILE)))
    return refuse(
      ws.problems.filter((p) => p.path === RESEARCH_FILE),
      io,
    );
  const def = ws.project.attributes[values.attribute];
  if (!def) throw new UsageError(`research.yaml declares no attribute "${values.attribute}"; it declares: ${Object.keys(ws.project.attributes).join(', ') || '(none)'}.`);
  if (def.type !== 'enum' || !def.values?.length) throw new UsageError(`${values.attribute} is not an enum attribute with values; census targets are shares of its values.`);

  let result: CensusTargets;
  try {
    result = censusTargets(readCensusTable(readFileSync(csvPath, 'utf8')), values.column, def.values, given);
  } catch (e) {
    if (!(e instanceof CensusError)) throw e;
    io.err(`${path.relative(process.cwd(), path.resolve(csvPath))}:${e.line}:1: error: ${e.message}`);
    io.err('Nothing was written.');
    return 1;
  }
  io.out(describeMapping(result, values.attribute));
  const size = planned ?? ws.project.sample.planned;
  if (size !== undefined) {
    const plan = planCounts(result.targets, size);
    io.out(`\nFor ${planned !== undefined ? 'a planned sample' : 'the planned sample'} of ${size} (shares rounded to whole people, keeping the total):`);
    io.out(
      table(
        ['group', 'share', 'people'],
        plan.map((g) => [g.value, formatShare(g.share), g.wanted]),
      ),
    );
  }

  const edit = new EditPlan(fs, ws.versions);
  await writeTargets(edit, values.attribute, result.targets, { planned, table: path.basename(csvPath), column: result.column });
  const { edits, problems } = edit.result();
  if (hasErrors(problems)) return refuse(problems, io);
  if (values['dry-run']) {
    for (const e of edits) if (e.kind === 'write') io.out(preview({ path: e.path, before: (await readText(fs, e.path)) ?? '', after: e.content, replaced: [] }));
    io.out(`Dry run: ${edits.length === 0 ? 'research.yaml already says this' : 'research.yaml would change'}; nothing was written.`);
    return 0;
  }
  await fs.apply(edits);
  io.out(edits.length === 0 ? 'research.yaml already says this; nothing to write.' : `Wrote the targets for ${values.attribute} into research.yaml. \`sift stats\` compares the sample with them.`);
  return 0;
}

function describeMapping(r: CensusTargets, attribute: string): string {
  const how = { given: 'as given', label: 'by its label', unmapped: 'not mapped: everyone else' } as const;
  const mapped = r.mapping.filter((m) => m.value !== undefined).length;
  return [
    `Column "${r.column}": ${mapped} of ${r.mapping.length} categories mapped to values of ${attribute}.`,
    table(
      ['category', 'share', attribute],
      r.mapping.map((m) => [m.label, writtenPercent(m.share), `${m.value ?? '—'} (${how[m.how]})`]),
    ),
    ...(mapped < r.mapping.length ? [`Map the others with --map "Category=value", or leave them to everyone else.`] : []),
  ].join('\n');
}

function mapping(text: string): [string, string] {
  const at = text.lastIndexOf('=');
  if (at <= 0 || at === text.length - 1) throw new UsageError(`--map takes "Category label=value", got "${text}".`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--sample must be a whole number of at least 1, got "${value}".`);
  return Number(value);
}
