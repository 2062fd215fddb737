/**
 * Open-ended comments as a source: sheets read faithfully (CSV dialects Excel writes), and
 * a sheet imported into a study and re-imported after edits without duplicating anything.
 */
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { EditPlan } from '../../src/core/store/plan';
import { planSurveyImport, type SurveyImportOptions } from '../../src/core/survey/import';
import { readCsv, type Sheet } from '../../src/core/survey/sheet';
import { parseTranscript } from '../../src/core/transcripts';
import { loadWorkspace } from '../../src/core/workspace/load';
import type { Problem } from '../../src/core/problems';
import { MemoryFileSystem } from '../support/memory-fs';

const bytes = (s: string) => new TextEncoder().encode(s);

function sheetOf(csv: string | Uint8Array, name = 'comments.csv'): Sheet {
  const read = readCsv(name, typeof csv === 'string' ? bytes(csv) : csv);
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('\n'));
  return read.sheet;
}

describe('survey sheets', () => {
  it('reads quoted line breaks, commas and quotes, a BOM and CRLF, and skips empty rows keeping row numbers', () => {
    const sheet = sheetOf('\ufeffId,Comment,Age band\r\nR1,"Waited, and waited.\r\nThen ""nothing"".",65+\r\n,,\r\nR2,Phone rang out,18-34\r\n\r\n');
    assert.deepEqual(sheet.headers, ['Id', 'Comment', 'Age band']);
    assert.equal(sheet.rows.length, 2);
    assert.deepEqual(
      sheet.rows.map((r) => r.row),
      [2, 4],
    );
    assert.equal(sheet.rows[0]!.cells[1], 'Waited, and waited.\nThen "nothing".');
    assert.deepEqual(sheet.rows[1]!.cells, ['R2', 'Phone rang out', '18-34']);
  });

  it('reads semicolon-separated files from Excel in European locales (commas stay inside the words)', () => {
    const sheet = sheetOf('Kommentar;Alter\nZu lange gewartet, leider;65+\n"Telefon; nie erreichbar";35-64\n');
    assert.deepEqual(sheet.headers, ['Kommentar', 'Alter']);
    assert.deepEqual(
      sheet.rows.map((r) => r.cells),
      [
        ['Zu lange gewartet, leider', '65+'],
        ['Telefon; nie erreichbar', '35-64'],
      ],
    );
    assert.match(sheet.notes.join(), /semicolons/);
  });

  it('reads Windows-1252 CSV (Excel on Windows) and says so', () => {
    const latin = Uint8Array.from([...bytes('Comment\n'), 0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94, 0x0a]);
    const sheet = sheetOf(latin);
    assert.equal(sheet.rows[0]!.cells[0], 'Café “ok”');
    assert.match(sheet.notes.join(), /Windows-1252/);
  });

  it('refuses an unclosed quote and duplicate or unnamed columns, naming the row and column', () => {
    const quote = readCsv('c.csv', bytes('Comment\nfine\n"never closed\nmore\n'));
    assert.equal(quote.ok, false);
    assert.deepEqual(!quote.ok && quote.problems.map((p) => [p.line, p.code]), [[3, 'csv-quotes']]);
    const dup = readCsv('c.csv', bytes('Comment,comment,\nA,B,stray\n'));
    assert.equal(dup.ok, false);
    assert.deepEqual(!dup.ok && dup.problems.map((p) => [p.line, p.column, p.code]), [
      [1, 2, 'sheet-duplicate-column'],
      [1, 3, 'sheet-unnamed-column'],
    ]);
    assert.match(!dup.ok ? dup.problems[0]!.message : '', /Columns A and B are both called “comment”/);
  });
});

const RESEARCH = 'name: Webinar\nsources: ["transcripts/**/*.md"]\nattributes:\n  age-band:\n    type: enum\n    values: [18-34, 35-64, 65+]\n';

async function importSheet(fs: MemoryFileSystem, csv: string, options: Partial<SurveyImportOptions> = {}) {
  const ws = (await loadWorkspace(fs)).workspace;
  const plan = new EditPlan(fs, ws.versions);
  let n = 0;
  const result = await planSurveyImport(plan, ws, fs, sheetOf(csv, 'webinar-qa.csv'), { source: 'sources/webinar-qa.csv', random: () => ((n++ * 7 + 3) % 32) / 32, ...options });
  const planned = plan.result();
  const problems: Problem[] = [...result.problems, ...planned.problems];
  if (!problems.some((p) => p.severity === 'error')) await fs.apply(planned.edits);
  return { result, problems, edits: planned.edits };
}

function highlightsOf(fs: MemoryFileSystem): { id: string; quote: string; start: number; end: number; tags: string[]; speaker?: string }[] {
  return parse(fs.text('highlights/transcripts/webinar-qa.md.yaml')!).highlights;
}

describe('survey import', () => {
  const CSV = 'Respondent,Comment,Age band,Channel\nA7,The wait was far too long.,65+,phone\nB2,"Question: why no phone line?\nNobody answers.",18-34,online\nA7,Letters were confusing.,65+,phone\n';

  it('makes one section and one untagged card per comment, respondents as typed participants, new attributes declared', async () => {
    const fs = new MemoryFileSystem({ 'research.yaml': RESEARCH, 'participants.yaml': 'participants: []\n' });
    const { result, problems } = await importSheet(fs, CSV, { text: 'comment', id: 'Respondent', attributes: ['Age band', 'Channel'] });
    assert.deepEqual(problems, []);
    assert.deepEqual([result.comments, result.respondents, result.added], [3, 2, ['A7', 'B2', 'A7 (2)']]);
    const text = fs.text('transcripts/webinar-qa.md')!;
    assert.match(text, /^---\nkind: survey\n/);
    assert.ok(text.includes('\n## B2\n\nQuestion: why no phone line?\nNobody answers.\n'));
    const hs = highlightsOf(fs);
    assert.deepEqual(
      hs.map((h) => [h.quote, h.speaker, h.tags]),
      [
        ['The wait was far too long.', 'A7', []],
        ['Question: why no phone line?\nNobody answers.', 'B2', []],
        ['Letters were confusing.', 'A7', []],
      ],
    );
    // The quote is exactly the text at its offsets (code points over the whole file).
    for (const h of hs) assert.equal([...text].slice(h.start, h.end).join(''), h.quote);
    // The whole comment is one turn by its respondent, even a line that looks like a speaker label.
    assert.deepEqual(
      parseTranscript('transcripts/webinar-qa.md', text).turns.map((t) => t.speaker),
      ['A7', 'B2', 'A7'],
    );
    assert.deepEqual(parse(fs.text('participants.yaml')!).participants, [
      { id: 'A7', attributes: { 'age-band': '65+', channel: 'phone' } },
      { id: 'B2', attributes: { 'age-band': '18-34', channel: 'online' } },
    ]);
    assert.deepEqual(parse(fs.text('research.yaml')!).attributes.channel, { type: 'enum', values: ['online', 'phone'] });
    assert.deepEqual(result.declared, [{ name: 'channel', type: 'enum' }]);
    // The study loads clean, and the board's participant of each card is its respondent.
    const ws = (await loadWorkspace(fs)).workspace;
    assert.deepEqual(
      ws.problems.filter((p) => p.severity !== 'info'),
      [],
    );
  });

  it('refuses a value its declared type does not allow, and one respondent with two values, by row and column; nothing is written', async () => {
    const fs = new MemoryFileSystem({ 'research.yaml': RESEARCH });
    const bad = 'Respondent,Comment,Age band\nA7,Too long.,65+\nB2,No answer.,25-34\nA7,Confusing.,35-64\n';
    const { problems, edits } = await importSheet(fs, bad, { text: 'Comment', id: 'Respondent', attributes: ['Age band'] });
    assert.deepEqual(
      problems.map((p) => [p.path, p.line, p.column, p.code]),
      [
        ['sources/webinar-qa.csv', 3, 3, 'survey-bad-value'],
        ['sources/webinar-qa.csv', 4, 3, 'survey-conflicting-value'],
      ],
    );
    assert.equal(problems[0]!.message, 'Row 3, column C (“Age band”): "25-34" is not one of the values of age-band: 18-34, 35-64, 65+. Correct the cell (18-34?), or change the declaration in research.yaml.');
    // A number's bounds hold for a sheet as for participants.yaml (one owner of attribute typing).
    const bounded = new MemoryFileSystem({ 'research.yaml': `${RESEARCH}  age:\n    type: number\n    min: 16\n` });
    const young = await importSheet(bounded, 'Comment,Age\nToo long.,15\nFine.,40\n', { text: 'Comment', attributes: ['Age'] });
    assert.deepEqual(
      young.problems.map((p) => [p.line, p.column, p.code, p.message]),
      [[2, 2, 'survey-bad-value', 'Row 2, column B (“Age”): age is at least 16; 15 is below that. Correct the cell (16?), or change the declaration in research.yaml.']],
    );
    // A comment line that would read as the start of another comment is refused too.
    const heading = await importSheet(fs, 'Comment\nFine.\n"My list:\n## Waiting\nlong"\n', { text: 'Comment' });
    assert.deepEqual(
      heading.problems.map((p) => [p.line, p.column, p.code]),
      [[3, 1, 'survey-heading-in-comment']],
    );
    assert.equal(edits.length, 0);
    assert.deepEqual(fs.paths(), ['research.yaml']);
  });

  it('re-imports an edited sheet in place: edited words re-anchor their card, removed rows keep their highlights, new rows add cards, no duplicates', async () => {
    const fs = new MemoryFileSystem({ 'research.yaml': RESEARCH, 'participants.yaml': 'participants: []\n' });
    const first = 'Comment,Age band\nThe wait was far too long.,65+\nNobody answers the phone.,18-34\nLetters were confusing.,35-64\n';
    await importSheet(fs, first, { text: 'Comment', attributes: ['Age band'] });
    const before = highlightsOf(fs);
    // The researcher tags the second comment's card and codes a passage inside the third.
    const text = fs.text('transcripts/webinar-qa.md')!;
    const inner = text.indexOf('confusing');
    fs.write(
      'highlights/transcripts/webinar-qa.md.yaml',
      fs.text('highlights/transcripts/webinar-qa.md.yaml')!.replace('tags: []\n    speaker: R002', 'tags: [phone]\n    speaker: R002') +
        `  - id: h-zzzzzzzz\n    quote: confusing\n    prefix: ""\n    suffix: ""\n    start: ${inner}\n    end: ${inner + 9}\n    tags: [letters]\n`,
    );
    fs.write('codebook.yaml', 'tags:\n  - id: phone\n    label: Phone\n  - id: letters\n    label: Letters\n');

    // Same sheet again: not one edit.
    assert.equal((await importSheet(fs, first)).edits.length, 0);

    // Rows reordered, the second comment edited, the first removed, a new one added.
    const edited = 'Comment,Age band\nLetters were confusing.,35-64\nNobody ever answers the phone after 3pm.,18-34\nCould you add a callback?,65+\n';
    const { result, problems } = await importSheet(fs, edited);
    assert.deepEqual(problems, []);
    assert.deepEqual([result.added, result.changed, result.removed, result.keptHighlights], [['R004'], ['R002'], ['R001'], 1]);
    const after = highlightsOf(fs);
    const byId = new Map(after.map((h) => [h.id, h]));
    const now = fs.text('transcripts/webinar-qa.md')!;
    // The edited comment's card is the same highlight, with its tag, holding the new words.
    assert.deepEqual([byId.get(before[1]!.id)!.quote, byId.get(before[1]!.id)!.tags], ['Nobody ever answers the phone after 3pm.', ['phone']]);
    // The passage coded inside a comment followed its words.
    const coded = byId.get('h-zzzzzzzz')!;
    assert.equal([...now].slice(coded.start, coded.end).join(''), 'confusing');
    // The removed comment's card is kept (it is orphaned now, for the researcher to decide).
    assert.equal(byId.get(before[0]!.id)!.quote, 'The wait was far too long.');
    assert.ok(!now.includes('The wait was far too long.'));
    assert.equal(after.length, 5);
    assert.deepEqual(
      after.filter((h) => h.quote === 'Could you add a callback?').map((h) => h.speaker),
      ['R004'],
    );
    // Every respondent once; the new one added.
    assert.deepEqual(
      parse(fs.text('participants.yaml')!).participants.map((p: { id: string }) => p.id),
      ['R001', 'R002', 'R003', 'R004'],
    );
  });
});
