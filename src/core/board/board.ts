/**
 * The affinity board as data, derived from a Workspace: one card per highlight and the
 * columns it sits in. With the default grouping the columns are an Unsorted pool (the
 * highlights in no theme) and the themes in file order; other groupings (by tag,
 * participant, participant attribute, transcript, and by when and from what kind of source:
 * week of the study, phase, kind) are read-only views of the same cards.
 */
import type { Workspace } from '../workspace/workspace';
import { derivedInSlices, derivedOf } from '../workspace/study-service';
import { boardCards, type BoardCard, type BoardCards } from './cards';
import { parseQuery, type FullTextIndex, type MatchedIds } from '../search/fulltext';
import { studySearchOptions } from '../search/filters';
import { DIMENSIONS, dimensionValues, highlightDimensions, isDimension, noValueLabel, type Dimension, type DimensionValue } from '../sources/dimensions';

export type { BoardCard } from './cards';

export interface BoardTag {
  id: string;
  label: string;
  color?: string;
}

export type GroupBy = { kind: 'theme' } | { kind: 'tag' } | { kind: 'participant' } | { kind: 'transcript' } | { kind: Dimension } | { kind: 'attribute'; attribute: string };

/** The key of the Unsorted pool among the columns of the theme grouping. */
export const UNSORTED = '';

export interface BoardColumn {
  /** Theme id, UNSORTED, or the group's value (tag id, participant id, …). */
  key: string;
  kind: 'unsorted' | 'theme' | 'group';
  title: string;
  summary?: string;
  /** Card ids in order (a theme's file order), after filtering. */
  cards: string[];
  /** How many cards the column holds without the filter. */
  total: number;
  /** Distinct participants among the shown cards. */
  participants: number;
}

export interface BoardFilter {
  /** Query over quotes, memos and tag labels, with Find Highlights' filters (`week:3`, `kind:diary`, `participant:P07` …). */
  text?: string;
  /** Cards with any of these tags. */
  tags?: string[];
  participants?: string[];
  /** Per attribute, the accepted values (display strings). */
  attributes?: Record<string, string[]>;
  /** Per dimension, the accepted keys (week numbers, phase and kind ids). */
  dimensions?: Partial<Record<Dimension, string[]>>;
}

export interface Board {
  cards: ReadonlyMap<string, BoardCard>;
  tags: BoardTag[];
  columns: BoardColumn[];
  /** Attribute names of participants, in the order research.yaml declares them, for grouping and filters. */
  attributes: string[];
  /** Per attribute, the values participants have (sorted), for filters. */
  attributeValues: Record<string, string[]>;
  participants: string[];
  /** The weeks of the study, its phases and the kinds of its sources, for grouping and filters. */
  dimensions: Record<Dimension, DimensionValue[]>;
}

/** The themes in file order (by path), so the board's columns do not jump between loads. */
export function themesInOrder(ws: Workspace) {
  return [...ws.themes.entries()].sort(([, a], [, b]) => compare(a.path, b.path));
}

/** Which cards a filter shows, asked by id. */
interface Shown {
  has(id: string): boolean;
}

function* filterSteps(ws: Workspace, cards: BoardCards, filter: BoardFilter, index?: FullTextIndex): Steps<Shown | undefined> {
  let textHits: MatchedIds | undefined;
  if (filter.text?.trim() && index) {
    // The search box reads Find Highlights' language: filters such as `week:3` or `participant:P07` mean there what they mean here.
    const query = parseQuery(filter.text);
    textHits = index.matchingIds(query, studySearchOptions(ws, query));
  }
  const tags = filter.tags?.length ? new Set(filter.tags) : undefined;
  const people = filter.participants?.length ? new Set(filter.participants) : undefined;
  const attrs = Object.entries(filter.attributes ?? {}).filter(([, values]) => values.length > 0);
  const dims = DIMENSIONS.flatMap((d) => (filter.dimensions?.[d]?.length ? [[d, new Set(filter.dimensions[d])] as const] : []));
  const placed = dims.length > 0 ? highlightDimensions(ws) : undefined;
  // No filter: every card shows, without a set of 200,000 ids made to say so.
  if (!textHits && !tags && !people && attrs.length === 0 && dims.length === 0) return undefined;
  // The search box alone: its hits are the cards shown, asked about as the columns are made.
  if (textHits && !tags && !people && attrs.length === 0 && dims.length === 0) return textHits;
  const pass = new Set<string>();
  const tick = every(STEP);
  for (const part of cards.valuesByFile()) {
    for (let i = 0; i < part.length; i++) {
      const card = part[i]!;
      if (tick()) yield;
      if (textHits && !textHits.has(card.id)) continue;
      if (tags && !card.tags.some((t) => tags.has(t))) continue;
      if (people && !(card.participant && people.has(card.participant))) continue;
      if (attrs.some(([name, values]) => !values.includes(card.attributes[name] ?? ''))) continue;
      if (dims.some(([d, keys]) => !keys.has(placed!.get(card.id)?.[d] ?? ''))) continue;
      pass.add(card.id);
    }
  }
  return pass;
}

export interface BoardOptions {
  groupBy?: GroupBy;
  filter?: BoardFilter;
  index?: FullTextIndex;
}

export function buildBoard(ws: Workspace, options: BoardOptions = {}): Board {
  return toEnd(boardSteps(ws, derivedOf(ws, boardCards), options));
}

/**
 * The same board, built in slices: `pause` is called every few hundred cards so a host can
 * return to its event loop (over 200,000 highlights a grouping takes a second).
 */
export async function buildBoardInSlices(ws: Workspace, options: BoardOptions, pause: () => Promise<void>): Promise<Board> {
  // The cards are the study service's (made once, then kept up to date with Sift's own writes); a first board makes them in slices too.
  return inSlices(boardSteps(ws, await derivedInSlices(ws, boardCards, pause), options), pause);
}

function* boardSteps(ws: Workspace, cards: BoardCards, options: BoardOptions): Steps<Board> {
  const shown = yield* filterSteps(ws, cards, options.filter ?? {}, options.index);
  const groupBy = options.groupBy ?? { kind: 'theme' };
  const tick = every(STEP);
  // Given the cards themselves where they were walked anyway: one look-up per card less per view.
  // `belongs`, when given, picks the column's cards from `members` (arrays of them, walked by
  // index: no iterator result per card) in the same walk.
  function* column(key: string, kind: BoardColumn['kind'], title: string, members: Iterable<readonly (BoardCard | undefined)[]>, summary?: string, belongs?: (card: BoardCard) => boolean): Steps<BoardColumn> {
    const visible: string[] = [];
    const participants = new Set<string>();
    let total = 0;
    for (const part of members) {
      for (let i = 0; i < part.length; i++) {
        const card = part[i];
        if (tick()) yield;
        if (!card || (belongs && !belongs(card))) continue;
        total++;
        if (shown && !shown.has(card.id)) continue;
        visible.push(card.id);
        if (card.participant !== undefined) participants.add(card.participant);
      }
    }
    return { key, kind, title, ...(summary ? { summary } : {}), cards: visible, total, participants: participants.size };
  }
  const columns: BoardColumn[] = [];
  if (groupBy.kind === 'theme') {
    const themes = themesInOrder(ws);
    const sorted = new Set(themes.flatMap(([, t]) => t.highlights));
    // One walk over the cards, not a list of 200,000 unsorted ones made first and walked again.
    columns.push(yield* column(UNSORTED, 'unsorted', 'Unsorted', cards.valuesByFile(), undefined, (card) => !sorted.has(card.id)));
    for (const [id, t] of themes) columns.push(yield* column(id, 'theme', t.title, [t.highlights.map((h) => cards.get(h))], t.summary));
  } else {
    const tagLabel = new Map(ws.codebook.map((t) => [t.id, t.label]));
    const placed = isDimension(groupBy.kind) ? highlightDimensions(ws) : undefined;
    const keysOf = (c: BoardCard): readonly string[] => {
      switch (groupBy.kind) {
        case 'tag':
          return c.tags;
        case 'participant':
          return c.participant ? [c.participant] : [];
        case 'transcript':
          return [c.source];
        case 'attribute':
          return c.attributes[groupBy.attribute] !== undefined ? [c.attributes[groupBy.attribute]!] : [];
        case 'week':
        case 'phase':
        case 'kind': {
          const key = placed!.get(c.id)?.[groupBy.kind];
          return key !== undefined ? [key] : [];
        }
      }
    };
    const groups = new Map<string, BoardCard[]>();
    const none: BoardCard[] = [];
    for (const part of cards.valuesByFile()) {
      for (let i = 0; i < part.length; i++) {
        const c = part[i]!;
        if (tick()) yield;
        const keys = keysOf(c);
        if (keys.length === 0) none.push(c);
        for (const k of keys) (groups.get(k) ?? groups.set(k, []).get(k)!).push(c);
      }
    }
    // Tags in codebook order; weeks, phases and kinds in theirs, every week of the study shown
    // (an empty week is a finding in a diary study); everything else alphabetically.
    const dimension = isDimension(groupBy.kind) ? dimensionValues(ws, groupBy.kind) : undefined;
    const order =
      groupBy.kind === 'tag'
        ? ws.codebook
            .map((t) => t.id)
            .filter((id) => groups.has(id))
            .concat([...groups.keys()].filter((k) => !tagLabel.has(k)).sort(compare))
        : dimension
          ? dimension.map((v) => v.key).filter((k) => groupBy.kind === 'week' || groups.has(k))
          : [...groups.keys()].sort(compare);
    const titleOf = (k: string) => (groupBy.kind === 'tag' ? (tagLabel.get(k) ?? k) : (dimension?.find((v) => v.key === k)?.label ?? k));
    for (const k of order) columns.push(yield* column(k, 'group', titleOf(k), [groups.get(k) ?? []]));
    if (none.length) columns.push(yield* column(UNSORTED, 'group', isDimension(groupBy.kind) ? noValueLabel(groupBy.kind) : `No ${groupBy.kind === 'attribute' ? groupBy.attribute : groupBy.kind}`, [none]));
  }
  return {
    cards,
    tags: ws.codebook.map((t) => ({ id: t.id, label: t.label, ...(t.color ? { color: t.color } : {}) })),
    columns,
    attributes: Object.keys(ws.project?.attributes ?? {}).concat([...new Set(ws.participants.flatMap((p) => Object.keys(p.attributes)))].filter((a) => !(a in (ws.project?.attributes ?? {}))).sort(compare)),
    attributeValues: attributeValuesOf(ws),
    participants: ws.participants.map((p) => p.id),
    dimensions: { week: dimensionValues(ws, 'week'), phase: dimensionValues(ws, 'phase'), kind: dimensionValues(ws, 'kind') },
  };
}

function attributeValuesOf(ws: Workspace): Record<string, string[]> {
  const values: Record<string, Set<string>> = {};
  for (const p of ws.participants) for (const [name, value] of Object.entries(p.attributes)) (values[name] ??= new Set()).add(String(value));
  return Object.fromEntries(Object.entries(values).map(([name, set]) => [name, [...set].sort(compare)]));
}

/**
 * Work that stops (yields) at points where a host may return to its event loop. Run to its
 * end at once (`toEnd`) or with a pause at each stop (`inSlices`): one way to build, two ways to run.
 */
type Steps<T> = Generator<void, T, void>;

/** Cards handled between two stops. */
const STEP = 500;

function toEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

async function inSlices<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/** True once every `n` calls. */
function every(n: number): () => boolean {
  let count = 0;
  return () => ++count % n === 0;
}

/** Locale-independent string order, so the board is the same on every machine. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
