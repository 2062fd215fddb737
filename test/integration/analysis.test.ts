/**
 * Sample coverage, matrices and the report in a real VS Code, on the example study: what
 * the Analysis webview reports it shows is checked against the core's numbers computed from
 * the files (never hard-coded), a real click on a heatmap cell lists exactly that cell's
 * quotes, the CSV export writes the bytes of the CLI, and the report holds the study's
 * themes, insights and personas.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fsp, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { indexEvidence } from '../../src/core/insights/evidence';
import { matrixOf, type MatrixKind } from '../../src/core/matrices';
import { describeShortfall, gapText } from '../../src/core/sampling-summary';
import { samplingCoverage } from '../../src/core/stats';
import type { Workspace } from '../../src/core/workspace/workspace';
import type { RenderedReport } from '../../src/protocol/analysis';
import { clickInWebview, press, typeText } from './keyboard';
import { api, file, read, root, screenshot, THEMES, until, untilShown, useColorTheme } from './support';

const rendered = () => vscode.commands.executeCommand<RenderedReport | undefined>('sift.analysis.rendered');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the panel to show something that satisfies `check`; on failure says what it showed. */
const analysis = (what: string, check: (r: RenderedReport) => boolean, timeoutMs = 15000) => untilShown('analysis', rendered, what, check, timeoutMs);

async function workspace(): Promise<Workspace> {
  const ws = (await api()).context.models[0]?.workspace;
  assert.ok(ws?.project, 'the example study is loaded');
  return ws;
}

/** The `sift` CLI built next to the extension. */
function cli(...args: string[]): Buffer {
  return execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'cli.js'), ...args], { cwd: root().fsPath });
}

describe('sample coverage and matrices', function () {
  this.timeout(120000);

  before(async () => {
    await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('sift.openAnalysis', { tab: 'coverage' });
  });

  it('shows target against actual with the gaps the core computes, and who was not heard enough', async () => {
    const expected = samplingCoverage(await workspace());
    assert.ok(
      expected.some((r) => r.status === 'under'),
      'the example study has an under-sampled group',
    );
    const r = await analysis('the coverage', (x) => x.tab === 'coverage' && x.coverage.length > 0);
    assert.deepEqual(
      r.coverage,
      expected.map((row) => ({ attribute: row.attribute, value: row.value, status: row.status, gapText: gapText(row) })),
    );
    for (const row of expected.filter((x) => x.status === 'under')) assert.ok(r.summary.includes(`${row.value} (${row.count} of`), `${row.value} named in: ${r.summary}`);
    assert.match(r.summary, /^Not heard enough: /);
    assert.equal(r.example, false);
    const under = expected.filter((x) => x.status === 'under').length;
    assert.equal(await vscode.commands.executeCommand('sift.analysis.statusText'), `$(person) ${under} groups under-sampled`, 'the status bar says it too');
    assert.equal(r.injected, 0);
  });

  for (const [theme, name] of THEMES) {
    it(`coverage looks right in the ${name} theme (screenshot coverage-${name})`, async () => {
      await useColorTheme(theme);
      await pause(1500);
      assert.ok(statSync(await screenshot(`coverage-${name}`)).size > 20000, 'a real picture');
    });
  }

  it('a click on a heatmap cell lists exactly the quotes behind it; a click on a quote opens the passage', async () => {
    const ws = await workspace();
    const m = matrixOf(ws, 'tag-participant');
    // A full cell near the top left, so it is in view without scrolling.
    const target = m.cells.filter((c) => c.row < 8 && c.column < 6).sort((a, b) => b.highlights.length - a.highlights.length)[0]!;
    assert.ok(target.highlights.length > 1, 'a cell with several quotes');
    await vscode.commands.executeCommand('sift.openAnalysis', { kind: 'tag-participant' });
    await analysis('the tag × participant matrix', (x) => x.tab === 'matrices' && x.matrix?.kind === 'tag-participant' && x.matrix.cells === m.cells.length && x.matrix.mountedCells > 0);
    await clickInWebview(`.cell[data-row="${target.row}"][data-col="${target.column}"]`);
    const r = await analysis('the quotes of the cell', (x) => x.cell?.row === m.rows[target.row]!.id && x.cell.column === m.columns[target.column]!.id);
    assert.deepEqual(r.cell!.quotes, target.highlights);

    await clickInWebview(`.quote[data-id="${target.highlights[0]}"]`);
    const editor = await until('the passage to open', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath.endsWith('.md') && !e.selection.isEmpty));
    const quote = [...ws.highlightFiles.values()].flatMap((f) => f.highlights).find((h) => h.id === target.highlights[0])!.quote;
    assert.equal(editor.document.getText(editor.selection).replace(/\s+/g, ' '), quote.replace(/\s+/g, ' '));
  });

  it('switches to tag × attribute value and tag × tag, mounting only the cells in view', async () => {
    const ws = await workspace();
    for (const [kind, attribute] of [
      ['tag-attribute', 'age-band'],
      ['tag-tag', undefined],
    ] as const) {
      const m = matrixOf(ws, kind, attribute);
      await vscode.commands.executeCommand('sift.openAnalysis', { kind, ...(attribute ? { attribute } : {}) });
      const r = await analysis(`the ${kind} matrix`, (x) => x.matrix?.kind === kind && x.matrix.cells === m.cells.length && x.matrix.mountedCells > 0);
      assert.deepEqual([r.matrix!.rows, r.matrix!.columns], [m.rows.length, m.columns.length]);
      assert.ok(r.matrix!.mountedCells <= m.cells.length);
      if (attribute) {
        assert.equal(r.matrix!.attribute, attribute);
        await pause(500);
        await screenshot('matrix-attribute-dark');
      }
    }
  });

  for (const [theme, name] of THEMES) {
    it(`the matrix looks right in the ${name} theme (screenshot matrix-${name})`, async () => {
      const ws = await workspace();
      const m = matrixOf(ws, 'tag-participant');
      await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
      await vscode.commands.executeCommand('sift.openAnalysis', { kind: 'tag-participant' });
      await analysis('the tag × participant matrix', (x) => x.tab === 'matrices' && x.matrix?.kind === 'tag-participant' && x.matrix.mountedCells > 0);
      const target = m.cells.find((c) => c.row === 0 && c.highlights.length > 1) ?? m.cells[0]!;
      await clickInWebview(`.cell[data-row="${target.row}"][data-col="${target.column}"]`);
      await analysis('a cell open', (x) => x.cell?.quotes.length === target.highlights.length);
      await useColorTheme(theme);
      await pause(1500);
      assert.ok(statSync(await screenshot(`matrix-${name}`)).size > 20000, 'a real picture');
    });
  }

  it('exports each matrix as the same CSV bytes as `sift export csv --bom`', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sift-matrix-'));
    const cases: [MatrixKind, string | undefined][] = [
      ['tag-participant', undefined],
      ['tag-attribute', 'channel'],
      ['tag-tag', undefined],
    ];
    for (const [kind, attribute] of cases) {
      const target = vscode.Uri.file(path.join(dir, `${kind}.csv`));
      await vscode.commands.executeCommand('sift.exportMatrixCsv', kind, attribute, target);
      const ours = await fsp.readFile(target.fsPath);
      const theirs = cli('export', 'csv', '--format', kind, ...(attribute ? ['--attribute', attribute] : []), '--bom', root().fsPath);
      assert.ok(ours.length > 100, `${kind}: a real table`);
      assert.ok(ours.equals(theirs), `${kind}: the same bytes as the CLI`);
    }
    // From the command palette without the panel: a quick pick asks which matrix.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const picked = vscode.Uri.file(path.join(dir, 'picked.csv'));
    const done = vscode.commands.executeCommand('sift.exportMatrixCsv', undefined, undefined, picked);
    await pause(800);
    await typeText('Tags × tags');
    await press('Enter');
    await done;
    assert.ok((await fsp.readFile(picked.fsPath)).equals(cli('export', 'csv', '--format', 'tag-tag', '--bom', root().fsPath)));
  });

  it('follows the files: a participant moved to another age band changes the coverage at once', async () => {
    await vscode.commands.executeCommand('sift.openAnalysis', { tab: 'coverage' });
    await analysis('the coverage', (x) => x.coverage.length > 0);
    const before = await read('participants.yaml');
    try {
      const changed = before.replace('id: P10\n    attributes: {age-band: 65+', 'id: P10\n    attributes: {age-band: 18-34');
      assert.notEqual(changed, before);
      await fsp.writeFile(file('participants.yaml'), changed);
      const ws = await until('the reload', async () => {
        const w = await workspace();
        return w.participants.find((p) => p.id === 'P10')?.attributes['age-band'] === '18-34' && w;
      });
      const expected = samplingCoverage(ws).map((row) => ({ attribute: row.attribute, value: row.value, status: row.status, gapText: gapText(row) }));
      await analysis('the new coverage', (x) => JSON.stringify(x.coverage) === JSON.stringify(expected));
      const status = describeShortfall(samplingCoverage(ws));
      await until('the status bar to follow', async () => (await vscode.commands.executeCommand<string | undefined>('sift.analysis.statusText')) === (status ? `$(person) ${status}` : undefined));
    } finally {
      await fsp.writeFile(file('participants.yaml'), before);
      await until('the reload back', async () => (await workspace()).participants.find((p) => p.id === 'P10')?.attributes['age-band'] === '65+');
    }
  });
});

describe('research report', function () {
  this.timeout(60000);

  for (const format of ['md', 'html'] as const) {
    it(`writes a ${format} report with the study's themes, insights and personas, and opens it`, async () => {
      const ws = await workspace();
      const target = vscode.Uri.joinPath(root(), 'reports', `report.${format}`);
      await vscode.commands.executeCommand('sift.generateReport', format, target);
      const text = await read(`reports/report.${format}`);
      const plain =
        format === 'html'
          ? text
              .replace(/&#39;/g, "'")
              .replace(/&quot;/g, '"')
              .replace(/&amp;/g, '&')
          : text;
      assert.ok(ws.themes.size > 0 && ws.insights.size > 0 && ws.personas.size > 0);
      for (const t of ws.themes.values()) assert.ok(plain.includes(t.title), `theme “${t.title}”`);
      for (const i of ws.insights.values()) if (i.status !== 'rejected') assert.ok(plain.includes(i.statement), `insight “${i.statement}”`);
      for (const p of ws.personas.values()) assert.ok(plain.includes(p.name), `persona ${p.name}`);
      // Consent: a participant who asked not to be quoted is not quoted.
      const heldBack = [...indexEvidence(ws).byId.values()].filter((e) => !e.quotable).map((e) => e.highlight.quote);
      assert.ok(heldBack.length > 0, 'the example has quotes consent holds back');
      for (const q of heldBack) assert.ok(!plain.includes(q), `not quoted: ${q}`);
      const shown = format === 'md' ? 'a Markdown preview' : 'the report preview';
      await until(shown, () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => (format === 'md' ? /Preview/.test(t.label) : t.label.startsWith('Report —'))));
      await pause(4000);
      await screenshot(`report-${format}`);
    });
  }
});
