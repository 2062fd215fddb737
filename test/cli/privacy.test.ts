import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTemps, copyOfExample, fingerprint, git, REPO, sift, tempDir } from './support';
import { benchmarkDocuments, CONVENTIONS } from '../support/pii-benchmark';

after(cleanupTemps);

const P01 = 'transcripts/interviews/p01.md';

/** The example study in a git repository, committed clean, then with personal data planted in P01's interview (some inside a coded passage). */
function plantedStudy(): string {
  const dir = copyOfExample();
  // The example's one third party ("a woman called Precious" in P04's diary) is pseudonymised first: only what is planted here is found.
  for (const file of ['transcripts/diaries/p04-diary.md', 'highlights/transcripts/diaries/p04-diary.md.yaml']) {
    const at = path.join(dir, file);
    writeFileSync(at, readFileSync(at, 'utf8').replace('woman called Precious', 'woman called [Name-9]'));
  }
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'clean study');
  const plant = (text: string) =>
    text
      .replace('on my bottom, one step', 'on my bottom, my son Declan says (he rings me on 07700 900123), one step')
      .replace('this house.', 'this house, 14 Larkspur Close, LS6 2QT.')
      .replace('So I rang.', 'So I rang, and gave them my email, jean.holt@example.com.');
  const file = path.join(dir, P01);
  writeFileSync(file, plant(readFileSync(file, 'utf8')));
  // As if the words had been there when the passages were coded: one highlight quotes them.
  const highlights = path.join(dir, 'highlights', `${P01}.yaml`);
  writeFileSync(highlights, plant(readFileSync(highlights, 'utf8')));
  // And a researcher's summary names him too.
  const theme = path.join(dir, 'themes', 'making-do-while-waiting.yaml');
  writeFileSync(theme, readFileSync(theme, 'utf8').replace('lean on family', 'lean on family (her son Declan)'));
  // Their offsets: where the quotes are in today's text.
  const anchored = sift(['anchor', dir]);
  assert.equal(anchored.code, 0, anchored.stdout + anchored.stderr);
  return dir;
}

function installHook(dir: string): void {
  const hook = path.join(dir, '.git', 'hooks', 'pre-commit');
  copyFileSync(path.join(REPO, 'docs', 'hooks', 'pre-commit-pii'), hook);
  chmodSync(hook, 0o755);
}

/** `git commit` as a person runs it, with the hook calling this checkout's sift. */
function commit(dir: string, message: string) {
  return spawnSync('git', ['commit', '-q', '-m', message], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SIFT: `${process.execPath} ${path.join(REPO, 'dist', 'cli.js')}`, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org' },
  });
}

function analysisFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const folder of ['themes', 'insights', 'personas', 'journeys']) for (const f of readdirSync(path.join(dir, folder))) out[`${folder}/${f}`] = readFileSync(path.join(dir, folder, f), 'utf8');
  return out;
}

function highlightIds(dir: string): string[] {
  const report = JSON.parse(sift(['check', dir, '--format', 'json', '--no-cache']).stdout) as { highlights: { id: string; state: string }[] };
  assert.ok(
    report.highlights.every((h) => h.state === 'anchored'),
    JSON.stringify(report.highlights.filter((h) => h.state !== 'anchored')),
  );
  return report.highlights.map((h) => h.id).sort();
}

describe('sift pii, redact and the pre-commit hook on a study with planted personal data', () => {
  it('finds it, blocks the commit, pseudonymises it with every highlight intact, keeps the key out of git, and reverses exactly', () => {
    const dir = plantedStudy();
    installHook(dir);

    const found = sift(['pii', dir, '--format', 'json']);
    assert.equal(found.code, 1, found.stderr);
    const findings = (JSON.parse(found.stdout) as { findings: { kind: string; text: string; path: string; line: number }[] }).findings;
    assert.deepEqual(findings.map((f) => `${f.kind}:${f.text}`).sort(), ['address:14 Larkspur Close', 'email:jean.holt@example.com', 'name:Declan', 'name:Declan', 'phone:07700 900123', 'postcode:LS6 2QT']);
    assert.ok(findings.every((f) => (f.path.endsWith(P01) || f.path.endsWith('themes/making-do-while-waiting.yaml')) && f.line > 1));

    const check = sift(['check', dir, '--no-cache']);
    assert.equal(check.code, 0, check.stdout);
    assert.match(check.stdout, /p01\.md:\d+:\d+: warning: This looks like a phone number \("0…3"/);
    assert.doesNotMatch(check.stdout, /07700 900123/, 'check masks what it found');
    assert.equal(sift(['check', dir, '--strict', '--no-cache']).code, 1);

    // The hook refuses the unredacted commit.
    git(dir, 'add', '-A');
    const blocked = commit(dir, 'add notes');
    assert.notEqual(blocked.status, 0, blocked.stdout + blocked.stderr);
    assert.match(blocked.stderr, /would add personal data/);
    assert.match(blocked.stderr, /p01\.md:\d+:\d+: phone/);
    assert.equal(git(dir, 'rev-list', '--count', 'HEAD').trim(), '1');
    // What is staged is what counts: cleaning only the working tree does not get it through.
    writeFileSync(path.join(dir, P01), readFileSync(path.join(dir, P01), 'utf8').replace('07700 900123', 'his mobile'));
    const stillBlocked = commit(dir, 'add notes');
    assert.notEqual(stillBlocked.status, 0);
    assert.match(stillBlocked.stderr, /p01\.md:\d+:\d+: phone/);
    git(dir, 'checkout', '--', P01);

    const idsBefore = highlightIds(dir);
    const analysisBefore = analysisFiles(dir);
    const planted = readFileSync(path.join(dir, P01), 'utf8');
    const plantedHighlights = readFileSync(path.join(dir, 'highlights', `${P01}.yaml`), 'utf8');
    assert.match(plantedHighlights, /Declan/, 'a highlight quotes the planted name');

    // --dry-run previews and touches nothing.
    const before = fingerprint(dir);
    const dry = sift(['redact', dir, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^-.*my son Declan says/m);
    assert.match(dry.stdout, /^\+.*my son \[Name-1\] says \(he rings me on \[Phone\]\), one step/m);
    assert.deepEqual(fingerprint(dir), before);
    assert.ok(!existsSync(path.join(dir, '.sift', 'private')));

    const redacted = sift(['redact', dir]);
    assert.equal(redacted.code, 0, redacted.stdout + redacted.stderr);
    const text = readFileSync(path.join(dir, P01), 'utf8');
    assert.match(text, /this house, \[Address-1\], \[Postcode\]\./);
    assert.match(text, /my email, \[Email\]\./);
    for (const secret of ['Declan', '07700 900123', 'Larkspur', 'LS6 2QT', 'jean.holt']) assert.ok(!text.includes(secret), secret);
    // Nothing lost: the same highlights, all anchored, quotes pseudonymised, the analysis untouched.
    assert.deepEqual(highlightIds(dir), idsBefore);
    const highlights = readFileSync(path.join(dir, 'highlights', `${P01}.yaml`), 'utf8');
    assert.match(highlights, /quote: I come down in the morning on my bottom, my son \[Name-1\] says \(he rings me on \[Phone\]\), one step at a time, like a toddler\./);
    assert.ok(!highlights.includes('Declan'));
    const redactedAnalysis = Object.fromEntries(Object.entries(analysisBefore).map(([f, text]) => [f, text.replace('her son Declan', 'her son [Name-1]')]));
    assert.notDeepEqual(redactedAnalysis, analysisBefore);
    assert.deepEqual(analysisFiles(dir), redactedAnalysis);
    const strict = sift(['check', dir, '--strict', '--no-cache']);
    assert.equal(strict.code, 0, strict.stdout);

    // The key exists, is ignored, and the commit goes through without it.
    const key = path.join(dir, '.sift', 'private', 'keys.yaml');
    assert.match(readFileSync(key, 'utf8'), /original: 07700 900123/);
    assert.equal(spawnSync('git', ['check-ignore', '-q', '.sift/private/keys.yaml'], { cwd: dir }).status, 0);
    git(dir, 'add', '-A');
    const allowed = commit(dir, 'pseudonymised notes');
    assert.equal(allowed.status, 0, allowed.stdout + allowed.stderr);
    assert.ok(!git(dir, 'ls-files').includes('.sift/'));
    assert.ok(!git(dir, 'log', '-p', '-1').includes('Declan'));

    // Whoever holds the key restores the exact text, highlights still intact.
    const reversed = sift(['redact', dir, '--reverse']);
    assert.equal(reversed.code, 0, reversed.stdout + reversed.stderr);
    assert.equal(readFileSync(path.join(dir, P01), 'utf8'), planted);
    assert.equal(readFileSync(path.join(dir, 'highlights', `${P01}.yaml`), 'utf8'), plantedHighlights);
    assert.deepEqual(analysisFiles(dir), analysisBefore);
    assert.deepEqual(highlightIds(dir), idsBefore);
  });

  it('refuses to write the key where git tracks it, and check reports it', () => {
    const dir = plantedStudy();
    const key = path.join(dir, '.sift', 'private', 'keys.yaml');
    assert.equal(sift(['redact', dir]).code, 0);
    git(dir, 'add', '-f', '.sift/private/keys.yaml');
    writeFileSync(path.join(dir, P01), readFileSync(path.join(dir, P01), 'utf8') + '\nP01: My neighbour Tom rings on 07700 900777.\n');
    const before = fingerprint(dir);
    const keyBefore = readFileSync(key, 'utf8');
    const refused = sift(['redact', dir]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /keys\.yaml is tracked by git/);
    assert.match(refused.stderr, /Nothing was changed/);
    assert.deepEqual(fingerprint(dir), before);
    assert.equal(readFileSync(key, 'utf8'), keyBefore);
    const check = sift(['check', dir, '--no-cache']);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /error: The private key file .* is tracked by git/);
  });

  it('adds the key to .gitignore when git would not ignore it', () => {
    const dir = plantedStudy();
    writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    const r = sift(['redact', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /added \/\.sift\/private\/ to \.gitignore/);
    assert.equal(readFileSync(path.join(dir, '.gitignore'), 'utf8'), 'node_modules/\n# Sift: the private key of pseudonymised data never goes into git\n/.sift/private/\n');
    assert.equal(spawnSync('git', ['check-ignore', '-q', '.sift/private/keys.yaml'], { cwd: dir }).status, 0);
  });

  it('scans single files: inside a workspace with its names, outside with the patterns alone', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'notes.txt'), 'Ring Sam on 07700 900123.\n');
    const loose = sift(['pii', path.join(dir, 'notes.txt')]);
    assert.equal(loose.code, 1);
    assert.match(loose.stdout, /notes\.txt:1:13: phone \(90%\): 07700 900123/);
    assert.equal(sift(['pii', '--in-workspace', path.join(dir, 'notes.txt')]).code, 0);
    assert.equal(sift(['pii', '--format', 'xml', dir]).code, 2);
  });
});

describe('consent in sift check', () => {
  it('lists every place that still refers to a withdrawn participant, with the fix', () => {
    const dir = copyOfExample();
    const file = path.join(dir, 'participants.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('consent: {by: participant, date: 2026-03-05, scope: verbatim}', 'consent: {by: participant, date: 2026-03-05, scope: withdrawn}'));
    const r = sift(['check', dir, '--no-cache']);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n').filter((l) => l.includes('[withdrawn-consent]'));
    const files = new Set(lines.map((l) => l.split(':')[0]));
    for (const f of ['transcripts/interviews/p07.md', 'highlights/transcripts/interviews/p07.md.yaml']) assert.ok(files.has(f), `${f} in ${[...files].join(', ')}`);
    assert.ok([...files].some((f) => f!.startsWith('themes/')));
    assert.ok([...files].some((f) => f!.startsWith('insights/') || f!.startsWith('personas/')));
    assert.ok(
      lines.every((l) => /P07.*withdrew consent.*(Delete|Remove)/.test(l)),
      lines.join('\n'),
    );
  });
});

describe('personal data a researcher can trust (issue 15)', () => {
  it("the report leaves the diary's third party out; a decision in privacy.yaml sets her aside in pii, check and the report", () => {
    const dir = copyOfExample();
    const dana = path.join(dir, 'personas', 'the-self-appointed-case-manager.yaml');
    writeFileSync(dana, readFileSync(dana, 'utf8').replace('quotes: [h-53q9p0n2,', 'quotes: [h-3y2jzw3t, h-53q9p0n2,'));
    const report = sift(['report', dir]);
    assert.equal(report.code, 0, report.stderr);
    // Dana's card lists the call log, but the report chooses her other quotes: it names nobody unaccepted.
    assert.ok(!report.stdout.includes('Precious'), 'no unaccepted personal data in the report');
    const csv = sift(['export', 'csv', dir]);
    assert.ok(!csv.stdout.includes('Precious'), 'nor in the CSV export');
    assert.match(sift(['pii', dir]).stdout, /p04-diary\.md:32:\d+: name \(75%\): Precious/);
    // Her name, and the example's overdue action (the online case tracker, due 2026-10-31).
    assert.match(sift(['check', dir, '--no-cache']).stdout, /\[personal-data\]\n0 errors, 2 warnings\.\n$/);

    writeFileSync(path.join(dir, 'privacy.yaml'), 'decisions:\n  - text: Precious\n    kind: name\n    decision: accepted\n    note: agreed to be named\n');
    const pii = sift(['pii', dir]);
    assert.equal(pii.code, 0, pii.stdout);
    assert.match(pii.stdout, /No personal data found\. 1 set aside by decisions in privacy\.yaml\./);
    const check = sift(['check', dir, '--strict']);
    assert.equal(check.code, 0, check.stdout);
    assert.match(check.stdout, /privacy\.yaml:1:1: info: 1 possible piece of personal data set aside/);
    assert.ok(sift(['report', dir]).stdout.includes('Precious'), 'accepted, she is quoted');

    writeFileSync(path.join(dir, 'privacy.yaml'), 'decisions:\n  - text: Precious\n    decision: maybe\n');
    const bad = sift(['check', dir]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /privacy\.yaml:3:\d+: error: decision: should be not-personal-data/);
  });

  it('redact on an I:/P: study leaves labels and front matter alone, check is clean after it, and --reverse restores every byte', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'research.yaml'), 'name: Labels\nsources: [transcripts/**/*.md]\n');
    writeFileSync(path.join(dir, 'participants.yaml'), 'participants:\n  - id: P01\n    consent: {by: participant, scope: verbatim}\n');
    mkdirSync(path.join(dir, 'transcripts'));
    const original = '---\nparticipant: P01\nkind: interview\n---\n\nI: Who helped?\nP: I spoke to Steve Harrington at the council, and my NHS number is 943 476 5919.\nI: Thanks.\n';
    writeFileSync(path.join(dir, 'transcripts', 'p01.md'), original);
    const redacted = sift(['redact', dir]);
    assert.equal(redacted.code, 0, redacted.stdout + redacted.stderr);
    const text = readFileSync(path.join(dir, 'transcripts', 'p01.md'), 'utf8');
    assert.equal(text, '---\nparticipant: P01\nkind: interview\n---\n\nI: Who helped?\nP: I spoke to [Name-1] at the council, and my NHS number is [NHS-number].\nI: Thanks.\n');
    const check = sift(['check', dir, '--strict', '--no-cache']);
    assert.equal(check.code, 0, check.stdout);
    assert.equal(sift(['redact', dir, '--reverse']).code, 0);
    assert.equal(readFileSync(path.join(dir, 'transcripts', 'p01.md'), 'utf8'), original);
  });

  // Every convention of the labelled set (real interviews with planted data): redaction leaves a study that checks
  // clean, and --reverse gives every byte back.
  for (const convention of CONVENTIONS) {
    it(`redact then check --strict is clean on the ${convention} convention, and --reverse restores every byte`, () => {
      const dir = tempDir();
      writeFileSync(path.join(dir, 'research.yaml'), 'name: Conventions\nsources: [transcripts/**/*.md, transcripts/**/*.vtt, transcripts/**/*.txt]\n');
      writeFileSync(path.join(dir, 'participants.yaml'), 'participants: []\n');
      mkdirSync(path.join(dir, 'transcripts'));
      const docs = benchmarkDocuments().filter((d) => d.convention === convention);
      assert.ok(docs.length >= 2);
      const files = docs.map((d) => path.join(dir, 'transcripts', path.basename(d.path)));
      docs.forEach((d, i) => writeFileSync(files[i]!, d.text));
      const redacted = sift(['redact', dir]);
      assert.equal(redacted.code, 0, redacted.stdout + redacted.stderr);
      assert.ok(
        files.some((f, i) => readFileSync(f, 'utf8') !== docs[i]!.text),
        'something was redacted',
      );
      const check = sift(['check', dir, '--strict', '--no-cache']);
      assert.equal(check.code, 0, check.stdout);
      assert.doesNotMatch(check.stdout, /personal-data/);
      assert.equal(sift(['redact', dir, '--reverse']).code, 0);
      files.forEach((f, i) => assert.equal(readFileSync(f, 'utf8'), docs[i]!.text, `${f} restored`));
    });
  }

  it('a warm check reads the personal-data cache and finds the same', () => {
    const dir = copyOfExample();
    const cold = sift(['check', dir]);
    assert.ok(existsSync(path.join(dir, '.sift', 'cache', 'privacy.bin')));
    const warm = sift(['check', dir]);
    assert.equal(warm.stdout, cold.stdout);
  });
});

describe('sift pii --staged lists a speaker label once, reading the turns of what is staged', () => {
  after(cleanupTemps);

  it('groups the staged labels even when the working tree has moved them', () => {
    const dir = path.join(tempDir(), 'study');
    assert.equal(sift(['init', dir]).code, 0);
    git(dir, 'init', '-q', '-b', 'main');
    const interview = 'Grace Adeyemi: I rang them.\n\nI: When?\n\nGrace Adeyemi: Monday.\n\nI: And?\n\nGrace Adeyemi: Nothing.\n';
    writeFileSync(path.join(dir, 'transcripts', 't.md'), interview);
    git(dir, 'add', '-A');
    // The working tree moves on: the labels are elsewhere now, and one is gone.
    writeFileSync(path.join(dir, 'transcripts', 't.md'), `# Call notes\n\nWritten up later, at length, before the turns.\n\n${interview.replace('Grace Adeyemi: Nothing.', 'I: Thank you.')}`);
    const r = sift(['pii', '--staged'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      'transcripts/t.md:1:1: name (80%): Grace Adeyemi, the speaker label of 3 turns in this transcript (the first is here)',
      '1 possible piece of personal data in 3 places, a speaker label. Pseudonymise it with `sift redact`, which replaces every one, or record a decision in privacy.yaml (not-personal-data or accepted).',
    ]);
  });
});
