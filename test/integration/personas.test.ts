/**
 * Personas in a real VS Code on the example study: "Generate Personas…" answered through its
 * real quick picks, checked against what the core computes from the files on disk (never
 * hard-coded numbers); a researcher's edit survives regenerating; the persona card shows
 * what the file says, opens a quote's passage, and is photographed in both themes.
 */
import * as assert from 'node:assert/strict';
import { existsSync, promises as fsp, statSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { indexEvidence } from '../../src/core/insights/evidence';
import { generatePersonas, type PersonaDraft } from '../../src/core/personas/generate';
import { describeSeparation } from '../../src/core/personas/kmeans';
import { loadWorkspace } from '../../src/core/workspace/load';
import type { Workspace } from '../../src/core/workspace/workspace';
import { NodeFileSystem } from '../../src/node/node-fs';
import type { RenderedReport } from '../../src/protocol/persona';
import { answer, clickInWebview, press } from './keyboard';
import { api, file, read, root, screenshot, THEMES, until, untilShown, useColorTheme } from './support';

interface PersonaFile {
  name: string;
  label?: string;
  summary?: string;
  participants: string[];
  share: number;
  status?: string;
  set?: string;
  distinguishing: { tag: string; lift: number; members?: number; of?: number; others?: number; othersOf?: number }[];
  quotes: string[];
  goals: string[];
  frustrations: string[];
  behaviours: string[];
  generated?: { fields: Record<string, string>; silhouette?: { group: number; set: number } };
}

interface Outcome {
  summary: string[];
  writes: { path: string; action: string; kept: string[]; adopted: boolean }[];
}

const HAND_WRITTEN = 'caught-out-at-pension-age';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const personaFiles = async () => (await fsp.readdir(file('personas'))).filter((f) => f.endsWith('.yaml')).sort();
const personaFile = async (path: string) => parse(await read(path)) as PersonaFile;
/** The study as the core reads it from disk, independently of the extension. */
const fromDisk = async (): Promise<Workspace> => (await loadWorkspace(new NodeFileSystem(root().fsPath))).workspace;
const sorted = (ids: readonly string[]) => [...ids].sort();
const rendered = (id: string) => vscode.commands.executeCommand<RenderedReport | undefined>('sift.persona.rendered', id);

/**
 * Runs Generate Personas… and answers its quick picks with the keyboard: two personas, no
 * attributes, and, when new groups resemble the hand-written personas, `similar` (the
 * words of the choice to pick).
 */
async function generateTwo(shot?: string, similar?: string): Promise<Outcome> {
  const run = vscode.commands.executeCommand<Outcome | undefined>('sift.generatePersonas');
  // Each answer waits until its quick pick is drawn and has the keyboard: a fixed pause let keys
  // land in the transcript behind when the pick came late on a busy machine (failed once in CI).
  await answer('2 personas');
  if (shot) await screenshot(shot);
  await press('Enter');
  await answer(''); // the attributes pick: none picked, the coding alone
  if (shot) await screenshot(`${shot}-attributes`);
  await press('Enter');
  if (similar) {
    await answer(similar); // the twins pick
    if (shot) await screenshot(`${shot}-twins`);
    await press('Enter');
  }
  const outcome = await run;
  assert.ok(outcome, 'the command ran to the end');
  return outcome;
}

/** Waits for a card to report something that satisfies `check`; on failure says what it showed. */
const card = (id: string, what: string, check: (r: RenderedReport) => boolean) => untilShown('persona', () => rendered(id), what, check);

describe('personas', function () {
  this.timeout(120000);
  let existing: string[];
  /** The generated files, by path, with the draft the core computed for each. */
  const generated = new Map<string, PersonaDraft>();

  before(async () => {
    await api();
    existing = await personaFiles();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    for (const path of generated.keys()) await fsp.rm(file(path), { force: true });
  });

  it('generates two personas through the quick picks, with the shares, participants and quotes the coded evidence gives', async () => {
    const expected = generatePersonas(await fromDisk(), { k: 2 });
    const outcome = await generateTwo('persona-pick', 'Add as new drafts');
    const created = (await personaFiles()).filter((f) => !existing.includes(f));
    assert.equal(created.length, 2, `two new files: ${created.join(', ')}`);
    assert.deepEqual(
      outcome.writes.map((w) => w.action),
      ['create', 'create'],
    );
    assert.match(outcome.summary.join(' '), /^2 personas from \d+ participants \(k = 2, silhouette \d\.\d\d\)\. Created “Persona A” and “Persona B”\./);
    // The example's hand-written personas cover the same people: the summary says so.
    assert.match(outcome.summary.join(' '), /resembles your persona “(Len|Dana)”/);
    assert.match(outcome.summary.join(' '), /New personas are drafts: reports leave them out until you accept them/);

    const index = indexEvidence(await fromDisk());
    for (const name of created) {
      const path = `personas/${name}`;
      const written = await personaFile(path);
      const draft = expected.personas.find((d) => sorted(d.participants).join() === sorted(written.participants).join());
      assert.ok(draft, `${path}: its participants ${written.participants.join(' ')} are one of the core's groups`);
      generated.set(path, draft);
      assert.equal(written.share, draft.share);
      assert.equal(written.share, Math.round((draft.participants.length / expected.profiled) * 100) / 100);
      assert.deepEqual(written.quotes, draft.quotes);
      assert.deepEqual(
        written.distinguishing,
        draft.distinguishing.map((t) => ({ tag: t.tag, lift: t.lift, members: t.participants, of: t.size, others: t.others, othersOf: t.othersSize })),
      );
      assert.deepEqual([written.status, written.set], ['draft', 'by-coding']);
      assert.deepEqual([written.goals, written.frustrations, written.behaviours], [draft.goals, draft.frustrations, draft.behaviours]);
      assert.ok(written.quotes.length > 0, `${path} has quotes`);
      for (const id of written.quotes) {
        const e = index.byId.get(id);
        assert.ok(e, `${id} is a highlight`);
        assert.ok(written.participants.includes(e.participant!), `${id} is by ${e.participant}, one of the persona's participants`);
        assert.ok(e.quotable, `${id} may be quoted`);
      }
      assert.ok(written.generated?.fields.name, 'the file records what Sift wrote');
    }
    assert.deepEqual(
      [...generated.values()].map((d) => d.participants.length).reduce((a, b) => a + b, 0),
      expected.profiled,
      'every profiled participant is in one persona',
    );
    assert.deepEqual(await personaFiles(), sorted([...existing, ...created]), 'the hand-written personas are still there');
  });

  it('opens a card per persona that shows what its file says', async () => {
    const ws = await fromDisk();
    const labels = new Map(ws.codebook.map((t) => [t.id, t.label]));
    const index = indexEvidence(ws);
    for (const path of generated.keys()) {
      const id = path.replace(/^personas\/|\.yaml$/g, '');
      const f = await personaFile(path);
      // A card in a background tab renders when it is shown.
      await vscode.commands.executeCommand('sift.openPersona', id);
      const r = await card(id, `the card of ${id}`, (x) => x.name === f.name);
      assert.deepEqual(r, {
        name: f.name,
        label: f.label,
        share: `${Math.round(f.share * 100)}%`,
        participants: f.participants.length,
        status: 'Draft',
        distinguishing: f.distinguishing.map((t) => labels.get(t.tag) ?? t.tag),
        distinguishingFigures: f.distinguishing.map((t) => `${t.members} of ${t.of} vs ${t.others} of ${t.othersOf} others`),
        separation: `How distinct: ${describeSeparation(f.generated!.silhouette!.group).replace(/^./, (c) => c.toUpperCase())} from the other personas of its set (silhouette ${f.generated!.silhouette!.group.toFixed(2)} for this group, ${f.generated!.silhouette!.set.toFixed(2)} across the set, on a scale from −1 to 1).`,
        quotes: f.quotes,
        attributions: f.quotes.map((q) => index.byId.get(q)!.participant),
        goals: f.goals,
        frustrations: f.frustrations,
        behaviours: f.behaviours,
        injected: 0,
      });
    }
    await screenshot('persona-generated');
    // Statements in the members' words: a code, how many, a quote and who said it.
    const statements = (await Promise.all([...generated.keys()].map(personaFile))).flatMap((f) => [...f.goals, ...f.frustrations, ...f.behaviours]);
    assert.ok(statements.filter((t) => /^.+ \(\d+ of \d+\): “.+” — P\d\d$/.test(t)).length >= 3, statements.join('\n'));
  });

  for (const [theme, name] of THEMES) {
    it(`shows a draft card in the ${name} theme with Accept, evidence-based statements and counts (screenshot persona-draft-${name})`, async () => {
      const [path] = [...generated.keys()];
      const id = path!.replace(/^personas\/|\.yaml$/g, '');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('sift.openPersona', id);
      await card(id, 'the draft card', (x) => x.status === 'Draft' && x.distinguishingFigures.length > 0);
      await useColorTheme(theme);
      await pause(1500);
      await screenshot(`persona-draft-${name}`);
      await clickInWebview('.summary');
      await press('End');
      await pause(800);
      await screenshot(`persona-draft-${name}-end`);
    });
  }

  it('accepts a draft from its card: the file says accepted, the card and the report follow', async () => {
    const [, path] = [...generated.keys()];
    const id = path!.replace(/^personas\/|\.yaml$/g, '');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('sift.openPersona', id);
    await card(id, 'the draft card', (x) => x.status === 'Draft');
    const before = await read(path!);
    await clickInWebview('vscode-button[appearance="primary"]');
    await card(id, 'the accepted card', (x) => x.status === 'Accepted');
    const after = await read(path!);
    assert.equal(after, before.replace(/^status: draft$/m, 'status: accepted'), 'only the status changed');
    await screenshot('persona-accepted');
    const { renderReport } = await import('../../src/core/report');
    const md = renderReport(await fromDisk(), 'md', { date: '2026-04-01' });
    const f = await personaFile(path!);
    assert.ok(md.includes(`**${f.name}, “${f.label}”**`), 'the accepted persona reaches the report');
    assert.match(md, /One draft persona is not included/);
  });

  it('opens the passage of a quote clicked on the card', async () => {
    const [path] = [...generated.keys()];
    const id = path!.replace(/^personas\/|\.yaml$/g, '');
    const f = await personaFile(path!);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('sift.openPersona', id);
    await card(id, 'the card', (x) => x.quotes.length > 0);
    const quoted = indexEvidence(await fromDisk()).byId.get(f.quotes[0]!)!;
    await clickInWebview(`.quote[data-id="${f.quotes[0]}"]`);
    const editor = await until('the transcript with the quote selected', () => {
      const e = vscode.window.visibleTextEditors.find((x) => x.document.uri.fsPath === file(quoted.source));
      return e && !e.selection.isEmpty && e.selection;
    });
    const shown = vscode.window.visibleTextEditors.find((x) => x.document.uri.fsPath === file(quoted.source))!.document.getText(editor);
    assert.equal(shown.replace(/\s+/g, ' '), quoted.highlight.quote.replace(/\s+/g, ' '));
  });

  it('keeps a researcher’s edits when the personas are generated again', async () => {
    const [path] = [...generated.keys()];
    const id = path!.replace(/^personas\/|\.yaml$/g, '');
    const original = await read(path!);
    const draft = generated.get(path!)!;
    const edited = original.replace(/^name: .*$/m, 'name: Rita').replace(/^goals:(?: \[.*\]\n|\n(?:  - .*\n)+)/m, 'goals: [Get the rails fitted before winter]\n');
    assert.notEqual(edited, original);
    await fsp.writeFile(file(path!), edited);
    await card(id, 'the card after the edit', (x) => x.name === 'Rita');

    // The picks are answered through the keyboard in the test before; here the answers are given
    // to the command, so the test is about what a regeneration keeps. Why: in the full suite a
    // regeneration sometimes also asked the "resembles your personas" question (seen twice in CI-like
    // runs, not understood yet: the clustering was the same), and a pick nobody answered hung the test.
    // Updating rather than adding twins keeps the set of files, which is what this test checks.
    const outcome = await vscode.commands.executeCommand<Outcome | undefined>('sift.generatePersonas', { k: 2, attributes: [], similar: 'update' });
    assert.ok(outcome, 'the command ran to the end');
    assert.deepEqual(await personaFiles(), sorted([...existing, ...generated.keys()].map((p) => p.replace(/^personas\//, ''))), 'no new files: the same personas refreshed');
    const write = outcome.writes.find((w) => w.path === path);
    assert.deepEqual(sorted(write!.kept), ['goals', 'name']);
    assert.match(outcome.summary.join(' '), /Kept your edits to “Rita”: name, goals\./);
    const after = await personaFile(path!);
    assert.equal(after.name, 'Rita');
    assert.deepEqual(after.goals, ['Get the rails fitted before winter']);
    assert.deepEqual([after.share, after.quotes], [draft.share, draft.quotes], 'generated fields still follow the evidence');
    assert.equal(after.generated?.fields.name, undefined, 'the name is the researcher’s now');
    await card(id, 'the card with the kept edits', (x) => x.name === 'Rita' && x.goals[0] === 'Get the rails fitted before winter');
  });

  it('opens a persona as Markdown', async () => {
    const uri = await vscode.commands.executeCommand<string>('sift.openPersonaMarkdown', HAND_WRITTEN);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.ok(doc, 'an untitled Markdown document');
    assert.equal(doc.languageId, 'markdown');
    const f = await personaFile(`personas/${HAND_WRITTEN}.yaml`);
    assert.match(doc.getText(), new RegExp(`^#+ ${f.name}`, 'm'));
    for (const goal of f.goals) assert.ok(doc.getText().includes(goal), goal);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('saves a persona as a web page to print', async () => {
    const target = vscode.Uri.file(join(os.tmpdir(), `sift-persona-${process.pid}.html`));
    assert.equal(await vscode.commands.executeCommand('sift.savePersonaHtml', HAND_WRITTEN, target), target.toString());
    const html = await fsp.readFile(target.fsPath, 'utf8');
    await fsp.rm(target.fsPath);
    const f = await personaFile(`personas/${HAND_WRITTEN}.yaml`);
    assert.match(html, new RegExp(`<title>${f.name}, “${f.label}”</title>`));
    for (const goal of f.goals) assert.ok(html.includes(goal), goal);
  });

  for (const [theme, name] of THEMES) {
    it(`looks like a document in the ${name} theme (screenshot persona-${name})`, async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('sift.openPersona', HAND_WRITTEN);
      const f = await personaFile(`personas/${HAND_WRITTEN}.yaml`);
      await card(HAND_WRITTEN, 'the hand-written card', (x) => x.name === f.name && x.quotes.length === f.quotes.length);
      await vscode.commands.executeCommand('sift.personas.focus');
      await useColorTheme(theme);
      await pause(1500);
      const shot = await screenshot(`persona-${name}`);
      assert.ok(existsSync(shot) && statSync(shot).size > 20000, 'a real picture');
      // The end of the page, for a person to look at.
      await clickInWebview('.summary');
      await press('End');
      await pause(800);
      await screenshot(`persona-${name}-end`);
    });
  }

  it('says so when the persona’s file is deleted', async () => {
    const [path] = [...generated.keys()];
    const id = path!.replace(/^personas\/|\.yaml$/g, '');
    await vscode.commands.executeCommand('sift.openPersona', id);
    await card(id, 'the card', (x) => x.name === 'Rita');
    await fsp.rm(file(path!));
    const r = await card(id, 'the card of a deleted file', (x) => x.name !== 'Rita');
    assert.deepEqual([r.name, r.quotes, r.injected], ['This persona’s file is gone', [], 0]);
  });

  it('offers to update the hand-written personas a new generation resembles, instead of adding twins', async () => {
    for (const path of generated.keys()) await fsp.rm(file(path), { force: true });
    await until('the generated files gone from the study', async () => (await personaFiles()).join() === existing.join() && true);
    const originals = new Map(await Promise.all(existing.map(async (f) => [f, await read(`personas/${f}`)] as const)));
    try {
      const expected = generatePersonas(await fromDisk(), { k: 2 });
      const outcome = await generateTwo('persona-twins', 'Update');
      assert.deepEqual(await personaFiles(), existing, 'no twin added');
      assert.deepEqual(
        outcome.writes.map((w) => [w.action, w.adopted]),
        [
          ['update', true],
          ['update', true],
        ],
      );
      assert.match(outcome.summary.join(' '), /Updated your personas “(Len|Dana)” and “(Len|Dana)” with this run’s participants, share and distinguishing codes instead of adding twins; your words are kept\./);
      const len = await personaFile(`personas/${HAND_WRITTEN}.yaml`);
      const before = parse(originals.get(`${HAND_WRITTEN}.yaml`)!) as PersonaFile;
      const group = expected.personas.find((d) => d.participants.includes('P05'))!;
      assert.deepEqual(sorted(len.participants), sorted(group.participants));
      assert.deepEqual([len.name, len.summary, len.goals, len.quotes, len.status], [before.name, before.summary, before.goals, before.quotes, 'accepted']);
      assert.equal(len.distinguishing[0]!.members, group.distinguishing[0]!.participants);
    } finally {
      for (const [f, text] of originals) await fsp.writeFile(file(`personas/${f}`), text);
    }
  });

  it('writes segments from the Segment Participants command, as an attribute the study then knows', async () => {
    const originals = new Map(await Promise.all(['research.yaml', 'participants.yaml'].map(async (f) => [f, await read(f)] as const)));
    try {
      const result = await vscode.commands.executeCommand<{ attribute: string; segments: { value: string; participants: string[] }[]; summary: string }>('sift.segmentParticipants', { by: ['tags'], k: 2 });
      assert.ok(result, 'the command ran to the end');
      const ws = await fromDisk();
      assert.deepEqual(
        ws.project!.attributes.segment!.values,
        result.segments.map((g) => g.value),
      );
      for (const g of result.segments) for (const id of g.participants) assert.equal(ws.participants.find((p) => p.id === id)!.attributes.segment, g.value);
      assert.match(result.summary, /^Wrote “segment” for 12 participants: [a-z-]+ \(50% of the total sample\), [a-z-]+ \(50% of the total sample\)\.$/);
      assert.match(await read('research.yaml'), /# Broad ethnic groups after the ONS 2021 Census classification\./);
    } finally {
      for (const [f, text] of originals) await fsp.writeFile(file(f), text);
    }
  });
});
