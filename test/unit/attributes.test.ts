/**
 * Typed participant attributes: a value that does not fit its declared type is an error at its
 * line and column, with the values that would fit (the editor's quick fixes), nearest first.
 */
import * as assert from 'node:assert/strict';
import { attributeValueProblem, inferDefinition, readAttributeValue } from '../../src/core/attributes';
import { loaded } from '../support/example-fs';
import { MemoryFileSystem } from '../support/memory-fs';

const RESEARCH = `name: Typed
attributes:
  age: {type: number, min: 18, max: 110}
  first-contact: {type: date}
  carer: {type: boolean}
  channel: {type: enum, values: [phone, online, face-to-face]}
  note: {type: text}
`;

describe('typed attributes', () => {
  it('accepts values that fit their type', () => {
    assert.equal(attributeValueProblem('age', { type: 'number', min: 18, max: 110 }, 70), undefined);
    assert.equal(attributeValueProblem('first-contact', { type: 'date' }, '2026-02-28'), undefined);
    assert.equal(attributeValueProblem('carer', { type: 'boolean' }, false), undefined);
    assert.equal(attributeValueProblem('channel', { type: 'enum', values: ['phone', 'online'] }, 'online'), undefined);
    assert.equal(attributeValueProblem('note', { type: 'text' }, 42), undefined);
  });

  it('says what is wrong with each type, and offers the values that would fit', () => {
    const check = (name: string, def: Parameters<typeof attributeValueProblem>[1], value: string | number | boolean) => {
      const p = attributeValueProblem(name, def, value)!;
      return [p.message, p.fixes];
    };
    assert.deepEqual(check('age', { type: 'number' }, 'seventy'), ['age is a number; "seventy" is not one (write it in digits, like 42).', []]);
    assert.deepEqual(check('age', { type: 'number' }, '70'), ['age is a number; write "70" without quotes.', ['70']]);
    assert.deepEqual(check('age', { type: 'number', min: 18, max: 110 }, 130), ['age is at most 110; 130 is above that.', ['110']]);
    assert.deepEqual(check('age', { type: 'number', min: 18 }, 4), ['age is at least 18; 4 is below that.', ['18']]);
    assert.deepEqual(check('first-contact', { type: 'date' }, '2026-13-45'), ['first-contact is a date written YYYY-MM-DD (like 2026-03-02); "2026-13-45" is not a calendar date.', []]);
    assert.deepEqual(check('first-contact', { type: 'date' }, '2026-13-04'), ['first-contact is a date written YYYY-MM-DD (like 2026-03-02); "2026-13-04" is not a calendar date.', ['2026-04-13']]);
    assert.deepEqual(check('first-contact', { type: 'date' }, '13/03/2026')[1], ['2026-03-13']);
    assert.deepEqual(check('carer', { type: 'boolean' }, 'maybe'), ['carer is true or false; "maybe" is neither.', ['true', 'false']]);
    assert.deepEqual(check('carer', { type: 'boolean' }, 'yes')[1], ['true']);
    assert.deepEqual(check('channel', { type: 'enum', values: ['phone', 'online', 'face-to-face'] }, 'Face to face'), [
      '"Face to face" is not one of the values of channel: phone, online, face-to-face.',
      ['face-to-face', 'phone', 'online'],
    ]);
  });

  it('reads a value written as text (a sheet cell) as its type, by the same rules and with the same words as participants.yaml', () => {
    const read = (def: Parameters<typeof readAttributeValue>[1], cell: string) => {
      const r = readAttributeValue('x', def, cell);
      return 'value' in r ? r.value : `${r.problem.message} ${JSON.stringify(r.problem.fixes)}`;
    };
    assert.equal(read({ type: 'number', min: 16, max: 110 }, ' 70 '), 70);
    assert.equal(read({ type: 'number' }, '3,5'), 3.5, 'a decimal comma, as European spreadsheets write it');
    assert.equal(read({ type: 'number', min: 16, max: 110 }, '130'), 'x is at most 110; 130 is above that. ["110"]', 'bounds hold for cells too');
    assert.equal(read({ type: 'number' }, 'seventy'), 'x is a number; "seventy" is not one (write it in digits, like 42). []');
    assert.equal(read({ type: 'boolean' }, 'Yes'), true);
    assert.equal(read({ type: 'boolean' }, 'FALSE'), false);
    assert.equal(read({ type: 'boolean' }, 'maybe'), 'x is true or false; "maybe" is neither. ["true","false"]');
    assert.equal(read({ type: 'enum', values: ['18-34', '65+'] }, '65+'), '65+');
    assert.equal(read({ type: 'enum', values: ['phone', 'online'] }, 'Phone'), 'phone', 'the declared spelling of a value in another case');
    assert.equal(read({ type: 'enum', values: ['18-34', '35-64', '65+'] }, '25-34'), '"25-34" is not one of the values of x: 18-34, 35-64, 65+. ["18-34","35-64","65+"]');
    assert.equal(read({ type: 'date' }, '2026-03-02'), '2026-03-02');
    assert.equal(read({ type: 'date' }, '02/03/2026'), 'x is a date written YYYY-MM-DD (like 2026-03-02); "02/03/2026" is not a calendar date. ["2026-03-02"]');
    assert.equal(read({ type: 'text' }, 'anything at all'), 'anything at all');
  });

  it('declares an attribute from a column of values: number, boolean, date, a small enum, else text', () => {
    assert.deepEqual(inferDefinition(['70', '3,5', '-2']), { type: 'number' });
    assert.deepEqual(inferDefinition(['yes', 'No', 'TRUE']), { type: 'boolean' });
    assert.deepEqual(inferDefinition(['2026-03-02', '2025-12-31']), { type: 'date' });
    assert.deepEqual(inferDefinition(['phone', 'online', 'phone', 'face-to-face']), { type: 'enum', values: ['face-to-face', 'online', 'phone'] });
    assert.deepEqual(inferDefinition(['age 9', 'age 10', 'age 1']), { type: 'enum', values: ['age 1', 'age 9', 'age 10'] }, 'natural order');
    assert.deepEqual(inferDefinition(Array.from({ length: 13 }, (_, i) => `v${i}`)), { type: 'text' });
    // Whatever is inferred reads every cell it was inferred from.
    for (const cells of [['70', '3,5'], ['yes', 'No'], ['2026-03-02'], ['phone', 'online']]) {
      const def = inferDefinition(cells);
      for (const c of cells) assert.ok('value' in readAttributeValue('x', def, c), `${c} as ${def.type}`);
    }
  });

  it('reports each wrong value in participants.yaml at its line and column, and nothing else', async () => {
    const participants = `participants:
  - id: P01
    attributes: {age: seventy, first-contact: 2026-13-45, carer: maybe, channel: phone, note: anything}
  - id: P02
    attributes:
      age: 64
      first-contact: 2026-03-02
      carer: true
      channel: fone
`;
    const ws = await loaded(new MemoryFileSystem({ 'research.yaml': RESEARCH, 'participants.yaml': participants }));
    const found = ws.problems.map((p) => `${p.path}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.code}] ${JSON.stringify(p.fixes ?? [])}`);
    assert.deepEqual(found, [
      'participants.yaml:3:23: error: age is a number; "seventy" is not one (write it in digits, like 18). [bad-attribute-value] []',
      'participants.yaml:3:47: error: first-contact is a date written YYYY-MM-DD (like 2026-03-02); "2026-13-45" is not a calendar date. [bad-attribute-value] []',
      'participants.yaml:3:66: error: carer is true or false; "maybe" is neither. [bad-attribute-value] ["true","false"]',
      'participants.yaml:9:16: error: "fone" is not one of the values of channel: phone, online, face-to-face. [bad-attribute-value] ["phone","online","face-to-face"]',
    ]);
  });

  it('reports unclear and impossible sampling targets in research.yaml at their place', async () => {
    const research = `name: S
attributes:
  ethnicity: {type: enum, values: [a, b, c]}
  age-band: {type: enum, values: [young, old]}
  channel: {type: enum, values: [phone, online]}
sample: {planned: 4}
sampling:
  ethnicity: {a: 0.5, b: 3}
  age-band: {young: 70%, old: {share: 0.5}}
  channel: {phone: {count: 5}, online: 2.5 people}
`;
    const ws = await loaded(new MemoryFileSystem({ 'research.yaml': research, 'participants.yaml': 'participants: []\n' }));
    assert.deepEqual(
      ws.problems.map((p) => `${p.line}:${p.column} ${p.code}: ${p.message}`),
      ['10:40 schema-anyOf: sampling.channel.online must be a share of the sample such as 30% (or {share: 0.3}), or a number of people such as {count: 3}.'],
      'a value in no known form stops the file first',
    );
    const fixed = await loaded(new MemoryFileSystem({ 'research.yaml': research.replace('2.5 people', '{count: 1}'), 'participants.yaml': 'participants: []\n' }));
    assert.deepEqual(
      fixed.problems.map((p) => `${p.line}:${p.column} ${p.code}: ${p.message}`),
      [
        '8:14 sampling-unclear: The targets of ethnicity mix shares (numbers below 1) with numbers of people; write each as a share (30%) or a count ({count: 3}).',
        '9:13 sampling-total: The shares for age-band add up to 120%, more than the whole sample.',
        '10:12 sampling-total: The counts for channel add up to 6 people, more than the planned sample of 4 (sample: {planned: 4}).',
      ],
    );
  });
});
