/**
 * Sample coverage and matrices in Restricted Mode: the panel shows the study, but neither
 * the report nor a CSV export writes a file.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RenderedReport } from '../../src/protocol/analysis';
import { api, file, root, until } from './support';

describe('sample coverage and matrices in Restricted Mode', function () {
  this.timeout(60000);

  it('shows the coverage and the matrices but writes no report and no CSV', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await api();
    await vscode.commands.executeCommand('sift.openAnalysis', { kind: 'tag-tag' });
    await until(
      'the panel',
      async () => {
        const r = await vscode.commands.executeCommand<RenderedReport | undefined>('sift.analysis.rendered');
        return r && r.coverage.length > 0 && (r.matrix?.mountedCells ?? 0) > 0;
      },
      15000,
    );
    await vscode.commands.executeCommand('sift.generateReport', 'md', vscode.Uri.joinPath(root(), 'reports', 'restricted.md'));
    const csv = path.join(os.tmpdir(), `sift-restricted-${process.pid}.csv`);
    await vscode.commands.executeCommand('sift.exportMatrixCsv', 'tag-tag', undefined, vscode.Uri.file(csv));
    assert.equal(existsSync(file('reports/restricted.md')), false);
    assert.equal(existsSync(csv), false);
  });
});
