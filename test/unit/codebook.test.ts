import * as assert from 'node:assert/strict';
import { addTag, deleteTag, mergeTags, moveTag, recolorTag, renameTag } from '../../src/core/codebook/refactor';
import { nextTagColor, TAG_PALETTE } from '../../src/core/codebook/palette';
import { gitBlobHash } from '../../src/core/hash';
import type { Problem } from '../../src/core/problems';
import { EditPlan } from '../../src/core/store/plan';
import { loadWorkspace } from '../../src/core/workspace/load';
import type { Workspace } from '../../src/core/workspace/workspace';
import { MemoryFileSystem } from '../support/memory-fs';

const P01 = `---
participant: P01
---
Interviewer: How long did you wait?

P01: I waited sixteen weeks for the rails. Nobody rang to say why.

P01: The assessment was on the phone, which suited me.
`;

const P02 = `---
participant: P02
---
P02: I rang them every Monday. Still no date for the fitting.
`;

const CODEBOOK = `# Codebook for the test study.
# Keep the most specific tag that fits.
tags:
  - id: service-access
    label: Service access
    color: "#4f7fd6"
  - id: waiting-time # the tag everyone reaches for
    label: Waiting time
    color: "#d9534f"
    parent: service-access
  - id: delays
    label: Delays
    color: "#2f9e6e"
    parent: service-access
    aliases: [hold-ups]
  - id: assessment
    label: Assessment
    color: "#c27c0e"
    parent: delays
  # How residents get in touch.
  - id: channels
    label: Channels
    color: "#8a63d2"
  - id: phone
    label: Phone
    parent: channels
  - id: money
    label: Money
`;

const HIGHLIGHTS_P01 = `# Coded by researcher 1.
source: transcripts/p01.md
sourceHash: ${gitBlobHash(P01)}
highlights:
  - id: h-10000001
    quote: I waited sixteen weeks for the rails
    ${span(P01, 'I waited sixteen weeks for the rails')}
    tags: [waiting-time, delays]
  - id: h-10000002
    quote: Nobody rang to say why
    ${span(P01, 'Nobody rang to say why')}
    tags: [delays]
    note: Silence hurts more than the wait.
  - id: h-10000003
    quote: The assessment was on the phone
    ${span(P01, 'The assessment was on the phone')}
    tags:
      - assessment # by phone, not in person
      - phone
`;

const HIGHLIGHTS_P02 = `source: transcripts/p02.md
sourceHash: ${gitBlobHash(P02)}
highlights:
  - id: h-20000001
    quote: I rang them every Monday
    ${span(P02, 'I rang them every Monday')}
    tags: [phone, channels]
  - id: h-20000002
    quote: Still no date for the fitting
    ${span(P02, 'Still no date for the fitting')}
    tags: [waiting-time]
`;

const PERSONA = `# Drawn from the first two interviews.
name: Pat
label: The patient waiter
distinguishing:
  - {tag: waiting-time, lift: 2.4}
  - {tag: delays, lift: 1.8}
  - tag: phone
    lift: 1.2
quotes: [h-10000001]
`;

const FILES = {
  research: 'research.yaml',
  codebook: 'codebook.yaml',
  p01: 'highlights/transcripts/p01.md.yaml',
  p02: 'highlights/transcripts/p02.md.yaml',
  persona: 'personas/the-patient-waiter.yaml',
} as const;

/** `start: … / end: …` of an ASCII quote (code points equal UTF-16 units there). */
function span(text: string, quote: string): string {
  const start = text.indexOf(quote);
  assert.ok(start >= 0, quote);
  return `start: ${start}\n    end: ${start + quote.length}`;
}

function study(): MemoryFileSystem {
  return new MemoryFileSystem({
    [FILES.research]: 'name: Test study\nsources: [transcripts/**/*.md]\n',
    [FILES.codebook]: CODEBOOK,
    'participants.yaml': 'participants:\n  - {id: P01}\n  - {id: P02}\n',
    'transcripts/p01.md': P01,
    'transcripts/p02.md': P02,
    [FILES.p01]: HIGHLIGHTS_P01,
    [FILES.p02]: HIGHLIGHTS_P02,
    [FILES.persona]: PERSONA,
  });
}

type Operation = (plan: EditPlan, ws: Workspace) => Promise<Problem[]>;

/** Plans an operation on the workspace as it is on `fs`, without applying it. */
async function plan(fs: MemoryFileSystem, operation: Operation) {
  const { workspace } = await loadWorkspace(fs);
  const editPlan = new EditPlan(fs, workspace.versions);
  const refusals = await operation(editPlan, workspace);
  return { refusals, ...editPlan.result() };
}

/**
 * Runs an operation that must succeed, applies its edits and reloads: the study must be
 * clean afterwards (every reference resolves). Returns the paths edited and the new workspace.
 */
async function run(fs: MemoryFileSystem, operation: Operation): Promise<{ edited: string[]; ws: Workspace }> {
  const { refusals, edits, problems } = await plan(fs, operation);
  assert.deepEqual(refusals, []);
  assert.deepEqual(problems, []);
  fs.apply(edits);
  const { workspace } = await loadWorkspace(fs);
  assert.deepEqual(workspace.problems, []);
  return { edited: edits.map((e) => e.path).sort(), ws: workspace };
}

/** Runs an operation that must be refused: no edits, and the refusal's code. */
async function refused(fs: MemoryFileSystem, operation: Operation): Promise<Problem[]> {
  const { refusals, edits, problems } = await plan(fs, operation);
  assert.deepEqual(edits, []);
  assert.deepEqual(problems, []);
  assert.ok(refusals.length > 0, 'expected a refusal');
  for (const r of refusals) assert.equal(r.severity, 'error');
  return refusals;
}

function tagsOf(ws: Workspace, highlightId: string): readonly string[] | undefined {
  for (const file of ws.highlightFiles.values()) for (const h of file.highlights) if (h.id === highlightId) return h.tags;
  return undefined;
}

const tag = (ws: Workspace, id: string) => ws.codebook.find((t) => t.id === id);

/** The comments of the fixture that must survive every edit of their file. */
function assertCommentsKept(fs: MemoryFileSystem): void {
  const codebook = fs.text(FILES.codebook)!;
  assert.ok(codebook.startsWith('# Codebook for the test study.\n# Keep the most specific tag that fits.\ntags:\n'), codebook);
  assert.match(codebook, /# How residents get in touch\.\n  - id: channels/);
  assert.ok(fs.text(FILES.p01)!.startsWith('# Coded by researcher 1.\n'));
  assert.ok(fs.text(FILES.persona)!.startsWith('# Drawn from the first two interviews.\n'));
}

describe('codebook: the study fixture', () => {
  it('loads clean, so every later problem comes from the operation', async () => {
    const { workspace } = await loadWorkspace(study());
    assert.deepEqual(workspace.problems, []);
    assert.equal(workspace.codebook.length, 7);
    assert.equal(workspace.highlightFiles.size, 2);
    assert.equal(workspace.personas.size, 1);
  });
});

describe('codebook: palette', () => {
  /** WCAG 2 contrast ratio of two #rrggbb colours. */
  function contrast(a: string, b: string): number {
    const luminance = (hex: string) => {
      const [r, g, bl] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  }

  it('has distinct colours readable on light and dark themes (≥ 3:1 on white and on #1e1e1e)', () => {
    assert.equal(new Set(TAG_PALETTE).size, TAG_PALETTE.length);
    for (const c of TAG_PALETTE) {
      assert.match(c, /^#[0-9a-f]{6}$/);
      assert.ok(contrast(c, '#ffffff') >= 3, `${c} on white: ${contrast(c, '#ffffff').toFixed(2)}`);
      assert.ok(contrast(c, '#1e1e1e') >= 3, `${c} on dark: ${contrast(c, '#1e1e1e').toFixed(2)}`);
    }
  });

  it('picks the first unused colour, ignoring case, then the least used', () => {
    assert.equal(nextTagColor([]), TAG_PALETTE[0]);
    assert.equal(nextTagColor([TAG_PALETTE[0]!.toUpperCase(), undefined, '#000000']), TAG_PALETTE[1]);
    const allOnceButThird = TAG_PALETTE.flatMap((c, i) => (i === 2 ? [] : [c]));
    assert.equal(nextTagColor(allOnceButThird), TAG_PALETTE[2]);
    assert.equal(nextTagColor([...TAG_PALETTE, ...TAG_PALETTE.slice(0, 4)]), TAG_PALETTE[4]);
  });
});

describe('codebook: addTag', () => {
  it('adds a tag with a slug id and an unused colour, after its parent’s branch, editing only the codebook', async () => {
    const fs = study();
    let id: string | undefined;
    const { edited, ws } = await run(fs, async (p, w) => {
      const added = await addTag(p, w, { label: 'Grab rails & ramps', parent: 'service-access', description: ' The equipment itself. ' });
      id = added.id;
      return added.problems;
    });
    assert.equal(id, 'grab-rails-ramps');
    assert.deepEqual(edited, [FILES.codebook]);
    assert.deepEqual(tag(ws, 'grab-rails-ramps'), { id: 'grab-rails-ramps', label: 'Grab rails & ramps', description: 'The equipment itself.', color: TAG_PALETTE[5], parent: 'service-access' });
    // After service-access's whole branch (which includes assessment, under delays).
    assert.deepEqual(
      ws.codebook.map((t) => t.id),
      ['service-access', 'waiting-time', 'delays', 'assessment', 'grab-rails-ramps', 'channels', 'phone', 'money'],
    );
    assert.match(fs.text(FILES.codebook)!, /    color: "#[0-9a-f]{6}"\n    parent: service-access\n  # How residents get in touch\./);
    assertCommentsKept(fs);
  });

  it('takes an explicit id and colour, and adds top-level tags at the end', async () => {
    const fs = study();
    const { ws } = await run(fs, async (p, w) => (await addTag(p, w, { label: 'Trust', id: 'trust-in-council', color: '#ABCDEF' })).problems);
    assert.deepEqual(ws.codebook.at(-1), { id: 'trust-in-council', label: 'Trust', color: '#abcdef' });
  });

  it('creates the codebook when the study has none yet', async () => {
    const fs = study();
    fs.remove(FILES.codebook);
    fs.remove(FILES.p01);
    fs.remove(FILES.p02);
    fs.remove(FILES.persona);
    const { edited, ws } = await run(fs, async (p, w) => (await addTag(p, w, { label: 'Waiting time' })).problems);
    assert.deepEqual(edited, [FILES.codebook]);
    assert.deepEqual(ws.codebook, [{ id: 'waiting-time', label: 'Waiting time', color: TAG_PALETTE[0] }]);
  });

  it('refuses an id in use, an earlier id of another tag, a bad id, a label in use, an unknown parent or a bad colour', async () => {
    const fs = study();
    const add = (spec: Parameters<typeof addTag>[2]) => refused(fs, async (p, w) => (await addTag(p, w, spec)).problems);
    assert.equal((await add({ label: 'Waiting Time!' }))[0]!.code, 'tag-exists');
    const alias = await add({ label: 'Hold ups' });
    assert.match(alias[0]!.message, /"hold-ups" is an earlier name of "Delays" \(delays\)/);
    assert.equal((await add({ label: 'X', id: 'Not A Slug' }))[0]!.code, 'bad-tag-id');
    // Labels are unique among siblings: another Delays under Service access is refused (one elsewhere is not: REFI projects have them).
    assert.equal((await add({ label: 'delays', id: 'other-delays', parent: 'service-access' }))[0]!.code, 'tag-exists');
    assert.equal((await add({ label: '   ' }))[0]!.code, 'empty-label');
    const several = await add({ label: 'Rails', parent: 'nowhere', color: 'red' });
    assert.deepEqual(
      several.map((r) => r.code),
      ['unknown-parent', 'bad-color'],
    );
    assert.equal(several[0]!.path, FILES.codebook);
    assert.match(several[1]!.message, /"red" is not a colour .* #rrggbb/);
  });
});

describe('codebook: renameTag', () => {
  it('rewrites every reference to a new id, keeps the old one as an alias, and leaves other files alone', async () => {
    const fs = study();
    const { edited, ws } = await run(fs, (p, w) => renameTag(p, w, 'delays', { newId: 'slow-service', label: 'Slow service' }));
    // p02 has no highlight tagged `delays`: it is not written.
    assert.deepEqual(edited, [FILES.codebook, FILES.p01, FILES.persona]);
    assert.deepEqual(tag(ws, 'slow-service'), { id: 'slow-service', label: 'Slow service', color: '#2f9e6e', parent: 'service-access', aliases: ['hold-ups', 'delays'] });
    assert.equal(tag(ws, 'assessment')?.parent, 'slow-service');
    assert.deepEqual(tagsOf(ws, 'h-10000001'), ['waiting-time', 'slow-service']);
    assert.deepEqual(tagsOf(ws, 'h-10000002'), ['slow-service']);
    assert.deepEqual(ws.personas.get('the-patient-waiter')?.distinguishing, [
      { tag: 'waiting-time', lift: 2.4 },
      { tag: 'slow-service', lift: 1.8 },
      { tag: 'phone', lift: 1.2 },
    ]);
    assert.match(fs.text(FILES.p01)!, /tags: \[waiting-time, slow-service\]\n/);
    assert.match(fs.text(FILES.persona)!, /  - \{tag: slow-service, lift: 1\.8\}\n/);
    assertCommentsKept(fs);
  });

  it('keeps block lists and their comments when renaming a tag in them', async () => {
    const fs = study();
    await run(fs, (p, w) => renameTag(p, w, 'assessment', { newId: 'assessments' }));
    assert.match(fs.text(FILES.p01)!, /    tags:\n      - assessments # by phone, not in person\n      - phone\n/);
    assert.match(fs.text(FILES.codebook)!, /  - id: waiting-time # the tag everyone reaches for\n/);
  });

  it('changes only the codebook for a new label', async () => {
    const fs = study();
    const { edited, ws } = await run(fs, (p, w) => renameTag(p, w, 'waiting-time', { label: 'Waiting' }));
    assert.deepEqual(edited, [FILES.codebook]);
    assert.equal(tag(ws, 'waiting-time')?.label, 'Waiting');
    assert.match(fs.text(FILES.codebook)!, /  - id: waiting-time # the tag everyone reaches for\n    label: Waiting\n/);
  });

  it('takes an earlier id back out of the aliases when renaming back to it', async () => {
    const fs = study();
    await run(fs, (p, w) => renameTag(p, w, 'phone', { newId: 'telephone' }));
    const { ws } = await run(fs, (p, w) => renameTag(p, w, 'telephone', { newId: 'phone' }));
    assert.deepEqual(tag(ws, 'phone'), { id: 'phone', label: 'Phone', parent: 'channels', aliases: ['telephone'] });
    assert.deepEqual(tagsOf(ws, 'h-20000001'), ['phone', 'channels']);
  });

  it('makes no edits when nothing changes', async () => {
    const { refusals, edits } = await plan(study(), (p, w) => renameTag(p, w, 'phone', { newId: 'phone', label: 'Phone' }));
    assert.deepEqual([refusals, edits], [[], []]);
  });

  it('refuses an id that exists, an unknown tag and a bad id', async () => {
    const fs = study();
    const taken = await refused(fs, (p, w) => renameTag(p, w, 'delays', { newId: 'waiting-time' }));
    assert.deepEqual(
      taken.map((r) => r.code),
      ['tag-exists'],
    );
    assert.match(taken[0]!.message, /already has a tag "waiting-time" \(Waiting time\)/);
    assert.equal((await refused(fs, (p, w) => renameTag(p, w, 'nope', { newId: 'yes' })))[0]!.code, 'unknown-tag');
    assert.equal((await refused(fs, (p, w) => renameTag(p, w, 'phone', { newId: 'Phone calls' })))[0]!.code, 'bad-tag-id');
  });

  it('refuses to rename an id while a highlights file cannot be read, naming the file', async () => {
    const fs = study();
    fs.write(FILES.p02, HIGHLIGHTS_P02.replace('tags: [waiting-time]', 'tags: [waiting-time'));
    const { workspace } = await loadWorkspace(fs);
    assert.ok(workspace.problems.some((p) => p.path === FILES.p02 && p.severity === 'error'));
    const editPlan = new EditPlan(fs, workspace.versions);
    const refusals = await renameTag(editPlan, workspace, 'waiting-time', { newId: 'waiting' });
    assert.deepEqual(
      refusals.map((r) => [r.path, r.code]),
      [[FILES.p02, 'edit-refused']],
    );
    assert.deepEqual(editPlan.result().edits, []);
    // A new label touches no highlights, so it is still possible.
    assert.deepEqual(await renameTag(editPlan, workspace, 'waiting-time', { label: 'Waiting' }), []);
    assert.deepEqual(
      editPlan.result().edits.map((e) => e.path),
      [FILES.codebook],
    );
  });
});

describe('codebook: mergeTags', () => {
  it('moves highlights, children, names and persona entries of the sources onto the target', async () => {
    const fs = study();
    const { edited, ws } = await run(fs, (p, w) => mergeTags(p, w, ['delays'], 'waiting-time'));
    assert.deepEqual(edited, [FILES.codebook, FILES.p01, FILES.persona]);
    assert.equal(tag(ws, 'delays'), undefined);
    assert.deepEqual(tag(ws, 'waiting-time')?.aliases, ['delays', 'Delays', 'hold-ups']);
    assert.equal(tag(ws, 'assessment')?.parent, 'waiting-time');
    // Once per highlight, in the place the first of them had; the highlight and its note stay.
    assert.deepEqual(tagsOf(ws, 'h-10000001'), ['waiting-time']);
    assert.deepEqual(tagsOf(ws, 'h-10000002'), ['waiting-time']);
    assert.match(fs.text(FILES.p01)!, /    tags: \[waiting-time\]\n    note: Silence hurts more than the wait\.\n/);
    assert.deepEqual(ws.personas.get('the-patient-waiter')?.distinguishing, [
      { tag: 'waiting-time', lift: 2.4 },
      { tag: 'phone', lift: 1.2 },
    ]);
    assertCommentsKept(fs);
  });

  it('keeps the order of a highlight’s tags, putting the target where the first source stood', async () => {
    const fs = study();
    const { edited, ws } = await run(fs, (p, w) => mergeTags(p, w, ['phone', 'waiting-time'], 'channels'));
    assert.deepEqual(edited, [FILES.codebook, FILES.p01, FILES.p02, FILES.persona]);
    assert.deepEqual(tagsOf(ws, 'h-20000001'), ['channels']);
    assert.deepEqual(tagsOf(ws, 'h-10000001'), ['channels', 'delays']);
    assert.deepEqual(tagsOf(ws, 'h-10000003'), ['assessment', 'channels']);
    assert.deepEqual(tag(ws, 'channels')?.aliases, ['phone', 'Phone', 'waiting-time', 'Waiting time']);
  });

  it('lifts a target that sat under a source into the source’s place, keeping the tree a tree', async () => {
    const fs = study();
    const { ws } = await run(fs, (p, w) => mergeTags(p, w, ['service-access', 'delays'], 'assessment'));
    // assessment was under delays, under service-access: it takes service-access's place (top level).
    assert.equal(tag(ws, 'assessment')?.parent, undefined);
    assert.equal(tag(ws, 'waiting-time')?.parent, 'assessment');
    assert.deepEqual(tagsOf(ws, 'h-10000002'), ['assessment']);
  });

  it('refuses unknown tags and a merge of a tag into only itself', async () => {
    const fs = study();
    const unknown = await refused(fs, (p, w) => mergeTags(p, w, ['delays', 'nope', 'nada'], 'waiting-time'));
    assert.deepEqual(
      unknown.map((r) => r.message),
      ['There is no tag "nope" in the codebook.', 'There is no tag "nada" in the codebook.'],
    );
    assert.equal((await refused(fs, (p, w) => mergeTags(p, w, ['delays'], 'nope')))[0]!.code, 'unknown-tag');
    assert.equal((await refused(fs, (p, w) => mergeTags(p, w, ['waiting-time'], 'waiting-time')))[0]!.code, 'nothing-to-merge');
  });
});

describe('codebook: moveTag', () => {
  it('puts a tag under another, or back at the top level, editing only the codebook', async () => {
    const fs = study();
    const moved = await run(fs, (p, w) => moveTag(p, w, 'phone', 'service-access'));
    assert.deepEqual(moved.edited, [FILES.codebook]);
    assert.equal(tag(moved.ws, 'phone')?.parent, 'service-access');
    const top = await run(fs, (p, w) => moveTag(p, w, 'phone', undefined));
    assert.deepEqual(tag(top.ws, 'phone'), { id: 'phone', label: 'Phone' });
    assertCommentsKept(fs);
  });

  it('makes no edits when the parent stays the same', async () => {
    const { refusals, edits } = await plan(study(), (p, w) => moveTag(p, w, 'phone', 'channels'));
    assert.deepEqual([refusals, edits], [[], []]);
  });

  it('refuses cycles and unknown tags', async () => {
    const fs = study();
    const cycle = await refused(fs, (p, w) => moveTag(p, w, 'service-access', 'assessment'));
    assert.equal(cycle[0]!.code, 'tag-cycle');
    assert.match(cycle[0]!.message, /"Service access" \(service-access\) cannot go under "Assessment" \(assessment\), which is inside it/);
    assert.equal((await refused(fs, (p, w) => moveTag(p, w, 'phone', 'phone')))[0]!.code, 'tag-cycle');
    assert.equal((await refused(fs, (p, w) => moveTag(p, w, 'phone', 'nope')))[0]!.code, 'unknown-parent');
    assert.equal((await refused(fs, (p, w) => moveTag(p, w, 'nope', undefined)))[0]!.code, 'unknown-tag');
  });
});

describe('codebook: deleteTag', () => {
  it('refuses while highlights use the tag, saying how many and where', async () => {
    const fs = study();
    const [r] = await refused(fs, (p, w) => deleteTag(p, w, 'waiting-time'));
    assert.equal(r!.code, 'tag-in-use');
    assert.match(r!.message, /"Waiting time" \(waiting-time\) is still on 2 highlights \(1 in transcripts\/p01\.md, 1 in transcripts\/p02\.md\)/);
    const [one] = await refused(fs, (p, w) => deleteTag(p, w, 'assessment', { untag: false }));
    assert.match(one!.message, /is still on 1 highlight \(1 in transcripts\/p01\.md\)\. Merge it into another tag instead, or delete it and take it off that highlight too\./);
  });

  it('with untag, removes it from every highlight but keeps the highlights, and moves its children up', async () => {
    const fs = study();
    const { edited, ws } = await run(fs, (p, w) => deleteTag(p, w, 'delays', { untag: true }));
    assert.deepEqual(edited, [FILES.codebook, FILES.p01, FILES.persona]);
    assert.equal(tag(ws, 'delays'), undefined);
    assert.equal(tag(ws, 'assessment')?.parent, 'service-access');
    assert.deepEqual(tagsOf(ws, 'h-10000001'), ['waiting-time']);
    // Its only tag is gone, the highlight is not.
    assert.deepEqual(tagsOf(ws, 'h-10000002'), []);
    assert.match(fs.text(FILES.p01)!, /    tags: \[\]\n    note: Silence hurts more than the wait\.\n/);
    assert.deepEqual(
      ws.personas.get('the-patient-waiter')?.distinguishing.map((d) => d.tag),
      ['waiting-time', 'phone'],
    );
    assertCommentsKept(fs);
  });

  it('deletes an unused tag, its children moving to the top level when it had no parent', async () => {
    const fs = study();
    const unused = await run(fs, (p, w) => deleteTag(p, w, 'money'));
    assert.deepEqual(unused.edited, [FILES.codebook]);
    const parentless = await run(fs, (p, w) => deleteTag(p, w, 'service-access'));
    assert.deepEqual(parentless.edited, [FILES.codebook]);
    assert.equal(tag(parentless.ws, 'waiting-time')?.parent, undefined);
    assert.equal(tag(parentless.ws, 'delays')?.parent, undefined);
    assert.equal(tag(parentless.ws, 'assessment')?.parent, 'delays');
    assertCommentsKept(fs);
  });

  it('refuses an unknown tag', async () => {
    assert.equal((await refused(study(), (p, w) => deleteTag(p, w, 'nope', { untag: true })))[0]!.code, 'unknown-tag');
  });
});

describe('codebook: recolorTag', () => {
  it('sets the colour in lower case, keeping the quoting', async () => {
    const fs = study();
    const { edited, ws } = await run(fs, (p, w) => recolorTag(p, w, 'waiting-time', '#1F9BB0'));
    assert.deepEqual(edited, [FILES.codebook]);
    assert.equal(tag(ws, 'waiting-time')?.color, '#1f9bb0');
    assert.match(fs.text(FILES.codebook)!, /    color: "#1f9bb0"\n/);
    const added = await run(fs, (p, w) => recolorTag(p, w, 'phone', '#7d8590'));
    assert.equal(tag(added.ws, 'phone')?.color, '#7d8590');
    assertCommentsKept(fs);
  });

  it('refuses colours not written #rrggbb, and unknown tags', async () => {
    const fs = study();
    for (const bad of ['red', '#fff', '1f9bb0', '#1f9bb0 ', '#gggggg']) assert.equal((await refused(fs, (p, w) => recolorTag(p, w, 'phone', bad)))[0]!.code, 'bad-color');
    assert.equal((await refused(fs, (p, w) => recolorTag(p, w, 'nope', '#1f9bb0')))[0]!.code, 'unknown-tag');
  });
});

describe('codebook: a broken codebook', () => {
  it('is reported as such, not as an unknown tag, and never written', async () => {
    const fs = study();
    fs.write(FILES.codebook, CODEBOOK.replace('label: Money', 'label: [Money'));
    for (const operation of [(p: EditPlan, w: Workspace) => recolorTag(p, w, 'phone', '#7d8590'), async (p: EditPlan, w: Workspace) => (await addTag(p, w, { label: 'New' })).problems]) {
      const refusals = await refused(fs, operation);
      assert.deepEqual(
        refusals.map((r) => [r.path, r.code]),
        [[FILES.codebook, 'edit-refused']],
      );
    }
  });
});
