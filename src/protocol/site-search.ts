/**
 * The insight site's search, as both sides must agree on it: the documents `sift site`
 * writes (src/core/site/search.ts) and the MiniSearch options the page's script
 * (src/webview/site/main.ts) indexes them with. One owner, so the two never drift.
 *
 * The index is written in parts, one per study (and one for a library's own insights), so
 * the search page can search the first study while the others are still loading, and no
 * single file holds a whole organisation's index. The page indexes the parts in their
 * order, so the finished index is the one MiniSearch would build from every document at
 * once: the same results, ranked the same.
 */

/** One thing the site shows, as the search finds it. `url` is relative to the site's root. */
export interface SiteSearchDocument {
  id: number;
  /** What it is, as a reader says it: `Finding`, `Theme`, `Quote`, `Persona`… */
  kind: string;
  title: string;
  /** Everything else the page shows of it, searched but not stored. */
  text: string;
  /** The study it belongs to (its title). */
  study: string;
  url: string;
  /** A line of context shown under the result. */
  excerpt: string;
}

/** One part of the index (assets/search/<part>.js): a study's documents, its title said once. */
export interface SiteSearchPart {
  study: string;
  documents: Omit<SiteSearchDocument, 'study'>[];
}

/** The global array each part's script pushes itself onto: a file, not a fetch, so the site works opened from disk. */
export const SITE_INDEX_PARTS_GLOBAL = 'SIFT_SEARCH_PARTS';

/** A part's documents as MiniSearch indexes them. */
export function partDocuments(part: SiteSearchPart): SiteSearchDocument[] {
  return part.documents.map((d) => ({ ...d, study: part.study }));
}

export const SITE_SEARCH_FIELDS = ['title', 'text'];
export const SITE_STORED_FIELDS = ['kind', 'title', 'study', 'url', 'excerpt'];
/** Every word must match (so adding a word narrows), the last one as a prefix while typing, small typos forgiven. */
export const SITE_SEARCH_OPTIONS = { boost: { title: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' } as const;
