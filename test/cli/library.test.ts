import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTemps, fingerprint, git, REPO, sift, tempDir } from './support';

/** The example library with its two sibling studies, copied as they sit in examples/. */
function copyOfLibrary(): string {
  const dir = tempDir();
  for (const name of ['council-library', 'home-adaptations', 'housing-repairs']) {
    cpSync(path.join(REPO, 'examples', name), path.join(dir, name), { recursive: true });
    rmSync(path.join(dir, name, '.sift'), { recursive: true, force: true });
  }
  return dir;
}

describe('sift library', function () {
  this.timeout(120_000);
  after(cleanupTemps);

  it('init lists the studies under a folder, deterministically, and never overwrites', () => {
    const dir = tempDir();
    for (const s of ['studies/zeta', 'studies/alpha', 'nested/deeper/beta']) assert.equal(sift(['init', path.join(dir, s)]).code, 0);
    mkdirSync(path.join(dir, 'not-a-study'));
    const r = sift(['library', 'init', dir, '--name', 'Our research']);
    assert.equal(r.code, 0, r.stderr);
    const written = readFileSync(path.join(dir, 'library.yaml'), 'utf8');
    assert.match(written, /\nname: Our research\nstudies:\n {2}- id: beta\n {4}path: nested\/deeper\/beta\n {2}- id: alpha\n {4}path: studies\/alpha\n {2}- id: zeta\n {4}path: studies\/zeta\n$/);
    const again = sift(['library', 'init', dir]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /library\.yaml already exists; Sift does not overwrite it/);
    assert.equal(readFileSync(path.join(dir, 'library.yaml'), 'utf8'), written);
    const check = sift(['check', dir]);
    assert.equal(check.code, 0, check.stdout);
    assert.match(check.stdout, /^alpha \(studies\/alpha\): No problems found\.$/m);
    const empty = tempDir();
    const none = sift(['library', 'init', empty]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /No studies found under/);
    assert.deepEqual(fingerprint(empty), {});
  });

  it('check reports library.yaml mistakes and codebook drift at file:line:column, studies prefixed by their folder', () => {
    const dir = copyOfLibrary();
    const lib = path.join(dir, 'council-library', 'library.yaml');
    writeFileSync(
      lib,
      readFileSync(lib, 'utf8')
        .replace('tags: {repair-wait: waiting-time, online-reporting: online}', 'tags: {repair-wait: waiting-time, online-reporting: online, old-tag: phone}')
        .replace('    label: Status updates', '    label: Updates'),
    );
    const r = sift(['check', path.join(dir, 'council-library')]);
    assert.equal(r.code, 0, 'drift is a warning');
    const lines = r.stdout.split('\n');
    assert.ok(
      lines.includes('library.yaml:12:65: warning: housing-repairs has no tag old-tag any more (renamed or deleted?), so none of its highlights count towards the global tag phone. Map the tag that replaced it. [orphaned-mapping]'),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => /^library\.yaml:20:12: warning: home-adaptations redefines the global tag status-updates: its codebook says label "Status updates", the library "Updates"\./.test(l)),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => l.startsWith('library.yaml:20:12: warning: housing-repairs redefines the global tag status-updates')),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => l.startsWith('../home-adaptations/transcripts/diaries/p04-diary.md:')),
      'a study problem names the file from the library',
    );
    assert.ok(lines.includes('library.yaml: 0 errors, 3 warnings.'), r.stdout);

    writeFileSync(lib, readFileSync(lib, 'utf8').replace('path: ../housing-repairs', 'path: ../housing-repairz'));
    const missing = sift(['check', path.join(dir, 'council-library'), '--format', 'json']);
    assert.equal(missing.code, 1);
    const json = JSON.parse(missing.stdout) as { ok: boolean; problems: { path: string; line: number; column: number; code: string; message: string }[] };
    const p = json.problems.find((x) => x.code === 'missing-study')!;
    assert.deepEqual([p.path, p.line, p.column, p.message], ['library.yaml', 10, 11, 'There is no folder ../housing-repairz for the study housing-repairs (a sibling checkout: clone it next to this library).']);
  });

  it('reads library.yaml from the cache of its last check while its text is the same; an edit, a damaged cache or --no-cache check it again', () => {
    const dir = copyOfLibrary();
    const lib = path.join(dir, 'council-library');
    const file = path.join(lib, 'library.yaml');
    // A warning placed after the check (codebook drift): the cached check must still place it.
    writeFileSync(file, readFileSync(file, 'utf8').replace('tags: {repair-wait: waiting-time, online-reporting: online}', 'tags: {repair-wait: waiting-time, online-reporting: online, old-tag: phone}'));
    const first = sift(['check', lib]);
    const cache = path.join(lib, '.sift', 'cache', 'library.json');
    const warm = sift(['check', lib]);
    assert.deepEqual([warm.code, warm.stdout], [first.code, first.stdout]);
    assert.match(warm.stdout, /^library\.yaml:12:65: warning: housing-repairs has no tag old-tag any more/m);
    assert.equal(readFileSync(path.join(lib, '.sift', 'cache', '.gitignore'), 'utf8'), '# Sift: a local cache, never committed\n*\n', 'the cache folder ignores itself');
    const name = () => (JSON.parse(sift(['stats', lib, '--format', 'json']).stdout) as { name: string }).name;
    assert.equal(name(), 'Council research library');
    // The cache is what a warm command reads: a name changed in it (its key kept) is the name read.
    const check = JSON.parse(readFileSync(cache, 'utf8')) as { library: { name: string } };
    check.library.name = 'Read from the cache';
    writeFileSync(cache, JSON.stringify(check));
    assert.equal(name(), 'Read from the cache');
    assert.equal((JSON.parse(sift(['search', 'wait', lib, '--no-cache', '--format', 'json']).stdout) as { total: number }).total > 0, true);
    assert.equal(name(), 'Read from the cache', '--no-cache leaves it as it is');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: Council research library', 'name: Council research'));
    assert.equal(name(), 'Council research', 'an edited library.yaml is checked again');
    writeFileSync(cache, readFileSync(cache, 'utf8').slice(0, 40));
    assert.equal(name(), 'Council research', 'a damaged cache is ignored');
    assert.equal((JSON.parse(readFileSync(cache, 'utf8')) as { library: { name: string } }).library.name, 'Council research', 'and rewritten');
    writeFileSync(file, 'name: [');
    const broken = sift(['check', lib]);
    assert.equal(broken.code, 1);
    assert.deepEqual(sift(['check', lib]).stdout, broken.stdout, 'a library.yaml with errors reads the same from the cache');
  });

  it('check reports a library insight citing a highlight its study does not have', () => {
    const dir = copyOfLibrary();
    const file = path.join(dir, 'council-library', 'insights', 'silence-during-any-wait-reads-as-being-forgotten.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('housing-repairs:h-r3g8h9j0', 'housing-repairs:h-r3g8h9j1'));
    const r = sift(['check', path.join(dir, 'council-library')]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^insights\/silence-during-any-wait-reads-as-being-forgotten\.yaml:4:\d+: error: The highlight housing-repairs:h-r3g8h9j1 does not exist in housing-repairs\. \[dangling-reference\]$/m);
  });

  it('stats and report count across studies and keep each study apart', () => {
    const dir = path.join(copyOfLibrary(), 'council-library');
    const stats = sift(['stats', dir, '--format', 'json']);
    assert.equal(stats.code, 0, stats.stderr);
    const s = JSON.parse(stats.stdout) as {
      totals: Record<string, number>;
      globalTags: { id: string; studies: number; highlights: number }[];
      insights: { id: string; strength: { highlights: number; participants: number; studies: number } }[];
    };
    assert.deepEqual(s.totals, { studies: 2, transcripts: 16, participants: 15, highlights: 117, themes: 6, insights: 6 });
    assert.deepEqual(
      s.globalTags.find((g) => g.id === 'waiting-time'),
      { id: 'waiting-time', label: 'Waiting time', highlights: 21, participants: 9, studies: 2 },
    );
    assert.deepEqual(
      s.insights.map((i) => [i.id, i.strength.highlights, i.strength.participants, i.strength.studies]),
      [['silence-during-any-wait-reads-as-being-forgotten', 6, 5, 2]],
    );
    const report = sift(['report', dir]);
    assert.equal(report.code, 0, report.stderr);
    assert.match(report.stdout, /^# Council research library$/m);
    assert.match(report.stdout, /\*Heard in:\* 2 studies — home-adaptations \(2 participants\), housing-repairs \(3 participants\)\./);
    assert.match(report.stdout, /— T01, housing-repairs$/m);
    assert.match(report.stdout, /^## Council housing repairs, 2026$/m);
    assert.match(report.stdout, /^## Home adaptations and pension transition, 2026$/m);
  });

  it('diff on a library shows what changed in each study between two revisions', () => {
    const dir = tempDir();
    for (const name of ['home-adaptations', 'housing-repairs']) cpSync(path.join(REPO, 'examples', name), path.join(dir, name), { recursive: true });
    assert.equal(sift(['library', 'init', dir]).code, 0);
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'studies');
    const theme = path.join(dir, 'housing-repairs', 'themes', 'nobody-says-where-the-repair-is.yaml');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace('title: Nobody says where the repair is', 'title: Nobody says where a repair has got to'));
    const r = sift(['diff', '-C', dir, '--format', 'md']);
    assert.equal(r.code, 0, r.stderr);
    const [adaptations, repairs] = r.stdout.split(/^## housing-repairs$/m);
    assert.match(adaptations!, /^## home-adaptations\n[\s\S]*No changes to the analysis/);
    assert.match(repairs!, /1 theme renamed/);
    assert.match(repairs!, /Nobody says where a repair has got to/);
  });

  it('related finds where else a theme was heard, from the other study only', () => {
    const dir = path.join(copyOfLibrary(), 'council-library');
    const r = sift(['library', 'related', 'housing-repairs:nobody-says-where-the-repair-is', dir, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { passages: { study: string; tags: string[] }[] };
    assert.ok(out.passages.length === 10);
    assert.ok(out.passages.every((p) => p.study === 'home-adaptations'));
    // The best match shares a global tag with the theme's passages (status updates, or waiting time: repair-wait in this study).
    assert.ok(
      out.passages[0]!.tags.some((t) => ['status-updates', 'waiting-time'].includes(t)),
      out.passages[0]!.tags.join(', '),
    );
    const unknown = sift(['library', 'related', 'housing-repairs:no-such-theme', dir]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /housing-repairs has no theme or insight no-such-theme\./);
  });
});

describe('sift search', function () {
  this.timeout(120_000);
  after(cleanupTemps);

  it('searches every study of a library, naming the study of each hit; exits like grep', () => {
    const dir = path.join(copyOfLibrary(), 'council-library');
    const found = sift(['search', 'tag:waiting-time "three months"', dir]);
    assert.equal(found.code, 0, found.stderr);
    assert.equal(
      found.stdout,
      'housing-repairs  transcripts/t01.md  T01  h-r1g8h9j0  [repair-wait]\n  “I waited three months for someone to look at the roof, and in that time the ceiling came down in the corner.”\n1 highlight found in 1 of 2 studies.\n',
    );
    const json = JSON.parse(sift(['search', 'tag:waiting-time study:housing-repairs', dir, '--format', 'json']).stdout) as { total: number; studies: { study: string; total: number }[]; hits: { study: string; id: string }[] };
    assert.equal(json.total, 7);
    assert.deepEqual(json.studies, [
      { study: 'home-adaptations', total: 0 },
      { study: 'housing-repairs', total: 7 },
    ]);
    assert.ok(json.hits.every((h) => h.study === 'housing-repairs'));
    const both = JSON.parse(sift(['search', 'tag:status-updates', dir, '--format', 'json']).stdout) as { studies: { study: string; total: number }[] };
    assert.deepEqual(both.studies, [
      { study: 'home-adaptations', total: 16 },
      { study: 'housing-repairs', total: 6 },
    ]);
    const none = sift(['search', 'zeppelin', dir]);
    assert.deepEqual([none.code, none.stdout], [1, 'No highlights found.\n']);
    const bad = sift(['search', 'tag:waiting-tme', dir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^sift: There is no tag "waiting-tme" in the codebook \(did you mean "waiting-time"\?\)\.$/m);
    assert.equal(bad.stdout, '');
  });

  it('keeps each study’s index in its .sift/cache, rebuilt exactly when a highlights file or a tag label changed', () => {
    const dir = copyOfLibrary();
    const library = path.join(dir, 'council-library');
    const cache = (study: string) => path.join(dir, study, '.sift', 'cache', 'search-index.bin');
    const first = sift(['search', 'roof', library]);
    assert.equal(first.code, 0, first.stderr);
    const repairsIndex = readFileSync(cache('housing-repairs'));
    const adaptationsIndex = readFileSync(cache('home-adaptations'));
    assert.equal(sift(['search', 'roof', library]).stdout, first.stdout, 'the same answer from the cache');

    // One study's highlight edited: that study's index is rebuilt and finds the new words; the other's is kept.
    const highlights = path.join(dir, 'housing-repairs', 'highlights', 'transcripts', 't01.md.yaml');
    writeFileSync(highlights, readFileSync(highlights, 'utf8').replace('    tags: [phone]\n    speaker: T01', '    tags: [phone]\n    note: Zeppelin music on hold the whole time.\n    speaker: T01'));
    const edited = sift(['search', 'zeppelin', library]);
    assert.equal(edited.code, 0, edited.stderr);
    assert.match(edited.stdout, /^housing-repairs {2}transcripts\/t01\.md {2}T01 {2}h-r1d5e6f7 {2}\[phone\]\n {2}“I was on hold for forty minutes\.”\n1 highlight found in 1 of 2 studies\.\n$/);
    assert.notDeepEqual(readFileSync(cache('housing-repairs')), repairsIndex);
    assert.deepEqual(readFileSync(cache('home-adaptations')), adaptationsIndex, 'an unchanged study keeps its index');

    // A tag renamed in a codebook: its label is searched, so the index is rebuilt.
    const codebook = path.join(dir, 'housing-repairs', 'codebook.yaml');
    writeFileSync(codebook, readFileSync(codebook, 'utf8').replace(/label: Waiting for a repair\n/, 'label: Waiting for a plumber\n'));
    const relabelled = sift(['search', 'plumber', library, '--format', 'json']);
    assert.equal(relabelled.code, 0, relabelled.stderr);
    assert.equal((JSON.parse(relabelled.stdout) as { total: number }).total, 7);
  });

  it('ignores a damaged or foreign index cache, answers from the files and writes a sound one', () => {
    const study = path.join(copyOfLibrary(), 'housing-repairs');
    const expected = sift(['search', 'waited -boiler', study, '--format', 'json', '--no-cache']);
    assert.equal(expected.code, 0, expected.stderr);
    const file = path.join(study, '.sift', 'cache', 'search-index.bin');
    assert.equal(sift(['search', 'waited -boiler', study, '--format', 'json']).stdout, expected.stdout);
    const sound = readFileSync(file);
    const damaged = [sound.subarray(0, sound.length - 3), Buffer.from('garbage'), Buffer.concat([sound.subarray(0, 400), Buffer.from('X'), sound.subarray(401)]), Buffer.alloc(0)];
    for (const bytes of damaged) {
      writeFileSync(file, bytes);
      const r = sift(['search', 'waited -boiler', study, '--format', 'json']);
      assert.deepEqual([r.code, r.stdout, r.stderr], [0, expected.stdout, '']);
      assert.deepEqual(readFileSync(file), sound, 'the damaged cache is replaced by a sound one');
    }
  });

  it('works in one study, with phrases, exclusions and attribute filters', () => {
    const study = path.join(copyOfLibrary(), 'housing-repairs');
    const r = sift(['search', 'waited -boiler channel:phone', study]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'transcripts/t01.md  T01  h-r1g8h9j0  [repair-wait]\n  “I waited three months for someone to look at the roof, and in that time the ceiling came down in the corner.”\n1 highlight found.\n');
    const phrase = JSON.parse(sift(['search', '"the part" -tag:status-updates', study, '--format', 'json']).stdout) as { hits: { id: string }[] };
    assert.deepEqual(
      phrase.hits.map((h) => h.id),
      ['h-r3a2b3c4'],
    );
    const malformed = sift(['search', 'tag:', study]);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /^sift: tag: needs a value, e.g\. tag:waiting-time\.$/m);
  });

  it('keeps a study working unchanged outside its library: same answers, no file of the study written', () => {
    const dir = copyOfLibrary();
    const study = path.join(dir, 'housing-repairs');
    const before = fingerprint(study);
    const alone = sift(['search', 'tag:repair-wait', study, '--format', 'json']);
    const inLibrary = sift(['search', 'tag:waiting-time study:housing-repairs', path.join(dir, 'council-library'), '--format', 'json']);
    const ids = (r: { stdout: string }) => (JSON.parse(r.stdout) as { hits: { id: string }[] }).hits.map((h) => h.id);
    assert.deepEqual(ids(alone), ids(inLibrary));
    for (const args of [['check'], ['stats'], ['report']]) assert.equal(sift([...args, path.join(dir, 'council-library')]).code, 0);
    rmSync(path.join(dir, 'council-library'), { recursive: true });
    const check = sift(['check', study]);
    assert.deepEqual([check.code, check.stdout.trim()], [0, 'No problems found.']);
    assert.deepEqual(fingerprint(study), before);
  });

  it('publishes a library as one site: the studies listed on its front page, each with its own pages, consent per study', () => {
    const dir = copyOfLibrary();
    const people = path.join(dir, 'home-adaptations', 'participants.yaml');
    writeFileSync(people, readFileSync(people, 'utf8').replace('consent: {by: participant, date: 2026-02-24, scope: verbatim}', 'consent: {by: participant, date: 2026-02-24, scope: withdrawn}'));
    const out = path.join(tempDir(), 'site');
    const r = sift(['site', path.join(dir, 'council-library'), '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Wrote a site of \d+ pages to /);
    const front = readFileSync(path.join(out, 'index.html'), 'utf8');
    assert.match(front, /<h1[^>]*>Council research library<\/h1>/);
    for (const study of ['home-adaptations', 'housing-repairs']) {
      assert.match(front, new RegExp(`href="${study}/index\\.html"`), `the front page links ${study}`);
      assert.ok(readFileSync(path.join(out, study, 'index.html'), 'utf8').includes('All studies'), `${study} links back to the library`);
    }
    const everything = readdirSync(out, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.includes('.'))
      .map((f) => readFileSync(path.join(out, f), 'utf8'))
      .join('\n');
    assert.doesNotMatch(everything, /\bP01\b/, 'P01 withdrew from home-adaptations: not even their id');
    assert.doesNotMatch(everything, /number three hundred/, "P01's words are not quoted, not even as evidence of the library's insight");
    // The library's own insight: on the front page, on a page of its own with its evidence from both studies, and searchable.
    assert.match(front, /<a href="across-studies\.html#insight-silence-during-any-wait-reads-as-being-forgotten">Whichever service they wait for, residents read silence as being forgotten;/);
    const across = readFileSync(path.join(out, 'across-studies.html'), 'utf8');
    assert.match(across, /<h2 id="insight-silence-during-any-wait-reads-as-being-forgotten"[^>]*>Whichever service they wait for/);
    assert.match(across, /Heard in: <\/em>2 studies — home-adaptations \(1 participant\), housing-repairs \(3 participants\)\./);
    const quoted: [string, string][] = [
      ['Tell me where I am in the queue. That&#39;s all. Even if it&#39;s bad news.', 'P09, home-adaptations'],
      ['Just to know where I was. A text saying we haven&#39;t forgotten you, it&#39;s booked for such a date.', 'T01, housing-repairs'],
    ];
    for (const [words, who] of quoted) assert.ok(across.includes(words) && across.includes(who), `${who} is quoted`);
    assert.match(
      readFileSync(path.join(out, 'assets', 'search', 'across-studies.js'), 'utf8'),
      /^\(window\.SIFT_SEARCH_PARTS=[^(]*\.push\(\{"study":"Across studies","documents":\[\{"id":\d+,"kind":"Emerging insight","title":"Whichever service they wait for/,
    );
    assert.match(everything, /\bT0[1-3]\b/, "housing-repairs' tenants are quoted");
  });
});
