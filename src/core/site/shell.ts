/**
 * The frame of every page: a strict content security policy (scripts and styles from the
 * site's own files only), a skip link, a header with the site's name and search, the
 * study's navigation, the content in <main>, a footer saying how quotes were chosen.
 */
import { documentStart, escapeHtml as e } from '../report/html';
import { rootFrom, SEARCH_PAGE, STYLESHEET } from './paths';

/**
 * Inline style attributes are allowed (the report's bars take their width from one), inline
 * scripts and style elements are not. 'self' covers file:// in Chromium and Firefox too.
 */
const CSP = "default-src 'none'; script-src 'self'; style-src-elem 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'";

export interface NavLink {
  text: string;
  /** From the site's root. */
  href: string;
  current?: boolean;
}

export interface PageFrame {
  /** From the site's root: `index.html`, `study-a/themes.html`. */
  path: string;
  site: string;
  title: string;
  body: string;
  /** The study's pages (with a link up to the library first, in a library). */
  nav: { label: string; links: NavLink[] } | undefined;
  /** The search page has its own form; every other page carries one in the header. */
  headerSearch?: boolean;
  scripts?: string[];
  bodyClass?: string;
}

export function renderPage(p: PageFrame): string {
  const root = rootFrom(p.path);
  const link = (l: NavLink) => `<a href="${e(root + l.href)}"${l.current ? ' aria-current="page"' : ''}>${e(l.text)}</a>`;
  const search =
    p.headerSearch === false
      ? ''
      : `<form class="search" role="search" action="${e(root + SEARCH_PAGE)}" method="get"><label class="visually-hidden" for="site-search">Search this site</label><input id="site-search" name="q" type="search" placeholder="Search quotes, themes…"><button type="submit">Search</button></form>`;
  const nav = p.nav ? `<nav class="pages" aria-label="${e(p.nav.label)}"><ul>${p.nav.links.map((l) => `<li${l.text.startsWith('←') ? ' class="up"' : ''}>${link(l)}</li>`).join('')}</ul></nav>` : '';
  const title = p.title === p.site ? p.site : `${p.title} — ${p.site}`;
  return `${documentStart(title, CSP)}
<meta name="generator" content="Sift">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${e(root + STYLESHEET)}">
${(p.scripts ?? []).map((s) => `<script src="${e(root + s)}" defer></script>`).join('\n')}
</head>
<body${p.bodyClass ? ` class="${p.bodyClass}"` : ''}>
<a class="skip" href="#content">Skip to content</a>
<header class="site">
<div class="bar"><a class="brand" href="${e(root)}index.html">${e(p.site)}</a>${search}</div>
${nav}
</header>
<main id="content" tabindex="-1">
${p.body}
</main>
<footer class="site"><p>Published with Sift from the study's files. Quotes are attributed by participant id only and appear only where the participant's consent allows; possible personal data not yet reviewed is masked.</p></footer>
</body>
</html>
`;
}
