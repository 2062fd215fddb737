/**
 * The documented CI path works as written: the `run:` steps of docs/ci/github-actions-sift.yml,
 * read from the YAML, run in order as GitHub Actions would (bash -e, the workflow's env) in a
 * real git clone of the example study on a pull-request branch. Sift is installed from the
 * tarball `npm run pack:cli` builds from this checkout (with no registry: the tarball has no
 * dependencies), into a private npm prefix; `gh` is a stand-in that records the comment.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { cleanupTemps, EXAMPLE, git, REPO, tempDir } from './support';

after(cleanupTemps);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  env: Record<string, string>;
  jobs: { analysis: { steps: Step[] }; publish: { needs: string; if: string; permissions: Record<string, string>; steps: Step[] } };
}

const WORKFLOW = parse(readFileSync(path.join(REPO, 'docs', 'ci', 'github-actions-sift.yml'), 'utf8')) as Workflow;

/** `${{ github.… }}` expressions as GitHub would fill them for pull request 7 into main. */
function expand(value: string): string {
  const context: Record<string, string> = { 'github.token': 'token', 'github.base_ref': 'main', 'github.event.pull_request.number': '7', 'github.event_name': 'pull_request' };
  return value.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => context[name] ?? '');
}

/**
 * A research repository as CI sees it: the example study on `main` (pushed to a remote, so
 * `origin/main` exists), the pull request's branch checked out with `change` applied, and
 * the Sift tarball committed where the workflow's SIFT_CLI says.
 */
function pullRequestClone(tarball: string, change: (dir: string) => void): string {
  const upstream = tempDir();
  cpSync(EXAMPLE, upstream, { recursive: true });
  rmSync(path.join(upstream, '.sift'), { recursive: true, force: true });
  mkdirSync(path.join(upstream, path.dirname(WORKFLOW.env.SIFT_CLI!)), { recursive: true });
  cpSync(tarball, path.join(upstream, WORKFLOW.env.SIFT_CLI!));
  git(upstream, 'init', '-q', '-b', 'main');
  git(upstream, 'add', '-A');
  git(upstream, 'commit', '-qm', 'study');
  const clone = path.join(tempDir(), 'clone');
  git(upstream, 'clone', '-q', upstream, clone);
  git(clone, 'checkout', '-qb', 'feature');
  change(clone);
  git(clone, 'commit', '-qam', 'the pull request');
  return clone;
}

interface StepResult {
  name: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the workflow's `run:` steps in order (a failing step stops the job, except steps run `if: always()`). */
function runSteps(clone: string): { steps: StepResult[]; summary: string; gh: string } {
  const home = tempDir();
  const prefix = path.join(home, 'npm-prefix');
  const bin = path.join(home, 'bin');
  mkdirSync(bin);
  const ghLog = path.join(home, 'gh.log');
  writeFileSync(path.join(bin, 'gh'), `#!/bin/sh\necho "gh $*" >> ${JSON.stringify(ghLog)}\n`);
  chmodSync(path.join(bin, 'gh'), 0o755);
  const summary = path.join(home, 'summary.md');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...WORKFLOW.env,
    PATH: [path.join(prefix, 'bin'), bin, path.dirname(process.execPath), process.env.PATH].join(path.delimiter),
    GITHUB_STEP_SUMMARY: summary,
    npm_config_prefix: prefix,
    npm_config_offline: 'true',
    npm_config_cache: path.join(home, 'npm-cache'),
  };
  const steps: StepResult[] = [];
  let failed = false;
  for (const step of WORKFLOW.jobs.analysis.steps) {
    if (step.run === undefined) continue;
    if (failed && !/always\(\)/.test(String((step as { if?: string }).if ?? ''))) continue;
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v))]));
    const r = spawnSync('bash', ['-e', '-c', step.run], { cwd: clone, env: { ...env, ...stepEnv }, encoding: 'utf8', timeout: 120_000 });
    steps.push({ name: step.name ?? step.run, code: r.status, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) failed = true;
  }
  return { steps, summary: existsSync(summary) ? readFileSync(summary, 'utf8') : '', gh: existsSync(ghLog) ? readFileSync(ghLog, 'utf8') : '' };
}

describe('the GitHub Actions template', function () {
  this.timeout(300_000);
  let tarball: string;
  before(() => {
    const out = tempDir();
    tarball = execFileSync(process.execPath, [path.join(REPO, 'scripts', 'pack-cli.mjs'), '--out', out, '--no-build'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!;
  });

  it("installs this project's sift from the tarball (not npm's unrelated `sift`), checks the study and posts the analysis diff", () => {
    assert.equal(path.basename(tarball), path.basename(WORKFLOW.env.SIFT_CLI!), 'the workflow names the tarball npm run pack:cli builds');
    const clone = pullRequestClone(tarball, (dir) => {
      const file = path.join(dir, 'themes', 'waiting-without-word.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Waiting without a word from anyone'));
    });
    const { steps, summary, gh } = runSteps(clone);
    assert.deepEqual(
      steps.map((s) => [s.name, s.code]),
      [
        ['Install Sift', 0],
        ['Check the analysis', 0],
        ['Describe the changes to the analysis', 0],
        ['Build the insight site', 0],
      ],
      steps.map((s) => s.stdout + s.stderr).join('\n'),
    );
    assert.match(steps[0]!.stdout, /^0\.1\.0$/m, 'sift --version is this project');
    assert.match(summary, /Waiting without a word from anyone/);
    assert.equal(readFileSync(path.join(clone, 'sift-diff.md'), 'utf8').trim(), summary.trim());
    assert.equal(gh.trim(), 'gh pr comment 7 --body-file sift-diff.md --edit-last');
  });

  it('builds the insight site on every run, into the folder the Pages artifact uploads; publishing waits for an opt-in', () => {
    const clone = pullRequestClone(tarball, (dir) => {
      const file = path.join(dir, 'themes', 'waiting-without-word.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Waiting without a word from anyone'));
    });
    const { steps } = runSteps(clone);
    assert.equal(steps.at(-1)!.name, 'Build the insight site');
    assert.equal(steps.at(-1)!.code, 0, steps.at(-1)!.stderr);
    const upload = WORKFLOW.jobs.analysis.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!;
    const site = path.join(clone, upload.with!.path!);
    assert.match(readFileSync(path.join(site, 'index.html'), 'utf8'), /<h1>Home adaptations and pension transition, 2026<\/h1>/);
    for (const page of ['insights.html', 'themes.html', 'search.html', 'assets/search/study.js']) assert.ok(existsSync(path.join(site, page)), page);
    assert.match(readFileSync(path.join(site, 'themes.html'), 'utf8'), /Waiting without a word from anyone/, "the pull request's analysis");
    const publish = WORKFLOW.jobs.publish;
    assert.equal(publish.needs, 'analysis');
    assert.match(publish.if, /github\.ref == 'refs\/heads\/main'/);
    assert.match(publish.if, /vars\.SIFT_PUBLISH_SITE == 'true'/, "a site shows participants' words: never published without an opt-in");
    assert.deepEqual(publish.permissions, { pages: 'write', 'id-token': 'write' });
    assert.ok(publish.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@')));
  });

  it('fails the check with an annotation at the file and line when the pull request breaks the analysis', () => {
    const clone = pullRequestClone(tarball, (dir) => {
      const file = path.join(dir, 'highlights', 'transcripts', 'interviews', 'p01.md.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('tags: [safety-and-falls, workarounds]', 'tags: [safety-and-falls, no-such-tag]'));
    });
    const { steps, summary } = runSteps(clone);
    assert.deepEqual(
      steps.map((s) => [s.name, s.code]),
      [
        ['Install Sift', 0],
        ['Check the analysis', 1],
        ['Describe the changes to the analysis', 0],
      ],
      steps.map((s) => s.stdout + s.stderr).join('\n'),
    );
    assert.match(steps[1]!.stdout, /^::error file=highlights\/transcripts\/interviews\/p01\.md\.yaml,line=\d+,col=\d+.*no-such-tag/m);
    assert.match(summary, /no-such-tag/);
  });
});
