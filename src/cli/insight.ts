/**
 * `sift insight …`: insights from the command line, over the same operations as the editor.
 *
 *   sift insight list [dir] [--by status|theme]
 *   sift insight new "<statement>" [dir] [--evidence h-…,h-…] [--theme id,…] [--from-theme id]
 *   sift insight status <id> <status> [dir]
 *   sift insight recommend <id> "<action>" [dir] [--owner "team"]
 *
 * Every change is all or nothing: on any problem nothing is written and the exit code is 1.
 */
import { parseArgs } from 'node:util';
import { describeStrength } from '../core/insights/evidence';
import { addRecommendation, createInsight, INSIGHT_STATUSES, setInsightStatus } from '../core/insights/operations';
import { groupInsights } from '../core/insights/view';
import type { InsightStatus } from '../core/model';
import { hasErrors, type Problem } from '../core/problems';
import { EditPlan } from '../core/store/plan';
import type { Workspace } from '../core/workspace/workspace';
import { choice, type Io } from './io';
import { noteUnreadable, openWorkspace, UsageError, type Opened } from './open';
import { formatProblem } from './report';
import { formatCount } from '../core/format';

const SUBCOMMANDS = ['list', 'new', 'status', 'recommend'] as const;
/** Positionals each subcommand takes before the optional folder. */
const ARITY: Record<(typeof SUBCOMMANDS)[number], number> = { list: 0, new: 1, status: 2, recommend: 2 };

export async function insight(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    options: { by: { type: 'string' }, evidence: { type: 'string' }, theme: { type: 'string' }, 'from-theme': { type: 'string' }, owner: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [sub, ...args] = positionals;
  if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`sift insight needs one of: ${SUBCOMMANDS.join(', ')}${sub ? ` (not "${sub}")` : ''}.`);
  const command = sub as (typeof SUBCOMMANDS)[number];
  if (args.length < ARITY[command] || args.length > ARITY[command] + 1) throw new UsageError(`sift insight ${command} takes ${formatCount(ARITY[command], 'argument')} and an optional folder.`);
  const opened = await openWorkspace(args[ARITY[command]] ?? '.');
  if (!opened.workspace.project) return refuse(opened.workspace.problems, io);
  const ws = opened.workspace;

  if (command === 'list') {
    noteUnreadable(ws, args[ARITY[command]] ?? '.', io, 'this list leaves');
    const by = choice(values.by, ['status', 'theme'] as const, 'status', 'by');
    for (const group of groupInsights(ws, by)) {
      io.out(`${group.label}`);
      for (const i of group.insights) io.out(`  ${i.id}${by === 'theme' ? ` [${i.status}]` : ''}: ${describeStrength(i.strength)}${i.strength.level === 'one-voice' ? ' (one voice)' : ''}`);
    }
    if (ws.insights.size === 0) io.out('No insights yet: create one with `sift insight new "<statement>" --evidence h-…`.');
    return 0;
  }

  const plan = new EditPlan(opened.fs, ws.versions);
  let problems: Problem[];
  let done: string;
  if (command === 'new') {
    const evidence = list(values.evidence);
    const themes = list(values.theme);
    const from = values['from-theme'];
    if (from !== undefined) {
      const theme = ws.themes.get(from);
      if (!theme) throw new UsageError(`--from-theme: there is no theme ${from}.`);
      evidence.push(...theme.highlights);
      themes.push(from);
    }
    const created = await createInsight(plan, ws, { statement: args[0]!, evidence, themes });
    problems = created.problems;
    done = `created ${folder(ws)}/${created.id}.yaml (draft): ${formatCount(evidence.length, 'highlight')} as evidence`;
  } else if (command === 'status') {
    const status = args[1] as InsightStatus;
    if (!INSIGHT_STATUSES.includes(status)) throw new UsageError(`An insight's status is one of: ${INSIGHT_STATUSES.join(', ')} (not "${args[1]}").`);
    problems = await setInsightStatus(plan, ws, args[0]!, status);
    done = `${args[0]} is now ${status}`;
  } else {
    problems = await addRecommendation(plan, ws, args[0]!, { action: args[1]!, ...(values.owner ? { owner: values.owner } : {}) });
    done = `added a proposed recommendation to ${args[0]}`;
  }
  return await apply(opened, plan, problems, done, io);
}

async function apply(opened: Opened, plan: EditPlan, problems: Problem[], done: string, io: Io): Promise<number> {
  const result = plan.result();
  const all = [...problems, ...result.problems];
  if (hasErrors(all)) return refuse(all, io);
  await opened.fs.apply(result.edits);
  io.out(result.edits.length === 0 ? 'Nothing to change.' : done + '.');
  return 0;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function folder(ws: Workspace): string {
  return ws.project?.paths.insights ?? 'insights';
}

function refuse(problems: readonly Problem[], io: Io): number {
  for (const p of problems) io.err(formatProblem(p, 'text'));
  io.err('Nothing was written.');
  return 1;
}
