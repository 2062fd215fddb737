/**
 * `sift stats` on the example's diaries and kinds of source (exact figures, text and JSON),
 * `sift export csv` of the time and kind matrices, and `sift check` on a source of an unknown
 * kind, a field of the wrong type and a missing scanned page: each at file:line:column, exit 1,
 * nothing written.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTemps, copyOfExample, EXAMPLE, fingerprint, sift } from './support';

after(cleanupTemps);

describe('sift stats: diary completion and sources by kind', () => {
  it('prints who wrote in which week, the gaps, and the sources by kind', () => {
    const r = sift(['stats', EXAMPLE]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      r.stdout.includes(
        [
          'Diary completion (4 weeks, 2026-03-02 to 2026-03-29)',
          'participant   W1  W2  W3  W4  entries  completion',
          '------------  --  --  --  --  -------  ---------------------------------------------',
          'P02            2   1   ·   2        5  3 of 4 weeks, 5 entries; nothing in week 3',
          'P04            4   2   3   ·        9  3 of 4 weeks, 9 entries; stopped after week 3',
          'P09            2   ·   1   1        4  3 of 4 weeks, 4 entries; nothing in week 2',
          'all diarists   8   3   4   3       18  1 of 4 weeks with every diarist writing',
        ].join('\n'),
      ),
      r.stdout,
    );
    assert.ok(
      r.stdout.includes(
        [
          'Sources by kind',
          'kind              sources  highlights  coverage',
          '----------------  -------  ----------  --------',
          'Interview               7          60       11%',
          'Diary                   3          18       15%',
          'Focus group             1          12       12%',
          'Inspection visit        1           4       17%',
          'No kind given           1           7        9%',
        ].join('\n'),
      ),
      r.stdout,
    );
  });

  it('--format json: every entry with its date, week, phase, line, highlights and scanned pages', () => {
    const s = JSON.parse(sift(['stats', EXAMPLE, '--format', 'json']).stdout);
    assert.deepEqual(s.diaries.calendar, { start: '2026-03-02', end: '2026-03-29', weeks: 4, phases: s.diaries.calendar.phases });
    const p09 = s.diaries.diarists.find((d: { participant: string }) => d.participant === 'P09');
    assert.deepEqual(p09.perWeek, [2, 0, 1, 1]);
    assert.deepEqual(p09.entries[2], { date: '2026-03-18', week: 3, phase: 'main-fieldwork', source: 'transcripts/diaries/p09-diary.md', line: 19, highlights: 1, pages: ['transcripts/diaries/scans/p09-page-3.png'] });
    assert.deepEqual(
      s.kinds.map((k: { kind: string; sources: number }) => [k.kind, k.sources]),
      [
        ['interview', 7],
        ['diary', 3],
        ['focus-group', 1],
        ['inspection-visit', 1],
        ['(no kind)', 1],
      ],
    );
  });

  it('exports tags × week, × phase and × kind as CSV', () => {
    const week = sift(['export', 'csv', EXAMPLE, '--format', 'tag-week']);
    assert.equal(week.code, 0, week.stderr);
    assert.match(week.stdout, /^tag,label,Week 1,Week 2,Week 3,Week 4\r\n/);
    assert.match(sift(['export', 'csv', EXAMPLE, '--format', 'tag-phase']).stdout, /^tag,label,Baseline week,Main fieldwork,Follow-up week\r\n/);
    assert.match(sift(['export', 'csv', EXAMPLE, '--format', 'tag-kind']).stdout, /^tag,label,Interview,Diary,Focus group,Inspection visit,No kind given\r\n/);
  });
});

describe('sift check: kinds of source and scanned pages', () => {
  const INSPECTION = 'transcripts/inspections/civic-centre.md';
  const DIARY = 'transcripts/diaries/p09-diary.md';
  const edit = (dir: string, file: string, f: (s: string) => string) => writeFileSync(path.join(dir, file), f(readFileSync(path.join(dir, file), 'utf8')));

  it('an unknown kind, a field of the wrong type and a missing page: errors at file:line:column, exit 1, nothing written', () => {
    const dir = copyOfExample();
    edit(dir, INSPECTION, (s) => s.replace('kind: inspection-visit', 'kind: inspection-visit').replace('step-free-access: 2', 'step-free-access: two'));
    edit(dir, 'transcripts/interviews/p01.md', (s) => s.replace('kind: interview', 'kind: interveiw'));
    rmSync(path.join(dir, 'transcripts/diaries/scans/p09-page-2.png'));
    const before = fingerprint(dir);
    const r = sift(['check', dir]);
    assert.equal(r.code, 1);
    const errors = r.stdout.split('\n').filter((l) => l.includes(': error: '));
    assert.deepEqual(errors, [
      `${DIARY}:15:29: error: The scanned page transcripts/diaries/scans/p09-page-2.png does not exist. Add the image there, or correct the path (it is relative to this transcript's folder). [missing-page]`,
      `${INSPECTION}:8:19: error: step-free-access is a number; "two" is not one (write it in digits, like 1). [bad-source-field]`,
      'transcripts/interviews/p01.md:4:7: error: "interveiw" is not a kind of source this study knows. The kinds are: interview, diary, focus-group, observation, co-design-session, patient-story, inspection-visit, mystery-shop, consultation-response, survey. Fix the spelling, or declare it under "kinds:" in research.yaml. [unknown-source-kind]',
    ]);
    assert.deepEqual(fingerprint(dir), before, 'check writes nothing');
    // The source of an unknown kind is still read: its highlights are counted.
    const stats = JSON.parse(sift(['stats', dir, '--format', 'json']).stdout);
    assert.equal(stats.highlights, 101);
    assert.deepEqual(
      stats.kinds.find((k: { kind: string }) => k.kind === 'interveiw'),
      { kind: 'interveiw', label: 'interveiw', sources: 1, highlights: 10, coverage: stats.kinds.find((k: { kind: string }) => k.kind === 'interveiw').coverage },
    );
  });
});
