import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatWorkspace } from '../../src/core/store/format-files';
import { EditPlan } from '../../src/core/store/plan';
import { deleteHighlight, moveHighlightsFile, tagSelection, updateHighlight } from '../../src/core/store/highlights';
import { LayeredMap } from '../../src/core/workspace/layered-map';
import { loadWorkspace } from '../../src/core/workspace/load';
import { renamedSources } from '../../src/core/workspace/renames';
import { CodePointIndex } from '../../src/core/text';
import { exampleFileSystem } from '../support/example-fs';
import { MemoryFileSystem } from '../support/memory-fs';

const TRANSCRIPT = `---
participant: P01
kind: interview
date: 2026-03-04
---
Interviewer: How long did you wait for the rails?

P01: Oh, months. I waited sixteen weeks for the grab rails to be fitted. Nobody rang to say why.

Interviewer: And the 🙂 stair lift?

P01: That came quicker, to be fair.
`;

function studyFiles(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'research.yaml': 'name: Test study\nsources: [transcripts/**/*.md]\nattributes:\n  age-band: {type: enum, values: [18-34, 35-64, 65+]}\n',
    'codebook.yaml': '# Our codebook\ntags:\n  - id: waiting-time\n    label: Waiting time\n    color: "#d73a49"\n  - id: adaptations\n    label: Adaptations\n',
    'participants.yaml': 'participants:\n  - id: P01\n    attributes: {age-band: 65+}\n',
    'transcripts/p01.md': TRANSCRIPT,
    ...extra,
  };
}

const cp = (text: string, s: string) => new CodePointIndex(text).toCodePoint(text.indexOf(s));

async function tag(fs: MemoryFileSystem, quote: string, tags: string[], note?: string) {
  const { workspace } = await loadWorkspace(fs);
  const plan = new EditPlan(fs, workspace.versions);
  const start = cp(TRANSCRIPT, quote);
  const id = await tagSelection(plan, workspace, TRANSCRIPT, { source: 'transcripts/p01.md', start, end: start + [...quote].length, tags, ...(note ? { note } : {}), coder: 'r1' }, seeded(7));
  const result = plan.result();
  assert.deepEqual(result.problems, []);
  fs.apply(result.edits);
  return { id: id!, edits: result.edits };
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('workspace: load', () => {
  it('reports a cycle of tag parents at each tag in or under it, and no tag outside it', async () => {
    const codebook = 'tags:\n  - id: a\n    label: A\n    parent: b\n  - id: b\n    label: B\n    parent: a\n  - id: c\n    label: C\n    parent: a\n  - id: d\n    label: D\n';
    const { workspace: ws } = await loadWorkspace(new MemoryFileSystem(studyFiles({ 'codebook.yaml': codebook })));
    assert.deepEqual(
      ws.problems.filter((p) => p.code === 'tag-cycle').map((p) => p.line),
      [4, 7, 10],
    );
  });

  it('loads a clean study with no problems', async () => {
    const fs = new MemoryFileSystem(studyFiles());
    const { workspace: ws } = await loadWorkspace(fs);
    assert.deepEqual(ws.problems, []);
    assert.equal(ws.project?.name, 'Test study');
    assert.equal(ws.codebook.length, 2);
    assert.equal(ws.transcripts.get('transcripts/p01.md')?.meta.participant, 'P01');
  });

  it('reports a schema error in a highlights file at its line, even though such files are read by the fast reader', async () => {
    const fs = new MemoryFileSystem(studyFiles());
    await tag(fs, 'Oh, months.', ['waiting-time']);
    const path = 'highlights/transcripts/p01.md.yaml';
    fs.write(path, fs.text(path)!.replace(/start: \d+/, 'start: -4'));
    const { workspace: ws } = await loadWorkspace(fs);
    const p = ws.problems.find((x) => x.path === path);
    assert.equal(p?.code, 'schema-minimum');
    assert.equal(
      p?.line,
      fs
        .text(path)!
        .split('\n')
        .findIndex((l) => l.includes('start: -4')) + 1,
    );
    assert.equal(ws.highlightFiles.has(path), false);
  });

  it('says clearly when there is no research.yaml', async () => {
    const { workspace: ws } = await loadWorkspace(new MemoryFileSystem({ 'notes.md': 'x' }));
    assert.equal(ws.problems[0]?.code, 'no-workspace');
  });

  it('reuses the snapshot for unchanged files and re-reads changed ones', async () => {
    const fs = new MemoryFileSystem(studyFiles());
    await tag(fs, 'I waited sixteen weeks', ['waiting-time']);
    const first = await loadWorkspace(fs);
    assert.ok(first.stats.parsed >= 5);
    const second = await loadWorkspace(fs, { snapshot: JSON.parse(JSON.stringify(first.snapshot)) });
    assert.equal(second.stats.parsed, 0);
    assert.equal(second.stats.anchored, 0);
    assert.deepEqual([...second.workspace.anchoring.values()], [...first.workspace.anchoring.values()]);
    fs.write('codebook.yaml', fs.text('codebook.yaml')!.replace('Waiting time', 'Waiting'));
    const third = await loadWorkspace(fs, { snapshot: second.snapshot });
    assert.equal(third.stats.parsed, 1);
    assert.equal(third.workspace.codebook[0]?.label, 'Waiting');
  });

  it('a reload reuses what it made from unchanged files, and equals a load from scratch', async () => {
    const fs = exampleFileSystem();
    const first = await loadWorkspace(fs);
    const [changed, , unchanged] = [...first.workspace.highlightFiles.values()];
    fs.write(changed!.path, fs.text(changed!.path)!.replace(/quote: .*/, 'quote: an edited quote'));
    const transcript = [...first.workspace.highlightFiles.values()][1]!.source;
    fs.write(transcript, fs.text(transcript)!.replace(/\n\n/, '\n\nA new first paragraph.\n\n'));
    const second = await loadWorkspace(fs, { snapshot: first.snapshot });
    const scratch = await loadWorkspace(fs);
    assert.equal(second.workspace.highlightFiles.get(unchanged!.path), unchanged, 'the same highlights of an unchanged file');
    assert.notEqual(second.workspace.highlightFiles.get(changed!.path), changed);
    for (const key of ['highlightFiles', 'anchoring', 'transcripts', 'themes', 'versions'] as const) assert.deepEqual(second.workspace[key], scratch.workspace[key], key);
    assert.deepEqual(second.workspace.problems, scratch.workspace.problems);
    assert.ok(
      [...second.workspace.anchoring.values()].some((r) => r.state === 'moved'),
      'the edited transcript moved highlights',
    );
  });

  it('reads each highlight simply anchored where stored as its outcome, the same warm and cold, a map like any other', async () => {
    const fs = exampleFileSystem();
    const transcript = [...(await loadWorkspace(fs)).workspace.highlightFiles.values()][1]!.source;
    fs.write(transcript, fs.text(transcript)!.replace(/\n\n/, '\n\nA new first paragraph.\n\n'));
    const cold = await loadWorkspace(fs);
    const warm = await loadWorkspace(fs, { snapshot: cold.snapshot });
    assert.equal(warm.stats.anchored, 0);
    const outcomes = (r: typeof cold) => [...r.workspace.anchoring];
    assert.deepEqual(outcomes(warm), outcomes(cold));
    const all = outcomes(cold).map(([, r]) => r);
    const highlights = [...cold.workspace.highlightFiles.values()].flatMap((f) => f.highlights);
    assert.equal(cold.workspace.anchoring.size, highlights.length);
    const unchanged = highlights.filter((h) => all.some((r) => r.id === h.id && r.reason === 'unchanged at its position'));
    assert.ok(unchanged.length > 10 && all.some((r) => r.state === 'moved'), 'both kinds');
    for (const h of unchanged) assert.deepEqual(warm.workspace.anchoring.get(h.id), { id: h.id, state: 'anchored', start: h.start, end: h.end, quote: h.quote, confidence: 1, reason: 'unchanged at its position' });
    assert.deepEqual([...warm.workspace.anchoring.keys()], [...cold.workspace.anchoring.keys()]);
    assert.deepEqual([...warm.workspace.anchoring.values()], all);
    const visited: string[] = [];
    warm.workspace.anchoring.forEach((r, id) => visited.push(`${id}=${r.id}`));
    assert.deepEqual(
      visited,
      all.map((r) => `${r.id}=${r.id}`),
    );
    assert.equal(warm.workspace.anchoring.has(unchanged[0]!.id), true);
    assert.equal(warm.workspace.anchoring.has('h-nothere'), false);
    assert.equal(warm.workspace.anchoring.get('h-nothere'), undefined);
    // Taking a write in, as the study service does: the map of changes over it reads the same.
    const layered = LayeredMap.with(warm.workspace.anchoring, [unchanged[0]!.id], []);
    assert.equal(layered.size, highlights.length - 1);
    assert.deepEqual(
      [...layered.values()],
      all.filter((r) => r.id !== unchanged[0]!.id),
    );
  });

  it('returns the previous load as it is when no file was added, removed or changed', async () => {
    const fs = new MemoryFileSystem(studyFiles());
    const first = await loadWorkspace(fs);
    assert.equal(await loadWorkspace(fs, { snapshot: first.snapshot, previous: first }), first);
    fs.write('notes.md', 'a file Sift does not read');
    const added = await loadWorkspace(fs, { snapshot: first.snapshot, previous: first });
    assert.notEqual(added, first, 'a new file is a change');
    fs.write('codebook.yaml', fs.text('codebook.yaml')!.replace('Waiting time', 'Waiting'));
    const changed = await loadWorkspace(fs, { snapshot: added.snapshot, previous: added });
    assert.notEqual(changed, added);
    assert.equal(changed.workspace.codebook[0]!.label, 'Waiting');
    fs.remove('notes.md');
    assert.notEqual(await loadWorkspace(fs, { snapshot: changed.snapshot, previous: changed }), changed, 'a removed file is a change');
  });

  it('yields to the host during a long load', async () => {
    const files = studyFiles();
    for (let i = 0; i < 200; i++) files[`transcripts/t${i}.md`] = TRANSCRIPT.repeat(20);
    let yields = 0;
    await loadWorkspace(new MemoryFileSystem(files), { sliceMs: 1, yieldToHost: async () => void yields++ });
    assert.ok(yields > 5, `${yields} yields`);
  });

  it('keeps the highlights of a deleted transcript and reports them', async () => {
    const fs = new MemoryFileSystem(studyFiles());
    await tag(fs, 'I waited sixteen weeks', ['waiting-time']);
    fs.remove('transcripts/p01.md');
    const { workspace: ws } = await loadWorkspace(fs);
    assert.equal(ws.highlightFiles.get('highlights/transcripts/p01.md.yaml')?.highlights.length, 1);
    assert.ok(ws.problems.some((p) => p.code === 'missing-source' && p.line === 1));
  });
});

describe('workspace: tagging and edits', () => {
  it('writes a new highlight with quote, context, offsets, speaker and coder', async () => {
    const fs = new MemoryFileSystem(studyFiles());
    const { id } = await tag(fs, 'I waited sixteen weeks for the grab rails to be fitted', ['waiting-time', 'adaptations'], 'Compare with P03.');
    const text = fs.text('highlights/transcripts/p01.md.yaml')!;
    const { workspace: ws } = await loadWorkspace(fs);
    assert.deepEqual(ws.problems, []);
    const h = ws.highlightFiles.get('highlights/transcripts/p01.md.yaml')!.highlights[0]!;
    assert.equal(h.id, id);
    assert.match(id, /^h-[0-9a-z]{8}$/);
    assert.equal(h.quote, 'I waited sixteen weeks for the grab rails to be fitted');
    assert.equal(h.suffix, '. Nobody rang to say why.\n\nInter');
    assert.ok(h.prefix.endsWith('P01: Oh, months. '));
    assert.equal(h.speaker, 'P01');
    assert.equal(h.coder, 'r1');
    assert.equal(ws.anchoring.get(id)?.state, 'anchored');
    assert.match(text, /^source: transcripts\/p01\.md\nsourceHash: [0-9a-f]{40}\nhighlights:\n  - id: h-/);
    assert.match(text, /tags: \[waiting-time, adaptations\]/);
  });

  it('adds tags when the exact span is tagged again, instead of duplicating it', async () => {
    const fs = new MemoryFileSystem(studyFiles());
    const a = await tag(fs, 'Nobody rang to say why.', ['waiting-time']);
    const b = await tag(fs, 'Nobody rang to say why.', ['adaptations', 'waiting-time']);
    assert.equal(a.id, b.id);
    const { workspace: ws } = await loadWorkspace(fs);
    const hs = ws.highlightFiles.get('highlights/transcripts/p01.md.yaml')!.highlights;
    assert.equal(hs.length, 1);
    assert.deepEqual(hs[0]!.tags, ['waiting-time', 'adaptations']);
  });

  it('keeps highlights sorted by position and comments intact across edits', async () => {
    const fs = new MemoryFileSystem(studyFiles());
    await tag(fs, 'That came quicker', ['adaptations']);
    fs.write('highlights/transcripts/p01.md.yaml', '# Coded by the team\n' + fs.text('highlights/transcripts/p01.md.yaml')!);
    const { id } = await tag(fs, 'Oh, months.', ['waiting-time']);
    const text = fs.text('highlights/transcripts/p01.md.yaml')!;
    assert.ok(text.startsWith('# Coded by the team\n'));
    assert.ok(text.indexOf('Oh, months.') < text.indexOf('That came quicker'));
    const { workspace: ws } = await loadWorkspace(fs);
    const plan = new EditPlan(fs, ws.versions);
    await updateHighlight(plan, ws, id, { note: 'memo', removeTags: ['waiting-time'], addTags: ['adaptations'] });
    fs.apply(plan.result().edits);
    assert.match(fs.text('highlights/transcripts/p01.md.yaml')!, /tags: \[adaptations\]\n    note: memo/);
    const { workspace: ws2 } = await loadWorkspace(fs);
    const plan2 = new EditPlan(fs, ws2.versions);
    await deleteHighlight(plan2, ws2, id);
    fs.apply(plan2.result().edits);
    assert.doesNotMatch(fs.text('highlights/transcripts/p01.md.yaml')!, /Oh, months/);
  });

  it('refuses to edit a file that changed on disk since it was loaded', async () => {
    const fs = new MemoryFileSystem(studyFiles());
    await tag(fs, 'Oh, months.', ['waiting-time']);
    const { workspace: ws } = await loadWorkspace(fs);
    const path = 'highlights/transcripts/p01.md.yaml';
    fs.write(path, fs.text(path)! + '# someone else was here\n');
    const plan = new EditPlan(fs, ws.versions);
    const start = cp(TRANSCRIPT, 'That came');
    await tagSelection(plan, ws, TRANSCRIPT, { source: 'transcripts/p01.md', start, end: start + 9, tags: ['adaptations'] });
    const result = plan.result();
    assert.deepEqual(result.edits, []);
    assert.equal(result.problems[0]?.code, 'stale');
  });

  it('an adapter refuses an edit planned against an older file', async () => {
    const fs = new MemoryFileSystem(studyFiles());
    const { workspace: ws } = await loadWorkspace(fs);
    const plan = new EditPlan(fs, ws.versions);
    await plan.edit('codebook', 'codebook.yaml', (doc) => void doc.setIn(['tags', 0, 'label'], 'Waits'));
    fs.write('codebook.yaml', fs.text('codebook.yaml') + '# later\n');
    assert.throws(() => fs.apply(plan.result().edits), /stale/);
    assert.match(fs.text('codebook.yaml')!, /# later/);
  });
});

describe('workspace: files with errors and renamed transcripts', () => {
  it('fmt leaves a file with errors exactly as it is (an emptied codebook was rewritten as `{}`)', async () => {
    const fs = new MemoryFileSystem(studyFiles({ 'codebook.yaml': '' }));
    const { workspace } = await loadWorkspace(fs);
    assert.ok(workspace.unreadable.has('codebook.yaml'));
    assert.deepEqual(
      (await formatWorkspace(fs, workspace)).edits.map((e) => e.path),
      [],
    );
  });

  it('recognises a renamed transcript by its hash, and moves its highlights there unchanged', async () => {
    const fs = new MemoryFileSystem(studyFiles());
    let ws = (await loadWorkspace(fs)).workspace;
    const plan = new EditPlan(fs, ws.versions);
    const id = await tagSelection(plan, ws, TRANSCRIPT, { source: 'transcripts/p01.md', start: 100, end: 140, tags: ['waiting-time'] });
    fs.apply(plan.result().edits);
    fs.write('transcripts/p01-renamed.md', TRANSCRIPT);
    fs.remove('transcripts/p01.md');
    ws = (await loadWorkspace(fs)).workspace;
    assert.deepEqual([...renamedSources(ws)], [['highlights/transcripts/p01.md.yaml', 'transcripts/p01-renamed.md']]);
    assert.ok(ws.problems.some((p) => p.code === 'renamed-source' && p.message.includes('transcripts/p01-renamed.md')));
    const move = new EditPlan(fs, ws.versions);
    assert.ok(await moveHighlightsFile(move, ws, ws.highlightFiles.get('highlights/transcripts/p01.md.yaml')!, 'transcripts/p01-renamed.md'));
    fs.apply(move.result().edits);
    const after = (await loadWorkspace(fs)).workspace;
    assert.deepEqual(
      after.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.equal(after.highlightFiles.get('highlights/transcripts/p01-renamed.md.yaml')?.highlights[0]?.id, id);
    assert.ok(!fs.paths().includes('highlights/transcripts/p01.md.yaml'));
  });

  it('does not guess between two copies of the same text', async () => {
    const fs = new MemoryFileSystem(studyFiles());
    let ws = (await loadWorkspace(fs)).workspace;
    const plan = new EditPlan(fs, ws.versions);
    await tagSelection(plan, ws, TRANSCRIPT, { source: 'transcripts/p01.md', start: 100, end: 140, tags: ['waiting-time'] });
    fs.apply(plan.result().edits);
    fs.write('transcripts/a.md', TRANSCRIPT);
    fs.write('transcripts/b.md', TRANSCRIPT);
    fs.remove('transcripts/p01.md');
    ws = (await loadWorkspace(fs)).workspace;
    assert.equal(renamedSources(ws).size, 0);
  });
});

describe('workspace: load → save is idempotent', () => {
  it('formatting a workspace Sift wrote changes no byte, for random highlights', async () => {
    const words = TRANSCRIPT.split(/(?<=\s)/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(words.length - 1), fc.integer({ min: 1, max: 6 }), fc.subarray(['waiting-time', 'adaptations'], { minLength: 1 }), fc.option(fc.string({ maxLength: 20 }), { nil: undefined })), {
          minLength: 1,
          maxLength: 6,
        }),
        async (spans) => {
          const fs = new MemoryFileSystem(studyFiles());
          for (const [w, len, tags, note] of spans) {
            const startU16 = words.slice(0, w).join('').length;
            const quote = words
              .slice(w, w + len)
              .join('')
              .trimEnd();
            if (!quote.trim()) continue;
            const { workspace } = await loadWorkspace(fs);
            const plan = new EditPlan(fs, workspace.versions);
            const idx = new CodePointIndex(TRANSCRIPT);
            const start = idx.toCodePoint(startU16);
            await tagSelection(plan, workspace, TRANSCRIPT, { source: 'transcripts/p01.md', start, end: start + [...quote].length, tags, ...(note ? { note } : {}) });
            fs.apply(plan.result().edits);
          }
          const { workspace } = await loadWorkspace(fs);
          assert.deepEqual(
            workspace.problems.filter((p) => p.severity === 'error'),
            [],
          );
          const formatted = await formatWorkspace(fs, workspace);
          assert.deepEqual(
            formatted.edits.map((e) => e.path),
            [],
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('a study whose participants.yaml lists nobody', () => {
  const named = (id: string) => TRANSCRIPT.replace('participant: P01', `participant: ${id}`);
  const files = (participants: string | undefined, transcripts: Record<string, string>) => {
    const all: Record<string, string> = studyFiles();
    delete all['transcripts/p01.md'];
    Object.assign(all, transcripts);
    if (participants === undefined) delete all['participants.yaml'];
    else all['participants.yaml'] = participants;
    return all;
  };
  const study = { 'transcripts/p01.md': named('P01'), 'transcripts/p02.md': named('P02'), 'transcripts/p10.md': named('P10'), 'transcripts/p02-again.md': named('P02') };

  it('gives one warning on participants.yaml naming the participants the transcripts name, not one per transcript', async () => {
    const { workspace: ws } = await loadWorkspace(new MemoryFileSystem(files('# Who took part\nparticipants: []\n', study)));
    assert.deepEqual(
      ws.problems.map((p) => [p.path, p.line, p.column, p.severity, p.code, p.message]),
      [
        [
          'participants.yaml',
          2,
          15,
          'warning',
          'no-participants',
          'participants.yaml lists nobody, yet the transcripts name 3 participants (P01, P02, P10): list them there (id, attributes, consent). Until then reports and stats count no participants, and nothing is known of their consent.',
        ],
      ],
    );
  });

  it('gives the same one warning when participants.yaml is missing', async () => {
    const { workspace: ws } = await loadWorkspace(new MemoryFileSystem(files(undefined, study)));
    assert.deepEqual(
      ws.problems.map((p) => [p.path, p.line, p.severity, p.code, p.message]),
      [
        [
          'participants.yaml',
          1,
          'warning',
          'no-participants',
          'There is no participants.yaml, yet the transcripts name 3 participants (P01, P02, P10): list them there (id, attributes, consent). Until then reports and stats count no participants, and nothing is known of their consent.',
        ],
      ],
    );
  });

  it('says who to list when no transcript names a participant either', async () => {
    const { workspace: ws } = await loadWorkspace(new MemoryFileSystem(files('participants: []\n', { 'transcripts/a.md': 'Interviewer: Hello?\n\nSam: Hi.\n' })));
    assert.deepEqual(
      ws.problems.map((p) => [p.path, p.code, p.message]),
      [
        [
          'participants.yaml',
          'no-participants',
          "participants.yaml lists nobody: list the participants there (id, attributes, consent) and name each transcript's participant in its front matter (participant: P01). Until then reports and stats count no participants, and nothing is known of their consent.",
        ],
      ],
    );
  });

  it('says nothing of participants in a study with no transcripts yet', async () => {
    const { workspace: ws } = await loadWorkspace(new MemoryFileSystem(files('participants: []\n', {})));
    assert.deepEqual(ws.problems, []);
  });
});
