/**
 * `sift sentiment [dir] [--journey ID] [--format text|json]`: Sift's sentiment proposals for
 * the journey quotes that have no sentiment of the researcher's (and whose proposal they have
 * not dismissed), each with the words that drove it. Nothing is written.
 * `sift sentiment confirm <h-id> [negative|neutral|positive|-2…2] [dir] [--journey ID]` writes
 * the researcher's value on the quote's journey moment (the proposal's own value when none is
 * given, or when its label is the one named); `sift sentiment dismiss <h-id> …` records that
 * the proposal is not to be offered again.
 */
import { parseArgs } from 'node:util';
import { signed } from '../protocol/journey';
import { indexEvidence } from '../core/insights/evidence';
import { assignToStage } from '../core/journeys/operations';
import type { Journey } from '../core/model';
import { hasErrors, type Problem } from '../core/problems';
import { EditPlan } from '../core/store/plan';
import type { Workspace } from '../core/workspace/workspace';
import { choice, type Io } from './io';
import { openWorkspace, UsageError } from './open';
import { formatProblem } from './report';
import { formatCount } from '../core/format';

/** The lexicon (about 110 KB) loads only for this command (dist/sentiment.js). */
const sentimentProposals = () => require('../core/assist/sentiment-journey') as typeof import('../core/assist/sentiment-journey');

const SHOWN_QUOTE = 70;
const NAMED: Record<string, number> = { negative: -1, neutral: 0, positive: 1 };

export async function sentiment(rest: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, options: { journey: { type: 'string' }, format: { type: 'string' } }, allowPositionals: true, strict: true });
  const [verb] = positionals;
  if (verb === 'confirm' || verb === 'dismiss') return decide(verb, positionals.slice(1), values.journey, io);
  if (positionals.length > 1) throw new UsageError(`Expected at most one folder, got: ${positionals.join(' ')} (to confirm: sift sentiment confirm <h-id> [value]).`);
  const format = choice(values.format, ['text', 'json'] as const, 'text', 'format');
  const { workspace: ws } = await openWorkspace(positionals[0] ?? '.');
  const journeys = journeysOf(ws, values.journey);
  const evidence = indexEvidence(ws);
  const { journeySentimentProposals } = sentimentProposals();
  const found = journeys.map((j) => ({ journey: j, proposals: journeySentimentProposals(j, evidence) }));
  // "Every quote has a sentiment" would be false of a study whose journeys hold no quote: say what is missing.
  const empty = journeys.every((j) => j.stages.every((s) => s.highlights.length === 0));
  if (empty) {
    if (format === 'json') io.out('[]');
    io.err(
      `${journeys.length === 0 ? 'This study has no journeys, so there are no quotes' : 'No journey holds a quote yet, so there are none'} to propose a sentiment for: put quotes on a journey's stages first (Add to Journey… in VS Code).`,
    );
    return 1;
  }
  if (format === 'json') {
    io.out(
      JSON.stringify(
        found.flatMap(({ journey, proposals }) => proposals.map((p) => ({ journey: journey.id, stage: p.stage, highlight: p.highlight, ...p.proposal }))),
        null,
        2,
      ),
    );
    return 0;
  }
  let total = 0;
  for (const { journey, proposals } of found) {
    if (proposals.length === 0) continue;
    io.out(`${journey.title} (${journey.id})`);
    for (const stage of journey.stages) {
      const here = proposals.filter((p) => p.stage === stage.id);
      if (here.length === 0) continue;
      io.out(`  ${stage.title}`);
      for (const { highlight, proposal: p } of here) {
        const quote = evidence.byId.get(highlight)!.highlight.quote;
        io.out(`    ${highlight}  “${quote.length > SHOWN_QUOTE ? `${quote.slice(0, SHOWN_QUOTE - 1)}…` : quote}”`);
        io.out(p.kind === 'declined' ? `      no proposal: ${p.reason}` : `      proposed ${signed(p.scale)} ${p.label} (score ${p.score < 0 ? '−' : ''}${Math.abs(p.score).toFixed(2)}): ${p.reason}`);
        total++;
      }
    }
  }
  io.out(
    total === 0
      ? 'Every quote on the journey map has a sentiment or a dismissed proposal: nothing to propose.'
      : `${formatCount(total, 'quote')} without a sentiment. Nothing is written until you confirm: sift sentiment confirm <h-id> [negative|neutral|positive|-2…2], or dismiss <h-id>.`,
  );
  return 0;
}

async function decide(verb: 'confirm' | 'dismiss', args: string[], journeyId: string | undefined, io: Io): Promise<number> {
  const [id, ...others] = args;
  if (!id || !/^h-/.test(id)) throw new UsageError(`sift sentiment ${verb} needs a highlight id, e.g. h-7f3k2q9m.`);
  const valueArg = verb === 'confirm' && others[0] !== undefined && isValue(others[0]) ? others.shift() : undefined;
  if (others.length > 1) throw new UsageError(`Expected at most one folder, got: ${others.join(' ')}`);
  const { workspace: ws, fs } = await openWorkspace(others[0] ?? '.');
  const holding = journeysOf(ws, journeyId).filter((j) => j.stages.some((s) => s.highlights.some((h) => h.id === id)));
  if (holding.length === 0) throw new UsageError(`${id} is on no journey${journeyId ? ` called ${journeyId}` : ''}: put it on a stage first (Add to Journey… in VS Code).`);
  if (holding.length > 1) throw new UsageError(`${id} is on ${holding.length} journeys (${holding.map((j) => j.id).join(', ')}): say which with --journey.`);
  const journey = holding[0]!;
  const moment = journey.stages.flatMap((s) => s.highlights.map((h) => ({ stage: s.id, ...h }))).find((h) => h.id === id)!;
  const plan = new EditPlan(fs, ws.versions);
  let problems: Problem[];
  let said: string;
  if (verb === 'dismiss') {
    problems = await sentimentProposals().dismissSentimentProposal(plan, ws, journey.id, id);
    said = `Dismissed the sentiment proposal for ${id} on ${journey.id}: it will not be offered again.`;
  } else {
    const value = confirmedValue(ws, id, valueArg);
    problems = await assignToStage(plan, ws, journey.id, id, moment.stage, value);
    said = `Sentiment ${signed(value)} written for ${id} on ${journey.id} (${journey.path}).`;
  }
  if (hasErrors(problems)) {
    for (const p of problems) io.err(formatProblem(p, 'text'));
    return 1;
  }
  await fs.apply(plan.result().edits);
  io.out(said);
  return 0;
}

/** The value a confirm writes: a number as given; a label, the proposal's value when the labels agree (else −1, 0, +1); nothing, the proposal's. */
function confirmedValue(ws: Workspace, id: string, given: string | undefined): number {
  if (given !== undefined && /^[-−]?\d$/.test(given)) return Number(given.replace('−', '-'));
  const evidence = indexEvidence(ws);
  const { proposeSentiment, studyTermsOf } = sentimentProposals();
  const proposal = proposeSentiment(evidence.byId.get(id)?.highlight.quote ?? '', studyTermsOf(evidence));
  if (given === undefined) {
    if (proposal.kind === 'declined') throw new UsageError(`Sift proposes nothing for ${id} (${proposal.reason}) — name the value: sift sentiment confirm ${id} negative|neutral|positive|-2…2.`);
    if (proposal.label === 'mixed') throw new UsageError(`The proposal for ${id} is mixed, which is not a point on the journey's scale — name the value: negative, neutral, positive or -2…2.`);
    return proposal.scale;
  }
  if (given === 'mixed') throw new UsageError(`mixed is not a point on the journey's scale from -2 to 2 — name negative, neutral, positive or a number.`);
  return proposal.kind === 'proposal' && proposal.label === given ? proposal.scale : NAMED[given]!;
}

function isValue(arg: string): boolean {
  return arg in NAMED || arg === 'mixed' || /^[-−]?[0-2]$/.test(arg);
}

function journeysOf(ws: Workspace, id: string | undefined): Journey[] {
  if (id === undefined) return [...ws.journeys.values()].sort((a, b) => a.id.localeCompare(b.id));
  const journey = ws.journeys.get(id);
  if (!journey) throw new UsageError(`There is no journey ${id}; the journeys are: ${[...ws.journeys.keys()].sort().join(', ') || '(none)'}.`);
  return [journey];
}
