import * as assert from 'node:assert/strict';
import { buildBoard, buildBoardInSlices, UNSORTED, type GroupBy } from '../../src/core/board/board';
import { suggestClusters } from '../../src/core/board/suggest';
import { createTheme, deleteTheme, editSummary, mergeThemes, moveHighlights, renameTheme } from '../../src/core/board/themes';
import { gitBlobHash } from '../../src/core/hash';
import type { Problem } from '../../src/core/problems';
import { FullTextIndex, searchDocOf } from '../../src/core/search/fulltext';
import { EditPlan } from '../../src/core/store/plan';
import { tagSelection } from '../../src/core/store/highlights';
import { boardCards } from '../../src/core/board/cards';
import { createStudyService } from '../../src/core/workspace/study-service';
import { loadWorkspace } from '../../src/core/workspace/load';
import type { Workspace } from '../../src/core/workspace/workspace';
import { exampleFileSystem } from '../support/example-fs';
import { MemoryFileSystem } from '../support/memory-fs';

const P01 = `---
participant: P01
---
P01: I waited sixteen weeks for the rails. Nobody rang to say why. The letter was frightening.
`;
const P02 = `---
participant: P02
---
P02: I rang them every Monday. Still no date for the fitting. The letter scared me.
`;

function hl(id: string, text: string, quote: string, tags: string[], note?: string): string {
  const start = text.indexOf(quote);
  return `  - id: ${id}\n    quote: ${JSON.stringify(quote)}\n    prefix: ""\n    suffix: ""\n    start: ${start}\n    end: ${start + quote.length}\n    tags: [${tags.join(', ')}]\n${note ? `    note: ${JSON.stringify(note)}\n` : ''}`;
}

function study(): MemoryFileSystem {
  return new MemoryFileSystem({
    'research.yaml': 'name: Board test\nsources: ["transcripts/*.md"]\nattributes:\n  age-band:\n    type: enum\n    values: [50-64, 65+]\n',
    'codebook.yaml': 'tags:\n  - id: waiting\n    label: Waiting\n    color: "#d9534f"\n  - id: letters\n    label: Letters\n    color: "#4f7fd6"\n  - id: chasing\n    label: Chasing\n',
    'participants.yaml': 'participants:\n  - id: P01\n    attributes: {age-band: 65+}\n  - id: P02\n    attributes: {age-band: 50-64}\n',
    'transcripts/p01.md': P01,
    'transcripts/p02.md': P02,
    'highlights/transcripts/p01.md.yaml':
      `source: transcripts/p01.md\nsourceHash: ${gitBlobHash(P01)}\nhighlights:\n` +
      hl('h-aaaaaaa1', P01, 'I waited sixteen weeks for the rails.', ['waiting']) +
      hl('h-aaaaaaa2', P01, 'Nobody rang to say why.', ['waiting', 'chasing'], 'silence after asking') +
      hl('h-aaaaaaa3', P01, 'The letter was frightening.', ['letters']),
    'highlights/transcripts/p02.md.yaml':
      `source: transcripts/p02.md\nsourceHash: ${gitBlobHash(P02)}\nhighlights:\n` +
      hl('h-bbbbbbb1', P02, 'I rang them every Monday.', ['chasing']) +
      hl('h-bbbbbbb2', P02, 'Still no date for the fitting.', ['waiting']) +
      hl('h-bbbbbbb3', P02, 'The letter scared me.', ['letters']),
    'themes/waiting.yaml': '# Grouped in the first workshop.\ntitle: Waiting without word\nhighlights: [h-aaaaaaa1, h-bbbbbbb2]\n',
    'themes/chasing.yaml': 'title: Residents chase\nsummary: They ring and ring.\nhighlights: [h-bbbbbbb1]\n',
    'insights/ring-back.yaml': 'statement: Ring residents back.\nstatus: draft\nthemes: [chasing]\nevidence: [h-bbbbbbb1]\n',
  });
}

async function load(fs: MemoryFileSystem): Promise<Workspace> {
  return (await loadWorkspace(fs)).workspace;
}

/** Plans an operation against the loaded study, applies it, and returns the refusals. */
async function run(fs: MemoryFileSystem, op: (plan: EditPlan, ws: Workspace) => Promise<Problem[]>): Promise<Problem[]> {
  const ws = await load(fs);
  const plan = new EditPlan(fs, ws.versions);
  const refused = await op(plan, ws);
  const result = plan.result();
  if (refused.length || result.problems.length) return [...refused, ...result.problems];
  fs.apply(result.edits);
  return [];
}

describe('affinity board', () => {
  describe('the board model', () => {
    it('puts highlights in no theme in Unsorted and themes in file order with counts', async () => {
      const ws = await load(study());
      assert.deepEqual(
        ws.problems.filter((p) => p.severity === 'error'),
        [],
      );
      const board = buildBoard(ws);
      assert.deepEqual(
        board.columns.map((c) => [c.key, c.kind, c.title, c.cards, c.participants]),
        [
          [UNSORTED, 'unsorted', 'Unsorted', ['h-aaaaaaa2', 'h-aaaaaaa3', 'h-bbbbbbb3'], 2],
          ['chasing', 'theme', 'Residents chase', ['h-bbbbbbb1'], 1],
          ['waiting', 'theme', 'Waiting without word', ['h-aaaaaaa1', 'h-bbbbbbb2'], 2],
        ],
      );
      const card = board.cards.get('h-aaaaaaa2')!;
      assert.equal(card.participant, 'P01');
      assert.deepEqual(card.attributes, { 'age-band': '65+' });
      assert.deepEqual(card.tags, ['waiting', 'chasing']);
      assert.equal(card.note, 'silence after asking');
      assert.deepEqual(
        board.tags.map((t) => [t.id, t.color]),
        [
          ['waiting', '#d9534f'],
          ['letters', '#4f7fd6'],
          ['chasing', undefined],
        ],
      );
      assert.deepEqual(board.attributes, ['age-band']);
      assert.deepEqual(board.attributeValues, { 'age-band': ['50-64', '65+'] });
    });

    it('groups by tag, participant, attribute and transcript', async () => {
      const ws = await load(study());
      const by = (groupBy: GroupBy) => buildBoard(ws, { groupBy }).columns.map((c) => [c.title, c.cards.length]);
      assert.deepEqual(by({ kind: 'tag' }), [
        ['Waiting', 3],
        ['Letters', 2],
        ['Chasing', 2],
      ]);
      assert.deepEqual(by({ kind: 'participant' }), [
        ['P01', 3],
        ['P02', 3],
      ]);
      assert.deepEqual(by({ kind: 'attribute', attribute: 'age-band' }), [
        ['50-64', 3],
        ['65+', 3],
      ]);
      assert.deepEqual(by({ kind: 'transcript' }), [
        ['transcripts/p01.md', 3],
        ['transcripts/p02.md', 3],
      ]);
    });

    it('filters by full text, tags, participants and attributes, keeping totals', async () => {
      const ws = await load(study());
      const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
      const index = new FullTextIndex([...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => searchDocOf(h, f.source, (id) => labels.get(id)))));
      const shown = (filter: Parameters<typeof buildBoard>[1]) => buildBoard(ws, { ...filter, index }).columns.map((c) => `${c.key || 'pool'}:${c.cards.join(',')}/${c.total}`);
      assert.deepEqual(shown({ filter: { text: 'letter' } }), ['pool:h-aaaaaaa3,h-bbbbbbb3/3', 'chasing:/1', 'waiting:/2']);
      assert.deepEqual(shown({ filter: { text: 'silence' } }), ['pool:h-aaaaaaa2/3', 'chasing:/1', 'waiting:/2'], 'memos are searched too');
      assert.deepEqual(shown({ filter: { tags: ['chasing'], participants: ['P02'] } }), ['pool:/3', 'chasing:h-bbbbbbb1/1', 'waiting:/2']);
      assert.deepEqual(shown({ filter: { attributes: { 'age-band': ['65+'] } } }), ['pool:h-aaaaaaa2,h-aaaaaaa3/3', 'chasing:/1', 'waiting:h-aaaaaaa1/2']);
    });
  });

  describe('theme edits', () => {
    it('moves cards from the pool into a theme at a position, keeping comments and order', async () => {
      const fs = study();
      assert.deepEqual(await run(fs, (p, ws) => moveHighlights(p, ws, { ids: ['h-aaaaaaa3', 'h-aaaaaaa2'], from: null, to: 'waiting', index: 1 })), []);
      assert.equal(fs.text('themes/waiting.yaml'), '# Grouped in the first workshop.\ntitle: Waiting without word\nhighlights: [h-aaaaaaa1, h-aaaaaaa3, h-aaaaaaa2, h-bbbbbbb2]\n');
      const board = buildBoard(await load(fs));
      assert.deepEqual(board.columns[0]!.cards, ['h-bbbbbbb3']);
    });

    it('moves between themes, reorders within a theme and returns cards to the pool', async () => {
      const fs = study();
      assert.deepEqual(await run(fs, (p, ws) => moveHighlights(p, ws, { ids: ['h-bbbbbbb2'], from: 'waiting', to: 'chasing', index: 0 })), []);
      assert.match(fs.text('themes/waiting.yaml')!, /highlights: \[h-aaaaaaa1\]/);
      assert.match(fs.text('themes/chasing.yaml')!, /highlights: \[h-bbbbbbb2, h-bbbbbbb1\]/);
      assert.deepEqual(await run(fs, (p, ws) => moveHighlights(p, ws, { ids: ['h-bbbbbbb2'], from: 'chasing', to: 'chasing' })), []);
      assert.match(fs.text('themes/chasing.yaml')!, /highlights: \[h-bbbbbbb1, h-bbbbbbb2\]/);
      assert.deepEqual(await run(fs, (p, ws) => moveHighlights(p, ws, { ids: ['h-bbbbbbb2'], from: 'chasing', to: 'chasing', before: 'h-bbbbbbb1' })), []);
      assert.match(fs.text('themes/chasing.yaml')!, /highlights: \[h-bbbbbbb2, h-bbbbbbb1\]/);
      assert.deepEqual(await run(fs, (p, ws) => moveHighlights(p, ws, { ids: ['h-bbbbbbb2'], from: 'chasing', to: 'chasing' })), []);
      assert.deepEqual(await run(fs, (p, ws) => moveHighlights(p, ws, { ids: ['h-bbbbbbb1'], from: 'chasing', to: null })), []);
      assert.match(fs.text('themes/chasing.yaml')!, /highlights: \[h-bbbbbbb2\]/);
      assert.ok(buildBoard(await load(fs)).columns[0]!.cards.includes('h-bbbbbbb1'));
      assert.ok(fs.text('highlights/transcripts/p02.md.yaml')!.includes('h-bbbbbbb1'), 'the highlight itself stays');
    });

    it('refuses unknown cards and themes without touching a file', async () => {
      const fs = study();
      const before = fs.text('themes/waiting.yaml');
      const refused = await run(fs, (p, ws) => moveHighlights(p, ws, { ids: ['h-zzzzzzzz'], from: null, to: 'nope' }));
      assert.deepEqual(
        refused.map((p) => p.code),
        ['unknown-highlight', 'unknown-theme'],
      );
      assert.equal(fs.text('themes/waiting.yaml'), before);
    });

    it('creates a theme from cards, with a unique id from its title', async () => {
      const fs = study();
      let id: string | undefined;
      assert.deepEqual(await run(fs, async (p, ws) => (({ id } = await createTheme(p, ws, 'Waiting!', ['h-bbbbbbb3', 'h-aaaaaaa3'])), [])), []);
      assert.equal(id, 'waiting-2');
      assert.equal(fs.text('themes/waiting-2.yaml'), 'title: Waiting!\nhighlights: [h-bbbbbbb3, h-aaaaaaa3]\n');
      assert.deepEqual(
        (await run(fs, async (p, ws) => (await createTheme(p, ws, '  ', [])).problems)).map((p) => p.code),
        ['empty-title'],
      );
    });

    it('renames, edits and clears the summary', async () => {
      const fs = study();
      assert.deepEqual(await run(fs, (p, ws) => renameTheme(p, ws, 'waiting', 'Silence while waiting')), []);
      assert.deepEqual(await run(fs, (p, ws) => editSummary(p, ws, 'waiting', 'Nobody says anything.')), []);
      assert.equal(fs.text('themes/waiting.yaml'), '# Grouped in the first workshop.\ntitle: Silence while waiting\nsummary: Nobody says anything.\nhighlights: [h-aaaaaaa1, h-bbbbbbb2]\n');
      assert.deepEqual(await run(fs, (p, ws) => editSummary(p, ws, 'waiting', '')), []);
      assert.doesNotMatch(fs.text('themes/waiting.yaml')!, /summary/);
    });

    it('merges a theme into another and re-points insights', async () => {
      const fs = study();
      assert.deepEqual(await run(fs, (p, ws) => mergeThemes(p, ws, 'chasing', 'waiting')), []);
      assert.equal(fs.text('themes/chasing.yaml'), undefined);
      assert.match(fs.text('themes/waiting.yaml')!, /highlights: \[h-aaaaaaa1, h-bbbbbbb2, h-bbbbbbb1\]/);
      assert.match(fs.text('insights/ring-back.yaml')!, /themes: \[waiting\]/);
      const ws = await load(fs);
      assert.deepEqual(
        ws.problems.filter((p) => p.severity === 'error'),
        [],
      );
    });

    it('deletes a theme (cards back to the pool) but not one insights cite', async () => {
      const fs = study();
      assert.deepEqual(
        (await run(fs, (p, ws) => deleteTheme(p, ws, 'chasing'))).map((p) => p.code),
        ['theme-cited'],
      );
      assert.ok(fs.text('themes/chasing.yaml'));
      assert.deepEqual(await run(fs, (p, ws) => deleteTheme(p, ws, 'waiting')), []);
      assert.equal(fs.text('themes/waiting.yaml'), undefined);
      const pool = buildBoard(await load(fs)).columns[0]!.cards;
      assert.ok(pool.includes('h-aaaaaaa1') && pool.includes('h-bbbbbbb2'));
    });

    it('refuses to write a theme that changed on disk since it was loaded', async () => {
      const fs = study();
      const ws = await load(fs);
      fs.write('themes/waiting.yaml', 'title: Changed elsewhere\nhighlights: []\n');
      const plan = new EditPlan(fs, ws.versions);
      await moveHighlights(plan, ws, { ids: ['h-aaaaaaa3'], from: null, to: 'waiting' });
      assert.deepEqual(
        plan.result().problems.map((p) => p.code),
        ['stale'],
      );
      assert.deepEqual(plan.result().edits, []);
    });
  });

  describe('suggested clusters', () => {
    it('proposes groups of unsorted cards that share tags and words, deterministically', async () => {
      const ws = await load(study());
      const board = buildBoard(ws);
      const pool = [...board.cards.values()];
      const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
      const proposals = suggestClusters(pool, { tagLabel: (id) => labels.get(id) ?? id });
      // "I rang them every Monday" (chasing) joins the waiting cards through "Nobody rang" (waiting + chasing).
      assert.deepEqual(
        proposals.map((p) => [p.title, p.ids]),
        [
          ['Waiting + Chasing', ['h-aaaaaaa1', 'h-aaaaaaa2', 'h-bbbbbbb1', 'h-bbbbbbb2']],
          ['Letters', ['h-aaaaaaa3', 'h-bbbbbbb3']],
        ],
      );
      assert.deepEqual(suggestClusters(pool.slice()), suggestClusters(pool));
      assert.match(proposals[1]!.reason, /^2 cards tagged Letters; mention “letter” \(2 of 2\)$/);
    });

    const card = (id: string, quote: string, participant?: string) => ({ id, quote, source: 't.md', attributes: {}, tags: [], anchored: true, ...(participant ? { participant } : {}) });

    it('groups uncoded comments by their words, and its reasons name meaningful words: no stop words, fillers or participant ids', () => {
      const cards = [
        card('c1', 'Yeah, um, P07 mentioned the waiting list is exactly too long, you know.', 'P07'),
        card('c2', 'Honestly the waiting list for a stairlift, like, never moves. P07 agrees.', 'P12'),
        card('c3', 'Waiting list updates would really help, yeah.', 'P03'),
        card('c4', 'The phone line rings out, um, every single time.', 'P07'),
        card('c5', 'Nobody answers the phone line after 3pm, you know.', 'P12'),
        card('c6', 'Could the phone line offer a callback?', 'P03'),
        card('c7', 'The contractor left a mess.', 'P09'),
      ];
      const proposals = suggestClusters(cards);
      assert.deepEqual(
        proposals.map((p) => p.ids),
        [
          ['c1', 'c2', 'c3'],
          ['c4', 'c5', 'c6'],
        ],
      );
      assert.deepEqual(
        proposals.map((p) => p.title),
        ['Waiting, list', 'Phone, line'],
      );
      assert.equal(proposals[0]!.reason, '3 cards mention “waiting” (3 of 3), “list” (3 of 3)');
      for (const p of proposals) assert.doesNotMatch(`${p.title} ${p.reason}`, /\b(yeah|um|exactly|know|mentioned|really|honestly|like|p07|p12)\b/i);
    });

    it('words used by every card or by one card only do not make a group', () => {
      const proposals = suggestClusters([card('a', 'Service was slow.'), card('b', 'Service was rude.'), card('c', 'Service was fine.')]);
      assert.deepEqual(proposals, []);
    });
  });

  describe('the cards, an index the study service keeps', () => {
    /** Tags `words` of a transcript through the service, as the editor does: plan, write, the service told the bytes written. */
    async function tag(fs: MemoryFileSystem, service: ReturnType<typeof createStudyService>, source: string, text: string, words: string): Promise<string> {
      const ws = service.study!;
      const plan = new EditPlan(fs, ws.versions);
      const start = text.indexOf(words);
      const id = await tagSelection(plan, ws, text, { source, start, end: start + words.length, tags: ['letters'] }, Math.random, { isTaken: (h) => service.fileOf(h) !== undefined });
      const { edits, problems } = plan.result();
      assert.deepEqual(problems, []);
      fs.apply(edits);
      await service.written(edits.map((e) => ({ path: e.path, bytes: new TextEncoder().encode(fs.text(e.path)!) })));
      return id!;
    }

    it('after a tag, makes only the tagged file’s cards again: the board is what a build from scratch gives', async () => {
      const fs = study();
      const service = createStudyService({ fs });
      await service.reload();
      const before = buildBoard(service.study!);
      assert.equal(before.cards, service.derived(boardCards), 'the board’s cards are the service’s index');
      const id = await tag(fs, service, 'transcripts/p01.md', P01, 'sixteen weeks');
      const after = buildBoard(service.study!);
      assert.equal(after.cards, service.derived(boardCards));
      assert.equal(after.cards.get('h-bbbbbbb1'), before.cards.get('h-bbbbbbb1'), 'the untouched file’s card is the same object: not made again');
      assert.notEqual(after.cards.get('h-aaaaaaa1'), before.cards.get('h-aaaaaaa1'), 'the tagged file’s cards are made again');
      assert.deepEqual(after.cards.get(id)?.tags, ['letters']);
      assert.deepEqual([...after.cards], [...boardCards.build(service.study!)], 'the same cards in the same order as a build from scratch');
      assert.deepEqual(
        after.columns.map((c) => `${c.key || 'pool'}:${c.cards.join(',')}`),
        buildBoard((await createStudyService({ fs }).reload()) as Workspace).columns.map((c) => `${c.key || 'pool'}:${c.cards.join(',')}`),
      );
      assert.ok(after.columns[0]!.cards.includes(id), 'the new card is Unsorted');
    });

    it('a first highlight of a transcript makes a new file of cards, in transcript order', async () => {
      const fs = study();
      const P00 = `---\nparticipant: P02\n---\nP02: The first visit was quick. Then nothing for months.\n`;
      fs.write('transcripts/p00.md', P00);
      const service = createStudyService({ fs });
      await service.reload();
      const before = service.derived(boardCards)!;
      const id = await tag(fs, service, 'transcripts/p00.md', P00, 'Then nothing for months.');
      const after = service.derived(boardCards)!;
      assert.equal(after.get('h-aaaaaaa1'), before.get('h-aaaaaaa1'));
      assert.deepEqual([...after.keys()], [id, ...before.keys()], 'p00’s card comes first, as in a build from scratch');
      assert.deepEqual([...after], [...boardCards.build(service.study!)]);
    });

    it('builds the cards in slices on first use, and keeps them for the next board', async () => {
      const fs = study();
      const service = createStudyService({ fs });
      await service.reload();
      let pauses = 0;
      const board = await buildBoardInSlices(service.study!, {}, async () => void pauses++);
      assert.ok(pauses >= 2, `${pauses} pauses`);
      assert.equal(board.cards, service.derived(boardCards), 'kept by the service');
      assert.equal((await buildBoardInSlices(service.study!, { groupBy: { kind: 'tag' } }, async () => undefined)).cards, board.cards);
    });
  });

  it('builds the same board in slices, pausing between them, for every grouping and filter', async function () {
    this.timeout(20000);
    const fs = exampleFileSystem();
    const ws = await loadWorkspace(fs).then((r) => r.workspace);
    const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
    const index = new FullTextIndex([...ws.highlightFiles.values()].flatMap((f) => f.highlights.map((h) => searchDocOf(h, f.source, (id) => labels.get(id)))));
    const attribute = Object.keys(ws.project!.attributes)[0]!;
    const groupings: GroupBy[] = [{ kind: 'theme' }, { kind: 'tag' }, { kind: 'participant' }, { kind: 'transcript' }, { kind: 'attribute', attribute }];
    const filters = [{}, { tags: [ws.codebook[1]!.id] }, { text: 'wait' }];
    for (const groupBy of groupings)
      for (const filter of filters) {
        // A fresh load each time, so the cards are made in slices too (they are kept per load).
        const fresh = (await loadWorkspace(fs)).workspace;
        let pauses = 0;
        const sliced = await buildBoardInSlices(fresh, { groupBy, filter, index }, async () => void pauses++);
        const whole = buildBoard(ws, { groupBy, filter, index });
        assert.deepEqual(sliced.columns, whole.columns, `${groupBy.kind} ${JSON.stringify(filter)}`);
        assert.deepEqual([...sliced.cards], [...whole.cards]);
        assert.ok(pauses >= fresh.highlightFiles.size, `${pauses} pauses`);
      }
  });
});
