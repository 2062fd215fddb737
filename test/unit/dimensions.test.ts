import * as assert from 'node:assert/strict';
import { buildBoard, type BoardOptions } from '../../src/core/board/board';
import { searchStudies, type SearchableStudy } from '../../src/core/library';
import { FullTextIndex, searchDocOf } from '../../src/core/search/fulltext';
import { dimensionKey, dimensionValues, highlightDimensions } from '../../src/core/sources/dimensions';
import { loadWorkspace } from '../../src/core/workspace/load';
import type { Workspace } from '../../src/core/workspace/workspace';
import { MemoryFileSystem } from '../support/memory-fs';

const RESEARCH = `name: Dimensions
sources: [transcripts/**/*.md]
period: {start: 2026-03-02, end: 2026-03-29}
phases:
  waiting: {label: Waiting for contact, from: 2026-03-02, to: 2026-03-11}
  after-fitting: {label: After fitting, from: 2026-03-16, to: 2026-03-29}
kinds:
  inspection-visit:
    fields:
      site: {type: text}
`;
const DIARY = '---\nparticipant: P02\nkind: diary\n---\n\n## 2026-03-03\n\nThe ramp is not here yet.\n\n## 2026-03-12\n\nStill no ramp, still no call.\n\n## 2026-03-17\n\nThe ramp is in and I can get out.\n';
const INTERVIEW = '---\nparticipant: P04\nkind: interview\ndate: 2026-03-10\n---\n\nP04: The ramp took ages to come.\n';
const VISIT = '---\nkind: inspection-visit\nsite: Civic Centre\n---\n\nInspector: The ramp at the side door is steep.\n';

/** A highlight of the sentence starting with `words` in `text`, whole. */
function on(id: string, text: string, words: string): string {
  const start = text.indexOf(words);
  const end = text.indexOf('\n', start);
  return `  - {id: ${id}, quote: "${text.slice(start, end)}", start: ${start}, end: ${end}, tags: [ramp]}\n`;
}

async function study(): Promise<Workspace> {
  const fs = new MemoryFileSystem({
    'research.yaml': RESEARCH,
    'codebook.yaml': 'tags:\n  - {id: ramp, label: Ramp}\n',
    'participants.yaml': 'participants:\n  - {id: P02}\n  - {id: P04}\n',
    'transcripts/d.md': DIARY,
    'transcripts/i.md': INTERVIEW,
    'transcripts/v.md': VISIT,
    'highlights/transcripts/d.md.yaml': 'source: transcripts/d.md\nhighlights:\n' + on('h-aaaaaaa1', DIARY, 'The ramp is not') + on('h-aaaaaaa2', DIARY, 'Still no ramp') + on('h-aaaaaaa3', DIARY, 'The ramp is in'),
    'highlights/transcripts/i.md.yaml': 'source: transcripts/i.md\nhighlights:\n' + on('h-bbbbbbb1', INTERVIEW, 'The ramp took'),
    'highlights/transcripts/v.md.yaml': 'source: transcripts/v.md\nhighlights:\n' + on('h-ccccccc1', VISIT, 'The ramp at'),
  });
  const { workspace } = await loadWorkspace(fs);
  assert.deepEqual(
    workspace.problems.map((p) => p.message),
    [],
  );
  return workspace;
}

function searchable(ws: Workspace): SearchableStudy[] {
  const docs = [...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => searchDocOf(h, f.source)));
  return [{ study: { id: 'dimensions', path: '.' }, workspace: ws, index: new FullTextIndex(docs) } as SearchableStudy];
}

describe('week, phase and kind as dimensions', () => {
  it("places every highlight in its week, phase and source's kind", async () => {
    const ws = await study();
    assert.deepEqual(Object.fromEntries(highlightDimensions(ws)), {
      'h-aaaaaaa1': { week: '1', phase: 'waiting', kind: 'diary' },
      'h-aaaaaaa2': { week: '2', kind: 'diary' },
      'h-aaaaaaa3': { week: '3', phase: 'after-fitting', kind: 'diary' },
      'h-bbbbbbb1': { week: '2', phase: 'waiting', kind: 'interview' },
      'h-ccccccc1': { kind: 'inspection-visit' },
    });
    assert.deepEqual(
      dimensionValues(ws, 'week').map((v) => `${v.key} ${v.label}`),
      ['1 Week 1 · 2–8 Mar', '2 Week 2 · 9–15 Mar', '3 Week 3 · 16–22 Mar', '4 Week 4 · 23–29 Mar'],
    );
    assert.deepEqual(
      dimensionValues(ws, 'kind').map((v) => `${v.key} ${v.label}`),
      ['interview Interview', 'diary Diary', 'inspection-visit Inspection visit'],
    );
  });

  it('reads a week as a number or "week 3", a phase or kind by id or label, ignoring case', async () => {
    const ws = await study();
    assert.deepEqual(
      ['3', 'Week 3', 'week3', '5', '0', 'three'].map((v) => dimensionKey(ws, 'week', v)),
      ['3', '3', '3', undefined, undefined, undefined],
    );
    assert.deepEqual(
      ['after fitting', 'AFTER-FITTING', 'Waiting for contact', 'fitting'].map((v) => dimensionKey(ws, 'phase', v)),
      ['after-fitting', 'after-fitting', 'waiting', undefined],
    );
    assert.deepEqual(
      ['diary', 'Inspection visit', 'mystery-shop', 'inspection'].map((v) => dimensionKey(ws, 'kind', v)),
      ['diary', 'inspection-visit', 'mystery-shop', undefined],
    );
  });

  it('search filters week:, phase: and kind:, each negatable with -', async () => {
    const ws = await study();
    const found = (query: string) => {
      const r = searchStudies(undefined, searchable(ws), query, { limit: 100 });
      assert.deepEqual(r.problems, [], query);
      return r.hits.map((h) => h.id).sort();
    };
    assert.deepEqual(found('week:2'), ['h-aaaaaaa2', 'h-bbbbbbb1']);
    assert.deepEqual(found('ramp -week:2'), ['h-aaaaaaa1', 'h-aaaaaaa3', 'h-ccccccc1']);
    assert.deepEqual(found('phase:"after fitting"'), ['h-aaaaaaa3']);
    assert.deepEqual(found('phase:waiting kind:interview'), ['h-bbbbbbb1']);
    assert.deepEqual(found('kind:diary -phase:waiting'), ['h-aaaaaaa2', 'h-aaaaaaa3']);
    assert.deepEqual(found('kind:"inspection visit"'), ['h-ccccccc1']);
    assert.deepEqual(found('tag:ramp -kind:diary participant:P04'), ['h-bbbbbbb1']);
    assert.deepEqual(found('kind:mystery-shop'), []);
  });

  it('refuses a week, phase or kind the study does not have, saying which it has', async () => {
    const ws = await study();
    const problems = (query: string) => searchStudies(undefined, searchable(ws), query).problems;
    assert.deepEqual(problems('week:9'), ["week:9 names nothing here: the study's weeks are 1 to 4."]);
    assert.deepEqual(problems('phase:"after the fitting"'), ['phase:"after the fitting" names nothing here: the phases are waiting, after-fitting.']);
    assert.deepEqual(problems('-kind:inspection'), ['kind:inspection names nothing here: the kinds of source are interview, diary, inspection-visit.']);
    assert.deepEqual(problems('colour:red'), ['"colour:" is not a filter here: use kind:, participant:, phase:, week:.']);
  });
});

describe('the board by week, phase and kind', () => {
  const columns = (ws: Workspace, options: BoardOptions) => buildBoard(ws, options).columns.map((c) => `${c.title}: ${c.cards.join(' ')}`);

  it('groups cards by week (every week of the study, an empty one too), by phase and by kind, the rest under "Not dated" and the like', async () => {
    const ws = await study();
    assert.deepEqual(columns(ws, { groupBy: { kind: 'week' } }), ['Week 1 · 2–8 Mar: h-aaaaaaa1', 'Week 2 · 9–15 Mar: h-aaaaaaa2 h-bbbbbbb1', 'Week 3 · 16–22 Mar: h-aaaaaaa3', 'Week 4 · 23–29 Mar: ', 'Not dated: h-ccccccc1']);
    assert.deepEqual(columns(ws, { groupBy: { kind: 'phase' } }), ['Waiting for contact: h-aaaaaaa1 h-bbbbbbb1', 'After fitting: h-aaaaaaa3', 'In no phase: h-aaaaaaa2 h-ccccccc1']);
    assert.deepEqual(columns(ws, { groupBy: { kind: 'kind' } }), ['Interview: h-bbbbbbb1', 'Diary: h-aaaaaaa1 h-aaaaaaa2 h-aaaaaaa3', 'Inspection visit: h-ccccccc1']);
  });

  it('filters by week, phase or kind, and its search box reads week:, phase:, kind: as Find Highlights does', async () => {
    const ws = await study();
    const docs = [...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => searchDocOf(h, f.source)));
    const index = new FullTextIndex(docs);
    assert.deepEqual(columns(ws, { groupBy: { kind: 'week' }, filter: { dimensions: { kind: ['diary'] } } }), [
      'Week 1 · 2–8 Mar: h-aaaaaaa1',
      'Week 2 · 9–15 Mar: h-aaaaaaa2',
      'Week 3 · 16–22 Mar: h-aaaaaaa3',
      'Week 4 · 23–29 Mar: ',
      'Not dated: ',
    ]);
    assert.deepEqual(columns(ws, { groupBy: { kind: 'kind' }, filter: { dimensions: { phase: ['waiting'], week: ['2'] } } }), ['Interview: h-bbbbbbb1', 'Diary: ', 'Inspection visit: ']);
    assert.deepEqual(columns(ws, { filter: { text: 'ramp -kind:diary participant:P04' }, index }), ['Unsorted: h-bbbbbbb1']);
    assert.deepEqual(columns(ws, { filter: { text: 'week:3' }, index }), ['Unsorted: h-aaaaaaa3']);
  });
});
