/**
 * The affinity board in a real VS Code: the webview on the example study, driven with the
 * real mouse and keyboard (the harness sends them through the browser), checked by what it
 * writes to themes/*.yaml and by what the webview reports it shows.
 */
import * as assert from 'node:assert/strict';
import { existsSync, promises as fsp, statSync } from 'node:fs';
import * as vscode from 'vscode';
import { gitBlobHash } from '../../src/core/hash';
import { board, card, HANDOVER, LAST, LETTERS, screenshot, themeIds } from './board-support';
import { clickInWebview, dragInWebview, press, reachInWebview, typeText } from './keyboard';
import { api, file, read, THEMES, until, useColorTheme } from './support';

describe('affinity board', function () {
  this.timeout(120000);

  before(async () => {
    await api();
    await vscode.commands.executeCommand('sift.openBoard');
  });

  it('opens on the example study with Unsorted and the themes, mounting only what is in view', async () => {
    const r = await board('cards on the board', (x) => (x.columns['']?.length ?? 0) > 0 && (x.columns[HANDOVER]?.length ?? 0) > 0);
    const themes = Object.keys(r.columns).filter((k) => k !== '');
    assert.deepEqual(themes, [HANDOVER, LETTERS, 'making-do-while-waiting', 'nobody-owns-the-case', 'waiting-without-word']);
    assert.deepEqual(r.columns[HANDOVER]!.slice(0, 3), (await themeIds(HANDOVER)).slice(0, 3), 'theme cards in file order');
    assert.ok(r.mountedCards > 0 && r.mountedCards < 89, `${r.mountedCards} cards mounted: only those in view`);
    assert.equal(r.injected, 0);
  });

  for (const [theme, name] of THEMES) {
    it(`looks right in the ${name} theme (screenshot board-${name})`, async () => {
      await useColorTheme(theme);
      await new Promise((r) => setTimeout(r, 1500));
      const shot = await screenshot(`board-${name}`);
      assert.ok(statSync(shot).size > 20000, 'a real picture');
    });
  }

  it('moves a card from Unsorted into a theme with a real mouse drag', async () => {
    const before = await board('unsorted cards', (x) => (x.columns['']?.length ?? 0) > 0);
    const id = before.columns['']![0]!;
    const old = await themeIds(HANDOVER);
    // Dropped on the column's title: the top of the theme.
    await dragInWebview(card(id), `.column[data-key="${HANDOVER}"] .column-title`);
    const ids = await until('the theme file to change', async () => ((await themeIds(HANDOVER)).includes(id) ? themeIds(HANDOVER) : undefined));
    assert.deepEqual(ids, [id, ...old], 'the card first, the others in their order');
    await board('the card in the theme on the board', (x) => x.revision > before.revision && x.columns[HANDOVER]?.[0] === id && !x.columns['']!.includes(id));
  });

  it('reaches the last theme of a wide board with a real mouse drag: the board pans while the card is held at its edge', async () => {
    const before = await board('unsorted cards', (x) => (x.columns['']?.length ?? 0) > 0);
    const last = Object.keys(before.columns).at(-1)!;
    assert.equal(last, LAST);
    assert.deepEqual(before.columns[LAST], [], 'the last theme starts out of view (none of its cards mounted)');
    const id = before.columns['']![0]!;
    await reachInWebview(card(id), `.column[data-key="${LAST}"] .column-title`);
    const ids = await until('the last theme file to change', async () => ((await themeIds(LAST)).includes(id) ? themeIds(LAST) : undefined));
    assert.equal(ids[0], id, 'dropped at the top of the last theme');
    await board('the card in the last theme, now in view', (x) => x.columns[LAST]?.[0] === id && !x.columns['']!.includes(id));
    for (const [theme, name] of THEMES) {
      await useColorTheme(theme);
      await new Promise((r) => setTimeout(r, 1500));
      await screenshot(`board-panned-${name}`);
    }
  });

  it('keeps Unsorted in reach on a scrolled board: a card dragged from the last theme goes back to it', async () => {
    const before = await board('the card in the last theme', (x) => (x.columns[LAST]?.length ?? 0) > 0);
    const id = before.columns[LAST]![0]!;
    await dragInWebview(card(id), '.column.unsorted .column-title');
    await until('the card to leave the last theme', async () => !(await themeIds(LAST)).includes(id));
    const themes = await fsp.readdir(file('themes'));
    for (const theme of themes) assert.ok(!(await read(`themes/${theme}`)).includes(id), `${id} is in no theme (${theme})`);
    await board('the card gone from the last theme on the board', (x) => x.revision > before.revision && !x.columns[LAST]!.includes(id));
  });

  it('creates a theme from two cards selected with the keyboard', async () => {
    const r = await board('unsorted cards after the drag', (x) => (x.columns['']?.length ?? 0) > 2);
    const [a, b] = r.columns['']!;
    await clickInWebview(card(a!)); // focus the board (and select a); the rest is keys
    await board('the focused card', (x) => x.focused === a);
    await board('the click’s peek', (x) => x.peek?.id === a);
    await press('Escape'); // closes the peek the click opened
    await board('the peek closed', (x) => !x.peek);
    await press('Escape');
    await board('nothing selected', (x) => x.selected.length === 0);
    await press('Space');
    await press('ArrowDown');
    await press('Space');
    await board('two cards selected', (x) => x.selected.length === 2);
    await press('n');
    await new Promise((r) => setTimeout(r, 800)); // the input box opens
    await typeText('Chosen by keyboard');
    await press('Enter');
    const ids = await until('the new theme file', async () => existsSync(file('themes/chosen-by-keyboard.yaml')) && themeIds('chosen-by-keyboard'));
    assert.deepEqual(ids, [a, b]);
    assert.equal(await read('themes/chosen-by-keyboard.yaml'), `title: Chosen by keyboard\nhighlights: [${a}, ${b}]\n`);
    await board('the board after the new theme', (x) => x.revision > r.revision && !x.columns['']!.includes(a!));
  });

  it('moves a card into a theme with the keyboard (M, pick the theme)', async () => {
    const r = await board('unsorted cards', (x) => (x.columns['']?.length ?? 0) > 0);
    const id = r.columns['']![0]!;
    await clickInWebview(card(id));
    await board('the focused card', (x) => x.focused === id);
    await press('m');
    await new Promise((r) => setTimeout(r, 800));
    await typeText('Letters that frighten');
    await press('Enter');
    await until('the theme file to change', async () => (await themeIds(LETTERS)).at(-1) === id);
    await board('the board after the move', (x) => x.revision > r.revision && !x.columns['']!.includes(id));
  });

  it('follows a theme file edited on disk, keeping the selection', async () => {
    const before = await board('the board', () => true);
    assert.ok(before.selected.length > 0);
    const ids = await themeIds(HANDOVER);
    const text = await read(`themes/${HANDOVER}.yaml`);
    await fsp.writeFile(file(`themes/${HANDOVER}.yaml`), text.replace(`highlights: [${ids.join(', ')}]`, `highlights: [${ids.slice(1).join(', ')}]`));
    const r = await board('the board to follow the file', (x) => x.revision > before.revision && x.columns[HANDOVER]?.[0] === ids[1]);
    assert.deepEqual(r.selected, before.selected, 'the selection survives');
  });

  it('shows hostile text from transcripts, tags and themes as text: nothing executes', async () => {
    const hostile = `Look <img src=x onerror="document.title='pwned'"> and </script><script>document.title='pwned'</script> [here](javascript:alert(1))`;
    const text = `---\nparticipant: P01\n---\nP01: ${hostile}\n`;
    const start = text.indexOf('Look');
    await fsp.writeFile(file('transcripts/interviews/xss.md'), text);
    await fsp.writeFile(
      file('highlights/transcripts/interviews/xss.md.yaml'),
      `source: transcripts/interviews/xss.md\nsourceHash: ${gitBlobHash(text)}\nhighlights:\n  - id: h-xss00001\n    quote: ${JSON.stringify(hostile)}\n    prefix: "P01: "\n    suffix: ""\n    start: ${start}\n    end: ${start + hostile.length}\n    tags: [waiting-time]\n    note: "<img src=x onerror=alert(2)> javascript:alert(3)"\n`,
    );
    await fsp.writeFile(file('themes/0-hostile.yaml'), `title: "</script><img src=x onerror=alert(4)>"\nhighlights: [h-xss00001]\n`);
    const codebook = await read('codebook.yaml');
    await fsp.writeFile(file('codebook.yaml'), codebook.replace(/label: Waiting time/, 'label: "<img src=x onerror=alert(5)>"'));
    try {
      const r = await board('the hostile card on the board', (x) => (x.columns['0-hostile'] ?? []).includes('h-xss00001'), 20000);
      assert.equal(r.injected, 0, 'no img, script, iframe or link element came from the study');
      await screenshot('board-hostile');
    } finally {
      // The study is shared with the tests that run after this one: put it back as it was.
      await fsp.writeFile(file('codebook.yaml'), codebook);
      for (const f of ['themes/0-hostile.yaml', 'highlights/transcripts/interviews/xss.md.yaml', 'transcripts/interviews/xss.md']) await fsp.rm(file(f), { force: true });
      const model = (await api()).context.models[0]!;
      await until('the study without the hostile files', () => model.workspace!.codebook.some((t) => t.label === 'Waiting time') && !model.workspace!.transcripts.has('transcripts/interviews/xss.md'), 15000);
    }
  });
});
