/**
 * Searching every study of a library at once, with the query language of Find Highlights
 * (one parser: core/search/fulltext.ts). Each study keeps its own index; a query runs in
 * each, and the best hits of all are merged by score. On top of a study's own words:
 * - `tag:` a global tag finds the study tags mapped onto it (and their sub-tags);
 * - `study:id` (or `-study:id`) keeps to (or leaves out) a study.
 */
import { tagAndDescendants } from '../codebook/hierarchy';
import type { Highlight } from '../model';
import { eitherAccepts, fieldsFilter, namesKnownIn, STUDY_FIELD, unknownNamesIn, type KnownNames, type ValueCheck } from '../search/filters';
import { matchRanges, parseQuery, type FullTextIndex, type ParsedQuery, type SearchDoc, type SearchHit } from '../search/fulltext';
import { participantOfHighlight, type Workspace } from '../workspace/workspace';
import { studyTagsOf } from './codebook';
import type { Library, LibraryStudy, StudyInLibrary } from './library';

export interface SearchableStudy extends StudyInLibrary {
  index: FullTextIndex;
}

export interface LibraryHit {
  study: string;
  id: string;
  score: number;
  /** Matched spans in the quote, UTF-16 `[start, end)`. */
  ranges: [number, number][];
  source: string;
  quote: string;
  tags: readonly string[];
  note?: string;
  speaker?: string;
  participant?: string;
}

export interface LibrarySearchResult {
  hits: LibraryHit[];
  /** Matches in all studies, before the limit. */
  total: number;
  /** Matches per study, in library order (studies with none included). */
  perStudy: { study: string; total: number }[];
  query: ParsedQuery;
  /** Why the query cannot be answered as written (unclosed quote, unknown tag or filter); no search was run when any. */
  problems: string[];
}

/**
 * `asTyped`: a search box's query, searched as far as it can be read (an unclosed quote is a
 * phrase being typed); its problems are still given, for the box to show.
 */
export function searchStudies(library: Library | undefined, studies: readonly SearchableStudy[], text: string, options: { limit?: number; asTyped?: boolean } = {}): LibrarySearchResult {
  const query = parseQuery(text);
  const problems = [...query.errors, ...unknownNamesIn(query, knownNames(library, studies))];
  if (text.trim() === '') problems.push('The query is empty: give words, a "phrase", tag:id or a filter such as participant:P07.');
  if (problems.length > 0 && !options.asTyped) return { hits: [], total: 0, perStudy: [], query, problems };
  const limit = options.limit ?? 100;
  const wanted = studyChoice(query);
  const found: { study: SearchableStudy; hit: SearchHit }[] = [];
  const perStudy: LibrarySearchResult['perStudy'] = [];
  let total = 0;
  for (const s of studies) {
    const { study, workspace, index } = s;
    if (!wanted(study.id)) {
      perStudy.push({ study: study.id, total: 0 });
      continue;
    }
    const accept = fieldsFilter(
      workspace,
      query.fields.filter((f) => f.name !== STUDY_FIELD),
    );
    const inStudy = index.search(query, { limit, ranges: false, descendantsOf: (tag) => tagsFor(library, study, workspace, tag), ...(accept ? { accept } : {}) });
    total += inStudy.total;
    perStudy.push({ study: study.id, total: inStudy.total });
    for (const hit of inStudy.hits) found.push({ study: s, hit });
  }
  // Stable: equal scores keep library order, and each study's own order within it. Only the
  // best are made into hits: 50 studies give up to 50 × limit, each hit's spans come from
  // tokenising its quote, and its participant may read its transcript's turns.
  found.sort((a, b) => b.hit.score - a.hit.score);
  const hits: LibraryHit[] = [];
  for (const { study: s, hit } of found) {
    if (hits.length === limit) break;
    const doc = s.index.document(hit.id);
    if (doc) hits.push(libraryHit(s, { ...hit, ranges: matchRanges(doc.quote, query.include) }, doc));
  }
  return { hits, total, perStudy, query, problems };
}

function libraryHit({ study, workspace }: SearchableStudy, hit: SearchHit, doc: SearchDoc): LibraryHit {
  const participant = participantOfHighlight(workspace, doc.source, doc.speaker);
  return {
    study: study.id,
    id: hit.id,
    score: hit.score,
    ranges: hit.ranges,
    source: doc.source,
    quote: doc.quote,
    tags: [...doc.tags],
    ...(doc.note !== undefined ? { note: doc.note } : {}),
    ...(doc.speaker !== undefined ? { speaker: doc.speaker } : {}),
    ...(participant !== undefined ? { participant } : {}),
  };
}

/** Tag ids and filter names known in any study (and the library's global tags, and study: in a library). */
function knownNames(library: Library | undefined, studies: readonly SearchableStudy[]): KnownNames {
  const tags = new Set(library?.codebook.map((t) => t.id) ?? []);
  const fields = new Set<string>(library ? [STUDY_FIELD] : []);
  const values = new Map<string, ValueCheck>();
  for (const { workspace } of studies) {
    const known = namesKnownIn(workspace);
    known.tags.forEach((t) => tags.add(t));
    known.fields.forEach((f) => fields.add(f));
    known.values.forEach((check, name) => values.set(name, eitherAccepts(values.get(name), check)));
  }
  return { tags, fields, values };
}

function studyChoice(query: ParsedQuery): (id: string) => boolean {
  const filters = query.fields.filter((f) => f.name === STUDY_FIELD);
  return (id) => filters.every((f) => (f.value.toLowerCase() === id) !== f.negated);
}

/** The study's tags a `tag:` filter stands for: the tag itself and, for a global tag, every tag mapped onto it, each with its sub-tags. */
function tagsFor(library: Library | undefined, study: LibraryStudy, workspace: Workspace, tag: string): Set<string> {
  const roots = library ? [tag, ...studyTagsOf(library, study, workspace, tag)] : [tag];
  return new Set(roots.flatMap((t) => [...tagAndDescendants(workspace.codebook, t)]));
}

const byIdCache = new WeakMap<Workspace, Map<string, { source: string; highlight: Highlight }>>();

/** Every highlight of a study by id, with its transcript; built once per loaded workspace. */
export function highlightsById(ws: Workspace): Map<string, { source: string; highlight: Highlight }> {
  let map = byIdCache.get(ws);
  if (!map) {
    map = new Map();
    for (const f of ws.highlightFiles.values()) for (const h of f.highlights) map.set(h.id, { source: f.source, highlight: h });
    byIdCache.set(ws, map);
  }
  return map;
}
