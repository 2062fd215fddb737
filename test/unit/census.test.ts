/**
 * Census tables: the table found under its title and notes, totals skipped, figures with
 * thousands separators or percent signs read, categories mapped to values by their words or as
 * told, unmapped ones left to "everyone else", and shares that never pass 100%.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CensusError, censusTargets, readCensusTable } from '../../src/core/sampling/census';
import { planCounts } from '../../src/core/sampling/coverage';
import { writeTargets } from '../../src/core/sampling/write';
import { EditPlan } from '../../src/core/store/plan';
import { loadWorkspace } from '../../src/core/workspace/load';
import { MemoryFileSystem } from '../support/memory-fs';

const VALUES = ['asian-or-asian-british', 'black-or-black-british', 'mixed-or-multiple', 'white', 'other-ethnic-group'];
const FIXTURE = readFileSync(path.join(__dirname, '..', 'fixtures', 'census', 'ethnic-group-by-area.csv'), 'utf8');

describe('census tables', () => {
  it('finds the table under its title, skips the total row and the notes after it', () => {
    const t = readCensusTable(FIXTURE);
    assert.deepEqual(t.header, ['Ethnic group', 'Leeds', 'Bradford', 'England and Wales']);
    assert.deepEqual(
      t.rows.map((r) => [r.label, r.line, r.values[0]]),
      [
        ['Asian, Asian British or Asian Welsh', 6, 82000],
        ['Black, Black British, Black Welsh, Caribbean or African', 7, 46300],
        ['Mixed or Multiple ethnic groups', 8, 32500],
        ['White', 9, 629300],
        ['Other ethnic group', 10, 21900],
      ],
    );
  });

  it('maps every category of the ONS groups to its value by label, and the shares add up to 100%', () => {
    const r = censusTargets(readCensusTable(FIXTURE), 'England and Wales', VALUES, new Map());
    assert.deepEqual(
      r.mapping.map((m) => [m.value, m.how]),
      VALUES.map((v) => [v, 'label']),
    );
    const tenths = Object.values(r.targets).map((t) => Math.round(t.value * 1000));
    assert.deepEqual(tenths, [93, 40, 29, 817, 21]);
    assert.equal(
      tenths.reduce((a, b) => a + b),
      1000,
    );
  });

  it('reads percentage columns, leaves unmapped categories to everyone else, and maps as told', () => {
    const csv = 'Group,Share of residents\nPakistani,30%\nIndian,12.5%\nAll other groups,57.5%\n';
    const auto = censusTargets(readCensusTable(csv), 'share of residents', ['pakistani', 'indian', 'white'], new Map());
    assert.deepEqual(auto.targets, { pakistani: { unit: 'share', value: 0.3 }, indian: { unit: 'share', value: 0.125 } });
    assert.equal(auto.mapping[2]!.how, 'unmapped');
    assert.deepEqual(
      planCounts(auto.targets, 10).map((g) => `${g.value} ${g.wanted}`),
      ['pakistani 3', 'indian 1', 'everyone else 6'],
      'if we speak to 10 people and 30% have a Pakistani background, we speak to 3 of them',
    );
    const told = censusTargets(readCensusTable(csv), 'Share of residents', ['pakistani', 'indian', 'white'], new Map([['all other groups', 'white']]));
    assert.deepEqual(told.targets.white, { unit: 'share', value: 0.575 });
  });

  it('does not guess when two values fit a label equally', () => {
    const r = censusTargets(readCensusTable('Group,Area\nWhite and Asian,10\nWhite,90\n'), 'Area', ['white', 'asian'], new Map());
    assert.deepEqual(
      r.mapping.map((m) => m.value),
      [undefined, 'white'],
    );
  });

  it('says what is wrong: no table, no such column, a mapping of no category', () => {
    assert.throws(
      () => readCensusTable('A title\n\nonly words here\n'),
      (e: CensusError) => /^No table found/.test(e.message),
    );
    const t = readCensusTable(FIXTURE);
    assert.throws(() => censusTargets(t, 'York', VALUES, new Map()), { message: 'The table has no column "York". Its columns: Leeds, Bradford, England and Wales.' });
    assert.throws(() => censusTargets(t, 'Leeds', VALUES, new Map([['Arab', 'other-ethnic-group']])), /--map names "Arab", which is not a category of the table/);
  });

  it("writes the targets it imports in place of the old ones, with a comment on where they came from instead of the old targets' comment", async () => {
    const research = [
      'name: S',
      'attributes:',
      '  ethnicity: {type: enum, values: [asian-or-asian-british, black-or-black-british, mixed-or-multiple, white, other-ethnic-group]}',
      '  age-band: {type: enum, values: [young, old]}',
      '# The sample we planned: the targets below are for 12 participants.',
      'sample: {planned: 12}',
      '# Targets per attribute value.',
      'sampling:',
      '  # Half and half, as agreed with the service.',
      '  age-band: {young: 50%, old: 50%}',
      '  # Numbers of people, for two groups only: the rest of the sample is "everyone else".',
      '  ethnicity: {asian-or-asian-british: {count: 3}, black-or-black-british: {count: 2}} # two groups',
      '',
    ].join('\n');
    const write = async (planned: number | undefined) => {
      const fs = new MemoryFileSystem({ 'research.yaml': research });
      const ws = (await loadWorkspace(fs)).workspace;
      const plan = new EditPlan(fs, ws.versions);
      const r = censusTargets(readCensusTable(FIXTURE), 'Leeds', VALUES, new Map());
      await writeTargets(plan, 'ethnicity', r.targets, { planned, table: 'ethnic-group-by-area.csv', column: r.column });
      await fs.apply(plan.result().edits);
      return fs.text('research.yaml')!;
    };
    const expected = (sample: string[]) => [
      'name: S',
      'attributes:',
      '  ethnicity: {type: enum, values: [asian-or-asian-british, black-or-black-british, mixed-or-multiple, white, other-ethnic-group]}',
      '  age-band: {type: enum, values: [young, old]}',
      ...sample,
      '# Targets per attribute value.',
      'sampling:',
      '  # Half and half, as agreed with the service.',
      '  age-band: {young: 50%, old: 50%}',
      '  # Shares of the population in column "Leeds" of ethnic-group-by-area.csv (sift sampling import).',
      '  ethnicity: {asian-or-asian-british: 10.1%, black-or-black-british: 5.7%, mixed-or-multiple: 4%, white: 77.5%, other-ethnic-group: 2.7%}',
      '',
    ];
    assert.deepEqual((await write(10)).split('\n'), expected(['# The planned sample (sift sampling import --sample 10).', 'sample: {planned: 10}']));
    assert.deepEqual((await write(undefined)).split('\n'), expected(['# The sample we planned: the targets below are for 12 participants.', 'sample: {planned: 12}']), 'the planned sample untouched keeps its comment');
    assert.deepEqual((await write(12)).split('\n'), expected(['# The sample we planned: the targets below are for 12 participants.', 'sample: {planned: 12}']), 'the same planned sample keeps its comment');
  });
});
