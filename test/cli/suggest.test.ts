/**
 * `sift suggest` on real coding nobody here did: the NVivo 12 export (Hungarian comments on
 * vaccination, 330 coded selections), imported from a copy into a temporary folder. Exact
 * output for a passage and for find more like this; suggestions.yaml honoured; nothing
 * written; exit 1 with a sentence when there is nothing to suggest from.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { realFixture } from '../support/real-fixtures';
import { cleanupTemps, fingerprint, sift, tempDir } from './support';

after(cleanupTemps);

const SOURCE = 'transcripts/videos_10_selected.txt';
/** "Ha pedig a kormány kötelezővé akarja tenni…": a comment nobody coded. */
const PASSAGE = ['--source', SOURCE, '--start', '308444', '--end', '308691'];

describe('sift suggest on the NVivo 12 export', () => {
  let study: string;
  before(function () {
    this.timeout(120_000);
    const copy = path.join(tempDir(), 'project.qdpx');
    copyFileSync(realFixture('refi/nvivo12-oltas_teszt.qdpx'), copy);
    study = path.join(tempDir(), 'nvivo');
    const r = sift(['import', 'qdpx', copy, '--into', study]);
    assert.equal(r.code, 0, r.stderr);
  });

  it('suggests the tags of the most similar coded comments, each with its reason, and writes nothing', () => {
    const before = fingerprint(study);
    const r = sift(['suggest', study, ...PASSAGE]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'Tags for transcripts/videos_10_selected.txt 308444–308691: “Ha pedig a kormány kötelezővé akarja tenni addig kell az összes vállalat vezető…”',
        '  1. government (+Government) — like 2 passages coded government: “ld véleményedet,vállald azt aki vagy. Az,hogy valaki egyete…”',
        '  2. resisting-coercion (Resisting coercion) — like 2 passages coded resisting-coercion: “ezt a fos kísérleti oltást mindenáron kötelezővé akarja ten…”',
        '  3. politikusokkal-szembeli-bizalmatlansag (politikusokkal szembeli bizalmatlanság) — like 1 passage coded politikusokkal-szembeli-bizalmatlansag: “czi birodalom is tele volt tanult,magas szinten edukált "ho…”',
        '',
      ].join('\n'),
    );
    assert.equal(r.stderr, '');
    assert.deepEqual(fingerprint(study), before);
  });

  it('gives the same as JSON, with the passages each suggestion is like', () => {
    const r = sift(['suggest', study, ...PASSAGE, '--format', 'json', '--limit', '2']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { quote: string; suggestions: { tag: string; label: string; reason: string; like: { id: string }[] }[] };
    assert.ok(out.quote.startsWith('Ha pedig a kormány kötelezővé akarja tenni'));
    assert.deepEqual(
      out.suggestions.map((s) => [s.tag, s.label, s.reason, s.like.length]),
      [
        ['government', '+Government', 'like 2 passages coded government', 2],
        ['resisting-coercion', 'Resisting coercion', 'like 2 passages coded resisting-coercion', 2],
      ],
    );
  });

  it('finds more comments like those coded resisting-coercion, none already coded with it', () => {
    const r = sift(['suggest', study, '--tag', 'resisting-coercion', '--more', '--limit', '3']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'More like resisting-coercion (Resisting coercion), from its 29 coded passages: 3 not yet coded with it',
        // The comments have no speaker (their video titles, "Mozaik: …", were read as ones before): passages, not turns.
        '  1. transcripts/videos_selection.txt 26161–26352: “Aztán, ha az nem járható, akkor fel kell nekik mutatni a középső ujjunkat, és keresni kell egy mási…”',
        '     like “ő körben meg kell nézni, hogy egy ügyvéd mit tud kihozni a…” (coded resisting-coercion)',
        '  2. transcripts/videos_selection.txt 1270–1625: “2021-10-30T08:45:00Z UgyBfVayGFLMPSCxh8l4AaABAg @peterpeter5409 ezt a fos kísérleti oltást mindenár…”',
        '     like “ezt a fos kísérleti oltást mindenáron kötelezővé akarja ten…” (coded resisting-coercion)',
        '  3. transcripts/videos_selection.txt 1801–2151: “2021-10-30T08:45:00Z UgyN3p9YF11M36ltlFp4AaABAg @amigo7777ful de szivesen belénk basznatok a kibasz…”',
        '     like “de szivesen belénk basznatok a kibaszott mérget mocskok a n…” (coded resisting-coercion)',
        '',
      ].join('\n'),
    );
  });

  it('does not offer what suggestions.yaml says was turned down', () => {
    const quote =
      'Ha pedig a kormány kötelezővé akarja tenni addig kell az összes vállalat vezetőnek a kormány nyakára járni amig vissza nem vonják. Ugyanazt kell csinálni a kormánnyal amit ők csinálnak velünk, állandóan mondani mondani mondani és mondani hogy NEM.';
    writeFileSync(
      path.join(study, 'suggestions.yaml'),
      `rejected:\n  - tag: government\n    source: ${SOURCE}\n    quote: ${JSON.stringify(quote)}\n  - tag: resisting-coercion\n    source: ${SOURCE}\n    quote: ${JSON.stringify(quote)}\n`,
    );
    try {
      const tags = sift(['suggest', study, ...PASSAGE, '--limit', '1']);
      assert.equal(tags.code, 0, tags.stderr);
      assert.match(tags.stdout, /\n {2}1\. politikusokkal-szembeli-bizalmatlansag /);
      const more = sift(['suggest', study, '--tag', 'resisting-coercion', '--more', '--limit', '3', '--format', 'json']);
      const passages = (JSON.parse(more.stdout) as { passages: { start: number }[] }).passages.map((p) => p.start);
      assert.equal(passages.includes(308444), false, 'the turned-down passage is not offered again');
      assert.equal(passages.length, 3);
    } finally {
      writeFileSync(path.join(study, 'suggestions.yaml'), '');
    }
  });

  it('says why there is nothing to find for a tag nobody used, and refuses a tag that does not exist', () => {
    const unused = sift(['suggest', study, '--tag', 'covid', '--more']);
    assert.equal(unused.code, 1);
    assert.equal(unused.stderr, 'No passage is coded covid yet, so there is nothing to find more of. Code a few passages with it first.\n');
    const unknown = sift(['suggest', study, '--tag', 'no-such-tag', '--more']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^sift: There is no tag "no-such-tag" in the codebook or the coding\. Tags: /);
  });
});

describe('sift suggest with nothing to suggest from', () => {
  it('exits 1 with a sentence in a study nobody has coded yet', () => {
    const dir = path.join(tempDir(), 'fresh');
    assert.equal(sift(['init', dir]).code, 0);
    writeFileSync(path.join(dir, 'transcripts', 'p01.md'), 'P01: I waited sixteen weeks for the grab rails.\n');
    const r = sift(['suggest', dir, '--source', 'transcripts/p01.md', '--start', '5', '--end', '20']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'Nothing to suggest from: no passage of this study is coded yet. Suggestions come from your own coding; tag a few passages first.\n');
  });

  it('refuses a passage outside the transcript, and --more without --tag', () => {
    const dir = path.join(tempDir(), 'fresh');
    sift(['init', dir]);
    writeFileSync(path.join(dir, 'transcripts', 'p01.md'), 'P01: short.\n');
    const outside = sift(['suggest', dir, '--source', 'transcripts/p01.md', '--start', '5', '--end', '99']);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /^sift: --start 5 --end 99: the passage must start before it ends, within the 12 characters of transcripts\/p01\.md\.\n/);
    const more = sift(['suggest', dir, '--more']);
    assert.equal(more.code, 2);
    assert.match(more.stderr, /^sift: --more needs --tag: the tag to find more passages like, e\.g\. --tag waiting-time --more\.\n/);
  });
});
