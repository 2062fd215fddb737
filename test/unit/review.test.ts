import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { mergeTags, renameTag } from '../../src/core/codebook/refactor';
import { binaryAlpha, cohensKappa, compareCodings, krippendorffAlphaNominal, percentAgreement, type CodedSpan } from '../../src/core/review/agreement';
import { mergeableKindOf, withSiftAttributes } from '../../src/core/review/mergeable';
import { renderDiff } from '../../src/core/review/render-diff';
import { diffAnalysis } from '../../src/core/review/semantic-diff';
import { mergeYaml } from '../../src/core/review/three-way-merge';
import { EditPlan } from '../../src/core/store/plan';
import { loadWorkspace } from '../../src/core/workspace/load';
import { toProject } from '../../src/core/workspace/readers';
import type { Workspace } from '../../src/core/workspace/workspace';
import { guardYamlText } from '../../src/core/yaml/guard';
import { MemoryFileSystem } from '../support/memory-fs';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'home-adaptations');

describe('agreement statistics against worked examples', () => {
  it("Cohen's kappa: the textbook 2×2 tables", () => {
    // 50 proposals read by two readers (the standard worked example, e.g. Wikipedia "Cohen's kappa"): po 0.7, pe 0.5.
    const t = { both: 20, aOnly: 5, bOnly: 10, neither: 15 };
    assert.equal(percentAgreement(t), 0.7);
    assert.ok(Math.abs(cohensKappa(t)! - 0.4) < 1e-12);
    // Same observed agreement (60%), different marginals, different kappa: 0.1304 and 0.2593.
    assert.equal(cohensKappa({ both: 45, aOnly: 15, bOnly: 25, neither: 15 })!.toFixed(4), '0.1304');
    assert.equal(cohensKappa({ both: 25, aOnly: 35, bOnly: 5, neither: 35 })!.toFixed(4), '0.2593');
    // Perfect agreement is 1; agreement no better than chance is 0; chance already perfect is undefined.
    assert.equal(cohensKappa({ both: 10, aOnly: 0, bOnly: 0, neither: 90 }), 1);
    assert.equal(cohensKappa({ both: 25, aOnly: 25, bOnly: 25, neither: 25 }), 0);
    assert.equal(cohensKappa({ both: 0, aOnly: 0, bOnly: 0, neither: 50 }), undefined);
  });

  it("Krippendorff's alpha: binary data, two observers (Krippendorff 2011, α = 0.095)", () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const units = a.map((x, i) => [x, b[i]!]);
    assert.equal(krippendorffAlphaNominal(units)!.toFixed(3), '0.095');
    // The same data as a 2×2 table of decisions gives the same α.
    const table = { both: 1, aOnly: 1, bOnly: 3, neither: 5 };
    assert.equal(binaryAlpha(table)!.toFixed(3), '0.095');
    assert.ok(Math.abs(binaryAlpha(table)! - (1 - (19 * 4) / (14 * 6))) < 1e-12);
  });

  it("Krippendorff's alpha: nominal data, four observers, missing values (Krippendorff 2011, α = 0.743)", () => {
    const _ = undefined;
    const observers = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    const units = observers[0]!.map((__, u) => observers.map((o) => o[u]));
    assert.equal(krippendorffAlphaNominal(units)!.toFixed(3), '0.743');
  });

  it('compares two codings character by character, per tag and pooled', () => {
    const span = (id: string, start: number, end: number, tags: string[]): CodedSpan => ({ id, source: 't.md', start, end, tags, quote: `q${id}` });
    const report = compareCodings({
      a: { name: 'ann', spans: [span('a1', 0, 20, ['x']), span('a2', 50, 60, ['x', 'y'])] },
      b: { name: 'bob', spans: [span('b1', 10, 30, ['x']), span('b2', 50, 60, ['y'])] },
      transcripts: [{ path: 't.md', length: 100 }],
    });
    const x = report.tags.find((t) => t.tag === 'x')!;
    // ann covers [0,20) ∪ [50,60) = 30, bob [10,30) = 20, both [10,20) = 10.
    assert.deepEqual(x.table, { both: 10, aOnly: 20, bOnly: 10, neither: 60 });
    assert.equal(x.kappa, cohensKappa(x.table));
    const y = report.tags.find((t) => t.tag === 'y')!;
    assert.deepEqual(y.table, { both: 10, aOnly: 0, bOnly: 0, neither: 90 });
    assert.equal(y.kappa, 1);
    assert.ok(Math.abs(y.alpha! - 1) < 1e-12);
    assert.deepEqual(report.overall.table, { both: 20, aOnly: 20, bOnly: 10, neither: 150 });
    // Most disputed first, with the passages one coder tagged x and the other (mostly) did not.
    assert.deepEqual(
      report.tags.map((t) => t.tag),
      ['x', 'y'],
    );
    assert.deepEqual(
      x.examples.map((e) => [e.id, e.taggedBy, e.characters]),
      [
        ['a1', 'a', 10],
        ['a2', 'a', 10],
        ['b1', 'b', 10],
      ],
    );
    assert.deepEqual(y.examples, []);
    assert.equal(report.shared, 0);
  });

  it('leaves out transcripts only one coder coded', () => {
    const report = compareCodings({
      a: { name: 'a', spans: [{ id: '1', source: 'one.md', start: 0, end: 5, tags: ['x'], quote: '' }] },
      b: { name: 'b', spans: [{ id: '2', source: 'two.md', start: 0, end: 5, tags: ['x'], quote: '' }] },
      transcripts: [
        { path: 'one.md', length: 10 },
        { path: 'two.md', length: 10 },
      ],
    });
    assert.deepEqual(report.transcripts, []);
    assert.deepEqual(report.codedByOneOnly, [
      { path: 'one.md', coder: 'a' },
      { path: 'two.md', coder: 'b' },
    ]);
  });
});

const HIGHLIGHTS_BASE = `# Coded by two people
source: transcripts/p01.md
highlights:
  - id: h-aaaaaaaa
    quote: first
    start: 10
    end: 15
    tags: [waiting-time]
    note: Original memo.
  - id: h-bbbbbbbb
    quote: second
    start: 40
    end: 46
    tags: [adaptations]
`;

const addHighlight = (text: string, id: string, start: number, tags: string) => text + `  - id: ${id}\n    quote: added by ${id}\n    start: ${start}\n    end: ${start + 5}\n    tags: [${tags}]\n`;

describe('three-way merge of Sift YAML by id', () => {
  it('keeps highlights added on both sides, in canonical order, with our comments', () => {
    const ours = addHighlight(HIGHLIGHTS_BASE, 'h-cccccccc', 60, 'waiting-time');
    const theirs = addHighlight(HIGHLIGHTS_BASE, 'h-dddddddd', 20, 'adaptations');
    const out = mergeYaml({ kind: 'highlights', path: 'h.yaml', base: HIGHLIGHTS_BASE, ours, theirs });
    assert.equal(out.status, 'clean');
    const text = (out as { text: string }).text;
    assert.ok(text.startsWith('# Coded by two people\n'));
    const ids = [...text.matchAll(/id: (h-\w+)/g)].map((m) => m[1]);
    assert.deepEqual(ids, ['h-aaaaaaaa', 'h-dddddddd', 'h-bbbbbbbb', 'h-cccccccc']);
  });

  it('keeps the comments of both sides: ours throughout, theirs on what they added', () => {
    const ours = HIGHLIGHTS_BASE.replace('    start: 40\n', '    start: 40 # checked against the recording\n');
    const theirs = addHighlight(HIGHLIGHTS_BASE, 'h-dddddddd', 20, 'adaptations').replace('  - id: h-dddddddd\n', '  # Bob: not sure about this one\n  - id: h-dddddddd\n');
    const out = mergeYaml({ kind: 'highlights', path: 'h.yaml', base: HIGHLIGHTS_BASE, ours, theirs });
    assert.equal(out.status, 'clean');
    const text = (out as { text: string }).text;
    assert.match(text, /start: 40 # checked against the recording\n/);
    assert.match(text, /# Bob: not sure about this one\n {2}- id: h-dddddddd\n/);
  });

  it('takes their new order of the items when only they reordered them', () => {
    const base = 'tags:\n  - id: a\n    label: A\n  - id: b\n    label: B\n';
    const theirs = 'tags:\n  - id: b\n    label: B\n  - id: a\n    label: A\n';
    const out = mergeYaml({ kind: 'codebook', path: 'codebook.yaml', base, ours: '# ours\n' + base, theirs });
    assert.deepEqual(out, { status: 'clean', text: '# ours\n' + theirs }, 'their order, our comment');
  });

  it('merges different fields of the same highlight and the tags added to it on both sides', () => {
    const ours = HIGHLIGHTS_BASE.replace('tags: [waiting-time]', 'tags: [waiting-time, stress]');
    const theirs = HIGHLIGHTS_BASE.replace('tags: [waiting-time]', 'tags: [waiting-time, phone]').replace('Original memo.', 'Better memo.');
    const out = mergeYaml({ kind: 'highlights', path: 'h.yaml', base: HIGHLIGHTS_BASE, ours, theirs });
    assert.equal(out.status, 'clean');
    const text = (out as { text: string }).text;
    // Their addition goes after the tag it follows on their side.
    assert.match(text, /tags: \[waiting-time, phone, stress\]/);
    assert.match(text, /note: Better memo\./);
  });

  it('applies a deletion the other side did not touch', () => {
    const ours = HIGHLIGHTS_BASE.replace(/  - id: h-bbbbbbbb[\s\S]*$/, '');
    const theirs = HIGHLIGHTS_BASE.replace('Original memo.', 'Edited.');
    const out = mergeYaml({ kind: 'highlights', path: 'h.yaml', base: HIGHLIGHTS_BASE, ours, theirs });
    assert.equal(out.status, 'clean');
    assert.doesNotMatch((out as { text: string }).text, /h-bbbbbbbb/);
    assert.match((out as { text: string }).text, /note: Edited\./);
  });

  it('merges cards added to the same theme on both sides', () => {
    const base = 'title: Waiting\nhighlights: [h-11111111, h-22222222]\n';
    const out = mergeYaml({ kind: 'theme', path: 'themes/w.yaml', base, ours: 'title: Waiting\nhighlights: [h-11111111, h-33333333, h-22222222]\n', theirs: 'title: Waiting\nhighlights: [h-11111111, h-22222222, h-44444444]\n' });
    assert.deepEqual(out, { status: 'clean', text: 'title: Waiting\nhighlights: [h-11111111, h-33333333, h-22222222, h-44444444]\n' });
  });

  it('leaves the same memo changed differently as a conflict, with both versions and markers check reports', () => {
    const ours = HIGHLIGHTS_BASE.replace('Original memo.', 'Memo by Ann.');
    const theirs = HIGHLIGHTS_BASE.replace('Original memo.', 'Memo by Bob.');
    const out = mergeYaml({ kind: 'highlights', path: 'h.yaml', base: HIGHLIGHTS_BASE, ours, theirs });
    assert.equal(out.status, 'conflict');
    const { text, conflicts } = out as { text: string; conflicts: { where: string; ours: unknown; theirs: unknown }[] };
    assert.deepEqual(conflicts, [{ where: 'highlights[h-aaaaaaaa].note', ours: 'Memo by Ann.', theirs: 'Memo by Bob.' }]);
    assert.match(text, /<<<<<<< ours\n {4}note: Memo by Ann\.\n=======\n {4}note: Memo by Bob\.\n>>>>>>> theirs\n/);
    const problems = guardYamlText('h.yaml', text);
    assert.deepEqual(
      problems.map((p) => [p.code, p.line]),
      [
        ['merge-conflict', 9],
        ['merge-conflict', 11],
        ['merge-conflict', 13],
      ],
    );
    assert.match(problems[0]!.message, /Unresolved git merge conflict/);
  });

  it('a highlight deleted on one side and changed on the other is a conflict that keeps the changed one', () => {
    const ours = HIGHLIGHTS_BASE.replace(/  - id: h-bbbbbbbb[\s\S]*$/, '');
    const theirs = HIGHLIGHTS_BASE.replace('tags: [adaptations]', 'tags: [adaptations, phone]');
    const out = mergeYaml({ kind: 'highlights', path: 'h.yaml', base: HIGHLIGHTS_BASE, ours, theirs });
    assert.equal(out.status, 'conflict');
    assert.match((out as { text: string }).text, /=======\n {2}- id: h-bbbbbbbb[\s\S]*tags: \[adaptations, phone\]\n>>>>>>> theirs/);
  });

  it('merges a file both sides created (no common ancestor)', () => {
    const out = mergeYaml({ kind: 'theme', path: 'themes/t.yaml', base: undefined, ours: 'title: T\nhighlights: [h-11111111]\n', theirs: 'title: T\nhighlights: [h-22222222]\n' });
    // Their card was first on their side, and stays before ours.
    assert.deepEqual(out, { status: 'clean', text: 'title: T\nhighlights: [h-22222222, h-11111111]\n' });
  });

  it('refuses a side that does not parse, saying which', () => {
    const out = mergeYaml({ kind: 'theme', path: 'themes/t.yaml', base: 'title: T\n', ours: 'title: [unclosed\n', theirs: 'title: U\n' });
    assert.equal(out.status, 'refused');
    assert.match((out as { problems: { message: string }[] }).problems[0]!.message, /^ours: YAML syntax error/);
  });
});

describe('mergeable files and .gitattributes', () => {
  it('knows the kinds Sift merges from their paths', () => {
    assert.equal(mergeableKindOf('highlights/transcripts/a/p01.md.yaml'), 'highlights');
    assert.equal(mergeableKindOf('themes/waiting.yaml'), 'theme');
    assert.equal(mergeableKindOf('themes/old/waiting.yaml'), undefined);
    assert.equal(mergeableKindOf('codebook.yaml'), 'codebook');
    assert.equal(mergeableKindOf('research.yaml'), undefined);
    assert.equal(mergeableKindOf('transcripts/p01.md'), undefined);
  });

  it('adds its lines once, after what the team has', () => {
    const project = toProject({ name: 'x', sources: ['transcripts/**/*.md'] });
    const once = withSiftAttributes('*.png binary\n', project)!;
    assert.ok(once.startsWith('*.png binary\n\n# Sift'));
    assert.match(once, /^highlights\/\*\*\/\*\.yaml merge=sift$/m);
    assert.match(once, /^transcripts\/\*\*\/\*\.md -text$/m);
    assert.equal(withSiftAttributes(once, project), undefined);
  });
});

/** The example study, in memory. */
function exampleFiles(): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  for (const rel of readdirSync(EXAMPLE, { recursive: true, encoding: 'utf8' })) {
    const abs = path.join(EXAMPLE, rel);
    if (statSync(abs).isFile() && !rel.startsWith('.sift')) fs.write(rel.split(path.sep).join('/'), readFileSync(abs));
  }
  return fs;
}

const load = async (fs: MemoryFileSystem): Promise<Workspace> => (await loadWorkspace(fs)).workspace;

async function refactor(fs: MemoryFileSystem, op: (plan: EditPlan, ws: Workspace) => Promise<unknown>): Promise<void> {
  const ws = await load(fs);
  const plan = new EditPlan(fs, ws.versions);
  await op(plan, ws);
  fs.apply(plan.result().edits);
}

describe('semantic diff of the analysis', () => {
  it('shows a tag rename as a rename, not as every highlight re-tagged', async () => {
    const fs = exampleFiles();
    const before = await load(fs);
    await refactor(fs, (p, w) => renameTag(p, w, 'waiting-time', { newId: 'waiting-for-service', label: 'Waiting for service' }));
    const d = diffAnalysis(before, await load(fs));
    assert.deepEqual(d.tags.renamed, [{ from: { id: 'waiting-time', label: 'Waiting time' }, to: { id: 'waiting-for-service', label: 'Waiting for service' } }]);
    assert.deepEqual([d.tags.added, d.tags.removed, d.highlights.retagged], [[], [], []]);
  });

  it('shows merged tags as merged', async () => {
    const fs = exampleFiles();
    const before = await load(fs);
    await refactor(fs, (p, w) => mergeTags(p, w, ['phone', 'online'], 'channels'));
    const d = diffAnalysis(before, await load(fs));
    assert.deepEqual(
      d.tags.merged.map((m) => [m.from.map((f) => f.id), m.into.id, m.intoIsNew]),
      [[['phone', 'online'], 'channels', false]],
    );
    assert.deepEqual(d.tags.removed, []);
    // Highlights that had phone and now have channels are not "re-tagged"; none lost a tag.
    assert.ok(d.highlights.retagged.every((r) => r.removed.length === 0));
  });

  it('recognises a tag renamed by hand (no alias) by the highlights that carry it', async () => {
    const fs = exampleFiles();
    const before = await load(fs);
    for (const p of fs.paths().filter((p) => p.endsWith('.yaml'))) fs.write(p, fs.text(p)!.replace(/\bkeeping-records\b/g, 'record-keeping'));
    const d = diffAnalysis(before, await load(fs));
    assert.deepEqual(
      d.tags.renamed.map((r) => [r.from.id, r.to.id]),
      [['keeping-records', 'record-keeping']],
    );
    assert.deepEqual(d.highlights.retagged, []);
  });

  it('reports re-tags, card moves between themes, insight changes and added highlights, with quotes and participants', async () => {
    const fs = exampleFiles();
    const before = await load(fs);
    const hl = 'highlights/transcripts/interviews/p01.md.yaml';
    fs.write(hl, fs.text(hl)!.replace('    tags: [adaptations]\n', '    tags: [adaptations, workarounds]\n'));
    fs.write('themes/waiting-without-word.yaml', fs.text('themes/waiting-without-word.yaml')!.replace('h-4yfqcv9s, ', ''));
    fs.write('themes/nobody-owns-the-case.yaml', fs.text('themes/nobody-owns-the-case.yaml')!.replace('highlights: [', 'highlights: [h-4yfqcv9s, '));
    const ins = 'insights/silence-during-waits-feels-like-being-forgotten.yaml';
    fs.write(ins, fs.text(ins)!.replace('as being forgotten', 'as abandonment').replace('status: accepted', 'status: in-review'));
    const after = await load(fs);
    const d = diffAnalysis(before, after);

    assert.deepEqual(
      d.highlights.retagged.map((r) => [r.highlight.id, r.highlight.participant, r.added, r.removed]),
      [['h-835p0v1g', 'P01', ['workarounds'], []]],
    );
    assert.deepEqual(
      d.themes.moved.map((m) => [m.highlight.id, m.from.id, m.to.id]),
      [['h-4yfqcv9s', 'waiting-without-word', 'nobody-owns-the-case']],
    );
    assert.equal(d.themes.moved[0]!.highlight.quote, "the worst of it is not the waiting, really, it's the not knowing.");
    assert.deepEqual(d.themes.cards, []);
    const change = d.insights.changed[0]!;
    assert.match(change.statement!.before, /as being forgotten/);
    assert.match(change.statement!.after, /as abandonment/);
    assert.deepEqual(change.fields, [{ field: 'status', before: 'accepted', after: 'in-review' }]);

    const md = renderDiff(d, 'md', { before: 'main', after: 'feature' });
    assert.match(md, /^### Analysis changes: `main` → `feature`\n\n1 highlight re-tagged · 1 card moved between themes · 1 insight changed\n/);
    assert.match(md, /\*\*Moved\*\* \*\*P01\*\* \(`transcripts\/interviews\/p01\.md`\): “the worst of it is not the waiting, really, it's the not knowing\.” from \*Waiting without word\*/);
    assert.match(md, /status “accepted” → “in-review”/);
    assert.deepEqual(JSON.parse(renderDiff(d, 'json', { before: 'a', after: 'b' })).summary[0], { what: 'highlight re-tagged', count: 1 });
  });

  it('pairs a theme whose file was renamed with its old self, and sees no change in an unchanged study', async () => {
    const fs = exampleFiles();
    const before = await load(fs);
    assert.match(renderDiff(diffAnalysis(before, before), 'text', { before: 'a', after: 'b' }), /No changes to the analysis/);
    fs.write('themes/silence-while-waiting.yaml', fs.text('themes/waiting-without-word.yaml')!.replace('title: Waiting without word', 'title: Silence while waiting'));
    fs.remove('themes/waiting-without-word.yaml');
    for (const p of fs.paths().filter((p) => p.startsWith('insights/'))) fs.write(p, fs.text(p)!.replace('waiting-without-word', 'silence-while-waiting'));
    const d = diffAnalysis(before, await load(fs));
    assert.deepEqual(
      d.themes.renamed.map((r) => [r.from.title, r.to.title]),
      [['Waiting without word', 'Silence while waiting']],
    );
    assert.deepEqual([d.themes.created, d.themes.removed, d.themes.cards], [[], [], []]);
  });

  it('tells a regenerated persona (evidence-derived fields) from an edited one', async () => {
    const fs = exampleFiles();
    const before = await load(fs);
    const [regenerated, edited] = fs.paths().filter((p) => p.startsWith('personas/'));
    fs.write(regenerated!, fs.text(regenerated!)!.replace(/^share: .*$/m, 'share: 0.35'));
    fs.write(edited!, fs.text(edited!)!.replace(/^summary: .*$/m, 'summary: Rewritten by hand.'));
    const d = diffAnalysis(before, await load(fs));
    assert.deepEqual(
      d.personas.changed.map((c) => [c.persona.id, c.regenerated, c.fields.map((f) => f.field)]),
      [
        [regenerated!.slice(9, -5), true, ['share']],
        [edited!.slice(9, -5), false, ['summary']],
      ],
    );
    assert.match(renderDiff(d, 'text', { before: 'a', after: 'b' }), /Regenerated from the coding: [\s\S]*share “[\d.]+” → “0\.35”[\s\S]*Edited: /);
  });

  it('escapes Markdown in the words of a quote', async () => {
    const fs = exampleFiles();
    const before = await load(fs);
    const hl = 'highlights/transcripts/interviews/p01.md.yaml';
    fs.write(hl, fs.text(hl)!.replace(/note: Wants her place in the queue.*/, 'note: "*Not* <b>a</b> promise"'));
    const md = renderDiff(diffAnalysis(before, await load(fs)), 'md', { before: 'a', after: 'b' });
    assert.match(md, /“\\\*Not\\\* \\<b\\>a\\<\/b\\> promise/);
  });
});
