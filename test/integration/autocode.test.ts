/**
 * Sift: Auto-Code… in a real VS Code: the preview opens (screenshots in the light and the dark theme) and Escape
 * writes nothing; accepting it writes every highlight in one change, each recording its rule; the Undo takes the
 * whole change back, every file byte for byte.
 */
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import * as vscode from 'vscode';
import { press, untilPicking } from './keyboard';
import { api, differing, read, screenshot, studyFiles, THEMES, until, untilAsBefore, useColorTheme } from './support';

const P03 = 'highlights/transcripts/interviews/p03.md.yaml';

interface StoredHighlight {
  id: string;
  quote: string;
  tags: string[];
  speaker?: string;
  assisted?: { by: string; rule: string };
}

const highlightsOf = async (rel: string) => (parse(await read(rel)) as { highlights: StoredHighlight[] }).highlights;

/**
 * Runs the command with its rule given and waits until its preview is on screen, the keyboard in it and
 * “Code 16 passages” its active row. The running command comes back wrapped: an async function returning
 * the command's promise itself would wait for it, and the command waits for the preview to be answered.
 */
async function openPreview(): Promise<{ done: Thenable<unknown> }> {
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  const done = vscode.commands.executeCommand('sift.autocode', { speaker: 'P03', tag: 'participant-voice' });
  await until('the auto-code preview', async () => (await vscode.commands.executeCommand<string | undefined>('sift.insights.asking')) === 'autocode-preview', 15000);
  await untilPicking('Code 16 passages in 1 transcript');
  return { done };
}

describe('auto-code', function () {
  this.timeout(120000);

  before(async () => {
    await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeQuickOpen'));

  it('writes every passage on acceptance, each with its provenance, and Undo takes the whole change back', async () => {
    const before = await studyFiles();
    const hand = await highlightsOf(P03);
    const preview = await openPreview();
    await press('Enter'); // the active row: Code 16 passages
    await preview.done;
    const written = await until('the auto-coded highlights on disk', async () => {
      const now = await highlightsOf(P03);
      return now.length > hand.length && now;
    });
    const assisted = written.filter((h) => h.assisted);
    assert.equal(assisted.length, 16);
    for (const h of assisted) {
      assert.deepEqual(h.assisted, { by: 'autocode', rule: 'speaker: P03' });
      assert.deepEqual(h.tags, ['participant-voice']);
      assert.equal(h.speaker, 'P03');
    }
    // The hand coding is untouched: the same highlights, still without provenance.
    assert.deepEqual(
      written.filter((h) => !h.assisted),
      hand,
    );
    assert.deepEqual(differing(before, await studyFiles()), ['codebook.yaml', P03]);
    const model = (await api()).context.models[0]!;
    await until('the new tag in the model', () => model.workspace!.codebook.some((t) => t.id === 'participant-voice'));
    await vscode.commands.executeCommand('notifications.showList');
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('autocode-written');
    await vscode.commands.executeCommand('notifications.hideList');
    await vscode.commands.executeCommand('sift.codebook.undo');
    await untilAsBefore(before);
  });

  for (const [theme, name] of THEMES) {
    it(`shows the preview in the ${name} theme, and Escape writes nothing`, async () => {
      await useColorTheme(theme);
      const before = await studyFiles();
      const preview = await openPreview();
      await screenshot(`autocode-preview-${name}`);
      await press('Escape');
      await preview.done;
      assert.deepEqual(differing(before, await studyFiles()), []);
    });
  }
});
