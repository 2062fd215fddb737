/**
 * What changed in the analysis between two loaded workspaces, in research terms: which
 * quotes were added, removed, re-tagged or re-anchored, which tags were renamed or merged,
 * which cards moved between themes, what an insight now claims. Pure data: renderers
 * (render-diff.ts) turn it into text, Markdown or JSON, and the editor can show it as is.
 *
 * Identity: highlights, tags, themes, insights, personas and journeys are matched by id.
 * Renames are recognised, not shown as delete + add:
 * - a tag whose id disappeared and is now an alias of another tag was renamed into it
 *   (a new tag) or merged into it (a tag that already existed) — Sift's codebook
 *   refactors keep old ids as aliases for exactly this; failing that, a vanished tag and a
 *   new tag carried by exactly the same highlights are a rename;
 * - a tag keeping its id but changing its label is shown as renamed too;
 * - a theme, insight or persona whose file was renamed (its id is the file name) is paired
 *   with the new one when they share most of their evidence (Jaccard ≥ ½), or the title.
 * Re-tagging is judged after mapping renamed and merged tags, so a rename does not show
 * every highlight of the tag as re-tagged.
 */
import type { Highlight, Insight, Journey, Persona, Recommendation, Tag, Theme } from '../model';
import { describeMeasure } from '../actions/view';
import { participantOfHighlight, type Workspace } from '../workspace/workspace';

export interface HighlightRef {
  id: string;
  /** The transcript; undefined when the highlight does not exist on that side. */
  source?: string;
  participant?: string;
  speaker?: string;
  quote?: string;
  tags: readonly string[];
  coder?: string;
}

export interface TagRef {
  id: string;
  label: string;
}

export interface EntityRef {
  id: string;
  /** Title of a theme or journey, statement of an insight, name (and label) of a persona. */
  title: string;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface RefListChange<T> {
  added: T[];
  removed: T[];
}

export interface TagChanges {
  added: TagRef[];
  removed: TagRef[];
  renamed: { from: TagRef; to: TagRef }[];
  merged: { from: TagRef[]; into: TagRef; intoIsNew: boolean }[];
  /** Description, colour, parent. */
  edited: { tag: TagRef; changes: FieldChange[] }[];
}

export interface HighlightChanges {
  added: HighlightRef[];
  removed: HighlightRef[];
  retagged: { highlight: HighlightRef; added: string[]; removed: string[] }[];
  /** Same highlight, another place or other words in its transcript. */
  reanchored: { highlight: HighlightRef; before: { start: number; end: number; quote: string }; after: { start: number; end: number; quote: string } }[];
  /** The memo (note) changed. */
  memos: { highlight: HighlightRef; before?: string; after?: string }[];
}

export interface ThemeChanges {
  created: (EntityRef & { highlights: HighlightRef[] })[];
  removed: EntityRef[];
  renamed: { from: EntityRef; to: EntityRef }[];
  summaries: { theme: EntityRef; before?: string; after?: string }[];
  /** Cards that joined or left a theme (other than moves between themes). */
  cards: { theme: EntityRef; added: HighlightRef[]; removed: HighlightRef[] }[];
  moved: { highlight: HighlightRef; from: EntityRef; to: EntityRef }[];
}

export interface InsightChange {
  insight: EntityRef;
  statement?: { before: string; after: string };
  fields: FieldChange[];
  evidence: RefListChange<HighlightRef>;
  themes: RefListChange<string>;
  personas: RefListChange<string>;
  recommendations: { added: Recommendation[]; removed: Recommendation[]; changed: { action: string; changes: FieldChange[] }[] };
}

export interface PersonaChange {
  persona: EntityRef;
  /** The evidence-derived fields (participants, share, distinguishing tags) changed: regenerated from the coding. */
  regenerated: boolean;
  fields: FieldChange[];
  lists: { field: string; added: string[]; removed: string[] }[];
}

export interface EntityChanges<C> {
  created: EntityRef[];
  removed: EntityRef[];
  renamed: { from: EntityRef; to: EntityRef }[];
  changed: C[];
}

export interface AnalysisDiff {
  tags: TagChanges;
  highlights: HighlightChanges;
  themes: ThemeChanges;
  insights: EntityChanges<InsightChange>;
  personas: EntityChanges<PersonaChange>;
  journeys: EntityChanges<{ journey: EntityRef; fields: string[] }>;
}

export function diffAnalysis(before: Workspace, after: Workspace): AnalysisDiff {
  const ctx = new Context(before, after);
  const tags = diffTags(ctx);
  return {
    tags,
    highlights: diffHighlights(ctx, tagMapping(tags)),
    themes: diffThemes(ctx),
    insights: diffInsights(ctx),
    personas: diffPersonas(ctx),
    journeys: diffJourneys(ctx),
  };
}

/** True when nothing in the analysis changed. */
export function isEmptyDiff(d: AnalysisDiff): boolean {
  const anyIn = (o: object): boolean => Object.values(o).some((v) => (Array.isArray(v) ? v.length > 0 : false));
  return !anyIn(d.tags) && !anyIn(d.highlights) && !anyIn(d.themes) && !anyIn(d.insights) && !anyIn(d.personas) && !anyIn(d.journeys);
}

/** Both workspaces with every highlight indexed by id. */
class Context {
  readonly beforeHighlights: Map<string, { h: Highlight; source: string }>;
  readonly afterHighlights: Map<string, { h: Highlight; source: string }>;

  constructor(
    readonly before: Workspace,
    readonly after: Workspace,
  ) {
    this.beforeHighlights = indexHighlights(before);
    this.afterHighlights = indexHighlights(after);
  }

  /** The highlight as the given side knows it (the after side first for 'either'). */
  ref(id: string, side: 'before' | 'after' | 'either' = 'either'): HighlightRef {
    const found =
      side === 'before'
        ? this.refIn(this.before, this.beforeHighlights, id)
        : side === 'after'
          ? this.refIn(this.after, this.afterHighlights, id)
          : (this.refIn(this.after, this.afterHighlights, id) ?? this.refIn(this.before, this.beforeHighlights, id));
    return found ?? { id, tags: [] };
  }

  private refIn(ws: Workspace, index: Map<string, { h: Highlight; source: string }>, id: string): HighlightRef | undefined {
    const e = index.get(id);
    if (!e) return undefined;
    const participant = participantOfHighlight(ws, e.source, e.h.speaker);
    return {
      id,
      source: e.source,
      ...(participant ? { participant } : {}),
      ...(e.h.speaker ? { speaker: e.h.speaker } : {}),
      quote: e.h.quote,
      tags: e.h.tags,
      ...(e.h.coder ? { coder: e.h.coder } : {}),
    };
  }
}

function indexHighlights(ws: Workspace): Map<string, { h: Highlight; source: string }> {
  const out = new Map<string, { h: Highlight; source: string }>();
  for (const file of ws.highlightFiles.values()) for (const h of file.highlights) out.set(h.id, { h, source: file.source });
  return out;
}

// --- Tags ----------------------------------------------------------------------------

function diffTags(ctx: Context): TagChanges {
  const before = new Map(ctx.before.codebook.map((t) => [t.id, t]));
  const after = new Map(ctx.after.codebook.map((t) => [t.id, t]));
  const ref = (t: Tag): TagRef => ({ id: t.id, label: t.label });
  const vanished = [...before.values()].filter((t) => !after.has(t.id));
  const appeared = new Set([...after.values()].filter((t) => !before.has(t.id)).map((t) => t.id));
  const out: TagChanges = { added: [], removed: [], renamed: [], merged: [], edited: [] };

  // Old ids kept as aliases say where a tag went.
  const into = new Map<string, Tag[]>();
  const unexplained: Tag[] = [];
  for (const t of vanished) {
    const heir = ctx.after.codebook.find((a) => a.aliases?.includes(t.id));
    if (heir) into.set(heir.id, [...(into.get(heir.id) ?? []), t]);
    else unexplained.push(t);
  }
  for (const [heirId, from] of into) {
    const heir = after.get(heirId)!;
    const isNew = appeared.delete(heirId);
    if (isNew && from.length === 1) out.renamed.push({ from: ref(from[0]!), to: ref(heir) });
    else out.merged.push({ from: from.map(ref), into: ref(heir), intoIsNew: isNew });
  }

  // Without aliases: a vanished tag and a new tag on exactly the same highlights.
  const carriers = (index: Context['beforeHighlights'], tag: string) => new Set([...index.values()].filter((e) => e.h.tags.includes(tag)).map((e) => e.h.id));
  for (const t of unexplained) {
    const was = carriers(ctx.beforeHighlights, t.id);
    const heir = was.size > 0 ? [...appeared].find((id) => sameSet(was, carriers(ctx.afterHighlights, id))) : undefined;
    if (heir) {
      appeared.delete(heir);
      out.renamed.push({ from: ref(t), to: ref(after.get(heir)!) });
    } else out.removed.push(ref(t));
  }
  out.added = [...appeared].map((id) => ref(after.get(id)!));

  for (const [id, b] of before) {
    const a = after.get(id);
    if (!a) continue;
    if (a.label !== b.label) out.renamed.push({ from: ref(b), to: ref(a) });
    const changes = fieldChanges(b, a, ['description', 'color', 'parent']);
    if (changes.length > 0) out.edited.push({ tag: ref(a), changes });
  }
  return out;
}

/** Old tag id → the id it goes by now, for renames and merges. */
function tagMapping(tags: TagChanges): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of tags.renamed) if (r.from.id !== r.to.id) map.set(r.from.id, r.to.id);
  for (const m of tags.merged) for (const f of m.from) map.set(f.id, m.into.id);
  return map;
}

// --- Highlights ----------------------------------------------------------------------

function diffHighlights(ctx: Context, renamedTags: Map<string, string>): HighlightChanges {
  const out: HighlightChanges = { added: [], removed: [], retagged: [], reanchored: [], memos: [] };
  for (const [id, b] of ctx.beforeHighlights) {
    const a = ctx.afterHighlights.get(id);
    if (!a) {
      out.removed.push(ctx.ref(id, 'before'));
      continue;
    }
    const highlight = ctx.ref(id, 'after');
    const was = unique(b.h.tags.map((t) => renamedTags.get(t) ?? t));
    const added = a.h.tags.filter((t) => !was.includes(t));
    const removed = was.filter((t) => !a.h.tags.includes(t));
    if (added.length > 0 || removed.length > 0) out.retagged.push({ highlight, added, removed });
    if (a.h.start !== b.h.start || a.h.end !== b.h.end || a.h.quote !== b.h.quote || a.source !== b.source)
      out.reanchored.push({ highlight, before: { start: b.h.start, end: b.h.end, quote: b.h.quote }, after: { start: a.h.start, end: a.h.end, quote: a.h.quote } });
    if ((a.h.note ?? '') !== (b.h.note ?? '')) out.memos.push({ highlight, ...(b.h.note ? { before: b.h.note } : {}), ...(a.h.note ? { after: a.h.note } : {}) });
  }
  for (const id of ctx.afterHighlights.keys()) if (!ctx.beforeHighlights.has(id)) out.added.push(ctx.ref(id, 'after'));
  const order = (x: HighlightRef, y: HighlightRef) =>
    compare(x.source ?? '', y.source ?? '') || (ctx.afterHighlights.get(x.id) ?? ctx.beforeHighlights.get(x.id))!.h.start - (ctx.afterHighlights.get(y.id) ?? ctx.beforeHighlights.get(y.id))!.h.start;
  out.added.sort(order);
  out.removed.sort(order);
  return out;
}

// --- Entities kept one per file ------------------------------------------------------

interface Paired<T> {
  created: T[];
  removed: T[];
  /** Before and after of every entity on both sides, renamed files included. */
  pairs: { before: T; after: T; renamedFile: boolean }[];
}

/** Matches entities by id, then pairs a vanished one with a new one when `similar` says they are the same. */
function pairEntities<T extends { id: string }>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>, similar: (b: T, a: T) => number): Paired<T> {
  const pairs: Paired<T>['pairs'] = [];
  const removed: T[] = [];
  const created = new Map([...after].filter(([id]) => !before.has(id)));
  for (const [id, b] of before) {
    const a = after.get(id);
    if (a) {
      pairs.push({ before: b, after: a, renamedFile: false });
      continue;
    }
    let best: T | undefined;
    let bestScore = 0.5;
    for (const candidate of created.values()) {
      const score = similar(b, candidate);
      if (score >= bestScore) [best, bestScore] = [candidate, score];
    }
    if (best) {
      created.delete(best.id);
      pairs.push({ before: b, after: best, renamedFile: true });
    } else removed.push(b);
  }
  return { created: [...created.values()], removed, pairs };
}

const themeRef = (t: Theme): EntityRef => ({ id: t.id, title: t.title });
const insightRef = (i: Insight): EntityRef => ({ id: i.id, title: i.statement });
const personaRef = (p: Persona): EntityRef => ({ id: p.id, title: p.label ? `${p.name}, ${p.label}` : p.name });
const journeyRef = (j: Journey): EntityRef => ({ id: j.id, title: j.title });

function diffThemes(ctx: Context): ThemeChanges {
  const paired = pairEntities(ctx.before.themes, ctx.after.themes, (b, a) => (b.title === a.title ? 1 : jaccard(b.highlights, a.highlights)));
  const out: ThemeChanges = {
    created: paired.created.map((t) => ({ ...themeRef(t), highlights: t.highlights.map((h) => ctx.ref(h, 'after')) })),
    removed: paired.removed.map(themeRef),
    renamed: [],
    summaries: [],
    cards: [],
    moved: [],
  };
  const joined: { highlight: string; theme: Theme }[] = [];
  const left: { highlight: string; theme: Theme }[] = [];
  for (const { before, after, renamedFile } of paired.pairs) {
    if (renamedFile || before.title !== after.title) out.renamed.push({ from: themeRef(before), to: themeRef(after) });
    if ((before.summary ?? '') !== (after.summary ?? '')) out.summaries.push({ theme: themeRef(after), ...(before.summary ? { before: before.summary } : {}), ...(after.summary ? { after: after.summary } : {}) });
    for (const h of after.highlights) if (!before.highlights.includes(h)) joined.push({ highlight: h, theme: after });
    for (const h of before.highlights) if (!after.highlights.includes(h)) left.push({ highlight: h, theme: after });
  }
  // A card that left one theme and joined another moved between them.
  for (const j of [...joined]) {
    const from = left.find((l) => l.highlight === j.highlight);
    if (!from) continue;
    left.splice(left.indexOf(from), 1);
    joined.splice(joined.indexOf(j), 1);
    out.moved.push({ highlight: ctx.ref(j.highlight), from: themeRef(from.theme), to: themeRef(j.theme) });
  }
  for (const { after } of paired.pairs) {
    const added = joined.filter((j) => j.theme === after).map((j) => ctx.ref(j.highlight, 'after'));
    const removed = left.filter((l) => l.theme === after).map((l) => ctx.ref(l.highlight, 'before'));
    if (added.length > 0 || removed.length > 0) out.cards.push({ theme: themeRef(after), added, removed });
  }
  return out;
}

function diffInsights(ctx: Context): EntityChanges<InsightChange> {
  const paired = pairEntities(ctx.before.insights, ctx.after.insights, (b, a) => (b.statement === a.statement ? 1 : jaccard(b.evidence, a.evidence)));
  const changed: InsightChange[] = [];
  for (const { before, after } of paired.pairs) {
    const evidence = listChange(before.evidence, after.evidence);
    const change: InsightChange = {
      insight: insightRef(after),
      ...(before.statement !== after.statement ? { statement: { before: before.statement, after: after.statement } } : {}),
      fields: fieldChanges(before, after, ['status', 'confidence']),
      evidence: { added: evidence.added.map((h) => ctx.ref(h, 'after')), removed: evidence.removed.map((h) => ctx.ref(h, 'before')) },
      themes: listChange(before.themes, after.themes),
      personas: listChange(before.personas, after.personas),
      recommendations: recommendationChanges(before.recommendations, after.recommendations),
    };
    const r = change.recommendations;
    const any = change.statement || change.fields.length > 0 || [change.evidence, change.themes, change.personas, r].some((l) => l.added.length > 0 || l.removed.length > 0) || r.changed.length > 0;
    if (any) changed.push(change);
  }
  return { created: paired.created.map(insightRef), removed: paired.removed.map(insightRef), renamed: renamedFiles(paired, insightRef), changed };
}

/** Recommendations have no id: they are matched by their action's words. */
function recommendationChanges(before: readonly Recommendation[], after: readonly Recommendation[]): InsightChange['recommendations'] {
  const byAction = new Map(before.map((r) => [r.action, r]));
  const changed: { action: string; changes: FieldChange[] }[] = [];
  for (const a of after) {
    const b = byAction.get(a.action);
    const changes = b ? fieldChanges(diffable(b), diffable(a), ['owner', 'status', 'reason', 'due', 'outcome']) : [];
    if (changes.length > 0) changed.push({ action: a.action, changes });
  }
  return { added: after.filter((a) => !byAction.has(a.action)), removed: before.filter((b) => !after.some((a) => a.action === b.action)), changed };
}

/** A recommendation's fields as a review reads them: the outcome in words (what changed, and the measure before → after). */
function diffable(r: Recommendation) {
  const { owner, status, reason, due, outcome } = r;
  return { owner, status, reason, due, outcome: outcome && `${outcome.change}${outcome.measure ? ` (${describeMeasure(outcome.measure)})` : ''}` };
}

/** Fields of a persona computed from the coding (`sift persona` regenerates them). */
const PERSONA_DERIVED = ['participants', 'share', 'distinguishing'];

function diffPersonas(ctx: Context): EntityChanges<PersonaChange> {
  const paired = pairEntities(ctx.before.personas, ctx.after.personas, (b, a) => (b.name === a.name && b.label === a.label ? 1 : jaccard([...b.quotes, ...b.participants], [...a.quotes, ...a.participants])));
  const changed: PersonaChange[] = [];
  for (const { before, after } of paired.pairs) {
    const fields = fieldChanges(before, after, ['name', 'label', 'summary', 'share', 'distinguishing']);
    const lists = (['participants', 'quotes', 'goals', 'frustrations', 'behaviours'] as const).map((field) => ({ field, ...listChange(before[field], after[field]) })).filter((l) => l.added.length > 0 || l.removed.length > 0);
    if (fields.length === 0 && lists.length === 0) continue;
    const regenerated = [...fields.map((f) => f.field), ...lists.map((l) => l.field)].some((f) => PERSONA_DERIVED.includes(f));
    changed.push({ persona: personaRef(after), regenerated, fields, lists });
  }
  return { created: paired.created.map(personaRef), removed: paired.removed.map(personaRef), renamed: renamedFiles(paired, personaRef), changed };
}

function diffJourneys(ctx: Context): EntityChanges<{ journey: EntityRef; fields: string[] }> {
  const paired = pairEntities(ctx.before.journeys, ctx.after.journeys, (b, a) => (b.title === a.title ? 1 : 0));
  const changed = paired.pairs.map(({ before, after }) => ({ journey: journeyRef(after), fields: fieldChanges(before, after, ['title', 'persona', 'stages']).map((f) => f.field) })).filter((c) => c.fields.length > 0);
  return { created: paired.created.map(journeyRef), removed: paired.removed.map(journeyRef), renamed: renamedFiles(paired, journeyRef), changed };
}

function renamedFiles<T>(paired: Paired<T>, ref: (t: T) => EntityRef): { from: EntityRef; to: EntityRef }[] {
  return paired.pairs.filter((p) => p.renamedFile).map((p) => ({ from: ref(p.before), to: ref(p.after) }));
}

// --- Small helpers -------------------------------------------------------------------

function fieldChanges<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map((f) => ({ field: f, before: before[f], after: after[f] }));
}

function listChange(before: readonly string[], after: readonly string[]): RefListChange<string> {
  return { added: after.filter((x) => !before.includes(x)), removed: before.filter((x) => !after.includes(x)) };
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  const union = new Set([...sa, ...sb]).size;
  if (union === 0) return 0;
  return [...sa].filter((x) => sb.has(x)).length / union;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
