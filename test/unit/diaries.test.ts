import * as assert from 'node:assert/strict';
import { completionSummary, diaryCompletion } from '../../src/core/diaries/completion';
import { highlightDate, phaseOf, studyCalendar, weekOf } from '../../src/core/diaries/calendar';
import { parseTranscript } from '../../src/core/transcripts';
import { loadWorkspace } from '../../src/core/workspace/load';
import { completionRows } from '../../src/core/diaries/view';
import { exampleFileSystem, loaded } from '../support/example-fs';
import { MemoryFileSystem } from '../support/memory-fs';

const RESEARCH = `name: Diaries
sources: [transcripts/**/*.md]
period: {start: 2026-03-02, end: 2026-03-29}
phases:
  waiting: {label: Waiting for contact, from: 2026-03-02, to: 2026-03-11}
  assessed: {from: 2026-03-12, to: 2026-03-29}
kinds:
  inspection-visit:
    fields:
      site: {type: text, required: true}
      visited-on: {type: date}
      step-free-access: {type: number, min: 1, max: 5}
      accessible-toilet: {type: boolean}
`;
const PARTICIPANTS = 'participants:\n  - {id: P02}\n  - {id: P04}\n  - {id: P09, consent: {by: participant, scope: withdrawn}}\n';

function diary(participant: string, dates: string[]): string {
  return `---\nparticipant: ${participant}\nkind: diary\n---\n\n` + dates.map((d) => `## ${d}\n\nWrote on ${d}.\n`).join('\n');
}

describe('diaries: pages, calendar and completion', () => {
  it('reads a Markdown image alone on its line as a scanned page of its entry, in no turn', () => {
    const text = '---\nparticipant: P09\nkind: diary\n---\n\n## 2026-03-03\n\n![Page 1](scans/p09-1.jpg)\n\nThe rail came today.\n\n![Page 2](<scans/page 2.png> "the back")\n\nMore words.\n';
    const parsed = parseTranscript('transcripts/diaries/p09.md', text);
    assert.deepEqual(
      parsed.pages.map((p) => [p.target, p.path, p.date, p.at.line, p.at.column]),
      [
        ['scans/p09-1.jpg', 'transcripts/diaries/scans/p09-1.jpg', '2026-03-03', 8, 11],
        ['scans/page 2.png', 'transcripts/diaries/scans/page 2.png', '2026-03-03', 12, 11],
      ],
    );
    const turnTexts = parsed.turns.map((t) => [...text].slice(t.start, t.end).join(''));
    assert.deepEqual(turnTexts, ['The rail came today.', 'More words.']);
    assert.ok(parsed.turns.every((t) => t.speaker === 'P09' && t.date === '2026-03-03'));
    assert.deepEqual(parsed.entries, [{ date: '2026-03-03', line: 6 }]);
  });

  it('an image inside a sentence is words, not a page', () => {
    const parsed = parseTranscript('d.md', '---\nparticipant: P09\nkind: diary\n---\n## 2026-03-03\nSee ![this](x.jpg) here.\n');
    assert.deepEqual(parsed.pages, []);
    assert.equal(parsed.turns.length, 1);
  });

  it('counts weeks from the period start and finds phases by day', async () => {
    const { workspace: ws } = await loadWorkspace(new MemoryFileSystem({ 'research.yaml': RESEARCH }));
    const cal = studyCalendar(ws);
    assert.deepEqual([cal.start, cal.end, cal.weeks], ['2026-03-02', '2026-03-29', 4]);
    assert.deepEqual(
      ['2026-03-01', '2026-03-02', '2026-03-08', '2026-03-09', '2026-03-29'].map((d) => weekOf(cal, d)),
      [undefined, 1, 1, 2, 4],
    );
    assert.deepEqual(
      ['2026-03-11', '2026-03-12', '2026-04-01'].map((d) => phaseOf(cal, d)?.label),
      ['Waiting for contact', 'assessed', undefined],
    );
  });

  it('without a period, the study runs from its earliest to its latest date', async () => {
    const fs = new MemoryFileSystem({ 'research.yaml': 'name: T\nsources: [t/*.md]\n', 't/a.md': diary('P02', ['2026-03-04', '2026-03-20']), 't/b.md': '---\nparticipant: P04\ndate: 2026-03-10\nkind: interview\n---\nP04: hi\n' });
    const cal = studyCalendar((await loadWorkspace(fs)).workspace);
    assert.deepEqual([cal.start, cal.end, cal.weeks], ['2026-03-04', '2026-03-20', 3]);
  });

  it('dates a highlight by its entry as the diary reads now, else its stored date, else its source date', async () => {
    const text = diary('P02', ['2026-03-05']);
    const start = [...text].join('').indexOf('Wrote');
    const fs = new MemoryFileSystem({
      'research.yaml': RESEARCH,
      'participants.yaml': PARTICIPANTS,
      'transcripts/d.md': text.replace('## 2026-03-05', '## 2026-03-06'),
      'highlights/transcripts/d.md.yaml': `source: transcripts/d.md\nhighlights:\n  - {id: h-aaaaaaaa, quote: Wrote, start: ${start}, end: ${start + 5}, tags: [], date: 2026-03-05}\n`,
    });
    const { workspace: ws } = await loadWorkspace(fs);
    const h = ws.highlightFiles.get('highlights/transcripts/d.md.yaml')!.highlights[0]!;
    assert.equal(highlightDate(ws, 'transcripts/d.md', h), '2026-03-06');
    assert.equal(highlightDate(ws, 'transcripts/gone.md', h), '2026-03-05');
  });

  it('completion: entries per week, gaps, a late start and a stop, withdrawn diarists left out', async () => {
    const fs = new MemoryFileSystem({
      'research.yaml': RESEARCH,
      'participants.yaml': PARTICIPANTS,
      'transcripts/p02.md': diary('P02', ['2026-03-02', '2026-03-04', '2026-03-10', '2026-03-25']),
      'transcripts/p04.md': diary('P04', ['2026-03-10', '2026-03-17']),
      'transcripts/p09.md': diary('P09', ['2026-03-03']),
    });
    const { workspace: ws } = await loadWorkspace(fs);
    const c = diaryCompletion(ws);
    assert.deepEqual(
      c.diarists.map((d) => [d.participant, d.perWeek, d.gaps, completionSummary(d)]),
      [
        ['P02', [2, 1, 0, 1], [3], '3 of 4 weeks, 4 entries; nothing in week 3'],
        ['P04', [0, 1, 1, 0], [1, 4], '2 of 4 weeks, 2 entries; started in week 2; stopped after week 3'],
      ],
    );
    assert.deepEqual(
      c.weeks.map((w) => [w.week, w.from, w.to, w.entries, w.diarists]),
      [
        [1, '2026-03-02', '2026-03-08', 2, 1],
        [2, '2026-03-09', '2026-03-15', 2, 2],
        [3, '2026-03-16', '2026-03-22', 1, 1],
        [4, '2026-03-23', '2026-03-29', 1, 1],
      ],
    );
    assert.deepEqual(
      c.diarists[0]!.entries.map((e) => [e.date, e.week, e.phase, e.line]),
      [
        ['2026-03-02', 1, 'waiting', 6],
        ['2026-03-04', 1, 'waiting', 10],
        ['2026-03-10', 2, 'waiting', 14],
        ['2026-03-25', 4, 'assessed', 18],
      ],
    );
  });
});

describe('sources: kinds and their fields', () => {
  const inspection = (front: string) => `---\n${front}\n---\n\nInspector: The ramp is steep.\n`;
  async function problemsOf(files: Record<string, string>) {
    const { workspace: ws } = await loadWorkspace(new MemoryFileSystem({ 'research.yaml': RESEARCH, 'participants.yaml': 'participants:\n  - {id: P09}\n', ...files }));
    return ws.problems.map((p) => `${p.path}:${p.line}:${p.column}: ${p.severity} ${p.code}: ${p.message}${p.fixes ? ` fixes=${p.fixes.slice(0, 2).join('|')}` : ''}`);
  }

  it('every default kind is known, and a declared kind with good fields is clean', async () => {
    const kinds = ['interview', 'diary', 'focus-group', 'observation', 'co-design-session', 'patient-story', 'inspection-visit', 'mystery-shop', 'consultation-response'];
    const files = Object.fromEntries(
      kinds.map((k, i) => [`transcripts/s${i}.md`, k === 'inspection-visit' ? inspection('kind: inspection-visit\nsite: Civic Centre\nvisited-on: 2026-03-18\nstep-free-access: 2\naccessible-toilet: false') : `---\nkind: ${k}\n---\nhi\n`]),
    );
    assert.deepEqual(await problemsOf(files), []);
  });

  it('an unknown kind is an error at its place naming the kinds, with the nearest as a quick fix; the source is still read', async () => {
    const fs = new MemoryFileSystem({ 'research.yaml': RESEARCH, 'participants.yaml': PARTICIPANTS, 'transcripts/v.md': inspection('kind: inspection') });
    const { workspace: ws } = await loadWorkspace(fs);
    assert.equal(ws.transcripts.get('transcripts/v.md')?.meta.kind, 'inspection');
    assert.deepEqual(
      ws.problems.map((p) => [p.path, p.line, p.column, p.severity, p.code, p.fixes?.[0]]),
      [['transcripts/v.md', 2, 7, 'error', 'unknown-source-kind', 'inspection-visit']],
    );
    assert.equal(
      ws.problems[0]!.message,
      '"inspection" is not a kind of source this study knows. The kinds are: interview, diary, focus-group, observation, co-design-session, patient-story, inspection-visit, mystery-shop, consultation-response, survey. Fix the spelling, or declare it under "kinds:" in research.yaml.',
    );
  });

  it('fields are typed like attributes: each wrong value at its line and column, a missing required field at the kind', async () => {
    const problems = await problemsOf({
      'transcripts/v.md': inspection('kind: inspection-visit\nvisited-on: 18/03/2026\nstep-free-access: 7\naccessible-toilet: maybe\nsiet: Civic Centre'),
    });
    assert.deepEqual(problems, [
      'transcripts/v.md:2:7: error missing-source-field: An inspection visit records its site (text): add "site:" to this front matter.',
      'transcripts/v.md:3:13: error bad-source-field: visited-on is a date written YYYY-MM-DD (like 2026-03-02); "18/03/2026" is not a calendar date. fixes=2026-03-18',
      'transcripts/v.md:4:19: error bad-source-field: step-free-access is at most 5; 7 is above that. fixes=5',
      'transcripts/v.md:5:20: error bad-source-field: accessible-toilet is true or false; "maybe" is neither. fixes=true|false',
      'transcripts/v.md:6:7: warning unknown-source-field: "siet" is not a field of an inspection visit; its fields are site, visited-on, step-free-access, accessible-toilet (research.yaml, kinds: inspection-visit).',
    ]);
  });

  it('a scanned page that does not exist, leaves the study or is no image is an error at its place', async () => {
    const text = '---\nparticipant: P09\nkind: diary\n---\n## 2026-03-03\n![p](scans/one.jpg)\n![p](scans/two.jpg)\n![p](../../../x.jpg)\n![p](scans/three.pdf)\nWords.\n';
    const problems = await problemsOf({ 'transcripts/p09.md': text, 'transcripts/scans/one.jpg': 'x', 'transcripts/scans/three.pdf': 'x' });
    assert.deepEqual(
      problems.map((p) => p.split(': ')[0] + ' ' + p.split(' ')[2]),
      ['transcripts/p09.md:7:6 missing-page:', 'transcripts/p09.md:8:6 page-outside:', 'transcripts/p09.md:9:6 page-not-image:'],
    );
    assert.match(problems[0]!, /The scanned page transcripts\/scans\/two\.jpg does not exist\./);
  });

  it('research.yaml: a new kind must be written as an id; a phase that ends before it starts is an error', async () => {
    const { workspace: ws } = await loadWorkspace(new MemoryFileSystem({ 'research.yaml': 'name: T\nkinds:\n  Walk About: {}\nphases:\n  late: {from: 2026-03-10, to: 2026-03-01}\n' }));
    assert.ok(
      ws.problems.some((p) => p.line === 3 && p.code === 'schema-propertyNames' && /lower-case words joined by hyphens/.test(p.message)),
      JSON.stringify(ws.problems),
    );
    const { workspace: ws2 } = await loadWorkspace(new MemoryFileSystem({ 'research.yaml': 'name: T\nkinds:\n  walk-about:\nphases:\n  late: {from: 2026-03-10, to: 2026-03-01}\n' }));
    assert.deepEqual(
      ws2.problems.map((p) => [p.line, p.column, p.code]),
      [[5, 32, 'period-backwards']],
    );
    assert.equal(ws2.project?.kinds['walk-about']?.label, 'Walk about');
  });
});

describe('diaries: the completion view', () => {
  it('rows: a strip of weeks and the completion per diarist, entries by date with each empty week in its place', async () => {
    const rows = completionRows(diaryCompletion(await loaded(exampleFileSystem())));
    assert.deepEqual(
      rows.map((r) => `${r.participant} ${r.strip} ${r.summary}`),
      ['P02 ■■□■ 3 of 4 weeks, 5 entries; nothing in week 3', 'P04 ■■■□ 3 of 4 weeks, 9 entries; stopped after week 3', 'P09 ■□■■ 3 of 4 weeks, 4 entries; nothing in week 2'],
    );
    // Beside the name a few words the narrow side bar shows whole; the sentence is the tooltip.
    assert.deepEqual(
      rows.map((r) => r.description),
      ['■■□■ 5 entries', '■■■□ 9 entries', '■□■■ 4 entries'],
    );
    const p09 = rows[2]!.children.map((c) => (c.kind === 'gap' ? `${c.label} (${c.days})` : `${c.date} ${c.description} | ${c.detail} | line ${c.line} ${c.pages.join(',')}`));
    assert.deepEqual(p09, [
      '2026-03-03 Week 1 · 1 highlight | Week 1 · Baseline week · 1 highlight · 1 scanned page | line 7 transcripts/diaries/scans/p09-page-1.png',
      '2026-03-05 Week 1 · 1 highlight | Week 1 · Baseline week · 1 highlight · 1 scanned page | line 13 transcripts/diaries/scans/p09-page-2.png',
      'Week 2: no entry (9–15 Mar)',
      '2026-03-18 Week 3 · 1 highlight | Week 3 · Main fieldwork · 1 highlight · 1 scanned page | line 19 transcripts/diaries/scans/p09-page-3.png',
      '2026-03-26 Week 4 · 1 highlight | Week 4 · Follow-up week · 1 highlight · 1 scanned page | line 25 transcripts/diaries/scans/p09-page-4.png',
    ]);
    const last = rows[1]!.children.at(-1)!;
    assert.deepEqual(last.kind === 'gap' && [last.label, last.days], ['Week 4: no entry', '23–29 Mar']);
  });
});
