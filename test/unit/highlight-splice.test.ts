/**
 * The highlights fast path (src/core/store/highlight-splice.ts) against the full path: for
 * random sequences of the edits researchers make — tag a passage, add and remove tags, write,
 * change and clear memos (plain, quoted, multi-line, with `: ` and `#`), delete — the bytes
 * written must be exactly those the full `yaml` Document path writes, and the fast path must
 * actually be taken on Sift's own files (and declined on files a person shaped differently).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { EditPlan } from '../../src/core/store/plan';
import { deleteHighlight, tagSelection, updateHighlight } from '../../src/core/store/highlights';
import { loadWorkspace } from '../../src/core/workspace/load';
import { generateTranscript } from '../support/anchoring-simulator';
import { mulberry32 } from '../../src/core/random';
import type { Workspace } from '../../src/core/workspace/workspace';
import { MemoryFileSystem } from '../support/memory-fs';

const SOURCE = 'transcripts/p01.md';
const HIGHLIGHTS = 'highlights/transcripts/p01.md.yaml';
const TEXT = `---\nparticipant: P01\n---\n${generateTranscript(11, 6000).replace(/^P\d+:/gm, 'P01:')}`;
const TAGS = ['waiting-time', 'adaptations', 'money', 'trust'];

function study(): MemoryFileSystem {
  return new MemoryFileSystem({
    'research.yaml': 'name: Splice study\nsources: [transcripts/**/*.md]\n',
    'codebook.yaml': `tags:\n${TAGS.map((t) => `  - id: ${t}\n    label: ${t}\n`).join('')}`,
    'participants.yaml': 'participants:\n  - id: P01\n',
    [SOURCE]: TEXT,
  });
}

/** An EditPlan that counts how often the full (whole-document) path ran. */
class CountingPlan extends EditPlan {
  fullEdits = 0;
  override edit(...args: Parameters<EditPlan['edit']>) {
    this.fullEdits++;
    return super.edit(...args);
  }
}

type Op = { kind: 'tag'; at: number; words: number; tags: string[]; note?: string } | { kind: 'retag'; pick: number; add: string[]; remove: string[] } | { kind: 'memo'; pick: number; note: string } | { kind: 'delete'; pick: number };

const NOTES = ['Plain memo', 'Memo: with a colon', 'Compare with P02 # not a comment', 'two\nlines', '"quoted" start', "it's", '', '- dash first', 'yes'];
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record(
    { kind: fc.constant('tag' as const), at: fc.nat(5000), words: fc.integer({ min: 1, max: 12 }), tags: fc.subarray(TAGS, { minLength: 1 }), note: fc.option(fc.constantFrom(...NOTES.filter(Boolean)), { nil: undefined }) },
    { requiredKeys: ['kind', 'at', 'words', 'tags'] },
  ),
  fc.record({ kind: fc.constant('retag' as const), pick: fc.nat(), add: fc.subarray(TAGS), remove: fc.subarray(TAGS) }),
  fc.record({ kind: fc.constant('memo' as const), pick: fc.nat(), note: fc.constantFrom(...NOTES) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

async function run(plan: EditPlan, ws: Workspace, o: Op, seed: number): Promise<void> {
  const all = [...ws.highlightFiles.values()].flatMap((f) => f.highlights);
  const picked = all.length > 0 && 'pick' in o ? all[o.pick % all.length]! : undefined;
  switch (o.kind) {
    case 'tag': {
      const words = [...TEXT.matchAll(/\S+/g)].filter((m) => m.index! > TEXT.indexOf('---\n', 4) + 4);
      const first = words[o.at % words.length]!;
      const last = words[Math.min(words.length - 1, (o.at % words.length) + o.words - 1)]!;
      await tagSelection(plan, ws, TEXT, { source: SOURCE, start: first.index!, end: last.index! + last[0].length, tags: o.tags, ...(o.note ? { note: o.note } : {}), coder: 'r1' }, mulberry32(seed));
      return;
    }
    case 'retag':
      if (picked) await updateHighlight(plan, ws, picked.id, { addTags: o.add, removeTags: o.remove });
      return;
    case 'memo':
      if (picked) await updateHighlight(plan, ws, picked.id, { note: o.note });
      return;
    case 'delete':
      if (picked) await deleteHighlight(plan, ws, picked.id);
  }
}

describe('highlights fast path (splice)', () => {
  it('writes exactly what the full path writes, and takes the fast path on Sift’s own files', async () => {
    let fastTaken = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.nat(), async (ops, seed) => {
        const fs = study();
        for (const [i, o] of ops.entries()) {
          const { workspace: ws } = await loadWorkspace(fs);
          const fast = new CountingPlan(fs, ws.versions);
          const full = new EditPlan(fs, undefined); // no loaded versions: the fast path declines
          await run(fast, ws, o, seed + i);
          await run(full, ws, o, seed + i);
          const a = fast.result();
          const b = full.result();
          assert.deepEqual(a.problems, b.problems);
          assert.deepEqual(
            a.edits.map((e) => [e.path, e.kind === 'write' ? e.content : null]),
            b.edits.map((e) => [e.path, e.kind === 'write' ? e.content : null]),
            `op ${i}: ${JSON.stringify(o)}`,
          );
          const existed = ws.highlightFiles.has(HIGHLIGHTS);
          if (existed && a.edits.length > 0 && fast.fullEdits === 0) fastTaken++;
          fs.apply(a.edits);
        }
        const { workspace } = await loadWorkspace(fs);
        assert.deepEqual(
          workspace.problems.filter((p) => p.severity === 'error'),
          [],
        );
      }),
      { numRuns: 60 },
    );
    assert.ok(fastTaken > 30, `the fast path was taken only ${fastTaken} times`);
  });

  it('declines a file with a comment or a hand-written block list, and the full path keeps them', async () => {
    const fs = study();
    const { workspace: ws0 } = await loadWorkspace(fs);
    const plan0 = new EditPlan(fs, ws0.versions);
    const start = TEXT.indexOf('P01:', 30) + 5;
    await tagSelection(plan0, ws0, TEXT, { source: SOURCE, start, end: start + 10, tags: ['money'] }, mulberry32(1));
    fs.apply(plan0.result().edits);
    const written = fs.text(HIGHLIGHTS)!;
    fs.write(HIGHLIGHTS, written.replace('highlights:\n', 'highlights:\n  # reviewed by Sam\n').replace(/tags: \[money\]/, 'tags:\n      - money'));
    const { workspace: ws } = await loadWorkspace(fs);
    const id = ws.highlightFiles.get(HIGHLIGHTS)!.highlights[0]!.id;
    const plan = new CountingPlan(fs, ws.versions);
    await updateHighlight(plan, ws, id, { addTags: ['trust'] });
    assert.equal(plan.fullEdits, 1);
    const [edit] = plan.result().edits;
    assert.ok(edit?.kind === 'write');
    assert.match(edit.content, /# reviewed by Sam/);
    assert.match(edit.content, /tags:\n {6}- money\n {6}- trust/);
  });
});
