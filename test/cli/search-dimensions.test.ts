/**
 * `sift search` by when and from what kind of source, on the example study: week:, phase: and
 * kind: (by id or label, negatable), and a week the study does not have refused with exit 2.
 */
import * as assert from 'node:assert/strict';
import { EXAMPLE, sift } from './support';

describe('sift search: week, phase and kind', () => {
  const total = (query: string) => {
    const r = sift(['search', query, EXAMPLE, '--format', 'json', '--limit', '500']);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { total: number }).total;
  };

  it('counts what the example holds by kind, week and phase, and leaves out with -', () => {
    assert.equal(total('kind:inspection-visit'), 4);
    assert.equal(total('kind:"inspection visit"'), 4);
    assert.equal(total('kind:diary'), 18);
    assert.equal(total('kind:diary week:1'), 9);
    assert.equal(total('kind:diary -week:1'), 9);
    assert.equal(total('phase:"follow-up week"'), 3);
    assert.equal(total('phase:main-fieldwork'), 39);
  });

  it('refuses a week the study does not have, with exit 2 and the weeks it has', () => {
    const r = sift(['search', 'week:7', EXAMPLE]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'sift: week:7 names nothing here: the study\'s weeks are 1 to 4.\nQueries: words, "exact phrase", tag:id, participant:P07, attribute:value (e.g. age-band:65+), week:3, phase:id, kind:diary, study:id in a library; - before any to leave it out.\n',
    );
  });
});
