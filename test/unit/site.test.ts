/**
 * The site's core (src/core/site): the pages of one study or of a library of studies (the
 * list a library's loader gives), deterministic, linked by relative paths that work from
 * disk, draft personas left out and draft insights marked, and a search index of exactly
 * what the pages show.
 */
import * as assert from 'node:assert/strict';
import MiniSearch from 'minisearch';
import { partDocuments, SITE_SEARCH_FIELDS, SITE_SEARCH_OPTIONS, SITE_STORED_FIELDS, type SiteSearchDocument, type SiteSearchPart } from '../../src/protocol/site-search';
import { buildSite, type SiteFile, type SiteStudy } from '../../src/core/site';
import { exampleFileSystem, loaded } from '../support/example-fs';

const SCRIPT = '/* search page script */\n';

async function exampleStudy(id: string, change: (fs: ReturnType<typeof exampleFileSystem>) => void = () => {}): Promise<SiteStudy> {
  const fs = exampleFileSystem();
  change(fs);
  const workspace = await loaded(fs);
  return { id, title: workspace.project!.name, root: `/studies/${id}`, workspace };
}

const file = (files: readonly SiteFile[], path: string) => files.find((f) => f.path === path)?.content ?? assert.fail(`no ${path} in ${files.map((f) => f.path).join(', ')}`);

/** The index's parts in the order the search page lists them (its `data-index`), as their scripts push them. */
function searchParts(files: readonly SiteFile[]): SiteSearchPart[] {
  const listed = /<ol id="search-results" class="results" data-index="([^"]*)">/.exec(file(files, 'search.html'))?.[1] ?? assert.fail('no parts listed on the search page');
  return listed.split(' ').map((p) => {
    const script = file(files, p);
    assert.ok(script.startsWith('(window.SIFT_SEARCH_PARTS=window.SIFT_SEARCH_PARTS||[]).push(') && script.endsWith(');\n'), p);
    return JSON.parse(script.slice(script.indexOf('.push(') + 6, -3)) as SiteSearchPart;
  });
}

const newIndex = () => new MiniSearch<SiteSearchDocument>({ fields: SITE_SEARCH_FIELDS, storeFields: SITE_STORED_FIELDS, searchOptions: SITE_SEARCH_OPTIONS });

/** The index as the page builds it: each part added as it arrives, in order. */
function pageIndex(files: readonly SiteFile[]): MiniSearch<SiteSearchDocument> {
  const index = newIndex();
  for (const part of searchParts(files)) index.addAll(partDocuments(part));
  return index;
}

/** The index the page loads, searched as the page searches it. */
function search(files: readonly SiteFile[], query: string): { kind: string; title: string; url: string; study: string }[] {
  return pageIndex(files)
    .search(query)
    .map((r) => ({ kind: r.kind, title: r.title, url: r.url, study: r.study }));
}

describe('the insight site (core)', () => {
  it('one study is the whole site: its pages at the root, the same bytes every time', async () => {
    const study = await exampleStudy('home-adaptations');
    const files = buildSite([study], { searchScript: SCRIPT });
    assert.deepEqual(
      files.map((f) => f.path),
      ['assets/search.js', 'assets/search/study.js', 'assets/site.css', 'index.html', 'insights.html', 'journeys.html', 'personas.html', 'sample.html', 'search.html', 'themes.html'],
    );
    assert.deepEqual(buildSite([await exampleStudy('home-adaptations')], { searchScript: SCRIPT }), files);
    assert.equal(file(files, 'assets/search.js'), SCRIPT);
    const home = file(files, 'index.html');
    assert.match(home, /<title>Home adaptations and pension transition, 2026<\/title>/);
    assert.match(home, /<a href="insights.html">Insights<\/a><p>2 findings, 1 emerging, 1 set aside<\/p>/);
    assert.match(home, /<nav class="pages" aria-label="Pages"><ul><li><a href="index.html" aria-current="page">Overview<\/a><\/li>/);
    // A draft insight is marked as one, under a heading that says the team has not agreed it.
    const insights = file(files, 'insights.html');
    assert.match(insights, /<h2 id="emerging">Emerging insights<\/h2>\n<p class="muted">Not yet agreed by the team/);
    assert.match(insights, /<h3 id="insight-means-test-information-comes-too-late">Residents who will pay most[^<]*<\/h3>\n<p><span class="badge neutral">Draft<\/span>/);
  });

  it('leaves a draft persona out, saying so, and out of the search too', async () => {
    const study = await exampleStudy('s', (fs) => {
      const p = 'personas/the-self-appointed-case-manager.yaml';
      fs.write(p, fs.text(p)!.replace('status: accepted', 'status: draft'));
    });
    const files = buildSite([study], { searchScript: SCRIPT });
    assert.match(file(files, 'personas.html'), /One draft persona is not included: generated from the coding, it has not been reviewed and accepted by the team\./);
    assert.deepEqual(
      files.filter((f) => f.content.includes('self-appointed case manager')).map((f) => f.path),
      [],
    );
    assert.deepEqual(
      search(files, 'Dana').filter((r) => r.kind === 'Persona'),
      [],
    );
    assert.deepEqual(
      search(files, 'Len')
        .filter((r) => r.kind === 'Persona')
        .map((r) => r.url),
      ['personas.html#persona-caught-out-at-pension-age'],
    );
  });

  it('a library: a front page of studies, each study in its folder, links back, one search across them', async () => {
    const a = await exampleStudy('Home adaptations');
    const b = await exampleStudy('housing-repairs', (fs) => fs.write('research.yaml', fs.text('research.yaml')!.replace(/^name: .*$/m, 'name: Housing repairs, 2026')));
    const files = buildSite([a, b], { title: 'Council insight library', searchScript: SCRIPT });
    const paths = files.map((f) => f.path);
    for (const folder of ['home-adaptations', 'housing-repairs']) for (const page of ['index.html', 'insights.html', 'themes.html']) assert.ok(paths.includes(`${folder}/${page}`), `${folder}/${page}`);
    const home = file(files, 'index.html');
    assert.match(home, /<h1>Council insight library<\/h1><p class="lead">2 studies\./);
    assert.match(home, /<a href="home-adaptations\/index.html">Home adaptations and pension transition, 2026<\/a>/);
    assert.match(home, /<a href="housing-repairs\/index.html">Housing repairs, 2026<\/a>/);
    const themes = file(files, 'housing-repairs/themes.html');
    assert.match(themes, /<link rel="stylesheet" href="..\/assets\/site.css">/);
    assert.match(themes, /<li class="up"><a href="..\/index.html">← All studies<\/a><\/li><li><a href="..\/housing-repairs\/index.html">Overview<\/a>/);
    assert.match(themes, /<form class="search" role="search" action="..\/search.html"/);
    assert.match(file(files, 'search.html'), /<body class="search-page library">/);
    const found = search(files, 'nobody owns').filter((r) => r.kind === 'Theme');
    assert.deepEqual(
      found.map((r) => [r.study, r.url]),
      [
        ['Home adaptations and pension transition, 2026', 'home-adaptations/themes.html#theme-nobody-owns-the-case'],
        ['Housing repairs, 2026', 'housing-repairs/themes.html#theme-nobody-owns-the-case'],
      ],
    );
  });

  it('searches what the pages show: each quote once, findings with their recommendations', async () => {
    const files = buildSite([await exampleStudy('s')], { searchScript: SCRIPT });
    const queue = search(files, 'queue');
    assert.deepEqual(queue[0], {
      kind: 'Quote',
      title: "Tell me where I am in the queue. That's all. Even if it's bad news.",
      url: 'insights.html#insight-silence-during-waits-feels-like-being-forgotten',
      study: 'Home adaptations and pension transition, 2026',
    });
    assert.equal(queue.filter((r) => r.title.startsWith('Tell me where I am')).length, 1, 'a quote shown twice is found once');
    assert.deepEqual(
      search(files, 'tracker prototype').map((r) => [r.kind, r.url]),
      [['Finding', 'insights.html#insight-silence-during-waits-feels-like-being-forgotten']],
    );
  });

  it('writes the index in parts, one per study, that together give exactly the results of one index of every document', async () => {
    const a = await exampleStudy('home-adaptations');
    const b = await exampleStudy('housing-repairs', (fs) => fs.write('research.yaml', fs.text('research.yaml')!.replace(/^name: .*$/m, 'name: Housing repairs, 2026')));
    const files = buildSite([a, b], { searchScript: SCRIPT });
    const parts = searchParts(files);
    assert.deepEqual(
      parts.map((p) => p.study),
      ['Home adaptations and pension transition, 2026', 'Housing repairs, 2026'],
    );
    assert.deepEqual(
      files.filter((f) => f.path.startsWith('assets/search/')).map((f) => f.path),
      ['assets/search/home-adaptations.js', 'assets/search/housing-repairs.js'],
    );
    // Ids run on from one part to the next, in the order the page indexes them.
    const all = parts.flatMap(partDocuments);
    assert.deepEqual(
      all.map((d) => d.id),
      all.map((_, n) => n),
    );
    // One index of every document (what the site shipped before its index was split) against the page's, part by part: scores included.
    const whole = newIndex();
    whole.addAll(all);
    const inParts = pageIndex(files);
    for (const query of ['queue', 'nobody owns', 'wait', 'stai', 'pension credit', 'P09', 'forgoten']) {
      const expected = whole.search(query);
      assert.ok(expected.length > 0, query);
      assert.deepEqual(inParts.search(query), expected, query);
    }
  });
});
