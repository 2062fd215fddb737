/**
 * Sift: Auto-Code…: asks the rule (a speaker's turns, answers by question, words or a
 * regular expression) and the tag, shows what would be coded — how many passages, in which
 * transcripts, with examples, and what is skipped and why — and writes only when the
 * researcher accepts: one change of every file, announced with an Undo (./codebook-undo.ts).
 *
 * Loaded on first use (dist/autocode-command.js, scripts/bundles.mjs): the extension's start-up
 * bundle holds only the command's registration. What it shares with the rest of the extension
 * (the open studies, the undo, the prompt tests wait for) is handed in, never imported, so
 * there is one of each.
 */
import * as vscode from 'vscode';
import type { AutocodePlan, AutocodeRule } from '../../../core/assist/autocode-index';
import type { Problem } from '../../../core/problems';
import type { SiftContext } from '../../context';
import type { ResearchModel } from '../../research-model';
import type { CodebookUndo } from '../codebook';

/** What the command gets from the extension that loaded it. */
export interface AutocodeHost {
  sift: SiftContext;
  undo: CodebookUndo;
  ask: <T>(what: string, prompt: Thenable<T>) => Promise<T>;
  report: (problems: Problem[]) => boolean;
}

/** A rule and tag given to the command (by a test or a keybinding), skipping the questions: `{speaker: 'P03', tag: 'participant-voice'}`. */
export interface AutocodeArgs {
  speaker?: string;
  match?: string;
  regex?: boolean;
  byQuestion?: 'attribute' | 'tag';
  tag?: string;
}

const core = () => require('../../../core/assist/autocode-index') as typeof import('../../../core/assist/autocode-index');

export async function runAutocode(host: AutocodeHost, args?: AutocodeArgs): Promise<void> {
  const model = await host.sift.pickModel();
  const ws = model?.workspace;
  if (!model || !ws) return void vscode.window.showInformationMessage('Open a folder with a research.yaml to auto-code its transcripts.');
  const rule = args && ruleOfArgs(args) ? ruleOfArgs(args) : await askRule(host, model);
  if (!rule) return;
  const tag = args?.tag ?? (await askTag(host, model));
  if (!tag) return;
  const { loadedTranscriptTexts, planAutocode, applyAutocode } = core();
  const { texts } = await loadedTranscriptTexts(model.fs, ws);
  const plan = planAutocode(ws, texts, rule, tag);
  if (plan.nothing !== undefined) return void vscode.window.showInformationMessage(`${plan.nothing} Nothing was written.`);
  if (!(await accepted(host, plan))) return;
  const count = plan.passages.length;
  host.report(
    await model.change(
      'Auto-code',
      // Planned again on the study as it is when written: the same rule, so the same passages unless a file changed meanwhile.
      async (edits, now) => {
        const fresh = await loadedTranscriptTexts(model.fs, now);
        return applyAutocode(edits, now, fresh.texts, now === ws ? plan : planAutocode(now, fresh.texts, rule, tag));
      },
      host.undo.recording(model, (files) => `Coded ${count} passage${count === 1 ? '' : 's'} with “${labelOf(model, plan.tag)}” (${plan.rule}) in ${files}`),
    ),
  );
}

function ruleOfArgs(args: AutocodeArgs): AutocodeRule | undefined {
  if (args.speaker !== undefined) return { kind: 'speaker', speaker: args.speaker };
  if (args.match !== undefined) return { kind: 'match', pattern: core().compilePattern(args.match, args.regex === true), regex: args.regex === true, scope: 'turn' };
  if (args.byQuestion !== undefined) return { kind: 'question', as: args.byQuestion };
  return undefined;
}

async function askRule(host: AutocodeHost, model: ResearchModel): Promise<AutocodeRule | undefined> {
  const kinds = [
    { label: '$(person) Turns of a speaker', rule: 'speaker' as const },
    { label: '$(question) Answers to each interview question', detail: 'Questions: Markdown headings, or the interviewer’s turns that ask something', rule: 'question' as const },
    { label: '$(search) Passages with words or a phrase', detail: 'Words separated by commas; wait* for any ending; accents and case ignored', rule: 'match' as const },
    { label: '$(regex) Passages matching a regular expression', rule: 'regex' as const },
  ];
  const kind = await host.ask('autocode-rule', vscode.window.showQuickPick(kinds, { title: 'Auto-Code', placeHolder: 'What should be coded?' }));
  if (!kind) return undefined;
  if (kind.rule === 'speaker') {
    const turns = new Map<string, number>();
    for (const t of model.workspace?.transcripts.values() ?? []) for (const turn of t.turns) if (turn.speaker) turns.set(turn.speaker, (turns.get(turn.speaker) ?? 0) + 1);
    const picked = await host.ask(
      'autocode-speaker',
      vscode.window.showQuickPick(
        [...turns].sort((a, b) => b[1] - a[1]).map(([speaker, n]) => ({ label: speaker, description: `${n} turn${n === 1 ? '' : 's'}` })),
        { title: 'Auto-Code: turns of a speaker', placeHolder: 'Whose turns?' },
      ),
    );
    return picked && { kind: 'speaker', speaker: picked.label };
  }
  if (kind.rule === 'question') {
    const as = await host.ask(
      'autocode-question',
      vscode.window.showQuickPick(
        [
          { label: 'Record the question on each answer', detail: 'Each answer gets the tag, and the question it answers as its note', as: 'attribute' as const },
          { label: 'A tag for each question', detail: 'Each answer gets the tag and a tag for its question, under it', as: 'tag' as const },
        ],
        { title: 'Auto-Code: answers by question' },
      ),
    );
    return as && { kind: 'question', as: as.as };
  }
  const regex = kind.rule === 'regex';
  const written = await host.ask(
    'autocode-pattern',
    vscode.window.showInputBox({
      title: regex ? 'Auto-Code: regular expression' : 'Auto-Code: words or a phrase',
      prompt: regex ? 'A JavaScript regular expression; accents and case are ignored' : 'Words or phrases separated by commas (wait*, grab rails); accents and case are ignored',
      validateInput: (value) => {
        try {
          core().compilePattern(value, regex);
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      },
    }),
  );
  return written === undefined ? undefined : { kind: 'match', pattern: core().compilePattern(written, regex), regex, scope: 'turn' };
}

async function askTag(host: AutocodeHost, model: ResearchModel): Promise<string | undefined> {
  const NEW = '$(add) New tag…';
  const picked = await host.ask(
    'autocode-tag',
    vscode.window.showQuickPick([{ label: NEW, id: '' }, ...(model.workspace?.codebook ?? []).map((t) => ({ label: t.label, description: t.id, id: t.id }))], { title: 'Auto-Code: which tag?', placeHolder: 'The tag every passage gets' }),
  );
  if (!picked) return undefined;
  if (picked.id !== '') return picked.id;
  const label = await host.ask('autocode-new-tag', vscode.window.showInputBox({ title: 'Auto-Code: new tag', prompt: 'Label of the new tag', validateInput: (v) => (v.trim() ? undefined : 'Give the tag a name.') }));
  return label?.trim() || undefined;
}

type PreviewItem = vscode.QuickPickItem & { accept?: true };

/** The preview: what would be coded, per transcript with examples, and what is skipped; only its first item writes. */
async function accepted(host: AutocodeHost, plan: AutocodePlan): Promise<boolean> {
  const { shorten } = core();
  const transcripts = plan.perTranscript.filter((t) => t.count > 0).length;
  const items: PreviewItem[] = [
    {
      label: `$(check) Code ${plan.passages.length} passage${plan.passages.length === 1 ? '' : 's'} in ${transcripts} transcript${transcripts === 1 ? '' : 's'}`,
      description: `with ${plan.tag}${plan.newTags.length > 0 ? ` (${plan.newTags.length} new tag${plan.newTags.length === 1 ? '' : 's'})` : ''}`,
      detail: 'One change of every file, undoable; each highlight records the rule',
      accept: true,
    },
    { label: '$(close) Cancel' },
    ...plan.perTranscript.map((t) => ({
      label: t.source,
      description: `${t.count} passage${t.count === 1 ? '' : 's'}${t.questions ? `, ${t.questions.length} questions` : ''}`,
      detail: t.examples.map((e) => `“${shorten(e, 70)}”`).join('  '),
    })),
  ];
  if (plan.skipped.length > 0) {
    const byReason = new Map<string, number>();
    for (const s of plan.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    for (const [reason, n] of byReason) {
      const first = plan.skipped.find((s) => s.reason === reason)!;
      items.push({ label: `Skipped: ${n} × ${first.why.replace(/: ".*"\.$/, '.')}`, detail: `${first.source}:${first.line} “${shorten(first.quote, 60)}”` });
    }
  }
  const picked = await host.ask('autocode-preview', vscode.window.showQuickPick(items, { title: `Auto-Code preview: ${plan.rule}`, placeHolder: 'Nothing is written until you choose Code' }));
  return picked?.accept === true;
}

function labelOf(model: ResearchModel, id: string): string {
  return model.workspace?.codebook.find((t) => t.id === id)?.label ?? id;
}
