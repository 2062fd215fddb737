/**
 * "Generate Personas…": the researcher picks how many personas (each k the core tried, with
 * its silhouette, the best first) and, optionally, participant attributes to cluster on
 * besides the coding; the core plans the persona files — creating new ones, refreshing the
 * fields Sift wrote, keeping every field the researcher changed — and the plan is applied
 * as one undoable edit. Then a summary of what happened, and the persona cards.
 */
import { formatSilhouette } from '../../../core/format';
import * as vscode from 'vscode';
import type { PersonaGeneration, PersonaWriteResult, Twin, WriteOptions } from '../../../core/personas/generation';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import { report } from '../tagging';

/** Persona generation, loaded the first time it is used (dist/persona-generation.js). */
export const personaGeneration = () => require('../../../core/personas/generation') as typeof import('../../../core/personas/generation');

/** Lets a caller (a test, another command) skip the pickers. */
export interface GenerateOptions {
  k?: number;
  attributes?: string[];
  /** A new persona resembling a hand-written one: update that one, or add the new one as a draft. */
  similar?: WriteOptions['similar'];
}

export interface GenerationOutcome {
  model: ResearchModel;
  generation: PersonaGeneration;
  result: PersonaWriteResult;
  /** What the notification and the log say. */
  summary: string[];
}

const RESTRICTED = 'This folder is open in Restricted Mode: Sift shows your personas but writes none until you trust the folder.';

export async function generatePersonasFlow(sift: SiftContext, options: GenerateOptions = {}): Promise<GenerationOutcome | undefined> {
  const model = await sift.pickModel();
  const ws = model?.workspace;
  if (!model || !ws?.project) return void vscode.window.showInformationMessage('Open a folder with a research.yaml to generate personas.');
  if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage(RESTRICTED);

  const suggestion = personaGeneration().generatePersonas(ws);
  if (suggestion.personas.length === 0) return void vscode.window.showInformationMessage(personaGeneration().nobodyTaggedSentence(ws, 'build personas from'));
  const k = options.k ?? (await pickK(suggestion));
  if (k === undefined) return;
  const attributes = options.attributes ?? (await pickAttributes(ws.project.attributes));
  if (attributes === undefined) return;
  const twins = personaGeneration().findTwins(ws, personaGeneration().generatePersonas(ws, { ...(k > 0 ? { k } : {}), attributes }));
  const similar = options.similar ?? (twins.length > 0 ? await pickSimilar(twins) : 'add');
  if (similar === undefined) return;

  let outcome: Omit<GenerationOutcome, 'summary' | 'model'> | undefined;
  const problems = await model.change('Generate personas', async (plan, current) => {
    const generation = personaGeneration().generatePersonas(current, { ...(k > 0 ? { k } : {}), attributes });
    const result = await personaGeneration().writePersonas(plan, current, generation, { similar });
    outcome = { generation, result };
    return result.problems;
  });
  if (report(problems) || !outcome) return;
  const summary = describe(model, outcome);
  sift.log.info(`Generate personas:\n  ${summary.join('\n  ')}`);
  // The change is a diff to review like any other: Source Control shows it file by file.
  void vscode.window.showInformationMessage(summary.join(' '), 'Review Changes', 'Show Details').then((choice) => {
    if (choice === 'Review Changes') void vscode.commands.executeCommand('workbench.view.scm');
    else if (choice === 'Show Details') sift.log.show(true);
  });
  return { model, ...outcome, summary };
}

/** How many groups; 0 when there are too few participants to choose (one group holds them all). */
export async function pickK(suggestion: Pick<PersonaGeneration, 'chosenBy' | 'tried' | 'k' | 'profiled'>, what = 'personas', title = 'Generate Personas (1/2)'): Promise<number | undefined> {
  if (suggestion.chosenBy === 'too-few' || suggestion.chosenBy === 'alike') return 0;
  type Item = vscode.QuickPickItem & { k: number };
  const tried = [...suggestion.tried].sort((a, b) => (a.k === suggestion.k ? -1 : b.k === suggestion.k ? 1 : a.k - b.k));
  const items = tried.map((t): Item => ({
    label: `${t.k} ${what}`,
    description: `silhouette ${formatSilhouette(t.silhouette)}, ${clarity(t.silhouette)}${t.k === suggestion.k ? ' · suggested (highest silhouette)' : ''}`,
    k: t.k,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: `${title}: how many, from ${suggestion.profiled} participants?`,
    placeHolder: 'Silhouette: how clearly participants fall into groups (higher is clearer)',
    ignoreFocusOut: true,
  });
  return pick?.k;
}

/** The reading docs/insights.md gives a silhouette, as the card and the report say it. */
function clarity(silhouette: number): string {
  return `groups ${personaGeneration().describeSeparation(silhouette)}`;
}

/**
 * New groups that resemble personas the team wrote: update those (their participants,
 * share and distinguishing codes; every word kept), or add the new ones as drafts to
 * compare. Undefined when the researcher backs out.
 */
async function pickSimilar(twins: readonly Twin[]): Promise<WriteOptions['similar'] | undefined> {
  const yours = personaGeneration().sentenceList(twins.map((t) => `“${t.persona.name}”`));
  const pairs = twins.map((t) => `${t.shared} of ${t.of} participants of “${t.persona.name}”`).join('; ');
  type Item = vscode.QuickPickItem & { similar: 'add' | 'update' };
  const items: Item[] = [
    { label: `Update ${yours}`, description: 'with this run’s participants, share and distinguishing codes', detail: 'Your name, summary, goals, quotes and status stay as you wrote them. No twin is added.', similar: 'update' },
    { label: 'Add as new drafts', description: 'to compare side by side', detail: 'Drafts stay out of reports until you accept one; delete whichever you do not need.', similar: 'add' },
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: `Generate Personas (3/3): new groups resemble your personas (${pairs})`,
    placeHolder: `Update ${yours} instead of adding twins?`,
    ignoreFocusOut: true,
  });
  return pick?.similar;
}

/** Participant attributes to cluster on besides the coding; none picked is the usual answer. */
async function pickAttributes(declared: Record<string, { values?: readonly unknown[] }>): Promise<string[] | undefined> {
  const names = Object.keys(declared);
  if (names.length === 0) return [];
  const picks = await vscode.window.showQuickPick(
    names.map((name) => ({ label: name, description: (declared[name]?.values ?? []).join(', ') })),
    {
      title: 'Generate Personas (2/2): also group by participant attributes? (optional)',
      placeHolder: 'Pick none and press Enter to group by the coding alone',
      canPickMany: true,
      ignoreFocusOut: true,
    },
  );
  return picks?.map((p) => p.label);
}

/** Sentences for the notification: what was created, refreshed, kept, and what resembles a hand-written persona. */
function describe(model: ResearchModel, { generation, result }: Omit<GenerationOutcome, 'summary' | 'model'>): string[] {
  const name = (path: string) => {
    const p = [...(model.workspace?.personas.values() ?? [])].find((x) => x.path === path);
    return `“${p?.name ?? path}”`;
  };
  const of = (action: string) => result.writes.filter((w) => w.action === action).map((w) => name(w.path));
  const how = generation.chosenBy === 'silhouette' || generation.chosenBy === 'given' ? ` (k = ${generation.k}, silhouette ${formatSilhouette(generation.silhouette)})` : '';
  const lines = [`${generation.personas.length} persona${generation.personas.length === 1 ? '' : 's'} from ${generation.profiled} participants${how}.`];
  const created = of('create');
  const refreshed = result.writes.filter((w) => w.action === 'update' && !w.adopted).map((w) => name(w.path));
  const unchanged = of('unchanged');
  if (created.length > 0) lines.push(`Created ${personaGeneration().sentenceList(created)}.`);
  if (refreshed.length > 0) lines.push(`Refreshed ${personaGeneration().sentenceList(refreshed)}.`);
  if (unchanged.length > 0) lines.push(`Already up to date: ${personaGeneration().sentenceList(unchanged)}.`);
  for (const w of result.writes) if (w.kept.length > 0) lines.push(`Kept your edits to ${name(w.path)}: ${w.kept.join(', ')}.`);
  for (const w of result.writes) if (w.resembles) lines.push(`${name(w.path)} resembles your persona ${name(w.resembles.path)} (${w.resembles.shared} of its ${w.resembles.of} participants): compare them and keep one.`);
  const adopted = result.writes.filter((w) => w.adopted).map((w) => name(w.path));
  if (adopted.length > 0)
    lines.push(`Updated your ${adopted.length === 1 ? 'persona' : 'personas'} ${personaGeneration().sentenceList(adopted)} with this run’s participants, share and distinguishing codes instead of adding twins; your words are kept.`);
  if (created.length > 0) lines.push(`New personas are drafts: reports leave them out until you accept them (Accept Persona on the card).`);
  for (const p of result.unmatched) lines.push(`Left “${p.name}” alone: no group of this run matches its participants.`);
  if (generation.unprofiled.length > 0) lines.push(`Not in any persona (no tagged highlights): ${generation.unprofiled.join(', ')}.`);
  return lines;
}
