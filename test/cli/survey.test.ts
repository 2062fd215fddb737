/**
 * `sift import survey` end to end with the bundled CLI: the example sheet of 120 webinar
 * comments into a new study, again unchanged, an Excel workbook, and a bad cell refused.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { parse } from 'yaml';
import { cleanupTemps, fingerprint, REPO, sift, tempDir } from './support';

const SHEET = path.join(REPO, 'examples', 'webinar-comments', 'webinar-qa.csv');

/** A minimal .xlsx (one sheet, shared strings) as Excel writes them. */
function workbook(rows: string[][]): Uint8Array {
  const strings = [...new Set(rows.flat())];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (i: number) => String.fromCharCode(65 + i);
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.map((r, i) => `<row r="${i + 1}">${r.map((c, j) => `<c r="${col(j)}${i + 1}" t="s"><v>${strings.indexOf(c)}</v></c>`).join('')}</row>`).join('')}</sheetData></worksheet>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
    ),
  });
}

describe('sift import survey', () => {
  after(cleanupTemps);

  it('imports 120 comments with two attribute columns into a new study, keeps the sheet, and changes nothing the second time', () => {
    const dir = tempDir();
    assert.equal(sift(['init', dir, '--name', 'Webinar']).code, 0);
    const first = sift(['import', 'survey', SHEET, '--into', dir, '--text', 'Comment', '--attributes', 'Age band,Channel']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Imported 120 comments from 120 respondents into transcripts\/webinar-qa\.md/);
    assert.deepEqual(readFileSync(path.join(dir, 'sources/webinar-qa.csv')), readFileSync(SHEET));
    const hs = parse(readFileSync(path.join(dir, 'highlights/transcripts/webinar-qa.md.yaml'), 'utf8')).highlights;
    assert.equal(hs.length, 120);
    assert.equal(parse(readFileSync(path.join(dir, 'participants.yaml'), 'utf8')).participants.length, 120);
    assert.equal(sift(['check', dir]).code, 0);
    const before = fingerprint(dir);
    const again = sift(['import', 'survey', path.join(dir, 'sources/webinar-qa.csv'), '--into', dir]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /nothing changed \(120 comments\)/);
    assert.deepEqual(fingerprint(dir), before);
  });

  it('reads an Excel workbook, and refuses a bad cell by row and column without touching a file', () => {
    const dir = tempDir();
    sift(['init', dir]);
    const xlsx = path.join(tempDir(), 'responses.xlsx');
    writeFileSync(
      xlsx,
      workbook([
        ['Id', 'Answer', 'Age band'],
        ['A1', 'Too long a wait', '65+'],
        ['A2', 'Nobody answers', '25-34'],
      ]),
    );
    const before = fingerprint(dir);
    const bad = sift(['import', 'survey', xlsx, '--into', dir, '--text', 'Answer', '--id', 'Id', '--attributes', 'Age band']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^sources\/responses\.xlsx:3:3: error: Row 3, column C \(“Age band”\): "25-34" is not one of the values of age-band: 18-34, 35-64, 65\+\. Correct the cell \(18-34\?\)/);
    assert.deepEqual(fingerprint(dir), before);
    writeFileSync(
      xlsx,
      workbook([
        ['Id', 'Answer', 'Age band'],
        ['A1', 'Too long a wait', '65+'],
        ['A2', 'Nobody answers', '18-34'],
      ]),
    );
    const ok = sift(['import', 'survey', xlsx, '--into', dir, '--text', 'Answer', '--id', 'Id', '--attributes', 'Age band']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(readFileSync(path.join(dir, 'transcripts/responses.md'), 'utf8'), /\n## A2\n\nNobody answers\n$/);
  });
});
