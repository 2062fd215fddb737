/**
 * `sift import qdpx` on projects other tools wrote: the real NVivo 12 export (BOM, CRLF,
 * emoji, Hungarian) and the ATLAS.ti reference project, read where they are in
 * ../shared/fixtures (copied to a temporary folder before importing); every form of
 * `plainTextPath` seen in the wild; codes of the same name in different branches; and
 * broken files, each refused with a clear error, exit 1 and no file written.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { parse } from 'yaml';
import { CodePointIndex } from '../../src/core/text';
import { REAL_FIXTURES, realFixture } from '../support/real-fixtures';
import { cleanupTemps, sift, tempDir } from './support';

after(cleanupTemps);

const NVIVO = 'refi/nvivo12-oltas_teszt.qdpx';
const ATLAS = path.join(REAL_FIXTURES, '..', 'refi-qda', 'atlas-reference-project.qde');

interface Tag {
  id: string;
  label: string;
  parent?: string;
}
interface Highlight {
  id: string;
  quote: string;
  start: number;
  end: number;
  tags: string[];
  speaker?: string;
}

function yamlOf<T>(file: string): T {
  return parse(readFileSync(file, 'utf8')) as T;
}

/** A copy of a file in a fresh temporary folder (imports never read the shared fixtures in place). */
function copied(file: string): string {
  const target = path.join(tempDir(), path.basename(file));
  copyFileSync(file, target);
  return target;
}

/** Every highlight of an imported workspace, with the transcript it belongs to. */
function highlightsOf(dir: string): { source: string; highlights: Highlight[] }[] {
  const out: { source: string; highlights: Highlight[] }[] = [];
  const root = path.join(dir, 'highlights');
  if (!existsSync(root)) return out;
  for (const rel of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (rel.endsWith('.yaml')) out.push(yamlOf(path.join(root, rel)));
  }
  return out;
}

/** The depth of the deepest tag (a top-level tag is 1). */
function depth(tags: Tag[]): number {
  const byId = new Map(tags.map((t) => [t.id, t]));
  let deepest = 0;
  for (const t of tags) {
    let d = 1;
    for (let at = t; at.parent !== undefined; at = byId.get(at.parent)!) d++;
    deepest = Math.max(deepest, d);
  }
  return deepest;
}

const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A small REFI-QDA project: one text source at `plainTextPath`, codes and selections given. */
function project(options: { plainTextPath: string; basePath?: string; codes?: string; selections?: string }): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Board minutes"${options.basePath !== undefined ? ` basePath="${options.basePath}"` : ''}>
  <CodeBook><Codes>${options.codes ?? `<Code guid="${G(2)}" name="Decisions" isCodable="true"/>`}</Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(4)}" name="board_2017" plainTextPath="${options.plainTextPath}">
      ${options.selections ?? `<PlainTextSelection guid="${G(10)}" startPosition="4" endPosition="12"><Coding guid="${G(11)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection>`}
    </TextSource>
  </Sources>
</Project>`;
}

const TEXT = 'The board agreed the budget.\n';

function qdpx(entries: Record<string, string>): string {
  const file = path.join(tempDir(), 'project.qdpx');
  writeFileSync(file, zipSync(Object.fromEntries(Object.entries(entries).map(([name, text]) => [name, strToU8(text)]))));
  return file;
}

/** Imports into a new folder; asserts it worked and that the one highlight is on "board ag". */
function importsOneHighlight(file: string): string {
  const into = path.join(tempDir(), 'imported');
  const r = sift(['import', 'qdpx', file, '--into', into]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 transcripts, 1 highlights, 1 tags/);
  const [only] = highlightsOf(into);
  assert.deepEqual(
    only!.highlights.map((h) => [h.quote, h.start, h.end]),
    [['board ag', 4, 12]],
  );
  assert.equal(readFileSync(path.join(into, only!.source), 'utf8'), TEXT);
  return into;
}

/** Asserts the import failed with exit 1, its message matching, and that no folder was made. */
function refused(file: string, message: RegExp, extra: string[] = []): string {
  const parent = tempDir();
  const r = sift(['import', 'qdpx', file, '--into', path.join(parent, 'new'), ...extra]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, message);
  assert.match(r.stderr, /Nothing was imported\./);
  assert.deepEqual(readdirSync(parent), []);
  return r.stderr;
}

describe('REFI-QDA import of real exports', () => {
  it('the NVivo 12 export: 2 sources, 152 codes in 12 trees 4 deep, all 330 coded selections, every quote the text at its offsets', () => {
    const into = path.join(tempDir(), 'nvivo');
    const r = sift(['import', 'qdpx', copied(realFixture(NVIVO)), '--into', into]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 transcripts, 330 highlights, 152 tags, 0 participants/);

    const tags = yamlOf<{ tags: Tag[] }>(path.join(into, 'codebook.yaml')).tags;
    assert.equal(tags.length, 152);
    assert.equal(tags.filter((t) => t.parent === undefined).length, 12);
    assert.equal(new Set(tags.map((t) => t.parent).filter((p) => p !== undefined)).size, 32);
    assert.equal(depth(tags), 4);
    const typeOf = tags.find((t) => t.label === '1. Oltás típusa')!;
    assert.deepEqual(
      tags.filter((t) => t.parent === typeOf.id).map((t) => t.label),
      ['COVID', 'Nem COVID'],
    );

    // The words: the transcript is the stored text with its BOM dropped and CRLF read as \n, nothing else changed.
    const archive = unzipSync(readFileSync(realFixture(NVIVO)));
    const qde = new TextDecoder().decode(archive['project.qde']);
    const stored = (guid: string) => new TextDecoder().decode(archive[`Sources/${guid}.txt`]).replace(/^\uFEFF/, '');
    const coded = stored('68bbdc14-c361-4432-b4dd-ae1dbfc12890');
    assert.equal(readFileSync(path.join(into, 'transcripts', 'videos_10_selected.txt'), 'utf8'), coded.replace(/\r\n/g, '\n'));
    assert.equal(readFileSync(path.join(into, 'transcripts', 'videos_selection.txt'), 'utf8'), stored('ddbebe1b-306f-4271-acdd-ae1da7c06fcd').replace(/\r\n/g, '\n'));

    // Each selection's text, counted in code points over the stored text as REFI-QDA counts them…
    const codePoints = [...coded];
    const expected = [...qde.matchAll(/<PlainTextSelection [^>]*>/g)].map(([element]) => {
      const [start, end] = ['startPosition', 'endPosition'].map((name) => Number(new RegExp(`${name}="(\\d+)"`).exec(element)![1]));
      return codePoints.slice(start, end).join('').replace(/\r\n/g, '\n');
    });
    assert.equal(expected.length, 330);
    assert.ok(
      expected.some((q) => /\p{Extended_Pictographic}/u.test(q)),
      'some selections hold emoji',
    );
    // …is the quote of exactly one highlight, which sits on those words in the transcript.
    const [file] = highlightsOf(into);
    const text = readFileSync(path.join(into, file!.source), 'utf8');
    const index = new CodePointIndex(text);
    for (const h of file!.highlights) assert.equal(index.slice(h.start, h.end), h.quote, `${h.id} at ${h.start}–${h.end}`);
    assert.deepEqual(file!.highlights.map((h) => h.quote).sort(), expected.sort());
    // YouTube comments under video titles written "Topic: …": nobody speaks, so no highlight has a speaker
    // (116 were given "Koronavírus", "PSZ", "Kormányfő" or "Péter Ádám", the titles read as labels).
    assert.deepEqual(
      file!.highlights.filter((h) => h.speaker !== undefined).map((h) => h.speaker),
      [],
    );
    // Sources without a kind are not called anything they may not be: text files are transcripts, not "call transcripts".
    const report = sift(['report', into]).stdout;
    assert.match(report, /\n- \*\*Sources:\*\* 2 transcripts\.\n/);
    // The project has no cases and the comments name no participant: nobody is recorded, which "0 participants" beside 330 highlights did not say.
    assert.match(report, /\nNo participant recorded, 2 transcripts; 330 coded highlights\./);
    assert.match(sift(['stats', into]).stdout, /^2 transcripts, no participant recorded, 330 highlights /m);
    const site = path.join(tempDir(), 'site');
    assert.equal(sift(['site', into, '--out', site]).code, 0);
    assert.match(readFileSync(path.join(site, 'index.html'), 'utf8'), /<p>No participant recorded, sample coverage and method<\/p>/);
    assert.doesNotMatch(report + readFileSync(path.join(site, 'index.html'), 'utf8'), /0 participants/);

    const check = sift(['check', into, '--format', 'json', '--no-cache']);
    const states = (JSON.parse(check.stdout) as { highlights: { state: string }[] }).highlights.map((h) => h.state);
    assert.equal(states.length, 330);
    assert.ok(states.every((s) => s === 'anchored'));
  });

  it('the ATLAS.ti reference project without its sources is refused, naming each missing file; its codebook comes in with import qdc', () => {
    const file = copied(ATLAS);
    const stderr = refused(file, /The text of "Mabel\.txt" \(sources\/B2F54555-0D2D-43B2-B40C-2A1C048F5F1C\.txt, from plainTextPath "internal:\/\/B2F54555-0D2D-43B2-B40C-2A1C048F5F1C\.txt"\) is not in the archive/);
    assert.equal(stderr.match(/error: .*\[refi-missing-source\]/g)?.length, 6);
    refused(file, /The project has 5 coded selection\(s\), but none could be placed on a source text/, ['--skip-missing-sources']);

    const study = tempDir();
    assert.equal(sift(['init', study]).code, 0);
    const r = sift(['import', 'qdc', file, study]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Added 14 tags to the codebook\./);
    const tags = yamlOf<{ tags: Tag[] }>(path.join(study, 'codebook.yaml')).tags;
    const coke = tags.find((t) => t.label === 'Coke')!;
    assert.deepEqual(
      tags
        .filter((t) => t.parent === coke.id)
        .map((t) => t.label)
        .sort(),
      ['diet Coke', 'full-fat Coke'],
    );
  });

  it('a broken NVivo file — truncated, a source missing, bad XML — is refused with a clear error, exit 1, nothing written', () => {
    const bytes = readFileSync(realFixture(NVIVO));
    const truncated = path.join(tempDir(), 'truncated.qdpx');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    refused(truncated, /the ZIP archive is damaged or truncated/);

    const entries = unzipSync(bytes);
    const withoutSource = path.join(tempDir(), 'without-source.qdpx');
    writeFileSync(withoutSource, zipSync(Object.fromEntries(Object.entries(entries).filter(([name]) => !name.startsWith('Sources/68bbdc14')))));
    refused(
      withoutSource,
      /The text of "videos_10_selected" \(sources\/68bbdc14-c361-4432-b4dd-ae1dbfc12890\.txt, from plainTextPath "internal:\/\/68bbdc14-c361-4432-b4dd-ae1dbfc12890\.txt"\) is not in the archive\. It has 330 coded selection\(s\)\./,
    );

    const badXml = path.join(tempDir(), 'bad-xml.qdpx');
    const qde = new TextDecoder().decode(entries['project.qde']);
    writeFileSync(badXml, zipSync({ ...entries, 'project.qde': strToU8(qde.replace('</Users>', '</Userz>')) }));
    refused(badXml, /bad-xml\.qdpx:\d+:\d+: error: /);
  });
});

describe('REFI-QDA import: where a source text is (plainTextPath)', () => {
  it('internal://NAME, the standard form', () => {
    importsOneHighlight(qdpx({ 'project.qde': project({ plainTextPath: 'internal://board_2017.txt' }), 'sources/board_2017.txt': TEXT }));
  });

  it('a bare file name, as the qc tool writes it: the file in sources/', () => {
    importsOneHighlight(qdpx({ 'project.qde': project({ plainTextPath: 'board_2017.txt' }), 'sources/board_2017.txt': TEXT }));
  });

  it('a relative name (sources/NAME, ./NAME): the file in sources/', () => {
    importsOneHighlight(qdpx({ 'project.qde': project({ plainTextPath: 'sources/board_2017.txt' }), 'sources/board_2017.txt': TEXT }));
    importsOneHighlight(qdpx({ 'project.qde': project({ plainTextPath: './board_2017.txt' }), 'Sources/BOARD_2017.TXT': TEXT }));
  });

  it('relative:// against the project basePath, or against the project file folder when basePath is empty or from another computer', () => {
    const file = qdpx({ 'project.qde': project({ plainTextPath: 'relative://texts/board_2017.txt', basePath: 'minutes' }) });
    mkdirSync(path.join(path.dirname(file), 'minutes', 'texts'), { recursive: true });
    writeFileSync(path.join(path.dirname(file), 'minutes', 'texts', 'board_2017.txt'), TEXT);
    importsOneHighlight(file);

    const moved = qdpx({ 'project.qde': project({ plainTextPath: 'relative://texts/board_2017.txt', basePath: 'C:\\Users\\ana\\Projects' }) });
    mkdirSync(path.join(path.dirname(moved), 'texts'));
    writeFileSync(path.join(path.dirname(moved), 'texts', 'board_2017.txt'), TEXT);
    importsOneHighlight(moved);
  });

  it('file:// and absolute paths as written; a missing one is an error naming the file', () => {
    const folder = tempDir();
    const source = path.join(folder, 'board 2017.txt');
    writeFileSync(source, TEXT);
    importsOneHighlight(qdpx({ 'project.qde': project({ plainTextPath: `file://${encodeURI(source)}` }) }));
    importsOneHighlight(qdpx({ 'project.qde': project({ plainTextPath: `absolute://${source}` }) }));

    const missing = path.join(folder, 'gone.txt');
    refused(
      qdpx({ 'project.qde': project({ plainTextPath: `file://${missing}` }) }),
      new RegExp(
        `The text of "board_2017" is outside the archive \\(plainTextPath "file://${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\): there is no file ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. It has 1 coded selection`,
      ),
    );
  });

  it('a bare name missing from the archive is an error naming sources/NAME; --skip-missing-sources imports the rest', () => {
    const codes = `<Code guid="${G(2)}" name="Decisions" isCodable="true"/>`;
    const two = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Board minutes">
  <CodeBook><Codes>${codes}</Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(4)}" name="board_2017" plainTextPath="board_2017.txt"><PlainTextSelection guid="${G(10)}" startPosition="4" endPosition="12"><Coding guid="${G(11)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection></TextSource>
    <TextSource guid="${G(5)}" name="board_2018" plainTextPath="board_2018.txt"><PlainTextSelection guid="${G(12)}" startPosition="0" endPosition="3"><Coding guid="${G(13)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection></TextSource>
  </Sources>
</Project>`;
    const file = qdpx({ 'project.qde': two, 'sources/board_2017.txt': TEXT });
    refused(
      file,
      /The text of "board_2018" \(sources\/board_2018\.txt, from plainTextPath "board_2018\.txt"\) is not in the archive\. It has 1 coded selection\(s\)\.(?:.|\n)*A source text could not be found or read \(above\), so nothing was imported: the coding on it would be lost\. To import the rest without it, run again with --skip-missing-sources\./,
    );
    const into = path.join(tempDir(), 'imported');
    const r = sift(['import', 'qdpx', file, '--into', into, '--skip-missing-sources']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: The text of "board_2018"/);
    assert.match(r.stdout, /1 transcripts, 1 highlights/);
  });

  it('a project whose coded selections all fall outside their text keeps none: exit 1, not a quiet success', () => {
    const selections = `<PlainTextSelection guid="${G(10)}" startPosition="400" endPosition="412"><Coding guid="${G(11)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection>`;
    refused(qdpx({ 'project.qde': project({ plainTextPath: 'internal://board_2017.txt', selections }), 'sources/board_2017.txt': TEXT }), /The project has 1 coded selection\(s\), but none could be placed on a source text/);
  });
});

describe('REFI-QDA import: codes of the same name', () => {
  it('keeps both names as the project has them, gives them different ids, and exports the names unchanged', () => {
    const codes = `<Code guid="${G(20)}" name="cs_as_programming" isCodable="true"><Code guid="${G(21)}" name="programming" isCodable="true"/></Code><Code guid="${G(22)}" name="skills" isCodable="true"><Code guid="${G(23)}" name="programming" isCodable="true"/></Code>`;
    const selections = `<PlainTextSelection guid="${G(10)}" startPosition="4" endPosition="12"><Coding guid="${G(11)}"><CodeRef targetGUID="${G(21)}"/></Coding><Coding guid="${G(12)}"><CodeRef targetGUID="${G(23)}"/></Coding></PlainTextSelection>`;
    const file = qdpx({ 'project.qde': project({ plainTextPath: 'internal://board_2017.txt', codes, selections }), 'sources/board_2017.txt': TEXT });
    const into = path.join(tempDir(), 'imported');
    const r = sift(['import', 'qdpx', file, '--into', into]);
    assert.equal(r.code, 0, r.stderr);
    const tags = yamlOf<{ tags: Tag[] }>(path.join(into, 'codebook.yaml')).tags;
    assert.deepEqual(
      tags.map((t) => [t.id, t.label, t.parent ?? null]),
      [
        ['cs-as-programming', 'cs_as_programming', null],
        ['programming', 'programming', 'cs-as-programming'],
        ['skills', 'skills', null],
        ['programming-skills', 'programming', 'skills'],
      ],
    );
    assert.deepEqual(highlightsOf(into)[0]!.highlights[0]!.tags, ['programming', 'programming-skills']);
    assert.equal(sift(['check', into, '--no-cache']).code, 0);

    // Out again, and in again: the names are the project's.
    const out = path.join(tempDir(), 'again.qdpx');
    assert.equal(sift(['export', 'qdpx', into, '--out', out]).code, 0);
    const exported = new TextDecoder().decode(unzipSync(readFileSync(out))['project.qde']);
    assert.deepEqual(
      [...exported.matchAll(/<Code [^>]*name="([^"]*)"/g)].map((m) => m[1]),
      ['cs_as_programming', 'programming', 'skills', 'programming'],
    );
    const back = path.join(tempDir(), 'back');
    assert.equal(sift(['import', 'qdpx', out, '--into', back]).code, 0);
    assert.deepEqual(
      yamlOf<{ tags: Tag[] }>(path.join(back, 'codebook.yaml')).tags.map((t) => t.label),
      ['cs_as_programming', 'programming', 'skills', 'programming'],
    );

    // A codebook file with them adds each once, under its own parent.
    const qdc = path.join(tempDir(), 'codebook.qdc');
    assert.equal(sift(['export', 'qdc', into, '--out', qdc]).code, 0);
    const study = tempDir();
    sift(['init', study]);
    assert.equal(sift(['import', 'qdc', qdc, study]).code, 0);
    assert.deepEqual(
      yamlOf<{ tags: Tag[] }>(path.join(study, 'codebook.yaml'))
        .tags.slice(-4)
        .map((t) => [t.label, t.parent ?? null]),
      [
        ['cs_as_programming', null],
        ['programming', 'cs-as-programming'],
        ['skills', null],
        ['programming', 'skills'],
      ],
    );
    assert.match(sift(['import', 'qdc', qdc, study]).stdout, /Added no tag to the codebook; 4 were already there/);
  });
});
