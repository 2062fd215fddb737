/**
 * Sift as a git collaborator, with real repositories: the merge driver on parallel
 * coding, `sift diff` between branches, `sift agreement` between coders, and the checks a
 * CI run or a pre-commit hook relies on.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { cleanupTemps, copyOfExample, git, REPO, sift, tempDir } from './support';

after(cleanupTemps);

const P02 = 'transcripts/interviews/p02.md';
const P02_HIGHLIGHTS = `highlights/${P02}.yaml`;
const THEME = 'themes/waiting-without-word.yaml';

/** A highlight of `quote` as Sift writes it, placed by finding the words in the transcript. */
function highlightYaml(dir: string, source: string, id: string, quote: string, tags: string[], coder: string): string {
  const text = readFileSync(path.join(dir, source), 'utf8');
  const at = text.indexOf(quote);
  assert.ok(at >= 0, `"${quote}" is in ${source}`);
  const start = [...text.slice(0, at)].length;
  return `  - id: ${id}\n    quote: ${JSON.stringify(quote)}\n    start: ${start}\n    end: ${start + [...quote].length}\n    tags: [${tags.join(', ')}]\n    coder: ${coder}\n`;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const abs = path.join(dir, file);
  writeFileSync(abs, change(readFileSync(abs, 'utf8')));
}

function read(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}

/** The example study committed on main, with Sift's merge driver set up. */
function exampleRepository(): string {
  const dir = copyOfExample();
  git(dir, 'init', '-q', '-b', 'main');
  const setup = sift(['init', '--git', dir]);
  assert.equal(setup.code, 0, setup.stderr);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'study');
  return dir;
}

function gitStatus(dir: string, ...args: string[]): { code: number | null; out: string } {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@e' } });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('sift init --git', () => {
  it('writes .gitattributes and the local merge driver, and changes nothing the second time', () => {
    const dir = copyOfExample();
    git(dir, 'init', '-q');
    writeFileSync(path.join(dir, '.gitattributes'), '*.png binary\n');
    const first = sift(['init', '--git', dir]);
    assert.equal(first.code, 0, first.stderr);
    const attributes = read(dir, '.gitattributes');
    assert.ok(attributes.startsWith('*.png binary\n\n# Sift'));
    for (const line of ['codebook.yaml merge=sift', 'highlights/**/*.yaml merge=sift', 'themes/*.yaml merge=sift', 'insights/*.yaml merge=sift', 'personas/*.yaml merge=sift', 'journeys/*.yaml merge=sift', 'transcripts/**/*.md -text'])
      assert.ok(attributes.split('\n').includes(line), line);
    assert.match(git(dir, 'config', '--local', 'merge.sift.driver'), /merge-driver %O %A %B %P\n$/);
    assert.equal(git(dir, 'check-attr', 'merge', '--', P02_HIGHLIGHTS).trim(), `${P02_HIGHLIGHTS}: merge: sift`);
    assert.equal(git(dir, 'check-attr', 'text', '--', P02).trim(), `${P02}: text: unset`);

    const again = sift(['init', '--git', dir]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already has Sift's lines/);
    assert.match(again.stdout, /already set/);
    assert.equal(read(dir, '.gitattributes'), attributes);
  });

  it('refuses outside a git repository, touching nothing', () => {
    const dir = copyOfExample();
    const r = sift(['init', '--git', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not inside a git repository/);
    assert.ok(!existsSync(path.join(dir, '.gitattributes')));
  });
});

describe('sift merge-driver with git merge', () => {
  it('merges two coders tagging the same transcript and filling the same theme, with nothing lost', () => {
    const dir = exampleRepository();
    git(dir, 'checkout', '-qb', 'coder-a');
    edit(dir, P02_HIGHLIGHTS, (t) => t + highlightYaml(dir, P02, 'h-aaaa0001', 'I did it online.', ['online'], 'ann') + highlightYaml(dir, P02, 'h-aaaa0002', 'Seven and a half months.', ['waiting-time'], 'ann'));
    edit(dir, THEME, (t) => t.replace('highlights: [', 'highlights: [h-aaaa0002, '));
    edit(dir, 'highlights/transcripts/interviews/p01.md.yaml', (t) => t.replace('    tags: [adaptations]\n', '    tags: [adaptations, workarounds]\n'));
    git(dir, 'commit', '-qam', 'ann codes p02');

    git(dir, 'checkout', '-q', 'main');
    git(dir, 'checkout', '-qb', 'coder-b');
    edit(dir, P02_HIGHLIGHTS, (t) => t + highlightYaml(dir, P02, 'h-bbbb0001', 'She asked me all the same questions again.', ['repeating-myself'], 'bob'));
    edit(dir, THEME, (t) => t.replace(/\]\n$/, ', h-bbbb0001]\n'));
    edit(dir, 'highlights/transcripts/interviews/p01.md.yaml', (t) => t.replace('    tags: [adaptations]\n', '    tags: [adaptations, service-access]\n'));
    git(dir, 'commit', '-qam', 'bob codes p02');

    git(dir, 'checkout', '-q', 'coder-a');
    const merge = gitStatus(dir, 'merge', '--no-edit', 'coder-b');
    assert.equal(merge.code, 0, merge.out);
    const highlights = read(dir, P02_HIGHLIGHTS);
    assert.doesNotMatch(highlights, /<<<<<<<|>>>>>>>/);
    for (const id of ['h-aaaa0001', 'h-aaaa0002', 'h-bbbb0001']) assert.match(highlights, new RegExp(`id: ${id}`));
    assert.equal((highlights.match(/^ {2}- id:/gm) ?? []).length, 9 + 3, 'the 9 highlights of main and the 3 new ones');
    const theme = parse(read(dir, THEME)) as { highlights: string[] };
    assert.ok(theme.highlights.includes('h-aaaa0002') && theme.highlights.includes('h-bbbb0001'));
    assert.match(read(dir, 'highlights/transcripts/interviews/p01.md.yaml'), /tags: \[adaptations, service-access, workarounds\]/);
    const check = sift(['check', dir, '--no-cache']);
    assert.equal(check.code, 0, check.stdout);
    assert.equal(sift(['fmt', dir, '--check']).code, 0, 'the merge is written in canonical form');
  });

  it('leaves the same memo changed differently as a conflict: both versions kept, sift check points at it', () => {
    const dir = exampleRepository();
    const p01 = 'highlights/transcripts/interviews/p01.md.yaml';
    const memo = 'note: Wants her place in the queue, not a promise. Same ask as P09 in the focus group.';
    git(dir, 'checkout', '-qb', 'coder-a');
    edit(dir, p01, (t) => t.replace(memo, 'note: Ann thinks this is about certainty.'));
    edit(dir, P02_HIGHLIGHTS, (t) => t + highlightYaml(dir, P02, 'h-aaaa0001', 'I did it online.', ['online'], 'ann'));
    git(dir, 'commit', '-qam', 'ann');
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'checkout', '-qb', 'coder-b');
    edit(dir, p01, (t) => t.replace(memo, 'note: Bob reads it as distrust.'));
    git(dir, 'commit', '-qam', 'bob');
    git(dir, 'checkout', '-q', 'coder-a');

    const merge = gitStatus(dir, 'merge', '--no-edit', 'coder-b');
    assert.notEqual(merge.code, 0);
    assert.match(merge.out, /CONFLICT \(content\): Merge conflict in highlights\/transcripts\/interviews\/p01\.md\.yaml/);
    assert.match(merge.out, /highlights\[h-3mkc8qrs\]\.note/);
    assert.equal(git(dir, 'diff', '--name-only', '--diff-filter=U').trim(), p01);
    const text = read(dir, p01);
    assert.match(text, /<<<<<<< ours\n {4}note: Ann thinks this is about certainty\.\n=======\n {4}note: Bob reads it as distrust\.\n>>>>>>> theirs\n/);
    // Everything else of the file is intact, and the other file merged cleanly.
    assert.equal((text.match(/^ {2}- id:/gm) ?? []).length, 10);
    assert.match(read(dir, P02_HIGHLIGHTS), /id: h-aaaa0001/);

    const check = sift(['check', dir, '--no-cache']);
    assert.equal(check.code, 1);
    const line = text.split('\n').indexOf('<<<<<<< ours') + 1;
    assert.match(check.stdout, new RegExp(`^${p01.replace(/\./g, '\\.')}:${line}:1: error: Unresolved git merge conflict \\(start of "our" side\\)`, 'm'));
  });

  it('falls back to a line merge for a file it cannot read, losing nothing', () => {
    const dir = exampleRepository();
    const theme = 'themes/making-do-while-waiting.yaml';
    git(dir, 'checkout', '-qb', 'a');
    edit(dir, theme, (t) => t.replace(/^title: .*$/m, 'title: [broken'));
    git(dir, 'commit', '-qam', 'a breaks the file');
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'checkout', '-qb', 'b');
    edit(dir, theme, (t) => t.replace(/^title: .*$/m, 'title: Making do'));
    git(dir, 'commit', '-qam', 'b renames the theme');
    git(dir, 'checkout', '-q', 'a');
    const merge = gitStatus(dir, 'merge', '--no-edit', 'b');
    assert.notEqual(merge.code, 0);
    assert.match(merge.out, /cannot merge themes\/making-do-while-waiting\.yaml by id/);
    const text = read(dir, theme);
    assert.match(text, /<<<<<<< ours\ntitle: \[broken\n(\|\|\|\|\|\|\| base\n.*\n)?=======\ntitle: Making do\n>>>>>>> theirs\n/);
  });

  it('works for a workspace in a subfolder of the repository', () => {
    const repo = tempDir();
    const study = path.join(repo, 'studies', 'home');
    mkdirSync(path.dirname(study), { recursive: true });
    cpSync(path.join(REPO, 'examples', 'home-adaptations'), study, { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    assert.equal(sift(['init', '--git', study]).code, 0);
    assert.ok(existsSync(path.join(study, '.gitattributes')));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'study');
    git(repo, 'checkout', '-qb', 'a');
    edit(study, P02_HIGHLIGHTS, (t) => t + highlightYaml(study, P02, 'h-aaaa0001', 'I did it online.', ['online'], 'ann'));
    git(repo, 'commit', '-qam', 'a');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'checkout', '-qb', 'b');
    edit(study, P02_HIGHLIGHTS, (t) => t + highlightYaml(study, P02, 'h-bbbb0001', 'She asked me all the same questions again.', ['repeating-myself'], 'bob'));
    git(repo, 'commit', '-qam', 'b');
    const merge = gitStatus(repo, 'merge', '--no-edit', 'a');
    assert.equal(merge.code, 0, merge.out);
    assert.match(read(study, P02_HIGHLIGHTS), /id: h-aaaa0001[\s\S]*id: h-bbbb0001|id: h-bbbb0001[\s\S]*id: h-aaaa0001/);
    const diff = sift(['diff', 'main..b', '-C', study]);
    assert.equal(diff.code, 0, diff.stderr);
    assert.match(diff.stdout, /2 highlights added/, "b now has both coders' highlights");
    assert.match(diff.stdout, /“I did it online\.”/);
  });

  it('refuses wrong arguments with a usage error', () => {
    assert.equal(sift(['merge-driver', 'a', 'b']).code, 2);
  });
});

describe('sift diff between branches', () => {
  function featureBranch(): string {
    const dir = exampleRepository();
    git(dir, 'checkout', '-qb', 'feature');
    // Rename a tag the way Sift's codebook refactor does: new id, old id kept as an alias.
    edit(dir, 'codebook.yaml', (t) => t.replace('  - id: waiting-time\n    label: Waiting time\n', '  - id: waiting-for-service\n    label: Waiting for service\n    aliases: [waiting-time]\n'));
    for (const f of git(dir, 'ls-files', 'highlights', 'personas', 'codebook.yaml').trim().split('\n')) edit(dir, f, (t) => t.replace(/\bwaiting-time\b/g, 'waiting-for-service'));
    edit(dir, 'codebook.yaml', (t) => t.replace('aliases: [waiting-for-service]', 'aliases: [waiting-time]'));
    edit(dir, 'highlights/transcripts/interviews/p01.md.yaml', (t) => t.replace('    tags: [adaptations]\n', '    tags: [adaptations, workarounds]\n'));
    edit(dir, THEME, (t) => t.replace('h-4yfqcv9s, ', ''));
    edit(dir, 'themes/nobody-owns-the-case.yaml', (t) => t.replace('highlights: [', 'highlights: [h-4yfqcv9s, '));
    edit(dir, 'insights/silence-during-waits-feels-like-being-forgotten.yaml', (t) => t.replace('experience silence as being forgotten', 'experience silence as abandonment'));
    edit(dir, P02_HIGHLIGHTS, (t) => t + highlightYaml(dir, P02, 'h-aaaa0001', 'I did it online.', ['online'], 'ann'));
    assert.equal(sift(['check', dir, '--no-cache']).code, 0, 'the feature branch is a valid study');
    git(dir, 'commit', '-qam', 'feature');
    return dir;
  }

  it('--format md reads as a pull-request comment: counts first, then research changes with quotes and participants', () => {
    const dir = featureBranch();
    const r = sift(['diff', 'main..feature', '--format', 'md', '-C', dir]);
    assert.equal(r.code, 0, r.stderr);
    const md = r.stdout;
    assert.match(md, /^### Analysis changes: `main` → `feature`\n\n1 highlight added · 1 highlight re-tagged · 1 tag renamed · 1 card moved between themes · 1 insight changed\n/);
    assert.match(md, /\*\*Renamed\*\* \*Waiting time\* \(`waiting-time`\) → \*Waiting for service\* \(`waiting-for-service`\)/);
    assert.match(md, /##### Added \(1\)\n\n- \*\*P02\*\* \(`transcripts\/interviews\/p02\.md`\): “I did it online\.” · `online` · by ann/);
    assert.match(md, /##### Re-tagged \(1\)\n\n- \*\*P01\*\* \(`transcripts\/interviews\/p01\.md`\): “A man came within, oh, three weeks, put the rails in by the doors, lovely job, and one by the toilet\.” — \+`workarounds`/);
    assert.match(md, /\*\*Moved\*\* \*\*P01\*\* .*“the worst of it is not the waiting, really, it's the not knowing\.” from \*Waiting without word\* \(`waiting-without-word`\) to \*Nobody owns the case\*/);
    assert.match(md, /statement was: “Residents waiting for adaptations experience silence as being forgotten\./);
    assert.doesNotMatch(md, /h-\w{8}/, 'highlights are shown by their words, not their ids');
    // The same range, as a pull request shows it, and as JSON for tools.
    assert.equal(sift(['diff', 'main...feature', '--format', 'md', '-C', dir]).stdout.split('\n').slice(2).join('\n'), md.split('\n').slice(2).join('\n'));
    const json = JSON.parse(sift(['diff', 'main..feature', '--format', 'json', '-C', dir]).stdout) as { tags: { renamed: unknown[] }; highlights: { added: { id: string }[] } };
    assert.equal(json.tags.renamed.length, 1);
    assert.deepEqual(
      json.highlights.added.map((h) => h.id),
      ['h-aaaa0001'],
    );
  });

  it('compares HEAD with the working tree by default', () => {
    const dir = featureBranch();
    assert.match(sift(['diff', '-C', dir]).stdout, /No changes to the analysis/);
    edit(dir, 'insights/silence-during-waits-feels-like-being-forgotten.yaml', (t) => t.replace('status: accepted', 'status: in-review'));
    const r = sift(['diff', '-C', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Analysis changes: HEAD → working tree/);
    assert.match(r.stdout, /status “accepted” → “in-review”/);
  });

  it('says clearly when a revision does not exist, and when a file cannot be read on one side', () => {
    const dir = featureBranch();
    const bad = sift(['diff', 'main..nope', '-C', dir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /"nope" is not a branch, tag or commit/);
    edit(dir, THEME, () => 'title: [broken\n');
    const r = sift(['diff', '-C', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /themes\/waiting-without-word\.yaml could not be read at working tree \(line \d+: YAML syntax error/);
  });

  it('says the study is not under git, or has no commit yet, instead of "HEAD is not a branch"', () => {
    const dir = copyOfExample();
    const outside = sift(['diff', '-C', dir]);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /^sift: .+ is not in a git repository, so it has no revisions to compare\. Put the study under git \(`git init`, then commit it\); then compare what changes\.\n/);
    git(dir, 'init', '-q');
    const empty = sift(['diff', '-C', dir]);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /^sift: This git repository has no commit yet, so there is no "HEAD" to compare with\. Commit the study first \(`git add -A && git commit`\), then compare what changes\.\n/);
  });
});

describe('sift agreement', () => {
  /** A one-transcript study; each coder codes it on a branch. */
  function twoCoders(): string {
    const dir = tempDir();
    assert.equal(sift(['init', dir, '--name', 'Agreement']).code, 0);
    copyFileSync(path.join(REPO, 'examples', 'home-adaptations', P02), path.join(dir, 'transcripts', 'p02.md'));
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'study');
    const code = (branch: string, coder: string, spans: [string, string, string[]][]) => {
      git(dir, 'checkout', '-q', 'main');
      git(dir, 'checkout', '-qb', branch);
      mkdirSync(path.join(dir, 'highlights', 'transcripts'), { recursive: true });
      const items = spans.map(([id, quote, tags]) => highlightYaml(dir, 'transcripts/p02.md', id, quote, tags, coder)).join('');
      writeFileSync(path.join(dir, 'highlights/transcripts/p02.md.yaml'), `source: transcripts/p02.md\nhighlights:\n${items}`);
      assert.equal(sift(['check', dir, '--no-cache']).code, 0);
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', coder);
    };
    code('ann', 'ann', [
      ['h-aaaa0001', 'I did it online.', ['needs']],
      ['h-aaaa0002', 'She asked me all the same questions again. Every single one.', ['pain-points']],
    ]);
    code('bob', 'bob', [
      ['h-bbbb0001', 'I did it online.', ['needs']],
      ['h-bbbb0002', 'She asked me all the same questions again.', ['pain-points', 'workarounds']],
    ]);
    return dir;
  }

  it('compares two branches tag by tag, with the numbers of a hand-made table', () => {
    const dir = twoCoders();
    const r = sift(['agreement', 'ann', 'bob', '--format', 'json', '-C', dir]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { transcripts: string[]; tags: { tag: string; table: Record<string, number>; kappa: number; percent: number }[]; overall: { table: Record<string, number> } };
    assert.deepEqual(report.transcripts, ['transcripts/p02.md']);
    const length = [...readFileSync(path.join(dir, 'transcripts/p02.md'), 'utf8')].length;
    const needs = report.tags.find((t) => t.tag === 'needs')!;
    assert.deepEqual(needs.table, { both: 16, aOnly: 0, bOnly: 0, neither: length - 16 });
    assert.equal(needs.kappa, 1);
    const pain = report.tags.find((t) => t.tag === 'pain-points')!;
    // "She asked me all the same questions again." is 42 characters; ann's passage adds " Every single one." (18).
    assert.deepEqual(pain.table, { both: 42, aOnly: 18, bOnly: 0, neither: length - 60 });
    const n = length;
    const pe = (60 / n) * (42 / n) + (1 - 60 / n) * (1 - 42 / n);
    assert.ok(Math.abs(pain.kappa - ((n - 18) / n - pe) / (1 - pe)) < 1e-12);
    const workarounds = report.tags.find((t) => t.tag === 'workarounds')!;
    assert.deepEqual(workarounds.table, { both: 0, aOnly: 0, bOnly: 42, neither: length - 42 });
    assert.deepEqual(
      report.tags.map((t) => t.tag),
      ['workarounds', 'pain-points', 'needs'],
      'most disputed first',
    );

    const text = sift(['agreement', 'ann', 'bob', '-C', dir]).stdout;
    assert.match(text, /Cohen's κ/);
    assert.match(text, /Krippendorff's α/);
    assert.match(text, /P02 \(transcripts\/p02\.md\): “She asked me all the same questions again\.” — tagged by bob, not by ann/);
    assert.doesNotMatch(text, /on both sides/, 'each coded afresh: nothing inherited');
  });

  it('says when the branches share inherited coding, which counts as agreement', () => {
    const dir = exampleRepository();
    git(dir, 'checkout', '-qb', 'ann');
    edit(dir, P02_HIGHLIGHTS, (t) => t + highlightYaml(dir, P02, 'h-aaaa0001', 'I did it online.', ['online'], 'ann'));
    git(dir, 'commit', '-qam', 'ann');
    const r = sift(['agreement', 'main', 'ann', '-C', dir]);
    assert.equal(r.code, 0, r.stderr);
    const total = [...read(dir, 'highlights/transcripts/interviews/p01.md.yaml').matchAll(/^ {2}- id:/gm)].length;
    assert.ok(total > 0);
    assert.match(r.stdout, /\b\d+ highlights are on both sides \(the same id: coding both inherited/);
    assert.match(r.stdout, /“I did it online\.” — tagged by ann, not by main/);
  });

  it('compares two coders within one workspace', () => {
    const r = sift(['agreement', '--coders', 'researcher-1,researcher-2', '-C', path.join(REPO, 'examples', 'home-adaptations'), '--format', 'md']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^### Coder agreement: `researcher-1` and `researcher-2`/);
    assert.match(r.stdout, /\| tag \| κ \| α \| agree \|/);
    const unknown = sift(['agreement', '--coders', 'researcher-1,nobody', '-C', path.join(REPO, 'examples', 'home-adaptations')]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /No highlight has coder "nobody"/);
  });
});

describe('checks in CI and before commits', () => {
  function brokenEvidence(dir: string): void {
    // The highlight an insight cites is deleted.
    edit(dir, 'highlights/transcripts/interviews/p01.md.yaml', (t) => t.replace(/  - id: h-4yfqcv9s\n(    .*\n)+?(?=  - id:)/, ''));
  }

  it("check --format github fails with an annotation when an insight's evidence no longer resolves", () => {
    const dir = copyOfExample();
    brokenEvidence(dir);
    const r = sift(['check', dir, '--format', 'github', '--no-cache']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^::error file=.*insights\/silence-during-waits-feels-like-being-forgotten\.yaml,line=\d+,col=\d+,title=sift dangling-reference::The highlight h-4yfqcv9s does not exist\.$/m);
  });

  it('check --format github fails with an annotation when a highlight is orphaned', () => {
    const dir = copyOfExample();
    edit(dir, 'transcripts/interviews/p01.md', (t) => t.replace("the worst of it is not the waiting, really, it's the not knowing.", 'we talked about the weather instead.'));
    const r = sift(['check', dir, '--format', 'github', '--no-cache']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^::error file=.*highlights\/transcripts\/interviews\/p01\.md\.yaml,line=\d+,col=\d+,title=sift orphaned::Highlight h-4yfqcv9s .*can no longer be found/m);
  });

  it('check reports a malformed id in a theme as a problem, not a crash', () => {
    const dir = copyOfExample();
    edit(dir, THEME, (t) => t.replace('h-4yfqcv9s', 'h-4'));
    const r = sift(['check', dir, '--no-cache']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /waiting-without-word\.yaml:3:\d+: error: highlights\[1\] is not written the expected way: a highlight id looks like h-/);
  });

  it('the pre-commit hook in docs/ refuses a commit that breaks the evidence, and lets a good one through', () => {
    const dir = exampleRepository();
    copyFileSync(path.join(REPO, 'docs', 'ci', 'pre-commit'), path.join(dir, '.git', 'hooks', 'pre-commit'));
    chmodSync(path.join(dir, '.git', 'hooks', 'pre-commit'), 0o755);
    // `sift` on PATH, as an installed one would be.
    const bin = tempDir();
    writeFileSync(path.join(bin, 'sift'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO, 'dist', 'cli.js')}" "$@"\n`);
    chmodSync(path.join(bin, 'sift'), 0o755);
    const commit = () =>
      spawnSync('git', ['commit', '-qam', 'change'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@e' },
      });

    brokenEvidence(dir);
    const refused = commit();
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.match(refused.stdout + refused.stderr, /The highlight h-4yfqcv9s does not exist/);
    assert.match(refused.stderr, /the analysis has errors/);
    assert.equal(git(dir, 'rev-list', '--count', 'HEAD').trim(), '1', 'nothing was committed');

    git(dir, 'checkout', '--', '.');
    edit(dir, 'insights/silence-during-waits-feels-like-being-forgotten.yaml', (t) => t.replace('status: accepted', 'status: in-review'));
    const accepted = commit();
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
    assert.equal(git(dir, 'rev-list', '--count', 'HEAD').trim(), '2');
  });

  it('the example GitHub Actions workflow runs the check with annotations and posts the diff', () => {
    const workflow = parse(readFileSync(path.join(REPO, 'docs', 'ci', 'github-actions-sift.yml'), 'utf8')) as { on: object; jobs: Record<string, { steps: { run?: string; with?: Record<string, unknown> }[] }> };
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    assert.ok(
      steps.some((s) => s.with?.['fetch-depth'] === 0),
      'full history for sift diff',
    );
    assert.ok(steps.some((s) => /sift check .*--format github/.test(s.run ?? '')));
    assert.ok(steps.some((s) => /sift diff "origin\/\$BASE_REF\.\.\.HEAD" .*--format md/.test(s.run ?? '')));
  });
});
