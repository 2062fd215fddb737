/**
 * Faults with real files and real processes: crashes mid-write, two writers on one file,
 * merge-conflict markers, transcripts deleted or renamed, a full disk and a read-only
 * folder. Each records how many bytes of the user's work were lost (must be 0).
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { cleanupTemps, copyOfExample, fingerprint, sift } from '../cli/support';
import { fault } from './figures';
import { lostBytes, tempLitter, userFiles } from './support/files';
import { killAll, siftProcess, writerProcess, writerResult, type Child } from './support/processes';

afterEach(killAll);
after(cleanupTemps);

const HIGHLIGHTS = 'highlights/transcripts/interviews/p01.md.yaml';
const TRANSCRIPT = 'transcripts/interviews/p01.md';
const SCRAMBLED = { 'themes/scrambled.yaml': '# kept comment\nhighlights: []\nsummary: Later.\ntitle: Scrambled\n', 'themes/also-scrambled.yaml': 'summary: Also later.\ntitle: Also scrambled\n' };

/** A copy of the example with two themes out of canonical form, so `sift fmt` has two files to write. */
function studyToFormat(): string {
  const dir = copyOfExample();
  for (const [file, text] of Object.entries(SCRAMBLED)) writeFileSync(path.join(dir, file), text);
  return dir;
}

describe('faults: a crash mid-write (sift fmt killed with SIGKILL)', () => {
  for (const [point, injected, marker] of [
    ['between writing the temporary file and renaming it', 'hang-before-rename', /SIFT-FAULT renaming themes\/also-scrambled\.yaml/],
    ['halfway through writing the temporary file', 'hang-in-write', /SIFT-FAULT writing themes\/\.also-scrambled\.yaml\.[0-9a-f]{8}\.tmp/],
  ] as const) {
    it(`killed ${point}: the previous files are intact and the litter is not read as data`, () =>
      fault('Crash mid-write', `sift fmt killed ${point}`, async () => {
        const dir = studyToFormat();
        const before = userFiles(dir);
        const checked = sift(['check', dir, '--no-cache']);
        const child = siftProcess(['fmt', dir], { fault: injected, root: dir });
        await child.waitFor(marker);
        const { signal } = (await child.kill()) as { signal: string };
        assert.equal(signal, 'SIGKILL');
        const lost = lostBytes(before, dir);
        assert.deepEqual(userFiles(dir), before, 'no file changed');
        const litter = tempLitter(dir);
        assert.ok(litter.length >= 1, 'the temporary file of the killed write is still there');
        // The litter is not data: check reads the study exactly as before the crash…
        assert.equal(sift(['check', dir, '--no-cache']).stdout, checked.stdout);
        // …and the next run takes over the dead process's lock and finishes the job.
        const again = sift(['fmt', dir]);
        assert.equal(again.code, 0, again.stderr);
        assert.equal(sift(['fmt', dir, '--check']).code, 0);
        assert.match(readFileSync(path.join(dir, 'themes/scrambled.yaml'), 'utf8'), /# kept comment/);
        return { lostBytes: lost, detail: `every file unchanged after the kill; ${litter.length} temporary file(s) left, ignored by check; the next \`sift fmt\` took over the lock and finished` };
      }));
  }
});

describe('faults: two writers on the same highlights file', () => {
  /** Two highlight ids of p01 and tags of the codebook that neither has yet. */
  function setting(dir: string): { id: string; tags: string[] } {
    const file = parse(readFileSync(path.join(dir, HIGHLIGHTS), 'utf8')) as { highlights: { id: string; tags: string[] }[] };
    const codebook = parse(readFileSync(path.join(dir, 'codebook.yaml'), 'utf8')) as { tags: { id: string }[] };
    const h = file.highlights[0]!;
    return { id: h.id, tags: codebook.tags.map((t) => t.id).filter((t) => !h.tags.includes(t)) };
  }
  const tagsNow = (dir: string, id: string) => (parse(readFileSync(path.join(dir, HIGHLIGHTS), 'utf8')) as { highlights: { id: string; tags: string[] }[] }).highlights.find((h) => h.id === id)!.tags;

  it('both planned against the same version: the second is refused as stale, with a sentence', () =>
    fault('Two writers', 'two processes planned on one version, applied together', async () => {
      const dir = copyOfExample();
      const { id, tags } = setting(dir);
      const barrier = path.join(dir, '.sift-barrier');
      const writers = [tags[0]!, tags[1]!].map((tag) => writerProcess([dir, id, tag, '--barrier', barrier]));
      await Promise.all(writers.map((w) => w.waitFor(/PLANNED/, 60000)));
      writeFileSync(barrier, '');
      await Promise.all(writers.map((w) => w.exited));
      const results = writers.map(writerResult);
      const winner = results.findIndex((r) => r.ok);
      assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
      const loser = results[1 - winner]!;
      assert.match(loser.error!, /changed on disk while Sift was working; nothing was written/);
      const now = tagsNow(dir, id);
      assert.ok(now.includes(tags[winner]!) && !now.includes(tags[1 - winner]!), now.join());
      return { lostBytes: 0, detail: `one write landed; the other was refused: "${loser.error}"` };
    }));

  it('the second writer reloads and reapplies: both updates are kept', () =>
    fault('Two writers', 'two processes planned on one version, the refused one retries', async () => {
      const dir = copyOfExample();
      const { id, tags } = setting(dir);
      const barrier = path.join(dir, '.sift-barrier');
      const writers = [tags[0]!, tags[1]!].map((tag) => writerProcess([dir, id, tag, '--barrier', barrier, '--retry']));
      await Promise.all(writers.map((w) => w.waitFor(/PLANNED/, 60000)));
      writeFileSync(barrier, '');
      await Promise.all(writers.map((w) => w.exited));
      const results = writers.map(writerResult);
      assert.ok(
        results.every((r) => r.ok),
        JSON.stringify(results),
      );
      const now = tagsNow(dir, id);
      const missing = tags.slice(0, 2).filter((t) => !now.includes(t));
      assert.deepEqual(missing, []);
      return { lostBytes: missing.length, detail: `both tags kept; attempts ${results.map((r) => r.attempts).join(' and ')}` };
    }));

  it('a writer paused between its check and its rename: the other waits for the lock and is then refused', () =>
    fault('Two writers', 'second writer arrives while the first is inside its write', async () => {
      const dir = copyOfExample();
      const { id, tags } = setting(dir);
      const release = path.join(dir, '.sift-release');
      const barrier = path.join(dir, '.sift-go');
      writeFileSync(barrier, '');
      const first = writerProcess([dir, id, tags[0]!], { fault: 'hang-before-rename', root: dir, release });
      await first.waitFor(/SIFT-FAULT renaming/, 60000);
      // The second loads the old file (the first has not renamed yet) and plans on it.
      const second = writerProcess([dir, id, tags[1]!, '--barrier', barrier]);
      await second.waitFor(/PLANNED/, 60000);
      await new Promise((r) => setTimeout(r, 400));
      assert.ok(!second.stdout.includes('{'), `the second writer must wait for the first: ${second.stdout}`);
      writeFileSync(release, '');
      await Promise.all([first.exited, second.exited]);
      assert.equal(writerResult(first).ok, true, first.stderr);
      const r = writerResult(second);
      assert.equal(r.ok, false);
      assert.match(r.error!, /changed on disk while Sift was working; nothing was written/);
      const now = tagsNow(dir, id);
      assert.ok(now.includes(tags[0]!), 'the first update is kept');
      return { lostBytes: now.includes(tags[0]!) ? 0 : 1, detail: 'the second writer waited on the lock while the first was paused before its rename, then was refused as stale (without the lock it overwrote the first)' };
    }));

  it('four writers at once, each retrying: every update is kept', () =>
    fault('Two writers', 'four processes tag one highlight at once', async () => {
      const dir = copyOfExample();
      const { id, tags } = setting(dir);
      const chosen = tags.slice(0, 4);
      const writers: Child[] = chosen.map((tag) => writerProcess([dir, id, tag, '--retry']));
      await Promise.all(writers.map((w) => w.exited));
      const results = writers.map(writerResult);
      assert.ok(
        results.every((r) => r.ok),
        JSON.stringify(results),
      );
      const missing = chosen.filter((t) => !tagsNow(dir, id).includes(t));
      assert.deepEqual(missing, []);
      return { lostBytes: missing.length, detail: `all 4 tags kept; attempts ${results.map((r) => r.attempts).join(', ')}` };
    }));
});

describe('faults: a full disk and a read-only folder (injected into node:fs)', () => {
  for (const [name, injected, reason] of [
    ['the disk fills up during the write', 'enospc-after:40', /Could not write themes\/[a-z-]+\.yaml: the disk is full \(ENOSPC\)\. Nothing was changed\./],
    ['the folder is read-only', 'erofs', /Could not write themes\/[a-z-]+\.yaml: the folder is on a read-only file system \(EROFS\)\. Nothing was changed\./],
  ] as const) {
    it(`${name}: a clear error, exit 1, no file changed and no partial file left`, () =>
      fault('Disk', `sift fmt when ${name}`, async () => {
        const dir = studyToFormat();
        const before = userFiles(dir);
        const child = siftProcess(['fmt', dir], { fault: injected, root: dir });
        const { code } = await child.exited;
        assert.equal(code, 1, child.stdout + child.stderr);
        assert.match(child.stderr, reason);
        assert.doesNotMatch(child.stderr, /\n\s+at /, 'no stack trace');
        assert.deepEqual(tempLitter(dir), []);
        const lost = lostBytes(before, dir);
        assert.deepEqual(userFiles(dir), before);
        return { lostBytes: lost, detail: `exit 1: "${child.stderr.trim().split('\n').pop()}"` };
      }));
  }
});

describe('faults: merge-conflict markers in every kind of YAML file', () => {
  const files = {
    research: 'research.yaml',
    codebook: 'codebook.yaml',
    participants: 'participants.yaml',
    highlights: HIGHLIGHTS,
    theme: 'themes/waiting-without-word.yaml',
    insight: 'insights/silence-during-waits-feels-like-being-forgotten.yaml',
    persona: 'personas/caught-out-at-pension-age.yaml',
    journey: 'journeys/getting-an-adaptation-fitted.yaml',
  };
  for (const [kind, file] of Object.entries(files)) {
    it(`${kind}: reported at the marker lines; sift fmt and sift anchor leave the file alone`, () =>
      fault('Merge conflict', `markers in ${file}`, () => {
        const dir = copyOfExample();
        const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
        const at = lines.findIndex((l, i) => i > 0 && /^\w+:/.test(l)); // a top-level key after the first line
        assert.ok(at > 0, `no top-level key to conflict on in ${file}`);
        lines.splice(at, 1, '<<<<<<< HEAD', lines[at]!, '=======', lines[at]! + ' (their edit)', '>>>>>>> feature');
        writeFileSync(path.join(dir, file), lines.join('\n'));
        const before = userFiles(dir);
        const printed = fingerprint(dir);
        const r = sift(['check', dir, '--no-cache']);
        assert.equal(r.code, 1);
        for (const line of [at + 1, at + 3, at + 5]) assert.match(r.stdout, new RegExp(`^${file.replace(/\./g, '\\.')}:${line}:1: error: Unresolved git merge conflict`, 'm'));
        for (const command of ['fmt', 'anchor']) {
          sift([command, dir]);
          assert.deepEqual(fingerprint(dir), printed, `${command} must not touch any file`);
        }
        return { lostBytes: lostBytes(before, dir), detail: `check: 3 errors at lines ${at + 1}, ${at + 3}, ${at + 5}; fmt and anchor wrote nothing` };
      }));
  }
});

describe('faults: a transcript deleted', () => {
  it('its highlights are kept, reported orphaned, and never deleted by sift anchor or sift fmt', () =>
    fault('Transcript', 'transcript deleted', () => {
      const dir = copyOfExample();
      rmSync(path.join(dir, TRANSCRIPT));
      const before = userFiles(dir);
      const r = sift(['check', dir, '--no-cache']);
      assert.equal(r.code, 1);
      assert.match(r.stdout, new RegExp(`^${HIGHLIGHTS.replace(/\./g, '\\.')}:1:\\d+: error: The transcript ${TRANSCRIPT} does not exist.*Its highlights are kept`, 'm'));
      const json = JSON.parse(sift(['check', dir, '--format', 'json']).stdout) as { highlights: { file: string; state: string }[] };
      const ours = json.highlights.filter((h) => h.file === HIGHLIGHTS);
      assert.ok(ours.length > 0 && ours.every((h) => h.state === 'orphaned'));
      for (const command of ['anchor', 'fmt']) sift([command, dir]);
      assert.ok(existsSync(path.join(dir, HIGHLIGHTS)));
      return { lostBytes: lostBytes(before, dir), detail: `${ours.length} highlights reported orphaned; the highlights file untouched by anchor and fmt` };
    }));
});

describe('faults: a transcript renamed', () => {
  const RENAMED = 'transcripts/interviews/p01-mrs-hughes.md';
  const highlightsOf = (dir: string, file: string) => (parse(readFileSync(path.join(dir, file), 'utf8')) as { highlights: unknown[] }).highlights;

  it('check names the new place; sift anchor moves the highlights file there, every highlight kept', () =>
    fault('Transcript', 'transcript renamed (git mv)', () => {
      const dir = copyOfExample();
      const before = highlightsOf(dir, HIGHLIGHTS);
      renameSync(path.join(dir, TRANSCRIPT), path.join(dir, RENAMED));
      const r = sift(['check', dir, '--no-cache']);
      assert.equal(r.code, 1);
      assert.match(r.stdout, new RegExp(`error: The transcript ${TRANSCRIPT} does not exist; it looks renamed to ${RENAMED} \\(the same text\\)\\..*\`sift anchor\` moves them`));
      const a = sift(['anchor', dir]);
      assert.equal(a.code, 0, a.stderr);
      const target = `highlights/${RENAMED}.yaml`;
      assert.match(a.stdout, new RegExp(`^moved ${HIGHLIGHTS.replace(/\./g, '\\.')} to ${target.replace(/\./g, '\\.')}`, 'm'));
      assert.ok(!existsSync(path.join(dir, HIGHLIGHTS)));
      const after = highlightsOf(dir, target);
      assert.deepEqual(after, before, 'the highlights moved unchanged');
      assert.match(readFileSync(path.join(dir, target), 'utf8'), new RegExp(`^source: ${RENAMED}$`, 'm'));
      const checked = sift(['check', dir, '--format', 'json']);
      assert.equal(checked.code, 0, checked.stdout);
      assert.ok((JSON.parse(checked.stdout) as { highlights: { state: string }[] }).highlights.every((h) => h.state === 'anchored'));
      return { lostBytes: before.length - after.length, detail: `check suggested the fix; \`sift anchor\` moved ${after.length} highlights to ${target}; check clean again` };
    }));

  it('renamed and edited: not guessed; the highlights stay, reported as missing their transcript', () =>
    fault('Transcript', 'transcript renamed and edited', () => {
      const dir = copyOfExample();
      const text = readFileSync(path.join(dir, TRANSCRIPT), 'utf8');
      rmSync(path.join(dir, TRANSCRIPT));
      writeFileSync(path.join(dir, RENAMED), text + '\nInterviewer: One more thing.\n');
      const before = userFiles(dir);
      assert.match(sift(['check', dir, '--no-cache']).stdout, /error: The transcript transcripts\/interviews\/p01\.md does not exist \(or is not matched/);
      sift(['anchor', dir]);
      return { lostBytes: lostBytes(before, dir), detail: 'reported as a missing transcript; nothing moved or deleted (fix by hand: change `source:` and move the file)' };
    }));
});
