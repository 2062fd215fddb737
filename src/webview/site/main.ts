/**
 * The insight site's search page (search.html): loads the index only here, from script
 * files (assets/search/<study>.js, so the site works opened from disk, where a fetch of a
 * local file is refused), and searches it as the reader types. The index comes in parts,
 * one per study, indexed as each arrives: the first study is searchable at once, the rest
 * join the results as they load, and once all are in the results are exactly those of one
 * index of everything (src/protocol/site-search.ts). The query lives in the address
 * (`search.html?q=…`), so a search can be bookmarked or sent, and the header's search form
 * on every other page works without any script.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { partDocuments, SITE_INDEX_PARTS_GLOBAL, SITE_SEARCH_FIELDS, SITE_SEARCH_OPTIONS, SITE_STORED_FIELDS, type SiteSearchDocument, type SiteSearchPart } from '../../protocol/site-search';

const MAX_RESULTS = 50;
/** The address follows the query once typing pauses: Chromium throttles a page that rewrites its history on every key. */
const ADDRESS_DELAY_MS = 300;

type Stored = SearchResult & { kind: string; title: string; study: string; url: string; excerpt: string };

const input = document.getElementById('search-query') as HTMLInputElement;
const status = document.getElementById('search-status')!;
const list = document.getElementById('search-results')!;
const script = document.querySelector<HTMLScriptElement>('script[src$="assets/search.js"]')!;
const root = script.src.replace(/assets\/search\.js$/, '');
const partFiles = (list.dataset.index ?? '').split(' ').filter(Boolean);

const index = new MiniSearch<SiteSearchDocument>({ fields: SITE_SEARCH_FIELDS, storeFields: SITE_STORED_FIELDS, searchOptions: SITE_SEARCH_OPTIONS });
let partsIndexed = 0;
let failed: string | undefined;

/**
 * Loads every part, downloading them together but running them in their order (`async =
 * false`), and indexes each as its script has run, so the documents enter the index in the
 * order `sift site` numbered them.
 */
function loadParts(onPart: () => void): Promise<void> {
  const queue = window as unknown as Record<string, SiteSearchPart[] | undefined>;
  return Promise.all(
    partFiles.map(
      (file) =>
        new Promise<void>((resolve, reject) => {
          const tag = document.createElement('script');
          tag.src = root + file;
          tag.async = false;
          tag.onload = () => {
            for (const part of (queue[SITE_INDEX_PARTS_GLOBAL] ??= []).splice(0)) index.addAll(partDocuments(part));
            partsIndexed++;
            document.body.dataset.searchIndexed = `${partsIndexed}/${partFiles.length}`;
            onPart();
            resolve();
          };
          tag.onerror = () => reject(new Error(`Part of the search index (${file}) could not be loaded, so search is incomplete.`));
          document.head.appendChild(tag);
        }),
    ),
  ).then(() => undefined);
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
  if (partsIndexed === 0 || query.trim() === '') {
    status.textContent = failed ?? (partsIndexed > 0 ? 'Type a word or two: findings, themes, personas, journeys and quotes are searched.' : 'Loading the search index…');
    return;
  }
  const results = index.search(query) as Stored[];
  const library = document.body.classList.contains('library');
  for (const r of results.slice(0, MAX_RESULTS)) {
    const item = document.createElement('li');
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = r.study && library ? `${r.kind} · ${r.study}` : r.kind;
    const link = document.createElement('a');
    link.href = root + r.url;
    link.appendChild(marked(r.kind === 'Quote' ? `“${r.title}”` : r.title, r.terms));
    const context = document.createElement('p');
    context.textContent = r.excerpt;
    item.append(kind, link, context);
    list.appendChild(item);
  }
  const shown = Math.min(results.length, MAX_RESULTS);
  const found = results.length === 0 ? `Nothing found for “${query}”` : `${results.length} result${results.length === 1 ? '' : 's'} for “${query}”${results.length > shown ? `, the best ${shown} shown` : ''}`;
  const loading = partsIndexed < partFiles.length ? ` so far; still loading the search index (${partsIndexed} of ${partFiles.length} parts).` : '.';
  status.textContent = failed ? `${found}. ${failed}` : found + loading;
}

/** Shows the results again once the parts indexed since the last showing are in (one showing for several parts arriving together). */
let reshow: ReturnType<typeof setTimeout> | undefined;
function showAgain(): void {
  reshow ??= setTimeout(() => {
    reshow = undefined;
    show(input.value);
  }, 0);
}

function currentQuery(): string {
  return new URLSearchParams(location.search).get('q') ?? '';
}

input.value = currentQuery();
show(input.value);
loadParts(showAgain).then(
  () => {
    document.body.dataset.searchReady = 'true';
    show(input.value);
  },
  (error: Error) => {
    failed = error.message;
    show(input.value);
  },
);
let addressUpdate: ReturnType<typeof setTimeout> | undefined;
input.addEventListener('input', () => {
  show(input.value);
  clearTimeout(addressUpdate);
  addressUpdate = setTimeout(() => {
    const url = new URL(location.href);
    if (input.value) url.searchParams.set('q', input.value);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  }, ADDRESS_DELAY_MS);
});
