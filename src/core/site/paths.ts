/**
 * Where the site's pages are. One study is the whole site (its pages at the root); in a
 * library each study has a folder named by its id and the root lists them. Links are
 * relative with explicit file names, so the site works opened from disk (a folder link
 * does not open its index.html there) as well as served.
 */

export type StudyPage = 'overview' | 'insights' | 'themes' | 'personas' | 'journeys' | 'sample';

export const PAGE_FILES: Record<StudyPage, string> = {
  overview: 'index.html',
  insights: 'insights.html',
  themes: 'themes.html',
  personas: 'personas.html',
  journeys: 'journeys.html',
  sample: 'sample.html',
};

export const SEARCH_PAGE = 'search.html';
/** A library's own insights, citing evidence from several studies. */
export const ACROSS_PAGE = 'across-studies.html';
export const STYLESHEET = 'assets/site.css';
export const SEARCH_SCRIPT = 'assets/search.js';
/** The search index's parts, one script per study: `assets/search/<study folder>.js`. */
export const SEARCH_PARTS = 'assets/search';

/** A part of the search index, named as the study's folder is (a one-study site's single part: `study`). */
export function searchPartPath(name: string): string {
  return `${SEARCH_PARTS}/${name}.js`;
}

export class StudyPaths {
  /** `folder`: the study's folder under the site's root, or '' when the study is the site. */
  constructor(readonly folder: string) {}

  /** A page's path from the site's root, with an anchor when given. */
  page(page: StudyPage, anchor?: string): string {
    return `${this.folder ? `${this.folder}/` : ''}${PAGE_FILES[page]}${anchor ? `#${anchor}` : ''}`;
  }
}

/** The way back to the site's root from a file at `path` (`''` or `../`). */
export function rootFrom(path: string): string {
  return '../'.repeat(path.split('/').length - 1);
}

/**
 * A study id as a folder name: lowercase letters, digits and hyphens only (ids written by
 * hand may hold anything), never a name the root uses itself.
 */
export function studyFolder(id: string, taken: ReadonlySet<string>): string {
  const base =
    id
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'study';
  let name = base === 'assets' ? 'study-assets' : base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}
