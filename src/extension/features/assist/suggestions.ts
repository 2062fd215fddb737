/**
 * "Code like this" in the editor, loaded on demand (dist/suggestions-review.js) the first time
 * the tag picker opens or Find More Like This runs: the suggestions the tag picker shows first,
 * turning one down (remembered in suggestions.yaml), and Find More Like This, which walks
 * through the passages most like a tag one by one — accept (the highlight is written with its
 * provenance), tag differently, or skip (not offered again). Nothing is written without the
 * researcher's say.
 */
import * as vscode from 'vscode';
import type { PassageSuggestion, Rejection } from '../../../core/assist/suggestions';
import { gitBlobHashOfBytes } from '../../../core/hash';
import type { Tag } from '../../../core/model';
import type { Problem } from '../../../core/problems';
import { tagSelection } from '../../../core/store/highlights';
import { decodeText } from '../../../core/text';
import type { SiftContext, TranscriptRef } from '../../context';
import { normalizedText, rangeOf } from '../../positions';
import type { ResearchModel } from '../../research-model';
import { coderName } from '../../settings';

/** The engine with its stemmers (dist/suggestions.js), shared with the CLI. */
const assist = () => require('../../../core/assist/suggestions') as typeof import('../../../core/assist/suggestions');

/** A tag suggested for a passage, with why. */
export interface SuggestedTag {
  tag: string;
  reason: string;
  /** The words of the nearest passage coded with it, when one is alike. */
  example?: string;
}

/** Lets the editor run between slices of a first build. */
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

async function suggestionsFile(model: ResearchModel): Promise<{ text: string | undefined; hash: string | null }> {
  const { SUGGESTIONS_FILE } = assist();
  const bytes = await model.fs.readFile(SUGGESTIONS_FILE);
  if (!bytes) return { text: undefined, hash: null };
  const decoded = decodeText(SUGGESTIONS_FILE, bytes);
  return { text: decoded.ok ? decoded.text : '\0', hash: gitBlobHashOfBytes(bytes) };
}

async function index(model: ResearchModel) {
  const { SuggestionIndex } = assist();
  return model.study.suggestions(() => new SuggestionIndex(), pause);
}

/**
 * Brings the "code like this" index and Find More Like This's passages up to date with the
 * study, in slices between which the editor runs: the editor calls this in the background
 * once a study has settled, so that the first Find More Like This does not read and cut every
 * transcript (seconds of work at 50,000 highlights) while the researcher waits.
 */
export async function warmFindMore(model: ResearchModel, pause: () => Promise<void>): Promise<void> {
  const ws = model.workspace;
  const { SuggestionIndex } = assist();
  const idx = await model.study.suggestions(() => new SuggestionIndex(), pause);
  if (!idx || !ws) return;
  await idx.warmPassages(ws, (source) => model.transcriptText(source), pause);
  if (SIFT_TEST) warmedPassages = idx.candidateCount;
}

/** How many passages the background warming has cut so far (the integration tests read it; test builds only). */
export let warmedPassages: number | undefined;

/** The tags to suggest for the words of a passage of `source`, best first (none while nothing is coded). */
export async function suggestTags(model: ResearchModel, source: string, text: string, except: readonly string[] = []): Promise<SuggestedTag[]> {
  const found = await index(model);
  if (!found) return [];
  const { rejections } = assist().readRejections((await suggestionsFile(model)).text);
  return found.suggestTags(text, { except, rejected: (tag) => rejections.has(source, text, tag) }).map((s) => ({ tag: s.tag, reason: s.reason, ...(s.like[0] ? { example: assist().snippet(s.like[0].quote) } : {}) }));
}

/** What the tag picker shows in its suggestions section now (the integration tests read it; test builds only). */
/** The passage Find More Like This asks about now (the integration tests read it; test builds only). */
export let reviewing: { index: number; text: string } | undefined;

export let shownSuggestions: { label: string; description?: string; detail?: string }[] | undefined;

const TURN_DOWN: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('thumbsdown'), tooltip: 'Not this tag for this passage (not suggested again)' };

/** An item of the tag picker for a suggested tag: the reason beside it, the nearest coded words below. */
export interface SuggestionItem extends vscode.QuickPickItem {
  tagId?: string;
  suggested?: string;
}

/**
 * Fills the tag picker's suggestions section when they are computed (the picker opens at
 * once, busy meanwhile): a separator, then each suggested tag with its reason and a button to
 * turn it down for this passage, which removes it and remembers that in suggestions.yaml.
 */
export function offerSuggestions<T extends SuggestionItem>(qp: vscode.QuickPick<T>, ref: TranscriptRef, passage: string, itemOf: (tagId: string) => T, show: (items: T[]) => void): void {
  let found: SuggestedTag[] = [];
  if (SIFT_TEST) shownSuggestions = undefined;
  const render = () => {
    const items = found.map((s): T => ({ ...itemOf(s.tag), description: s.reason, detail: s.example ? `“${s.example}”` : undefined, iconPath: new vscode.ThemeIcon('sparkle'), suggested: s.reason, buttons: [TURN_DOWN] }));
    if (SIFT_TEST) shownSuggestions = items.map((i) => ({ label: i.label, ...(i.description ? { description: i.description } : {}), ...(i.detail ? { detail: i.detail } : {}) }));
    show(items.length > 0 ? [{ label: 'Suggested from your coding', kind: vscode.QuickPickItemKind.Separator } as T, ...items, { label: 'All tags', kind: vscode.QuickPickItemKind.Separator } as T] : []);
  };
  qp.busy = true;
  const known = new Set(ref.model.workspace?.codebook.map((t) => t.id));
  suggestTags(ref.model, ref.path, passage)
    .then((tags) => {
      found = tags.filter((s) => known.has(s.tag));
      render();
    })
    .catch(() => undefined)
    .finally(() => (qp.busy = false));
  qp.onDidTriggerItemButton(async ({ item }) => {
    if (!item.tagId || !item.suggested) return;
    found = found.filter((s) => s.tag !== item.tagId);
    render();
    report(await turnDown(ref.model, { tag: item.tagId, source: ref.path, quote: passage }));
  });
}

/** Remembers in suggestions.yaml that a tag is not for a passage (one atomic, hash-checked write). */
export async function turnDown(model: ResearchModel, rejection: Omit<Rejection, 'by'>): Promise<Problem[]> {
  const { SUGGESTIONS_FILE, readRejections, withRejection } = assist();
  const by = await coderName(model.folder.uri);
  return model.applyPlanned('Turn down suggestion', async () => {
    const { text, hash } = await suggestionsFile(model);
    const next = withRejection(text, { ...rejection, ...(by ? { by } : {}) });
    if (next === undefined) return { edits: [], problems: readRejections(text).problems.filter((p) => p.severity === 'error') };
    return { edits: [{ kind: 'write', path: SUGGESTIONS_FILE, content: next, expectedHash: hash }], problems: [] };
  });
}

/**
 * Find More Like This: the passages most like a tag's coded passages, shown one at a time,
 * selected in their transcript, each with why it was found.
 */
export async function findMoreLikeThis(sift: SiftContext, given?: string | { model?: ResearchModel; tag?: Tag }): Promise<void> {
  const fromTree = typeof given === 'object' ? given : undefined;
  const model = fromTree?.model ?? sift.models.find((m) => m.workspace);
  const ws = model?.workspace;
  if (!model || !ws) return void vscode.window.showInformationMessage('Open a Sift research workspace first.');
  const tag = typeof given === 'string' ? given : (fromTree?.tag?.id ?? (await pickTag(ws.codebook)));
  if (!tag) return;
  const label = ws.codebook.find((t) => t.id === tag)?.label ?? tag;
  const rejected = async () => {
    const { rejections } = assist().readRejections((await suggestionsFile(model)).text);
    return (p: { source: string; text: string }) => rejections.has(p.source, p.text, tag);
  };
  // At once from what the background has cut and the transcripts that hold most of the tag;
  // the whole study afterwards, when that was not all of it (the cutting goes on meanwhile).
  const first = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Finding passages like those tagged ${label}…` }, async () => {
    const idx = await index(model);
    return idx ? idx.moreLikeFirst(ws, tag, (source) => model.transcriptText(source), { limit: 20, pause, rejected: await rejected() }) : { found: [], complete: true };
  });
  if (SIFT_TEST) firstComplete = first.complete;
  const shown = new Set<string>();
  const session = { coder: await coderName(model.folder.uri), accepted: 0 };
  let found = first.found;
  let complete = first.complete;
  for (;;) {
    const fresh = found.filter((f) => !shown.has(placeOf(f.passage)));
    if (fresh.length === 0 && shown.size === 0) {
      const coded = (await index(model))?.codedWith(tag) ?? 0;
      void vscode.window.showInformationMessage(coded === 0 ? `No passage is tagged ${label} yet: tag a few, then find more like them.` : `No passage not yet tagged ${label} is like the ${coded} tagged with it.`);
      return;
    }
    for (const f of fresh) shown.add(placeOf(f.passage));
    const stopped = await reviewPassages(model, tag, label, fresh, complete, session);
    if (stopped || complete) break;
    found = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Finding more passages like those tagged ${label} in the whole study…` }, async () => {
      const idx = await index(model);
      return idx && model.workspace ? idx.moreLike(model.workspace, tag, (source) => model.transcriptText(source), { limit: 20 + shown.size, pause, rejected: await rejected() }) : [];
    });
    complete = true;
    if (found.every((f) => shown.has(placeOf(f.passage)))) break;
  }
  if (SIFT_TEST) reviewing = undefined;
  if (session.accepted > 0) void vscode.window.showInformationMessage(`${session.accepted} passage${session.accepted === 1 ? '' : 's'} tagged ${label} from suggestions (marked assisted).`);
}

/** Whether the first Find More Like This ranked the whole study (the integration tests read it; test builds only). */
export let firstComplete: boolean | undefined;

const placeOf = (p: { source: string; start: number; end: number }) => `${p.source}#${p.start}-${p.end}`;

/**
 * Asks about each passage in turn: tag it (written with its provenance), tag it differently, or
 * skip it (not offered again). True when the researcher stopped (or a write failed).
 */
async function reviewPassages(model: ResearchModel, tag: string, label: string, found: readonly PassageSuggestion[], complete: boolean, session: { coder: string | undefined; accepted: number }): Promise<boolean> {
  // While only part of the study was ranked, the title says so: more may come from the rest.
  const of = complete ? `of ${found.length}` : `of ${found.length} so far`;
  for (const [i, f] of found.entries()) {
    const p = f.passage;
    const editor = await vscode.window.showTextDocument(model.fs.uri(p.source), { preview: false });
    const range = rangeOf(editor.document, p.start, p.end);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    if (SIFT_TEST) reviewing = { index: i, text: p.text };
    const choice = await vscode.window.showQuickPick(
      [
        { label: `$(check) Tag as ${label}`, detail: f.reason, action: 'accept' as const },
        { label: '$(tag) Tag Differently…', detail: 'pick other tags for this passage', action: 'other' as const },
        { label: `$(arrow-right) Skip`, detail: `not ${label}: not offered again (suggestions.yaml)`, action: 'skip' as const },
      ],
      { title: `Find More Like This: ${label} (${i + 1} ${of})`, placeHolder: `“${assist().snippet(p.text, 90)}”`, ignoreFocusOut: true },
    );
    if (!choice) return true;
    if (choice.action === 'skip') {
      if (report(await turnDown(model, { tag, source: p.source, quote: p.text }))) return true;
      continue;
    }
    if (choice.action === 'other') {
      await vscode.commands.executeCommand('sift.tagSelection');
      continue;
    }
    if (editor.document.isDirty && !(await editor.document.save())) return true;
    const text = normalizedText(editor.document);
    const { coder } = session;
    const problems = await model.change('Tag suggested passage', (plan, current) =>
      tagSelection(plan, current, text, { source: p.source, start: p.start, end: p.end, tags: [tag], ...(coder ? { coder } : {}), assisted: { by: 'suggestion', rule: f.reason } }).then(() => undefined),
    );
    if (report(problems)) return true;
    session.accepted++;
  }
  return false;
}

async function pickTag(codebook: readonly Tag[]): Promise<string | undefined> {
  const pick = await vscode.window.showQuickPick(
    codebook.map((t) => ({ label: t.label, description: t.id, id: t.id })),
    { title: 'Find More Like This', placeHolder: 'Find more passages like those tagged…' },
  );
  return pick?.id;
}

function report(problems: readonly Problem[]): boolean {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) void vscode.window.showErrorMessage(errors.map((p) => p.message).join(' '));
  return errors.length > 0;
}
