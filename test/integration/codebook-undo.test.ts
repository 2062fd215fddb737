/**
 * Undo of a codebook refactor where a researcher looks for it, in a real VS Code: a rename
 * that rewrites every file using the tag says so in a notification with an Undo button, and
 * Ctrl+Z in the Codebook view takes it back; every file as it was, byte for byte, or nothing
 * at all when a file changed since.
 */
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import { clickInWebview, press, typeText } from './keyboard';
import { api, differing, file, screenshot, studyFiles as study, until, untilAsBefore } from './support';

const TAG = 'know-where-i-stand';

/** Renames the tag from its Codebook command (the input box, then "Also change the id"), as a researcher does. */
async function renameTag(label: string): Promise<void> {
  // The keys go to the input box, not to a notification list or view a step before left focused.
  await vscode.commands.executeCommand('notifications.hideList');
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  const model = (await api()).context.models[0]!;
  const tag = model.workspace!.codebook.find((t) => t.id === TAG || t.aliases?.includes(TAG))!;
  const renaming = vscode.commands.executeCommand('sift.codebook.rename', { model, tag, tagId: tag.id });
  await new Promise((r) => setTimeout(r, 2000)); // the input box opens with the label (slowly on a busy machine)
  await press('Control+a');
  await typeText(label);
  await press('Enter');
  await new Promise((r) => setTimeout(r, 2000)); // the quick pick: also change the id (the first item)
  await press('Enter');
  await renaming;
}

describe('undo of codebook refactors', function () {
  this.timeout(120000);

  before(async () => {
    await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  // An input box left open by a failed step would swallow the keys of every test after it.
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeQuickOpen'));

  it('says what a rename changed, and Ctrl+Z in the Codebook view restores every file byte for byte', async () => {
    const before = await study();
    await renameTag('Where I stand');
    const renamed = await until('the rename on disk', async () => {
      const now = await study();
      return differing(before, now).length > 2 && now;
    });
    const changed = differing(before, renamed);
    assert.ok(changed.includes('codebook.yaml') && changed.filter((p) => p.startsWith('highlights/')).length >= 5, changed.join(', '));
    // The notification says it, with the number of files (extensions cannot read notifications: the
    // screenshot shows it; its Undo button is tested below). The test workbench keeps toasts in the list.
    await vscode.commands.executeCommand('notifications.showList');
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('codebook-undo-notification');
    await vscode.commands.executeCommand('notifications.hideList');
    await vscode.commands.executeCommand('sift.codebook.focus');
    await new Promise((r) => setTimeout(r, 500));
    await press('Control+z');
    await untilAsBefore(before);
    const model = (await api()).context.models[0]!;
    await until('the tag back in the model', () => model.workspace!.codebook.some((t) => t.id === TAG && t.label !== 'Where I stand'));
  });

  it('refuses to undo, changing nothing, when a file changed since the rename', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    const before = await study();
    await renameTag('Knowing where I stand, again');
    const renamed = await until('the rename on disk', async () => {
      const now = await study();
      return differing(before, now).length > 2 && now;
    });
    const edited = differing(before, renamed).find((p) => p.startsWith('highlights/'))!;
    await fsp.writeFile(file(edited), `${renamed.get(edited)!.toString('utf8')}# a note written after the rename\n`);
    const expected = await study();
    await vscode.commands.executeCommand('sift.codebook.undo');
    await new Promise((r) => setTimeout(r, 1500));
    await screenshot('codebook-undo-refused');
    assert.deepEqual(differing(expected, await study()), [], 'nothing was changed');
    // Put the study back for the tests that follow: the note off, then the undo goes through.
    await fsp.writeFile(file(edited), renamed.get(edited)!);
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('sift.codebook.undo');
    await untilAsBefore(before);
  });

  // Last: after a click in the notification list the next input box in this workbench misses its keys.
  it('undoes from the Undo button of the notification', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    const before = await study();
    await renameTag('Knowing my place in the queue');
    await until('the rename on disk', async () => differing(before, await study()).length > 2);
    await vscode.commands.executeCommand('notifications.showList');
    await new Promise((r) => setTimeout(r, 800));
    await clickInWebview('.notifications-center .monaco-button:has-text("Undo")');
    await untilAsBefore(before);
    await vscode.commands.executeCommand('notifications.hideList');
  });
});
