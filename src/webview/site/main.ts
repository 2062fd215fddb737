/**
 * The insight site's search page (search.html): loads the index only here, from a script
 * file (assets/search-index.js, so the site works opened from disk, where a fetch of a local
 * file is refused), and searches it as the reader types. The query lives in the address
 * (`search.html?q=…`), so a search can be bookmarked or sent, and the header's search form
 * on every other page works without any script.
 */
import MiniSearch, { type AsPlainObject, type SearchResult } from 'minisearch';
import { SITE_INDEX_GLOBAL, SITE_SEARCH_FIELDS, SITE_SEARCH_OPTIONS, SITE_STORED_FIELDS } from '../../protocol/site-search';

const MAX_RESULTS = 50;

type Stored = SearchResult & { kind: string; title: string; study: string; url: string; excerpt: string };

const input = document.getElementById('search-query') as HTMLInputElement;
const status = document.getElementById('search-status')!;
const list = document.getElementById('search-results')!;
const script = document.querySelector<HTMLScriptElement>('script[src$="assets/search.js"]')!;

let index: MiniSearch | undefined;

function loadIndex(): Promise<MiniSearch> {
  return new Promise((resolve, reject) => {
    const tag = document.createElement('script');
    tag.src = script.src.replace(/search\.js$/, 'search-index.js');
    tag.onload = () => {
      const data = (window as unknown as Record<string, AsPlainObject>)[SITE_INDEX_GLOBAL]!;
      resolve(MiniSearch.loadJS(data, { fields: SITE_SEARCH_FIELDS, storeFields: SITE_STORED_FIELDS, searchOptions: SITE_SEARCH_OPTIONS }));
    };
    tag.onerror = () => reject(new Error('The search index (assets/search-index.js) could not be loaded.'));
    document.head.appendChild(tag);
  });
}

/** The title with the query's words marked, built as nodes (never as HTML from text). */
function marked(text: string, terms: readonly string[]): Node {
  const span = document.createElement('span');
  const words = terms.filter((t) => t.length > 1).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) {
    span.textContent = text;
    return span;
  }
  const pattern = new RegExp(`(${words.join('|')})`, 'gi');
  text.split(pattern).forEach((part, i) => {
    if (i % 2 === 1) {
      const m = document.createElement('mark');
      m.textContent = part;
      span.appendChild(m);
    } else if (part) span.appendChild(document.createTextNode(part));
  });
  return span;
}

function show(query: string): void {
  list.replaceChildren();
  if (!index || query.trim() === '') {
    status.textContent = index ? 'Type a word or two: findings, themes, personas, journeys and quotes are searched.' : 'Loading the search index…';
    return;
  }
  const results = index.search(query) as Stored[];
  const root = script.src.replace(/assets\/search\.js$/, '');
  for (const r of results.slice(0, MAX_RESULTS)) {
    const item = document.createElement('li');
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = r.study && document.body.classList.contains('library') ? `${r.kind} · ${r.study}` : r.kind;
    const link = document.createElement('a');
    link.href = root + r.url;
    link.appendChild(marked(r.kind === 'Quote' ? `“${r.title}”` : r.title, r.terms));
    const context = document.createElement('p');
    context.textContent = r.excerpt;
    item.append(kind, link, context);
    list.appendChild(item);
  }
  const shown = Math.min(results.length, MAX_RESULTS);
  status.textContent = results.length === 0 ? `Nothing found for “${query}”.` : `${results.length} result${results.length === 1 ? '' : 's'} for “${query}”${results.length > shown ? `, the best ${shown} shown` : ''}.`;
}

function currentQuery(): string {
  return new URLSearchParams(location.search).get('q') ?? '';
}

input.value = currentQuery();
show(input.value);
loadIndex().then(
  (loaded) => {
    index = loaded;
    document.body.dataset.searchReady = 'true';
    show(input.value);
  },
  (error: Error) => {
    status.textContent = error.message;
  },
);
input.addEventListener('input', () => {
  show(input.value);
  const url = new URL(location.href);
  if (input.value) url.searchParams.set('q', input.value);
  else url.searchParams.delete('q');
  history.replaceState(null, '', url);
});
