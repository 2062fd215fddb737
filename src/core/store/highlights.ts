/**
 * Operations on highlights, as edits to their per-transcript YAML files.
 */
import { isMap, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { AnchorResult } from '../anchoring/anchor';
import { makeAnchor } from '../anchoring/selectors';
import { newHighlightId } from '../ids';
import type { Assisted, Highlight, HighlightsFile, Transcript } from '../model';
import { gitBlobHash } from '../hash';
import { CodePointIndex } from '../text';
import { problem, type Problem } from '../problems';
import { turnAt } from '../transcripts';
import { findHighlight, highlightsPathFor, type Workspace } from '../workspace/workspace';
import { addHighlightNode, highlightValue, spliceHighlight, spliceNewHighlight } from './highlight-splice';
import { itemById, setStringList } from './nodes';
import type { EditPlan } from './plan';

export interface TagSelection {
  source: string;
  /** Code points over the transcript's normalised text. */
  start: number;
  end: number;
  tags: string[];
  note?: string;
  coder?: string;
  /** Set when assisted coding made the selection (src/core/assist/): recorded on the new highlight. */
  assisted?: Assisted;
  /**
   * Tags taken from suggestions beside `tags` in the same pick: they go on a highlight of
   * their own, recorded as assisted, so the tags the researcher picked stay hand coding.
   */
  suggested?: { tags: string[]; assisted: Assisted };
}

/** What a caller that keeps the study's indexes (the study service) knows, so a tag does not scan the study. */
export interface StudyKnowledge {
  /** Whether a highlight id is taken (default: a scan of every highlights file). */
  isTaken?: (id: string) => boolean;
  /** Where each highlight of the transcript is now (default: as loaded); see {@link PlaceOf}. */
  placeOf?: PlaceOf;
}

/**
 * Tags a passage: a new highlight, or — when a highlight of the same provenance already covers
 * exactly this span — more tags on that one. `text` is the transcript's current normalised text.
 * Provenance is a whole highlight's (`assisted` says how all its tags came to be), so hand coding
 * and each assisted rule keep highlights of their own: a suggested tag never turns a researcher's
 * hand-coded highlight into an assisted one (which `sift agreement --hand-only` would then leave
 * out), nor does a hand tag pass as assisted; tags taken from suggestions in the same pick as
 * hand tags (`selection.suggested`) get their own assisted highlight. Returns the id of the
 * highlight given the picked tags. The other highlights of the transcript are written at their
 * places now (`known.placeOf`) when those differ from the file's: a tag after unsaved edits
 * moved them is one write.
 */
export async function tagSelection(plan: EditPlan, ws: Workspace, text: string, selection: TagSelection, random: () => number = Math.random, known: StudyKnowledge = {}): Promise<string | undefined> {
  const placeOf: PlaceOf = known.placeOf ?? ((id) => ws.anchoring.get(id));
  const transcript = ws.transcripts.get(selection.source);
  if (!transcript) throw new Error(`${selection.source} is not a transcript of this workspace`);
  const path = highlightsPathFor(ws.project, selection.source);
  const file = ws.highlightFiles.get(path);
  const taken = known.isTaken ?? ((id: string) => highlightIds(ws).has(id));
  const ids: string[] = [];
  const fresh: Highlight[] = [];
  for (const part of provenanceParts(selection)) {
    const same = file?.highlights.find((h) => {
      const r = placeOf(h.id);
      return (r?.start ?? h.start) === part.start && (r?.end ?? h.end) === part.end && r?.state !== 'orphaned' && sameProvenance(h.assisted, part.assisted);
    });
    if (same) {
      await updateHighlight(plan, ws, same.id, { addTags: part.tags, ...(part.note ? { note: part.note } : {}) });
      ids.push(same.id);
      continue;
    }
    const highlight = newHighlight(text, transcript, part, newHighlightId(random, { has: (id) => ids.includes(id) || taken(id) }));
    fresh.push(highlight);
    ids.push(highlight.id);
  }
  if (fresh.length === 0) return ids[0];
  if (!file) {
    const created = await plan.create('highlights', path, { source: selection.source, sourceHash: gitBlobHash(text), highlights: fresh.map(highlightValue) });
    return created ? ids[0] : undefined;
  }
  const upToDate = placesUpToDate(file, text, placeOf);
  for (const highlight of fresh) {
    const ok =
      (upToDate ? await plan.splice(path, (current) => spliceNewHighlight(current, file, highlight)) : undefined) ??
      (await plan.edit('highlights', path, (doc) => {
        // The new highlight's offsets are in today's text: bring the others there too.
        writePlaces(doc, ws, selection.source, text, placeOf);
        addHighlightNode(doc, highlight);
      }));
    if (!ok) return undefined;
  }
  return ids[0];
}

/**
 * A selection as the highlights it makes, one per provenance: the picked tags (by hand, or as
 * `assisted` says), then the tags taken from suggestions; a memo goes with the first.
 */
function provenanceParts(selection: TagSelection): Omit<TagSelection, 'suggested'>[] {
  const { suggested, ...own } = selection;
  if (!suggested || suggested.tags.length === 0) return [own];
  const { note: _, ...withoutNote } = own;
  const fromSuggestions = { ...withoutNote, tags: suggested.tags, assisted: suggested.assisted };
  return own.tags.length === 0 ? [{ ...fromSuggestions, ...(own.note ? { note: own.note } : {}) }] : [own, fromSuggestions];
}

/** Whether two highlights came to be the same way: both by hand, or by the same assisted rule. */
function sameProvenance(a: Assisted | undefined, b: Assisted | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.by === b.by && a.rule === b.rule;
}

/**
 * Adds many new highlights to one transcript in one edit of its highlights file (assisted
 * coding's one write): each selection becomes its own highlight, whatever else covers its
 * passage. `text` is the transcript's current normalised text. Returns the new ids, or
 * undefined when the file was refused (a problem in the plan says why).
 */
export async function addHighlights(plan: EditPlan, ws: Workspace, text: string, source: string, selections: readonly Omit<TagSelection, 'source'>[], random: () => number = Math.random): Promise<string[] | undefined> {
  const transcript = ws.transcripts.get(source);
  if (!transcript) throw new Error(`${source} is not a transcript of this workspace`);
  const path = highlightsPathFor(ws.project, source);
  const file = ws.highlightFiles.get(path);
  // Many ids at once: one set of those in use, rather than a scan per id.
  const ids = new Set<string>();
  const taken = new Set([...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => h.id)));
  const index = new CodePointIndex(text);
  const highlights = selections.map((s) => {
    const id = newHighlightId(random, { has: (x) => ids.has(x) || taken.has(x) });
    ids.add(id);
    return newHighlight(index, transcript, { ...s, source }, id);
  });
  if (!file) {
    const created = await plan.create('highlights', path, { source, sourceHash: gitBlobHash(text), highlights: highlights.map(highlightValue) });
    return created ? [...ids] : undefined;
  }
  const ok = await plan.edit('highlights', path, (doc) => {
    writePlaces(doc, ws, source, text);
    for (const h of highlights) addHighlightNode(doc, h);
  });
  return ok ? [...ids] : undefined;
}

/**
 * Whether an id is already used, by a scan: a new id almost never collides, so one pass over
 * the highlights per tag is cheaper than building a set of 50,000 ids after every reload.
 */
function highlightIds(ws: Workspace): { has(id: string): boolean } {
  return { has: (id) => [...ws.highlightFiles.values()].some((f) => f.highlights.some((h) => h.id === id)) };
}

export interface HighlightChange {
  addTags?: string[];
  removeTags?: string[];
  /** A new memo; the empty string removes it. */
  note?: string;
}

export async function updateHighlight(plan: EditPlan, ws: Workspace, id: string, change: HighlightChange): Promise<boolean> {
  const found = findHighlight(ws, id);
  if (!found) return false;
  const { file } = found;
  const apply = (doc: Document, item: YAMLMap) => {
    const tags = (item.get('tags') as { toJSON(): string[] } | undefined)?.toJSON() ?? [];
    const next = [...tags.filter((t) => !change.removeTags?.includes(t))];
    for (const t of change.addTags ?? []) if (!next.includes(t)) next.push(t);
    if (next.join('\0') !== tags.join('\0')) setStringList(doc, item, 'tags', next);
    if (change.note !== undefined) {
      if (change.note === '') item.delete('note');
      else item.set('note', change.note);
    }
  };
  return (
    (await plan.splice(file.path, (text) => spliceHighlight(text, file, id, apply))) ??
    plan.edit('highlights', file.path, (doc) => {
      const item = itemById(doc, 'highlights', id);
      return item ? apply(doc, item) : false;
    })
  );
}

/** Deletes a highlight on the researcher's request (never done automatically). */
export async function deleteHighlight(plan: EditPlan, ws: Workspace, id: string): Promise<boolean> {
  const found = findHighlight(ws, id);
  if (!found) return false;
  const { file } = found;
  const fast = await plan.splice(file.path, (text) => spliceHighlight(text, file, id));
  if (fast !== undefined) return fast;
  return plan.edit('highlights', file.path, (doc) => {
    const list = doc.get('highlights', true) as YAMLSeq;
    const index = list.items.findIndex((i) => isMap(i) && i.get('id') === id);
    if (index < 0) return false;
    list.items.splice(index, 1);
  });
}

/**
 * Writes where a transcript's highlights are now in `text` (its current normalised text):
 * highlights found with certainty (`anchored`, `moved`) get their place, quote and context
 * from the text; once none is fuzzy or orphaned the file records the text's hash, so the
 * next change is diffed from here. Fuzzy and orphaned ones are left exactly as they were,
 * for the researcher to review.
 */
/**
 * Where each highlight is: its loaded anchoring, or a newer place the caller knows of (moved
 * by an unsaved edit, accepted or chosen by the researcher). Given explicitly, never by
 * changing the loaded workspace: a plan made again on a fresh load gets the same places.
 */
export type PlaceOf = (id: string) => AnchorResult | undefined;

/**
 * Writes the places of a transcript's highlights in `text` (quote, context, offsets) and,
 * when every one is placed, the text's hash. Returns false when the transcript has no
 * highlights file. Fuzzy and orphaned places are left as stored: only a researcher confirms them.
 */
export async function writeAnchors(plan: EditPlan, ws: Workspace, source: string, text: string, placeOf: PlaceOf = (id) => ws.anchoring.get(id)): Promise<boolean> {
  const path = highlightsPathFor(ws.project, source);
  if (!ws.highlightFiles.has(path)) return false;
  return plan.edit('highlights', path, (doc) => writePlaces(doc, ws, source, text, placeOf));
}

function writePlaces(doc: Document, ws: Workspace, source: string, text: string, placeOf: PlaceOf = (id) => ws.anchoring.get(id)): void {
  const file = ws.highlightFiles.get(highlightsPathFor(ws.project, source));
  if (!file) return;
  const index = new CodePointIndex(text);
  let unresolved = 0;
  for (const h of file.highlights) {
    const r = placeOf(h.id);
    if (!r || r.state === 'fuzzy' || r.state === 'orphaned') {
      unresolved++;
      continue;
    }
    const item = itemById(doc, 'highlights', h.id);
    if (!item) continue;
    const now = makeAnchor(index, h.id, r.start, r.end);
    for (const key of ['quote', 'prefix', 'suffix', 'start', 'end'] as const) if (now[key] !== h[key]) item.set(key, now[key]);
  }
  const hash = gitBlobHash(text);
  if (unresolved === 0 && file.sourceHash !== hash) doc.set('sourceHash', hash);
}

/**
 * Puts one highlight at a place the researcher confirmed — its approximate place accepted, or
 * its passage selected — in `text`, the transcript's current text, with the others at
 * `placeOf`. Refused with a problem, writing nothing, when the highlight is no longer in the
 * transcript's highlights file (deleted or moved by someone else meanwhile).
 */
export async function placeHighlight(plan: EditPlan, ws: Workspace, id: string, source: string, text: string, place: { start: number; end: number; reason: string }, placeOf: PlaceOf = (x) => ws.anchoring.get(x)): Promise<Problem[]> {
  const path = highlightsPathFor(ws.project, source);
  if (!ws.highlightFiles.get(path)?.highlights.some((h) => h.id === id)) {
    return [problem(path, undefined, 'error', 'highlight-gone', `Highlight ${id} is no longer in ${path} (someone changed the file meanwhile), so its place was not written.`)];
  }
  const placed: AnchorResult = { id, state: 'moved', start: place.start, end: place.end, quote: '', confidence: 1, reason: place.reason };
  await writeAnchors(plan, ws, source, text, (x) => (x === id ? placed : placeOf(x)));
  return [];
}

/** True when the file already records every highlight at its place in `text` (writePlaces would change nothing). */
function placesUpToDate(file: HighlightsFile, text: string, placeOf: PlaceOf): boolean {
  if (file.sourceHash !== gitBlobHash(text)) return false;
  return file.highlights.every((h) => {
    const r = placeOf(h.id);
    return r?.state === 'anchored' && r.start === h.start && r.end === h.end;
  });
}

/** A highlight of `s` in `text` (an index of it when making many), taking speaker, time and date from its turn. */
export function newHighlight(text: string | CodePointIndex, transcript: Pick<Transcript, 'turns'>, s: TagSelection, id: string): Highlight {
  const anchor = makeAnchor(text, id, s.start, s.end);
  const turn = turnAt(transcript.turns, s.start);
  return {
    ...anchor,
    tags: [...new Set(s.tags)],
    ...(s.note ? { note: s.note } : {}),
    ...(turn?.speaker ? { speaker: turn.speaker } : {}),
    ...(turn?.time ? { time: turn.time } : {}),
    ...(turn?.date ? { date: turn.date } : {}),
    ...(s.coder ? { coder: s.coder } : {}),
    ...(s.assisted ? { assisted: { by: s.assisted.by, rule: s.assisted.rule } } : {}),
  };
}

/**
 * Moves the highlights of a renamed transcript to the highlights file of its new name (see
 * workspace/renames.ts), with `source` updated; the highlights themselves are unchanged,
 * since the text is the same.
 */
export async function moveHighlightsFile(plan: EditPlan, ws: Workspace, file: HighlightsFile, newSource: string): Promise<boolean> {
  return plan.move('highlights', file.path, highlightsPathFor(ws.project, newSource), (doc) => {
    doc.set('source', newSource);
  });
}
