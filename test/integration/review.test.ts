/**
 * Reviewing the analysis from VS Code, in a real git repository made from the example study:
 * what changed since the last commit, in research terms with links to the passages; coder
 * agreement; and setting git up to merge the analysis by id.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { api, file, root, until } from './support';
import * as vscode from 'vscode';

const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: root().fsPath, encoding: 'utf8' });

describe('reviewing the analysis', function () {
  this.timeout(60000);

  before(() => {
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'Study as it was');
  });

  it('Compare Analysis with HEAD reports a re-tag in research terms, its quote linked to the passage', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    const { updateHighlight } = await import('../../src/core/store/highlights');
    const file0 = [...model.workspace!.highlightFiles.values()].find((f) => f.source.endsWith('p08.md'))!;
    const h = file0.highlights[0]!;
    const problems = await model.change('Tag', (plan, ws) => updateHighlight(plan, ws, h.id, { addTags: ['keeping-records'] }).then(() => undefined));
    assert.deepEqual(problems, []);
    const report = await vscode.commands.executeCommand<string>('sift.compareAnalysis', 'HEAD');
    assert.match(report, /1 highlight re-tagged/);
    assert.match(report, /keeping-records|Keeping records/);
    assert.match(report, new RegExp(`\\]\\(<file://[^>]*p08\\.md#L\\d+>\\)`), report);
  });

  it('Coder Agreement reports kappa and alpha per tag for two coders', async () => {
    await api();
    const report = await vscode.commands.executeCommand<string>('sift.coderAgreement', ['researcher-1', 'researcher-2']);
    assert.match(report, /κ|kappa/i);
    assert.match(report, /α|alpha/i);
  });

  it('Set Up Git Merging writes .gitattributes and the merge driver to the local git config', async () => {
    await api();
    await vscode.commands.executeCommand('sift.setUpGitMerging');
    const attributes = await until('.gitattributes', () => fsp.readFile(file('.gitattributes'), 'utf8').catch(() => undefined));
    assert.match(attributes, /highlights\/\*\*\/\*\.yaml merge=sift/);
    const driver = git('config', '--local', '--get', 'merge.sift.driver');
    const cli = /'?([^' ]+cli\.js)'? merge-driver %O %A %B %P/.exec(driver)?.[1];
    assert.ok(cli, driver);
    await fsp.access(cli); // the bundled CLI git will run is really there
  });
});
