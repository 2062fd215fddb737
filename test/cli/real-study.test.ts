/**
 * A new user's study made from real files: the seven MAXQDA interview transcripts (as
 * pdftotext reads them) imported with `sift import transcript --participant`, then the
 * commands a researcher runs next. Found by the audit of real files.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { realPdfText } from '../support/real-fixtures';
import { cleanupTemps, sift, tempDir } from './support';

const INTERVIEWS = [1, 2, 3, 4, 5, 6, 7];

/** A new study holding the seven interviews, P1.txt … P7.txt imported as P01 … P07; participants.yaml as `sift init` leaves it. */
function importedStudy(): string {
  const dir = path.join(tempDir(), 'study');
  assert.equal(sift(['init', dir]).code, 0);
  const files = INTERVIEWS.map((n) => {
    const file = path.join(path.dirname(dir), `P${n}.txt`);
    writeFileSync(file, realPdfText(`maxqda-pdf/P${n}.pdf`));
    return file;
  });
  for (const [i, file] of files.entries()) {
    const r = sift(['import', 'transcript', file, '--participant', `P0${i + 1}`, '--into', dir]);
    assert.equal(r.code, 0, r.stderr);
  }
  return dir;
}

describe('a study of the seven real MAXQDA interviews, participants.yaml not yet filled in', function () {
  this.timeout(120_000);
  after(cleanupTemps);
  let dir: string;
  before(() => (dir = importedStudy()));

  const NOBODY =
    'participants.yaml lists nobody, yet the transcripts name 7 participants (P01, P02, P03, P04, P05, P06, P07): list them there (id, attributes, consent). Until then reports and stats count no participants, and nothing is known of their consent.';

  it('check warns once, on participants.yaml, naming the seven participants', () => {
    const r = sift(['check', dir]);
    const lines = `${r.stdout}${r.stderr}`.split('\n').filter((l) => /participant/.test(l) && !/personal-data/.test(l));
    assert.deepEqual(lines, [`participants.yaml:3:15: warning: ${NOBODY} [no-participants]`]);
  });

  // The first "Dan:" of each interview: its line and how many turns that label opens there (416 in all).
  const DAN: Record<number, [number, number]> = { 1: [10, 47], 2: [10, 81], 3: [10, 61], 4: [10, 55], 5: [10, 68], 6: [10, 51], 7: [10, 53] };
  const DANIEL: Partial<Record<number, string>> = { 3: 'transcripts/P3.md:370:39', 4: 'transcripts/P4.md:401:23' };

  it('check says the interviewer\'s label "Dan:" once per transcript, not once per line (416 warnings before)', () => {
    const r = sift(['check', dir]);
    const warnings = `${r.stdout}${r.stderr}`.split('\n').filter((l) => /\[personal-data\]$/.test(l));
    assert.deepEqual(warnings, [
      ...INTERVIEWS.flatMap((n) => {
        const [line, count] = DAN[n]!;
        const label = `transcripts/P${n}.md:${line}:1: warning: This looks like a person's name ("…", 80% sure), the speaker label of ${count} turns in this transcript (the first is here). Pseudonymise it with \`sift redact\`, which renames every label at once, or record a decision in privacy.yaml. [personal-data]`;
        const daniel = DANIEL[n];
        return daniel ? [label, `${daniel}: warning: This looks like a person's name ("D…l", 65% sure). Pseudonymise it with \`sift redact\`, or reword it. [personal-data]`] : [label];
      }),
    ]);
  });

  it('pii lists the label "Dan:" once per transcript with its count, like check (418 lines before)', () => {
    const r = sift(['pii', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      ...INTERVIEWS.flatMap((n) => {
        const [line, count] = DAN[n]!;
        const label = `transcripts/P${n}.md:${line}:1: name (80%): Dan, the speaker label of ${count} turns in this transcript (the first is here)`;
        return DANIEL[n] ? [label, `${DANIEL[n]}: name (65%): Daniel`] : [label];
      }),
      '9 possible pieces of personal data in 418 places, 7 of them speaker labels. Pseudonymise them with `sift redact`, which replaces every one, or record a decision in privacy.yaml (not-personal-data or accepted).',
    ]);
  });

  it('pii --format github annotates the label "Dan:" once per transcript, as check does', () => {
    const r = sift(['pii', '.', '--format', 'github'], dir);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 9, r.stdout);
    assert.equal(
      lines[0],
      '::error file=transcripts/P1.md,line=10,col=1,title=sift personal-data::This looks like a person\'s name ("…", 80%25 sure), the speaker label of 47 turns in this transcript (the first is here). Pseudonymise it with `sift redact`, which renames every label at once, or record a decision in privacy.yaml.',
    );
  });

  it('pii --format json still gives every finding (tools place each one): 418', () => {
    const r = sift(['pii', dir, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const { findings } = JSON.parse(r.stdout) as { findings: { text: string; labels?: number }[] };
    assert.equal(findings.length, 418);
    assert.equal(findings.filter((f) => f.text === 'Dan').length, 416);
  });

  it('pii on one interview copied outside any study still says its label once', () => {
    const loose = path.join(tempDir(), 'P1.md');
    writeFileSync(loose, readFileSync(path.join(dir, 'transcripts', 'P1.md')));
    const r = sift(['pii', 'P1.md'], path.dirname(loose));
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      'P1.md:10:1: name (80%): Dan, the speaker label of 47 turns in this transcript (the first is here)',
      '1 possible piece of personal data in 47 places, a speaker label. Pseudonymise it with `sift redact`, which replaces every one, or record a decision in privacy.yaml (not-personal-data or accepted).',
    ]);
  });

  it('stats says participants.yaml lists nobody instead of "0 participants"', () => {
    const r = sift(['stats', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^7 transcripts, no participant listed in participants\.yaml \(the transcripts name 7\), 0 highlights /m);
    assert.doesNotMatch(r.stdout, /0 participants/);
  });

  it('the report says who the transcripts name and that participants.yaml lists nobody, never "0 participants"', () => {
    const r = sift(['report', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /0 participants|Participants:\*\* 0/);
    assert.match(r.stdout, /^7 participants named by the transcripts, none listed in participants\.yaml, 7 transcripts; 0 coded highlights\./m);
    assert.match(r.stdout, /\n## Who we heard from\n\n7 participants named by the transcripts, none listed in participants\.yaml\. research\.yaml sets no sampling targets/);
    assert.match(r.stdout, /- \*\*Participants:\*\* 7 named by the transcripts, none listed in participants\.yaml, so nothing is known of their attributes or consent\.\n/);
  });

  it('the site\'s index says the seven participants are not yet listed, not "0 participants"', () => {
    const out = path.join(path.dirname(dir), 'site');
    const r = sift(['site', dir, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const index = readFileSync(path.join(out, 'index.html'), 'utf8');
    assert.match(index, /7 participants not yet listed in participants\.yaml, sample coverage and method/);
    assert.doesNotMatch(index, /0 participants/);
  });

  it('sift redact --dry-run rewrites the interviewer\'s names (Dan, Daniel) and nothing else: "Monte Carlo simulation" stays', () => {
    const r = sift(['redact', dir, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    const added = r.stdout.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    const replaced = new Set(added.flatMap((l) => l.match(/\[[A-Za-z]+-?\d*\]/g) ?? []));
    assert.deepEqual([...replaced], ['[Name-1]', '[Name-2]']);
    assert.equal(added.filter((l) => /^\+\[Name-1\]: /.test(l)).length, added.length - 2, "every line but two is a turn of Dan's");
    assert.deepEqual(
      added.filter((l) => !/^\+\[Name-1\]: /.test(l)),
      ['+Participant: (unintelligible) Thanks, [Name-2].', '+Participant: You too, [Name-2] and best of luck with it. Thanks a lot. Great work. Thank you.'],
    );
    assert.ok(!r.stdout.includes('simulation'), 'the line of "Monte Carlo simulation" is not changed');
  });

  // Last: it lists the participants and codes the study, which the tests above must not see.
  it('sift personas on coding that is alike for everyone (one tag) writes no persona and exits 1, instead of splitting them arbitrarily', () => {
    writeFileSync(path.join(dir, 'participants.yaml'), `participants:\n${INTERVIEWS.map((n) => `  - {id: P0${n}}\n`).join('')}`);
    const coded = sift(['autocode', dir, '--match', 'ICE plot*', '--scope', 'sentence', '--tag', 'ice-plots']);
    assert.equal(coded.code, 0, coded.stderr);
    const r = sift(['personas', dir]);
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.stderr.trim(), "The 7 participants' coding is alike (the same tags in the same shares), so nothing tells personas apart; none was written. Code what differs between them, or cluster on attributes too with --attributes.");
    assert.deepEqual(readdirSync(path.join(dir, 'personas')), ['.gitkeep']);
  });
});
