/**
 * `sift sampling import`: targets from a census table into research.yaml (comments kept),
 * the plan in whole people, --dry-run writing nothing, and bad input refused with its place.
 * Also `sift check` on count targets and typed attributes, at file:line:column.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTemps, copyOfExample, fingerprint, REPO, sift, tempDir } from './support';

after(cleanupTemps);

const TABLE = path.join(REPO, 'test', 'fixtures', 'census', 'ethnic-group-by-area.csv');

describe('sift sampling import', () => {
  it('writes one column of a census table as shares of the attribute, keeping the comments, and plans whole people', () => {
    const dir = copyOfExample();
    const before = readFileSync(path.join(dir, 'research.yaml'), 'utf8');
    const r = sift(['sampling', 'import', TABLE, dir, '--attribute', 'ethnicity', '--column', 'Leeds', '--sample', '10']);
    assert.equal(r.code, 0, r.stderr);
    const after = readFileSync(path.join(dir, 'research.yaml'), 'utf8');
    assert.ok(after.includes('  ethnicity: {asian-or-asian-british: 10.1%, black-or-black-british: 5.7%, mixed-or-multiple: 4%, white: 77.5%, other-ethnic-group: 2.7%}\n'), after);
    assert.ok(after.includes('sample: {planned: 10}\n'));
    // Everything else is as it was: the comments, the other attributes' targets.
    // The comments on the old figures go with them (they described 12 planned and two counts).
    assert.ok(after.includes('# The planned sample (sift sampling import --sample 10).\nsample: {planned: 10}\n'), after);
    assert.ok(after.includes('  # Shares of the population in column "Leeds" of ethnic-group-by-area.csv (sift sampling import).\n  ethnicity: {asian'), after);
    assert.ok(!after.includes('for 12 participants') && !after.includes('for two groups only'), after);
    const changed = [/^ {2}ethnicity: \{asian/, /^sample:/, /^ {2}# (Numbers of people|Shares of the population)/, /^# (The sample we planned|The planned sample)/];
    const untouched = (text: string) => text.split('\n').filter((l) => !changed.some((c) => c.test(l)));
    assert.deepEqual(untouched(after), untouched(before));
    assert.match(r.stdout, /Column "Leeds": 5 of 5 categories mapped to values of ethnicity\./);
    assert.match(r.stdout, /Asian, Asian British or Asian Welsh +10\.1% +asian-or-asian-british \(by its label\)/);
    assert.match(r.stdout, /asian-or-asian-british +10% +1\n/);
    assert.match(r.stdout, /white +78% +8\n/);
    const people = [...r.stdout.matchAll(/^\S+ +\S+% +(\d+)$/gm)].map((m) => Number(m[1]));
    assert.deepEqual(people, [1, 1, 0, 8, 0], 'largest remainder: 10 people in all');
    const check = sift(['check', dir, '--no-cache']);
    assert.equal(check.code, 0, check.stdout);
    const stats = sift(['stats', dir]);
    assert.match(stats.stdout, /ethnicity +white +78% of the sample +8 of 10 planned +6 of 12 \(50%\) +2 short/);
  });

  it('maps categories as told, leaves the rest to everyone else, and --dry-run writes nothing', () => {
    const dir = copyOfExample();
    const print = fingerprint(dir);
    const r = sift(['sampling', 'import', TABLE, dir, '--attribute', 'ethnicity', '--column', 'bradford', '--map', 'White=white', '--map', 'Other ethnic group=white', '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fingerprint(dir), print, 'nothing written');
    assert.match(r.stdout, /Other ethnic group +1\.9% +white \(as given\)/);
    assert.match(r.stdout, /\+ {2}ethnicity: \{asian-or-asian-british: 32\.3%, black-or-black-british: 2\.1%, mixed-or-multiple: 2\.7%, white: 62\.9%\}/);
    assert.match(r.stdout, /Dry run: research\.yaml would change; nothing was written\./);
    // The planned 12 of research.yaml is used for the plan when --sample is not given.
    assert.match(r.stdout, /For the planned sample of 12/);
  });

  it('refuses, writing nothing, an unknown column, a mapping to no value, and a file with no table', () => {
    const dir = copyOfExample();
    const print = fingerprint(dir);
    const column = sift(['sampling', 'import', TABLE, dir, '--attribute', 'ethnicity', '--column', 'York']);
    assert.equal(column.code, 1);
    assert.match(column.stderr, /ethnic-group-by-area\.csv:1:1: error: The table has no column "York"\. Its columns: Leeds, Bradford, England and Wales\./);
    const value = sift(['sampling', 'import', TABLE, dir, '--attribute', 'ethnicity', '--column', 'Leeds', '--map', 'White=pink']);
    assert.equal(value.code, 1);
    assert.match(value.stderr, /--map maps "White" to "pink", which is not a value of the attribute: asian-or-asian-british, black-or-black-british, mixed-or-multiple, white, other-ethnic-group\./);
    const notes = path.join(tempDir(), 'notes.csv');
    writeFileSync(notes, 'Just a note\nwith no figures\n');
    const none = sift(['sampling', 'import', notes, dir, '--attribute', 'ethnicity', '--column', 'Leeds']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /No table found/);
    const usage = sift(['sampling', 'import', TABLE, dir, '--column', 'Leeds']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--attribute is required/);
    assert.deepEqual(fingerprint(dir), print, 'nothing written');
  });

  it('sift check reports wrong typed attributes and sampling targets at file:line:column', () => {
    const dir = copyOfExample();
    const research = path.join(dir, 'research.yaml');
    writeFileSync(
      research,
      readFileSync(research, 'utf8')
        .replace('  service: {type: enum, values: [adaptations, pension-transition]}\n', '  service: {type: enum, values: [adaptations, pension-transition]}\n  age: {type: number, min: 16}\n  carer: {type: boolean}\n')
        .replace('{count: 2}}', '{count: 20}}'),
    );
    const participants = path.join(dir, 'participants.yaml');
    writeFileSync(
      participants,
      readFileSync(participants, 'utf8').replace('service: adaptations}\n    consent: {by: participant, date: 2026-02-24', 'service: adaptations, age: seventy, carer: maybe}\n    consent: {by: participant, date: 2026-02-24'),
    );
    const r = sift(['check', dir, '--no-cache']);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n').filter((l) => / error: /.test(l));
    assert.deepEqual(lines, [
      'participants.yaml:4:118: error: age is a number; "seventy" is not one (write it in digits, like 16). [bad-attribute-value]',
      'participants.yaml:4:134: error: carer is true or false; "maybe" is neither. [bad-attribute-value]',
      'research.yaml:42:14: error: The counts for ethnicity add up to 23 people, more than the planned sample of 12 (sample: {planned: 12}). [sampling-total]',
    ]);
  });
});
