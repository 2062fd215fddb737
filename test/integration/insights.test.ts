/**
 * Insights in a real VS Code on the example study: the Insights tree (grouped by status, with
 * evidence strength counted here from the files), New Insight from an editor selection and
 * from a theme, status changes and recommendations written to insights/<id>.yaml, and the
 * insight view (quotes shown, a click opens the passage). Screenshots insight-light/-dark.
 */
import * as assert from 'node:assert/strict';
import { existsSync, promises as fsp, statSync } from 'node:fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { ShownInsights } from '../../src/extension/features/insights';
import type { RenderedReport } from '../../src/protocol/insight';
import { clickInWebview, press, typeText } from './keyboard';
import { api, file, openTranscript, P01, P01_HIGHLIGHTS, read, screenshot, THEMES, until, untilShown, useColorTheme } from './support';

const SILENCE = 'silence-during-waits-feels-like-being-forgotten';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface HighlightFile {
  source: string;
  highlights: { id: string; quote: string; start: number; end: number; speaker?: string }[];
}

/** Every highlight of the study, read from highlights/**, with who said it: the speaker, or the participant the transcript is named after. */
async function highlightsOnDisk(): Promise<Map<string, { source: string; participant: string; quote: string; start: number; end: number }>> {
  const out = new Map<string, { source: string; participant: string; quote: string; start: number; end: number }>();
  const files = (await fsp.readdir(file('highlights'), { recursive: true, encoding: 'utf8' })).filter((f) => f.endsWith('.yaml'));
  for (const f of files) {
    const doc = parse(await read(`highlights/${f}`)) as HighlightFile;
    for (const h of doc.highlights) {
      const participant = h.speaker && /^P\d+$/.test(h.speaker) ? h.speaker : `P${/p(\d+)/.exec(doc.source)![1]}`;
      out.set(h.id, { source: doc.source, participant, quote: h.quote, start: h.start, end: h.end });
    }
  }
  return out;
}

async function insightsOnDisk(): Promise<Map<string, { status: string; evidence: string[]; statement: string; recommendations?: unknown[] }>> {
  const names = (await fsp.readdir(file('insights'))).filter((f) => f.endsWith('.yaml')).sort();
  return new Map(await Promise.all(names.map(async (n) => [n.replace(/\.yaml$/, ''), parse(await read(`insights/${n}`))] as const)));
}

const shown = () => vscode.commands.executeCommand<ShownInsights>('sift.insights.shown');
const rendered = () => vscode.commands.executeCommand<RenderedReport | undefined>('sift.insight.rendered');

const view = (what: string, check: (r: RenderedReport) => boolean) => untilShown('insight', rendered, what, check);

/** Types into the input box or quick pick an insight command opened, once it is open, and presses Enter. */
async function answer(prompt: string, text: string): Promise<void> {
  await until(`the ${prompt} prompt`, async () => (await vscode.commands.executeCommand<string | undefined>('sift.insights.asking')) === prompt, 15000);
  await pause(400); // from the extension host to the screen
  await typeText(text);
  await press('Enter');
  await until(`the ${prompt} prompt to close`, async () => (await vscode.commands.executeCommand<string | undefined>('sift.insights.asking')) !== prompt, 15000);
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

describe('insights', function () {
  this.timeout(120000);
  let created: string | undefined;

  before(async () => {
    await api();
  });

  it('the Insights tree shows the four example insights grouped by status, with their evidence strength', async () => {
    const highlights = await highlightsOnDisk();
    const insights = await insightsOnDisk();
    assert.equal(insights.size, 4);
    const tree = await until('the Insights tree', async () => ((await shown()).groups.length > 0 ? shown() : undefined));
    assert.equal(tree.groupBy, 'status');
    const order = ['draft', 'in-review', 'accepted', 'actioned', 'rejected'];
    const labels: Record<string, string> = { draft: 'Draft', 'in-review': 'In review', accepted: 'Accepted', actioned: 'Actioned', rejected: 'Rejected' };
    const statuses = order.filter((s) => [...insights.values()].some((i) => i.status === s));
    assert.deepEqual(
      tree.groups.map((g) => g.label),
      statuses.map((s) => labels[s]),
    );
    for (const [i, status] of statuses.entries()) {
      const group = tree.groups[i]!;
      const expected = [...insights].filter(([, x]) => x.status === status);
      assert.deepEqual(
        group.insights.map((x) => x.id),
        expected.map(([id]) => id),
      );
      for (const [id, insight] of expected) {
        const row = group.insights.find((x) => x.id === id)!;
        const cited = [...new Set(insight.evidence)].map((h) => highlights.get(h)!);
        const people = new Set(cited.map((h) => h.participant)).size;
        const transcripts = new Set(cited.map((h) => h.source)).size;
        assert.equal(row.label, insight.statement);
        assert.equal(row.strength, `${count(cited.length, 'highlight')} from ${count(people, 'participant')} in ${count(transcripts, 'transcript')}`, id);
        assert.equal(row.level, people === 1 ? 'one voice' : people === 2 ? 'thin: two voices' : 'a pattern', id);
        assert.equal(row.icon, people === 1 ? 'warning' : 'lightbulb', id);
      }
    }
  });

  it('groups by theme from the title bar and back', async () => {
    await vscode.commands.executeCommand('sift.insights.groupByTheme');
    const byTheme = await shown();
    assert.equal(byTheme.groupBy, 'theme');
    const themes = await Promise.all((await fsp.readdir(file('themes'))).map(async (f) => (parse(await read(`themes/${f}`)) as { title: string }).title));
    for (const g of byTheme.groups) assert.ok(g.label === 'No theme' || themes.includes(g.label), g.label);
    assert.ok(byTheme.groups.find((g) => g.label === 'Waiting without word')?.insights.some((i) => i.id === SILENCE));
    await vscode.commands.executeCommand('sift.insights.groupByStatus');
    assert.equal((await shown()).groupBy, 'status');
  });

  it('New Insight… from an editor selection writes insights/<id>.yaml citing the highlights under it', async () => {
    const editor = await openTranscript(P01);
    const text = editor.document.getText();
    const ours = (parse(await read(P01_HIGHLIGHTS)) as HighlightFile).highlights;
    // From the start of the second highlight to the end of the third: those two, and any other they overlap.
    const [, second, third] = [...ours].sort((a, b) => a.start - b.start);
    const codeUnits = (cp: number) => [...text.replace(/\r\n/g, '\n')].slice(0, cp).join('').length;
    editor.selection = new vscode.Selection(editor.document.positionAt(codeUnits(second!.start)), editor.document.positionAt(codeUnits(third!.end)));
    const expected = ours
      .filter((h) => h.start < third!.end && h.end > second!.start)
      .sort((a, b) => a.start - b.start)
      .map((h) => h.id);
    assert.ok(expected.length >= 2);
    const before = new Set(await fsp.readdir(file('insights')));
    const running = vscode.commands.executeCommand<string | undefined>('sift.newInsight');
    await answer('New Insight', 'Residents want to know where they stand more than a date');
    created = await running;
    assert.equal(created, 'residents-want-to-know-where-they-stand-more-than-a-date');
    const added = (await fsp.readdir(file('insights'))).filter((f) => !before.has(f));
    assert.deepEqual(added, [`${created}.yaml`]);
    assert.equal(await read(`insights/${created}.yaml`), `statement: Residents want to know where they stand more than a date\nstatus: draft\nthemes: []\nevidence: [${expected.join(', ')}]\n`);
    // The new insight opens in the insight view, and the tree follows the file.
    await view('the new insight in the view', (r) => r.id === created && r.quotes.length === expected.length);
    await until('the new insight in the tree', async () => (await shown()).groups.find((g) => g.label === 'Draft')?.insights.some((i) => i.id === created));
  });

  it('New Insight… without a highlight under the cursor builds on a theme picked in a quick pick', async () => {
    const editor = await openTranscript(P01);
    editor.selection = new vscode.Selection(0, 0, 0, 0); // the front matter: no highlight there
    const theme = parse(await read('themes/making-do-while-waiting.yaml')) as { title: string; highlights: string[] };
    const running = vscode.commands.executeCommand<string | undefined>('sift.newInsight');
    await answer('Themes', theme.title);
    await answer('New Insight', 'Residents improvise while they wait');
    const id = await running;
    assert.equal(await read(`insights/${id}.yaml`), `statement: Residents improvise while they wait\nstatus: draft\nthemes: [making-do-while-waiting]\nevidence: [${theme.highlights.join(', ')}]\n`);
    await fsp.rm(file(`insights/${id}.yaml`));
    const model = (await api()).context.models[0]!;
    // Reloaded here rather than by the file watcher: this test is about the command, and earlier test files
    // (git checkouts, a removed .git) can leave code-server's watcher slow to report a deletion.
    await until('the study without that insight', async () => !(await model.load()).insights.has(id!));
  });

  it('Set Insight Status… and the view’s buttons write the status; Add Recommendation… and Add Evidence write the file', async () => {
    assert.ok(created, 'the insight of the selection test');
    const path = `insights/${created}.yaml`;
    const running = vscode.commands.executeCommand('sift.setInsightStatus', created);
    await answer('Set Insight Status', 'In review');
    await running;
    assert.match(await read(path), /^status: in-review$/m);
    // In the insight view: "Move to Accepted" is the first button of the lifecycle.
    await vscode.commands.executeCommand('sift.openInsight', created);
    await view('the view showing in review', (r) => r.id === created && r.status === 'in-review');
    await pause(500); // the page laid out
    await clickInWebview('.moves vscode-button');
    await until('the file to say accepted', async () => /^status: accepted$/m.test(await read(path)));
    await view('the view following the file', (r) => r.status === 'accepted');

    await vscode.commands.executeCommand('sift.addRecommendation', created, 'Tell residents their place in the queue', 'adaptations team');
    assert.match(await read(path), /recommendations:\n {2}- action: Tell residents their place in the queue\n {4}owner: adaptations team\n {4}status: proposed\n$/);
    await view('the recommendation in the view', (r) => r.recommendations === 1);

    // Add Evidence: the highlight at the cursor, to the insight picked in the quick pick.
    const editor = await openTranscript(P01);
    const first = [...(parse(await read(P01_HIGHLIGHTS)) as HighlightFile).highlights].sort((a, b) => a.start - b.start)[0]!;
    const at = editor.document.positionAt([...editor.document.getText()].slice(0, first.start + 3).join('').length);
    editor.selection = new vscode.Selection(at, at);
    const cited = (parse(await read(path)) as { evidence: string[] }).evidence;
    const adding = vscode.commands.executeCommand('sift.addEvidence');
    await answer('Insights', 'where they stand more than a date');
    await adding;
    assert.deepEqual((parse(await read(path)) as { evidence: string[] }).evidence, [...cited, first.id]);
  });

  it('the insight view shows the quotes with their strength, and a click opens the passage', async () => {
    const highlights = await highlightsOnDisk();
    const insight = (await insightsOnDisk()).get(SILENCE)!;
    await vscode.commands.executeCommand('sift.openInsight', SILENCE);
    const cited = insight.evidence.map((id) => highlights.get(id)!);
    const r = await view('the quotes of the insight', (x) => x.id === SILENCE && x.quotes.length > 0);
    assert.deepEqual(r.quotes, insight.evidence);
    assert.deepEqual(r.strength, [cited.length, new Set(cited.map((h) => h.participant)).size, new Set(cited.map((h) => h.source)).size]);
    assert.equal(r.level, 'pattern');
    assert.equal(r.recommendations, insight.recommendations!.length);
    assert.equal(r.injected, 0);

    const target = insight.evidence[2]!;
    const h = highlights.get(target)!;
    await pause(500); // the page laid out
    await clickInWebview(`.quote[data-id="${target}"]`);
    const editor = await until('the passage to open', () => {
      const e = vscode.window.visibleTextEditors.find((x) => x.document.uri.path.endsWith(h.source) && !x.selection.isEmpty);
      return e && e.document.getText(e.selection) === h.quote && e;
    }).catch(async (e: Error) => {
      await screenshot('insight-failure');
      throw e;
    });
    assert.equal(editor.document.getText(editor.selection), h.quote);
  });

  it('shows hostile text in an insight as text: nothing executes', async () => {
    const hostile = `Look <img src=x onerror="document.title='pwned'"> </script><script>document.title='pwned'</script> [here](javascript:alert(1))`;
    const path = 'insights/0-hostile.yaml';
    await fsp.writeFile(
      file(path),
      `statement: ${JSON.stringify(hostile)}\nstatus: draft\nconfidence: high\nthemes: []\nevidence: [h-4yfqcv9s]\nrecommendations:\n  - action: ${JSON.stringify(hostile)}\n    owner: "<a href=javascript:alert(2)>x</a>"\n    status: proposed\n`,
    );
    try {
      const model = (await api()).context.models[0]!;
      await until('the hostile insight loaded', () => model.workspace!.insights.has('0-hostile'));
      await vscode.commands.executeCommand('sift.openInsight', '0-hostile');
      const r = await view('the hostile insight in the view', (x) => x.id === '0-hostile' && x.recommendations === 1);
      assert.equal(r.injected, 0, 'no img, script, iframe or link element came from the file');
      assert.ok(
        (await shown()).groups.some((g) => g.insights.some((i) => i.label === hostile)),
        'the tree shows the statement as it is',
      );
    } finally {
      await fsp.rm(file(path), { force: true });
    }
  });

  it('the affinity board offers “New insight…” on a theme column, with the theme’s cards as evidence', async () => {
    const HANDOVER = 'a-handover-nobody-explains';
    // A fresh board: one left hidden by another test would report what its old page showed while the new one loads.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('sift.openBoard');
    await until('the board', async () => (await vscode.commands.executeCommand<{ columns: Record<string, string[]> } | undefined>('sift.board.rendered'))?.columns[HANDOVER]);
    const theme = parse(await read(`themes/${HANDOVER}.yaml`)) as { highlights: string[] };
    const running = until('the New Insight input box to be answered', async () => existsSync(file('insights/nobody-explains-the-handover-to-pension-age.yaml')), 30000);
    await clickInWebview(`.column[data-key="${HANDOVER}"] vscode-button[title^="New insight"]`);
    await answer('New Insight', 'Nobody explains the handover to pension age');
    await running.catch(async (e: Error) => {
      await screenshot('insight-failure');
      throw e;
    });
    assert.equal(await read('insights/nobody-explains-the-handover-to-pension-age.yaml'), `statement: Nobody explains the handover to pension age\nstatus: draft\nthemes: [${HANDOVER}]\nevidence: [${theme.highlights.join(', ')}]\n`);
    await view('the new insight in the view', (r) => r.id === 'nobody-explains-the-handover-to-pension-age');
    await fsp.rm(file('insights/nobody-explains-the-handover-to-pension-age.yaml'));
    const model = (await api()).context.models[0]!;
    await until('the study without that insight', () => !model.workspace!.insights.has('nobody-explains-the-handover-to-pension-age'));
  });

  describe('screenshots', () => {
    // The Insights view is the first of the Sift Synthesis side bar: it shows beside the insight view.
    before(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('sift.insights.focus');
      await pause(500);
    });

    for (const [theme, name] of THEMES) {
      it(`looks right beside the Insights tree in the ${name} theme (screenshots insight-${name}, insight-one-voice-${name})`, async () => {
        await useColorTheme(theme);
        for (const [id, shot] of [
          ['reaching-pension-age-needs-a-checklist', `insight-${name}`],
          [created!, `insight-one-voice-${name}`],
        ] as const) {
          await vscode.commands.executeCommand('sift.openInsight', id);
          await view(`${id} in the view`, (r) => r.id === id);
          await pause(1500);
          const picture = await screenshot(shot);
          assert.ok(existsSync(picture) && statSync(picture).size > 20000, 'a real picture');
        }
      });
    }
  });
});
