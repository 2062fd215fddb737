import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTemps, copyOfExample, EXAMPLE, fingerprint, sift, tempDir } from './support';

after(cleanupTemps);

describe('sift personas', () => {
  it('--dry-run shows the files as a diff and writes nothing; a real run writes them, and a second run changes nothing', () => {
    const dir = copyOfExample();
    const before = fingerprint(dir);
    const dry = sift(['personas', dir, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^2 personas from 12 participants: k-means\+\+ on tag shares of 12 participants, k = 2 chosen by silhouette \(0\.\d\d\), seed 1\.$/m);
    assert.match(dry.stdout, /silhouette by k: 2: 0\.\d\d, 3: /);
    assert.match(dry.stdout, /^\+\+\+ personas\/persona-adaptations-and-waiting-time\.yaml$/m);
    assert.match(dry.stdout, /^\+participants: \[P01, P02, P03, P04, P07, P09\]$/m);
    assert.match(dry.stdout, /resembles your persona personas\/caught-out-at-pension-age\.yaml \(6 of its 6 participants\)/);
    assert.match(dry.stdout, /Dry run: 2 files would be written; nothing was written\./);
    assert.deepEqual(fingerprint(dir), before);

    const run = sift(['personas', dir]);
    assert.equal(run.code, 0, run.stderr);
    const file = path.join(dir, 'personas', 'persona-benefit-changes-and-payment-gap.yaml');
    assert.match(readFileSync(file, 'utf8'), /^name: Persona B\n/);
    assert.equal(sift(['check', dir]).code, 0);
    // The researcher names the persona; the next run keeps the name.
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: Persona B', 'name: Len'));
    const again = sift(['personas', dir]);
    assert.equal(again.code, 0, again.stderr);
    // The file changes once more: the name's fingerprint goes, so the name stays the researcher's.
    assert.match(again.stdout, /^refreshed personas\/persona-benefit-changes-and-payment-gap\.yaml: .*\n.*\n  kept as you wrote them: name$/m);
    assert.match(again.stdout, /\n1 file written\./);
    assert.match(readFileSync(file, 'utf8'), /^name: Len\n/);
    const third = sift(['personas', dir]);
    assert.match(third.stdout, /^unchanged personas\/persona-benefit-changes-and-payment-gap\.yaml/m);
    assert.match(third.stdout, /\nNothing to write: the persona files are as this run would write them\.\n/);
  });

  it('new personas are drafts the report leaves out until `sift personas accept`; --update-similar updates the hand-written twin instead', () => {
    const dir = copyOfExample();
    const run = sift(['personas', dir]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^new draft personas\/persona-adaptations-and-waiting-time\.yaml: 6 participants \(50%\) P01 P02 P03 P04 P07 P09; (clearly distinct|distinct|overlapping|hardly separable) \(silhouette 0\.\d\d\)$/m);
    assert.match(run.stdout, /^  distinguishing: [a-z-]+ \(\d of 6 vs \d of 6 others\)/m);
    assert.match(run.stdout, /run again with --update-similar to update yours instead of adding a twin/);
    assert.match(run.stdout, /`sift personas accept persona-adaptations-and-waiting-time persona-benefit-changes-and-payment-gap`/);
    const glance = () => sift(['report', dir]).stdout.split('\n## ')[1]!;
    assert.doesNotMatch(glance(), /Persona [AB]/);
    assert.match(glance(), /50% resemble \*\*Len, .*\*\* and 25% \*\*Dana, .*; the other 25% resemble neither\./);
    const accept = sift(['personas', 'accept', 'persona-adaptations-and-waiting-time', dir]);
    assert.equal(accept.code, 0, accept.stderr);
    assert.equal(accept.stdout, 'personas/persona-adaptations-and-waiting-time.yaml: accepted — it now reaches reports.\n');
    assert.match(readFileSync(path.join(dir, 'personas', 'persona-adaptations-and-waiting-time.yaml'), 'utf8'), /\nstatus: accepted\nset: by-coding\n/);
    assert.match(glance(), /Personas drawn from the coding: of the participants, 50% resemble \*\*Persona A, “Adaptations and waiting time”\*\*; the other 50% do not\./);
    const unknown = sift(['personas', 'accept', 'nobody', dir]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /No persona nobody; the personas are: /);

    const twin = copyOfExample();
    const update = sift(['personas', twin, '--update-similar']);
    assert.equal(update.code, 0, update.stderr);
    assert.match(
      update.stdout,
      /^refreshed personas\/caught-out-at-pension-age\.yaml: .*\n.*\n  kept as you wrote them: name, label, summary, quotes, goals, frustrations, behaviours\n  a persona you wrote, updated with this group's participants, share and distinguishing codes instead of adding a twin; your words kept$/m,
    );
    assert.deepEqual(readdirSync(path.join(twin, 'personas')).sort(), ['caught-out-at-pension-age.yaml', 'the-self-appointed-case-manager.yaml']);
    assert.equal(sift(['check', twin]).code, 0);
  });

  it('refuses bad options with exit 2, touching nothing', () => {
    const dir = copyOfExample();
    const before = fingerprint(dir);
    const k = sift(['personas', dir, '--k', '0']);
    assert.equal(k.code, 2);
    assert.match(k.stderr, /--k must be a whole number of at least 1, got "0"/);
    const a = sift(['personas', dir, '--attributes', 'age-band,shoe-size']);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /research\.yaml declares no attribute "shoe-size"/);
    assert.deepEqual(fingerprint(dir), before);
    assert.equal(sift(['personas', dir, '--k', '3', '--attributes', 'age-band', '--dry-run']).code, 0);
  });

  it('names the coded participants that participants.yaml does not list, instead of saying nobody has tagged highlights (personas and segments)', () => {
    const dir = path.join(tempDir(), 'study');
    assert.equal(sift(['init', dir]).code, 0);
    for (const [id, words] of [
      ['P01', 'The wait was long.'],
      ['P02', 'The wait was short.'],
      ['P03', 'I have no complaint.'],
    ]) {
      writeFileSync(path.join(dir, 'transcripts', `${id}.md`), `---\nparticipant: ${id}\n---\n\nInterviewer: How was it?\n\n${id}: ${words}\n`);
    }
    assert.equal(sift(['autocode', dir, '--match', 'wait', '--tag', 'waiting']).code, 0);
    const before = fingerprint(dir);
    const said =
      'No participant in participants.yaml has tagged highlights, so there is nothing to build personas from. The tagged highlights are of 2 participants the transcripts name but participants.yaml does not list (P01, P02): add them there.\n';
    const personas = sift(['personas', dir]);
    assert.equal(personas.code, 1);
    assert.equal(personas.stderr, said);
    const segments = sift(['segments', dir, '--by', 'tags']);
    assert.equal(segments.code, 1);
    assert.equal(segments.stderr, said.replace('build personas from', 'segment by'));
    assert.deepEqual(fingerprint(dir), before);
  });

  it('says that no tagged highlight belongs to a participant when the transcripts name nobody (a REFI-QDA project without cases), not that nothing is tagged', () => {
    const dir = path.join(tempDir(), 'study');
    assert.equal(sift(['init', dir]).code, 0);
    writeFileSync(path.join(dir, 'transcripts', 'comments.txt'), 'The wait was long.\nThe wait was short.\nNo complaint.\n');
    assert.equal(sift(['autocode', dir, '--match', 'wait', '--tag', 'waiting']).code, 0);
    const said =
      'None of the 2 tagged highlights belongs to a participant, so there is nothing to build personas from: the transcripts name no participant. Give each transcript its participant (`participant: P07` in its front matter, as `sift import transcript --participant P07` writes it) or label its turns with participant ids, and list them in participants.yaml.\n';
    const personas = sift(['personas', dir]);
    assert.equal(personas.code, 1);
    assert.equal(personas.stderr, said);
    assert.equal(sift(['segments', dir, '--by', 'tags']).stderr, said.replace('build personas from', 'segment by'));
  });
});

describe('sift segments', () => {
  it('writes each participant’s segment as an attribute (--dry-run first), which matrices and the report then use', () => {
    const dir = copyOfExample();
    const before = fingerprint(dir);
    const dry = sift(['segments', dir, '--by', 'tags', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^2 segments of 12 participants, written as “segment”: k-means\+\+ on tag shares of 12 participants, k = 2 chosen by silhouette \(0\.\d\d\), seed 1\.$/m);
    assert.match(dry.stdout, /^  [a-z-]+: 6 participants \(50% of the total sample\) P01 P02 P03 P04 P07 P09$/m);
    assert.match(dry.stdout, /^\+    attributes: \{age-band: 65\+, ethnicity: white, channel: face-to-face, disability: yes, service: adaptations, segment: [a-z-]+\}$/m);
    assert.match(dry.stdout, /Dry run: 2 files would be written; nothing was written\./);
    assert.deepEqual(fingerprint(dir), before);

    const run = sift(['segments', dir, '--by', 'tags,service', '--k', '2', '--name', 'attitude']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(readFileSync(path.join(dir, 'research.yaml'), 'utf8'), /\n  attitude:\n    type: enum\n    values: \[/);
    assert.equal(sift(['check', dir]).code, 0);
    const values = readFileSync(path.join(dir, 'research.yaml'), 'utf8')
      .match(/\n  attitude:\n    type: enum\n    values: \[(.*)\]/)![1]!
      .split(', ');
    const csv = sift(['export', 'csv', dir, '--format', 'tag-attribute', '--attribute', 'attitude']);
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout.split(/\r?\n/)[0], ['tag', 'label', ...values].join(','));
    const report = sift(['report', dir]);
    assert.match(report.stdout, /\n## Segments\n\n### By attitude\n[\s\S]*\| Segment \| Participants \| % of total sample \|/);
    const again = sift(['segments', dir, '--by', 'tags,service', '--k', '2', '--name', 'attitude']);
    assert.match(again.stdout, /\nNothing to write: every participant has this segment already\. “attitude” is now an attribute/);
  });

  it('refuses a missing --by, an unknown attribute and a researcher’s attribute, touching nothing', () => {
    const dir = copyOfExample();
    const before = fingerprint(dir);
    const none = sift(['segments', dir]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--by is needed/);
    const unknown = sift(['segments', dir, '--by', 'shoe-size']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /research\.yaml declares no attribute "shoe-size"/);
    const taken = sift(['segments', dir, '--by', 'tags', '--name', 'channel']);
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /already declares the attribute “channel”, and sift segments did not write it/);
    assert.deepEqual(fingerprint(dir), before);
  });
});

describe('sift report', () => {
  it('writes Markdown to standard output and a self-contained HTML file with --out', () => {
    const md = sift(['report', EXAMPLE]);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Home adaptations and pension transition, 2026\n/);
    assert.match(md.stdout, /\n## Findings\n[\s\S]*\n## Method\n/);
    const dir = tempDir();
    const out = path.join(dir, 'report.html');
    const html = sift(['report', EXAMPLE, '--out', out]);
    assert.equal(html.code, 0, html.stderr);
    assert.match(html.stdout, /Wrote .*report\.html \(HTML\)\./);
    const page = readFileSync(out, 'utf8');
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /<h2 id="sample">Who we heard from<\/h2>/);
    assert.equal(sift(['report', EXAMPLE, '--format', 'pdf']).code, 2);
  });

  it('refuses a workspace with errors and writes no file', () => {
    const dir = copyOfExample();
    writeFileSync(path.join(dir, 'themes', 'waiting-without-word.yaml'), 'title: [unclosed\n');
    const out = path.join(dir, 'report.md');
    const r = sift(['report', dir, '--out', out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /themes\/waiting-without-word\.yaml:\d+:\d+: error: /);
    assert.match(r.stderr, /no report was made/);
    assert.ok(!existsSync(out));
  });

  it('leaves out a participant who withdrew, while check still asks for their data to be removed', () => {
    const dir = copyOfExample();
    const file = path.join(dir, 'participants.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{by: participant, date: 2026-03-03, scope: verbatim}', '{by: participant, date: 2026-03-03, scope: withdrawn}'));
    assert.equal(sift(['check', dir]).code, 1);
    const r = sift(['report', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Note: the workspace has problems/);
    assert.doesNotMatch(r.stdout, /P05/);
    assert.doesNotMatch(r.stdout, /my Universal Credit would just stop/);
    assert.match(r.stdout, /^11 participants, 12 transcripts/m);
  });
});

describe('commands that read a study with a file that cannot be read', () => {
  after(cleanupTemps);

  it('stats, insight list, actions and export name the file they leave out, instead of counting 4 themes of 5 in silence', () => {
    const dir = copyOfExample();
    writeFileSync(path.join(dir, 'themes', 'waiting-without-word.yaml'), 'title: [broken\n');
    const note = (what: string) => `Note: themes/waiting-without-word.yaml could not be read (see \`sift check ${dir}\`), so ${what} it out.`;
    const stats = sift(['stats', dir]);
    assert.match(stats.stdout, /, 4 themes,/);
    assert.equal(stats.stderr.trim(), note('the counts below leave'));
    assert.equal(sift(['insight', 'list', dir]).stderr.trim(), note('this list leaves'));
    assert.equal(sift(['actions', dir]).stderr.trim(), note('this list leaves'));
    assert.equal(sift(['export', 'csv', dir]).stderr.trim(), note('the export leaves'));
  });
});

describe('sift export csv matrices', () => {
  it('tag × participant, tag × attribute and co-occurrence as CSV', () => {
    const tp = sift(['export', 'csv', EXAMPLE, '--format', 'tag-participant']);
    assert.equal(tp.code, 0, tp.stderr);
    assert.match(tp.stdout, /^tag,label,P01,P02,P03,P04,P05,P06,P07,P08,P09,P10,P11,P12\r\n/);
    const ta = sift(['export', 'csv', EXAMPLE, '--format', 'tag-attribute', '--attribute', 'age-band']);
    assert.match(ta.stdout, /^tag,label,18-34,35-64,65\+\r\n/);
    const tt = sift(['export', 'csv', EXAMPLE, '--format', 'tag-tag']);
    assert.match(tt.stdout, /^tag,label,Waiting time,Assessment,/);
    const missing = sift(['export', 'csv', EXAMPLE, '--format', 'tag-attribute']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /needs --attribute, one of: age-band, ethnicity, channel, disability, service/);
  });

  it('an empty matrix is no export: it says why, exits 1 and writes nothing', () => {
    // A study imported from transcripts alone: participants.yaml lists nobody, so no highlight has a column.
    const dir = copyOfExample();
    writeFileSync(path.join(dir, 'participants.yaml'), 'participants: []\n');
    const long = sift(['export', 'csv', dir]);
    const tagged = new Set(
      long.stdout
        .trim()
        .split('\r\n')
        .slice(1)
        .map((row) => row.split(',')[0]),
    ).size;
    assert.ok(tagged > 0);
    const out = path.join(dir, 'matrix.csv');
    const r = sift(['export', 'csv', dir, '--format', 'tag-participant', '--out', out]);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr.trim().split('\n').at(-1),
      `Nothing to export: none of the ${tagged} tagged highlights has a column in "Tags by participant". Its columns are the participants listed in participants.yaml, and it lists none: add the participants your transcripts name there.`,
    );
    assert.equal(existsSync(out), false);
  });
});

describe('sift insight', () => {
  it('creates an insight from a theme, refuses a skipped step, moves it on and adds a recommendation', () => {
    const dir = copyOfExample();
    const id = 'people-chase-because-nobody-calls-back';
    const file = path.join(dir, 'insights', `${id}.yaml`);
    const made = sift(['insight', 'new', 'People chase because nobody calls back', dir, '--from-theme', 'waiting-without-word']);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /created insights\/people-chase-because-nobody-calls-back\.yaml \(draft\): 12 highlights as evidence/);
    const before = fingerprint(dir);
    const skipped = sift(['insight', 'status', id, 'accepted', dir]);
    assert.equal(skipped.code, 1);
    assert.match(skipped.stderr, /is draft; it can move to in-review or rejected, not straight to accepted\. \[status-refused\]\nNothing was written\./);
    assert.deepEqual(fingerprint(dir), before);
    assert.equal(sift(['insight', 'status', id, 'in-review', dir]).code, 0);
    assert.equal(sift(['insight', 'recommend', id, 'Call back within two days', dir, '--owner', 'contact centre']).code, 0);
    assert.equal(
      readFileSync(file, 'utf8'),
      'statement: People chase because nobody calls back\nstatus: in-review\nthemes: [waiting-without-word]\nevidence: [h-4yfqcv9s, h-3mkc8qrs, h-zkfjbcah, h-ht53prx7, h-86y0f4bv, h-s4h0psfq, h-mjqe2wpr, h-959xyp0y, h-pm58r9m0, h-nzaz8e0m, h-w9jxs2yb, h-s3f29522]\nrecommendations:\n  - action: Call back within two days\n    owner: contact centre\n    status: proposed\n',
    );
    assert.equal(sift(['check', dir]).code, 0);
    const listed = sift(['insight', 'list', dir]);
    assert.match(listed.stdout, /^In review\n  people-chase-because-nobody-calls-back: 12 highlights from 6 participants in 6 transcripts$/m);
    assert.equal(sift(['insight', 'status', id, 'done', dir]).code, 2);
  });
});
