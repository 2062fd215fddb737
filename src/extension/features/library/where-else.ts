/**
 * Sift: Where Else Have We Heard This?: for a theme, an insight or a selected passage, the
 * passages of the other studies open here (a library's, or a multi-root workspace's) that
 * carry the same global tags or use the same meaningful words, best first, each saying why it
 * was found; choosing one opens it in its own study. The ranking is the core's
 * (`relatedPassages`, as `sift library related` prints it).
 *
 * Loaded on first use (dist/where-else.js, scripts/bundles.mjs): the start-up bundle holds only
 * the command's registration. The open studies, the library they share and how to open a
 * highlight are handed in, never imported, so there is one of each.
 */
import * as vscode from 'vscode';
import { relatedPassages, seedOf, type Library, type RelatedPassage, type RelatedSeed, type SearchableStudy } from '../../../core/library';
import type { SiftContext } from '../../context';
import { codePointAt } from '../../positions';
import type { ResearchModel } from '../../research-model';

/** What the command gets from the extension that loaded it. */
export interface WhereElseHost {
  sift: SiftContext;
  /** The studies open here with their indexes, named as their library names them. */
  studies: () => { library: Library | undefined; studies: (SearchableStudy & { model: ResearchModel })[] };
  reveal: (model: ResearchModel, id: string) => Promise<void>;
  ask: <T>(what: string, prompt: Thenable<T>) => Promise<T>;
}

/** A theme or insight of a study: an Insights view row (`{ model, id }`), a theme group (`{ model, group: { key } }`), or given by a test. */
export type WhereElseArgs = { model: ResearchModel; id: string } | { model: ResearchModel; group: { key: string } };

/** What was shown and chosen (for tests and keybindings): undefined when there was nothing to show. */
export interface WhereElseResult {
  title: string;
  passages: RelatedPassage[];
  opened?: { study: string; id: string };
}

/** How many passages the list offers: a page of reading, as the CLI's `--limit`, with room to scroll. */
const LIMIT = 30;

type Studies = ReturnType<WhereElseHost['studies']>;
type Seeded = { seed: RelatedSeed; title: string };

export async function whereElse(host: WhereElseHost, args?: WhereElseArgs): Promise<WhereElseResult | undefined> {
  const open = host.studies();
  if (open.studies.length < 2) {
    void vscode.window.showInformationMessage('Where else have we heard this? looks in the other studies open here: open a library (a folder with library.yaml) or add another study to the workspace.');
    return undefined;
  }
  const seeded = args ? seedOfArgs(open, args) : (selectedPassage(host.sift, open) ?? (await pickSeed(host, open)));
  if (typeof seeded === 'string') {
    void vscode.window.showWarningMessage(seeded);
    return undefined;
  }
  if (!seeded) return undefined;
  const passages = relatedPassages(open.library, open.studies, seeded.seed, { limit: LIMIT });
  const title = `Where else have we heard “${shortened(seeded.title, 48)}”?`;
  if (passages.length === 0) {
    void vscode.window.showInformationMessage(`${title} Nothing like it in the other ${open.studies.length - 1 === 1 ? 'study' : `${open.studies.length - 1} studies`}: no passage there shares its global tags or its words.`);
    return { title, passages };
  }
  const picked = await showPassages(host, open, title, passages);
  if (!picked) return { title, passages };
  const model = open.studies.find((s) => s.study.id === picked.study)!.model;
  await host.reveal(model, picked.id);
  return { title, passages, opened: { study: picked.study, id: picked.id } };
}

/** The seed of a theme or insight given as an argument, or a sentence saying why there is none. */
function seedOfArgs(open: Studies, args: WhereElseArgs): Seeded | string {
  const s = open.studies.find((x) => x.model === args.model);
  const id = 'id' in args ? args.id : args.group.key;
  if (!s) return `The study of ${id} is not loaded.`;
  const seed = seedOf(s.study, s.workspace, id);
  if (!seed) return `${s.study.id} has no theme or insight ${id}.`;
  return { seed, title: s.workspace.themes.get(id)?.title ?? s.workspace.insights.get(id)!.statement };
}

/**
 * The passage selected in a transcript: its words, and the highlights it overlaps (their tags
 * bring in the global tags). Undefined when no transcript has a selection.
 */
function selectedPassage(sift: SiftContext, open: Studies): Seeded | undefined {
  const editor = vscode.window.activeTextEditor;
  const ref = editor && !editor.selection.isEmpty ? sift.transcriptOf(editor.document.uri) : undefined;
  const s = ref && open.studies.find((x) => x.model === ref.model);
  if (!editor || !ref || !s) return undefined;
  const start = codePointAt(editor.document, editor.selection.start);
  const end = codePointAt(editor.document, editor.selection.end);
  const text = editor.document.getText(editor.selection);
  const highlights = sift
    .highlightsOf(ref)
    .filter((p) => p.result && p.result.state !== 'orphaned' && p.result.start < end && p.result.end > start)
    .map((p) => ({ study: s.study.id, id: p.highlight.id }));
  return { seed: { study: s.study.id, text, highlights }, title: text.replace(/\s+/g, ' ').trim() };
}

interface SeedItem extends vscode.QuickPickItem {
  seeded: Seeded;
}

/** Asks which theme or insight of the open studies to look for. */
async function pickSeed(host: WhereElseHost, open: Studies): Promise<Seeded | undefined> {
  const items: (SeedItem | vscode.QuickPickItem)[] = [];
  for (const s of open.studies) {
    const ws = s.workspace;
    const rows: SeedItem[] = [
      ...[...ws.themes.values()].map((t) => ({ label: `$(layers) ${t.title}`, description: s.study.id, seeded: { seed: seedOf(s.study, ws, t.id)!, title: t.title } })),
      ...[...ws.insights.values()].map((i) => ({ label: `$(lightbulb) ${i.statement}`, description: s.study.id, seeded: { seed: seedOf(s.study, ws, i.id)!, title: i.statement } })),
    ];
    if (rows.length > 0) items.push({ label: s.study.id, kind: vscode.QuickPickItemKind.Separator }, ...rows);
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No study open here has a theme or an insight yet: select a passage in a transcript to look for it in the other studies.');
    return undefined;
  }
  const pick = await host.ask('where-else-seed', vscode.window.showQuickPick(items, { title: 'Where Else Have We Heard This?', placeHolder: 'Which theme or insight? (or select a passage in a transcript first)', matchOnDescription: true }));
  return pick && 'seeded' in pick ? pick.seeded : undefined;
}

interface PassageItem extends vscode.QuickPickItem {
  passage: RelatedPassage;
}

/** The passages, best first, each with where it is and why it was found; resolves with the one chosen. */
async function showPassages(host: WhereElseHost, open: Studies, title: string, passages: RelatedPassage[]): Promise<RelatedPassage | undefined> {
  const labels = new Map((open.library?.codebook ?? []).map((t) => [t.id, t.label]));
  const studies = new Set(passages.map((p) => p.study)).size;
  const items: PassageItem[] = passages.map((p) => ({
    passage: p,
    label: `“${p.quote}”`,
    // Where it is first, then why: a long quote is cut short on its own line, never these.
    detail: [`$(library) ${[p.study, p.participant].filter(Boolean).join(' · ')}`, reasonOf(p, labels)].join('   '),
    alwaysShow: true,
  }));
  const qp = vscode.window.createQuickPick<PassageItem>();
  qp.title = title;
  qp.placeholder = `${passages.length} passage${passages.length === 1 ? '' : 's'} from ${studies === 1 ? '1 other study' : `${studies} other studies`}, best first — Enter opens one`;
  qp.items = items;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const chosen = new Promise<RelatedPassage | undefined>((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.passage);
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
  });
  qp.show();
  return host.ask('where-else', chosen);
}

/** Why a passage was found, short enough to stay on its line: `$(tag) tag Waiting time   $(whole-word) words waiting, months`. */
function reasonOf(p: RelatedPassage, labels: ReadonlyMap<string, string>): string {
  const tags = p.tags.map((t) => labels.get(t) ?? t);
  return [...(tags.length > 0 ? [`$(tag) ${tags.length === 1 ? 'tag' : 'tags'} ${tags.join(', ')}`] : []), ...(p.words.length > 0 ? [`$(whole-word) ${p.words.length === 1 ? 'word' : 'words'} ${p.words.join(', ')}`] : [])].join('   ');
}

/** At most `max` characters, cut between words. */
function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
