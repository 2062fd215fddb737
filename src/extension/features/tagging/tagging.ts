/**
 * Tag Selection: select a passage, pick tags (fuzzy, recent first, several at once, or
 * create one inline), and the highlight is written to the transcript's highlights file.
 * Also: edit memo, remove a tag, delete a highlight, and undo the last tag.
 *
 * A tag is written straight to its highlights file on disk (ResearchModel, no editor edit), so
 * VS Code's Ctrl+Z has nothing to take back: **Sift: Undo Last Tag** does, byte for byte, or
 * nothing when the file changed since (ResearchModel.revert).
 */
import * as vscode from 'vscode';
import type { NameItem } from '../../../core/search/names';
import { deleteHighlight, tagSelection, updateHighlight, writeAnchors } from '../../../core/store/highlights';
import type { Tag } from '../../../core/model';
import type { Problem } from '../../../core/problems';
import type { PlacedHighlight, SiftContext, TranscriptRef } from '../../context';
import type { AppliedChange, ResearchModel } from '../../research-model';
import { codePointAt, normalizedText } from '../../positions';
import { coderName } from '../../settings';
import { hostSlicer, unlessSuperseded } from '../../host/slices';

/** Codebook refactors (add, rename, merge, move, recolour, delete), loaded on first use (dist/codebook-refactor.js). */
const refactor = () => require('../../../core/codebook/refactors') as typeof import('../../../core/codebook/refactors');

/** The fuzzy name search (fuse.js), loaded the first time the tag picker opens (dist/name-search.js), not at start-up. */
const nameSearch = () => require('../../../core/search/names') as typeof import('../../../core/search/names');

/** Suggestions from the study's own coding and Find More Like This, loaded on first use (dist/suggestions-review.js). */
const review = () => require('../assist/suggestions') as typeof import('../assist/suggestions');

const RECENT_KEY = 'sift.recentTags';

interface TagItem extends vscode.QuickPickItem {
  tagId?: string;
  create?: string;
  /** Why the tag is suggested, on the items of the suggestions section. */
  suggested?: string;
}

/** The last tag made in this window, while it can be undone (one level). */
let lastTag: { model: ResearchModel; change: AppliedChange } | undefined;

export function registerTagging(sift: SiftContext): vscode.Disposable {
  return vscode.Disposable.from(
    // With `{ tags }` the picker is skipped (keybindings with fixed tags, tests).
    vscode.commands.registerCommand('sift.tagSelection', (args?: { tags?: string[] }) => tagActiveSelection(sift, args?.tags)),
    vscode.commands.registerCommand('sift.undoTag', () => undoLastTag()),
    vscode.commands.registerCommand('sift.editMemo', (id?: string) => withHighlight(sift, id, (ref, placed) => editMemo(sift, ref, placed))),
    vscode.commands.registerCommand('sift.removeTag', (id?: string) => withHighlight(sift, id, (ref, placed) => removeTag(ref, placed))),
    vscode.commands.registerCommand('sift.deleteHighlight', (id?: string) => withHighlight(sift, id, (ref, placed) => remove(ref, placed))),
    // From the palette (a tag is asked for), the Codebook view (its tag) or a keybinding (a tag id).
    ...(SIFT_TEST ? [vscode.commands.registerCommand('sift.tagPicker.suggestions', () => review().shownSuggestions), vscode.commands.registerCommand('sift.findMore.reviewing', () => review().reviewing)] : []),
    vscode.commands.registerCommand('sift.findMoreLikeThis', (tag?: string | { model?: ResearchModel; tag?: Tag }) => review().findMoreLikeThis(sift, tag)),
    ...(SIFT_TEST ? [vscode.commands.registerCommand('sift.findMore.warmed', () => review().warmedPassages)] : []),
    warmFindMoreInBackground(sift),
  );
}

/** How long a study must stay unchanged before Find More Like This's passages are cut: opening and tagging come first. */
const WARM_AFTER_MS = 3000;
/** Slices of the background cutting: well under a frame's budget of the host's time each. */
const WARM_SLICE_MS = 10;

/**
 * Once a study has been opened or changed and then left alone a moment, cuts its transcripts
 * into Find More Like This's passages in the background, in short slices (only transcripts
 * whose text changed are cut again): the first Find More Like This then ranks at once instead
 * of reading every transcript first. A newer change supersedes a warming under way.
 */
function warmFindMoreInBackground(sift: SiftContext): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let run = 0;
  const schedule = () => {
    clearTimeout(timer);
    const mine = ++run;
    timer = setTimeout(() => {
      for (const model of sift.models.filter((m) => m.workspace)) {
        unlessSuperseded(
          review().warmFindMore(
            model,
            hostSlicer(() => run === mine, WARM_SLICE_MS),
          ),
        ).catch((e: unknown) => sift.log.warn(`Could not prepare Find More Like This: ${(e as Error).message}`));
      }
    }, WARM_AFTER_MS);
  };
  const subscription = sift.onDidChange(schedule);
  schedule();
  return new vscode.Disposable(() => {
    run++;
    clearTimeout(timer);
    subscription.dispose();
  });
}

async function tagActiveSelection(sift: SiftContext, givenTags?: string[]): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const ref = editor && sift.transcriptOf(editor.document.uri);
  if (!editor || !ref) {
    void vscode.window.showInformationMessage('Open a transcript of a Sift research workspace and select a passage to tag.');
    return undefined;
  }
  const selection = trimmedSelection(editor);
  if (!selection) {
    void vscode.window.showInformationMessage('Select the words you want to tag first.');
    return undefined;
  }
  const tags: NewOrExistingTag[] | undefined = givenTags ? givenTags.map((id) => ({ id })) : await pickTags(sift, ref, editor.document.getText(selection));
  if (!tags || tags.length === 0) return undefined;
  for (const tag of tags.filter((t) => t.create)) {
    const parent = await pickParent(ref.model.workspace!.codebook, tag.create!);
    if (parent === undefined) return undefined; // Escape: nothing is tagged or created
    if (parent) tag.parent = parent;
  }
  const doc = editor.document;
  const study = ref.model.study;
  // Highlights are anchored to the transcript as saved: save pending edits first, so the
  // file, the highlights and their recorded hash agree. The places the edits moved are
  // written with the new highlight, in one write (the save's own write of them is skipped).
  ref.model.placesWrittenByChange.add(ref.path);
  const moved = doc.isDirty && study.hasLive(ref.path);
  try {
    if (doc.isDirty && !(await doc.save())) {
      // Typically the file changed on disk too: VS Code asks whether to compare or overwrite; Sift writes nothing meanwhile.
      void vscode.window.showWarningMessage(`Sift could not save ${ref.path} before tagging (see VS Code's message); nothing was tagged.`);
      return undefined;
    }
    const text = normalizedText(doc);
    const start = codePointAt(doc, selection.start);
    const end = codePointAt(doc, selection.end);
    const coder = await coderName(ref.model.folder.uri);
    let id: string | undefined;
    const problems = await ref.model.change(
      'Tag selection',
      async (plan, ws) => {
        const refused: Problem[] = [];
        for (const tag of tags.filter((t) => t.create)) {
          const added = await refactor().addTag(plan, ws, { label: tag.create!, ...(tag.parent ? { parent: tag.parent } : {}) });
          refused.push(...added.problems);
          tag.id = added.id;
        }
        // The study service knows which ids are taken and where each highlight is now: no scan of the study.
        const known = { isTaken: (x: string) => study.fileOf(x) !== undefined, placeOf: study.placeOf };
        // Tags taken from the suggestions go on a highlight that says so (assisted coding is told apart
        // from hand coding); the tags the researcher picked in the same go stay hand coding.
        const suggested = tags.filter((t) => t.suggested && t.id);
        const own = tags.filter((t) => !t.suggested && t.id);
        id = await tagSelection(
          plan,
          ws,
          text,
          {
            source: ref.path,
            start,
            end,
            tags: own.map((t) => t.id!),
            ...(coder ? { coder } : {}),
            ...(suggested.length > 0 ? { suggested: { tags: suggested.map((t) => t.id!), assisted: { by: 'suggestion', rule: suggested.map((t) => t.suggested!).join('; ') } } } : {}),
          },
          Math.random,
          known,
        );
        return refused;
      },
      { onApplied: (change) => (lastTag = { model: ref.model, change }) },
    );
    if (report(problems)) {
      // Nothing tagged, but the transcript was saved: its highlights' new places are still written, as a save writes them.
      if (moved) report(await ref.model.change('Move highlights with the text', (plan, ws) => writeAnchors(plan, ws, ref.path, text, study.placeOf).then(() => undefined)));
      return undefined;
    }
    // Not waited for: the workspace state is stored by the workbench, a round trip the tag need not wait on
    // (the picker reads the new order at once; only its persistence is pending).
    rememberRecent(
      sift,
      tags.map((t) => t.id!),
    ).catch((e: unknown) => sift.log.warn(`Could not remember the recent tags: ${(e as Error).message}`));
    return id;
  } finally {
    ref.model.placesWrittenByChange.delete(ref.path);
    // Written with the tag (or, refused, still on disk as they were): the editor's places are the file's again.
    if (!doc.isDirty) study.forgetLive(ref.path);
  }
}

/** Takes back the last tag: its highlights file (and codebook, for a tag created with it) as before it. Returns whether it did. */
async function undoLastTag(): Promise<boolean> {
  const last = lastTag;
  if (!last) {
    void vscode.window.showInformationMessage('No tag to undo: Undo Last Tag takes back the last passage tagged in this window.');
    return false;
  }
  if (report(await last.model.revert(last.change))) return false;
  if (lastTag === last) lastTag = undefined;
  void vscode.window.setStatusBarMessage('Sift: the last tag was undone.', 4000);
  return true;
}

/** The selection without surrounding white space, or undefined when nothing is selected. */
function trimmedSelection(editor: vscode.TextEditor): vscode.Selection | undefined {
  const doc = editor.document;
  const sel = editor.selection;
  if (sel.isEmpty) return undefined;
  const raw = doc.getText(sel);
  const lead = raw.length - raw.trimStart().length;
  const trail = raw.length - raw.trimEnd().length;
  if (raw.trim() === '') return undefined;
  const start = doc.positionAt(doc.offsetAt(sel.start) + lead);
  const end = doc.positionAt(doc.offsetAt(sel.end) - trail);
  return new vscode.Selection(start, end);
}

/**
 * A quick pick over the codebook: fuse.js fuzzy matching on label, aliases and id (ranked
 * by the core's NameSearch, not by the quick pick's own filter), recently used tags first,
 * several at once, and "Create tag" for a name that does not exist yet.
 */
async function pickTags(sift: SiftContext, ref: TranscriptRef, passage: string): Promise<NewOrExistingTag[] | undefined> {
  const ws = ref.model.workspace!;
  const recent = sift.extension.workspaceState.get<string[]>(RECENT_KEY, []);
  const names = nameSearch().tagNames(ws.codebook);
  const byId = new Map(ws.codebook.map((t) => [t.id, t]));
  const ordered = [...names].sort((a, b) => rank(recent, a.id) - rank(recent, b.id));
  const search = new (nameSearch().NameSearch)(ordered);
  const toItem = (n: NameItem): TagItem => {
    const tag = byId.get(n.id)!;
    const parent = tag.parent ? byId.get(tag.parent)?.label : undefined;
    return { label: tag.label, description: parent ? `in ${parent}` : undefined, detail: tag.description, tagId: tag.id, alwaysShow: true, iconPath: new vscode.ThemeIcon('tag') };
  };
  const qp = vscode.window.createQuickPick<TagItem>();
  qp.canSelectMany = true;
  qp.matchOnDescription = false;
  qp.placeholder = 'Tags for this passage — type to search, or to create a new tag';
  qp.title = 'Tag Selection';
  const picked = new Map<string, TagItem>();
  // Suggestions from the study's own coding come first, each with its reason, once computed (the picker does not wait for them).
  let suggestions: TagItem[] = [];
  const render = (value: string) => {
    const hits = value.trim() ? search.search(value, 50).map((h) => toItem(h.item)) : [...suggestions, ...ordered.map(toItem)];
    const exact = ws.codebook.some((t) => t.label.toLowerCase() === value.trim().toLowerCase() || t.id === value.trim());
    // The typed name goes in the description: in the label, the quick pick's own matching
    // would rank this row above every real tag.
    const create: TagItem[] = value.trim() && !exact ? [{ label: '$(add) Create a new tag', description: `"${value.trim()}"`, create: value.trim(), alwaysShow: true }] : [];
    // Matches first, so Enter on a misspelt name takes the tag meant; "Create" comes last.
    const items = [...hits, ...create];
    qp.items = items;
    qp.selectedItems = items.filter((i) => (i.tagId && picked.has(i.tagId)) || (i.create && picked.has(`+${i.create}`)));
  };
  qp.onDidChangeSelection((sel) => {
    const visible = new Set(qp.items.map((i) => i.tagId ?? `+${i.create}`));
    for (const key of visible) picked.delete(key);
    for (const i of sel) picked.set(i.tagId ?? `+${i.create}`, i);
  });
  qp.onDidChangeValue(render);
  render('');
  review().offerSuggestions(
    qp,
    ref,
    passage,
    (id) => toItem({ id } as NameItem),
    (items) => {
      suggestions = items;
      if (!qp.value.trim()) render('');
    },
  );
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      const chosen = [...picked.values()];
      // Enter with nothing ticked takes the highlighted item, or the best match, as a single pick would.
      const fallback = qp.activeItems[0] ?? qp.items.find((i) => i.tagId || i.create);
      if (chosen.length === 0 && fallback) chosen.push(fallback);
      resolve(chosen.map((i) => (i.tagId ? { id: i.tagId, ...(i.suggested ? { suggested: i.suggested } : {}) } : { create: i.create! })));
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

/** A tag picked for the passage: one of the codebook, or a new one to create (under `parent`). */
interface NewOrExistingTag {
  id?: string;
  create?: string;
  parent?: string;
  /** Taken from the suggestions: their reason. */
  suggested?: string;
}

/** Where a new tag goes in the codebook: a parent tag's id, '' for the top level, undefined when cancelled. */
async function pickParent(codebook: readonly Tag[], label: string): Promise<string | undefined> {
  const byId = new Map(codebook.map((t) => [t.id, t]));
  const items = [
    { label: '$(list-tree) Top level', description: 'a new branch of the codebook', id: '' },
    ...codebook.map((t) => ({ label: t.label, description: t.parent ? `in ${byId.get(t.parent)?.label ?? t.parent}` : undefined, id: t.id })),
  ];
  const pick = await vscode.window.showQuickPick(items, { title: `New tag "${label}"`, placeHolder: `Where does "${label}" go in the codebook? Pick its parent tag, or the top level.`, matchOnDescription: true });
  return pick?.id;
}

function rank(recent: string[], id: string): number {
  const i = recent.indexOf(id);
  return i < 0 ? recent.length : i;
}

async function rememberRecent(sift: SiftContext, ids: string[]): Promise<void> {
  const recent = sift.extension.workspaceState.get<string[]>(RECENT_KEY, []);
  await sift.extension.workspaceState.update(RECENT_KEY, [...ids, ...recent.filter((r) => !ids.includes(r))].slice(0, 20));
}

/** Runs an action on the highlight given by id, or the one under the cursor. */
export async function withHighlight(sift: SiftContext, id: string | undefined, action: (ref: TranscriptRef, placed: PlacedHighlight) => Promise<void>): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  for (const model of sift.models) {
    if (id && model.workspace) {
      for (const file of model.workspace.highlightFiles.values()) {
        const h = file.highlights.find((x) => x.id === id);
        if (h) return action({ model, path: file.source }, { highlight: h, source: file.source, result: model.study.placeOf(h.id) });
      }
    }
  }
  const ref = editor && sift.transcriptOf(editor.document.uri);
  if (!editor || !ref) return;
  const at = codePointAt(editor.document, editor.selection.active);
  const under = sift.highlightsOf(ref).filter((p) => p.result && p.result.state !== 'orphaned' && p.result.start <= at && at <= p.result.end);
  if (under.length === 0) {
    void vscode.window.showInformationMessage('Put the cursor in a highlight first.');
    return;
  }
  const placed =
    under.length === 1
      ? under[0]
      : (
          await vscode.window.showQuickPick(
            under.map((p) => ({ label: p.highlight.quote, description: p.highlight.tags.join(', '), p })),
            { placeHolder: 'Which highlight?' },
          )
        )?.p;
  if (placed) await action(ref, placed);
}

async function editMemo(_sift: SiftContext, ref: TranscriptRef, placed: PlacedHighlight): Promise<void> {
  const note = await vscode.window.showInputBox({ title: 'Memo', prompt: `Memo for "${shorten(placed.highlight.quote)}" (empty removes it)`, value: placed.highlight.note ?? '' });
  if (note === undefined) return;
  report(await ref.model.change('Edit memo', (plan, ws) => updateHighlight(plan, ws, placed.highlight.id, { note }).then(() => undefined)));
}

async function removeTag(ref: TranscriptRef, placed: PlacedHighlight): Promise<void> {
  const labels = new Map(ref.model.workspace?.codebook.map((t) => [t.id, t.label]));
  const pick = await vscode.window.showQuickPick(
    placed.highlight.tags.map((t) => ({ label: labels.get(t) ?? t, id: t })),
    { placeHolder: 'Remove which tag? (the highlight stays, even with no tags)', canPickMany: true },
  );
  if (!pick || pick.length === 0) return;
  report(await ref.model.change('Remove tag', (plan, ws) => updateHighlight(plan, ws, placed.highlight.id, { removeTags: pick.map((p) => p.id) }).then(() => undefined)));
}

async function remove(ref: TranscriptRef, placed: PlacedHighlight): Promise<void> {
  const ok = await vscode.window.showWarningMessage(`Delete the highlight "${shorten(placed.highlight.quote)}"? Themes and insights that use it will point at nothing.`, { modal: true }, 'Delete');
  if (ok !== 'Delete') return;
  report(await ref.model.change('Delete highlight', (plan, ws) => deleteHighlight(plan, ws, placed.highlight.id).then(() => undefined)));
}

function shorten(s: string, n = 60): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** Shows refusals; true when something was refused. */
export function report(problems: Problem[]): boolean {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) void vscode.window.showErrorMessage(errors.map((p) => p.message).join(' '));
  return errors.length > 0;
}
