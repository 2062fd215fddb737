/**
 * "Code like this" in the real VS Code, on the example study: the tag picker lists the
 * suggestions from the study's own coding first, with their reasons; taking one writes the
 * tag with its provenance (`assisted`); Find More Like This walks through passages one by
 * one — accept writes an assisted highlight, skip remembers the passage in suggestions.yaml.
 * Screenshots in the light and the dark theme.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { api, file, firstUntaggedSentence, openTranscript, read, screenshot, select, THEMES, until, useColorTheme } from './support';
import { clickInWebview, press } from './keyboard';
import { existsSync } from 'node:fs';

interface Written {
  id: string;
  quote: string;
  tags: string[];
  assisted?: { by: string; rule: string };
}

const P07 = 'transcripts/interviews/p07.md';
const P07_HIGHLIGHTS = 'highlights/transcripts/interviews/p07.md.yaml';

const highlightsOf = async (rel: string) => (parse(await read(rel)) as { highlights: Written[] }).highlights;
/** The workbench draws a quick pick a moment after it is asked for; keys typed before that go to the editor. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
const shown = () => vscode.commands.executeCommand<{ label: string; description?: string; detail?: string }[] | undefined>('sift.tagPicker.suggestions');

/**
 * Selects the first sentence of P07 no highlight touches and opens the tag picker on it, waiting
 * until it shows its suggestions: the highlights file before, the sentence, the tagging under
 * way (settled when the picker closes) and the suggestions shown.
 */
async function pickerOnUntaggedSentence() {
  const editor = await openTranscript(P07);
  const before = await read(P07_HIGHLIGHTS);
  const words = firstUntaggedSentence(editor.document.getText(), before, 'P07');
  select(editor, words);
  const tagging = vscode.commands.executeCommand<string | undefined>('sift.tagSelection');
  const items = await until(
    'the picker to show its suggestions',
    async () => {
      const now = await shown();
      return now && now.length > 0 && now;
    },
    60000,
  );
  return { before, words, tagging, items };
}

describe('code like this: suggestions from your own coding', function () {
  this.timeout(120000);

  it('lists the suggested tags first with their reasons; taking one writes the tag with assisted', async () => {
    await api();
    const { words, tagging, items } = await pickerOnUntaggedSentence();
    assert.ok(items.length >= 1 && items.length <= 3, JSON.stringify(items));
    for (const item of items) assert.match(item.description!, /^(like \d+ passages? coded [a-z0-9-]+|often used: \d+ passages? coded [a-z0-9-]+)$/);
    await settle();
    await screenshot('tag-picker-suggestions');
    // Enter with nothing ticked takes the first item: the first suggestion.
    await press('Enter');
    const id = await tagging;
    assert.ok(id, 'a highlight was written');
    const written = (await highlightsOf(P07_HIGHLIGHTS)).find((h) => h.id === id)!;
    assert.equal(written.quote, words);
    const first = items[0]!;
    const tag = /coded ([a-z0-9-]+)$/.exec(first.description!)![1]!;
    assert.deepEqual(written.tags, [tag]);
    assert.deepEqual(written.assisted, { by: 'suggestion', rule: first.description });
  });

  it('a suggested tag ticked together with a hand tag: two highlights, only the suggested one marked assisted (screenshots tag-picker-hand-and-suggested-light/dark)', async () => {
    const sift = await api();
    const { before, words, tagging, items } = await pickerOnUntaggedSentence();
    const suggested = items[0]!;
    const suggestedTag = /coded ([a-z0-9-]+)$/.exec(suggested.description!)![1]!;
    const offered = new Set(items.map((i) => /coded ([a-z0-9-]+)$/.exec(i.description!)![1]!));
    const codebook = new Set(sift.context.models[0]!.workspace!.codebook.map((t) => t.id));
    // A tag of the researcher's own, one the suggestions do not offer, near the top of All tags (the
    // recently used first, then the codebook's order; earlier tests change both, so it is found by
    // name, not by its row), and no other tag's name starting with its name.
    const tags = sift.context.models[0]!.workspace!.codebook;
    const recent = sift.context.extension.workspaceState.get<string[]>('sift.recentTags', []);
    const byRecency = [...tags].sort((a, b) => rank(recent, a.id) - rank(recent, b.id));
    const hand = byRecency.find((t) => !offered.has(t.id) && !tags.some((o) => o !== t && o.label.startsWith(t.label)))!;
    // As a researcher ticks several with the mouse: the first suggestion (its row is the only one
    // saying its reason), then the researcher's own tag (what was ticked is checked below, in the files).
    await settle();
    await clickInWebview(`.quick-input-list .monaco-list-row[aria-label*="${suggested.description!}"]`);
    await clickInWebview(`.quick-input-list .monaco-list-row[aria-label^="${hand.label}"]`);
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      await settle();
      await screenshot(`tag-picker-hand-and-suggested-${name}`);
    }
    await press('Enter');
    await tagging;
    const written = (await highlightsOf(P07_HIGHLIGHTS)).filter((h) => h.quote === words);
    const key = (h: Written) => (h.assisted ? 1 : 0);
    const [own, assisted] = written.sort((a, b) => key(a) - key(b));
    assert.equal(written.length, 2, JSON.stringify(written));
    // The hand-picked tag on a highlight of its own, without assisted…
    assert.equal(own!.tags.length, 1);
    assert.equal(own!.tags[0], hand.id, `the researcher's own tag, not a suggested one (codebook: ${[...codebook].join(', ')})`);
    assert.equal(own!.assisted, undefined);
    // …and the suggested one on another, marked assisted with its reason.
    assert.deepEqual([assisted!.tags, assisted!.assisted], [[suggestedTag], { by: 'suggestion', rule: suggested.description }]);
    // One write, so one undo takes both back: the study is left as this test found it.
    await vscode.commands.executeCommand('sift.undoTag');
    await until('both highlights taken back', async () => (await read(P07_HIGHLIGHTS)) === before);
  });

  it('Find More Like This: accept writes an assisted highlight, skip is remembered in suggestions.yaml', async () => {
    const sift = await api();
    const model = sift.context.models[0]!;
    assert.equal(existsSync(file('suggestions.yaml')), false);
    // The study's transcripts were cut into passages in the background once it settled, before anyone asked.
    const transcripts = model.workspace!.transcripts.size;
    const warmed = await until(
      'the background warming to cut every transcript',
      async () => {
        const n = await vscode.commands.executeCommand<number | undefined>('sift.findMore.warmed');
        return n !== undefined && n >= transcripts && n;
      },
      60000,
    );
    assert.ok(warmed >= transcripts, `${warmed} passages from ${transcripts} transcripts`);
    const reviewing = vscode.commands.executeCommand('sift.findMoreLikeThis', 'waiting-time');
    const asked = (index: number) =>
      until(
        `passage ${index + 1} to be asked about`,
        async () => {
          const now = await vscode.commands.executeCommand<{ index: number; text: string } | undefined>('sift.findMore.reviewing');
          const e = vscode.window.activeTextEditor;
          // Asked about, selected in its transcript, and the question open (it takes the keyboard once shown).
          return now?.index === index && e && e.document.getText(e.selection).replace(/\r\n/g, '\n') === now.text && now.text;
        },
        60000,
      ).then(async (text) => (await settle(), text));
    const first = await asked(0);
    await screenshot('find-more-like-this');
    await press('Enter'); // Tag as Waiting time
    const accepted = await until('the accepted passage to be written', () => {
      for (const f of model.workspace!.highlightFiles.values()) for (const h of f.highlights) if (h.quote === first && h.tags.includes('waiting-time')) return h;
      return undefined;
    });
    assert.equal(accepted.assisted?.by, 'suggestion');
    assert.match(accepted.assisted!.rule, /^like “.+” \(coded waiting-time\)$/);
    const second = await asked(1);
    await press('ArrowDown');
    await press('ArrowDown');
    await screenshot('find-more-like-this-skip');
    await press('Enter'); // Skip
    const rejected = await until('suggestions.yaml to be written', async () => existsSync(file('suggestions.yaml')) && (await read('suggestions.yaml')));
    const entries = (parse(rejected) as { rejected: { tag: string; source: string; quote: string }[] }).rejected;
    assert.deepEqual(
      entries.map((e) => [e.tag, e.quote]),
      [['waiting-time', second]],
    );
    await asked(2);
    await press('Escape'); // ends the review
    await reviewing;
  });

  for (const [theme, name] of THEMES) {
    it(`the picker's suggestions in the ${name} theme`, async () => {
      await useColorTheme(theme);
      const editor = await openTranscript(P07);
      const words = firstUntaggedSentence(editor.document.getText(), await read(P07_HIGHLIGHTS), 'P07');
      select(editor, words);
      const tagging = vscode.commands.executeCommand('sift.tagSelection');
      await until(
        'the picker to show its suggestions',
        async () => {
          const now = await shown();
          return now && now.length > 0 && now;
        },
        60000,
      );
      await settle();
      await screenshot(`tag-picker-suggestions-${name}`);
      await press('Escape');
      await tagging;
    });
  }
});

/** Where a tag stands among the recently used (those first, most recent first), as the tag picker orders them. */
function rank(recent: readonly string[], id: string): number {
  const at = recent.indexOf(id);
  return at < 0 ? recent.length : at;
}
