/**
 * `sift report` and `sift site` on a study with no findings. An empty study (nothing heard,
 * nothing concluded) has nothing to share: exit 1, nothing written. A study with transcripts
 * but no insight, theme, accepted persona or journey yet still has something to say (who was
 * heard against the targets, how far coding has got), so it gets that report, saying at the
 * top that there are no findings yet. Found by the audit of the CLI's outputs (both exited 0
 * with "0 participants, 0 transcripts" and headings over nothing).
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTemps, copyOfExample, fingerprint, sift, tempDir } from './support';

const NO_FINDINGS = 'This study has no findings yet: no insight, theme, accepted persona or journey has been written, so only who was heard and how the study was done are shown.';

describe('report and site of a study with no findings', function () {
  this.timeout(120_000);
  after(cleanupTemps);

  describe('an empty study (sift init, nothing added)', () => {
    let dir: string;
    before(() => {
      dir = path.join(tempDir(), 'study');
      assert.equal(sift(['init', dir, '--name', 'Empty']).code, 0);
    });

    it('report exits 1, says why in a sentence and prints no report', () => {
      const r = sift(['report', dir]);
      assert.equal(r.code, 1, r.stdout);
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr.trim(),
        'Nothing to report: the study has no transcripts, highlights, insights or themes yet, so no report was made. Add transcripts to transcripts/ (or `sift import transcript`), code them, then group what you find into themes and insights.',
      );
    });

    it('report --out writes no file', () => {
      const before = fingerprint(dir);
      const out = path.join(path.dirname(dir), 'report.html');
      const r = sift(['report', dir, '--out', out]);
      assert.equal(r.code, 1, r.stdout);
      assert.equal(existsSync(out), false);
      assert.deepEqual(fingerprint(dir), before);
    });

    it('site exits 1, says why and writes no folder', () => {
      const out = path.join(path.dirname(dir), 'site');
      const r = sift(['site', dir, '--out', out]);
      assert.equal(r.code, 1, r.stdout);
      assert.equal(
        r.stderr.trim(),
        'Nothing to publish: the study has no transcripts, highlights, insights or themes yet, so no site was made. Add transcripts to transcripts/ (or `sift import transcript`), code them, then group what you find into themes and insights.',
      );
      assert.equal(existsSync(out), false);
    });
  });

  describe('the example study with its insights, themes, personas and journeys removed (13 transcripts, 101 highlights)', () => {
    let dir: string;
    before(() => {
      dir = copyOfExample();
      for (const folder of ['insights', 'themes', 'personas', 'journeys']) rmSync(path.join(dir, folder), { recursive: true, force: true });
    });

    it('report exits 0 and says first, under "At a glance", that there are no findings yet', () => {
      const r = sift(['report', dir]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`\\n## At a glance\\n\\n${NO_FINDINGS.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&')}\\n\\n- Under-represented: `));
      assert.match(r.stdout, /\n## Who we heard from\n/);
      assert.equal(r.stderr.trim(), 'Note: no findings yet (no insight, theme, accepted persona or journey), so the report shows only who was heard and how; it says so at the top.');
    });

    it('the HTML report says the same', () => {
      const out = path.join(path.dirname(dir), 'report.html');
      const r = sift(['report', dir, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(readFileSync(out, 'utf8').includes(`>${NO_FINDINGS}</p>`));
    });

    it('the site exits 0 and its overview says there are no findings yet', () => {
      const out = path.join(path.dirname(dir), 'site');
      const r = sift(['site', dir, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(readFileSync(path.join(out, 'index.html'), 'utf8').includes(`>${NO_FINDINGS}</p>`));
      assert.equal(r.stderr.trim(), 'Note: no findings yet (no insight, theme, accepted persona or journey), so the site shows only who was heard and how; it says so on its first page.');
    });

    it('draft personas alone are no findings, and the report counts them', () => {
      const persona = path.join(dir, 'personas', 'draft.yaml');
      rmSync(path.join(dir, 'personas'), { recursive: true, force: true });
      mkdirSync(path.dirname(persona));
      writeFileSync(persona, 'name: Pat\nstatus: draft\nparticipants: [P01, P02]\n');
      const r = sift(['report', dir]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(`${NO_FINDINGS.slice(0, -1)} (1 draft persona awaits the team's acceptance).`), r.stdout.slice(0, 1500));
    });
  });
});
