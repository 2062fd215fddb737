// Smoke test: we are inside a real VS Code extension host, with the example study open.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('real VS Code extension host (smoke)', () => {
  it('has the real VS Code API', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    console.log(`    vscode.version=${vscode.version} appName=${vscode.env.appName} ` + `remoteName=${vscode.env.remoteName ?? '-'} node=${process.version}`);
    assert.equal(typeof vscode.commands.executeCommand, 'function');
  });

  it('has the example study open as its workspace folder', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, `workspace folders: ${folders.map((f) => f.uri.toString()).join(', ')}`);
    const research = vscode.Uri.joinPath(folders[0]!.uri, 'research.yaml');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(research));
    assert.match(text, /^name: /m);
    const found = await vscode.workspace.findFiles('research.yaml');
    assert.equal(found.length, 1);
  });
});
