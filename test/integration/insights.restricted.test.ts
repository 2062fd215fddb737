/**
 * Insights in Restricted Mode: the tree and the insight view show the study, but New
 * Insight, Set Insight Status, Add Recommendation and Add Evidence write nothing.
 */
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import type { ShownInsights } from '../../src/extension/features/insights';
import type { RenderedReport } from '../../src/protocol/insight';
import { api, file, until } from './support';

const SILENCE = 'silence-during-waits-feels-like-being-forgotten';

describe('insights in Restricted Mode', function () {
  this.timeout(60000);

  it('shows the insights but changes no file', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await api();
    const tree = await until('the Insights tree', async () => {
      const shown = await vscode.commands.executeCommand<ShownInsights>('sift.insights.shown');
      return shown.groups.length > 0 && shown;
    });
    assert.equal(tree.groups.flatMap((g) => g.insights).length, 4);
    const files = async () => Promise.all((await fsp.readdir(file('insights'))).sort().map(async (f) => [f, await fsp.readFile(file(`insights/${f}`), 'utf8')]));
    const before = await files();
    const evidence = ['h-4yfqcv9s'];
    await vscode.commands.executeCommand('sift.newInsight', { statement: 'Written in Restricted Mode', evidence });
    await vscode.commands.executeCommand('sift.setInsightStatus', SILENCE, 'actioned');
    await vscode.commands.executeCommand('sift.addRecommendation', SILENCE, 'Do something', 'someone');
    await vscode.commands.executeCommand('sift.addEvidence', SILENCE, ['h-s4h0psfq']);
    await vscode.commands.executeCommand('sift.openInsight', SILENCE);
    const r = await until('the insight view', async () => {
      const x = await vscode.commands.executeCommand<RenderedReport | undefined>('sift.insight.rendered');
      return x?.id === SILENCE && x.quotes.length > 0 && x;
    });
    assert.equal(r.status, 'accepted');
    await new Promise((done) => setTimeout(done, 1000));
    assert.deepEqual(await files(), before);
  });
});
