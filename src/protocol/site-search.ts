/**
 * The insight site's search, as both sides must agree on it: the documents `sift site`
 * indexes (src/core/site/search.ts) and the MiniSearch options the page's script
 * (src/webview/site/main.ts) loads the index with. One owner, so the two never drift.
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

/** The global the index script (assets/search-index.js) sets: a file, not a fetch, so the site works opened from disk. */
export const SITE_INDEX_GLOBAL = 'SIFT_SEARCH_INDEX';

export const SITE_SEARCH_FIELDS = ['title', 'text'];
export const SITE_STORED_FIELDS = ['kind', 'title', 'study', 'url', 'excerpt'];
/** Every word must match (so adding a word narrows), the last one as a prefix while typing, small typos forgiven. */
export const SITE_SEARCH_OPTIONS = { boost: { title: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' } as const;
