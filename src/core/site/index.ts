/**
 * `sift site`'s core: studies in, a static insight site out, as files (path and text) for
 * the caller to write. Pure and deterministic: the same studies give the same bytes (no
 * build date, no random ids, everything in a fixed order), so a rebuild in CI changes
 * nothing unless the analysis did.
 *
 * Every page is made from the report's data and blocks (src/core/report/): consent,
 * masking and wording are decided there once, so the site says what `sift report` says and
 * withholds what it withholds.
 */
import { buildReport, type ClipLinks, type ReportData } from '../report/build';
import { type Block } from '../report/document';
import { renderBlocks, escapeHtml as e } from '../report/html';
import { atAGlance, itemAnchor, reportIntro, reportSections, unrecorded, type ReportSection } from '../report/layout';
import { libraryInsightBlocks, type LibraryInsightReport } from '../library/report';
import { formatCount } from '../format';
import { NO_GUARD, type SharingGuard } from '../privacy/share';
import type { Workspace } from '../workspace/workspace';
import type { SiteSearchPart } from '../../protocol/site-search';
import { ACROSS_PAGE, PAGE_FILES, SEARCH_PAGE, SEARCH_SCRIPT, STYLESHEET, StudyPaths, searchPartPath, studyFolder, type StudyPage } from './paths';
import { ACROSS_STUDIES, libraryInsightDocuments, searchPartScript, studyDocuments } from './search';
import { renderPage, type NavLink, type PageFrame } from './shell';
import { SITE_CSS } from './style';

/** A loaded study, as one workspace or a library's loader gives it. */
export interface SiteStudy {
  id: string;
  title: string;
  /** Where it is on disk (for the caller's messages; the site never links to files). */
  root: string;
  workspace: Workspace;
  /** Masks open personal-data findings in quotes, as `sift report` does; without one nothing is masked. */
  guard?: SharingGuard;
  /**
   * The study's clips (`.sift/clips/`, made by `sift clip|reel`): `exists` answers whether one is
   * there; each a quote links to (consent as the report's) is handed to `copy` with its path in the
   * site, for the caller to copy there. Without it, quotes link to no clip.
   */
  clips?: { exists: (path: string) => boolean; copy: (path: string, sitePath: string) => void };
}

export interface SiteOptions {
  /** The library's name; with one study the site is named after it. */
  title?: string;
  /** The search page's script (MiniSearch and the page's code, bundled: dist/webview/site.js). */
  searchScript: string;
  /** A library's own insights, evidence from several studies (`libraryInsightReports`): a page of their own, first on the front page. */
  libraryInsights?: readonly LibraryInsightReport[];
}

export interface SiteFile {
  path: string;
  content: string;
}

/** The pages a study has, in the navigation's order, and which report sections each shows. */
const PAGES: { page: Exclude<StudyPage, 'overview'>; title: string; heading?: string; sections: string[] }[] = [
  { page: 'insights', title: 'Insights', sections: ['findings', 'outcomes', 'emerging', 'set-aside'] },
  { page: 'themes', title: 'Themes', sections: ['themes'] },
  { page: 'personas', title: 'Personas', heading: 'Personas and segments', sections: ['personas', 'segments'] },
  { page: 'journeys', title: 'Journeys', sections: ['journeys'] },
  { page: 'sample', title: 'Who we heard from', heading: 'Sample and method', sections: ['sample', 'method'] },
];

export function buildSite(studies: readonly SiteStudy[], options: SiteOptions): SiteFile[] {
  if (studies.length === 0) throw new Error('A site needs at least one study.');
  const library = studies.length > 1;
  const site = library ? (options.title ?? 'Research library') : (options.title ?? studies[0]!.title);
  const files: SiteFile[] = [];
  /** The search index's parts in the order the page indexes them (ids run on across them). */
  const parts: { path: string; part: SiteSearchPart }[] = [];
  const nextId = () => parts.reduce((n, p) => n + p.part.documents.length, 0);
  const across = library ? (options.libraryInsights ?? []) : [];
  const taken = new Set<string>([SEARCH_PAGE, ACROSS_PAGE, ...Object.values(PAGE_FILES)].map((f) => f.replace(/\.html$/, '')));
  const built: { study: SiteStudy; report: ReportData; paths: StudyPaths }[] = [];
  for (const study of studies) {
    const folder = library ? studyFolder(study.id, taken) : '';
    taken.add(folder);
    const paths = new StudyPaths(folder);
    const report = buildReport(study.workspace, { guard: study.guard ?? NO_GUARD, ...(study.clips ? { clips: siteClips(study.clips, paths) } : {}) });
    built.push({ study, report, paths });
    files.push(...studyPages(site, library, report, paths));
    parts.push({ path: searchPartPath(folder || 'study'), part: studyDocuments(report, paths, nextId()) });
  }
  if (library) files.push(libraryHome(site, built, across));
  if (across.length > 0) {
    files.push(acrossPage(site, across));
    // `across-studies` is a name no study folder takes (see `taken`).
    parts.push({ path: searchPartPath(ACROSS_PAGE.replace(/\.html$/, '')), part: libraryInsightDocuments(across, nextId()) });
  }
  const searchNav = library ? libraryNav(across, undefined) : studyNav(built[0]!.report, studyPageList(built[0]!.report), built[0]!.paths, false, undefined);
  files.push(
    {
      path: SEARCH_PAGE,
      content: searchPage(
        site,
        searchNav,
        library,
        parts.map((p) => p.path),
      ),
    },
    { path: STYLESHEET, content: SITE_CSS },
    { path: SEARCH_SCRIPT, content: options.searchScript },
    ...parts.map(({ path, part }) => ({ path, content: searchPartScript(part) })),
  );
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Clips in the study's folder of the site (`clips/<id>.mp4`, beside its pages), linked from its pages. */
function siteClips(clips: NonNullable<SiteStudy['clips']>, paths: StudyPaths): ClipLinks {
  return {
    exists: clips.exists,
    href: (path) => {
      const href = `clips/${path.slice(path.lastIndexOf('/') + 1)}`;
      clips.copy(path, paths.folder ? `${paths.folder}/${href}` : href);
      return href;
    },
  };
}

/** A study's overview and one page per group of report sections that has something to show. */
function studyPages(site: string, library: boolean, report: ReportData, paths: StudyPaths): SiteFile[] {
  // Worked out once: every page's navigation lists them.
  const pages = studyPageList(report);
  const nav = (current: StudyPage) => studyNav(report, pages, paths, library, current);
  const overview = [...reportIntro(report), { kind: 'heading', level: 2, text: 'At a glance', anchor: 'at-a-glance' } as Block, ...atAGlance(report)];
  const contents = `<h2 id="pages">In this study</h2><ul class="cards">${pages
    .map((p) => `<li><a href="${e(relative(paths.page('overview'), paths.page(p.page)))}">${e(p.title)}</a><p>${e(pageSummary(p.page, report))}</p></li>`)
    .join('')}</ul>`;
  const home = { path: paths.page('overview'), content: renderPage({ path: paths.page('overview'), site, title: report.title, nav: nav('overview'), body: renderBlocks(overview) + '\n' + contents }) };
  return [
    home,
    ...pages.map((p) => {
      const single = p.shown.length === 1;
      const body: Block[] = [
        // A page of one section is named by it; of several, by what they hold together.
        { kind: 'heading', level: 1, text: single ? p.title : p.heading },
        ...(library ? [{ kind: 'paragraph', content: [report.title], style: 'muted' } as Block] : []),
        // One section: its items are the page's second level, so no heading level is skipped.
        ...p.shown.flatMap((s): Block[] => (single ? s.blocks.map(promote) : [{ kind: 'heading', level: 2, text: s.title, anchor: s.anchor }, ...s.blocks])),
      ];
      const path = paths.page(p.page);
      return { path, content: renderPage({ path, site, title: library ? `${p.title} · ${report.title}` : p.title, nav: nav(p.page), body: renderBlocks(body) }) };
    }),
  ];
}

interface StudyPageEntry {
  page: Exclude<StudyPage, 'overview'>;
  title: string;
  heading: string;
  shown: ReportSection[];
}

/** The pages a study has, in the navigation's order, with the shown report sections of each. */
function studyPageList(report: ReportData): StudyPageEntry[] {
  const sections = new Map(reportSections(report).map((s) => [s.anchor, s]));
  return PAGES.map((p) => ({ page: p.page, title: p.title, heading: p.heading ?? p.title, shown: p.sections.map((id) => sections.get(id)).filter((s): s is ReportSection => s !== undefined) })).filter((p) => p.shown.length > 0);
}

/** A study's navigation: up to the library (in one), the overview, then each of its pages. */
function studyNav(report: ReportData, pages: readonly StudyPageEntry[], paths: StudyPaths, library: boolean, current: StudyPage | undefined): PageFrame['nav'] {
  return {
    label: library ? `Pages of ${report.title}` : 'Pages',
    links: [
      ...(library ? [{ text: '← All studies', href: 'index.html' }] : []),
      { text: 'Overview', href: paths.page('overview'), current: current === 'overview' },
      ...pages.map((p): NavLink => ({ text: p.title, href: paths.page(p.page), current: current === p.page })),
    ],
  };
}

/** A level-3 heading (an item under a section) as a level-2 one, and a list's label a level up with it, inside groups too. */
function promote(b: Block): Block {
  if (b.kind === 'heading' && b.level === 3) return { ...b, level: 2 };
  if (b.kind === 'list' && b.label) return { ...b, level: 3 };
  if (b.kind === 'group') return { ...b, blocks: b.blocks.map(promote) };
  return b;
}

/** What a study page holds, in a line for its card. */
function pageSummary(page: StudyPage, r: ReportData): string {
  const n = formatCount;
  switch (page) {
    case 'insights':
      return [n(r.findings.length, 'finding'), ...(r.emerging.length > 0 ? [`${r.emerging.length} emerging`] : []), ...(r.setAside.length > 0 ? [`${r.setAside.length} set aside`] : [])].join(', ');
    case 'themes':
      return n(r.themes.length, 'theme');
    case 'personas':
      return [n(r.personas.length, 'persona'), ...(r.segmentations.length > 0 ? [n(r.segmentations.length, 'segmentation')] : [])].join(', ');
    case 'journeys':
      return `${n(r.journeys.length, 'journey')} with ${n(
        r.journeys.reduce((a, j) => a + j.stages.length, 0),
        'stage',
      )}`;
    case 'sample':
      return `${r.method.unlisted > 0 ? `${n(r.method.unlisted, 'participant')} not yet listed in participants.yaml` : unrecorded(r.method) ? 'No participant recorded' : n(r.method.participants, 'participant')}, sample coverage and method`;
    case 'overview':
      return r.title;
  }
}

/** `to` as a link from the page at `from` (both from the site's root). */
function relative(from: string, to: string): string {
  const depth = from.split('/').length - 1;
  const fromFolder = from.split('/').slice(0, depth).join('/');
  return to.startsWith(`${fromFolder}/`) && depth > 0 ? to.slice(fromFolder.length + 1) : '../'.repeat(depth) + to;
}

/** The navigation of a library's own pages: its front page, and its insights across studies when it has some. */
function libraryNav(across: readonly LibraryInsightReport[], current: 'home' | 'across' | undefined): PageFrame['nav'] {
  if (across.length === 0) return undefined;
  return {
    label: 'Library',
    links: [
      { text: 'All studies', href: 'index.html', current: current === 'home' },
      { text: ACROSS_STUDIES, href: ACROSS_PAGE, current: current === 'across' },
    ],
  };
}

/** A library's front page: its insights across studies (when it has some), then each study with its numbers and findings. */
function libraryHome(site: string, built: readonly { report: ReportData; paths: StudyPaths }[], across: readonly LibraryInsightReport[]): SiteFile {
  const studies = built
    .map(({ report, paths }) => {
      const intro = reportIntro(report).slice(1);
      return `<li><a href="${e(paths.page('overview'))}">${e(report.title)}</a>${renderBlocks(intro)}<p>${e([formatCount(report.findings.length, 'finding'), formatCount(report.themes.length, 'theme'), formatCount(report.personas.length, 'persona')].join(' · '))}</p></li>`;
    })
    .join('');
  const insights =
    across.length === 0
      ? ''
      : `<h2>${e(ACROSS_STUDIES)}</h2><p>${e(formatCount(across.length, 'insight'))} the library draws from its studies, each with its evidence from every study it cites.</p><ul class="cards wide">${across
          .map(({ insight, heard }) => `<li><a href="${e(`${ACROSS_PAGE}#${itemAnchor('insight', insight.id)}`)}">${e(insight.statement)}</a><p>${e(`Heard in ${formatCount(heard.length, 'study', 'studies')}`)}</p></li>`)
          .join('')}</ul>`;
  const body = `<h1>${e(site)}</h1><p class="lead">${e(formatCount(built.length, 'study', 'studies'))}. Search across all of them with the box above.</p>${insights}<h2>Studies</h2><ul class="cards wide studies">${studies}</ul>`;
  return { path: 'index.html', content: renderPage({ path: 'index.html', site, title: site, nav: libraryNav(across, 'home'), body }) };
}

/** The library's own insights, laid out as a study's insights page lays out its own (consent and masking each study's). */
function acrossPage(site: string, across: readonly LibraryInsightReport[]): SiteFile {
  const body: Block[] = [
    { kind: 'heading', level: 1, text: `Insights ${ACROSS_STUDIES.toLowerCase()}` },
    { kind: 'paragraph', style: 'muted', content: ['Findings the library draws from several studies. Each quote names its participant and the study it comes from; participants are counted per study.'] },
    ...libraryInsightBlocks(across).map(promote),
  ];
  return { path: ACROSS_PAGE, content: renderPage({ path: ACROSS_PAGE, site, title: ACROSS_STUDIES, nav: libraryNav(across, 'across'), body: renderBlocks(body) }) };
}

/**
 * The search page: a form that works as a plain link target (`search.html?q=…`), results
 * filled in by its script from the index's parts, listed here in the order it indexes them.
 */
function searchPage(site: string, nav: PageFrame['nav'], library: boolean, parts: readonly string[]): string {
  const body = `<h1>Search</h1>
<form class="search" role="search" action="${SEARCH_PAGE}" method="get"><label class="visually-hidden" for="search-query">Search this site</label><input id="search-query" name="q" type="search" placeholder="Search findings, themes, quotes…" autofocus><button type="submit">Search</button></form>
<p id="search-status" role="status" aria-live="polite">Type a word or two: findings, themes, personas, journeys and quotes are searched.</p>
<ol id="search-results" class="results" data-index="${e(parts.join(' '))}"></ol>
<noscript><p>Search needs JavaScript. Every finding, theme, persona and journey is also reachable from the pages above.</p></noscript>`;
  return renderPage({ path: SEARCH_PAGE, site, title: 'Search', nav, headerSearch: false, body, scripts: [SEARCH_SCRIPT], bodyClass: library ? 'search-page library' : 'search-page' });
}
