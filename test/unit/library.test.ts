import * as assert from 'node:assert/strict';
import { codebookDrift, libraryStrength, libraryYaml, parseLibrary, readLibraryInsight, relatedPassages, searchStudies, seedOf, type Library, type SearchableStudy } from '../../src/core/library';
import { evidenceIndexes } from '../../src/core/library/stats';
import { FullTextIndex, parseQuery, searchDocOf } from '../../src/core/search/fulltext';
import { loadWorkspace } from '../../src/core/workspace/load';
import type { Workspace } from '../../src/core/workspace/workspace';
import { MemoryFileSystem } from '../support/memory-fs';

const ADAPTATIONS = `---
participant: P01
---
Interviewer: How long did you wait?

P01: I waited sixteen weeks for the grab rails. Nobody rang to say why.
`;
const REPAIRS = `---
participant: T01
---
Interviewer: And the roof?

T01: I waited three months for the roofer and nobody rang me back.

T01: The boiler was fixed quickly.
`;

async function study(codebook: string, transcript: string, quotes: [string, string, string[]][], participant: string): Promise<Workspace> {
  const lines = ['source: transcripts/a.md', 'highlights:'];
  for (const [id, quote, tags] of quotes) {
    const start = transcript.indexOf(quote);
    lines.push(`  - id: ${id}`, `    quote: ${JSON.stringify(quote)}`, `    start: ${start}`, `    end: ${start + quote.length}`, `    tags: [${tags.join(', ')}]`);
  }
  const fs = new MemoryFileSystem({
    'research.yaml': 'name: S\nsources: [transcripts/**/*.md]\nattributes:\n  age-band: {type: enum, values: [18-34, 65+]}\n',
    'codebook.yaml': codebook,
    'participants.yaml': `participants:\n  - id: ${participant}\n    attributes: {age-band: 65+}\n    consent: {by: participant, scope: verbatim}\n`,
    'transcripts/a.md': transcript,
    'highlights/transcripts/a.md.yaml': lines.join('\n') + '\n',
    ...(quotes.length > 0 ? { 'themes/waits.yaml': `title: Waits\nhighlights: [${quotes[0]![0]}]\n` } : {}),
  });
  return (await loadWorkspace(fs)).workspace;
}

const LIBRARY = `name: Council
studies:
  - id: adaptations
    path: adaptations
  - id: repairs
    path: ../repairs
    tags: {repair-wait: waiting-time}
codebook:
  - id: waiting-time
    label: Waiting time
  - id: status-updates
    label: Status updates
`;

async function fixture(): Promise<{ library: Library; studies: SearchableStudy[] }> {
  const { library } = parseLibrary(LIBRARY);
  assert.ok(library);
  const a = await study(
    'tags:\n  - id: waiting-time\n    label: Waiting time\n  - id: calls\n    label: Calls\n',
    ADAPTATIONS,
    [
      ['h-aaaaaaa1', 'I waited sixteen weeks for the grab rails.', ['waiting-time']],
      ['h-aaaaaaa2', 'Nobody rang to say why.', ['calls']],
    ],
    'P01',
  );
  const r = await study(
    'tags:\n  - id: repair-wait\n    label: Waiting for a repair\n  - id: boilers\n    label: Boilers\n',
    REPAIRS,
    [
      ['h-bbbbbbb1', 'I waited three months for the roofer and nobody rang me back.', ['repair-wait']],
      ['h-bbbbbbb2', 'The boiler was fixed quickly.', ['boilers']],
    ],
    'T01',
  );
  const searchable = (ws: Workspace) => new FullTextIndex([...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => searchDocOf(h, f.source))));
  return {
    library,
    studies: [
      { study: library.studies[0]!, workspace: a, index: searchable(a) },
      { study: library.studies[1]!, workspace: r, index: searchable(r) },
    ],
  };
}

describe('library: library.yaml', () => {
  it('reads studies, mappings and the shared codebook', () => {
    const { library, problems } = parseLibrary(LIBRARY);
    assert.deepEqual(problems, []);
    assert.deepEqual(library!.studies, [
      { id: 'adaptations', path: 'adaptations', tags: {} },
      { id: 'repairs', path: '../repairs', tags: { 'repair-wait': 'waiting-time' } },
    ]);
    assert.deepEqual(
      library!.codebook.map((t) => t.id),
      ['waiting-time', 'status-updates'],
    );
  });

  it('reports each mistake at its line and column, and reads nothing from a wrong file', () => {
    const text = 'studies:\n  - id: a\n    path: one\n  - id: a\n    path: ./one/\n    tags: {x: nowhere}\n  - id: Bad Id\n    path: /abs\n';
    const { library, problems } = parseLibrary(text);
    assert.equal(library, undefined);
    assert.deepEqual(
      problems.map((p) => `${p.line}:${p.column} ${p.code}`),
      ['7:9 schema-pattern'],
    );
    const second = parseLibrary('studies:\n  - id: a\n    path: one\n  - id: a\n    path: ./one/\n    tags: {x: nowhere}\n  - id: b\n    path: /abs\n');
    assert.deepEqual(
      second.problems.map((p) => `${p.line}:${p.column} ${p.code}`),
      ['4:9 duplicate-study', '5:11 duplicate-study-path', '8:11 absolute-study-path', '6:15 unknown-global-tag'],
    );
    assert.match(second.problems[3]!.message, /a maps its tag x onto nowhere, which is not a global tag: library.yaml has no codebook/);
  });

  it('init lists studies in path order with unique ids, the same every time', () => {
    const text = libraryYaml('Research', ['b/Home Adaptations', 'a/home-adaptations', 'c']);
    assert.equal(text, libraryYaml('Research', ['c', 'a/home-adaptations', 'b/Home Adaptations']));
    const { library, problems } = parseLibrary(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      library!.studies.map((s) => `${s.id}=${s.path}`),
      ['home-adaptations=a/home-adaptations', 'home-adaptations-2=b/Home Adaptations', 'c=c'],
    );
  });
});

describe('library: codebook drift', () => {
  it('finds a redefined global tag, an orphaned mapping and an orphaned global tag, each at its place', async () => {
    const { library, studies } = await fixture();
    const text = LIBRARY.replace('tags: {repair-wait: waiting-time}', 'tags: {repair-wait: waiting-time, gone: status-updates}');
    const parsed = parseLibrary(text);
    const redefining = await study('tags:\n  - id: waiting-time\n    label: Waits\n', ADAPTATIONS, [], 'P01');
    const problems = codebookDrift(
      parsed.library!,
      [
        { study: parsed.library!.studies[0]!, workspace: redefining },
        { study: parsed.library!.studies[1]!, workspace: studies[1]!.workspace },
      ],
      parsed.locate,
    );
    assert.deepEqual(
      problems.map((p) => `${p.path}:${p.line}:${p.column} ${p.code}`),
      ['library.yaml:10:12 redefined-global-tag', 'library.yaml:7:39 orphaned-mapping', 'library.yaml:11:9 orphaned-global-tag'],
    );
    assert.equal(problems[0]!.message, 'adaptations redefines the global tag waiting-time: its codebook says label "Waits", the library "Waiting time". Align them, or give the study\'s tag its own id and map it here.');
    assert.deepEqual(
      codebookDrift(library, studies, parseLibrary(LIBRARY).locate).map((p) => p.code),
      ['orphaned-global-tag'],
      'only status-updates is unused in the fixture',
    );
  });
});

describe('library: search across studies', () => {
  it("finds a global tag through each study's mapping and names the study of every hit", async () => {
    const { library, studies } = await fixture();
    const r = searchStudies(library, studies, 'tag:waiting-time');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.hits.map((h) => `${h.study}:${h.id}:${h.participant}`),
      ['adaptations:h-aaaaaaa1:P01', 'repairs:h-bbbbbbb1:T01'],
    );
    assert.deepEqual(r.perStudy, [
      { study: 'adaptations', total: 1 },
      { study: 'repairs', total: 1 },
    ]);
  });

  it('merges the best hits of every study up to the limit, each marked where it matched, with its transcript, tags and participant', async () => {
    const { library, studies } = await fixture();
    const all = searchStudies(library, studies, 'nobody rang', { limit: 10 });
    assert.deepEqual(all.hits, [
      {
        study: 'adaptations',
        id: 'h-aaaaaaa2',
        score: all.hits[0]!.score,
        ranges: [
          [0, 6],
          [7, 11],
        ],
        source: 'transcripts/a.md',
        quote: 'Nobody rang to say why.',
        tags: ['calls'],
        participant: 'P01',
      },
      {
        study: 'repairs',
        id: 'h-bbbbbbb1',
        score: all.hits[1]!.score,
        ranges: [
          [41, 47],
          [48, 52],
        ],
        source: 'transcripts/a.md',
        quote: 'I waited three months for the roofer and nobody rang me back.',
        tags: ['repair-wait'],
        participant: 'T01',
      },
    ]);
    assert.ok(all.hits[0]!.score >= all.hits[1]!.score, 'best first; equal scores in library order');
    assert.equal(all.total, 2);
    const best = searchStudies(library, studies, 'nobody rang', { limit: 1 });
    assert.deepEqual(best.hits, all.hits.slice(0, 1));
    assert.equal(best.total, 2, 'every match counted, only the best shown');
    assert.deepEqual(best.perStudy, all.perStudy);
  });

  it('keeps to a study, filters by attribute and excludes', async () => {
    const { library, studies } = await fixture();
    assert.deepEqual(
      searchStudies(library, studies, 'waited -study:adaptations').hits.map((h) => h.id),
      ['h-bbbbbbb1'],
    );
    assert.deepEqual(
      searchStudies(library, studies, 'rang participant:t01').hits.map((h) => h.id),
      ['h-bbbbbbb1'],
    );
    assert.deepEqual(
      searchStudies(library, studies, 'age-band:65+ -tag:boilers -tag:calls')
        .hits.map((h) => h.id)
        .sort(),
      ['h-aaaaaaa1', 'h-bbbbbbb1'],
    );
    assert.equal(searchStudies(library, studies, 'age-band:18-34').total, 0);
  });

  it('refuses what it cannot answer, in sentences', async () => {
    const { library, studies } = await fixture();
    assert.deepEqual(searchStudies(library, studies, 'tag:waiting-tim').problems, ['There is no tag "waiting-tim" in the codebook (did you mean "waiting-time"?).']);
    assert.deepEqual(searchStudies(library, studies, 'colour:red').problems, ['"colour:" is not a filter here: use age-band:, kind:, participant:, phase:, study:, week:.']);
    assert.deepEqual(searchStudies(library, studies, '"grab rails').problems, ['The quote "grab rails is not closed.']);
    assert.deepEqual(searchStudies(library, studies, '   ').problems, ['The query is empty: give words, a "phrase", tag:id or a filter such as participant:P07.']);
  });

  it('parses name:value filters with quoted values, and keeps times as words', () => {
    const q = parseQuery('channel:"face to face" -age-band:65+ 10:30 ');
    assert.deepEqual(q.fields, [
      { name: 'channel', value: 'face to face', negated: false },
      { name: 'age-band', value: '65+', negated: true },
    ]);
    assert.deepEqual(q.include, [{ tokens: ['10', '30'], prefix: false }]);
    assert.deepEqual(q.errors, []);
  });
});

describe('library: insights across studies', () => {
  it('counts evidence across studies and participants, and places a citation without a study', async () => {
    const { studies } = await fixture();
    const text = 'statement: Waits without word.\nevidence: [adaptations:h-aaaaaaa1, repairs:h-bbbbbbb1, repairs:h-bbbbbbb2, h-aaaaaaa2, repairs:h-zzzzzzz9]\n';
    const read = readLibraryInsight('insights/waits.yaml', text, new Set(['adaptations', 'repairs']));
    assert.deepEqual(
      read.problems.map((p) => `${p.line}:${p.column} ${p.code}`),
      ['2:76 evidence-without-study'],
    );
    const strength = libraryStrength(evidenceIndexes(studies), read.insight!.evidence);
    assert.deepEqual(
      { highlights: strength.highlights, participants: strength.participants, studies: strength.studies, level: strength.level, missing: strength.missing },
      { highlights: 3, participants: 2, studies: 2, level: 'thin', missing: ['h-aaaaaaa2', 'repairs:h-zzzzzzz9'] },
    );
  });

  it('finds where else a theme was heard: the mapped global tag first, then shared words', async () => {
    const { library, studies } = await fixture();
    const seed = seedOf(studies[0]!.study, studies[0]!.workspace, 'waits')!;
    const related = relatedPassages(library, studies, seed);
    assert.deepEqual(
      related.map((p) => [p.study, p.id, p.tags, p.words]),
      [['repairs', 'h-bbbbbbb1', ['waiting-time'], ['waited']]],
    );
    assert.ok(related[0]!.score > 2);
  });
});
